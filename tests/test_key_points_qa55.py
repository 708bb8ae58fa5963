"""Session 42, QA55 F12 (issue #13, persona Tariq): the key point "the user or business metric
that moved" restates the business outcome, so it is judged from that fact and never disagrees
with "business outcome ✓" in the same report."""

from __future__ import annotations

from pathlib import Path

from voice_coach.analysis.point_facts import key_point_facts
from tests.tools import report_of

T2 = Path(__file__).parent / "data" / "spent_session42" / "qa55" / "run1" / "t2_llm.txt"


def test_the_point_restates_the_business_outcome():
    assert key_point_facts("the user or business metric that moved") == ("business_outcome",)


def test_the_point_follows_the_outcome_in_one_report():
    r = report_of(T2.read_text(), "llm-measure-1")
    assert r.structure.metric_triad.business_outcome
    assert "the user or business metric that moved" in r.structure.key_points.covered


def test_f11_tests_named_as_the_topic_are_heard_without_a_question():
    """"For tests I would check all correct gives one …" is the testing marker: a coding answer
    analysed without --question is never told "Say how you would test it"."""
    r = report_of((Path(__file__).parent / "data" / "spent_session42" / "qa55" / "run1"
                   / "c1_coding.txt").read_text())
    assert r.structure.kind == "coding"
    assert not any("how you would test" in f.message for f in r.feedback), \
        [f.message for f in r.feedback]
