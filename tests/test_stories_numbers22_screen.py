"""Session 22's screen (bench/stories_grouping_numbers22_screen.py, docs/stories.md session 22):
a value two tellings share counts as evidence of one story only when it is said about the same
thing (a content word beside it in both, its unit left out)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from stories_grouping_numbers22_screen import same_values  # noqa: E402

# one payments team, two different stories that both say "12%", and a retelling of the first
TEAM = [
    "In the payments team I rewrote the retry scheduler, and chargebacks from duplicate "
    "captures fell by 12% in the first month.",
    "Same payments team, other project: I cleaned up the merchant onboarding form and 12% more "
    "shops finished signing up on day one.",
    "The duplicate-capture fix: my new retry scheduler cut those duplicate captures by 12%, "
    "which finance noticed before we did.",
]


def test_a_number_said_of_different_things_is_no_evidence_of_one_story():
    s = same_values(TEAM)
    assert s[0, 1] == 0.0 and s[1, 2] == 0.0  # chargebacks vs shops signing up


def test_a_retelling_whose_number_is_said_of_the_same_thing_counts_it():
    s = same_values(TEAM)
    assert s[0, 2] > 0.0  # chargebacks ... 12% in both tellings


def test_a_shared_unit_is_not_the_same_thing():
    # near case: "45 minutes" in two stories, with only the unit in common beside it
    s = same_values(["Every deploy of the billing service took 45 minutes until I cached "
                     "the docker layers.",
                     "Our on-call rotation missed a page for 45 minutes because the escalation "
                     "policy pointed at a deleted user."])
    assert s[0, 1] == 0.0
