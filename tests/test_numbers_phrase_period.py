"""QA23 (issue #17 run-through, R1-F2, R1-F5, the period half of R2-F2): a period said at the
end of an amount's own noun phrase is the amount's ("seven hundred thousand euros more gross
ticket revenue per month" → "€700K per month"; "2 million card transactions weekly"), kept in
the report's slot, the story bank, the brief and the scale line — never one said in another
clause after it ("we trained 4 models, and retrained weekly"). The wordings are this test's own."""

from __future__ import annotations

from datetime import datetime

import pytest

from voice_coach.analysis.numbers import normalize_numbers, phrase_period
from voice_coach.analysis.slot_values import shown_slot, slot_period
from voice_coach.analysis.structure import detect_scale
from voice_coach.store import Store
from tests.test_stories_followed_up import _save
from tests.tools import main_stdout


def _period(said: str) -> str | None:
    """The period `phrase_period` reads after the first word (the amount) of `said`."""
    span = phrase_period(said, said.index(" "))
    return said[span[0]:span[1]] if span else None


@pytest.mark.parametrize("said, period", [
    ("€700000 more gross ticket revenue per month", "per month"),
    ("2M card payments weekly", "weekly"),
    ("$40000 extra recurring subscription income each year", "each year"),
    ("5M the al more cleared volume per quarter", "per quarter"),  # a misheard currency between
    ("8000 support tickets annually", "annually"),
    ("€300000 a year", "a year"),
])
def test_the_period_that_ends_an_amounts_noun_phrase_is_its_own(said, period):
    assert _period(said) == period


@pytest.mark.parametrize("said", [
    "4 models, and retrained weekly",  # another clause
    "€2M and the team met every quarter",
    "4 models we retrained weekly",  # a subject
    "4 models retrained weekly",  # a verb
    "4 models that ran daily",
    "€2M to spend per year",
    "€2M in a much larger and older budget per year",  # too far, and a link
    "€2M of revenue from our oldest paying enterprise customers per year",  # too far
])
def test_a_period_of_another_clause_or_far_on_is_not_the_amounts(said):
    assert _period(said) is None


@pytest.mark.parametrize("span, shown", [
    ("€700000 more gross ticket revenue per month", "€700K per month"),
    ("5M the al more cleared volume per quarter", "5M [currency?] per quarter"),
    ("€300000 a year", "€300K a year"),  # said right after: as before
    # a count keeps its things: never money whose currency was not heard
    ("40000 fewer refund calls a month", "40K fewer refund calls a month"),
    ("0.2M more completed bookings per week", "200K more completed bookings per week"),
])
def test_a_slot_keeps_the_period_of_its_noun_phrase(span, shown):
    assert shown_slot(span) == shown


@pytest.mark.parametrize("span", ["€2M, and the team met every quarter", "€2M and then a week"])
def test_a_slot_takes_no_period_across_a_clause_break(span):
    assert slot_period(span, 3) is None
    assert shown_slot(span) == "€2M"


@pytest.mark.parametrize("said, shown", [
    ("our service handles about two million card transactions daily.", "2M card transactions daily"),
    ("it scores roughly 4 million transactions weekly, with low latency",
     "4M transactions weekly"),
])
def test_a_volume_keeps_the_period_said_after_its_noun(said, shown):
    assert detect_scale(normalize_numbers(said)) == [shown]


def test_a_volume_takes_no_period_of_another_clause():
    said = "the platform handles about two million orders, and we retrained the model weekly."
    assert detect_scale(normalize_numbers(said)) == ["2M orders"]


NOUN_PHRASE_PERIOD = (
    "At the ticketing startup I owned the pricing model. Fans complained that prices jumped "
    "without reason, so I added demand features and capped the daily change. Refund requests "
    "went from six percent to two percent. For the company it meant about seven hundred "
    "thousand euros more gross ticket revenue per month. The system takes around two million "
    "orders weekly. I learned to listen to the complaints first.")


def test_the_brief_keeps_the_period_of_the_outcome_and_of_the_scale(tmp_path, capsys):
    root = tmp_path / "recordings"
    _save(Store(root), datetime(2026, 11, 9, 10), "lp-customer-obsession-3", NOUN_PHRASE_PERIOD)
    brief = main_stdout(capsys, "brief", "--recordings", str(root)).splitlines()
    impact = next(x for x in brief if x.startswith("- **Impact:**"))
    scale = next(x for x in brief if x.startswith("- **Scale and ship:**"))
    assert "€700K per month" in impact, impact
    assert "2M orders weekly" in scale, scale
