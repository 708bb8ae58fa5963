"""Session 42, QA57 (issue #13, persona Juan Pablo): a question's own wording of a follow-up in
British spelling ("If you regularise too hard, what happens?") is checked against its key point
("regularisation such as L1, L2 or dropout"), never "not checked": British and American
spellings meet in the key-point stems."""

from __future__ import annotations

from voice_coach.analysis.structure import _content_stems
from voice_coach.follow_ups import judge
from voice_coach.pipeline import _structure
from voice_coach.questions import load_bank


def test_spellings_meet():
    assert len(set(_content_stems("regularise regularize regularisation regularization"))) == 1


def _judged(reply: str):
    q = load_bank().get("ml-overfitting-2")
    return judge("no_tradeoff", _structure(reply, [], q, follow_up=True), None, q)


def test_a_british_wording_is_checked_and_an_on_topic_reply_answers_it():
    check = _judged("If you regularise too hard the model underfits: the regularisation "
                    "penalty wins, training and validation error both go up, and you lose the "
                    "signal you need.")
    assert not check.not_checked and check.supplied, check


def test_an_off_topic_reply_is_not_counted():
    check = _judged("For churn we used tenure, top-ups in the last thirty days and the number "
                    "of calls to support as the main features.")
    assert not check.not_checked and not check.supplied, check
