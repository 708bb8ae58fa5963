"""QA14 F19/F21: a restatement announced ("So I'd restate it first.") is a restating marker and
a clarifying opening; the interview question repeated as a question ("So, why Amazon?") is not
a clarifying question."""

from __future__ import annotations

from voice_coach.analysis.structure import (analyze_structure, detect_clarifying_question,
                                            without_echoes)
from voice_coach.analysis.think_aloud import find_markers

WHY = "Why Amazon, and why this team in particular?"
INTRO = ("So, why Amazon? I've spent eight years on payments and search infrastructure in "
         "Dublin, serving a hundred and twenty k requests a second, and I want to move into "
         "machine learning engineering where the models are the product.")


def test_the_question_repeated_is_no_clarifying_question():
    assert not analyze_structure(INTRO, question=WHY, method="rules").clarifying_question
    assert without_echoes(INTRO, WHY).strip().startswith("I've spent")


def test_a_real_question_to_the_interviewer_still_counts():
    asked = "So, why Amazon? Do you mean the company or this team? I've spent eight years on it."
    assert analyze_structure(asked, question=WHY, method="rules").clarifying_question
    # without the question text nothing is taken away
    assert analyze_structure(INTRO, method="rules").clarifying_question


def test_an_announced_restatement_is_restating():
    said = "So I'd restate it first. We want k means from scratch on a numpy array. K given."
    assert find_markers(said.split())["restate_clarify"].present
    assert detect_clarifying_question(said)
    assert not find_markers("I'd test it on two obvious blobs.".split())[
        "restate_clarify"].present
