"""QA15 (new-user trial, Spanish-L1 persona, espeak-ng speech) one-set-of-facts findings, through
the real analysis on the trial's own Whisper transcripts (tests/data/qa15): a key point credited
is never asked for nor flagged missing (F01)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.follow_up_answers import main_answer
from voice_coach import follow_ups

DATA = Path(__file__).parent / "data" / "qa15"


def _text(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8").strip()


# ---- F01: the key points, the measurement feedback and the follow-up agree -----------------

@pytest.fixture(scope="module")
def tech1():
    return main_answer(_text("tech1.txt"), "forecast-demand-1")


def test_backtest_credited_is_not_asked_for(tech1):
    r, q = tech1
    s = r.structure
    assert "backtesting over several past periods" in s.key_points.covered
    assert r.follow_up_key != "no_test", r.follow_up
    assert r.follow_up != dict(q.follow_ups)["no_test"]


def test_backtest_credited_is_a_measurement(tech1):
    r, _ = tech1
    assert not any(f.area == "technical" and "measure" in f.message for f in r.feedback), \
        [f.message for f in r.feedback]


def test_a_follow_up_wording_is_given_by_a_covered_key_point(tech1):
    r, q = tech1
    terms = follow_ups.asked_terms(q, "no_test")
    assert terms == ("backtest",)
    assert "backtest" not in _text("tech1.txt").lower()  # Whisper wrote "back to Stover"
    assert follow_ups.credits_terms(terms, r.structure)


def test_an_uncovered_key_point_still_asks(tech1):
    """The same answer without its backtest sentence: the key point is not credited, so the
    follow-up may still ask for it (the mechanism follows the key points, not the question)."""
    _, q = tech1
    text = _text("tech1.txt").replace(
        "O, C, I will back to Stover several past periods, rolling origin. ", "")
    r, _ = main_answer(text, "forecast-demand-1")
    if "backtesting over several past periods" not in r.structure.key_points.covered:
        assert not follow_ups.credits_terms(("backtest",), r.structure)
