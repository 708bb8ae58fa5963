"""Session 17's look-alike screens (bench/, docs/stories.md session 17): the cohesion rule off is
the shipped grouping, and a disagreement column fires only on two units that each say specific
names and share none."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from voice_coach.analysis.story_similarity import feature_matrix, group_tellings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from stories_grouping_event_screen import contrasts  # noqa: E402


def test_cohesion_off_is_the_shipped_average_linkage_and_on_refuses_a_weak_join():
    rng = np.random.default_rng(17)
    for _ in range(20):
        m = rng.normal(-4.0, 3.0, (9, 9))
        s = (m + m.T) / 2
        # a rule too loose to bind groups as the shipped linkage does
        assert group_tellings(s, min_similarity=-3.25, lone_margin=2.0,
                              cohesion_delta=1e9) == group_tellings(
            s, min_similarity=-3.25, lone_margin=2.0)
    # two tight pairs (log-odds +6 inside) joined at a mean of -2: merged by the cut alone,
    # kept apart when a join must be within 5 of the weaker group's own cohesion
    s = np.full((4, 4), -2.0)
    s[0, 1] = s[1, 0] = s[2, 3] = s[3, 2] = 6.0
    assert len(set(group_tellings(s, min_similarity=-3.25))) == 1
    assert group_tellings(s, min_similarity=-3.25, cohesion_delta=5.0) == [0, 0, 1, 1]


def test_names_disjoint_needs_a_specific_name_on_both_sides_and_none_shared():
    texts = ["I mentored Akinyi on the crop app and she got an offer.",
             "We shortlisted interns from Maseno and Kisii with a take-home task.",
             "Akinyi shipped the photo quality check for the crop app.",
             "I rebuilt the loan scoring model for the harvest push."]
    x, tokens = feature_matrix(texts)
    fam = np.array([t[0] for t in tokens])
    out = contrasts(x, tokens, fam, (x > 0).sum(axis=0))
    dis = out["names_dis"]
    assert dis[0, 1] == 1.0  # Akinyi against Maseno / Kisii
    assert dis[0, 2] == 0.0  # both say Akinyi
    assert dis[0, 3] == 0.0  # the loan story names nobody
