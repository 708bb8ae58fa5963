"""QA20 (a new user's #17 run-through on the session-19 code): the question the brief offers to
fill a missing triad number is one whose own follow-ups ask for that number (F3: "[baseline?] →
practise lp-invent-simplify-2", a question that never asks for a baseline)."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from voice_coach.questions import load_bank
from voice_coach.stories import GAP_FOLLOW_UP_KEY
from voice_coach.store import Store
from tests.test_stories_followed_up import _save
from tests.tools import main_stdout

# behavioural stories with an after and an outcome but no level before (written for this test)
NO_BASELINE = {
    "lp-invent-simplify-1": (
        "At the travel site our hotel ranking ran through eleven hand-tuned stages that nobody "
        "dared to touch. I replaced them with one learning-to-rank model and a single feature "
        "file. After the change the nightly ranking job finished in twenty minutes and bookings "
        "per search went up two percent, which finance valued at about a million euros a year. "
        "I learned that fewer moving parts are easier to trust."),
    "lp-frugality-1": (
        "We had no budget for labelling, so I wrote weak labels from the refund notes and trained "
        "a small model on a laptop. In the end the model flagged ninety percent of the bad "
        "listings, and support saved about two hundred hours a month. I learned that a cheap "
        "first version tells you whether the expensive one is worth it."),
}


@pytest.mark.parametrize("qid", sorted(NO_BASELINE))
def test_a_missing_number_is_practised_on_a_question_that_asks_for_it(tmp_path, capsys, qid):
    root = tmp_path / "recordings"
    _save(Store(root), datetime(2026, 11, 6, 9), qid, NO_BASELINE[qid])
    bank = load_bank()
    brief = main_stdout(capsys, "brief", "--recordings", str(root))
    fills = [x for x in brief.splitlines() if "To fill:" in x]
    assert any("[baseline?]" in x for x in fills), brief
    offered = [what for line in fills
               for parts, what in re.findall(r"([^;]*?)→ practise `([a-z0-9-]+)`", line)
               if "[baseline?]" in parts]
    assert offered, fills
    # the story's principle has a question that asks for the level before: that one is offered
    assert all(GAP_FOLLOW_UP_KEY["baseline"] in bank.get(what).follow_ups for what in offered), fills
