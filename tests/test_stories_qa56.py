"""Session 42, QA56 (issue #17, persona Maya; transcripts in tests/data/spent_session42/qa56):
F10 a telling whose triad reads its after level ("got the cooked rate to 14 percent") has its
Result, never "R ✗" and a follow-up asking for the result beside "after ✓"; F1 no outcome is
quoted from a number nobody said as one."""

from __future__ import annotations

from tests.tools import report_of, triad_of

# the tool's own transcript of QA56's telling C2 (run1/out/08_practice_C2.txt)
C2 = ("The most important result in the last two years, recipes people act truly cook. At the "
      "food that our recommendation feed was tuned on clicks, and the cook rate was five "
      "percent. The obstacle was inside the company. The growth team loved the click humbers "
      "and did not want to tell him I did a touch them. I got past it with a two -week heavy "
      "test, and in the review I showed cooked recipes not clicks. The new rancor with the "
      "dietary filters got the cooked rate to 14 percent. My part. I wrote the new objective. I "
      "built the labels from the shopping list, and I fought for it in every meeting.")
# … and of telling C3 (run1/out/21_review_C3.json)
C3 = ("Okay, the recipe feed at the food nap. This was my biggest result. Before me, the feed "
      "ranked I-clicks, and only 5% of the recipes we showed were actually cooked. I owned the "
      "ranker, so the goal was mine, get people to cook what we showed them. I set up a "
      "two-week-a-beat test on a slice of users. I built cooked labels from the shopping list, "
      "and added dietary filters. Click, drop, to beat, sure. But the cooked share went up to "
      "around 14%, almost three times. What I learned, pick the metric your users feel.")


def test_f10_the_after_levels_clause_is_the_result():
    r = report_of(C2, "lp-deliver-results-1")
    assert r.structure.metric_triad.after
    assert r.structure.star["result"].present, r.structure.star


def test_f10_near_case_a_level_in_the_set_up_makes_no_result():
    """The after read in the set-up, before any step, is no Result of the work."""
    r = report_of("Our cook rate had gone up to 14% that spring, and nobody knew why. I looked "
                  "at the logs.", "lp-deliver-results-1")
    assert not r.structure.star["result"].present, r.structure.star


def test_f1_no_outcome_quoted_from_a_number_not_said_as_one():
    tri = triad_of(C3, "lp-deliver-results-1")
    assert ("outcome", "2") not in tri.slots, tri.slots


def test_f6_the_metric_is_what_the_change_moved_whoever_moved_it(tmp_path):
    from tests.tools import one_story

    _, story = one_story(tmp_path, ("lp-deliver-results-1",
                                    "I owned the recipe ranker. Only 5% of the recipes we showed "
                                    "were cooked. I built cooked labels from the shopping list. "
                                    "The new ranker with the dietary filters got the cooked rate "
                                    "to 14 percent, and that kept about 20,000 more subscribers "
                                    "a month."))
    assert story.triad.metric and "cooked rate" in story.triad.metric, story.triad
