"""Session 43, QA55 F2 (issue #13): an answer that gives its ending first ("So the short version
is, the error came down to 11% …") tells the Result there, not a long Situation."""

from __future__ import annotations

from pathlib import Path

import pytest

from voice_coach.analysis.structure import signposted_part

RUN = Path(__file__).parent / "data" / "spent_session42" / "qa55" / "run1"


@pytest.mark.parametrize("clause", [
    "so the short version is, the no-show forecast error came down to eleven percent",
    "long story short, we shipped it in two weeks",
    "the bottom line was that churn fell to six percent",
    "in a nutshell the queue was empty by friday",
])
def test_the_ending_said_first_is_the_result(clause):
    assert signposted_part(clause) == "result"


@pytest.mark.parametrize("clause", [
    "the headline numbers looked fine but the tail was bad",
    "the short version of the model was a logistic regression",
    "the bottom line of the invoice was wrong",
])
def test_near_cases_name_no_part(clause):
    assert signposted_part(clause) != "result"


def test_a_result_first_answer_is_no_long_set_up():
    from tests.tools import report_of

    report = report_of((RUN / "a1_deliver.txt").read_text(), "lp-deliver-results-3")
    star = report.structure.star
    assert star["situation"].share + star["task"].share < 0.45, star  # 0.58 before
    assert star["result"].share >= 0.25, star  # 0.07 before
    assert not any("Situation and Task took" in f.message for f in report.feedback), report.feedback


# QA58 B1 (session 43, persona Siosaia), as Whisper heard it: the story told backwards
B1_HEARD = ("Where it ended up was pretty simple. Our milk tankers outdrive about 11 % fewer "
            "kilometers each season. And the co -op saves round about 1.4 million year on diesel "
            "and drive *-er* hours. How it started was naturalistic steam had hired consultant to "
            "build a full vehicle routing solver with every farm, every tanker and every pickup "
            "window in one giant top to the nation. It ran for hours and the schedule. I was on "
            "the forecasting team, but I noticed most of the waste came from a handful of farms "
            "that were visited on the wrong day. So, I wrote a small heuristic. I clustered the "
            "farms by road distance and swapped the cups between neighboring clusters whenever a "
            "mat was predicted to be under half full. I tested it on last season's runs in a "
            "spreadsheet with the scheduler sitting next to me and it beat the big sun. The lesson "
            "for me was that a simple thing people understand will actually get used.")


def test_the_numbers_after_an_ending_told_first_are_the_result():
    from tests.tools import report_of

    report = report_of(B1_HEARD, "lp-invent-simplify-1")
    assert report.structure.metric_triad.business_outcome, report.structure.metric_triad
    from voice_coach.analysis.structure import analyze_structure
    from voice_coach.embedder import load_meaning_model

    labels = [c.label for c in analyze_structure(B1_HEARD, kind="behavioral",
                                                 model=load_meaning_model()).clauses]
    assert labels[:3] == ["result"] * 3, labels
    assert "situation" in labels[3:5], labels  # "How it started was …"


@pytest.mark.parametrize("clause,part", [
    ("where it ended up was pretty simple.", "result"),
    ("how it started was a consultant's solver.", "situation"),
    ("the bottom line, we signed the contract", "result"),
])
def test_an_ending_and_a_beginning_said_as_such(clause, part):
    assert signposted_part(clause) == part
