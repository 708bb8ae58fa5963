"""QA12 F05–F07: one "not an answer to this question" verdict, shown the same everywhere — the
report's line names the points it means (never "none covered" beside a covered list, with
nothing to tell them apart), the story bank's content score is the report's capped one, and the
plan never schedules the story's retelling for the question it was judged not to answer.
Real pipeline (`analyze_text`), real `Store`/SQLite, the real `stories` and `plan` CLIs; the
answer is the trial's (S3, story2.txt) as the transcriber heard it."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from voice_coach.analysis.point_facts import own_key_points
from voice_coach.coach import OFF_TOPIC_CONTENT_MAX
from voice_coach.questions import load_bank
from voice_coach.store import Store
from tests.test_stories_followed_up import _save
from tests.tools import main_stdout

QID = "lp-ownership-1"
HEARD = ("I want to talk about the re-ranker for recommendations. I was the owner of the "
         "re-ranking model in 2024. The problem was the home page recommendations showed the same "
         "items again and again. My responsibility was the re-ranker. I proposed that I first did "
         "it to them in the re-ranker. loss. Nobody asked me, but I did the offline study on my "
         "own time, and I convinced my manager with the numbers. But, um, before my change, it "
         "was, um, 11%. 11% of home page sessions had a purchase. We reached 12.5. This was "
         "shipped to all users, about 3 million sessions per day. Ownership, I think. I learned "
         "that I should write the pre-ranker. My proposal earlier.")


@pytest.fixture(scope="module")
def recordings(tmp_path_factory):
    root = tmp_path_factory.mktemp("qa12-off-topic") / "recordings"
    first, _ = _save(Store(root), datetime(2026, 11, 30, 22, 17), QID, HEARD)
    return root, first


def test_the_verdict_names_its_points_and_agrees_with_the_covered_list(recordings):
    """F05: "none of this question's own key points is covered" beside five covered points."""
    _, report = recordings
    [line] = [f.message for f in report.feedback if f.area == "relevance"]
    assert line.startswith("Not an answer to this question"), line
    own = own_key_points(load_bank().get(QID).key_points)
    covered = report.structure.key_points.covered
    assert covered and not set(own) & set(covered)
    for point in own:  # the points the verdict is about are named …
        assert point in line, (point, line)
    assert "parts every story has" in line  # … and the covered ones said to be the others
    assert "none of this question's own key points" not in line


def test_the_bank_shows_the_reports_capped_content_score(recordings, capsys):
    """F06: the report said content 40 (capped), the bank "key points 62 + impact 70 = 65"."""
    root, report = recordings
    assert report.scores.content <= OFF_TOPIC_CONTENT_MAX
    out = " ".join(main_stdout(capsys, "stories", "--recordings", str(root), "--show", "1")
                   .split())
    assert f"capped at {OFF_TOPIC_CONTENT_MAX}" in out, out
    assert "not an answer to the question it was told for" in out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_plan_never_retells_the_story_for_the_question_it_did_not_answer(recordings, capsys,
                                                                              seed):
    """F07: the plan scheduled "lp-ownership-1 — retell story 2 … (first told for
    lp-ownership-1)" right after the report said it was not an answer to it."""
    root, _ = recordings
    today = datetime.now().date().isoformat()
    main_stdout(capsys, "plan", "--recordings", str(root), "--days", "5", "--start", today,
                "--seed", str(seed))
    data = json.loads((root / "plan.json").read_text())
    retold = [q for d in data["days"] for q in d["questions"] if q.get("story")]
    assert retold  # the story is still planned for practice …
    assert all(q["question_id"] != QID for q in retold), retold  # … never for that question


def test_a_principle_looked_for_in_a_quiet_recording_is_not_heard_not_unnamed(tmp_path, capsys):
    """F17: the quiet S2 answer ("I think this is Dive Deep." heard as "… time to eat."): the
    bank said "not named with a result — say "Dive Deep" aloud" as fact."""
    from pathlib import Path

    from voice_coach.report_model import AnswerReport

    data = Path(__file__).parent / "data" / "qa12" / "s2_quiet_answer-01.json"
    report = AnswerReport.from_json(json.loads(data.read_text(encoding="utf-8")))
    root = tmp_path / "recordings"
    session = Store(root).new_session("practice", "practice", {},
                                      now=datetime(2026, 11, 30, 22, 14))
    session.save_answer(1, report)
    session.finish()
    out = " ".join(main_stdout(capsys, "stories", "--recordings", str(root)).split())
    line = out[out.index("Only a weak story for Dive Deep"):]
    line = line[:line.index(" — say")]
    assert "not named with a result" not in line, line
    assert "quiet recording" in line and "check its transcript" in line, line
