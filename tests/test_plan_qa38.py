"""QA38 F9 (issue #17 item 4): a retelling is planned on a question led by one of the story's
principles — not one that lists it second ("raise the bar when hiring" for an allergen-quality
story), nor, when every such question is taken, a question on nothing the story tells. On the QA38
run's own sessions (reports only, kept as repros)."""

from __future__ import annotations

import random
import shutil
from datetime import date
from pathlib import Path

import pytest

from voice_coach.cli.stories import load_story_bank
from voice_coach.config import Config
from voice_coach.plan import make_plan
from voice_coach.questions import load_bank
from voice_coach.store import Store

BANK = load_bank()
REPORTS = Path(__file__).parent / "data" / "spent_session35" / "qa38" / "run1" / "reports"


@pytest.fixture(scope="module")
def stories(tmp_path_factory):
    root = tmp_path_factory.mktemp("qa38") / "recordings"
    # the bank as it was when QA38 planned: before its seventh telling
    shutil.copytree(REPORTS, root, ignore=shutil.ignore_patterns("2026-12-04_2205_*"))
    store = Store(root)
    return load_story_bank(store, Config(), BANK), store.answer_records()


@pytest.mark.parametrize("seed", range(6))
def test_a_retelling_is_planned_on_a_question_of_its_principles(stories, seed):
    stories, records = stories
    plan = make_plan(BANK, stories, records, days=5, start=date(2026, 12, 5),
                     rng=random.Random(seed))
    by_key = {s.tellings[0].key: s for s in stories.stories}
    retold = [pq for d in plan.days for pq in d.questions if pq.story]
    assert retold
    for pq in retold:
        story = by_key[pq.story]
        assert BANK.get(pq.question_id).principles[0] in story.practice_principles, \
            (pq.question_id, pq.reason, story.practice_principles)
