"""The follow-up judge's benchmark (bench/follow_ups_accuracy.py) runs on the tuning half of the
follow-up set (tests/data/follow_ups_tuning: written and labelled by two other helpers) through
the real pipeline, and its numbers are the labels compared with the judge's calls."""

from __future__ import annotations

import pytest

from bench.follow_ups_accuracy import (DEFAULT_SET, LABELS, Judged, details, load_set, report,
                                       scores)


def _judged(truth: bool, said: bool) -> Judged:
    return Judged("x", "no_result", "q", "reply", "", dict.fromkeys(LABELS, truth),
                  dict.fromkeys(LABELS, said), False)


def test_scores_count_agreement_against_the_labels():
    judged = [_judged(True, True), _judged(True, False), _judged(False, True),
              _judged(False, False), _judged(False, False)]
    s = scores(judged, "supplied")
    assert (s["tp"], s["fp"], s["fn"], s["tn"]) == (1, 1, 1, 2)
    assert s["accuracy"] == pytest.approx(3 / 5)
    assert s["precision"] == pytest.approx(1 / 2) and s["recall"] == pytest.approx(1 / 2)
    assert scores([_judged(False, False)], "supplied")["precision"] is None


SECOND_SET = DEFAULT_SET.parent / "follow_ups_tuning_2"  # own hard items (follow7, README.md)
# every tuning set the leave-one-set-out table reads (bench/follow_ups_cv.py), with its size; the
# fifth is session 11's unseen set, spent and folded into tuning in session 12, the sixth session
# 12's, folded in session 13, the seventh session 13's, folded in session 14, the eighth session
# 14's, folded in session 15, the ninth session 15's, folded in session 16, the tenth session 16's, folded in session 17, the eleventh session 18's, folded in session 19, the twelfth session 19's, folded in session 20
TUNING_SETS = [(DEFAULT_SET, 36), (SECOND_SET, 18),
               (DEFAULT_SET.parent / "follow_ups_tuning_3", 12),
               (DEFAULT_SET.parent / "follow_ups_tuning_4", 24),
               (DEFAULT_SET.parent / "follow_ups_tuning_5", 60),
               (DEFAULT_SET.parent / "follow_ups_tuning_6", 60),
               (DEFAULT_SET.parent / "follow_ups_tuning_7", 60),
               (DEFAULT_SET.parent / "follow_ups_tuning_8", 60),
               (DEFAULT_SET.parent / "follow_ups_tuning_9", 60),
               (DEFAULT_SET.parent / "follow_ups_tuning_10", 60),
               (DEFAULT_SET.parent / "follow_ups_tuning_11", 40),
               (DEFAULT_SET.parent / "follow_ups_tuning_12", 40)]


def test_the_cv_table_reads_every_tuning_set():
    from bench.follow_ups_cv import DEFAULT_SETS

    assert list(DEFAULT_SETS) == [folder for folder, _ in TUNING_SETS]


@pytest.mark.parametrize("folder, n", TUNING_SETS)
def test_the_tuning_set_is_complete(folder, n):
    items, labels = load_set(folder)
    assert len(items) == n and {it["id"] for it in items} == set(labels)
    assert all(isinstance(labels[i][k], bool) for i in labels for k in LABELS)


@pytest.mark.slow
def test_bench_runs_on_the_tuning_set():
    out, judged = report(DEFAULT_SET, with_details=True)
    assert "36 items" in out and len(judged) == 36
    _, labels = load_set(DEFAULT_SET)
    assert all(j.truth == {k: labels[j.id][k] for k in LABELS} for j in judged)
    for label in LABELS:
        s = scores(judged, label)
        assert f"| {label} | all | 36 | {s['accuracy']:.3f} |" in out
    assert details(judged) in out
    # the switch decision agrees with the labeller on the material it was tuned on
    # (docs/follow_ups.md has the numbers, and the code before it for comparison)
    assert scores(judged, "switched_story")["accuracy"] >= 0.9


@pytest.mark.slow
def test_the_switch_decision_on_the_hard_tuning_items():
    """Subtle switches (the same domain, no "another example") and same-story replies with new
    numbers and names: the decision was tuned on these 18 (docs/follow_ups.md has the number
    before the change, 0.556)."""
    _, judged = report(SECOND_SET)
    assert scores(judged, "switched_story")["accuracy"] >= 0.9
