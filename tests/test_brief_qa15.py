"""QA15 (new-user trial, Spanish-L1 persona) brief findings, on the trial's saved sessions
(tests/data/qa15/sessions: the reports the tool wrote for espeak-ng recordings transcribed by
real Whisper), read back through the real `voice-coach brief` on a copy of the folder.

F07: "I ran an A/B test with 200 drivers" (heard "a B test with 200 drivers") is the test's
size, not scale evidence (issue 17: requests, users, regression %, SLA; QA8 F33) — so the
brief's "[scale?]" says which kind of number it wants and names the 200 as the test's size,
never implying it was not said."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.tools import main_stdout
from voice_coach.analysis.vocabulary import SCALE_KINDS, experiment_sizes

SESSIONS = Path(__file__).parent / "data" / "qa15" / "sessions"


@pytest.fixture()
def recordings(tmp_path):
    root = tmp_path / "recordings"
    shutil.copytree(SESSIONS, root)
    return root


def _section(brief: str, word: str) -> str:
    return next(sec for sec in brief.split("\n## ")[1:] if word in sec)


@pytest.mark.parametrize("heard", ["I ran a B test with 200 drivers.",
                                   "I ran an a B test with 200 drivers for four weeks."])
def test_whispers_a_b_test_with_its_size_is_read(heard):
    assert experiment_sizes(heard) == ("A/B test with 200 drivers",)


def test_an_experiment_without_a_size_is_no_size():
    assert experiment_sizes("we ran an A/B test for two weeks.") == ()


def test_the_brief_says_which_scale_number_it_wants(recordings, capsys):
    brief = main_stdout(capsys, "brief", "--recordings", str(recordings))
    sec = _section(brief, "Bogota")
    scale = sec.split("**Scale and ship:**")[1].split("\n")[0]
    assert "[scale?]" in scale and SCALE_KINDS in scale, scale
    assert "A/B test with 200 drivers" in scale and "test's size" in scale, scale
    # a story that named no experiment still says which number it wants
    other = _section(brief, "dark stores")
    assert SCALE_KINDS in other.split("**Scale and ship:**")[1].split("\n")[0], other


def test_the_brief_shows_a_misheard_principle_as_not_clearly_heard(recordings, capsys):
    """F03 in the brief: "This is Dive Deep" heard as "This is I've been" is said, not heard —
    never a bare "[principle?]" as if no principle was named; "This shows delivery results" is
    Deliver Results."""
    brief = main_stdout(capsys, "brief", "--recordings", str(recordings))
    dd = _section(brief, "dark stores").split("**Principle:**")[1].split("\n")[0]
    assert "not clearly heard" in dd and "I've been" in dd, dd
    dr = _section(brief, "Bogota").split("**Principle:**")[1].split("\n")[0]
    assert "Deliver Results" in dr, dr
