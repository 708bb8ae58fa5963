"""Story bank and brief on QA13 F05: a level said as a range in one telling ("somewhere between
15 and 20 percent") and as a value inside it in another ("about 18 percent") is one level said
loosely and then more exactly — a refinement, never a "which is right?" check. Each answer is
analysed by the real pipeline, saved by the real `Store` and read back through the CLI."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.test_numbers_qa13 import open_input
from tests.test_stories_followed_up import _save
from tests.tools import main_stdout
from voice_coach.store import Store


# --- F05: a number said inside a range said before refines it ----------------------------------


def _brief_check(tmp_path, capsys, first: str, second: str) -> str:
    root = tmp_path / "recordings"
    _save(Store(root), datetime(2026, 11, 30, 9), "lp-ownership-1", first)
    _save(Store(root), datetime(2026, 11, 30, 10), "lp-ownership-1", second)
    brief = main_stdout(capsys, "brief", "--recordings", str(root))
    return brief.split("**Check:**")[1].split("\n")[0] if "**Check:**" in brief else ""


RANGE_TOLD = ("came down from about 18 percent to just under 6 percent",
              "came down from somewhere between 15 and 20 percent to about 6 percent")


@pytest.mark.slow
def test_a_value_inside_a_range_said_before_is_no_conflict(tmp_path, capsys):
    retake = open_input("lp_ownership_retake.txt")
    check = _brief_check(tmp_path, capsys, retake.replace(*RANGE_TOLD), retake)
    assert "baseline said as" not in check, check


@pytest.mark.slow
def test_a_value_outside_the_range_is_still_checked(tmp_path, capsys):
    retake = open_input("lp_ownership_retake.txt")
    check = _brief_check(tmp_path, capsys, retake.replace(*RANGE_TOLD),
                         retake.replace("about 18 percent", "about 28 percent"))
    assert "baseline said as" in check, check
