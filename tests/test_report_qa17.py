"""QA17 F15: a feedback line gives its place once — the item's clock is not printed in front of
a message that already names it ("0:37 0:37–0:43 your pitch barely moved")."""

from __future__ import annotations

import pytest

from voice_coach.report import feedback_lines
from voice_coach.report_model import AnswerReport, FeedbackItem


def _line(at_s, message):
    [line] = feedback_lines(AnswerReport(feedback=(FeedbackItem("voice", "warn", at_s, message),)))
    return line


@pytest.mark.parametrize("at_s, message", [
    (37.2, "0:37–0:43 your pitch barely moved (±0.9 st) — stress the word that carries your point."),
    (65.0, "1:05–1:13 no pitch found (whisper, noise or unvoiced sounds) — not judged for monotone."),
    (20.4, "1 of 10 statements end rising like a question (0:20) — finish statements on a falling pitch."),
    (125.0, "2 of 9 sentences fade out at the end (2:05, 2:40) — land the last word."),
])
def test_a_message_that_names_its_place_gets_no_second_clock(at_s, message):
    line = _line(at_s, message)
    assert line.clock is None and line.message == message


@pytest.mark.parametrize("at_s, message, clock", [
    (37.0, "No business or customer outcome — translate the metric into money.", "0:37"),
    # another time in the message is not the item's place ("10:37" is not "0:37")
    (37.0, "the outage lasted from 10:37 to 11:02 — say how long users waited.", "0:37"),
    (5.0, "a 0:50 pause — answer first, then think aloud.", "0:05"),
])
def test_a_message_without_its_place_keeps_the_clock(at_s, message, clock):
    assert _line(at_s, message).clock == clock


def test_no_place_no_clock():
    assert _line(None, "Lively voice.").clock is None
