"""Quiet speech (analysis/quiet.py) on real audio generated on the fly: a sentence whispered far
below the rest is speech, not silence; pauses with a breath, clicks or background noise only
stay pauses. Ground truth is where the generated clip put each sentence."""

from __future__ import annotations

import numpy as np
import pytest
from report_schema import check_report
from tools import require_tool

from bench.quiet_clips import make_clip as quiet_clip

from voice_coach import pipeline
from voice_coach.analysis.delivery import find_pauses
from voice_coach.analysis.quiet import TOO_QUIET
from voice_coach.analysis.vad import SpeechRegion, speech_and_quiet
from voice_coach.audio import SAMPLE_RATE
from voice_coach.config import Config
from voice_coach.report import UNRECOGNISED_LABEL, marked_transcript
from voice_coach.report_model import AnswerReport, LostSpan, TranscriptInfo, Word
from voice_coach.transcriber import UnrecognisedStretch, load_transcriber

CFG = Config()
RATE_WPM = 160


def make_clip(whisper_amp: int | None, snr_db: float | None, seed: int = 0
              ) -> tuple[np.ndarray, tuple[float, float] | None, list[tuple[float, float]]]:
    """A `bench/quiet_clips.py` clip in en-us: four sentences (the third whispered at espeak
    -a `whisper_amp`, or normal when None), pauses with a breath, clicks or noise only, pink
    noise at `snr_db`. Returns (audio, quiet span, pauses)."""
    require_tool("espeak-ng", install="apt-get install -y espeak-ng")
    clip = quiet_clip(seed, "en-us", RATE_WPM, whisper_amp, snr_db)
    return clip["audio"], (clip["quiet"] or [None])[0], clip["pauses"]


def _inside_s(spans, a: float, b: float) -> float:
    return sum(max(0.0, min(b, s.end_s) - max(a, s.start_s)) for s in spans)


@pytest.mark.parametrize("amp,snr_db", [(30, None), (40, 20), (60, 30), (60, 10)])
def test_a_whispered_sentence_is_speech_not_silence(vad_model, amp, snr_db):
    audio, (a, b), pauses = make_clip(amp, snr_db, seed=amp)
    speech = speech_and_quiet(audio, CFG.vad, model=vad_model)
    assert speech.quiet, "the whispered sentence was not found"
    assert _inside_s(speech.quiet, a, b) >= 0.5 * (b - a)
    for q in speech.quiet:  # nothing outside the whispered sentence
        assert a - 0.3 <= q.start_s and q.end_s <= b + 0.3, (q, a, b)
    assert _inside_s(speech.regions, a, b) >= 0.6 * (b - a)
    found = find_pauses(speech.regions, CFG.silence.min_gap_s)
    assert not [p for p in found if p.start > a + 0.3 and p.end < b - 0.3 and p.duration >= 1.0]


@pytest.mark.parametrize("snr_db", [None, 30, 20, 10])
def test_pauses_with_a_breath_clicks_or_noise_stay_pauses(vad_model, snr_db):
    audio, _, pauses = make_clip(None, snr_db, seed=7)
    speech = speech_and_quiet(audio, CFG.vad, model=vad_model)
    assert speech.quiet == []
    found = find_pauses(speech.regions, CFG.silence.min_gap_s)
    for a, b in pauses:  # each true pause is still (mostly) silence
        longest = max((min(b, p.end) - max(a, p.start) for p in found), default=0.0)
        assert longest >= 0.5 * (b - a), (a, b, found)


def test_unrecognised_speech_inside_quiet_speech_says_too_quiet():
    quiet = [SpeechRegion(5.0, 13.0)]
    out = pipeline.report_stretches([UnrecognisedStretch(5.2, 12.8),
                                     UnrecognisedStretch(20.0, 22.0)], quiet)
    assert out == (LostSpan(5.2, 12.8, TOO_QUIET), LostSpan(20.0, 22.0, None))
    report = AnswerReport(transcript=TranscriptInfo(
        "Hello", words=(Word("Hello", 0.2, 0.6),), unrecognised=out))
    labels = [t.text for t in marked_transcript(report) if t.kind == "unrecognised"]
    assert labels == [f"{UNRECOGNISED_LABEL} — {TOO_QUIET}", UNRECOGNISED_LABEL]
    back = AnswerReport.from_json(report.to_json())  # the reason survives the store
    assert back.transcript.unrecognised == out


@pytest.mark.slow
def test_report_of_a_whispered_sentence_says_speak_up_not_silence(vad_model):
    audio, (a, b), _ = make_clip(40, 20, seed=3)
    transcriber = load_transcriber(CFG.transcriber.backend, CFG.transcriber.model,
                                   beam_size=CFG.transcriber.beam_size)
    report = pipeline.analyze_audio(audio, cfg=CFG, transcriber=transcriber,
                                    vad_model=vad_model)
    check_report(report, audio=True)
    d = report.delivery
    assert any(q.start <= b and q.end >= a for q in d.quiet_speech)
    assert not [p for p in d.pauses if p.start > a + 0.3 and p.end < b - 0.3
                and p.duration >= 1.0]
    tips = [f for f in report.feedback if "too quiet" in f.message]
    assert len(tips) == 1 and tips[0].severity == "warn"
    assert not [f for f in report.feedback if f.area == "silence"]
    words_in = [w for w in report.words if a <= w.start <= b]
    lost = [u for u in report.transcript.unrecognised if u.start < b and u.end > a]
    assert words_in or (lost and all(u.reason == TOO_QUIET for u in lost))
    assert d.wpm is not None and d.wpm >= 110  # espeak -s 160 with pauses: not "slow"


@pytest.mark.parametrize("seconds", [0.05, 0.1, 0.3, 0.6, 0.99])
def test_a_recording_shorter_than_quiet_speech_has_none_and_does_not_fail(vad_model, seconds):
    """A recording cut short (a kill, an answer stopped at once) is shorter than the density
    window; the VAD still runs and finds no quiet speech in it."""
    rng = np.random.default_rng(7)
    t = np.arange(int(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    audio = (0.3 * np.sin(2 * np.pi * 160 * t) + 0.01 * rng.standard_normal(t.size)).astype(np.float32)
    speech = speech_and_quiet(audio, Config().vad, model=vad_model)
    assert speech.quiet == []
    assert all(0 <= r.start_s <= r.end_s <= seconds + 1e-6 for r in speech.regions)
