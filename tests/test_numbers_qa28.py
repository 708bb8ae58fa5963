"""QA28 F3 (issue #17) in `analysis.numbers.normalize_numbers`: a period word glued by a
hyphen that opens a word (Whisper's "4 million chroma -year") is the period said ("a year");
a compound ("person-year", "year-on-year") and a span after a number ("5 -day") are left."""

from __future__ import annotations

import pytest

from voice_coach.analysis.numbers import normalize_numbers


@pytest.mark.parametrize("said, normal", [
    ("we lost about 2 million pesos -year in fines", "we lost about 2M pesos a year in fines"),
    ("the team got back 120 hours -month", "the team got back 120 hours a month"),
    ("roughly 30000 crowns -quarter", "roughly 30000 crowns a quarter"),
])
def test_a_period_glued_by_a_hyphen_is_the_period(said, normal):
    assert normalize_numbers(said) == normal


@pytest.mark.parametrize("text", [
    "it took one person-year of work",
    "revenue grew year-on-year",
    "a 5 -day window",
])
def test_compounds_and_spans_left_as_written(text):
    assert "a day" not in normalize_numbers(text) and "a year" not in normalize_numbers(text)
