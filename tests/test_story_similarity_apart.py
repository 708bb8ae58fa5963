"""Two answers of one interview to different questions are evidence that their groups tell
different stories (issue #17, session 26): two groups with such a pair between them merge only
when their other pairs say "same story" at even odds or better
(`GroupingOptions.apart_min_score`, `group_tellings`), never because the session rule's one low
score is averaged away among many middling ones (spent stories28 t08+t09: two events of one
no-show model and one manager, one telling of each in session 6)."""

from __future__ import annotations

import dataclasses
import math
import sys
from pathlib import Path

import pytest

from voice_coach.analysis.story_similarity import GroupingOptions, group_tellings, group_units

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from stories_grouping import TUNING_SETS, group, load_set, pairwise  # noqa: E402
from tests.tools import score_matrix  # noqa: E402

CUT = GroupingOptions().min_score
APART = GroupingOptions().same_session_score


def _two_groups(between: float) -> "np.ndarray":  # noqa: F821
    """Units 0, 1, 2 (one event, +3 each pair) and 3, 4, 5 (another, +4); 0 and 3 told in one
    interview for two questions; every other pair across at `between`."""
    pairs = {(a, b): 3.0 for a, b in ((0, 1), (0, 2), (1, 2))}
    pairs |= {(a, b): 4.0 for a, b in ((3, 4), (3, 5), (4, 5))}
    pairs |= {(a, b): between for a in range(3) for b in range(3, 6)}
    sim = score_matrix(6, pairs)
    sim[0, 3] = sim[3, 0] = APART
    return sim


def test_groups_split_by_one_interview_stay_apart_when_the_rest_is_unsure():
    sim = _two_groups(-0.3)
    before = dataclasses.replace(GroupingOptions(), apart_min_score=-math.inf)
    assert group_units(sim, before) == [0] * 6  # the −20 pair averaged away among 8 others
    assert group_units(sim) == [0, 0, 0, 1, 1, 1]


def test_one_story_told_twice_in_one_interview_still_joins():
    """Near case: the other pairs say "same story" clearly (+4): one story, told for two
    questions of one interview."""
    assert group_units(_two_groups(4.0)) == [0] * 6


def test_two_lone_tellings_of_one_interview_never_merge():
    sim = score_matrix(2, {})
    sim[0, 1] = sim[1, 0] = APART
    assert group_tellings(sim, min_similarity=-30.0, apart=sim <= APART,
                          apart_min_score=0.0) == [0, 1]


def test_the_spent_look_alike_events_stay_apart():
    data = load_set(ROOT / "tests" / "data" / "spent_session25" / "stories28")
    off = dataclasses.replace(GroupingOptions(), apart_min_score=-math.inf)
    p0, r0, *_ = pairwise(group(data, off), data.truth)
    p1, r1, *_ = pairwise(group(data, GroupingOptions()), data.truth)
    assert p1 > p0 and r1 == r0 == 1.0, (p0, p1, r1)


@pytest.mark.parametrize("name", [n for n, _ in TUNING_SETS])
def test_no_tuning_set_loses_a_same_story_pair(name):
    data = load_set(dict(TUNING_SETS)[name])
    off = dataclasses.replace(GroupingOptions(), apart_min_score=-math.inf)
    assert pairwise(group(data, GroupingOptions()), data.truth)[2] >= pairwise(
        group(data, off), data.truth)[2]
