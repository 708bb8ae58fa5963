"""QA14 (new-user trial) follow-up findings, through the real analysis: a volume is no
concrete example (F22); the follow-up asked follows what the report says is missing, the
question's own wording first (F23), never presupposing a missed point (F13); a scored answer
without a follow-up says why (F15). Transcripts of the trial's inputs in tests/data/qa14/."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.follow_up_answers import follow_up_reply, main_answer
from voice_coach.analysis.reply_fit import case_said
from voice_coach.coach import design_example_message
from voice_coach.questions import GENERIC_FOLLOW_UPS
from voice_coach.report import no_follow_up_reason, render_answer_terminal

DATA = Path(__file__).parent / "data" / "qa14"


def _text(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8").strip()


# ---- F22: an example is a case, not a volume ------------------------------------------------

@pytest.mark.parametrize("reply", [
    "about 2m reviews a day, sure look.",
    "around 120000 requests per second at peak.",
    "for example 2m reviews a day.",
])
def test_a_volume_is_no_case(reply):
    assert not case_said([reply])


@pytest.mark.parametrize("reply", [
    "a seller who bought 300 five-star reviews in one week from accounts created the same day.",
    "say 300 reviews posted from 50 new accounts within an hour.",
])
def test_a_case_with_a_number_is_a_case(reply):
    assert case_said([reply])


@pytest.fixture(scope="module")
def fake_reviews():
    return main_answer(_text("fr.txt"), "design-fake-reviews-1")


def test_a_volume_reply_does_not_give_the_example(fake_reviews):
    main, q = fake_reviews
    for reply in (_text("fr_reply.txt"), "About two million views on May."):
        c = follow_up_reply(reply, main, q, "no_example").follow_up_check
        assert c is not None and not c.supplied and not c.specific, reply


def test_a_case_reply_gives_the_example(fake_reviews):
    main, q = fake_reviews
    reply = ("For example, a seller who bought three hundred five-star reviews in one week, all "
             "from accounts created the same day, with near-identical text.")
    c = follow_up_reply(reply, main, q, "no_example").follow_up_check
    assert c is not None and c.supplied


# ---- F23: the follow-up follows the gaps, the question's own wording first -------------------

def test_design_answer_gets_its_questions_own_follow_up(fake_reviews):
    main, q = fake_reviews
    assert main.follow_up_key in dict(q.follow_ups), main.follow_up
    assert main.follow_up != GENERIC_FOLLOW_UPS["no_example"]
    # …for a gap the report names: trade-offs ✗ / clarifying question ✗
    gaps = {"no_tradeoff": not main.structure.tradeoffs,
            "no_clarify": not main.structure.clarifying_question,
            "no_test": True}
    assert gaps[main.follow_up_key]


def test_design_example_feedback_never_asks_for_what_was_named(fake_reviews):
    main, _ = fake_reviews
    lines = [f.message for f in main.feedback if f.area == "technical"]
    assert not any("Name the concrete data, features and first model" in m for m in lines), lines


def test_design_example_message_names_only_the_missing_pieces():
    assert design_example_message("we would use click logs as data") == \
        "Name the concrete features and first model you would start with."
    assert "data" not in design_example_message(
        "click logs as labels, features from the query, a gradient boosted ranker").split(":")[0] \
        .replace("the data, features and model you named", "")


# ---- F13: no follow-up presupposes a missed point --------------------------------------------

def test_no_follow_up_refers_to_highlights_the_report_says_are_missing():
    report, _ = main_answer(_text("intro_no_highlights.txt"), "intro-tell-me-about-yourself-1")
    assert "two or three highlights, each with a number" in report.structure.key_points.missed
    assert report.follow_up is not None
    assert "you mentioned" not in report.follow_up.lower(), report.follow_up


# ---- F15: a scored answer without a follow-up says why ---------------------------------------

def test_no_follow_up_says_why():
    report, _ = main_answer(_text("design.txt"), "design-search-ranking-1")
    assert report.follow_up is None
    why = no_follow_up_reason(report)
    assert why
    from rich.console import Console

    out = io.StringIO()
    render_answer_terminal(report, Console(file=out, width=300), why_no_follow_up=True)
    assert "no follow-up: " + why in out.getvalue()
    # follow-ups off (`--no-follow-up`), or a saved report: no follow-up is named at all
    off = io.StringIO()
    render_answer_terminal(report, Console(file=off, width=300))
    assert "follow-up" not in off.getvalue()


def test_a_reply_or_an_answer_with_a_follow_up_gives_no_reason(fake_reviews):
    main, q = fake_reviews
    assert no_follow_up_reason(main) is None
    reply = follow_up_reply("We would lose honest reviews, so a human checks the borderline "
                            "ones.", main, q, "no_tradeoff")
    assert no_follow_up_reason(reply) is None
