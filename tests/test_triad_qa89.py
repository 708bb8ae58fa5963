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


def test_days_the_speaker_sat_with_users_are_the_work_not_the_outcome():
    """F3: "I went and sat two days with the dispatchers" is the work's own time."""
    tri = triad_of("My job was only the model, but I went and sat two days with the dispatchers "
                   "in the depot. Late deliveries went from 18% to 9%, and refunds fell by about "
                   "200,000 euros a year.", "lp-customer-obsession-1")
    assert not any("2 days" in span for _, span in tri.slots), tri.slots
    assert tri.business_outcome, tri.slots


def test_a_level_said_today_with_a_long_hedge_is_the_after():
    """F2: "Today the average handling time is a bit more than five minutes" is the after; the
    weeks the first version took to build are no baseline of it."""
    tri = triad_of("I proposed something simpler. My team built the first version in six weeks. "
                   "Today the average handling time is a bit more than five minutes.",
                   "lp-invent-simplify-1")
    assert ("after", "is a bit more than 5 minutes") in tri.slots and not tri.baseline, tri
