"""QA30 F5 (issue #17 item 4): `plan --days 5` never drops a principle without a story
silently: a retelling whose question also asks for such a principle names it, and a principle
no question in the bank asks for (or the block had no slot for) is listed under the plan."""

from __future__ import annotations

import random
from datetime import date

import pytest

from voice_coach.plan import dumps, loads, make_plan, plan_lines, story_ids
from voice_coach.questions import QuestionBank, load_bank
from voice_coach.stories import principle_gaps
from tests.test_stories_qa24 import _bank
from tests.test_stories_qa30b import DMG, DMG_RETOLD, LOCK, LOCK_EFFECT, PICK

BANK = load_bank()


@pytest.fixture(scope="module")
def stories(tmp_path_factory):
    _, bank = _bank(tmp_path_factory.mktemp("plan30"), ("lp-invent-simplify-1", PICK),
                    ("lp-customer-obsession-3", LOCK.format(effect=LOCK_EFFECT)),
                    ("lp-highest-standards-1", DMG), ("lp-dive-deep-1", DMG_RETOLD))
    return bank


def _text(plan, stories) -> str:
    return "\n".join(plan_lines(plan, story_ids=story_ids(stories), stories=stories))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_every_principle_without_a_story_is_named_in_the_plan(stories, seed):
    plan = make_plan(BANK, stories, [], days=5, start=date(2026, 12, 2), rng=random.Random(seed))
    text = _text(plan, stories)
    missing = [g.principle for g in principle_gaps(stories, BANK)
               if g.level == "none" and g.principle not in text]
    assert not missing, (missing, text)


def test_a_principle_no_question_asks_for_is_said_under_the_plan(stories):
    bank = QuestionBank([q for q in BANK if "Think Big" not in q.principles])
    plan = make_plan(bank, stories, [], days=5, start=date(2026, 12, 2), rng=random.Random(0))
    text = _text(plan, stories)
    assert "Not planned: Think Big: no question in the bank asks for it" in text, text
    assert loads(dumps(plan)).unplanned == plan.unplanned


def test_a_principle_told_since_is_no_longer_called_without_a_story(stories, tmp_path):
    """Near case: the retelling's "also asks for" tail is told from the bank as it is now."""
    plan = make_plan(BANK, stories, [], days=5, start=date(2026, 12, 2), rng=random.Random(0))
    also = [pq for d in plan.days for pq in d.questions if "also asks for" in pq.reason]
    assert also, _text(plan, stories)
    _, later = _bank(tmp_path, ("lp-invent-simplify-1", PICK), ("lp-think-big-1", PICK),
                     ("lp-hire-develop-2", DMG))
    now = "\n".join(plan_lines(plan, story_ids=story_ids(later), stories=later))
    assert "Think Big, which has no story yet" not in now, now
