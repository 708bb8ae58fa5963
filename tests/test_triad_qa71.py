"""QA71 F4: money said right after an outcome told in words is that outcome's amount."""
import pytest

from tests.tools import triad_of

pytestmark = pytest.mark.slow  # the bundled sentence model labels the clauses

STORY = ("I retrained the model. The miss rate dropped from 14% to 3%. And for the business, we "
         "avoided a batch recall. Let's say about 400 million forints, that's a million euros.")


def test_money_after_an_avoided_loss_told_in_words_is_the_outcome():
    tri = triad_of(STORY, "lp-dive-deep-2")
    assert tri.business_outcome, tri
    assert any(role == "outcome" and ("€1M" in words or "400M" in words)
               for role, words in tri.slots), tri.slots


def test_a_cost_said_after_the_result_is_still_no_outcome():
    tri = triad_of("I retrained the model. The miss rate dropped from 14% to 3%. The model cost "
                   "about 5000 euros to train.", "lp-dive-deep-2")
    assert not tri.business_outcome, tri


def test_a_span_of_time_given_back_said_with_a_is_one():
    """F9: "it saved the planners, like, a full day per week" was "said in words, no number"."""
    from voice_coach.analysis.numbers import normalize_numbers

    assert "1 full day per week" in normalize_numbers("it saved the planners, like, a full day "
                                                      "per week")
    assert normalize_numbers("we saved a lot of time") == "we saved a lot of time"
    tri = triad_of("I built the tool. It saved the planners, like, a full day per week.",
                   "lp-ownership-1")
    assert ("outcome", "1 full day per week") in tri.slots, tri.slots
