"""Work moved from after the end of a live answer into the answer changes no result.

The VAD computed while an answer is recorded (`SpeechStream`) is the batch VAD, exactly. Real clips of tests/data go through the real recorder (`FileSource` → `record_answer`) into a
`SpeechStream`, and the saved WAV through `speech_and_quiet`: speech regions, quiet speech,
Silero probabilities and frame levels must be equal bit for bit (no tolerance: the pauses of a
live answer's report must be the ones `analyze` finds in its WAV). Then the streaming
transcriber and the pipeline with real Whisper: the report made with the streamed VAD equals the
one made with the batch VAD, and a streamed VAD of other audio or options is never used. And
the warm-up analysis run before the first answer leaves nothing that changes a report.
"""

from __future__ import annotations

import numpy as np
import pytest

from voice_coach import pipeline
from voice_coach.analysis.vad import (
    BATCH_WINDOWS,
    WINDOW_SAMPLES,
    SpeechStream,
    frame_levels_db,
    speech_and_quiet,
)
from voice_coach.audio import FileSource, load_audio
from voice_coach.config import Config, VadOptions
from voice_coach.recorder import record_answer
from voice_coach.streaming import StreamingTranscriber
from voice_coach.transcriber import load_transcriber

CFG = Config()
# real speech of every kind in tests/data: read, spontaneous meeting speech with other speakers
# faintly audible, hesitant speech with fillers, synthetic answers with long pauses
CLIPS = ["jfk", "ami_es2004a_fee013_buttons", "ami_es2004a_meo015_lcd", "mfa_uh", "mfa_um",
         "mfa_internalsil", "mfa_acoustic_corpus", "librispeech_2412_153948_0000",
         "praatio_mary", "syn_long_silence_90s", "espeak_ml_overfitting_en-gb-f3"]


@pytest.mark.parametrize("cid", CLIPS)
def test_streamed_vad_of_a_recorded_answer_is_the_batch_vad(cid, clip, tmp_path, vad_model):
    stream = SpeechStream(CFG.vad, vad_model)
    wav = tmp_path / "answer-01.wav"
    with FileSource(clip(cid)) as src:
        record_answer(src, wav, cfg=CFG, block_listener=stream.add)
    heard = stream.finish()
    audio = load_audio(wav)
    batch = speech_and_quiet(audio, CFG.vad, model=vad_model)
    assert batch.regions, "the clip has speech"
    assert heard.speech == batch  # regions and quiet speech, to the last bit of every edge
    assert heard.of(audio, CFG.vad)


@pytest.mark.parametrize("block", [1, 333, 512, 1600, 4000, BATCH_WINDOWS * WINDOW_SAMPLES + 7])
def test_any_block_size_gives_the_batch_measurements(block, clip, vad_model):
    audio = load_audio(clip("mfa_internalsil"))
    audio = audio[: audio.size - 100]  # a partial last window and a partial last frame
    if block == 1:
        audio = audio[: 3 * BATCH_WINDOWS * WINDOW_SAMPLES + 999]  # keep the test fast
    stream = SpeechStream(CFG.vad, vad_model)
    for i in range(0, audio.size, block):
        stream.add(audio[i:i + block])
    heard = stream.finish()
    assert np.array_equal(stream.probabilities, vad_model.probabilities(audio))
    assert np.array_equal(stream.levels_db, frame_levels_db(audio))
    assert heard.speech == speech_and_quiet(audio, CFG.vad, model=vad_model)


def test_heard_speech_is_only_for_its_own_audio_and_options(clip, vad_model):
    audio = load_audio(clip("jfk"))
    stream = SpeechStream(CFG.vad, vad_model)
    stream.add(audio)
    heard = stream.finish()
    assert heard.of(audio.copy(), CFG.vad)
    masked = audio.copy()
    masked[16000:16160] = 0.0  # a drill masks its prompts after recording
    assert not heard.of(masked, CFG.vad)
    assert not heard.of(audio[:-1], CFG.vad)
    assert not heard.of(audio, VadOptions(threshold=0.6))


def test_empty_stream_has_no_speech(vad_model):
    heard = SpeechStream(CFG.vad, vad_model).finish()
    assert heard.speech.regions == [] and heard.n_samples == 0
    assert heard.of(np.zeros(0, np.float32), CFG.vad)


@pytest.fixture(scope="module")
def tiny():
    return load_transcriber("faster-whisper", "tiny.en")


@pytest.mark.slow
def test_live_report_with_the_streamed_vad_equals_the_batch_vad_report(clip, tiny, vad_model):
    """An answer through the streaming transcriber: the report made with its streamed VAD is the
    report made by running the VAD again after the end (pauses, pace, scores, feedback)."""
    audio = np.concatenate([load_audio(clip("mfa_um")), load_audio(clip("jfk"))])
    with StreamingTranscriber(tiny, initial_prompt=pipeline.filler_prompt(CFG),
                              vad_options=CFG.vad, vad_model=vad_model) as s:
        assert s.heard() is None  # nothing before finish()
        for i in range(0, audio.size, 1600):
            s.feed(audio[i:i + 1600])
        transcript = s.finish()
        heard = s.heard()
    assert heard.of(audio, CFG.vad)
    streamed = pipeline.analyze_audio(audio, cfg=CFG, transcriber=tiny, transcript=transcript,
                                      vad_model=vad_model, heard=heard)
    batch = pipeline.analyze_audio(audio, cfg=CFG, transcriber=tiny, transcript=transcript,
                                   vad_model=vad_model)
    assert streamed.delivery.speech_segments and streamed.delivery == batch.delivery
    assert streamed.scores == batch.scores and streamed.feedback == batch.feedback
    # a streamed VAD of other audio is ignored: the VAD runs again on the audio analysed
    masked = audio.copy()
    masked[: 3 * 16000] = 0.0
    other = pipeline.analyze_audio(masked, cfg=CFG, transcriber=tiny, transcript=transcript,
                                   vad_model=vad_model, heard=heard)
    again = pipeline.analyze_audio(masked, cfg=CFG, transcriber=tiny, transcript=transcript,
                                   vad_model=vad_model)
    assert other.delivery == again.delivery and other.delivery != streamed.delivery


def test_warm_up_changes_no_result():
    """The warm-up analysis of a made-up answer (run while the first question is spoken) leaves
    nothing behind that changes a report: the same answer before and after it, identical."""
    from voice_coach.interview import warm_analysis
    from voice_coach.questions import load_bank

    question = load_bank().get("lp-dive-deep-1")
    text = ("I was on call when our ranking model's click-through fell by 30 percent overnight. "
            "I owned the investigation. I compared feature distributions and found a logging "
            "change had zeroed one feature, so I fixed the pipeline and backfilled. "
            "Click-through came back from 2.1 to 3.0 percent within a day.")
    first = pipeline.analyze_text(text, cfg=CFG, question=question)
    warm_analysis(CFG, question).join()
    second = pipeline.analyze_text(text, cfg=CFG, question=question)
    assert first.structure == second.structure and first.scores == second.scores
    assert first.feedback == second.feedback and first.follow_up == second.follow_up


@pytest.mark.slow
def test_a_live_practice_answer_has_the_speech_segments_analyze_finds(tmp_path, clip):
    """End to end: `practice --realtime` (the streamed VAD) and `analyze` of the WAV it saved
    (the batch VAD) report the same speech segments and quiet speech."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    repo = Path(__file__).resolve().parents[1]
    env = dict(os.environ, VOICE_COACH_RECORDINGS=str(tmp_path), PYTHONPATH=str(repo))

    def cli(*argv: str) -> str:
        proc = subprocess.run([sys.executable, "-m", "voice_coach", *argv], capture_output=True,
                              text=True, timeout=600, cwd=repo, env=env)
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    cli("practice", "--question", "lp-dive-deep-1", "--input", str(clip("mfa_um")), "--realtime",
        "--no-voice", "--no-follow-up")
    [saved] = tmp_path.glob("*/answer-01.json")
    live = json.loads(saved.read_text())["delivery"]
    batch = json.loads(cli("analyze", str(saved.with_suffix(".wav")), "--json"))["delivery"]
    assert live["speech_segments"] and live["speech_segments"] == batch["speech_segments"]
    assert live.get("quiet_speech") == batch.get("quiet_speech")
