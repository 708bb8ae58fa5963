"""Session 56: a word Whisper splits into a fragment ("Over -fitting", QA133 F4) is one word for
pace, as said; a word cut off and said again ("mon- monthly") stays two."""

from __future__ import annotations

from voice_coach.analysis.delivery import analyze_delivery, spoken_words
from voice_coach.analysis.vad import SpeechRegion
from voice_coach.config import Config
from voice_coach.transcriber import Word


def _words(tokens: list[str]) -> list[Word]:
    return [Word(t, 1.0 + i * 0.5, 1.4 + i * 0.5, 0.9) for i, t in enumerate(tokens)]


def test_a_split_off_fragment_is_no_word_of_its_own():
    split = "We saw Over -fitting on the C -temperature feature".split()
    whole = "We saw Overfitting on the C-temperature feature".split()
    region = [SpeechRegion(1.0, 1.0 + 0.5 * len(split))]
    a = analyze_delivery(region, _words(split), 8.0, Config())
    b = analyze_delivery(region, _words(whole), 8.0, Config())
    assert a.word_count == b.word_count == 7
    assert a.wpm == b.wpm


def test_a_cut_off_word_and_a_dash_still_count():
    assert spoken_words("mon-") == 1
    assert spoken_words("-") == 1
    assert spoken_words("-15%") == 2
    assert spoken_words("-fitting,") == 0
