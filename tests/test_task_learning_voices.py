"""Task and Learning in voices the heads never saw (issue #13, session 13): someone else's wish or
a verdict on the call is no responsibility of the speaker's; "I am responsible" said without the
contraction and "I was the one on call" are; a lesson said without "I learned" — the bare noun
("learning was, …"), the rule the story left, a change in how the speaker thinks, what the
speaker values over the fix — is a Learning, and so is a habit said in the present progressive
after a time shift ("now before any launch I am asking …"); a time box the speaker had is the
Task, and "we had to …" once the work has begun is the next step. Texts written for this test."""

import numpy as np
import pytest

from voice_coach import embedder
from voice_coach.analysis.embed import LinearHead
from voice_coach.analysis.structure import (
    STRONG, _norm, analyze_structure, clause_votes, label_clause, not_own_task, said_as_lesson,
    story_cues)


@pytest.mark.parametrize(("clause", "other"), [
    ("so my director wanted to roll the new pricing out everywhere at once", True),
    ("the support team wanted to turn the bot off for good", True),
    ("and she thought the platform group was just slowing her down", True),
    ("honestly it was the right decision for the customers", True),  # a verdict on the call
    ("i think that was the correct call in the end", True),
    ("my manager wanted me to own the migration", False),  # hands the speaker a task
    ("i wanted to find out why the queue was backing up", False),  # the speaker's own aim
    ("we thought about it for a week", False),
])
def test_someone_elses_wish_or_a_verdict_is_not_the_speakers_task(clause, other):
    assert not_own_task(_norm(clause)) is other


def test_a_clause_read_as_task_that_tells_someone_elses_wish_yields_its_task():
    labels = ("situation", "task", "action", "result", "learning", "hypothetical", "other")
    head = LinearHead(labels, np.zeros((1, 7)), np.zeros(7), np.full(7, 0.5))
    row = np.array([0.3, 0.6, 0.05, 0.02, 0.01, 0.01, 0.01])  # the head's reading: Task, then Situation
    cues = dict.fromkeys(("situation", "task", "action", "result", "learning"), 0)
    assert clause_votes(row, head, cues, False)[0] == "task"
    lab, parts = clause_votes(row, head, cues, False, not_task=True)
    assert lab == "situation" and "task" not in parts
    cues["task"] = STRONG  # a strong cue still names the task ("… wanted me to own it" is a cue)
    assert "task" in clause_votes(row, head, cues, False, not_task=True)[1]


def test_a_near_tie_of_two_story_classes_goes_to_the_class_a_strong_cue_names():
    """Session 15: "so when the false decline rate doubled after a release, it was my problem to
    find out why" is Situation and Task in one clause; the clause head gave Action 0.2532 and
    Task 0.2527 — a coin toss that each rebuild could flip — while the rules name Task strongly
    and Action not at all. Within `CUE_TIE_MARGIN` the cued class is the clause's class; a clear
    lead of the head, or a top class with a cue of its own, stays."""
    labels = ("action", "hypothetical", "learning", "other", "result", "situation", "task")
    head = LinearHead(labels, np.zeros((1, 7)), np.zeros(7), np.full(7, 0.5), np.zeros(7),
                      np.full(7, 0.05))
    row = np.array([0.2532, 0.17, 0.03, 0.06, 0.20, 0.04, 0.2527])
    cues = {"situation": 1, "task": 4, "action": 0, "result": 1, "learning": 0}
    lab, parts = clause_votes(row, head, cues, False)
    assert lab == "task" and "task" in parts and "action" not in parts
    lead = np.array([0.40, 0.10, 0.03, 0.06, 0.10, 0.04, 0.27])  # the head is sure: Action
    assert clause_votes(lead, head, cues, False)[0] == "action"
    assert clause_votes(row, head, {**cues, "action": 1}, False)[0] == "action"  # cued too


@pytest.mark.parametrize("clause", [
    "I am responsible for the fraud features of the whole team",  # no contraction
    "and I was the one on call that weekend",
    "I was the one who had to explain the drop to the board",
    "so I had like 3 4 weeks to get the new scorer ready",  # a time box, hedged, as a range
    "I had around 3 to 4 weeks to get a prototype out",
    "and I have 6 weeks before the first big client goes live",
    "the head of support comes to us and says, we need the bot in Spanish too",  # an ask as speech
    "the marketing team came to us and said we need GPUs for serving",
])
def test_a_responsibility_said_plainly_is_a_task_cue(clause):
    assert label_clause(_norm(clause))["task"] >= STRONG


@pytest.mark.parametrize(("clause", "lesson"), [
    ("learning was, the loudest complaint is only the tip", True),  # the bare noun, clipped
    ("lesson for me is always look at the raw rows first", True),
    ("that was kind of the rule, we don't fix cost by paging someone else", True),
    ("that's a rule I just keep for myself", True),
    ("and after that incident shadow mode became mandatory for us", True),
    ("I think the standard should be that anyone can read anyone's model in ten minutes", True),
    ("and it changed how I think about dashboards", True),
    ("mentoring her made me a better manager, I guess", True),
    ("the part I'm proudest of isn't the model, it's that we asked the users first", True),
    ("and now before any launch I am asking for the segment breakdown myself", True),
    ("for me this is the fairness part, the person behind the row never chose to be there", True),
    ("I would say this is dive deep for me, the average was hiding it", True),
    ("learning curves help a lot here", False),  # a plot, not a lesson
    ("the learning rate was too high", False),
    ("it became the default for every region", False),  # an outcome
    ("the project I'm proudest of is the search rewrite", False),  # an introduction
    ("now I am moving the features to the cache", False),  # a step told in the present
])
def test_a_lesson_said_without_i_learned_is_said_as_a_lesson(clause, lesson):
    assert said_as_lesson(_norm(clause)) is lesson


def test_what_had_to_be_done_after_the_work_began_is_a_step_not_the_task():
    """"We had to …" before any step names the responsibility; after the speaker's first step it
    is usually the next step ("then we had to backfill the last three hours")."""
    story = [_norm(c) for c in ("we had to cut the serving bill in half by june",
                                "so I moved the tree models to cpu",
                                "then we had to backfill the last three hours")]
    cues = story_cues(story)
    assert cues[0]["task"] >= STRONG
    assert 0 < cues[2]["task"] < STRONG
    assert label_clause(story[2])["task"] >= STRONG  # the clause alone still reads as a cue
    assert story_cues(story[2:])[0]["task"] >= STRONG


@pytest.fixture(scope="module")
def model():
    return embedder.load_meaning_model()


STORY = ("Our invoice matching job kept timing out at month end and the finance team was closing the "
         "books by hand. I profiled the job and found one query scanning the whole ledger, so I "
         "added an index and split the batch by vendor. The month end run went from six hours to "
         "forty minutes. ")


@pytest.mark.slow
def test_a_lesson_said_as_the_rule_after_the_story_is_its_learning(model):
    assert not analyze_structure(STORY, kind="behavioral", model=model,
                                 method="meaning").star["learning"].present
    s = analyze_structure(STORY + "Learning for me was, a slow job is a query plan problem until "
                          "proven otherwise.", kind="behavioral", model=model, method="meaning")
    assert s.star["learning"].present


@pytest.mark.slow
def test_a_managers_wish_and_a_verdict_give_no_task(model):
    text = ("So our VP wanted to buy a vendor platform for everything, notebooks to serving. I "
            "disagreed, because our scoring has to answer inside sixty milliseconds. I asked for two "
            "weeks and ran a bake-off on replayed traffic, and their serving was a hundred and forty "
            "milliseconds at p99. We bought their notebooks and kept our own serving. So it was "
            "the right thing.")
    s = analyze_structure(text, kind="behavioral", model=model, method="meaning")
    assert not [c for c in s.clauses if c.label == "task"]
