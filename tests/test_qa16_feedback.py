"""QA16 F08 (definition): a key point that defines the asked term, credited, is the definition
the answer gives — never next to "Start with a one-sentence definition". Through the real
pipeline (`analyze_text`, the real coach and meaning model); the wording is new."""

from __future__ import annotations

from voice_coach.coach import defines_asked_term
from voice_coach.config import Config
from voice_coach.pipeline import analyze_text
from voice_coach.questions import load_bank

CFG = Config()
BANK = load_bank()

# the opening names the two terms but defines neither; the next sentence defines one of them
SUPERVISED = (
    "Okay, so the two of them, supervised against unsupervised. With supervised the model learns "
    "a mapping from the inputs to labels we already know, like spam or not spam for emails. "
    "Unsupervised finds structure in the data without any labels, for example clustering "
    "customers into segments. You pick supervised when labels exist and are trustworthy.")


def test_a_credited_definition_point_is_no_missing_definition():
    q = BANK.get("ml-supervised-unsupervised-1")
    r = analyze_text(SUPERVISED, cfg=CFG, question=q)
    defining = [kp for kp in r.structure.key_points.covered if defines_asked_term(kp, q)]
    assert defining, r.structure.key_points
    assert not any("definition" in f.message for f in r.feedback), \
        [f.message for f in r.feedback]


def test_only_a_point_about_the_asked_term_is_a_definition():
    q = BANK.get("ml-supervised-unsupervised-1")
    assert defines_asked_term("supervised learns a mapping from inputs to known labels", q)
    assert not defines_asked_term("how each is evaluated", q)
    assert not defines_asked_term("semi-supervised or self-supervised as the middle ground", q)
    lora = BANK.get("llm-lora-mechanics-1")
    assert not defines_asked_term("which layers get adapters, often the attention projections",
                                  lora)
    story = BANK.get("lp-ownership-1")  # asks for a story, not an explanation
    assert not any(defines_asked_term(kp, story) for kp in story.key_points)

