"""QA16 F02/F10: a drill's marker table reads the same facts as its key-point list, and a
"let's say" that answers the speaker's own question is no worked example. Through the real
pipeline (`_speech_report` on timed words, the real coach and the real meaning model)."""

from __future__ import annotations

import time

from voice_coach import pipeline
from voice_coach.analysis.structure import detect_technical_shape
from voice_coach.analysis.vad import SpeechRegion
from voice_coach.config import Config
from voice_coach.questions import load_bank
from voice_coach.transcriber import Transcript, Word

CFG = Config()
BANK = load_bank()


def _drill(text: str, qid: str):
    words = [Word(w, 0.4 * i, 0.4 * i + 0.3, 0.9) for i, w in enumerate(text.split())]
    regions = [SpeechRegion(0.0, words[-1].end)]
    return pipeline._speech_report(Transcript(text, words), regions, words[-1].end + 1.0, None,
                                   CFG, BANK.get(qid), transcribe_s=None,
                                   analyze_started=time.monotonic(), prompts=[])


# "Edge case: the model predicts no positives at all" as Whisper may write it ("In case …"):
# no edge-case cue left in the words, the key point still made
METRICS_DRILL = (
    "Okay, let me restate: I get two lists, the true labels and the predicted labels. My plan "
    "is to count true positives, false positives and false negatives in one loop. Precision is "
    "true positives over true positives plus false positives, recall is true positives over "
    "true positives plus false negatives, and F one is their harmonic mean. In case the model "
    "predicts no positives at all, precision has no denominator, so I return zero there "
    "instead of crashing. That is O of n time. To test it, I would run it on a list where all "
    "predictions are correct and one where all are wrong.")


def test_an_edge_case_key_point_credited_is_the_edge_case_marker_heard():
    """F02: "division by zero when there are no positive predictions" ✓ beside "E edge cases —
    not heard" and "Not heard: edge cases — say them out loud"."""
    r = _drill(METRICS_DRILL, "code-metrics-1")
    point = "division by zero when there are no positive predictions"
    assert point in r.structure.key_points.covered
    edge = r.think_aloud.markers["edge_cases"]
    assert edge.present and edge.evidence and edge.first_at_s is not None
    not_heard = " ".join(f.message for f in r.feedback if f.message.startswith("Not heard"))
    assert "edge cases" not in not_heard


def test_an_edge_case_key_point_not_covered_ticks_no_marker():
    text = ("My plan is to count true positives, false positives and false negatives in one "
            "loop, then precision and recall. That is O of n time.")
    r = _drill(text, "code-metrics-1")
    assert "division by zero when there are no positive predictions" \
        not in r.structure.key_points.covered
    assert not r.think_aloud.markers["edge_cases"].present


def test_lets_say_answering_ones_own_question_is_no_worked_example():
    """F10: "Can I assume …? Let's say yes." earned "X a worked example ✓ 'Let's say yes'"."""
    text = ("Okay, can I assume the labels are only zero and one? Let's say yes. My plan is to "
            "count true positives, false positives and false negatives in one pass over both "
            "lists. Precision is true positives over all predicted positives, recall is true "
            "positives over all actual positives. That is O of n time and constant memory.")
    r = _drill(text, "code-metrics-1")
    example = r.think_aloud.markers["example_test_case"]
    assert not any("say no" in e.lower() or "say yes" in e.lower() for e in example.evidence)
    assert not example.present
    for said in ("is the list sorted? let's say no.", "let's say, no, it is not", "let's say."):
        assert not detect_technical_shape(said).example, said
    for said in ("let's say we have three points a, b and c", "let's say the input is 3, 1, 2"):
        assert detect_technical_shape(said).example, said
