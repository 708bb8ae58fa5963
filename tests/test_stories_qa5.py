"""Story bank, brief, plan and review on the QA5 trial's mechanisms (F07, F17, F29, F30, F36,
F37): a number said in any telling is never shown as "not said yet", a check only compares one
metric, a non-answer is no telling, scale needs a volume, `review` counts questions apart from
follow-ups, and a plan names its stories by telling key.

Every answer and reply is analysed by the real pipeline (`pipeline.analyze_text`, a reply judged
on the follow-up it answers), saved by the real `Store` and read back through `load_story_bank`
and the CLI. The wording is new (not the trial's sentences), most mechanisms in several
phrasings.
"""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from voice_coach.cli.stories import load_story_bank
from voice_coach.config import Config
from voice_coach.questions import load_bank
from voice_coach.store import Store
from tests.test_stories_followed_up import _save
from tests.tools import main_stdout

OUTAGE = (
    "Last spring I owned the nightly invoice export at a logistics company. It started timing "
    "out because one warehouse sent duplicate rows. I traced the duplicates, added a dedupe "
    "step and a row-count alert. The export went from four hours to fifty minutes.")


def test_review_counts_questions_apart_from_follow_ups(tmp_path, capsys):
    """QA5 F37: an answer and its follow-up reply are one question and one follow-up, not
    two questions; the session score is still the answer's own."""
    root = tmp_path / "recordings"
    first, _ = _save(Store(root), datetime(2026, 11, 7, 9), "lp-deliver-results-1", OUTAGE,
                     "It saved the finance team about two days of manual work every month.",
                     kind="no_business_outcome")
    (summary,) = Store(root).list_sessions()
    assert (summary.questions, summary.follow_ups, summary.answers) == (1, 1, 2)
    assert summary.overall_score == pytest.approx(first.scores.overall, abs=0.1)
    out = main_stdout(capsys, "review", "--recordings", str(root))
    # a table row "1 + 1" with "follow-up" wrapped under it, or "1 Qs + 1 follow-up" when narrow
    assert re.search(r"\b1 (?:Qs )?\+ 1\b", out) and "follow-up" in out, out
    _save(Store(root), datetime(2026, 11, 8, 9), "lp-ownership-1", OUTAGE)
    assert sorted((s.questions, s.follow_ups) for s in Store(root).list_sessions()) == \
        [(1, 0), (1, 1)]
