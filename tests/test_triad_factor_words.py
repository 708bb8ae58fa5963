"""Numbers said in words reach the report's triad (session 31, issue #13 item 1).

A change said as a multiple with no digits ("halved", "cut in half", "doubled", "a third fewer")
is the after the slot detector reads; the report's settled triad (`facts.settle_triad`) kept
only evidence with digits and dropped it with the business outcome beside it. A level reached
said as a fraction of the whole after a from-level ("from 1 in 5 … to almost half of them") is
the after of the pair. Every wording is written for its mechanism, not copied from a round."""

import re

import pytest

from voice_coach.analysis.numbers import change_pairs, normalize_numbers
from voice_coach.analysis.structure import SAID_AS_FACTOR
from voice_coach.config import Config
from voice_coach.pipeline import analyze_text
from voice_coach.questions import load_bank

CFG = Config()
STORY_Q = load_bank().get("lp-deliver-results-1")


def _triad(result: str):
    text = ("Our warehouse team kept running out of packing slots every Friday. Fixing that was "
            "my job. I built a demand forecast per shift and I wired it into the rota tool. "
            + result + " I learned to check the forecast with the shift leads first.")
    return analyze_text(text, cfg=CFG, question=STORY_Q).structure.metric_triad


@pytest.mark.parametrize("result", [
    "In the end the overtime bill was roughly halved, which the finance team loved.",
    "The overtime spend got cut in half within a quarter.",
    "After that the customer complaints about late parcels were a third fewer.",
    "Same-day orders we could accept doubled, and that was new revenue for the sellers.",
])
def test_a_multiple_said_in_words_is_the_after_with_its_outcome(result):
    tri = _triad(result)
    assert tri.after and tri.business_outcome, tri


@pytest.mark.parametrize("result", [
    "It was a good result and the team was happy.",
    "Half of the team moved to the new rota tool.",
])
def test_no_multiple_no_after(result):
    assert not _triad(result).after


@pytest.mark.parametrize("said, factor", [
    ("the bill was roughly halved", True), ("got cut in half", True), ("it doubled", True),
    ("returns were a third fewer", True), ("so it became half", True),
    ("half of the team", False), ("it went down", False), ("less than half", False),
])
def test_a_multiple_said_in_words(said, factor):
    assert any(re.search(p, said) for p in SAID_AS_FACTOR) is factor


@pytest.mark.parametrize("said, written, pair", [
    ("take-up went from one shop in five to almost half of them",
     "take-up went from 1 in 5 shop to almost 50% of them", "1 in 5 to almost 50%"),
    ("went from ten percent to about a third of the stores",
     "went from 10% to about 33% of the stores", "10% to about 33%"),
])
def test_a_level_reached_said_as_a_fraction_of_the_whole(said, written, pair):
    normal = normalize_numbers(said)
    assert normal == written
    assert [p.text for p in change_pairs([normal.lower()])] == [pair]


@pytest.mark.parametrize("said", [
    "we talked to half of the team",  # no change from a level
    "the parcels went to half of the stores",  # no from-level said before it
])
def test_a_fraction_of_the_whole_without_a_change_stays_words(said):
    assert normalize_numbers(said) == said
