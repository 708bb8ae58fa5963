"""Session 55: new users' story banks (QA132, QA131) — a rate is one quantity: a follow-up reply
that gives the baseline as a rate in words and then as a number ("every fifth item …, so about
20%") fills the bank with the rate or the number, never with a piece of the rate ("1"); a rate's
denominator said as tens and ones ("one truck in twenty five") is that number."""

from __future__ import annotations

from datetime import datetime

import pytest

from voice_coach.cli.stories import load_story_bank
from voice_coach.config import Config
from voice_coach.questions import load_bank
from voice_coach.store import Store
from tests.tools import save_practice

RETURNS = (
    "At the grocery app the substitutions were a mess in the winter peak. I owned the "
    "substitution model, so I decided to retrain it on what customers actually kept, and I "
    "added a rule that never swaps a brand the customer marked as a favourite. After two months "
    "the customers were much happier and we saved around sixty thousand euros per quarter in "
    "refunds.")
REPLIES = (
    "Before the change, well, every fifth substituted item was refused at the door, so around "
    "20 percent.",
    "Before, one order in four had a refused item, so about 25 percent.",
)


@pytest.mark.parametrize("reply", REPLIES)
def test_a_baseline_said_as_a_rate_then_a_number_is_the_number_said(tmp_path, reply):
    root = tmp_path / "recordings"
    first, second = save_practice(Store(root), datetime(2026, 12, 1, 9), "lp-customer-obsession-1",
                                  RETURNS, reply, kind="no_baseline")
    assert first.structure.metric_triad.baseline is False  # the answer lacked it
    (story,) = load_story_bank(Store(root), Config(), load_bank()).stories
    rate, said = ("1 in 5", "20%") if "20" in reply else ("1 in 4", "25%")
    assert story.triad.baseline in (rate, said, f"about {said}", f"around {said}"), story.triad
    assert second.follow_up_check.evidence[0] in (rate, said), second.follow_up_check


@pytest.mark.parametrize("said, rate", [
    ("before, one truck in twenty five was rejected at the gate", "1 in 25 truck"),
    ("one truck in twenty-five was rejected", "1 in 25 truck"),
    ("about one claim in thirty two was paid twice", "1 in 32 claim"),
    ("one flight in ten went out half empty", "1 in 10 flight"),
])
def test_a_rate_said_with_its_noun_inside_reads_its_whole_denominator(said, rate):
    from voice_coach.analysis.numbers import normalize_numbers

    assert rate in normalize_numbers(said)


@pytest.mark.parametrize("label, name", [("not", None), ("not late trips", "late trips"),
                                         ("never", None)])
def test_a_negation_names_no_metric(label, name):
    """QA135 F1: the "not" of a figure the speaker rejects ("…, not one in six") is no metric."""
    from voice_coach.analysis.triad_said import metric_label

    assert metric_label(label) == name
