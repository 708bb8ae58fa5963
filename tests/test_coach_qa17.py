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


# F13: an outcome told without a number is asked for its number in the question's own words for
# its metric when the question has them (its `no_baseline`), and the generic wording's examples
# fit any story — never "minutes of downtime" after a story that had no outage.
from tests.follow_up_answers import main_answer  # noqa: E402

THIN = {
    "lp-customer-obsession-3": (
        "We planned to rank the most popular articles first. Then customers wrote to support that "
        "the feed always showed the same things. I changed the ranking to mix in new authors. "
        "In the end the result was good and the readers were much happier."),
    "lp-frugality-2": (
        "Our nightly scoring cluster was oversized. I was responsible for the bill. I moved the "
        "job to spot machines and batched the calls, and the cost went down a lot."),
    "lp-highest-standards-2": (
        "Our team shipped notebooks with no review. I set up a review checklist and pair reviews "
        "for every model change, and the quality of what we shipped got much better."),
}


@pytest.mark.parametrize("qid", sorted(THIN))
def test_a_thin_result_is_asked_in_the_questions_own_words(qid):
    main, q = main_answer(THIN[qid], qid)
    assert main.structure.star["result"].present
    assert main.follow_up == dict(q.follow_ups)["no_baseline"]


TEAMMATE = ("A senior engineer on my team kept rejecting my pull requests without comments. I "
            "asked him for a coffee and listened to what he worried about. After that he "
            "became my strongest supporter and we shipped the pricing model together.")


def test_the_generic_number_ask_names_no_outage():
    main, q = main_answer(TEAMMATE, "lp-earn-trust-1")  # no own `no_baseline` (near case)
    assert main.follow_up_key == "no_result" and "what number shows it" in main.follow_up
    assert "downtime" not in main.follow_up
