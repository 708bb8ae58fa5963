"""Session 35: QA37 (issue #17) in own wordings — the transcripts are kept as repros in
tests/data/spent_session35/qa37. F1: a level said after "three weeks later" once the work is told
is the after, and "three weeks later" is no outcome; F2: review rounds are a level ("5 rounds →
2"); F3: an outcome said in words is shown so in the bank, beside the pair's numbers; F4: "I
started from the customer" is a step, no business outcome; F8: "2M meter readings per day" is
scale; F9: `brief --html` into a folder of the user's keeps the folder's mode."""

from __future__ import annotations

import os
import stat

import pytest

from voice_coach.analysis.numbers import normalize_numbers
from voice_coach.analysis.structure import detect_scale
from voice_coach.stories import SAID_IN_WORDS, brief_entries
from voice_coach.questions import load_bank
from tests.tools import run_main, story_bank, triad_of


def test_f1_a_level_after_weeks_later_is_the_after_and_no_outcome():
    text = ("Only 58% of the chatbot's answers on refunds were right. I rebuilt the retrieval "
            "index with the support leads. Two weeks later, the accuracy on refund questions was "
            "88%.")
    tri = triad_of(text, "lp-earn-trust-2")
    assert tri.after and ("after", "was 88%") in tri.slots, tri
    assert not tri.business_outcome and not any("2 weeks" in s for _, s in tri.slots), tri


def test_f1_weeks_later_in_the_set_up_stays_the_problem():
    tri = triad_of("Two weeks later the error rate was 20%. So I dug into the logs and fixed the "
                   "parser.", "lp-dive-deep-1")
    assert not tri.after, tri


def test_f2_review_rounds_are_a_level():
    text = ("At first a pull request of his needed about six rounds of comments. I reviewed "
            "with him every Friday. By the end of the quarter it needed about two rounds.")
    tri = triad_of(text, "lp-hire-develop-1")
    assert tri.baseline and tri.after, tri
    assert any(role == "baseline" and "6 rounds" in span for role, span in tri.slots), tri.slots


def test_f3_an_outcome_in_words_beside_a_pair_is_said_in_words(tmp_path):
    text = ("Our claims model flagged too many honest customers. I retrained it on the new "
            "labels and the precision went from 40% to 75%. Afterwards the honest customers "
            "stopped complaining to the call centre.")
    _, bank = story_bank(tmp_path, ("lp-customer-obsession-1", text))
    (entry,) = brief_entries(bank, load_bank())
    assert (entry.triad.baseline, entry.triad.after) == ("40%", "75%"), entry.triad
    if entry.triad.outcome is None:
        assert entry.triad.effect == SAID_IN_WORDS, entry.triad


def test_f4_a_step_the_speaker_started_is_no_outcome():
    text = ("I think it shows Customer Obsession. I started from the elderly customer on the "
            "phone who cannot check what the agent tells her, and worked backwards to the fix.")
    assert not triad_of(text, "lp-customer-obsession-1").business_outcome


@pytest.mark.parametrize("text, span", [
    ("Three months later her model checked about two million meter readings per day.",
     "2M meter readings per day"),
    ("The service now scores roughly five hundred thousand card payments a day.",
     "500000 card payments a day"),
])
def test_f8_a_count_per_period_with_a_unit_word_before_it_is_scale(text, span):
    assert span in detect_scale(normalize_numbers(text)), detect_scale(normalize_numbers(text))


def test_f9_brief_html_keeps_the_mode_of_a_folder_the_user_chose(tmp_path, capsys):
    root, _ = story_bank(tmp_path, ("lp-customer-obsession-1",
                                    "I rebuilt the index and the accuracy went from 60% to 90%."))
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o755)
    code, _, err = run_main(capsys, "brief", "--recordings", str(root), "--html",
                            str(shared / "brief.html"))
    assert code == 0, err
    assert stat.S_IMODE(shared.stat().st_mode) == 0o755
    assert stat.S_IMODE((shared / "brief.html").stat().st_mode) == 0o600


def test_f6_money_the_work_now_recovers_is_the_outcome_not_an_after():
    text = ("I rebuilt the features of the theft model with the field teams. The headline is "
            "that we now recover about two point one million euros per year that was lost.")
    tri = triad_of(text, "lp-deliver-results-1")
    assert tri.business_outcome and not tri.after, tri
    assert any(role == "outcome" and "€2.1M per year" in span for role, span in tri.slots), tri


def test_f7_a_principle_named_in_any_reply_is_named_for_the_story(tmp_path):
    from datetime import datetime

    from voice_coach.cli.stories import load_story_bank
    from voice_coach.config import Config
    from voice_coach.store import Store
    from tests.tools import save_practice

    root = tmp_path / "recordings"
    answer = ("At the utility our theft alerts were mostly wrong, so I pulled six months of raw "
              "meter readings myself and found a firmware bug that looked like tampering. I "
              "fixed the features and after the change one in three inspections found theft.")
    reply = "I would say it shows Dive Deep. Nobody asked me to look at the firmware."
    save_practice(Store(root), datetime(2026, 11, 20, 9), "lp-dive-deep-1", answer, reply,
                  "no_baseline")
    bank = load_story_bank(Store(root), Config(), load_bank())
    (story,) = bank.stories
    assert "Dive Deep" in story.named_principles, story.named_principles
    assert bank.coverage.level.get(("Dive Deep", story.id)) == "strong", bank.coverage.level


def _qa37_transcript(session: str) -> str:
    import json
    from pathlib import Path

    path = (Path(__file__).parent / "data" / "spent_session35" / "qa37" / "run1" / "reports"
            / session / "answer-01.json")
    return json.loads(path.read_text(encoding="utf-8"))["transcript"]["text"]


def test_f12_one_amount_is_quoted_once_and_its_noun_phrase_whole():
    """QA37's own transcripts (repros): "€1.2M a year of energy; €1.2M a year" quoted the same
    money twice; "€300K a year in emergency" cut "emergency overtime" in two."""
    tri = triad_of(_qa37_transcript("2026-12-04_2125_lp-dive-deep-1"), "lp-dive-deep-1")
    outcomes = [span for role, span in tri.slots if role == "outcome"]
    assert len([s for s in outcomes if "€1.2M" in s]) == 1, outcomes
    tri = triad_of(_qa37_transcript("2026-12-04_2127_lp-bias-for-action-1"),
                   "lp-bias-for-action-1")
    assert any("in emergency overtime" in span for role, span in tri.slots
               if role == "outcome"), tri.slots
