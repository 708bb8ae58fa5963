"""Session 56 (QA138, a new user's story bank): numbers read as said — money is never the noun of
a share ("600,000 pesos in one season"), a ranked slice of a population is part of the metric's
name ("the top 10% of clients"), a figure taken back with "no wait" is dropped, hours said as a
range ("from 2 to 4 in the afternoon") are no level."""

from __future__ import annotations

import pytest

from voice_coach.analysis.numbers import change_pairs, normalize_numbers

from tests.tools import triad_of

SET_UP = ("Couriers in Mexico City missed their delivery windows a lot. I led the delivery-window "
          "promise model. ")
LESSON = " I learned to check the data first."


@pytest.mark.parametrize("said, read", [
    ("we saved around 600,000 pesos in one season", "600000 pesos in one season"),
    ("saved 600 euros in one season", "€600 in one season"),
    ("one claim in twenty-five was a duplicate", "1 in 25 claim"),
    ("3 trucks in 10 were late", "3 in 10 trucks"),
])
def test_money_is_never_a_share(said, read):
    assert read in normalize_numbers(said)


def test_a_ranked_slice_is_part_of_the_name():
    text = normalize_numbers("the precision on the top 10% of clients went up from 31% to 58%.")
    assert [(p.before.text, p.after.text) for p in change_pairs([text])] == [("31%", "58%")]
    tri = triad_of(SET_UP + "The precision on the top ten percent of clients went up from thirty "
                   "one percent to fifty eight percent." + LESSON, "lp-deliver-results-1")
    assert tri.evidence == ("31% to 58%",), tri


@pytest.mark.parametrize("said", [
    "Late deliveries went from twenty percent, no wait, it was twenty two percent, not twenty, "
    "down to six percent.",
    "Late deliveries went from 20%, wait, 22%, down to 6%.",
])
def test_a_figure_taken_back_with_wait_is_dropped(said):
    tri = triad_of(SET_UP + said + LESSON, "lp-deliver-results-1")
    shown = " ".join(tri.evidence)
    assert "22%" in shown and "20%" not in shown, tri


def test_hours_said_as_a_range_are_no_level():
    tri = triad_of(SET_UP + "Couriers had a window, like from 2 to 4 in the afternoon, and before "
                   "one order in five arrived late; now it is 7%." + LESSON, "lp-deliver-results-1")
    assert tri.baseline and tri.after, tri
    assert not any("from 2" in e for e in tri.evidence), tri
