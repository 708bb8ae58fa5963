"""Session 26: an answer to a question that asks for no story ("tell me about yourself", "why
Amazon", "your next role": `Question.story` false) tells a STAR-L part only where the
answer-level decision is sure of it (`structure.STORY_UNASKED_PROBA`); a career walk-through or
a motive reads like work told but is no specific past event. Texts written for this test."""

import pytest

from voice_coach import embedder
from voice_coach.analysis import structure
from voice_coach.analysis.structure import STAR_PARTS, analyze_structure

MOTIVE = ("Two reasons, I think. First the scale: at my company we handle maybe a million orders a "
          "day, and I built our delivery-time model and moved it to streaming features, but it is "
          "one country. Second, the way decisions are made, written documents and working "
          "backwards from the customer. In my team sometimes the loudest person decides. And this "
          "team forecasts delivery times, which is exactly what I did for five years, so I can "
          "help from day one.")
STORY = ("Last spring our delivery-time model started to underestimate late orders in the rain. "
         "My task was to find out why before the holiday peak. I pulled two weeks of rainy-day "
         "orders, found that the weather feature came in six hours late, and I rewired it to the "
         "live feed. Late orders went down from twelve percent to seven percent in a month. I "
         "learned to check the freshness of every feature before I blame the model.")


@pytest.fixture(scope="module")
def model():
    return embedder.load_meaning_model()


def _read(text, model, asked):
    return analyze_structure(text, kind="behavioral", model=model, method="meaning",
                             story_asked=asked)


@pytest.mark.slow
def test_a_motive_keeps_only_the_parts_the_decision_is_sure_of(model):
    asked, unasked = _read(MOTIVE, model, True), _read(MOTIVE, model, False)
    assert asked.star["learning"].present  # precondition: read as a lesson when a story is asked
    assert not unasked.star["learning"].present
    for p, proba in zip(STAR_PARTS, unasked.star_proba):
        assert not unasked.star[p].present or proba >= structure.STORY_UNASKED_PROBA
    assert sum(unasked.star_present.values()) < sum(asked.star_present.values())


@pytest.mark.slow
def test_a_story_told_to_such_a_question_is_still_read(model):
    asked, unasked = _read(STORY, model, True), _read(STORY, model, False)
    assert all(asked.star_present.values())
    assert unasked.star_present == asked.star_present


@pytest.mark.slow
def test_the_rules_and_a_technical_answer_are_read_alike(model):
    for method in ("rules",):
        assert analyze_structure(MOTIVE, kind="behavioral", method=method,
                                 story_asked=False).star_present == \
            analyze_structure(MOTIVE, kind="behavioral", method=method).star_present
    tech = analyze_structure(MOTIVE, kind="technical", model=model, method="meaning",
                             story_asked=False)
    assert tech.star_present == analyze_structure(MOTIVE, kind="technical", model=model,
                                                  method="meaning").star_present
