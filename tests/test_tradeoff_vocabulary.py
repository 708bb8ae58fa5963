"""QA7 F04: a trade-off said with a verb ("you trade a bit of bias for a lot less variance") is a
trade-off for every reader of the one shared vocabulary (`vocabulary.TRADEOFF_SAID`): the
structure cue, the coach's technical shape (no "Name the trade-off"), and the drill's
think-aloud marker. Phrasings beyond the tester's sentence; negatives that only share the word."""

from __future__ import annotations

import pytest

from voice_coach import pipeline
from voice_coach.analysis.structure import detect_tradeoffs
from voice_coach.analysis.think_aloud import find_markers, marker_tokens
from voice_coach.config import Config
from voice_coach.questions import load_bank

SAID = [
    "With regularisation you trade a bit of bias for a lot less variance.",
    "We traded some recall for a much lower latency on the phone.",
    "I'd be trading memory for speed here, which is fine for ten million items.",
    "A smaller model trades accuracy against serving cost.",
    "We are sacrificing a little precision to catch more fraud.",
    "Dropout helps, at the price of slower training.",
    "In exchange for the extra labels we got a cleaner validation set.",
    "We gave up two points of recall to get the latency budget.",
    # what the choice cost, said as what it meant or accepted (QA46: "trade-offs ✗")
    "I had to convince my manager because it meant delaying the new features by a month.",
    "We accepted a slightly lower recall so the alerts stayed readable.",
    # two errors weighed by their costs (QA47 F9)
    "I would put a cost on a missed fraud and a cost on a blocked customer.",
    "Pick the threshold that minimises expected cost.",
    "Keep the transformer only if it beats the baseline by enough to pay for the compute.",
    "The bigger model was not worth the extra latency for us.",
]
NOT_SAID = [
    "We met the advertisers at a trade show for retail media.",
    "The trade desk for programmatic ads sends us the bids.",
    "Overfitting is when the model learns the noise in the training data.",
    "We trade on the exchange every day.",
    "Winning that customer meant a lot to the whole team.",
    "We took the night train to the data centre.",
    "The cost of the project was about two hundred thousand.",
    "It was not working because the data was stale.",
    "We had enough to pay for the team lunch.",
]


@pytest.mark.parametrize("text", SAID)
def test_a_trade_off_said_with_a_verb_is_a_trade_off_everywhere(text):
    assert detect_tradeoffs(text.lower()), text  # the structure stage reads lower case
    tokens = [t for w in text.split() for t in marker_tokens(w)]
    assert find_markers(tokens)["tradeoffs"].present, text


@pytest.mark.parametrize("text", NOT_SAID)
def test_the_word_trade_alone_is_not_a_trade_off(text):
    assert not detect_tradeoffs(text.lower()), text
    tokens = [t for w in text.split() for t in marker_tokens(w)]
    assert not find_markers(tokens)["tradeoffs"].present, text


def test_the_coach_does_not_ask_for_a_trade_off_it_heard():
    """The tester's r3.txt: the coach read "trade-offs ✗" and said "Name the trade-off"."""
    text = ("Overfitting is when the model learns the noise in the training data, so training "
            "error is low but validation error is high. In ads ranking we saw this with user ID "
            "features: the model memorised heavy users. With regularisation you trade a bit of "
            "bias for a lot less variance.")
    report = pipeline.analyze_text(text, cfg=Config(), question=load_bank().get("ml-overfitting-1"))
    assert report.structure.tradeoffs is True
    assert not [f for f in report.feedback if "trade-off" in f.message.lower()
                and f.severity != "good"], [f.message for f in report.feedback]


def test_a_plan_said_with_would_ships_nothing():
    """QA47 F9: "I would … monitor the alert rate in production" is a plan, no scale evidence;
    said as done, it is."""
    from voice_coach.analysis.structure import analyze_structure

    plan = analyze_structure("I would validate on a time based split and monitor the alert rate "
                             "in production.", kind="technical")
    done = analyze_structure("We validated on a time based split and it has run in production "
                             "since March.", kind="technical")
    assert plan.scale_evidence == () and "in production" in done.scale_evidence
