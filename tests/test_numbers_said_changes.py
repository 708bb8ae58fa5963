"""Session 23 (review debt): `numbers.said_changes` returns the pairs and the times promised
against when they came as one typed value (`SaidChanges`), instead of filling a list the caller
passes in; `change_pairs` is its pairs. Own wordings."""

from __future__ import annotations

from voice_coach.analysis.numbers import SaidChanges, change_pairs, normalize_numbers, said_changes


def _clauses(text: str) -> list[str]:
    return [" ".join(normalize_numbers(c).lower().split()) for c in text.split(". ")]


def test_a_promise_against_when_it_came_is_returned_apart_from_the_pairs():
    said = said_changes(_clauses("The booking page says 8 minutes. And the van shows up after 30"))
    assert isinstance(said, SaidChanges)
    assert said.pairs == []
    assert [(p.before.text, p.after.text) for p in said.promised] == [("8 minutes", "30 minutes")]


def test_a_real_change_is_a_pair_and_nothing_is_promised():
    """Near case: a level before and after the work is a pair, with nothing set aside."""
    clauses = _clauses("The wait on the phone line went from 14 minutes to 5 minutes")
    said = said_changes(clauses)
    assert [(p.before.text, p.after.text) for p in said.pairs] == [("14 minutes", "5 minutes")]
    assert said.promised == []
    assert change_pairs(clauses) == said.pairs
