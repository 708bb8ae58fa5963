"""Long files (`pipeline.analyze_file` past `LONG_FILE_S`): read window by window, and only a
window the VAD finds speech in gets the pitch track (librosa YIN) and Whisper.

A real recording: a 1.9 s spoken sentence near the start and near the end over a quiet noise
bed, so the window in between holds no speech. Real VAD, real Whisper (tiny.en); librosa's YIN
is wrapped to count the audio it runs on (it still runs). The window length and the long-file
limit are set to seconds instead of minutes so the test stays cheap: the windowed path is the
same code (the product's sizes: `make bench`, bench/long_file.py).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from voice_coach import pipeline
from voice_coach.config import Config

SR = 16000
WINDOW_S = 15.0  # stands in for ANALYSIS_WINDOW_S (120 s)
FILE_S = 45.0  # past the long-file limit set below: three windows of at most WINDOW_S
SPEECH_AT_S = (1.0, 40.0)  # the sentence in the first and the last window only
NOISE_RMS = 1e-3


@pytest.fixture(scope="module")
def gap_wav(tmp_path_factory, clip) -> Path:
    speech, sr = sf.read(str(clip("praatio_mary")), dtype="float32")
    assert sr == SR
    audio = (np.random.default_rng(5).standard_normal(int(FILE_S * SR)) * NOISE_RMS
             ).astype(np.float32)
    for at in SPEECH_AT_S:
        audio[int(at * SR):int(at * SR) + speech.size] += speech
    path = tmp_path_factory.mktemp("long") / "gap.wav"
    sf.write(path, audio, SR, subtype="PCM_16")
    return path


@pytest.mark.slow
def test_pitch_is_tracked_only_in_windows_with_speech(gap_wav, monkeypatch):
    import librosa

    from voice_coach.transcriber import load_transcriber

    monkeypatch.setattr(pipeline, "LONG_FILE_S", WINDOW_S)
    monkeypatch.setattr(pipeline, "ANALYSIS_WINDOW_S", WINDOW_S)
    pitched: list[int] = []  # samples YIN ran on, per call
    real_yin = librosa.yin

    def counting_yin(y, **kwargs):
        pitched.append(len(y))
        return real_yin(y, **kwargs)

    monkeypatch.setattr(librosa, "yin", counting_yin)
    r = pipeline.analyze_file(gap_wav, cfg=Config(),
                              transcriber=load_transcriber("faster-whisper", "tiny.en",
                                                           beam_size=1))
    # two windows of speech got a pitch track, the middle one none (before: all FILE_S)
    assert sum(pitched) / SR <= 2 * WINDOW_S + 1.0, pitched
    # the speech is measured as before: both sentences heard and written, pitch statistics,
    # the loudness of every cell (the empty window's too), a pitch only where speech was
    d, p = r.delivery, r.prosody
    assert [round(s.start) for s in d.speech_segments] == [round(t) for t in SPEECH_AT_S]
    assert [w for w in r.words if w.start > SPEECH_AT_S[1]] and \
        [w for w in r.words if w.start < SPEECH_AT_S[1]]
    assert p.pitch.median_hz is not None
    step = p.energy.timeline.step_s
    assert len(p.energy.timeline.dbfs) == pytest.approx(FILE_S / step, abs=1)
    assert all(x is not None for x in p.energy.timeline.dbfs)
    assert all(p.pitch.timeline.hz[i] is None for i in range(len(p.pitch.timeline.hz))
               if WINDOW_S < i * step < 2 * WINDOW_S)
    # the stretch without speech is said where the user looks: one pause over it, flagged as
    # a silence in the feedback at its start (terminal, Markdown and HTML show the feedback)
    [long] = [x for x in d.pauses if x.duration >= Config().silence.long_silence_s]
    assert long.start < WINDOW_S and long.end > 2 * WINDOW_S
    assert [f for f in r.feedback if f.area == "silence" and f.at_s == long.start]
