"""QA14 (trial 14): the story bank and brief read the numbers the answer's own report read.

Data: the trial's saved sessions (tests/data/qa14/sessions — the reports the tool wrote for
espeak-ng recordings of tests/data/qa14/*.txt, transcribed by real Whisper), read back through
the real `voice-coach stories` / `brief` on a copy of the recordings folder.
- F17: a level said as a ratio ("one in every twenty deploys … one in two hundred") is a rate,
  as "5%" is — never a count of things nor "number unclear" when the report read it, and two
  ratios are compared by their rate ("1 in 20" and "1 in 200" are not one number "1");
- F05: a retelling that said other ratios of the same metric is flagged, and money said two ways
  ("2M [currency?] a year", "1.5M years" heard for "1.5 mil a year") is checked;
- F25: `stories --show` flags it with the brief's word ("Check: …").
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from voice_coach.analysis.facts import quantity_kind
from voice_coach.cli.stories import load_story_bank
from voice_coach.config import Config
from voice_coach.questions import load_bank
from voice_coach.store import Store
from voice_coach.stories import _same_number
from tests.tools import main_stdout

SESSIONS = Path(__file__).parent / "data" / "qa14" / "sessions"


@pytest.fixture()
def recordings(tmp_path):
    root = tmp_path / "recordings"
    shutil.copytree(SESSIONS, root)
    return root


def _section(brief: str, word: str) -> str:
    return next(sec for sec in brief.split("\n## ")[1:] if word in sec)


def test_a_ratio_level_is_a_rate_not_a_count():
    assert quantity_kind("1 in every 20") == "%"
    assert quantity_kind("3 out of 4") == "%"
    assert quantity_kind("400 stores") == "count"
    assert not _same_number("1 in every 20", "1 in 200")  # 5% and 0.5%, not "1" and "1"
    assert _same_number("1 in 20", "1 in every 20")


def test_bank_quotes_the_ratios_the_report_read_and_checks_the_retelling(recordings, capsys):
    # the report of 0435 answer 1 read "1 in every 20 to 1 in 200" (baseline ✓ · after ✓)
    brief = main_stdout(capsys, "brief", "--recordings", str(recordings))
    sec = _section(brief, "search team")
    impact = sec.split("**Impact:**")[1].split("\n")[0]
    assert "number unclear" not in impact.split(",")[0], sec
    assert "1 in every 20 → 1 in 200" in impact or "1 in every 25 → 1 in 300" in impact, sec
    # the retelling said 1 in 25 → 1 in 300: the two tellings' numbers are flagged (F05)
    check = sec.split("**Check:**")[1].split("\n")[0]
    for said in ("1 in every 20", "1 in every 25", "1 in 200", "1 in 300"):
        assert said in check, sec
    # the payment story: the outcome heard as "1.5 million years" is money whose currency was
    # not heard, checked against the first telling's "two million a year"
    pay = _section(brief, "1.1%")
    assert "1.5M [currency?]" in pay and "years" not in pay, pay
    check = pay.split("**Check:**")[1].split("\n")[0]
    assert "2M [currency?] a year" in check and "1.5M [currency?]" in check, pay
    assert "120K requests a second" in pay and "shadow" not in pay, pay  # F02, F11


def test_stories_show_reads_the_first_telling_as_its_report(recordings, capsys):
    bank = load_story_bank(Store(recordings), Config(), load_bank())
    first = next(t for s in bank.stories for t in s.tellings
                 if t.key == "2026-12-01_0435_lp-ownership-1#1")
    assert (first.triad.baseline, first.triad.after) == ("1 in every 20", "1 in 200"), first.triad
    story = next(s for s in bank.stories if first in s.tellings)
    out = main_stdout(capsys, "stories", "--show", str(story.id), "--recordings", str(recordings))
    flat = " ".join(out.split())
    assert "number unclear" not in flat, out
    # F25: the bank flags the retold numbers with the brief's own word, "Check:"
    assert "Check: baseline said as 1 in every 20 and as 1 in every 25" in flat, out
