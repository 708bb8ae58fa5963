"""Session 55: a new user's pauses (QA130 F4) — the dots Whisper writes for a thinking pause
inside a sentence ("went from... 11 minutes to 6 minutes") are no end of the sentence, for the
structure's clauses and the bank's number readers alike; dots before a new sentence still end one."""

from __future__ import annotations

import pytest

from voice_coach.analysis.numbers import said_sentences
from voice_coach.analysis.structure import split_clauses
from voice_coach.stories import triad_values

from tests.tools import triad_of

SET_UP = ("At the clinic the booking estimates were far off and patients kept calling. I owned "
          "the estimate, plus a fixed 20 minutes for check-in that we never changed. I rebuilt "
          "it with the queue length. ")


@pytest.mark.parametrize("said, before, after", [
    ("The wait error went from... 14 minutes to 5 minutes.", "14", "5"),
    ("The wait error went from… 14 minutes to 5 minutes.", "14", "5"),
    ("The no-show rate was... about 12% before, and it is now 7%.", "12", "7"),
    ("The wait error dropped from 14... minutes to 5 minutes.", "14", "5"),
])
def test_a_pause_inside_the_sentence_keeps_its_before_and_after(said, before, after):
    tri = triad_of(SET_UP + said + " Patients called a lot less.", "lp-ownership-1")
    assert tri.baseline and tri.after, tri
    pairs = " ".join(tri.evidence)
    assert before in pairs and after in pairs and "20 minutes" not in pairs, tri
    bank = triad_values(SET_UP + said)
    assert bank.baseline is not None and before in bank.baseline, bank
    assert bank.after is not None and after in bank.after, bank


def test_dots_before_a_new_sentence_still_end_it():
    tokens = "I waited for the numbers... Then we shipped it to everyone.".split()
    assert len(split_clauses(tokens)) == 2
    # … or before words that go on: only a pause before a number is inside the sentence
    tokens = "So I added the flag and then... well, then the question was how to fit it.".split()
    assert len(split_clauses(tokens)) >= 2
    assert len(said_sentences("The error was 14%... So we retrained it.")) == 2
    assert len(said_sentences("The error went from... 14% to 5%.")) == 1


GRADING = ("At the sorting plant the graders rejected too many lorries. I was responsible for the "
           "grading camera, so I trained a model on ten thousand photos and put it at the gate. "
           "Rejected lorries went from 17 to 6 percent. ")


@pytest.mark.parametrize("money", [
    "around 19 million meticais a year", "about 300 million guaranis a year",
    "roughly 2 million lev a year", "about 40 million dong a month", "nearly 5 million leu a year",
])
def test_money_in_any_currency_is_the_business_outcome(money):
    """QA131 F1: an amount in a currency the readers did not know was read as scale."""
    tri = triad_of(GRADING + f"We stopped paying the penalties, {money}. I learned to start "
                   "at the gate.", "lp-ownership-1")
    assert tri.business_outcome, tri
    assert any(money.split()[-3] in e or money.split()[-4] in e for e in tri.evidence), tri


@pytest.mark.parametrize("said, before, after", [
    ("The false alarms dropped by 9 points, they were at 12% before.", "12%", "3%"),
    ("Late deliveries went down by four points, they were at about 10 percent before.", "10%",
     "6%"),
    ("The match rate went up by 6 points, it was at 80% before.", "80%", "86%"),
    # said in the past with no "before", the level is still where it started
    ("The wrong grades dropped by nine points, they were at twelve percent.", "12%", "3%"),
])
def test_a_level_said_with_before_after_its_step_is_where_it_started(said, before, after):
    """QA131 F4: the level said with "before", or in the past, after the points it moved is the
    baseline, the after worked out from it — never the level reached ("…, it is now at 71%" is)."""
    text = GRADING.replace("Rejected lorries went from 17 to 6 percent. ", "") + said
    bank = triad_values(text)
    assert bank.baseline is not None and bank.baseline.endswith(before), bank
    assert bank.after is not None and after in bank.after, bank
    tri = triad_of(text, "lp-deliver-results-1")
    assert tri.baseline and tri.after, tri


@pytest.mark.parametrize("back", [
    "In two months the default rate was back to 6%.",
    "Two months later the default rate was back down to about 6 percent.",
])
def test_the_problems_jump_is_no_pair_when_the_metric_is_brought_back(back):
    """QA131 F4: the jump told before the work is the problem; the level it is brought back to
    after the work is the after, and the jump's top the baseline."""
    text = ("I owned the loan default model at the lender. In one month the default rate jumped "
            "from 7 to 15 percent, and everyone wanted to retrain. I split the loans by branch "
            "and found one agent signing up fake borrowers, so I added a limit per identity. "
            + back)
    bank = triad_values(text)
    assert bank.baseline == "15%" and bank.after is not None and "6%" in bank.after, bank


@pytest.mark.parametrize("lost", ["We lost two weeks, and I retrained it on darker photos.",
                                  "I wasted about a month on the wrong features, then I retrained it."])
def test_time_the_speakers_side_lost_is_no_business_outcome(lost):
    """QA132 F7: "we lost three weeks" is what the work cost, never what it gave."""
    text = ("The camera check missed many leaking cups and I stopped the launch. " + lost
            + " The check found 96% of the leaks after that, up from 73%.")
    tri = triad_of(text, "lp-highest-standards-1")
    assert not any("week" in e or "month" in e for e in tri.evidence), tri
    saved = triad_of(text.replace(lost, "I retrained it on darker photos.")
                     + " The inspectors saved two hours a day.", "lp-highest-standards-1")
    assert saved.business_outcome and any("2 hours" in e for e in saved.evidence), saved


LOCKERS = ("In the busy weeks many parcels went back to the depot because the lockers were full. "
           "I decided to forecast the fill of every locker and to send big parcels to lockers "
           "with space. ")


@pytest.mark.parametrize("said, share, what", [
    ("After three months, only 4 % of parcels came back to the depot.", "4%", "parcels came back"),
    ("Now only 3 percent of the parcels come back.", "3%", "the parcels come back"),
    ("Two months later about 6% of the orders needed a second trip.", "6%", "the orders needed"),
])
def test_a_share_said_as_the_subject_after_the_work_is_the_after(said, share, what):
    """QA132 F2, F8: "only 4% of parcels came back", said after a time after the work or with
    "now", is the level after, and what it is a share of is the metric."""
    tri = triad_of(LOCKERS + said + " The couriers saved about 90 thousand euros a quarter.",
                   "lp-customer-obsession-1")
    assert tri.after and any(share in e for e in tri.evidence), tri
    bank = triad_values(LOCKERS + said)
    assert bank.after == share and bank.metric == what, bank


def test_a_share_said_before_the_work_is_no_after():
    text = ("Last winter 9% of parcels came back to the depot. I decided to forecast the fill of "
            "every locker. The couriers were happier.")
    assert not triad_of(text, "lp-customer-obsession-1").after


@pytest.mark.parametrize("kept", ["the Gini was about sixty two before and sixty two after",
                                  "accuracy was 91% before and 91% after"])
def test_a_level_held_before_and_after_fills_no_slot(kept):
    """QA134 F10: one level said before and after is a level kept, never the baseline of the
    pair said beside it nor the business outcome."""
    text = ("We had a default model with three hundred features, and every retraining took two "
            f"days. I removed the duplicate features and kept forty. The quality stayed the same, "
            f"{kept}, but retraining now takes forty minutes instead of two days.")
    tri = triad_of(text, "lp-invent-simplify-1")
    assert not any("62" in e or "91" in e for e in tri.evidence), tri
    assert tri.after and any("40 minutes" in e for e in tri.evidence), tri
    moved = triad_of(text.replace(kept, "accuracy was 88% before and 91% after"),
                     "lp-invent-simplify-1")
    assert any("88" in e for e in moved.evidence), moved
