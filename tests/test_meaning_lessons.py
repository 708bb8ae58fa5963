"""A lesson introduced with "I learned that …" is the Learning whatever the lesson's words
(QA8 F02: "I learned that <a long noun phrase> is …" was missed while a short one counted);
"I learned that <something was so>" is a finding, not a lesson. Texts written for this test."""

import pytest

from voice_coach import embedder
from voice_coach.analysis.structure import _norm, analyze_structure, closing_maxims, said_as_lesson

STORY = ("Our support queue was growing every week. I sorted two hundred tickets by hand and found "
         "that half were password resets, so I built a self-service reset page. Ticket volume went "
         "down from nine hundred to five hundred a week. ")


@pytest.mark.parametrize(("clause", "lesson"), [
    ("I learned that a shared spreadsheet of failure cases is the fastest root cause analysis",
     True),
    ("we learned that the weekly review of the worst tickets is the cheapest feature discovery",
     True),
    ("i've learned that you have to read the raw data before you model it", True),
    ("I learned that error analysis on real tickets beats any dashboard", True),
    ("I learned that most of the tickets were duplicates", False),  # a finding
    ("then we learned that the vendor had changed the format", False),
    ("I learned a lot about the billing system", False),
])
def test_i_learned_that_a_general_statement_names_a_lesson(clause, lesson):
    assert said_as_lesson(_norm(clause)) is lesson


@pytest.fixture(scope="module")
def model():
    return embedder.load_meaning_model()


@pytest.mark.slow
@pytest.mark.parametrize("lesson", [
    "a shared spreadsheet of failure cases is the fastest root cause analysis",
    "the weekly review of the worst tickets is the cheapest feature discovery",
])
def test_a_long_lesson_after_i_learned_that_is_the_learning(model, lesson):
    assert not analyze_structure(STORY, kind="behavioral", model=model,
                                 method="meaning").star["learning"].present
    s = analyze_structure(f"{STORY}I learned that {lesson}.", kind="behavioral", model=model,
                          method="meaning")
    assert s.star["learning"].present


# Session 26: the change the story made in the speaker, named as such, is the lesson without "I
# learned" (spent rounds 19, 20, 22, hp19); a change made to the work is a step. Texts written
# for this test.
@pytest.mark.parametrize(("clause", "lesson"), [
    ("what I change in me, I think, is that I ask the support team before I build", True),
    ("so what I changed is, now before I build any feature I ask who is in the data", True),
    ("what I changed: now before anybody touches the model, we read twenty failures by hand",
     True),
    ("what we changed since then, every launch has a rollback plan", True),
    ("what I changed was the threshold of the fraud rule", False),  # a step
    ("what I changed in the pipeline was the join order", False),
    ("so what we changed is the retry logic, and the errors went down", False),
])
def test_what_i_changed_in_me_or_now_names_a_lesson(clause, lesson):
    assert said_as_lesson(_norm(clause)) is lesson


@pytest.mark.slow
def test_the_change_in_the_speaker_after_the_story_is_the_learning(model):
    s = analyze_structure(f"{STORY}What I changed is, now before I build anything I read a sample "
                          "of the tickets myself.", kind="behavioral", model=model,
                          method="meaning")
    assert s.star["learning"].present


# Session 26: a maxim a behavioural story closes on is the lesson said without "I learned"
# (`closing_maxims`): only among the last clauses, only in a behavioural answer, and not a
# "sometimes" that refers back to the story. Texts written for this test.
@pytest.mark.parametrize(("clauses", "kind", "want"), [
    (["we shipped it on friday", "sometimes the simple thing is just asking the users"],
     "behavioral", [False, True]),
    (["we shipped it on friday", "so yeah, you have to go and watch people work"],
     "behavioral", [False, True]),
    (["so yeah, you have to go and watch people work", "we shipped it on friday",
      "and the complaints stopped"], "behavioral", [False, False, False]),  # not closing
    (["we shipped it on friday", "you have to monitor the drift"], "technical", [False, False]),
    (["we shipped it on friday", "you have to monitor the drift"], None, [False, False]),
    (["we shipped it on friday", "sometimes that's me taking their shift"], "behavioral",
     [False, False]),  # refers back to the story
    (["we shipped it on friday", "sometimes literally"], "behavioral", [False, False]),
])
def test_a_maxim_the_story_closes_on_is_a_lesson(clauses, kind, want):
    assert closing_maxims([_norm(c) for c in clauses], kind) == want


@pytest.mark.slow
def test_a_closing_maxim_is_the_learning(model):
    s = analyze_structure(f"{STORY}Sometimes the boring fix is the one that lasts.",
                          kind="behavioral", model=model, method="meaning")
    assert s.star["learning"].present
