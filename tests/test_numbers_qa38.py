"""Session 35: QA38 (issue #17) in own wordings — F1 a compound Whisper split at its "and" with the
thousands on its second part ("300 and 80,000") is read whole; F10 the amount a count changed by
("calls fell by about 2,100 a week") takes no currency from the money said after it; F3 a meeting
the speaker booked ("I booked 30 minutes with her") is no outcome, and a level said "at launch"
once the work is told is the after. The QA transcripts are in tests/data/spent_session35/qa38."""

from __future__ import annotations

import pytest

from voice_coach.analysis.numbers import normalize_numbers
from tests.tools import triad_of


@pytest.mark.parametrize("said, read", [
    ("roughly 300 and 80,000 Singapore dollars a year", "380000 SGD a year"),
    ("about 200 and 40,000 US dollars a year", "$240000 a year"),
    ("somewhere between 300 and 80,000 users", "between 300 and 80000 users"),  # a range
])
def test_f1_a_compound_split_at_and_is_read_whole(said, read):
    assert read in normalize_numbers(said), normalize_numbers(said)


def test_f10_a_count_changed_by_takes_no_currency():
    text = ("Support tickets fell by about one thousand four hundred a week, which finance valued "
            "at roughly two hundred thousand dollars a year.")
    norm = normalize_numbers(text)
    assert "by about 1400 a week" in norm and "$200000 a year" in norm, norm
    assert "$1400" not in norm, norm


def test_f10_a_money_metric_changed_by_still_takes_its_currency():
    norm = normalize_numbers("Costs fell by about 2100 a week, and we saved 40,000 dollars.")
    assert "$2100" in norm, norm


def test_f3_a_meeting_booked_is_no_outcome_and_at_launch_is_the_after():
    text = ("In my spot check on 1,500 real questions, 6.4% of the answers named an ingredient the "
            "label did not have. I booked 30 minutes with the head of product and showed her the "
            "worst answers. I grounded every answer on the label text. At launch, the rate of "
            "wrong ingredient answers was 0.7%.")
    tri = triad_of(text, "lp-backbone-1")
    assert not any("30 minutes" in span for _, span in tri.slots), tri.slots
    assert tri.after and any(role == "after" and "0.7%" in span for role, span in tri.slots), tri


@pytest.mark.parametrize("said, read", [
    ("we did not hire temps for the peak, which saved about 300k US for the season.", "$300000"),
    ("it saved 2 million US a year", "$2M a year"),
    ("she gave three of us a day off", "3 of us"),  # the pronoun, lower case
])
def test_f5_us_after_an_amount_is_its_currency(said, read):
    assert read in normalize_numbers(said), normalize_numbers(said)


def test_f4_a_lesson_about_customers_after_the_pair_is_no_outcome():
    """QA38's own transcript (a repro): "My learning set the more my number worth being a wrong
    answer can do to a customer" after the pair was read as the outcome told in words."""
    import json
    from pathlib import Path

    path = (Path(__file__).parent / "data" / "spent_session35" / "qa38" / "run1" / "reports"
            / "2026-12-04_2205_lp-highest-standards-1" / "answer-01.json")
    text = json.loads(path.read_text(encoding="utf-8"))["transcript"]["text"]
    tri = triad_of(text, "lp-highest-standards-1")
    assert tri.baseline and tri.after and not tri.business_outcome, tri


def test_f4_an_outcome_told_after_the_pair_still_counts():
    text = ("I grounded every answer on the label text. After the fix, wrong ingredient answers "
            "dropped from 6.4% to 0.7%, and the customers stopped complaining about allergens.")
    assert triad_of(text, "lp-highest-standards-1").business_outcome
