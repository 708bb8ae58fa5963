"""Session 23 (issue #17), QA25 F2 in `analysis.numbers`: after a saving, loss or cost verb, an
amount (a thousand or more, or scaled) whose own words then say it was saved in costs ("we saved
about 60000 lettuce in our shipping costs", the currency misheard) is money whose currency was
not heard — the same mark as a misheard currency before a period (QA22 F1) or with no period
(QA23 R1-F3). A plural noun with no such words still counts things ("saved 60000 clicks"), and
so does a unit ("saved 60000 hours in support costs"). Own wordings."""

from __future__ import annotations

import re

import pytest

from voice_coach.analysis.numbers import UNSAID_CURRENCY, currency_word_after, normalize_numbers


def _after_amount(text: str) -> str:
    norm = normalize_numbers(text)
    m = re.search(r"\d+(?:\.\d+)?[MBK]?\b", norm)
    return currency_word_after(norm, m.end())


@pytest.mark.parametrize("text", [
    "we saved about 60,000 lettuce in our shipping costs",
    "we saved them out 60,000 sediments in the delivery costs",
    "it cost us 25,000 bird in server bills",
    "we stopped losing 3 million lettuce in refund fees",
])
def test_an_amount_saved_in_costs_is_money_whose_currency_was_not_heard(text):
    assert _after_amount(text) == UNSAID_CURRENCY


@pytest.mark.parametrize("text", [
    "we saved 60,000 clicks",
    "we saved 60,000 clicks in the signup flow",
    "we saved 60,000 hours in support costs",
    "we saved 60 lettuce in shipping costs",
    "we handled 60,000 tickets in support costs",
])
def test_things_counted_or_no_money_verb_stay_as_said(text):
    """Near cases: things counted, a unit, a small number, no money verb."""
    assert _after_amount(text) == ""
