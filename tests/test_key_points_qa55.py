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


def test_f9_a_point_its_closest_words_say_is_covered():
    """"root cause analysis" with the closest words "Then I dug into the root cause, …": those
    words say the point (its content words at the words-rule share), so it is covered — never
    "not clearly heard — say it outright" over the sentence that says it."""
    r = report_of((Path(__file__).parent / "data" / "spent_session42" / "qa55" / "run1"
                   / "a5_fillers.txt").read_text(), "lp-ownership-3")
    kp = r.structure.key_points
    assert "root cause analysis" in kp.covered, (kp.covered, kp.unclear)
