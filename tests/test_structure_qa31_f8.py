"""QA31 F8 (issue #17): a volume the system serves, said in the present ("today it plans 50000
routes in 200 depots every night", heard by Whisper as "today, it's plan is 50,000 routes in 200
depot every night"), is scale — never read as the metric's after level, nor quoted in the triad's
evidence; a level said with "now" stays the after."""

from __future__ import annotations

from tests.tools import report_of

STORY = ("The logistics team planned delivery routes with a large solver ensemble. It took nine "
         "hours every night and often missed the loading deadline. My task was to have the routes "
         "ready before the drivers arrived. I built a simple route heuristic per depot. Planning "
         "time went from 9 hours to 20 minutes, and the cloud bill went down from 8,000 euros per "
         "month to 1,000 euros per month. {today} I learned that the simplest plan is often the "
         "best one.")


def _triad(today: str):
    return report_of(STORY.format(today=today), "lp-invent-simplify-1").structure.metric_triad


def test_a_volume_said_in_the_present_is_no_after():
    tri = _triad("Today, it's plan is 50,000 routes in 200 depot every night.")
    assert not any("50000" in e or "200" in e for e in tri.evidence), tri.evidence
    assert ("after", "is 50000 routes in 200") not in tri.slots, tri.slots


def test_a_level_said_with_now_stays_the_after():
    """Near case: a level with no scale figure in it is still read where it is said."""
    tri = _triad("Today the late departure rate is 3%.")
    assert any("3%" in e for e in tri.evidence), tri.evidence
