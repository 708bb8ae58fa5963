"""Off-topic answers are flagged in feedback; on-topic ones are not (issue #15)."""

from __future__ import annotations

import dataclasses
import tomllib

import pytest

from voice_coach import pipeline
from voice_coach.analysis.relevance import OFF_TOPIC_BELOW, topic_similarity, topic_words
from voice_coach.config import Config
from voice_coach.questions import load_bank

DATA_SPLIT = "ml-validation-1"  # "… What can go wrong with a random train test split?"
RECOMMENDER_STORY = (
    "At my last job I built the recommender for our home page. We trained collaborative "
    "filtering on two years of purchase history and added item embeddings so new products could "
    "be shown. Click through rate went from three percent to four percent and revenue per visit "
    "rose. I learned that the ranking needs fresh features every day.")
DATA_SPLIT_ANSWER = (
    "For next week's behaviour I would not shuffle. I would split by time, train on the older "
    "weeks and validate on the most recent ones, because a random split leaks future "
    "information into training, and the same customer would sit in train and test and inflate "
    "the score. I'd run a few rolling backtests.")


def _relevance_flags(text: str, qid: str) -> list[dict]:
    report = pipeline.analyze_text(text, cfg=Config(), question=load_bank().get(qid))
    return [f for f in report.feedback if f.area == "relevance"]


def test_recommender_story_to_a_data_split_question_is_flagged():
    [flag] = _relevance_flags(RECOMMENDER_STORY, DATA_SPLIT)
    assert flag.severity == "warn" and flag.message.startswith("Off topic?")
    assert "How would you set up validation" in flag.message


@pytest.mark.parametrize(("text", "qid"), [
    pytest.param(DATA_SPLIT_ANSWER, DATA_SPLIT, id="on-topic-answer"),
    pytest.param(RECOMMENDER_STORY, "recsys-cold-start-1", id="same-story-recommender-question"),
    # a behavioural question's words ("tell me about a time …") fit any story
    pytest.param(RECOMMENDER_STORY, "lp-deliver-results-1", id="behavioural-question"),
])
def test_not_flagged(text, qid):
    assert _relevance_flags(text, qid) == []


def test_too_short_to_judge():
    q = load_bank().get(DATA_SPLIT)
    assert topic_similarity("Split by time.", q.text, q.key_points) is None
    assert _relevance_flags("Split by time, no shuffling.", DATA_SPLIT) == []


@pytest.mark.parametrize("text, stems", [
    ("Leakage leaks", {"leaka", "leaks"}), ("validate validation", {"valid"}),
    ("the model would explain it", set()), ("fine-tuned", {"fine", "tuned"}),
])
def test_topic_words(text, stems):
    assert topic_words(text) == stems


def test_tuning_set_is_separated(data_dir):
    """The threshold separates every answer of the set it was chosen on."""
    bank = load_bank()
    answers = tomllib.loads((data_dir / "relevance_tuning.toml").read_text())["answer"]
    for a in answers:
        q = bank.get(a["question_id"])
        sim = topic_similarity(a["text"], q.text, q.key_points)
        assert sim is not None
        assert (sim >= OFF_TOPIC_BELOW) == a["on_topic"], (a["question_id"], sim)


def test_follow_up_answers_are_not_judged_for_topic():
    """A follow-up ("what was the trade-off?") asks something narrower than its bank question;
    its answer is judged by the follow-up's rubric, not flagged — when saved or re-scored."""
    q = load_bank().get(DATA_SPLIT)
    report = pipeline.analyze_text(RECOMMENDER_STORY, cfg=Config(), question=q)
    assert any(f.area == "relevance" for f in report.feedback)
    reply = pipeline.analyze_text(RECOMMENDER_STORY, cfg=Config(), question=q,
                                  follow_up=pipeline.FollowUpOf("no_tradeoff", report))
    assert not any(f.area == "relevance" for f in reply.feedback)
    rescored = pipeline.rescore(dataclasses.replace(reply, follow_up_of=1), Config(), question=q)
    assert not any(f.area == "relevance" for f in rescored.feedback)
