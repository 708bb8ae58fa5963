"""QA70 F7 (issue #17 item 4): a retelling goes to a question no story answered yet; one sent to
a question answered before says so."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest

from tests.tools import story_bank

# Whisper's transcripts of the tester's answers (sessions of the run, oldest first)
RUN = Path(__file__).parent / "data" / "spent_session45" / "qa70" / "transcripts"
TOLD = tuple((p.stem.split("_", 2)[2], p.stem) for p in sorted(RUN.glob("*.txt")))


@pytest.fixture(scope="module")
def told(tmp_path_factory):
    from voice_coach.questions import load_bank
    from voice_coach.store import Store

    root, stories = story_bank(tmp_path_factory.mktemp("qa70"),
                               *((q, (RUN / f"{f}.txt").read_text()) for q, f in TOLD))
    return load_bank(), stories, list(Store(root).answer_records())


@pytest.mark.parametrize("seed", [7, *range(4)])
def test_a_retelling_on_a_question_answered_before_says_so(told, seed):
    from voice_coach.plan import make_plan

    bank, stories, records = told
    answered = {r.question_id for r in records}
    plan = make_plan(bank, stories, records, days=5, start=date(2026, 12, 7),
                     rng=random.Random(seed))
    retold = [pq for d in plan.days for pq in d.questions if pq.reason.startswith("retell")]
    assert retold
    for pq in retold:
        if pq.question_id in answered:
            assert "answered before" in pq.reason, pq
