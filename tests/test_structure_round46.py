"""Rounds 46 (Bilal, Dhaka) and 49 (Minh, Ho Chi Minh City): STAR-L parts read in the words and
tenses these voices use."""
import pytest

from voice_coach.analysis.structure import (habit_told, label_clause, signposted_part,
                                            split_clauses)
from tests.tools import report_of

pytestmark = pytest.mark.slow  # the bundled sentence model labels the clauses


def _star(text: str, qid: str) -> dict[str, bool]:
    s = report_of(text, qid).structure
    return {p: v.present for p, v in s.star.items()}


def _words(text: str) -> list[str]:
    words = text.split()
    return [" ".join(words[a:b]) for a, b in split_clauses(words)]


def test_a_negation_stays_with_what_it_negates():
    """dha-04: "it was not | my job" split before "my job" lost the Task cue of the clause."""
    assert _words("So I personally took it, it was not my job, I am ML engineer, I am not ops.")[0] \
        == "So I personally took it, it was not my job, I am ML engineer, I am not ops."


def test_a_lesson_said_as_where_it_was_taken_from():
    """dha-04, dha-07, dha-18: "so from that I understood, …"."""
    assert label_clause("so from that i understood, average can lie very nicely.")["learning"] >= 2
    star = _star("The night shift reject rate was almost zero. What happened was the factory was "
                 "switching off the lights. We fixed the exposure to manual. So from that I "
                 "understood, if something is falling between two teams, somebody has to just "
                 "pick it up.", "lp-dive-deep-2")
    assert star["learning"], star


def test_a_story_told_in_the_present_is_no_hypothetical():
    """sgn-09: a real time told in the present tense ("then we do first internal test with real
    driver and it's bad") is a story, not what the speaker would do."""
    text = ("I was wrong about the language data for the driver assistant. At beginning I think, "
            "okay, the model is multilingual, we fine-tune on clean Vietnamese FAQ plus English, "
            "that's enough. I was quite confident, I even say in planning meeting we don't need "
            "to collect driver chat. Then we do first internal test with real driver and, ah, "
            "it's bad. Driver type without tone mark, they use slang, and they mix English word. "
            "Model understand maybe half. So I realise it from the test. What I change is we go "
            "collect real message from support chat, and we build training data from that. So "
            "lesson is, my intuition about user language is not data.")
    s = report_of(text, "lp-are-right-a-lot-2").structure
    assert not s.hypothetical and s.star["action"].present, s.star


def test_an_answer_told_as_a_habit_is_hypothetical():
    """sgn-13: "usually in my team, what I push is …", never once in the past."""
    text = ("Usually in my team, what I push is, um, nobody look only at one overall number. So "
            "when someone bring a new model to review, I ask for the metric split by slice. We "
            "have a template now. And for code review, I ask that every feature has a test. At "
            "first people complain it's slow. But I think after some time they see less incident "
            "so they accept it.")
    s = report_of(text, "lp-highest-standards-2").structure
    assert s.hypothetical and not any(v.present for v in s.star.values()), s.star
    assert habit_told(["usually i go one-on-one first", "then i make small promise"])
    assert not habit_told(["usually i go one-on-one first", "last year we had a backend guy"])
    assert not habit_told(["i was wrong about the data", "then we do first test"])


def test_the_background_named_with_a_comma_is_the_situation():
    """sgn-08: "so the background, at the logistics company, the team want …"."""
    assert signposted_part("so the background, at the logistics company, the team want to build "
                           "a solver") == "situation"
    assert signposted_part("the result, i think, was good") is None


def test_a_deadline_the_work_had_to_meet_is_the_task():
    """sgn-21: "the anti-abuse model must be ready two week before"."""
    assert label_clause("and the anti-abuse model must be ready 2 week before")["task"] >= 2
    assert label_clause("it had to be live before the sale")["task"] >= 2


def test_the_state_after_set_against_the_old_one_is_a_result():
    """sgn-06: "driver feedback after launch is much better than the old FAQ page"."""
    assert label_clause("driver feedback after launch is much better than the old faq page.")[
        "result"] >= 2
    assert label_clause("the new model is much better than random.")["result"] < 2
