"""Two mechanisms of the metric triad found by the session-25 error analysis (issue #13,
`bench/triad_mechanisms.py`, docs/structure.md "Session 25"):

- a rate's move said headline-style, without its change verb ("refund rate down 3 points",
  "conversion up about 20 bips"): the after; the same words in the set-up stay the problem;
- a level said in the past in a Result clause, of the unit of a level the set-up said ("the
  miss rate was 14% … | on the next batch it was 6%"): the after, and the set-up level its
  baseline, though no change verb is said.

Wordings are this file's own, none taken from the tuning rounds."""

from __future__ import annotations

import pytest

from voice_coach.analysis.structure import detect_metric_triad


def _triad(*story: tuple[str, str]):
    return detect_metric_triad([c for c, _ in story], [lab for _, lab in story], roles=True)


@pytest.mark.parametrize("result", [
    "refund rate down 3 points in the first month.",
    "conversion on the checkout page up about 20 bips against the holdout.",
    "repeat bookings up roughly 4%, which paid for the whole thing.",
    "abandoned carts down, like, 1.5 percentage points.",
])
def test_headline_move_is_an_after(result):
    t = _triad(("i rewrote the ranking step.", "action"), (result, "result"))
    assert t.after


@pytest.mark.parametrize("clause,label", [
    ("we set up 3 alerts for the on-call team.", "result"),
    ("i picked up 20% of the open tickets myself.", "result"),
    ("conversion was up about 20 bips on web because of a layout change.", "situation"),
    ("we scaled up 4 servers before the sale.", "result"),
])
def test_near_cases_stay_no_after(clause, label):
    t = _triad(("i rewrote the ranking step.", "action"), (clause, label))
    assert not t.after


def test_level_said_again_after_the_work_is_the_pair():
    t = _triad(("the miss rate on scanned forms was 14%.", "situation"),
               ("i retrained the reader on 500 scanned pages.", "action"),
               ("on the next batch it was 6%.", "result"))
    assert t.baseline and t.after


def test_level_of_another_unit_after_the_work_is_no_after():
    # the set-up said a percentage; the result's "was" level is a duration: no pair
    t = _triad(("the miss rate on scanned forms was 14%.", "situation"),
               ("i retrained the reader on 500 scanned pages.", "action"),
               ("the whole thing was 3 weeks of work.", "result"))
    assert not t.after


def test_level_in_the_result_without_a_set_up_level_is_no_after():
    t = _triad(("scanned forms kept failing.", "situation"),
               ("i retrained the reader on 500 scanned pages.", "action"),
               ("on the next batch the miss rate was 6%.", "result"))
    assert not t.baseline
