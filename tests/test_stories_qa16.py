"""QA16 F06: a story retold with other numbers for one of its metrics besides the triad's main
one gets "Check: … which is right?" in `stories` and the brief. Each answer is analysed by the
real pipeline, saved by the real `Store` and read back through `load_story_bank` and the CLI;
the wording is new (not the trial's sentences)."""

from __future__ import annotations

from datetime import datetime

import pytest

from voice_coach.cli.stories import load_story_bank
from voice_coach.config import Config
from voice_coach.questions import load_bank
from voice_coach.store import Store
from tests.test_stories_followed_up import _save
from tests.tools import main_stdout

ROUTING = (
    "At Parcelo I owned the courier routing model, and drivers kept missing their delivery "
    "windows. My task was to fix the late deliveries. I rebuilt the travel time features and "
    "I ran a two week shadow test against the old model. The mean absolute error went from "
    "nine minutes to five minutes, and the late delivery rate dropped from {late}. That saved "
    "about three hundred thousand dollars a year in refunds. I learned to measure in "
    "production early.")


@pytest.mark.parametrize("late, conflict", [
    ("twelve percent to three percent", False),  # the same numbers retold
    ("about twelve percent to three percent", False),  # said once loosely: a refinement
    ("twelve percent to two point five percent", True),  # another after level
])
def test_another_metric_retold_with_other_numbers_is_checked(tmp_path, capsys, late, conflict):
    root = tmp_path / "recordings"
    _save(Store(root), datetime(2026, 11, 20, 9), "lp-ownership-1",
          ROUTING.format(late="twelve percent to three percent"))
    _save(Store(root), datetime(2026, 11, 21, 9), "lp-deliver-results-1",
          ROUTING.format(late=late))
    bank = load_story_bank(Store(root), Config(), load_bank())
    (story,) = bank.stories
    checks = [c for c in story.conflicts if "late delivery" in c.part]
    assert bool(checks) == conflict, story.conflicts
    brief = " ".join(main_stdout(capsys, "brief", "--recordings", str(root)).split())
    assert ("2.5%" in brief and "which is right?" in brief) == conflict, brief
    if conflict:
        assert checks[0].values == ("12% → 3%", "12% → 2.5%"), checks
        show = " ".join(main_stdout(capsys, "stories", "--recordings", str(root), "--show",
                                    "1").split())
        assert "late delivery rate said as 12% → 3% and as 12% → 2.5%" in show, show
