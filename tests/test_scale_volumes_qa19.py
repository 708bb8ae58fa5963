"""QA19 F06: money per period is no volume in any currency; a volume Whisper wrote in the
singular is still a volume.

"Merchants recovered about two hundred thousand cedis a month" and "a contract worth two
million cedis a year" were quoted as scale because only pounds/dollars/euros were known as money
before a period; "the model served around 80,000 payment a day" (Whisper dropped the plural) was
no scale at all, so the brief asked for a number that was said.
"""

from __future__ import annotations

import pytest

from voice_coach.analysis.numbers import normalize_numbers
from voice_coach.analysis.structure import detect_scale


@pytest.mark.parametrize("said", [
    "the partners earned about three hundred thousand rupees a month from it",
    "the deal was worth five million naira a year",
    "it brought in 2 million shillings every quarter and 40000 dirhams a week",
    "we lost 250000 pound a year",  # singular money word
    "each merchant got back 20000 cedi a month",
    "we process 50000 more a day",  # how much more, not of what
])
def test_money_per_period_in_any_currency_is_not_scale(said):
    assert detect_scale(normalize_numbers(said)) == []


@pytest.mark.parametrize("said, shown", [
    ("the model served around 80,000 payment a day", "80000 payment a day"),
    ("the queue takes in about thirty thousand parcel every week", "30000 parcel every week"),
    ("it scores 15000 application per hour", "15000 application per hour"),
])
def test_a_volume_said_in_the_singular_is_scale(said, shown):
    assert detect_scale(normalize_numbers(said)) == [shown]


def test_a_volume_next_to_money_keeps_only_the_volume():
    said = ("sellers recovered about two hundred thousand cedis a month, and the service handles "
            "around sixty thousand orders a day")
    assert detect_scale(normalize_numbers(said)) == ["60000 orders a day"]
