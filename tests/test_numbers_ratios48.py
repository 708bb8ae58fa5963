"""Session 48 (spent round 43, tor-03): a ratio said with any numerator and "from every" / "of
each" ("nine claims from every hundred"), a bare "hundred" as its denominator, and "at the end"
as the time after the work."""

import pytest

from voice_coach.analysis.numbers import normalize_numbers, said_changes


@pytest.mark.parametrize("said, read", [
    ("only around nine claims from every hundred referred were fraud",
     "only around 9 in every 100 claims referred were fraud"),
    ("at the end it was twenty-three from every hundred", "at the end it was 23 in 100"),
    ("three of every ten orders were late", "3 of every 10 orders were late"),
    ("one of each five calls", "1 in 5 calls"),
    ("two of each team joined", "2 of each team joined"),  # no denominator: no ratio
    ("we opened stores in hundreds of towns", "we opened stores in hundreds of towns"),
])
def test_ratios_from_every(said, read):
    assert normalize_numbers(said) == read


def test_in_the_beginning_then_at_the_end():
    clauses = [normalize_numbers(c).lower() for c in (
        "in the beginning only around nine claims from every hundred referred were really fraud.",
        "result: at the end it was twenty-three from every hundred.")]
    assert [(p.before.shown, p.after.shown) for p in said_changes(clauses).pairs] == [
        ("only around 9 in every 100", "23 in 100")]
