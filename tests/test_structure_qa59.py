"""Session 43, QA59 (issue #13, persona Mei-Ling; outputs in tests/data/spent_session43/qa59):
F17 a principle's word said as what a thing has ("the frugality of the budget meant only two
annotators") is no principle named."""

from __future__ import annotations

from pathlib import Path

import pytest

from voice_coach.analysis.structure import detect_named_principles

RUN = Path(__file__).parent / "data" / "spent_session43" / "qa59" / "run1"


@pytest.mark.parametrize("clause,named", [
    ("the frugality of the budget meant only two annotators.", []),
    ("the ownership of the data was unclear.", []),
    ("for me this was really about earn trust.", ["Earn Trust"]),
    ("this was about frugality.", ["Frugality"]),
])
def test_f17_a_principle_word_said_of_a_thing_is_not_named(clause, named):
    assert detect_named_principles([clause]) == named


def test_f17_the_answer_names_earn_trust_only():
    from tests.tools import report_of

    report = report_of((RUN / "x9_principle_ordinary.txt").read_text(), "lp-earn-trust-1")
    assert list(report.structure.leadership_principles) == ["Earn Trust"], \
        report.structure.leadership_principles


def test_f14_a_level_said_as_a_decade_is_the_baseline():
    from tests.tools import triad_of

    tri = triad_of((RUN / "x7_vague_numbers.txt").read_text(), "lp-deliver-results-1")
    assert tri.baseline and ("pair", "70-something to high-80s") in tri.slots, tri.slots


@pytest.mark.parametrize("said,written", [
    ("accuracy was somewhere in the seventies when I joined", "in the 70-something"),
    ("back in the nineties we used SVMs", "in the nineties"),  # a decade of time stays
])
def test_f14_the_decade_said_of_a_level(said, written):
    from voice_coach.analysis.numbers import normalize_numbers

    assert written in normalize_numbers(said)


def test_f12_the_others_level_is_no_baseline():
    from tests.tools import triad_of

    tri = triad_of((RUN / "x2_principle_words.txt").read_text(), "lp-ownership-1")
    assert ("baseline", "was 91.5") in tri.slots and "94" not in str(tri.slots), tri.slots


def test_f9_people_talked_to_are_no_after():
    from tests.tools import triad_of

    heard = ("What I would do in that kind of situation is first separate. If the decision is not "
             "reversible, I would spend more time. I may be talked to two or three people who "
             "know the domain better. I would also tell my manager what I am deciding and why, "
             "so there are no surprises.")
    tri = triad_of(heard, "lp-bias-for-action-1")
    assert not tri.after and not tri.slots, tri.slots
