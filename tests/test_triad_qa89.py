"""QA89 (#17 trial, persona Hamza, Casablanca): a relative change said right after a pair says
how big that pair's change was, never a second change below it (F6); a span after "after" is
when, no number of a reply (F1)."""

from voice_coach.analysis.reply_fit import work_numbers
from tests.tools import triad_of


def test_a_cut_that_restates_the_pair_invents_no_level():
    tri = triad_of("Before, an agent needed around eight minutes to handle a claim call. I built "
                   "a summary tool for the agents. Now the handling time is around five minutes, "
                   "so we cut it by more than a third.", "lp-invent-simplify-2")
    pairs = [span for role, span in tri.slots if role == "pair"]
    assert pairs == ["around 8 minutes to around 5 minutes"], tri.slots


def test_a_later_cut_of_its_own_still_counts():
    tri = triad_of("The handling time was 9 minutes. I built the tool. Now it is 6 minutes. Then "
                   "we cut it by half again with caching.", "lp-invent-simplify-2")
    assert ("pair", "6 minutes to 3 minutes (worked out)") in tri.slots, tri.slots


def test_a_span_after_after_is_when():
    assert work_numbers("the complaints in the branches stopped after two weeks.") == ()
    assert work_numbers("it was resolved within 2 days") == ("2 days",)
