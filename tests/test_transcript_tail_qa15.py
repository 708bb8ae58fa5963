"""The answer's last words are transcribed (QA15 F11, issue #12 "no speech is ever silently
lost"). Real audio: tests/data/qa15/lp1_a2.flac, the trial's 62 s espeak-ng answer (en-gb+f3),
which ends "…What I learned is to check the data before touching the model." with no silence
after the last word, as an answer cut by Enter does. The default first pass (greedy tiny.en,
one call) stops at "before": 0.74 s of speech after it, below the 1.0 s lost-speech rule."""

from __future__ import annotations

import pytest

from voice_coach.analysis.coverage import tail_coverage, tail_stretch, word_coverage
from voice_coach.analysis.vad import SpeechRegion
from voice_coach.audio import load_audio
from voice_coach.config import Config
from voice_coach.pipeline import analyze_audio
from voice_coach.transcriber import Word, load_transcriber


def W(t, s, e):
    return Word(t, s, e, 0.9)


REGIONS = [SpeechRegion(0.0, 3.0), SpeechRegion(3.5, 6.0)]


def test_tail_stretch_is_the_uncovered_end():
    words = [W("we", 0.1, 0.5), W("checked", 0.5, 2.9), W("the", 3.6, 4.0), W("data", 4.0, 4.5)]
    st = tail_stretch(REGIONS, words)
    assert st is not None and st.start_s == pytest.approx(4.85) and st.end_s == 6.0


def test_no_tail_stretch_when_the_end_is_covered_or_short():
    covered = [W("we", 0.1, 0.5), W("checked", 0.5, 2.9), W("it", 3.6, 5.9)]
    assert tail_stretch(REGIONS, covered) is None
    short = [W("we", 0.1, 0.5), W("checked", 0.5, 2.9), W("it", 3.6, 5.5)]
    assert tail_stretch(REGIONS, short) is None  # 0.15 s uncovered: below TAIL_LOST_S


def test_tail_coverage_counts_the_last_second_of_speech():
    words = [W("we", 0.1, 0.5), W("checked", 0.5, 2.9), W("the", 3.6, 4.0), W("data", 4.0, 4.5)]
    assert tail_coverage(REGIONS, words) == pytest.approx(0.0)
    assert tail_coverage(REGIONS, [*words, W("x", 4.9, 5.9)]) == pytest.approx(1.0)
    assert tail_coverage(REGIONS, [*words, W("x", 5.5, 5.9)]) == pytest.approx(0.85)


@pytest.fixture(scope="module")
def report(data_dir):
    cfg = Config()
    audio = load_audio(data_dir / "qa15" / "lp1_a2.flac")
    tr = load_transcriber(cfg.transcriber.backend, cfg.transcriber.model,
                          beam_size=cfg.transcriber.beam_size)
    return analyze_audio(audio, cfg=cfg, transcriber=tr)


def test_real_last_words_are_transcribed(report):
    text = " ".join(w.text for w in report.transcript.words).lower()
    assert text.rstrip(".").endswith("touching the model"), text[-120:]
    regions = [SpeechRegion(s.start, s.end) for s in report.delivery.speech_segments]
    assert tail_coverage(regions, report.transcript.words) == pytest.approx(1.0)
    assert word_coverage(regions, report.transcript.words) >= 0.97
