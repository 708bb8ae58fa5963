"""Session 43, QA54 F8 / QA56 F11 (issue #17 item 4): a block's round question is one not
answered before while the bank has another of its kind; one asked again says so."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest

from tests.tools import story_bank

RUN = Path(__file__).parent / "data" / "spent_session42" / "qa54" / "run1"
TOLD = (("lp-dive-deep-1", "A1"), ("lp-customer-obsession-3", "B1"), ("lp-deliver-results-1", "B2"),
        ("lp-invent-simplify-1", "C1"), ("lp-frugality-1", "D1"))


@pytest.fixture(scope="module")
def told(tmp_path_factory):
    from voice_coach.questions import load_bank
    from voice_coach.store import Store

    root, stories = story_bank(tmp_path_factory.mktemp("qa54"),
                               *((q, (RUN / f"{f}.txt").read_text()) for q, f in TOLD))
    return load_bank(), stories, list(Store(root).answer_records())


@pytest.mark.parametrize("seed", range(8))
def test_a_round_question_answered_before_is_never_a_plain_round_question(told, seed):
    from voice_coach.plan import make_plan

    bank, stories, records = told
    answered = {r.question_id for r in records}
    plan = make_plan(bank, stories, records, days=5, start=date(2026, 12, 7),
                     rng=random.Random(seed))
    for day in plan.days:
        for pq in day.questions:
            if pq.question_id in answered:
                assert pq.reason != "round question", (day.day, pq)
    again = [pq for d in plan.days for pq in d.questions if pq.reason.startswith("answered before")]
    assert all(pq.question_id in answered for pq in again), again
