"""QA28 F8 (issue #17 item 4): `plan --days 5` keeps its days balanced (a round's question
planned already is swapped for another of its kind, never dropped), asks the weakest answer
again first even when none scored below `WEAK_OVERALL`, and retells each story on a principle
it is only weak on (told for, not named) before one it is strong on."""

from __future__ import annotations

import random
from datetime import date

import pytest

from voice_coach.plan import make_plan
from voice_coach.questions import load_bank
from voice_coach.stories import build_bank
from tests.test_stories_qa28 import DEPOT, LAB, LAB_PLAIN
from tests.test_stories_qa24 import _bank

BANK = load_bank()


@pytest.fixture(scope="module")
def stories(tmp_path_factory):
    _, bank = _bank(tmp_path_factory.mktemp("plan28"), ("lp-customer-obsession-3", LAB),
                    ("lp-ownership-3", DEPOT.format(what="wrong van stopped")),
                    ("lp-dive-deep-1", LAB_PLAIN))
    return bank


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_days_are_balanced(stories, seed):
    plan = make_plan(BANK, stories, [], days=5, start=date(2026, 12, 2), rng=random.Random(seed))
    sizes = [len(d.questions) for d in plan.days]
    assert max(sizes) - min(sizes) <= 1, sizes


@pytest.mark.parametrize("seed", [0, 1])
def test_the_weakest_answer_is_asked_again_first(stories, seed):
    plan = make_plan(BANK, stories, [], days=5, start=date(2026, 12, 2), rng=random.Random(seed))
    told = {t.question_id: t.overall for s in stories.stories for t in s.tellings}
    weakest = min(told, key=told.get)
    first = plan.days[0].questions[0]
    assert first.question_id == weakest and first.reason.startswith("weak"), \
        (weakest, told, [(q.question_id, q.reason) for q in plan.days[0].questions])


def test_a_story_is_retold_on_a_principle_it_is_weak_on(stories):
    lab = next(s for s in stories.stories if any(t.question_id == "lp-dive-deep-1"
                                                 for t in s.tellings))
    weak = {p for p in lab.practice_principles
            if stories.coverage.level.get((p, lab.id)) == "weak"}
    assert weak, stories.coverage.level
    plan = make_plan(BANK, stories, [], days=5, start=date(2026, 12, 2), rng=random.Random(0))
    retell = [q for d in plan.days for q in d.questions if q.story == lab.tellings[0].key]
    assert retell and set(BANK.get(retell[0].question_id).principles) & weak, \
        ([(q.question_id, q.reason) for q in retell], weak)


def test_an_empty_bank_asks_nothing_again():
    """Near case: with nothing answered there is no weakest answer to ask again."""
    plan = make_plan(BANK, build_bank([], lambda q: None), [], days=5, start=date(2026, 12, 2),
                     rng=random.Random(0))
    assert not any(q.reason.startswith("weak") for d in plan.days for q in d.questions)
