"""QA17 coach fixes.

F18: the monotone tip asks to stress "the number you are proud of" only in an answer about what
the candidate did (a story, an intro); a coding or technical explanation has numbers too (k, the
dimensions, the cost), but none to be proud of — it stresses "the word that carries your point".
"""

from __future__ import annotations

import dataclasses

import pytest

from tests.test_coach import CFG, delivery, question
from voice_coach.analysis.structure import analyze_structure
from voice_coach.coach import coach
from voice_coach.report_model import EnergyInfo, MonotoneMark, PitchInfo, ProsodyInfo

PROSODY = ProsodyInfo(pitch=PitchInfo(coverage=0.9), energy=EnergyInfo(clipped_share=0.0),
                      speech_s=30.0, monotone_share=0.25,
                      monotone_stretches=(MonotoneMark(4.0, 12.0, 1.0),))


def _tip(text, kind, category="llm-finetuning", counted=None):
    q = question(kind=kind, category=category, principles=())
    s = analyze_structure(text, kind=kind)
    if counted is not None:  # the count the report prints (timed words may read one more number)
        s = dataclasses.replace(s, quantified_results=counted)
    c = coach(delivery=delivery(), structure=s, question=q, cfg=CFG, prosody=PROSODY, kind=kind)
    return next(f.message for f in c.feedback if "barely moved" in f.message)


@pytest.mark.parametrize("text, kind", [
    ("First I sort the points by distance, which costs n log n, then I take the first k, say "
     "five, and return the majority label. With a million points and fifty dimensions I would "
     "use a k-d tree or approximate search.", "coding"),
    ("A two-pointer scan over the sorted array is O(n) time and O(1) memory; for ten million "
     "rows that is about forty milliseconds.", "coding"),
    ("Dropout switches off about ten to fifty percent of the units at each step, so the model "
     "cannot lean on one feature; at test time all units are used and scaled.", "technical"),
])
def test_an_explanation_stresses_the_word_not_a_number(text, kind):
    # the QA drill's report counted one quantified result in its kNN transcript
    tip = _tip(text, kind, category="coding" if kind == "coding" else "ml-fundamentals", counted=1)
    assert "stress the word that carries your point" in tip and "proud" not in tip


def test_a_story_with_a_result_still_stresses_its_number():
    tip = _tip("Last year our refund queue took nine days. I was asked to fix it. I rebuilt the "
               "routing and the queue fell from nine days to two days.", "behavioral")
    assert "stress the number you are proud of" in tip
