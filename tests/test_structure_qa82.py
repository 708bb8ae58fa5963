"""QA82 (#13 trial, persona Anaïs, Marseille / Montréal): a French speaker's lesson, a level
said after "after the change", a change said as a division."""
from pathlib import Path

import pytest

from tests.tools import report_of
from voice_coach.analysis.numbers import normalize_numbers

pytestmark = pytest.mark.slow  # the bundled sentence model labels the clauses

RUN = Path(__file__).parent / "data" / "spent_session47" / "qa82" / "run1"


@pytest.mark.parametrize("name, qid", [("a1_deliver.txt", "lp-deliver-results-1"),
                                       ("a2_earntrust.txt", "lp-earn-trust-1"),
                                       ("a4_custobs.txt", "lp-customer-obsession-1"),
                                       ("a8_ownership_fillers.txt", "lp-ownership-3")])
def test_f2_what_i_retain_is_a_lesson(name, qid):
    """F2: "What I retain is that …" (French "ce que je retiens") states the lesson."""
    rep = report_of((RUN / name).read_text(), qid)
    assert rep.structure.star["learning"].present


def test_f1_a_level_after_the_change_is_the_after_and_a_division_the_outcome():
    """F1: "we were at like half, and after the change we were at a bit more than eighty
    percent, and the calls to the promotion team were divided by two" is 50% → 80% with the
    calls halved; "I went to spend two days in three stores" is the work's own time."""
    rep = report_of((RUN / "a4_custobs.txt").read_text(), "lp-customer-obsession-1")
    tri = rep.structure.metric_triad
    assert tri.baseline and tri.after and tri.business_outcome, tri.slots
    assert ("after", "80%") in tri.slots and any(r == "outcome" and "halved" in span
                                                  for r, span in tri.slots), tri.slots
    assert not any("day" in span for _, span in tri.slots), tri.slots


@pytest.mark.parametrize("said, read", [
    ("the calls were divided by two", "the calls were halved"),
    ("it has been divided by three", "it has been cut by 3x"),
    ("we divided the data in 5 folds", "we divided the data in 5 folds"),
])
def test_a_change_said_as_a_division(said, read):
    assert normalize_numbers(said) == read


@pytest.mark.parametrize("label, name", [("like", None), ("first the food waste", "food waste"),
                                          ("um the alert rate", "alert rate"),
                                          ("first contact resolution", "first contact resolution")])
def test_f5_a_filler_or_a_signpost_is_no_part_of_a_metrics_name(label, name):
    from voice_coach.analysis.triad_said import metric_label
    assert metric_label(label) == name


def test_f4_a_time_said_as_when_is_no_number_of_a_reply():
    """F4: "Two months later his team used the triage score …, and the claims they checked by
    hand went from all of them to around a third": the result's number is the third, never
    "2 months"."""
    from voice_coach.analysis.reply_fit import work_numbers
    assert work_numbers((RUN / "f2_result_reply.txt").read_text()) == ("33%",)


def test_qa84_f4_a_division_of_another_metric_works_out_no_level():
    """QA84 F4: "…went from 12 to 31%, and the time to close a case was divided by three" never
    makes "31% → about 10% (worked out)": the time is another metric."""
    rep = report_of("I retrained the model. The approval rate went from 12 to 31%, and the time "
                    "to close a case was divided by three.", "lp-customer-obsession-3")
    assert not any("worked out" in span for _, span in rep.structure.metric_triad.slots)
    rep = report_of("I retrained the model. The approval rate went from 12 to 31%, and the time "
                    "to close a case was halved.", "lp-customer-obsession-3")
    assert not any("worked out" in span for _, span in rep.structure.metric_triad.slots)
