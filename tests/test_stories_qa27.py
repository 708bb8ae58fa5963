"""Session 23 (issue #17: the bank and the brief show each triad with the numbers as spoken) —
QA27 F1: where a telling's report holds several outcome candidates, the bank and the brief choose
by what the outcome is — money (with its currency as a sign or as a word: "4M rupees a month")
first, then a change for users or the business, then anything else read — never by the order
they were said in; and a retelling that gives the outcome's money differently is flagged on the
"Check:" line, as a changed baseline is.

The sentences are this test's own (an insurer's claims triage), not the QA27 persona's."""

from __future__ import annotations

import pytest

from voice_coach.report_model import MetricTriadInfo
from voice_coach.stories import report_outcome
from tests.test_stories_qa24 import _bank
from tests.tools import main_stdout

TEXT = ("Adjusters got their time back: they saved 3 hours a week each. And for the company, we "
        "saved about 4 million rupees a month in handling.")


def _tri(*outcomes: str) -> MetricTriadInfo:
    return MetricTriadInfo(False, False, True, (), tuple(("outcome", o) for o in outcomes))


@pytest.mark.parametrize("outcomes", [
    ("3 hours a week", "4M rupees a month"),
    ("4M rupees a month", "3 hours a week"),
])
def test_money_said_with_a_currency_word_is_chosen_whatever_its_order(outcomes):
    assert report_outcome(_tri(*outcomes), TEXT) == "4M rupees a month"


def test_money_with_a_sign_is_chosen_as_before():
    """Near case: "$4M a month" was already money."""
    text = TEXT.replace("4 million rupees", "4 million dollars")
    assert report_outcome(_tri("3 hours a week", "$4M a month"), text) == "$4M a month"


def test_a_lone_outcome_is_shown_as_read():
    """Near case: with one candidate there is nothing to choose."""
    assert report_outcome(_tri("3 hours a week"), TEXT) == "3 hours a week"


CLAIMS = ("At the insurer I owned the claims triage model. Adjusters were reading every claim by "
          "hand and the backlog kept growing. My task was to get simple claims paid fast. I "
          "trained a model that routes simple claims straight to payment, and I reviewed its "
          "mistakes with the adjusters every week. As a result, customer complaints went from "
          "about 11 % to like 6 % in two months. And for the company, we saved about {money} "
          "rupees a month in handling. It runs on about 9000 claims a day. I learned to sit with "
          "the adjusters before I tune anything.")
RETOLD = ("This is about Deliver Results. The claims triage model at the insurer: complaints were "
          "12 percent before, and we cut them by about half. We saved around {money} rupees a "
          "month in handling, on about 9500 claims a day. I learned to sit with the adjusters.")


def test_the_bank_and_brief_show_the_money_not_the_time(tmp_path, capsys):
    root, bank = _bank(tmp_path, ("lp-customer-obsession-1", CLAIMS.format(money="4 million")))
    (story,) = bank.stories
    assert story.triad.outcome == "4M rupees a month", story.triad
    brief = " ".join(main_stdout(capsys, "brief", "--recordings", str(root)).split())
    assert "4M rupees a month" in brief and "2 months" not in brief, brief


def test_a_retold_outcome_amount_is_flagged(tmp_path, capsys):
    root, bank = _bank(tmp_path, ("lp-customer-obsession-1", CLAIMS.format(money="4 million")),
                       ("lp-deliver-results-1", RETOLD.format(money="5 million")))
    assert len(bank.stories) == 1, [s.title for s in bank.stories]
    brief = " ".join(main_stdout(capsys, "brief", "--recordings", str(root)).split())
    check = next(line for line in brief.split("- **") if line.startswith("Check:**"))
    assert "4M rupees a month" in check and "5M rupees a month" in check, check


def test_a_retold_same_outcome_is_not_flagged(tmp_path, capsys):
    """Near case: the same money said again is nothing to check."""
    root, _ = _bank(tmp_path, ("lp-customer-obsession-1", CLAIMS.format(money="4 million")),
                    ("lp-deliver-results-1", RETOLD.format(money="4 million")))
    brief = " ".join(main_stdout(capsys, "brief", "--recordings", str(root)).split())
    assert "outcome said as" not in brief, brief
