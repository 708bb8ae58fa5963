"""Session 22: money after a loss, saving or cost verb with its currency word misheard and NO
period heard (QA23 R1-F3: "we stopped losing about 2.4 million loaded here in chargebacks",
"stopped losing roughly 2.1 million low to year") is money whose currency was not heard — the
amount as heard, "2.4M [currency?]" — never a gap "[outcome?]"; and the saved report's slots
(`review --export json`) carry no "$" the answer never said and no number in two slots (R2-F3).
Own wordings; the QA transcripts are kept as repros (tests/data/spent_session21/qa23)."""

from __future__ import annotations

from datetime import datetime

import pytest

from voice_coach.analysis.numbers import UNSAID_CURRENCY, currency_word_after
from voice_coach.store import Store
from tests.test_stories_followed_up import _save
from tests.test_stories_qa24 import SPENT, transcript
from tests.tools import main_stdout
from tests.tools import triad_of


@pytest.mark.parametrize("text", [
    "we stopped losing about 3.1M rubbish here in refunds",
    "so we stopped losing roughly 1.7M low to year",
    "and it saved us around 900K brand on licences",
])
def test_money_after_a_money_verb_with_no_period_is_marked(text):
    end = next(i for i in range(len(text)) if text[i - 1:i] in "MK" and text[i:i + 1] == " "
               and text[i - 2:i - 1].isdigit())
    assert currency_word_after(text, end) == UNSAID_CURRENCY


@pytest.mark.parametrize("text", [
    "we stopped losing about 3.1M user sessions to timeouts",  # things counted
    "we saved 2M hours of agent time",  # a unit
    "we stopped losing about 3.1M in refunds",  # no word where the currency is said
    "we saved 3M rand on refunds",  # the currency was heard
    "the model scores about 2M claim forms",  # no money verb: a volume
])
def test_a_count_a_unit_or_a_heard_currency_is_not_marked(text):
    end = text.index("M ") + 1
    assert currency_word_after(text, end) != UNSAID_CURRENCY


FRAUD = ("At the bank I owned the card fraud model and chargebacks were too high. I rebuilt the "
         "features from the dispute reports and retrained it. The chargeback rate went from 0.8% "
         "to 0.3%. {money} I learned to check the labels first.")


def test_money_with_no_period_is_the_outcome_as_heard(tmp_path, capsys):
    root = tmp_path / "recordings"
    _save(Store(root), datetime(2026, 12, 1, 9), "lp-dive-deep-1",
          FRAUD.format(money="We stopped losing about 3.1 million rubbish here in refunds."))
    brief = " ".join(main_stdout(capsys, "brief", "--recordings", str(root)).split())
    assert "0.8% → 0.3%, 3.1M [currency?]" in brief and "[outcome?]" not in brief, brief


def test_qa23_fraud_outcome_is_shown_as_heard_and_checked(tmp_path, capsys):
    """The QA23 run-1 transcripts (repro): both tellings' money, and the retold amount checked."""
    root = tmp_path / "recordings"
    for hour, name in ((9, "practice1_a.txt"), (10, "practice4_d_retell.txt")):
        qid, text = transcript(SPENT / "qa23" / "run1" / name)
        _save(Store(root), datetime(2026, 12, 1, hour), qid, text)
    brief = " ".join(main_stdout(capsys, "brief", "--recordings", str(root)).split())
    assert "[outcome?]" not in brief, brief
    assert "2.1M [currency?]" in brief and "2.4M [currency?]" in brief, brief


# --- R2-F3: the saved slots are the numbers as said, each in one slot -------------------------

def _slots(qid: str, text: str):
    return triad_of(text, qid).slots


def test_a_slot_never_carries_a_currency_that_was_not_said():
    slots = _slots("lp-dive-deep-1", FRAUD.format(money="We saved 3 million in compute."))
    assert slots and not any("$" in span for _, span in slots), slots
    assert any(role == "outcome" and "3M [currency?]" in span for role, span in slots), slots


def test_a_slot_keeps_the_currency_that_was_said():
    """Near case: money said with its currency keeps it."""
    slots = _slots("lp-dive-deep-1", FRAUD.format(money="We saved 3 million dollars in compute."))
    assert any(role == "outcome" and "$3M" in span for role, span in slots), slots


def test_qa23_retelling_money_fills_one_slot():
    """The QA23 run-2 retelling (repro): 'a day to 1.8 million, the LN more approved payment'
    is the outcome only, never also an after, and never '$1.8M'."""
    qid, text = transcript(SPENT / "qa23" / "run2" / "practice4_h_retell.txt")
    slots = _slots(qid, text)
    assert not any("$" in span for _, span in slots), slots
    spans = [span for _, span in slots]
    assert len(spans) == len(set(spans)), slots
