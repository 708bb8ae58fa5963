"""QA81 F5: a planned question answered before its day counts for that day."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from voice_coach.plan import Plan, PlanDay, PlannedQuestion, day_trend, done_items, planned_due


def _record(qid: str, at: str, overall: int | None) -> SimpleNamespace:
    return SimpleNamespace(question_id=qid, follow_up_of=None, created_at=at, overall=overall)


def _plan() -> Plan:
    day1 = PlanDay(1, "2026-12-06", "behavioral", (PlannedQuestion("lp-ownership-1", "weak"),))
    day2 = PlanDay(2, "2026-12-07", "behavioral", (PlannedQuestion("lp-ownership-2", "retell"),
                                                   PlannedQuestion("lp-ownership-1", "again")))
    return Plan("2026-12-06", (day1, day2), created_at="2026-12-06T08:00:00+00:00")


def test_an_answer_given_before_its_day_counts_for_that_day():
    records = [_record("lp-ownership-2", "2026-12-06T09:00:00+00:00", 93)]
    assert done_items(_plan(), records) == {(2, "lp-ownership-2"): 93.0}
    assert [t[1] for t in day_trend(_plan(), records)] == [0, 1]
    due = planned_due(_plan(), records, date(2026, 12, 7))
    assert [pq.question_id for _, pq in due] == ["lp-ownership-1", "lp-ownership-1"]


def test_a_second_answer_today_never_fills_a_later_repetition():
    """Day 2 asks lp-ownership-1 again (spaced practice): a second answer on day 1 joins day 1."""
    records = [_record("lp-ownership-1", "2026-12-06T09:00:00+00:00", 70),
               _record("lp-ownership-1", "2026-12-06T09:10:00+00:00", 80)]
    assert set(done_items(_plan(), records)) == {(1, "lp-ownership-1")}
