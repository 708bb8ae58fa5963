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


HYPOTHETICAL = ("Okay so for a decision without all the information, what I would do is first ask "
                "what happens if we wait. I would check if the decision can be reversed. If it is "
                "reversible, I would decide quickly, like switch to the older model for a few "
                "days. And usually we would agree on a date to look at the data again. So yeah, "
                "that is how I would handle it.")
REAL_TIME = ("Yes, one real time. Last year at the bank, our chatbot vendor had an outage on a "
             "Friday night and we did not know if it was their model or our prompts. I decided in "
             "about twenty minutes to turn off the chatbot and route customers to live agents, "
             "because it was reversible. Waiting would mean customers getting wrong loan fees all "
             "weekend. On Monday we found it was the vendor, we turned the bot back on, and we had "
             "zero wrong fee complaints that weekend.")


def test_a_real_time_told_with_i_makes_the_own_part_point_and_tells_a_result():
    """F4: after a hypothetical answer, the real time ("I decided in about twenty minutes to
    turn off the chatbot … we had zero wrong fee complaints that weekend") makes "what you
    personally did, said with I" though "we" is said more, and its end is a Result."""
    from voice_coach.config import Config
    from voice_coach.questions import load_bank

    qid = "lp-bias-for-action-1"
    parent = dataclasses.replace(report_of(HYPOTHETICAL, qid), n=1)
    answer = dataclasses.replace(
        report_of(REAL_TIME, qid, follow_up=pipeline.FollowUpOf("no_real_time", parent)), n=2,
        follow_up_of=1)
    assert answer.structure.star["result"].present, answer.structure.star
    merged = pipeline.merge_follow_up(parent, answer, Config(), load_bank().get(qid))
    assert "what you personally did, said with I" in merged.with_follow_up.points, \
        merged.with_follow_up


def test_points_a_real_time_reply_did_not_make_are_missed_in_it():
    """QA90 F8: once the reply told one real time, the points it did not make are missed in that
    story, never "told as what you would do" beside "one real time ✓"."""
    from voice_coach.config import Config
    from voice_coach.questions import load_bank
    from voice_coach.report import structure_lines

    qid = "lp-bias-for-action-1"
    parent = dataclasses.replace(report_of(HYPOTHETICAL, qid), n=1)
    answer = dataclasses.replace(
        report_of(REAL_TIME, qid, follow_up=pipeline.FollowUpOf("no_real_time", parent)), n=2,
        follow_up_of=1)
    merged = pipeline.merge_follow_up(parent, answer, Config(), load_bank().get(qid))
    lines = "\n".join(structure_lines(merged))
    assert "told as what you would do" not in lines, lines
    alone = "\n".join(structure_lines(parent))
    assert "told as what you would do" in alone, alone
