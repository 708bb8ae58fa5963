"""QA26 F5 (issue #17) in `analysis.structure`: a quality gate's figure ("the regression rate
on releases is under 1%") read as an after beside another after or a pair is not quoted among
the report's triad numbers — it is how the system ships (the scale line); the after it leaves
stays ticked. Own sentences."""

from __future__ import annotations

from voice_coach.analysis.structure import detect_metric_triad

LABELS = ["situation", "action", "result", "result"]


def test_a_gate_beside_the_after_is_no_triad_number():
    t = detect_metric_triad(["the booking page kept timing out.", "i rewrote the cache layer.",
                             "the timeout rate went down to 3%.",
                             "every release runs on a canary and the regression rate on "
                             "releases is under 1%."], LABELS, roles=True)
    assert t.after, t
    assert not any("1%" in span for _, span in t.slots), t.slots
    assert not any("1%" in e for e in t.evidence), t.evidence


def test_a_gate_that_is_the_only_after_is_kept():
    """Near case: with nothing else read as the after, the report's reading is unchanged."""
    t = detect_metric_triad(["the booking page kept timing out.", "i rewrote the cache layer.",
                             "the regression rate on releases is now under 1%.",
                             "i learned a lot."], LABELS, roles=True)
    assert t.after and any("1%" in span for _, span in t.slots), t
