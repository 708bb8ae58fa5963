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


# ---- F03: a principle misheard is named, or not clearly heard — never "not named" ----------

def _principle_lines(r) -> list[str]:
    return [f.message for f in r.feedback if f.area == "principles"]


def test_a_principle_heard_nearly_as_said_is_named():
    """"This shows Deliver Results" heard as "This shows delivery results"."""
    r, _ = main_answer(_text("lp1_a1.txt"), "lp-deliver-results-1")
    assert "Deliver Results" in r.structure.leadership_principles
    assert not any("No Leadership Principle" in m for m in _principle_lines(r))
    assert r.follow_up_key != "no_principle"


@pytest.mark.parametrize("name", ["dd_a1.txt", "dd_a2_noisy.txt"])
def test_a_principle_misheard_is_not_clearly_heard(name):
    """"This is Dive Deep" heard as "This is I've been"; "The principle is Dive Deep" as "The
    principle is not deep": said, not clearly heard — no "not named", no follow-up spent on it."""
    r, _ = main_answer(_text(name), "lp-dive-deep-1")
    assert r.structure.leadership_principles == ()
    assert r.structure.principles_unclear
    lines = _principle_lines(r)
    assert lines and not any("No Leadership Principle" in m for m in lines), lines
    assert "not clearly heard" in lines[0] and "Dive Deep?" in lines[0], lines
    assert r.follow_up_key != "no_principle"


@pytest.mark.parametrize("text", [
    "I have a really strong bias for action movies, but at work I fixed the pipeline myself.",
    "My manager has a bias for action movies. I fixed the pipeline myself and errors went down.",
])
def test_a_principles_words_in_another_sense_stay_not_named(text):
    r, _ = main_answer(text, "lp-customer-obsession-1")
    assert "Bias for Action" not in r.structure.leadership_principles
    assert r.structure.principles_unclear == ()


@pytest.mark.parametrize("clause", [
    "this is important", "it was the right call", "that was the root cause",
    "which was quite a lot", "this is what i did", "that's it",
])
def test_an_ordinary_this_is_is_no_principle(clause):
    from voice_coach.analysis.principle_heard import heard_principles
    assert heard_principles([clause], targeted=("Are Right A Lot", "Deliver Results")) == ()


def test_the_retry_names_a_principle_heard_clearly_now_not_new():
    """Attempt 1 said Dive Deep and was misheard; attempt 2 (the trial's clean retelling,
    "This is Dive Deep.") is heard: the comparison says "heard clearly now", never "✓ new"."""
    import dataclasses

    from voice_coach.compare import PRINCIPLE_LABEL, attempt_facts, compare_attempts

    first = _text("dd_a1.txt")
    a, _ = main_answer(first, "lp-dive-deep-1")
    b, _ = main_answer(first.replace("This is I've been.", "This is Dive Deep."),
                       "lp-dive-deep-1")
    a, b = dataclasses.replace(a, attempt=1), dataclasses.replace(b, attempt=2)
    assert b.structure.leadership_principles == ("Dive Deep",)
    cmp = compare_attempts(attempt_facts(a), attempt_facts(b))
    line = next(c.text() for c in cmp.gained if c.name == PRINCIPLE_LABEL)
    assert line.endswith("heard clearly now"), line


def test_the_deliver_results_retry_calls_no_principle_new():
    import dataclasses

    from voice_coach.compare import PRINCIPLE_LABEL, attempt_facts, compare_attempts

    a, _ = main_answer(_text("lp1_a1.txt"), "lp-deliver-results-1")
    b, _ = main_answer(_text("lp1_a2.txt"), "lp-deliver-results-1")
    a, b = dataclasses.replace(a, attempt=1), dataclasses.replace(b, attempt=2)
    cmp = compare_attempts(attempt_facts(a), attempt_facts(b))
    assert not any(c.name == PRINCIPLE_LABEL for c in cmp.gained + cmp.lost)


# ---- F07: an experiment's size is named as the test's, and the scale asked for by kind -----

def test_the_scale_line_names_the_test_size_and_the_number_it_wants():
    from voice_coach.analysis.vocabulary import SCALE_KINDS
    from voice_coach.config import Config
    from voice_coach.pipeline import analyze_text

    r = analyze_text(_text("lp1_a1.txt"), cfg=Config())  # no question: impact by its numbers
    lines = [f.message for f in r.feedback if f.area == "scale"]
    assert lines and SCALE_KINDS in lines[0], lines
    assert "A/B test with 200 drivers" in lines[0] and "test's size" in lines[0], lines
    assert "the A/B test" not in lines[0]  # an experiment is not asked for as scale


# ---- F10: a re-take comparison names a STAR-L share that swung ------------------------------

def test_the_retry_comparison_names_a_share_that_swung():
    """The trial's two tellings read Situation at about 28 % and then about 2 % (the retelling's
    situation sentence counted as Result): the comparison names the swing, with both shares."""
    import dataclasses

    from voice_coach.compare import SHARE_SWING, attempt_facts, compare_attempts

    a, _ = main_answer(_text("lp1_a1.txt"), "lp-deliver-results-1")
    b, _ = main_answer(_text("lp1_a2.txt"), "lp-deliver-results-1")
    a, b = dataclasses.replace(a, attempt=1), dataclasses.replace(b, attempt=2)
    sa, sb = a.structure.star["situation"], b.structure.star["situation"]
    assert sa.present and sb.present and sa.share - sb.share >= SHARE_SWING
    cmp = compare_attempts(attempt_facts(a), attempt_facts(b))
    texts = [c.text() for c in cmp.changed]
    assert f"Situation share {sa.share:.0%} → {sb.share:.0%}" in texts, texts
    # a share that moved less is not named
    assert not any(t.startswith("Learning share") for t in texts), texts


def test_a_retelling_read_alike_names_no_share():
    import dataclasses

    from voice_coach.compare import attempt_facts, compare_attempts

    a, _ = main_answer(_text("lp1_a1.txt"), "lp-deliver-results-1")
    a1, a2 = dataclasses.replace(a, attempt=1), dataclasses.replace(a, attempt=2)
    assert compare_attempts(attempt_facts(a1), attempt_facts(a2)).unchanged


def test_a_covered_clarify_key_point_is_the_clarifying_question(tech1):
    """"clarify how the forecast will be used" ✓ next to "clarifying question ✗" disagreed."""
    r, _ = tech1
    assert "clarify how the forecast will be used, such as ordering stock" in \
        r.structure.key_points.covered
    assert r.structure.clarifying_question
    assert all(f.severity == "good" for f in r.feedback if f.area == "clarify")
