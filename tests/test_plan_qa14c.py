"""QA14 F20: `plan --show` marks which planned question is done, not only "1/6 done"."""

from __future__ import annotations

from types import SimpleNamespace

from voice_coach.plan import Plan, PlanDay, PlannedQuestion, day_trend, done_items, plan_lines


def _record(qid: str, at: str, overall: int | None) -> SimpleNamespace:
    return SimpleNamespace(question_id=qid, follow_up_of=None, created_at=at, overall=overall)


def test_the_done_item_is_marked_with_its_score():
    day = PlanDay(1, "2026-12-01", "behavioral", (
        PlannedQuestion("lp-dive-deep-2", "weak last time: 48"),
        PlannedQuestion("lp-ownership-1", "Ownership: only weakly covered")))
    plan = Plan("2026-12-01", (day,), created_at="2026-12-01T04:00:00+00:00")
    records = [_record("lp-ownership-1", "2026-12-01T04:35:00+00:00", 86),
               _record("lp-ownership-1", "2026-12-01T04:36:00+00:00", None)]
    done = done_items(plan, records)
    assert done == {(1, "lp-ownership-1"): 86.0}
    lines = plan_lines(plan, day_trend(plan, records), done=done)
    assert "[1/2 done, mean 86]" in lines[1]
    assert lines[2] == "  1. lp-dive-deep-2 — weak last time: 48"
    assert lines[3].startswith("  2. ✓ done (86) lp-ownership-1 — ")
    # without `done` (a new plan) nothing is marked
    assert "✓" not in "\n".join(plan_lines(plan))
