"""QA30 F3 (issue #17): the per-answer report quotes a triad amount with the period its sentence
says it per, as the story bank and the brief do ("… per year" was kept by the bank and dropped
by the report). The sentences are this test's own."""

from __future__ import annotations

import re

from tests.test_report import capture
from tests.tools import report_of
from voice_coach.report import evidence_periods

TALK = ("I owned the reorder model for our pharmacy chain. Shelves were empty every Friday, so I "
        "changed the forecast to the store level with local features. The stock-out rate went "
        "from 12% to 5%. And we stopped losing about 2.5 million load-y per year on emergency "
        "deliveries. I learned to listen to the people in the stores.")


def test_the_report_quotes_the_period_the_bank_keeps():
    flat = " ".join(capture(report_of(TALK, "lp-customer-obsession-3")).split())
    # each mark quotes its own slot (QA32 F8): the outcome's quote is the money's
    line = flat.split("metric triad:", 1)[1].split("business outcome ✓", 1)[1].split(")", 1)[0]
    # the word heard in the currency's place may stay quoted; the period must
    assert re.search(r"2\.5M \[currency\?\](?: \S+)? per year", line), line


def test_a_quote_with_its_period_or_without_one_said_is_unchanged():
    """Near cases: a period already quoted, a percent pair, a period of another clause."""
    assert evidence_periods(("$40000 per month",), "we saved $40,000 per month") \
        == ("$40000 per month",)
    assert evidence_periods(("12% to 5%",), "it went from 12% to 5% per store") == ("12% to 5%",)
    assert evidence_periods(("3 models",), "we had 3 models, and retrained weekly") \
        == ("3 models",)


def test_a_quote_that_stops_before_its_period_gets_it():
    text = "And we stopped losing about 2.5 million load-y per year on emergency deliveries."
    assert evidence_periods(("2.5M [currency?]",), text) == ("2.5M [currency?] per year",)
