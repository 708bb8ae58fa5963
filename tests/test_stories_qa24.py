"""Session 22 (issue #17 items 1 and 3, #13 "one set of facts"): the triad numbers of the story
bank and the brief are the numbers as spoken — gaps marked, nothing invented — read through one
mechanism shared by the report, the bank and the brief.

- QA24 F1: a change said with its direction verb and Whisper's "at" for "by" ("fell at 40%") is a
  change with what changed named ("refund backlog −40%"), never an unlabelled after level; a
  level said in the present once the work is told ("… is now 88%", Whisper's "is out 88%") is the
  after, named by its metric.
- QA24 F2: a rollout "to all …" with no number is ship evidence, never the scale line.
- QA23 R2-F1: a level the problem's damage reached before the speaker's first own step ("jumped
  to 14% that night") is the baseline, never the result.

The sentences are this test's own; the QA transcripts are kept as regression repros
(tests/data/spent_session21/qa23, qa24)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.tools import main_stdout
from tests.tools import story_bank as _bank

SPENT = Path(__file__).parent / "data" / "spent_session21"

REFUNDS = ("In the support team, refund tickets piled up every week and customers waited. I wrote "
           "a triage rule and trained two agents on it. {result} I learned to start small.")


def transcript(path: Path) -> tuple[str, str]:
    """The question id and the transcript a QA practice output printed (its boxed text)."""
    out = path.read_text(encoding="utf-8")
    qid = re.search(r"Answer \d+ · (\S+)", out).group(1)
    box = out.split("─ transcript ─", 1)[1].split("\n╰", 1)[0]
    lines = [x.strip().strip("│").strip() for x in box.splitlines()[1:]]
    text = re.sub(r"\[\d+(?:\.\d+)? s\]", " ", " ".join(lines)).replace("**", "")
    return qid, " ".join(text.split())


# --- F1: a change is a change; the level said in the present is the after -------------------

@pytest.mark.parametrize("said", ["fell at 40%", "shrank at 40%", "dropped by 40%"])
def test_a_change_said_with_at_is_a_named_change_not_a_level(tmp_path, said):
    text = REFUNDS.format(result=f"The refund backlog {said}, which was about $30,000 per month.")
    _, bank = _bank(tmp_path, ("lp-invent-simplify-1", text))
    (story,) = bank.stories
    assert story.triad.after is None, story.triad
    assert story.triad.change == "−40%" and story.triad.metric == "refund backlog", story.triad


def test_a_level_reached_with_to_stays_the_after(tmp_path):
    """Near case: "fell to 40%" is the level it ended at."""
    text = REFUNDS.format(result="The refund backlog fell to 40%, which was about $30,000 per month.")
    _, bank = _bank(tmp_path, ("lp-invent-simplify-1", text))
    (story,) = bank.stories
    assert story.triad.after == "40%" and story.triad.change is None, story.triad


@pytest.mark.parametrize("now", ["is now", "is out"])  # "out": Whisper's "now"
def test_a_level_said_in_the_present_after_the_work_is_the_named_after(tmp_path, capsys, now):
    text = REFUNDS.format(result=f"After that, the first contact resolution {now} 88%, and the "
                                 "refund backlog shrank at 40%, which was about $30,000 per month.")
    root, bank = _bank(tmp_path, ("lp-invent-simplify-1", text))
    (story,) = bank.stories
    assert story.triad.after == "88%" and story.triad.metric == "first contact resolution"
    assert story.triad.effect == "refund backlog −40%", story.triad
    brief = " ".join(main_stdout(capsys, "brief", "--recordings", str(root)).split())
    assert "first contact resolution [baseline?] → 88%, refund backlog −40%, $30K per month" \
        in brief, brief


def test_a_level_said_in_the_present_in_the_set_up_is_no_after(tmp_path):
    """Near case: the same present-tense level told before the work is the problem."""
    text = ("Our first contact resolution is 70% and customers waited for days. I wrote a triage "
            "rule and trained two agents on it. I learned to start small.")
    _, bank = _bank(tmp_path, ("lp-invent-simplify-1", text))
    (story,) = bank.stories
    assert story.triad.after != "70%", story.triad


def test_qa24_story_three_reads_the_named_level_and_the_change(tmp_path, capsys):
    """The QA24 transcript (regression repro): 'accuracy is out 97%, cost dropped at 25%'."""
    qid, text = transcript(SPENT / "qa24" / "run1" / "practice_a3.txt")
    root, _ = _bank(tmp_path, (qid, text))
    brief = " ".join(main_stdout(capsys, "brief", "--recordings", str(root)).split())
    assert "labeling accuracy [baseline?] → 97%, annotation cost −25%, $55K per quarter" in brief
    assert "[baseline?] → 25%" not in brief, brief


# --- F2: a rollout with no number is no scale line -------------------------------------------

def test_a_rollout_to_all_with_no_number_is_a_scale_gap(tmp_path, capsys):
    text = REFUNDS.format(result="The refund backlog fell to 40%. We rolled it out to all 6 "
                                 "regions.")
    root, bank = _bank(tmp_path, ("lp-invent-simplify-1", text))
    (story,) = bank.stories
    assert not story.scale, story.scale
    brief = " ".join(main_stdout(capsys, "brief", "--recordings", str(root)).split())
    assert "Scale and ship:** [scale?]" in brief, brief


@pytest.mark.parametrize("reach", ["400 stores", "every hospital"])
def test_a_rollout_with_its_reach_stays_the_scale(tmp_path, reach):
    """Near case: a rollout that names how far it reaches is the scale line."""
    text = REFUNDS.format(result=f"The refund backlog fell to 40%. We rolled it out to {reach}.")
    _, bank = _bank(tmp_path, ("lp-invent-simplify-1", text))
    (story,) = bank.stories
    assert any(reach in s for s in story.scale), story.scale


# --- R2-F1: the damage's level told in the set-up is the baseline -----------------------------

INCIDENT = ("This was at a payments company, on the retry service. On one Friday evening, after "
            "a config change, the service started to retry every declined card. We saw it from "
            "the alerts and from angry merchants. Failed payments went up to 14% of checkouts "
            "that evening. So, in the first hour, I paused the new retry job, and I wrote to the "
            "merchants every 30 minutes. {after}I learned to test configs like code.")


def test_the_damage_level_before_the_first_step_is_the_baseline(tmp_path, capsys):
    text = INCIDENT.format(after="We stopped losing about $20,000 a day in failed orders. ")
    root, bank = _bank(tmp_path, ("lp-ownership-3", text))
    (story,) = bank.stories
    assert story.triad.baseline == "14%" and story.triad.after is None, story.triad
    brief = " ".join(main_stdout(capsys, "brief", "--recordings", str(root)).split())
    assert "14% → [after?]" in brief and "[baseline?] → 14%" not in brief, brief


def test_a_story_with_no_number_after_the_work_keeps_its_reading(tmp_path):
    """Near case: with nothing measured after the first step, the level is not re-read as the
    start (a story may tell its result first)."""
    text = INCIDENT.format(after="")
    _, bank = _bank(tmp_path, ("lp-ownership-3", text))
    (story,) = bank.stories
    assert story.triad.baseline is None, story.triad


def test_a_result_told_before_the_work_keeps_its_pair(tmp_path):
    """Near case: a change told before the work that the meaning model reads as the result
    ("buyers waited from 9 days to 4 days") stays the pair, with a change told after the work."""
    text = ("At the marketplace I owned the damaged parcel claims flow, and buyers were angry. "
            "Buyers waited from 9 days to 4 days for a refund. I built a photo classifier that "
            "approves the clear cases and sends the rest to an agent. Repeat contacts dropped by "
            "a quarter. I learned to start from what the buyer waits for.")
    _, bank = _bank(tmp_path, ("lp-customer-obsession-3", text))
    (story,) = bank.stories
    assert (story.triad.baseline, story.triad.after) == ("9 days", "4 days"), story.triad


def test_qa23_incident_level_is_not_the_result(tmp_path, capsys):
    """The QA23 run-2 transcript (regression repro): 'went up to 19% … rolled back …'."""
    qid, text = transcript(SPENT / "qa23" / "run2" / "practice1_e.txt")
    root, _ = _bank(tmp_path, (qid, text))
    brief = " ".join(main_stdout(capsys, "brief", "--recordings", str(root)).split())
    assert "late deliveries 19% → [after?]" in brief and "[baseline?] → 19%" not in brief, brief
