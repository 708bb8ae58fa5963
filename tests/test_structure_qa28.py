"""QA28 F1 (issue #17) in `analysis.structure`: a level said in the present with "now" (or
"today", "these days", …) once the work is told is the after, never the baseline of a change
said later; the baseline then stays unsaid. The sentences are this test's own."""

from __future__ import annotations

import pytest

from voice_coach.analysis.structure import detect_metric_triad


@pytest.mark.parametrize("level", [
    "now the monthly close takes about 3 days.",
    "today the whole run costs about 40 cents per invoice.",
    "these days the nightly rebuild needs about 25 minutes.",
])
def test_a_level_said_now_is_the_after_never_the_baseline(level):
    t = detect_metric_triad(["the invoices were typed by hand in a big sheet.",
                             "i wrote a small parser for them.", level,
                             "the late fees were cut by 20%."],
                            ["situation", "action", "result", "result"], roles=True)
    assert not t.baseline, t
    assert t.after, t
    assert not any(role == "baseline" for role, _ in t.slots), t
    assert t.slots[0][0] == "after" and t.slots[0][1] in level, t


@pytest.mark.parametrize("clauses, labels", [
    # near cases: a level said in the past stays the baseline; "took … before; now …" keeps both
    (["the monthly close took about 9 days.", "i wrote a small parser.",
      "the late fees were cut by 20%."], ["situation", "action", "result"]),
    (["the monthly close took about 9 days before; i wrote a small parser, and now it takes "
      "about 3 days.", "the late fees were cut by 20%."], ["action", "result"]),
])
def test_a_level_said_before_stays_the_baseline(clauses, labels):
    assert detect_metric_triad(clauses, labels, roles=True).baseline


def test_a_duration_said_before_a_duration_said_now_is_the_baseline():
    """Near case: "runs for 5 hours … now it finishes in 30 minutes" keeps its baseline, whatever
    the units (the "for" level is no `_WAS_QTY` level of its own)."""
    t = detect_metric_triad(["the customers complain the export is late.",
                             "the export job is running for 5 hours.",
                             "i split it into batches and now it is finishing in 30 minutes."],
                            ["situation", "task", "result"], roles=True)
    assert t.baseline and t.after, t
