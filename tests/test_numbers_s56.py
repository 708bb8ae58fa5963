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


# QA137 (a new user's reading of #13), typed answers
PORT = ("At the port of Dakar containers waited too long for customs. I was in charge of the "
        "congestion forecast. I built a model on vessel schedules and customs data. ")


@pytest.mark.parametrize("said", [
    "Today, only one container in twenty five waits more than five days. Before, it was one in "
    "seven.",
    "Today, only one container in 25 waits more than 5 days. Before, it was one in seven.",
])
def test_a_share_keeps_its_whole_denominator_and_its_bound(said):
    tri = triad_of(PORT + said, "lp-deliver-results-1")
    assert tri.evidence == ("1 in 7 to 1 in 25",), tri


@pytest.mark.parametrize("said, read", [
    ("one truck in eight arrives late", "1 in 8 truck arrives late"),
    ("one failure in 3 runs was bad", "one failure in 3 runs"),
    ("one container in twenty five waited", "1 in 25 container"),
])
def test_a_share_said_around_its_noun(said, read):
    assert read in normalize_numbers(said)


def test_a_change_passed_to_and_a_multiple_said_with_which():
    tri = triad_of(PORT + "With the template system, the brokers corrected twenty two percent of "
                   "the fields; with the fine tuned model, it passed to seven percent. I also "
                   "measured the time to prepare one declaration, which was divided by three, and "
                   "the brokers now prepare around forty percent more declarations per day.",
                   "llm-measure-1")
    pairs = [s for kind, s in tri.slots if kind == "pair"]
    assert pairs == ["22% to 7%"], tri
    assert not any("2.3%" in s or "7% to" in s for _, s in tri.slots), tri


def test_a_ranked_slice_is_no_level_whatever_follows_it():
    said = ("Our prepaid customers were leaving and the bonus campaign went to everybody. I owned "
            "the churn model. We gave the bonus only to the top ten percent at risk. In six months "
            "we halved it, monthly churn went from twelve percent to six percent, about 1.4 "
            "million euros a year.")  # QA141 F1: "top 10% → 5% (worked out)"
    tri = triad_of(said, "lp-deliver-results-1")
    assert [s for kind, s in tri.slots if kind == "pair"] == ["12% to 6%"], tri
    from voice_coach.stories import triad_values
    bank = triad_values(said)
    assert "10" not in (bank.baseline or "") and "5%" not in (bank.after or ""), bank
