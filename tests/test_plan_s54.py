"""QA126 F8: a principle with no story asked a second time in a block says so ("no story yet
for Dive Deep — asked again (first on day 4)"), never the same reason twice as if the plan
had forgotten it."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date

import pytest

from voice_coach.plan import NO_STORY_YET, make_plan
from voice_coach.questions import load_bank
from voice_coach.stories import build_bank

BANK = load_bank()


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_a_principle_asked_again_says_so(seed):
    plan = make_plan(BANK, build_bank([], lambda q: None), [], days=10, start=date(2026, 12, 1),
                     rng=random.Random(seed))
    reasons = Counter(q.reason for d in plan.days for q in d.questions
                      if q.reason.startswith(NO_STORY_YET))
    assert reasons and all(n == 1 for r, n in reasons.items() if "asked again" not in r), reasons
    again = [r for r in reasons if "asked again" in r]
    firsts = {r.split(" — ")[0] for r in reasons if "asked again" not in r}
    assert all(r.split(" — ")[0] in firsts for r in again), (again, firsts)


def test_plan_show_keeps_saying_a_principle_is_asked_again():
    from voice_coach.plan import ASKED_AGAIN, PlannedQuestion, reason_text

    empty = build_bank([], lambda q: None)
    pq = PlannedQuestion("lp-ownership-3", f"{NO_STORY_YET}Dive Deep{ASKED_AGAIN}(first on day 4)",
                         principle="Dive Deep")
    assert reason_text(pq, {}, empty) == pq.reason
    first = PlannedQuestion("lp-dive-deep-1", f"{NO_STORY_YET}Dive Deep", principle="Dive Deep")
    assert reason_text(first, {}, empty) == first.reason
