"""Off-topic answers are flagged in feedback; on-topic ones are not (issue #15)."""

from __future__ import annotations

import dataclasses
import tomllib

import pytest

from voice_coach import pipeline
from voice_coach.analysis.relevance import OFF_TOPIC_BELOW, topic_similarity, topic_words
from voice_coach.config import Config
from voice_coach.questions import load_bank
from tests.tools import report_of

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
    """No warning (a story to a question the fit check has not seen is told "not checked",
    `test_questions_the_check_has_not_seen_say_not_checked`)."""
    assert [f for f in _relevance_flags(text, qid) if f.severity != "info"] == []


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


# --- a story that does not answer ITS question (issue #13, QA7 F07) -------------------------

DIFFICULT_TEAMMATE = "lp-earn-trust-1"  # "… work closely with a difficult teammate …"
# a good story, with numbers and a lesson that names the principle, and no teammate anywhere
FRAUD_MODEL_STORY = (
    "Last spring I owned the fraud model for our card payments. Chargebacks were costing us "
    "about two million dollars a quarter, and the old rules flagged so many good customers that "
    "support was flooded. I rebuilt the model as gradient boosted trees on device and merchant "
    "features, set up a shadow launch for three weeks, and tuned the threshold with the finance "
    "team's cost of a false decline. When it went live, chargebacks fell by thirty percent and "
    "false declines dropped from four percent to one and a half. I learned that you earn trust "
    "in a model by publishing its mistakes every week, not only its wins.")


def _report(text: str, qid: str):
    return report_of(text, qid)


def test_core_ask_drops_the_frame_and_the_points_every_story_has():
    from voice_coach.analysis.question_fit import ask_texts, core_ask

    q = load_bank().get(DIFFICULT_TEAMMATE)
    assert core_ask(q.text) == ["you had to work closely with a difficult teammate.",
                                "How did you build a working relationship?"]
    assert core_ask("Describe a time you were about to miss a deadline. What did you do?") == [
        "you were about to miss a deadline."]
    asks = ask_texts(q.text, q.key_points)
    assert "how you sought to understand their view" in asks
    assert not {"what you learned", "specific steps you took",
                "short situation and your own responsibility"} & set(asks)


@pytest.mark.slow
def test_a_story_without_the_difficult_teammate_is_not_an_answer():
    """F07's kind: a good story for another question gets one "not an answer" line, content
    at most 40 and no follow-up about its details; every other line agrees (no question-own
    key point is listed as covered)."""
    from voice_coach.analysis.point_facts import own_key_points
    from voice_coach.coach import OFF_TOPIC_CONTENT_MAX

    report = _report(FRAUD_MODEL_STORY, DIFFICULT_TEAMMATE)
    [flag] = [f for f in report.feedback if f.area == "relevance"]
    assert flag.severity == "warn" and flag.message.startswith("Not an answer to this question")
    assert "work closely with a difficult teammate" in flag.message
    assert report.scores.content <= OFF_TOPIC_CONTENT_MAX
    assert report.follow_up is None
    own = set(own_key_points(load_bank().get(DIFFICULT_TEAMMATE).key_points))
    assert not own & set(report.structure.key_points.covered)


@pytest.mark.slow
@pytest.mark.parametrize("qid", ["lp-deliver-results-3", "llm-user-impact-1"])
def test_the_same_story_answers_a_question_it_fits(qid):
    report = _report(FRAUD_MODEL_STORY, qid)
    assert not [f for f in report.feedback if f.area == "relevance"]
    assert report.scores.content > 40


def _round_answers(question_id: str) -> list[str]:
    from pathlib import Path

    root = Path(__file__).parent / "data"
    out = []
    for path in sorted(root.glob("structure_round_m*/*.toml")):
        if path.name in ("labels.toml", "clauses.toml"):
            continue
        out += [a["text"] for a in tomllib.loads(path.read_text()).get("answer", [])
                if a.get("question_id") == question_id]
    return out


@pytest.mark.slow
@pytest.mark.parametrize("i", range(3))
def test_real_answers_about_a_difficult_teammate_are_answers(i):
    """Answers written for the question (tuning rounds, three voices) are never told they
    answer another one."""
    text = _round_answers(DIFFICULT_TEAMMATE)[i]
    report = _report(text, DIFFICULT_TEAMMATE)
    assert not [f for f in report.feedback if f.area == "relevance"]


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    pytest.param("If a teammate were difficult I would first talk to them in private, then I "
                 "would try to understand their view and agree on how we review each other's "
                 "code. Usually that works, and if not I would involve the manager, because "
                 "trust matters more than any single project.", id="hypothetical"),
    pytest.param("I rebuilt our fraud model and chargebacks fell by thirty percent.",
                 id="short"),
])
def test_hypothetical_and_short_answers_are_not_judged(text):
    from voice_coach.coach import STORY_FIT_MIN_WORDS

    report = _report(text, DIFFICULT_TEAMMATE)
    assert report.structure.hypothetical or len(text.split()) < STORY_FIT_MIN_WORDS
    assert not [f for f in report.feedback if f.area == "relevance"]


@pytest.mark.slow
def test_not_judged_when_speech_was_not_recognised():
    """What the question asks may be in the stretch the transcriber lost: no verdict then, and
    the report says the check was not made (silence would read as "it answers the question")."""
    from voice_coach.coach import coach
    from voice_coach.embedder import shared_meaning_model

    q = load_bank().get(DIFFICULT_TEAMMATE)
    s = pipeline.analyze_structure(FRAUD_MODEL_STORY, kind="behavioral", key_points=q.key_points,
                                   model=shared_meaning_model(), question=q.text)
    assert s.question_fit is not None and not s.question_fit.answers
    c = coach(delivery=None, structure=s, question=q, cfg=Config(),
              unrecognised=[{"start": 4.0, "end": 9.0}])
    assert c.facts.question_fit is None
    [line] = [f for f in c.feedback if f.area == "relevance"]
    assert line.severity == "info" and "not checked: part of the speech was not recognised" \
        in line.message, line
    assert c.scores.content > 40


def test_question_fit_ranks_the_question_among_the_others():
    """Pure: the question itself is left out of the references, a question that is not a
    judged reference gets no fit, and the rank counts the references that score higher."""
    import numpy as np

    from voice_coach.analysis.embed import FitHead
    from voice_coach.analysis.question_fit import QuestionFit, question_fit

    refs = np.eye(4, dtype=np.float32)  # four questions, one axis each
    head = FitHead(np.ones(4), 0.0, refs, np.array([True, True, True, False]), 2)
    answer = np.array([0.1, 0.7, 0.7, 0.1], np.float32)
    assert question_fit(answer, refs[:1], head) == QuestionFit(2, 3, 2)  # 2 of 3 fit better
    assert not question_fit(answer, refs[:1], head).answers
    assert question_fit(answer, refs[1:2], head) == QuestionFit(0, 3, 2)
    assert question_fit(answer, refs[3:4], head) is None  # not judged
    assert question_fit(answer, np.array([[0.6, 0.8, 0, 0]], np.float32), head) is None
    assert question_fit(answer, np.zeros((0, 4), np.float32), head) is None


@pytest.mark.slow
@pytest.mark.parametrize("qid", [None, "intro-why-ml-1"])
def test_no_story_question_no_check_and_no_line(qid):
    """No question, an intro question: there is nothing to check a story against."""
    question = load_bank().get(qid) if qid else None
    report = pipeline.analyze_text(FRAUD_MODEL_STORY, cfg=Config(), question=question)
    assert not [f for f in report.feedback if f.area == "relevance"]


OUTAGE_STORY = (  # QA10 F11: a production-incident story (no one mentored, no one grows)
    "In 2022 I was at a call centre analytics company in Lagos, and I was having the "
    "responsibility for the speech recognition model that transcribes customer calls. One "
    "Monday the word error rate had jumped to thirty-eight percent, when it used to be standing "
    "at around nineteen percent. First thing, I rolled back the acoustic model to the previous "
    "version within two hours and told the client and my manager what was happening. Then I "
    "found the root cause: a telecom partner changed their codec and the audio came at eight "
    "kilohertz instead of sixteen. I retrained the model with codec augmentation, and I added a "
    "monitoring check on the sample rate. The error rate came down to fourteen percent and the "
    "missed alerts went from about two hundred per week to less than ten. What I learned is "
    "that the input pipeline needs its own monitoring, not only the model.")
MENTORING_STORY = (  # an answer to the mentoring question, in its own words
    "Last year a new graduate, Chidi, joined my team. He was strong in maths but had never "
    "shipped anything to production and he was afraid to ask questions in reviews. I set up a "
    "weekly one-to-one with him, and I paired with him on his first feature, letting him drive "
    "while I only asked questions. When I noticed he learned better from written examples I "
    "wrote him short design notes instead of long talks, and I gave him the on-call runbook to "
    "own. After six months he led the release of our ranking service on his own and he was "
    "promoted to engineer two. I learned that coaching is mostly asking, not telling.")


@pytest.mark.slow
def test_an_outage_story_to_the_mentoring_question_is_not_an_answer():
    """QA10 F11: an outage story to "someone you mentored" is not an answer, its mentoring
    points are not credited on generic evidence, and content is capped."""
    q = load_bank().get("lp-hire-develop-1")
    report = _report(OUTAGE_STORY, q.id)
    messages = " ".join(f.message for f in report.feedback)
    assert "Not an answer to this question" in messages, messages
    assert "not checked" not in messages
    k = report.structure.key_points
    assert "evidence of their growth, such as a promotion or new scope" in k.missed, k
    assert not set(k.covered) & {"where the person started and what they needed",
                                 "the specific coaching you gave", "how you adapted to them",
                                 "evidence of their growth, such as a promotion or new scope"}
    assert report.scores.content <= 40 and report.follow_up is None


@pytest.mark.slow
def test_a_mentoring_story_to_the_mentoring_question_is_an_answer():
    """The same question answered: never called off topic."""
    report = _report(MENTORING_STORY, "lp-hire-develop-1")
    assert "Not an answer" not in " ".join(f.message for f in report.feedback), report.feedback
    assert report.scores.content > 40


def test_question_fit_head_is_built_from_the_current_rounds():
    import sys
    from pathlib import Path

    import numpy as np

    from voice_coach.embedder import FIT_PATH

    sys.path.insert(0, str(Path(__file__).parents[1] / "scripts"))
    import train_question_fit

    with np.load(FIT_PATH) as d:
        assert str(d["source_sha256"]) == train_question_fit.source_digest(), \
            "tuning rounds changed: run scripts/train_question_fit.py"
        assert 0 < int(d["rank_limit"]) <= len(d["references"])
        assert "unseen_rank_limit" not in d.files  # not shipped (docs/practice.md)
