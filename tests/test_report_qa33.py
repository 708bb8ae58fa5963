"""QA33 (session 31) in the report's lines. F10: the "N quantified results" count is shown where
results are asked for — a story told as one real time, an introduction, a technical answer —
never on a coding answer nor a story told as what one would do ("1 quantified result" for "a
maximum of one hundred rounds"). F9: no follow-up over points only said unclearly says so."""

import pytest

from tests.follow_up_answers import main_answer
from voice_coach.report import structure_lines

CODING = ("I'd first ask how many points and dimensions we have. Then k means plus plus to pick "
          "the starting centres, assign every point to its nearest centre, move each centre to "
          "the mean, and stop when nothing changes or after a maximum of one hundred rounds.")
WOULD = ("If a launch slipped I would first talk to the team, then I would cut the scope to about "
         "five percent of traffic and usually we would ship that first.")
STORY = ("Our refund queue took nine days. Fixing it was my job. I rebuilt the routing and the "
         "queue fell from nine days to two days, which cut complaints by a third.")


@pytest.mark.parametrize("text, qid, shown", [
    (CODING, "code-kmeans-1", False),
    (WOULD, "lp-bias-for-action-1", False),
    (STORY, "lp-deliver-results-1", True),
])
def test_the_results_count_only_where_results_are_asked_for(text, qid, shown):
    report, _ = main_answer(text, qid)
    assert any("quantified result" in line for line in structure_lines(report)) is shown


def test_no_follow_up_over_points_only_unclear_says_so():
    """QA33 F9: with only points said but not clearly heard open, the reason for no follow-up
    is that, not "none of its follow-ups asks about what is still open"."""
    import dataclasses

    from voice_coach.report import no_follow_up_reason
    from voice_coach.report_model import KeyPoints

    report, _ = main_answer(CODING, "code-kmeans-1")
    kp = report.structure.key_points
    points = tuple(kp.covered + kp.missed + kp.unclear)
    only_unclear = dataclasses.replace(report, follow_up=None, follow_up_key=None, structure=(
        dataclasses.replace(report.structure, key_points=KeyPoints(
            covered=points[1:], missed=(), unclear=points[:1], closest=("",)))))
    why = no_follow_up_reason(only_unclear)
    assert why and "not clearly heard" in why and "none of its follow-ups" not in why, why
