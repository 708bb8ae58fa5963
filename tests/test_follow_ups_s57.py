"""Session 57 (QA143 F1): a reply that says again, with their before and after, the numbers the
first answer said but left unplaced gives the result number that was asked for."""

from __future__ import annotations

import dataclasses

import pytest

from voice_coach import pipeline
from voice_coach.config import Config
from voice_coach.questions import load_bank
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


HYPOTHETICAL = ("So, in principle, what I would do is first ask my manager for the data behind the "
                "decision, in a one to one, not in front of the team. I would say clearly where I "
                "disagree and why. If my manager still decides the other way, I would commit to "
                "the decision and help the team deliver it.")
REAL_TIME = ("Yes. At the telecom, in twenty nineteen, my manager wanted to send a retention "
             "discount to every postpaid customer with a high churn score. I disagreed, because I "
             "saw that many of them were leaving anyway, they were moving abroad, so the discount "
             "was wasted money. I showed him the numbers in a one to one and I proposed a test on "
             "one region first. He still wanted the full campaign, so I committed and I helped to "
             "launch it, but we kept a small control group. After two months the control group "
             "showed that the discount saved almost nobody in the moving segment, so for the next "
             "campaign he excluded them himself. What I took from it is that a control group is "
             "the polite way to disagree.")


def test_a_story_told_in_reply_lists_no_technical_checklist_fact():
    # QA143 F5: "with the follow-up: one real time ✓, Situation ✓, … definition ✓"
    qid = "lp-backbone-1"
    parent = dataclasses.replace(report_of(HYPOTHETICAL, qid), n=1)
    reply = report_of(REAL_TIME, qid, follow_up=pipeline.FollowUpOf("no_real_time", parent))
    merged = pipeline.merge_follow_up(parent, reply, Config(), load_bank().get(qid))
    facts = merged.with_follow_up.facts
    assert facts.get("situation") and "definition" not in facts, facts


def test_the_merged_answer_reads_the_reply_as_its_own_report_does():
    # QA143 F1/F6: the first answer's block said "result ✗ (not answered)" while the reply's
    # own report had the numbers; both now read "result number ✓"
    parent = dataclasses.replace(report_of(ANSWER, QID), n=1)
    reply = _reply(CRISP)
    block = pipeline.merge_follow_up(parent, reply, Config(), load_bank().get(QID)).with_follow_up
    assert block.supplied and block.label == "result number" and block.counted, block
