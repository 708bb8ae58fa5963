"""The "N quantified results" count is shown where results are asked for: a story told as one
real time, an introduction, a technical answer — never a coding answer nor a story told as what
one would do (session 31, QA33 F10: "1 quantified result" for "a maximum of one hundred rounds")."""

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
