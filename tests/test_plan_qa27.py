"""QA27 F4: a round's own leadership question that asks a principle with no story yet is
planned for that reason ("no story yet for Think Big"), never as a plain "round question"; a
technical or intro question of the round stays a "round question"."""

from __future__ import annotations

import random
from datetime import date

import pytest

from voice_coach.plan import NO_STORY_YET, make_plan
from voice_coach.questions import load_bank
from voice_coach.stories import build_bank

BANK = load_bank()


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_a_principle_with_no_story_is_named_on_every_round_question(seed):
    plan = make_plan(BANK, build_bank([], lambda q: None), [], days=7, start=date(2026, 12, 1),
                     rng=random.Random(seed))
    items = [q for d in plan.days for q in d.questions]
    leadership = [q for q in items if BANK.get(q.question_id).category == "leadership"]
    assert leadership and all(q.reason.startswith(NO_STORY_YET) and q.principle
                              and q.principle in BANK.get(q.question_id).principles
                              for q in leadership), \
        [(q.question_id, q.reason) for q in leadership]
    # near case: the round's other questions keep their reason
    others = [q for q in items if BANK.get(q.question_id).category != "leadership"]
    assert others and all(q.reason == "round question" or q.reason.startswith("weak")
                          for q in others), [(q.question_id, q.reason) for q in others]
