"""QA71 F8: a plan announced before it is followed is a signpost, and two costs weighed in one
sentence are a trade-off."""
import pytest

from voice_coach.analysis.structure import detect_signposts, detect_tradeoffs


@pytest.mark.parametrize("text", [
    "okay, let me restate it: i get two lists and return precision.",
    "my plan is to loop once and count three things.",
    "here's my approach: a hash map from value to index.",
])
def test_an_announced_plan_is_a_signpost(text):
    assert detect_signposts(text) >= 1


@pytest.mark.parametrize("text", ["the plan was approved by my manager.",
                                  "we planned the release for monday."])
def test_a_plan_told_as_an_event_is_none(text):
    assert detect_signposts(text) == 0


def test_two_costs_weighed_are_a_trade_off():
    assert detect_tradeoffs("a missed fraud costs the bank the whole amount, and a blocked good "
                            "customer costs a phone call and some annoyance.")
    assert not detect_tradeoffs("the project costs money and we shipped it on time.")
