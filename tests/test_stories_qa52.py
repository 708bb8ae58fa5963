"""Session 41, QA52 (issue #17, persona Rangi; transcripts in tests/data/spent_session41/qa52):
F1 a follow-up reply's level said as a ratio ("roughly two in five unknown loans") is shown as
said, never as its first number "2"; F2 the share of cases a detector caught once it ran
("once it went live, the model caught about 78% of the loans") is the after; F8 how early a
warning comes ("flags customers about 60 days before they miss a payment") is no outcome."""

from __future__ import annotations

from datetime import datetime

from voice_coach.cli.stories import load_story_bank
from voice_coach.config import Config
from voice_coach.questions import load_bank
from voice_coach.store import Store
from voice_coach.story_report import triad_text
from tests.tools import save_practice, triad_of

ANSWER = ("At the bank, nobody really owned early warning for home loans that were sliding into "
          "arrears. It wasn't my job, but I put my hand up. I built a gradient boosted model that "
          "flags customers about 60 days before they miss a payment. The collections people "
          "could call those customers early and set up hardship plans, and that kept $450,000 "
          "New Zealand dollars a quarter out of write-offs. That's Ownership for me.")
REPLY = ("Before the model, the old spreadsheet only caught roughly two in five unknown loans. "
         "So, about 40%, and usually far too late to help the customer.")


def test_f1_a_replys_ratio_is_the_baseline_as_said(tmp_path):
    root = tmp_path / "recordings"
    save_practice(Store(root), datetime(2026, 11, 20, 9), "lp-ownership-1", ANSWER, REPLY,
                  "no_baseline")
    (story,) = load_story_bank(Store(root), Config(), load_bank()).stories
    assert story.triad.baseline is not None and "2 in 5" in story.triad.baseline, story.triad


def test_f2_the_share_a_detector_caught_once_it_ran_is_the_after():
    tri = triad_of("I built a model that flags customers early. Once it went live, the model "
                   "caught about 78% of the loans that later fell into arrears.",
                   "lp-ownership-1")
    assert any(role == "after" and "78%" in span for role, span in tri.slots), tri.slots


def test_f2_near_case_a_volume_handled_after_the_launch_is_no_after():
    assert not triad_of("After the launch we handled 5000 tickets a day.",
                        "lp-ownership-1").after


# the answer as tiny.en wrote it
HEARD = ("I think that the bank, nobody really owned nearly warning for home loans that were "
         "sliding into areas. The collections team had a spreadsheet and a fair bit of gut feel. "
         "It wasn't my job, but I put my hand up. The team did the hard yards cleaning the "
         "repayment data and was keep it, and I built a radiant boosted model that flags "
         "customers about 60 days before they miss a payment. Once it went live, the model "
         "caught about 78 % of the loans that later fell into the collections people could bring "
         "those customers early and set up hardship plans, and that kept them out $450,000 New "
         "Zealand dollars a quarter out of right -offs. That's ownership for me.")


def test_f8_how_early_a_warning_comes_is_no_outcome():
    tri = triad_of(HEARD, "lp-ownership-1")
    assert not any("60 days" in span for _, span in tri.slots), tri.slots
    assert any(role == "outcome" and "450" in span for role, span in tri.slots), tri.slots


def test_f7_a_dollar_amount_said_with_its_country_is_that_countrys(tmp_path):
    """Whisper writes "$450,000 New Zealand dollars": the brief shows NZ$450K, never "$450K"
    (a US amount to a reader). Session 42."""
    from voice_coach.analysis.numbers import normalize_numbers

    assert normalize_numbers("kept $450,000 New Zealand dollars a quarter") == \
        "kept 450000 NZD a quarter"
    assert normalize_numbers("saved $2.3 million NZD a year") == "saved 2.3M NZD a year"
    assert normalize_numbers("saved $2.3 million US dollars a year") == "saved $2.3M a year"
    root = tmp_path / "recordings"
    save_practice(Store(root), datetime(2026, 11, 20, 9), "lp-ownership-1",
                  ANSWER.replace("a gradient boosted", "a"))
    (story,) = load_story_bank(Store(root), Config(), load_bank()).stories
    assert "NZ$450K a quarter" in triad_text(story.triad), story.triad
