"""QA71 (#13 trial, persona Zsófia): a reply that makes the point a question's own follow-up
wording asks about, in other words, is judged as answering it — by meaning, as key points are."""
import dataclasses

import pytest

from voice_coach import pipeline
from voice_coach.config import Config
from voice_coach.questions import load_bank
from tests.tools import report_of

pytestmark = pytest.mark.slow  # the bundled sentence model judges the reply

ANSWER = ("With one fraud in a thousand, a model that says not fraud for everything gets ninety "
          "nine point nine percent accuracy and catches nothing. I would look at precision and "
          "recall on the fraud class, and plot the precision recall curve and use the area under "
          "it to compare models.")
# Whisper's transcript of the tester's reply: "curve" was heard as "recoil"
REPLY = ("Because the false positive rate divides by the huge number of good transactions, a "
         "false positive rate of 1 % looks tiny, but with a million good transactions a day that "
         "is 10,000 locked customers and precision is terrible. The ROC area hides that, the "
         "precision recoil can show it.")
OFF = "We used gradient boosting with about two hundred trees and tuned the learning rate."


def _merged(reply: str):
    qid = "ml-metrics-2"
    parent = dataclasses.replace(report_of(ANSWER, qid), n=1)
    answer = dataclasses.replace(
        report_of(reply, qid, follow_up=pipeline.FollowUpOf("no_tradeoff", parent)), n=2,
        follow_up_of=1)
    return answer, pipeline.merge_follow_up(parent, answer, Config(), load_bank().get(qid))


def test_a_reply_that_makes_the_asked_point_in_other_words_answers_it():
    answer, merged = _merged(REPLY)
    assert answer.follow_up_check.supplied, answer.follow_up_check
    block = merged.with_follow_up
    assert block.supplied and "ROC area can look good under heavy imbalance" in block.points, block


def test_a_reply_about_something_else_still_does_not():
    answer, merged = _merged(OFF)
    assert not answer.follow_up_check.supplied, answer.follow_up_check
    assert not merged.with_follow_up.points, merged.with_follow_up


def test_counts_of_the_work_are_no_result_number():
    """QA73 F4: "I picked the top 20 questions and trained the 5 agents" to "what number shows
    it?" is no result; "the repeat contacts fell to 12%" is."""
    from voice_coach.follow_ups import judge
    from voice_coach.pipeline import _structure

    q = load_bank().get("lp-customer-obsession-1")
    counts = _structure("I picked the top 20 questions from the data and I trained the five "
                        "agents and ran the pilot myself.", None, q, follow_up=True)
    assert not judge("no_result", counts, 8.0, q).supplied
    level = _structure("After the pilot the repeat contacts fell to 12 percent.", None, q,
                       follow_up=True)
    assert judge("no_result", level, 5.0, q).supplied
