"""Session 56: a verb of seeming keeps its "like" in the words the report quotes ("looked like
a fault", QA134 F8); how fast a thing moved ("the surge jumped and disappeared in two minutes",
QA134 F1) is no business outcome, the money saved is."""

from __future__ import annotations

import pytest

from voice_coach.analysis.structure import clean_clauses

from tests.tools import triad_of


@pytest.mark.parametrize("said, kept", [
    ("their normal vibration looked like a fault", "looked like a fault"),
    ("it sounds like a hundred things at once", "sounds like a hundred"),
    ("it felt like a third of the team", "felt like a third"),
])
def test_a_verb_of_seeming_keeps_its_like(said, kept):
    clauses = clean_clauses(said.split(), for_cues=True)
    assert kept in " ".join(c for _, _, c in clauses)


@pytest.mark.parametrize("said, read", [
    ("it went from like a third to under ten percent", "from a third"),
    ("accuracy dropped a little, like a point.", "a little a point"),  # spent round 41
])
def test_like_before_an_amount_is_still_dropped(said, read):
    clauses = clean_clauses(said.split(), for_cues=True)
    assert read in " ".join(c for _, _, c in clauses)


@pytest.mark.parametrize("verb", ["disappeared", "jumped", "vanished", "went away"])
def test_how_fast_a_thing_moved_is_no_outcome(verb):
    text = ("The old looms rang the alarm every night. I built a separate threshold for the old "
            "looms and I retrained the model. The drivers wrote that the surge jumped and "
            f"{verb} in two minutes, so they drove to a district for nothing. The new model saved "
            "the drivers about five hundred thousand dollars per year.")
    tri = triad_of(text, "lp-dive-deep-1")
    assert tri.business_outcome, tri
    assert not any("minute" in e for e in tri.evidence), tri


def test_time_saved_is_still_an_outcome():
    text = ("Reports were built by hand every week. I automated the report. Now the analysts "
            "save about six hours per week, and the report goes out on Monday instead of Friday.")
    tri = triad_of(text, "lp-invent-simplify-1")
    assert tri.business_outcome and any("6 hours" in e for e in tri.evidence), tri


def test_a_principle_said_as_what_others_do_is_not_named():
    from tests.tools import report_of
    r = report_of("I asked the divers who dive deep to check the traps to measure the octopus "
                  "with me. For me this story is about Are Right A Lot.", "lp-are-right-a-lot-1")
    assert r.structure.leadership_principles == ("Are Right A Lot",)


FEED = ("The planners at the port got the vessel feed late and the plan broke. I owned the feed. "
        "I wrote a parser that checks the feed every night. ")


@pytest.mark.parametrize("said", [
    "Before the parser, the feed failed four times a month. After it, zero failures in six months.",
    "Before the power sir, the feed failed every Monday, so four times a month. After it, zero "
    "failures in six months.",
    "The feed failed four times a month before. After it, zero failures in six months.",
])
def test_a_level_said_before_the_work_is_the_baseline(said):
    tri = triad_of(FEED + said, "lp-ownership-1")
    assert tri.baseline and tri.after, tri
    assert any(kind == "baseline" and "4 times" in s for kind, s in tri.slots), tri


def test_a_figure_said_earlier_is_no_baseline():
    tri = triad_of(FEED + "The feed failed 5 times a month. No, sorry, I said 6 before. After it, "
                   "zero failures in six months.", "lp-ownership-1")
    assert not any("6 before" in s for _, s in tri.slots), tri  # QA141 F4


PLAN = ("Port planners built the weekly berth plan by hand in Excel. I was in charge of the "
        "forecast. I built a congestion forecast that fills the plan automatically. Before, the "
        "plan was wrong for one vessel in four; now one in ten. ")


@pytest.mark.parametrize("said, shown", [
    ("The planners got back around one day of work each week.", "1 day of work each week"),
    ("Each planner saves around two days of work per week.", "2 days of work per week"),
])
def test_work_time_given_back_is_the_outcome(said, shown):
    tri = triad_of(PLAN + said, "lp-deliver-results-1")  # QA137 F16
    assert ("outcome", shown) in tri.slots, tri


def test_the_work_own_time_is_still_no_outcome():
    tri = triad_of(PLAN + "It took me about two weeks of work to build it.", "lp-deliver-results-1")
    assert not any(kind == "outcome" for kind, _ in tri.slots), tri


def test_a_level_said_after_today_and_a_comma_is_the_after():
    tri = triad_of("At the tourism platform, guests who wrote at night waited until morning for an "
                   "answer. I proposed an LLM assistant on our booking data and I built it with my "
                   "team. Today, nine guests in ten get a useful answer within one minute at "
                   "night.", "lp-customer-obsession-1")  # QA140 F9
    assert tri.after and not tri.baseline, tri
