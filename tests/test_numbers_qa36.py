"""Session 35: the numbers QA36 found misread in the story bank and brief (issue #17), in own
wordings (the QA transcripts are kept as repros in tests/data/spent_session34/qa36):
F1 an amount heard bare is never shown with the sign of the amount beside it; F2 a cost that went
down by money whose currency was misheard is the outcome, neither an after nor scale; F3 a level
said after "before our change," is the baseline; F4 a baseline read from its unit quotes its
number; F5 a count said after the things it counts ("subscribers, about 3.5M of them") is scale."""

from __future__ import annotations

import pytest

from voice_coach.analysis.structure import detect_scale
from voice_coach.analysis.numbers import mark_unsaid_currency, normalize_numbers
from tests.tools import report_of, triad_of


def test_f1_a_bare_amount_keeps_no_sign_lent_by_its_conversion():
    text = ("The yearly saving on moving empty boxes came to about four point one million, which "
            "is roughly one million dollars.")
    assert mark_unsaid_currency("$4.1M", text) == "4.1M [currency?]"
    assert mark_unsaid_currency("$1M", text) == "$1M"


@pytest.mark.parametrize("text", [
    "After the fix the cost of shipping empty boxes went down by roughly 2.6 million loaded a year.",
    "Then the cost of renting spare trailers dropped by about 1.9 million parted per year.",
])
def test_f2_a_cost_down_by_money_is_the_outcome_not_an_after_nor_scale(text):
    r = report_of(text, "lp-dive-deep-2")
    tri = r.structure.metric_triad
    assert tri.business_outcome and not tri.after, tri
    assert any(role == "outcome" and "[currency?]" in span for role, span in tri.slots), tri.slots
    assert not r.structure.scale_evidence, r.structure.scale_evidence


def test_f2_a_volume_after_a_cost_verb_far_back_is_still_scale():
    text = normalize_numbers("The cost was fine, and now we score 3 million card transactions "
                             "per day.")
    assert detect_scale(text) == ["3M card transactions per day"]


@pytest.mark.parametrize("text, level", [
    ("Before our change, reviewing one loan file by hand took an underwriter about 40 minutes.",
     "40 minutes"),
    ("Before the new model, about 35 percent of the tickets were routed to the wrong queue.",
     "35%"),
])
def test_f3_a_level_after_before_our_change_is_the_baseline(text, level):
    tri = triad_of(text, "lp-customer-obsession-1")
    assert tri.baseline and not tri.after, tri
    assert any(role == "baseline" and level in span for role, span in tri.slots), tri.slots


def test_f4_a_baseline_read_from_its_unit_quotes_its_number():
    text = ("When he joined, roughly 40 percent of his design docs came back with major comments. "
            "I paired him with a staff engineer every week. Six months later the share that came "
            "back was down to about 15 percent.")
    tri = triad_of(text, "lp-hire-develop-1")
    assert tri.baseline and tri.after, tri
    assert ("baseline", "40%") in tri.slots, tri.slots


@pytest.mark.parametrize("text, span", [
    ("The model scored all of our prepaid customers, about two point two million of them, every "
     "night.", "customers, about 2.2M of them, every night"),
    ("It read every one of the claims, some sixty thousand of them a week.",
     "claims, some 60000 of them a week"),
])
def test_f5_a_count_said_after_what_it_counts_is_scale(text, span):
    assert span in detect_scale(normalize_numbers(text)), detect_scale(normalize_numbers(text))


def test_f5_a_small_count_after_its_noun_is_no_scale():
    assert detect_scale(normalize_numbers("We phoned our customers, about 300 of them.")) == []
