"""QA77 (#13 trial, persona Jasmine): a reply to "which principle does the story show?" that
retells the story around the principle it names ("I would say Deliver Results … for me that is
Deliver Results") gives what was asked, though most of its words are the first answer's."""
import dataclasses

import pytest

from voice_coach import pipeline
from voice_coach.follow_ups import said_before
from tests.tools import report_of

pytestmark = pytest.mark.slow  # the bundled sentence model judges the reply

# Whisper's transcripts of the tester's answer and reply (out_a1f1_practice.txt)
ANSWER = ("So yeah, the most important result, I think, is the agent attrition model at the call "
          "center company So, the monthly attrition of my range, it dropped high five points to "
          "10%, 15 % before, more or less. Pairing every month, we were losing so many new hires. "
          "The ma, my task was to predict which agent would leave in their first 90 days so that "
          "team leads connect early. What got in the way was the data. The schedules and the HR "
          "records were in two systems that did not talk to each other. So, I was the one who "
          "built the join. I cleaned the shift data and I trained a gradient boosting model on 10 "
          "years. Schedule changes and the number of angry calls were shift. And I sat with the "
          "team leads every Monday to go through the list. After six months, we were standing "
          "around 28 million pesos last year on hiring and training like half a million dollars. "
          "Well, I learned this at a model only matters if the people who use it look at it every "
          "week.")
REPLY = ("I would say deliver results. Even when the data went amends, I still got the model into "
         "the Monday meetings and we did the attrition number. So yeah, for me that is deliver "
         "results.")


def _reply(text: str):
    qid = "lp-deliver-results-1"
    parent = dataclasses.replace(report_of(ANSWER, qid), n=1)
    return report_of(text, qid, follow_up=pipeline.FollowUpOf("no_principle", parent))


def test_a_retelling_that_names_a_new_principle_answers_the_principle_follow_up():
    check = _reply(REPLY).follow_up_check
    assert check.supplied and "Deliver Results" in check.evidence, check


def test_a_retelling_that_names_no_principle_still_gives_nothing():
    plain = ("Even when the data went amends, I still got the model into the Monday meetings and "
             "we did the attrition number.")
    assert not _reply(plain).follow_up_check.supplied


def test_a_principle_the_first_answer_already_named_is_not_new():
    assert said_before(("Deliver Results",), "we had to deliver results by March")
    assert not said_before(("Deliver Results",), ANSWER)
