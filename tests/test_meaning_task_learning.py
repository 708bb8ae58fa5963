"""Task and Learning by mechanism (issue #13, session 9): responsibility said without "my task"
(taken on, handed over, owned, a share of the work, in "I" or "we", with hedges), the speaker's own
step is the Action even when it reads like a scope ("I cut the scope …", QA8 F04), the practice a
story left behind is its lesson without "I learned", and the Learning cues no longer fire on
amounts ("it was about 40 minutes"), findings ("I realised the index was stale"), purposes ("so
next time it fires …") or the "learning" of "learning curve". Texts written for this test."""

import pytest

from voice_coach import embedder
from voice_coach.analysis.structure import (
    STRONG, _norm, analyze_structure, label_clause, own_step, said_as_lesson)


@pytest.mark.parametrize("clause", [
    "so the migration landed on me",
    "i suppose i ended up more or less owning the rollout",
    "my piece of it was the evaluation harness",
    "we took the billing alerts on",
    "i proposed and led the clean-up of the feature store",
    "the part i owned was the nightly backfill",
    "it came to my team because nobody else knew the ranking code",
    "honestly the call was mine",
    "i put myself on the pager for the first month",
    "and my lead goes, hey, can you find out why the numbers moved",  # an ask told as speech
    "the ask from the sales director was roughly, get us a churn list by monday",
    "the request that came to us through legal was to delete the old transcripts",
    "we'd been asked for a first version in a month",
    "so the scheduler was mine",
])
def test_responsibility_said_without_my_task_is_a_task_cue(clause):
    assert label_clause(_norm(clause))["task"] >= STRONG


@pytest.mark.parametrize("clause", [
    "we ended up with a much smaller model",  # an outcome, not a responsibility
    "the platform team came to us with a request",  # the set-up: someone else's ask
    "i wrote the runbook myself over a weekend",  # a step
    "so the request path is a single key lookup",  # a technical noun
    "what i took from it is that the request is only a clue",
])
def test_what_is_not_a_responsibility_is_no_task_cue(clause):
    assert label_clause(_norm(clause))["task"] < STRONG


@pytest.mark.parametrize(("clause", "step"), [
    ("i trimmed the scope and shipped only the search filter", True),
    ("so i rewrote the join and dropped the two slowest features", True),
    ("and then i paused the rollout at ten percent", True),
    ("i cut the backlog to the two oldest bugs and fixed only those", True),
    ("i took the pager rotation on for the quarter", False),  # taken on
    ("i led the rewrite with two engineers", False),
    ("i decided to own the data contract", False),
    ("we rewrote the join", False),  # not the speaker's own step
    ("i was asked to rewrite the join", False),
])
def test_the_speakers_own_step_is_told_apart_from_taking_something_on(clause, step):
    assert own_step(_norm(clause)) is step


@pytest.mark.parametrize(("clause", "lesson"), [
    ("these days, whenever i get a new dataset, i plot the label distribution first", True),
    ("ever since, every deploy has a rollback script next to it", True),
    ("since then no model goes live without a shadow week", True),
    ("now before i trust an offline metric i replay a week of live traffic", True),
    ("our rule now is that nothing ships on a friday", True),
    ("i'd make exactly the same trade again", True),
    ("now i move the cache warm-up into the deploy step", False),  # a step told in the present
    ("now i think the team is a lot calmer", False),
    ("since then i joined the platform group", False),
])
def test_the_practice_a_story_left_behind_is_said_as_a_lesson(clause, lesson):
    assert said_as_lesson(_norm(clause)) is lesson


@pytest.mark.parametrize(("clause", "cue"), [
    ("it was about forty minutes of downtime in the end", False),  # an amount
    ("i'd plot the learning curve before anything else", False),
    ("the learning-to-rank model was retrained weekly", False),
    ("i realised the index had been rebuilt twice that night", False),  # a finding
    ("i realised it when i sliced the errors by region", False),
    ("so next time the alert fires someone sees it straight away", False),  # a purpose
    ("i realised that a small canary is cheap insurance", True),
    ("next time i'd write the rollback plan first", True),
    ("for me this was about earning the support team's trust", True),
])
def test_learning_cues_fire_on_lessons_not_on_amounts_findings_or_purposes(clause, cue):
    assert (label_clause(_norm(clause))["learning"] >= STRONG) is cue


@pytest.fixture(scope="module")
def model():
    return embedder.load_meaning_model()


STORY = ("Our invoice matching job kept timing out at month end. The finance team was closing the "
         "books by hand. I profiled the job and found one query scanning the whole ledger, so I "
         "added an index and split the batch by vendor. The month end run went from six hours to "
         "forty minutes. ")


@pytest.mark.slow
def test_a_practice_said_after_the_story_is_its_learning(model):
    assert not analyze_structure(STORY, kind="behavioral", model=model,
                                 method="meaning").star["learning"].present
    s = analyze_structure(STORY + "These days, before I touch a slow job, I look at the query plan "
                          "first.", kind="behavioral", model=model, method="meaning")
    assert s.star["learning"].present


@pytest.mark.slow
def test_a_responsibility_said_as_handed_over_is_the_task(model):
    text = ("Our invoice matching job kept timing out at month end. Um, it kind of landed on me "
            "because I wrote the first version. I profiled the job and added an index. The month "
            "end run went from six hours to forty minutes.")
    s = analyze_structure(text, kind="behavioral", model=model, method="meaning")
    assert s.star["task"].present
    assert [c.label for c in s.clauses if "landed on me" in c.text] == ["task"]


@pytest.mark.slow
def test_cutting_the_scope_is_an_action_not_the_task(model):
    text = ("The release was two weeks late and the client demo was on Friday. I trimmed the scope "
            "and shipped only the search filter. The demo went fine and the client signed.")
    s = analyze_structure(text, kind="behavioral", model=model, method="meaning")
    labels = [c.label for c in s.clauses if "trimmed the scope" in c.text]
    assert labels and labels[0] == "action"
