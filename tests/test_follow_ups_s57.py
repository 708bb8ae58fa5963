"""Session 57 (QA143 F1): a reply that says again, with their before and after, the numbers the
first answer said but left unplaced gives the result number that was asked for."""

from __future__ import annotations

import dataclasses

import pytest

from voice_coach import pipeline
from tests.tools import report_of

pytestmark = pytest.mark.slow  # the bundled sentence model judges the reply

# Whisper's transcript of the tester's answer (out_a4f3b_practice.txt): its numbers are said,
# none read as a before and an after
ANSWER = ("So, at the Steel Mill we had a camera that did take tracks on the hot slabs, and on "
          "night shift it was really an alarm on practically every fifth slab, while my date was "
          "more or less one in 50. Everybody said the model is bad, retrained. I was responsible "
          "for the model, so I went onto the line to look. I took all the false alarms from two "
          "weeks, and I sorted them by time, and they came in post every 20 minutes, also. I "
          "matched the post with the crane log, the overhead crane pass, it slumped, reflected on "
          "the weight softies of the slab, and the reflections looked like cracks. Practically it "
          "was not a model problem, it was light. We put a polarizing filter on the camera, and I "
          "added reflection examples to the training data. Night false alarms failed at 1 in 40, "
          "and the quality inspectors stopped ignoring the alarms. What I took from it is to "
          "always plot the error against time, and against the plant log.")
CRISP = ("On night shift, before the filter, one slab in five had a false crack alarm. After the "
         "filter, it was one slab in 40.")
QID = "lp-dive-deep-1"


def _reply(text: str):
    parent = dataclasses.replace(report_of(ANSWER, QID), n=1)
    return report_of(text, QID, follow_up=pipeline.FollowUpOf("no_result", parent))


def test_the_first_answers_numbers_placed_give_the_result_number():
    check = _reply(CRISP).follow_up_check
    assert check.supplied and check.evidence == ("1 in 5", "1 in 40"), check


def test_the_first_answers_words_said_again_still_give_nothing():
    again = ("We put a polarizing filter on the camera. Night false alarms failed at 1 in 40, and "
             "the quality inspectors stopped ignoring the alarms.")
    assert not _reply(again).follow_up_check.supplied
