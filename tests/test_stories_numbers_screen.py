"""Session 21's screens (bench/stories_grouping_numbers_screen.py, docs/stories.md session 21):
a shared number counts as "said about the same thing" only with a content word beside it in
both tellings, its unit left out; the cohesion variant ignores the session rule's pairs and is
the shipped average linkage when off."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np

from voice_coach.analysis.story_similarity import feature_matrix, group_tellings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from stories_grouping_numbers_screen import (cohesive_groups, number_contexts,  # noqa: E402
                                             unmatched_numbers)


def test_a_shared_number_about_other_things_is_unmatched_and_about_the_same_thing_is_not():
    texts = ["The refund batch failed and about 3% of invoices were sent twice to the dentists.",
             "The churn model flagged roughly 3% of clinics as at risk before renewal.",
             "When the refund batch broke, 3% of invoices went out twice, mostly to dentists."]
    x, tokens = feature_matrix(texts)
    contexts = [number_contexts(t) for t in texts]
    assert {"invoic"} <= contexts[0]["n:3%"] and "invoic" not in contexts[1]["n:3%"]
    off = unmatched_numbers(x, tokens, contexts)
    assert off[0, 1] > 0 and off[1, 2] > 0  # "3 %" of invoices vs of clinics
    assert off[0, 2] == 0.0  # "3 %" of invoices in both tellings


def test_a_numbers_unit_is_not_what_it_is_about():
    # "20 minutes" in two unrelated stories share the unit only
    a = number_contexts("Our nightly export took 90 minutes before I split it into shards.")
    b = number_contexts("The pager escalated after 90 minutes because nobody acknowledged it.")
    tok = next(t for t in a if t.startswith("v:"))
    assert not a[tok] & b[tok]


def test_cohesion_screen_off_is_the_shipped_linkage_and_ignores_session_rule_pairs():
    rng = np.random.default_rng(21)
    for _ in range(10):
        m = rng.normal(-4.0, 3.0, (8, 8))
        s = (m + m.T) / 2
        assert cohesive_groups(s, -3.25, 2.0, math.inf) == group_tellings(
            s, min_similarity=-3.25, lone_margin=2.0)
    # one story told for two questions of one session (-20 between the two tellings): with
    # the rule on, the session pair does not count as lack of cohesion
    s = np.full((4, 4), 8.0)
    s[0, 1] = s[1, 0] = -20.0
    assert group_tellings(s, min_similarity=-3.25, cohesion_delta=8.0) == [0, 1, 0, 0]
    assert cohesive_groups(s, -3.25, 0.0, 8.0) == [0, 0, 0, 0]
