"""A sentence said far below the rest (~30 dB down, QA33 F4), with real tiny.en on real espeak-ng
audio: neither Silero nor the quiet-speech rules call it speech, yet it is no silence either.
Whisper, decoding the stretch alone, hears words: it is marked "speech not recognised — too
quiet", is no pause, holds no hesitation, and pace, structure and key points say what they could
not hear. Sound that is no voice (syllable-rate modulated noise at the same level) stays a pause.
Ground truth is where the clip put each sentence."""

from __future__ import annotations

import numpy as np
import pytest
from report_schema import check_report
from tools import require_tool

from bench.quiet_clips import espeak, pink

from voice_coach import pipeline
from voice_coach.analysis.quiet import TOO_QUIET
from voice_coach.audio import SAMPLE_RATE
from voice_coach.config import Config
from voice_coach.report import marked_transcript

pytestmark = pytest.mark.slow
CFG = Config()
SENTENCES = (
    "At the grid company we had to ship a new load forecast with no budget for hardware.",
    "So I took the existing day ahead model, I reused the same features, and I trained it on a "
    "single laptop overnight instead of renting a cluster.",
    "The forecast error went from nine percent to six percent and the traders used it from the "
    "first week.",
)
VOICE = "en-gb-x-gbclan"  # QA33 F4's voice
GAP_S = 0.6
FAINT_DB = -30.0  # the middle sentence, relative to the others
FLOOR_DB = -50.0  # a room's noise floor (pink), relative to the speech RMS (QA33 F4: −50 dB)


def make_clip(middle: str) -> tuple[np.ndarray, tuple[float, float]]:
    """Three sentences in QA33 F4's voice; the middle one is whispered (espeak-ng's
    whisper variant) 30 dB down ("voice") or replaced by noise
    of the same length and level whose loudness comes and goes 4 times a second ("noise").
    A quiet room's pink noise under all. Returns (audio, span of the middle)."""
    require_tool("espeak-ng", install="apt-get install -y espeak-ng")
    sents = [espeak(t, f"{VOICE}+whisper" if i == 1 else VOICE, 150, 100)
             for i, t in enumerate(SENTENCES)]
    if middle == "noise":
        rng = np.random.default_rng(4)
        n = sents[1].size
        rms = float(np.sqrt(np.mean(sents[1] ** 2)))
        env = 0.5 * (1 + np.sin(2 * np.pi * 4.0 * np.arange(n) / SAMPLE_RATE))
        sents[1] = (rng.standard_normal(n) * env * rms).astype(np.float32)
    sents[1] = sents[1] * np.float32(10 ** (FAINT_DB / 20))
    gap = np.zeros(int(GAP_S * SAMPLE_RATE), np.float32)
    a_s = (sents[0].size + gap.size) / SAMPLE_RATE
    b_s = a_s + sents[1].size / SAMPLE_RATE
    audio = np.concatenate([sents[0], gap, sents[1], gap, sents[2]])
    rms = float(np.sqrt(np.mean(sents[0] ** 2)))
    audio = audio + pink(audio.size, np.random.default_rng(5)) * rms * 10 ** (FLOOR_DB / 20)
    return audio.astype(np.float32), (a_s, b_s)


def test_a_sentence_said_30_db_down_is_marked_too_quiet_not_silence(transcriber, vad_model):
    audio, (a, b) = make_clip("voice")
    report = pipeline.analyze_audio(audio, cfg=CFG, transcriber=transcriber,
                                    vad_model=vad_model,
                                    question=None)
    check_report(report, audio=True)
    lost = [u for u in report.transcript.unrecognised if u.start < b and u.end > a]
    assert lost and all(u.reason == TOO_QUIET for u in lost), report.transcript.unrecognised
    assert sum(min(b, u.end) - max(a, u.start) for u in lost) >= 0.8 * (b - a)
    d = report.delivery
    assert not [p for p in d.pauses if p.start < b - 0.3 and p.end > a + 0.3], d.pauses
    assert not [w for w in report.words if a + 0.3 < (w.start + w.end) / 2 < b - 0.3]
    assert not [f for f in d.fillers if a < f.start < b], d.fillers
    assert not [f for f in report.feedback if f.area == "silence"]
    assert [f for f in report.feedback if "too quiet" in f.message]
    marks = [t.text for t in marked_transcript(report) if t.kind == "unrecognised"]
    assert any(TOO_QUIET in m for m in marks), marks
    assert d.wpm is not None and d.wpm >= 120  # said at 160 wpm: the lost time is not "slow"


def test_noise_at_the_same_level_that_comes_and_goes_stays_a_pause(transcriber, vad_model):
    audio, (a, b) = make_clip("noise")
    report = pipeline.analyze_audio(audio, cfg=CFG, transcriber=transcriber,
                                    vad_model=vad_model)
    check_report(report, audio=True)
    assert not [u for u in report.transcript.unrecognised if u.start < b and u.end > a]
    longest = max((min(b, p.end) - max(a, p.start) for p in report.delivery.pauses),
                  default=0.0)
    assert longest >= 0.8 * (b - a), report.delivery.pauses
