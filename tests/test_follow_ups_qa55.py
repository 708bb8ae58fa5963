"""Session 42, QA55 (issue #13, persona Tariq; transcripts in tests/data/spent_session42/qa55):
F1/F7/F8 a tip that the follow-up reply answered (scale, "tell one real time", a result with no
number) is shown resolved beside "✓ with the follow-up", never still open, as the baseline and
outcome tips already are."""

from __future__ import annotations

from datetime import datetime

import pytest

from voice_coach.report import WITH_FOLLOW_UP, feedback_lines
from voice_coach.store import Store
from tests.tools import save_practice

STORY = ("At the ride-hailing app I owned the driver ETA model. Riders complained that pickup "
         "times were wrong. I retrained the model on fresh trips and shipped it, and the error "
         "came down from 19% to 11%, which cut cancellations and saved about half a million "
         "dollars a year. I learned to look at the tail, not the average.")
HYPO = ("What I would do in that kind of situation is first check whether the decision can be "
        "undone. If it can, I would move fast and ship behind a flag to a small slice of "
        "traffic, and I would agree with the stakeholders on the number that makes us roll "
        "back.")
REAL = ("Last summer at the airline, before the peak season, I shipped the new no-show model "
        "on one route only, two weeks after it was built, because waiting a month would have "
        "cost us the peak. I set a rollback rule with operations. It held, and denied "
        "boardings stayed under ten a week, and the extra month was worth about three hundred "
        "thousand dollars.")
NO_NUMBER = ("At the ride-hailing app I owned the driver ETA model. Riders complained that "
             "pickup times were wrong. I retrained the model on fresh trips and shipped it, and "
             "riders stopped complaining.")


@pytest.mark.parametrize("qid,answer,reply,kind,fact", [
    ("lp-deliver-results-3", STORY,
     "It serves about two million trip requests a day across twelve cities.", "no_scale", "scale"),
    ("lp-bias-for-action-2", HYPO, REAL, "no_real_time", "one real time"),
    ("lp-ownership-1", NO_NUMBER,
     "Late pickups were around 400 a week before the fix, and after it they went down to "
     "about 150 a week.", "no_result", "a measured result"),
])
def test_a_tip_the_reply_answered_is_shown_resolved(tmp_path, qid, answer, reply, kind, fact):
    first, _ = save_practice(Store(tmp_path / "recordings"), datetime(2026, 11, 20, 9), qid,
                             answer, reply, kind)
    lines = [ln.message for ln in feedback_lines(first)]
    assert any(m.startswith(f"{fact} ✓ {WITH_FOLLOW_UP}") for m in lines), lines
    opened = {"scale": "No scale evidence", "one real time": "This was told as what you would",
              "a measured result": "The result has no number"}[fact]
    assert not any(m.startswith(opened) for m in lines), lines


def test_f6_an_age_said_is_no_after():
    from tests.tools import triad_of

    tri = triad_of("At the airline I shipped the new no-show model on one route. The new no-show "
                   "model was only two weeks old, so I set a rollback rule. The extra month was "
                   "worth about three hundred thousand dollars.", "lp-bias-for-action-2")
    assert not tri.after and not any(role == "after" for role, _ in tri.slots), tri.slots


@pytest.mark.parametrize("reply,marks", [
    ("We were around 400 late driver tickets a week, that was before the fix.", {"baseline"}),
    ("It was about 150 late tickets a week.", {"after"}),
])
def test_f8_a_number_the_reply_says_as_before_is_the_baseline(tmp_path, reply, marks):
    first, _ = save_practice(Store(tmp_path / "recordings"), datetime(2026, 11, 20, 9),
                             "lp-dive-deep-2", NO_NUMBER, reply, "no_result")
    got = {k for k in ("baseline", "after") if first.with_follow_up.facts.get(k)}
    assert got == marks, first.with_follow_up.facts
