"""QA17 F14: a retry that only adds a deployment word ("canary", "in production", "shadow
mode") has no scale "said otherwise": such words are no scale evidence (`vocabulary.ship_only`),
so the scale row quotes figures only; a retry that keeps every figure and adds one is better."""

from __future__ import annotations

import dataclasses

import pytest

from voice_coach.compare import AttemptFacts, attempt_facts, compare_attempts
from voice_coach.config import Config
from voice_coach.pipeline import analyze_text
from voice_coach.questions import load_bank

Q = load_bank().get("lp-ownership-3")
STORY = ("Last spring our pricing model started to show wrong prices. It was my model, so it "
         "was my responsibility. In the first hour I rolled back to the previous version {ship}. "
         "Wrong prices fell from about nine percent to zero. I learned to add a null check "
         "to every feature.")


def facts(n, ship=""):
    r = analyze_text(STORY.format(ship=ship), cfg=Config(), question=Q)
    return attempt_facts(dataclasses.replace(r, n=n, attempt=n))


def scale_rows(before, after):
    cmp = compare_attempts(before, after)
    return [c for c in cmp.changed + cmp.gained + cmp.lost if c.group == "scale"]


@pytest.mark.parametrize("first, then", [
    ("in production", "with a canary in production"),
    ("", "in production"),
    ("in production", "in shadow mode and then in production"),
])
def test_a_deployment_word_added_is_no_scale_said_otherwise(first, then):
    rows = scale_rows(facts(1, ship=first), facts(2, ship=then))
    assert all(r.gained is not None for r in rows), rows


def test_a_figure_added_to_the_same_scale_is_better():
    before = AttemptFacts(1, {}, {"scale|scale evidence": "✓"},
                          values={"scale|scale evidence": "serves 2M users"})
    after = AttemptFacts(2, {}, {"scale|scale evidence": "✓"},
                         values={"scale|scale evidence": "serves 2M users, 4000 requests per second"})
    assert [c.gained for c in compare_attempts(before, after).changed] == [True]


def test_a_figure_said_otherwise_is_still_named():  # near case: unchanged
    before = AttemptFacts(1, {}, {"scale|scale evidence": "✓"},
                          values={"scale|scale evidence": "serves 2M users"})
    after = AttemptFacts(2, {}, {"scale|scale evidence": "✓"},
                         values={"scale|scale evidence": "serves 3M users"})
    assert [c.gained for c in compare_attempts(before, after).changed] == [None]
