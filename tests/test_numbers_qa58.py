"""Session 43, QA58 (issue #17, persona Siosaia): F9 a span said as a compound before a noun
("ninety day arrears", "30-day retention") names the metric, never a level; F4 a rate per a
count said in words ("14 per thousand loans") keeps its unit in the report's slots; F3 the
currency said after the amount's period ("600 grand a year in New Zealand dollars") is the
amount's."""

from __future__ import annotations

from pathlib import Path

import pytest

from voice_coach.analysis.numbers import name_ranges, normalize_numbers
from tests.tools import triad_of

RUN = Path(__file__).parent / "data" / "spent_session43" / "qa58" / "run1"


def test_f9_f4_f3_the_arrears_story_reads_as_said():
    tri = triad_of((RUN / "a1_arrears_co.txt").read_text(), "lp-customer-obsession-1")
    # read as one change (session 45: "per 1000 loans" counts no people), or as two slots
    assert ("pair", "about 14 per 1000 to 9 per 1000") in tri.slots \
        or ("baseline", "14 per 1000") in tri.slots \
        and ("after", "down to 9 per 1000") in tri.slots, tri.slots
    assert any(role == "outcome" and "nzd" in span.lower() for role, span in tri.slots), tri.slots


@pytest.mark.parametrize("text,named", [
    ("loans rolling into 90 day arrears was about 14", "90 day"),
    ("the 30-day retention went up", "30-day"),
    ("our 12 month churn rate", "12 month"),
])
def test_f9_a_span_said_before_a_noun_is_in_the_name(text, named):
    at = text.index(named)
    assert any(a <= at < b for a, b in name_ranges(text)), name_ranges(text)


@pytest.mark.parametrize("text", [
    "it took 2 year to build it",  # a plural left off by a second-language speaker
    "we waited 3 day before we shipped",
    "it was 1 day late",
])
def test_f9_near_cases_a_span_said_as_a_time_is_no_name(text):
    assert name_ranges(text) == []


@pytest.mark.parametrize("said,written", [
    ("round about 600 grand a year in New Zealand dollars less", "600000 NZD a year less"),
    ("saved 300 thousand a year in euros", "€300000 a year"),
])
def test_f3_the_currency_said_after_the_period(said, written):
    assert written in normalize_numbers(said)


# the C2 retelling as Whisper heard it (run1/practice_c2.out)
C2_HEARD = ("The result I'm proudest of is the hardship letter assistant at the bank. Customers who "
            "are struggling with their mortgage writing and our specialists were taking days to "
            "reply. I lent the real the language model that rafts the reply from the hardship "
            "policy and the customer's file. What got in the way was quality. In our first test, "
            "about 23 % of the rafts had a real mistake, like offering a payment holiday the "
            "customer could not get. I held the launch, added a retrieval step over the policy, "
            "and a rule checker at log send it off a knot in the file. On the retest, the share of "
            "rafts with a mistake was down to 4%. We went living for every very, and the "
            "specialist now get through the queue about a third faster. So customers here back in "
            "two days, instead on five. It runs on about 300 letters a week. That one is about "
            "deliver results for me.")


def test_f2_a_level_beside_a_negated_modal_is_the_baseline():
    tri = triad_of(C2_HEARD, "lp-deliver-results-1")
    assert ("baseline", "23%") in tri.slots, tri.slots


@pytest.mark.parametrize("clause,hoped", [
    ("about 23% of the drafts had a mistake the customer could not get", False),
    ("we hoped the error could drop to 5%", True),
    ("if we shipped it, the error would go down to 5%", True),
])
def test_f2_a_modal_said_in_the_negative_is_no_hope(clause, hoped):
    from voice_coach.analysis.structure import projected

    assert projected(clause) is hoped
