"""A STAR-L part a clause is sure of is not overruled by the answer-level decision (issue #13,
session 17): the decision (`MeaningModel.parts`) was fitted on voices that name a lesson with cue
words ("I learned", "the lesson was"), so it left out a lesson a new voice says plainly after a
reflective aside ("Lesson, the overall number can lie, you have to slice it.": decision
0.49), though the clause head read that closing clause as Learning at 0.96. Texts
written for this test, in the style of a non-native speaker (no tense endings, "we" for own
work)."""

import numpy as np
import pytest

from voice_coach import embedder
from voice_coach.analysis.structure import (
    SURE_CLAUSE_PROBA, analyze_structure, sure_parts)

HEADS = ("action", "hypothetical", "learning", "other", "result", "situation", "task")


def _row(**p: float) -> list[float]:
    rest = (1.0 - sum(p.values())) / (len(HEADS) - len(p))
    return [p.get(h, rest) for h in HEADS]


def test_a_part_is_sure_only_as_the_clauses_class_and_from_the_sure_probability():
    sure = SURE_CLAUSE_PROBA + 0.02
    proba = np.array([_row(situation=0.7), _row(result=sure), _row(action=SURE_CLAUSE_PROBA - 0.05),
                      _row(learning=sure)])
    labels = ["situation", "situation", "action", "learning"]  # clause 1 demoted by a rule
    parts = [["situation"], ["situation"], ["action"], ["learning"]]
    assert sure_parts(labels, parts, proba, HEADS) == {"learning"}
    # a part the rules took out of its clause (ruled out, not allowed) is not sure
    assert sure_parts(labels, [["situation"], ["situation"], ["action"], []], proba,
                      HEADS) == set()
    assert sure_parts(["other"] * 4, parts, proba, HEADS) == set()


def test_a_sure_learning_counts_only_where_it_closes_the_story():
    sure = SURE_CLAUSE_PROBA + 0.02
    proba = np.array([_row(situation=0.7), _row(learning=sure), _row(action=sure),
                      _row(learning=0.5)])
    labels = ["situation", "learning", "action", "learning"]  # an aside before the steps
    parts = [["situation"], ["learning"], ["action"], ["learning"]]
    assert sure_parts(labels, parts, proba, HEADS) == {"action"}
    # followed by nothing of the story (another reflection, an aside): it closes the story
    labels = ["situation", "action", "learning", "other"]
    proba = np.array([_row(situation=0.7), _row(action=0.6), _row(learning=sure), _row(other=0.9)])
    assert sure_parts(labels, [["situation"], ["action"], ["learning"], []], proba,
                      HEADS) == {"learning"}


@pytest.fixture(scope="module")
def model():
    return embedder.load_meaning_model()


STORY = ("Last year our voice bot, the containment go down for one bank. I check the logs, we break "
         "down by intent, one new intent nobody train. Everybody trust the dashboard, it look green "
         "every week. We add data for it and retrain. After one month containment come back. ")


@pytest.mark.slow
def test_a_lesson_said_plainly_after_a_reflective_aside_is_the_learning(model):
    assert not analyze_structure(STORY, kind="behavioral", model=model,
                                 method="meaning").star["learning"].present
    s = analyze_structure(STORY + "Lesson, the overall number can lie, you have to slice it.",
                          kind="behavioral", model=model, method="meaning")
    assert s.star["learning"].present
    assert [c.label for c in s.clauses][-1] == "learning"

