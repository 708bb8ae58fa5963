"""QA27 F1 in the report's metric triad (`analysis.structure`), which the story bank and the
brief follow (one set of facts): how long a change took, said with "in" right after the change's
number ("went from 11% to like 6% in two months"), is never an amount of the business outcome —
as "within" / "over" already were. A duration said on its own as what the work gave ("we saved
the adjusters 3 hours a week") stays the outcome.

The sentences are this test's own (an insurer's claims triage), not the QA27 persona's."""

from __future__ import annotations

import pytest

from voice_coach import pipeline
from voice_coach.config import Config
from voice_coach.questions import load_bank

CLAIMS = ("At the insurer I owned the claims triage model. Adjusters were reading every claim by "
          "hand and the backlog kept growing. My task was to get simple claims paid fast. I "
          "trained a model that routes simple claims straight to payment, and I reviewed its "
          "mistakes with the adjusters every week. As a result, {result}{money} I learned to sit "
          "with the adjusters before I tune anything.")
MONEY = " And for the company, we saved about four million rupees a month in handling."


def _outcomes(text: str) -> list[str]:
    report = pipeline.analyze_text(text, cfg=Config(),
                                   question=load_bank().get("lp-customer-obsession-1"))
    return [span for role, span in report.structure.metric_triad.slots if role == "outcome"]


@pytest.mark.parametrize("result", [
    "customer complaints went from about 11 % to like 6 % in two months.",
    "policy cancellations dropped from 11% to 6% in just four weeks.",
    "churn went down from eleven percent to six percent in about three months.",
    "customer complaints fell to like 6% in three days.",
])
def test_how_long_a_change_took_is_no_outcome(result):
    outcomes = _outcomes(CLAIMS.format(result=result, money=MONEY))
    assert outcomes == ["4M rupees a month"], outcomes


def test_a_change_by_an_amount_keeps_its_number_not_its_time():
    text = CLAIMS.format(result="handling time went down by 20 minutes in three months.",
                         money="")
    assert not any("month" in o for o in _outcomes(text)), _outcomes(text)


@pytest.mark.parametrize("result, outcome", [
    # near cases: a duration that is what the work gave stays the outcome; "within" as before
    ("we saved the adjusters 3 hours a week.", "3 hours a week"),
])
def test_a_duration_given_back_stays_the_outcome(result, outcome):
    assert _outcomes(CLAIMS.format(result=result, money="")) == [outcome]


def test_within_was_already_no_outcome():
    text = CLAIMS.format(result="customer complaints went from about 11 % to like 6 % within "
                                "two months.", money=MONEY)
    assert _outcomes(text) == ["4M rupees a month"]
