"""Session 44, QA64 F8 (issue #17 item 4): the plan and the block's day-by-day trend count an
answer as its session counts it — re-scored with what its follow-up reply supplied (review's
"93*"), never its own score beside that."""

from __future__ import annotations

from datetime import datetime

from tests.test_stories_qa64 import ANSWER, REPLY
from tests.tools import save_practice


def test_a_planned_answer_counts_with_what_its_follow_up_supplied(tmp_path):
    from voice_coach.plan import Plan, PlanDay, PlannedQuestion, day_trend, done_items
    from voice_coach.store import Store

    store = Store(tmp_path / "rec")
    save_practice(store, datetime(2026, 12, 6, 5, 43), "lp-invent-simplify-1", ANSWER, REPLY)
    records = list(store.answer_records())
    (answer,) = [r for r in records if r.follow_up_of is None]
    assert answer.counted_overall is not None and answer.counted_overall != answer.overall
    day = PlanDay(1, "2026-12-06", "behavioral",
                  (PlannedQuestion("lp-invent-simplify-1", "weak last time"),))
    plan = Plan("2026-12-06", (day,), created_at="2026-12-06T04:00:00+00:00")
    assert done_items(plan, records) == {(1, "lp-invent-simplify-1"): answer.counted_overall}
    assert day_trend(plan, records)[0][3] == answer.counted_overall
