"""QA13 F07: a score that dropped on a retry is explained only by the items that feed THAT score.

The retry comparison listed key points under the STRUCTURE score (a story's structure is its
STAR-L parts only) and "Leadership Principle named" under the CONTENT score of a story whose
question has key points (naming a principle is a tip there, not points). Which items feed which
score now follows how the report was scored: a story (STAR → structure; key points and the triad,
or without key points the triad, the principle and the learning → content), an introduction
(its key points are both scores), an explanation (key points → content; its shape, which is
not an item, → structure).
"""

from __future__ import annotations

from pathlib import Path

from voice_coach.compare import attempt_facts, compare_attempts
from voice_coach.report import comparison_rows
from tests.tools import report_of

QID = "lp-ownership-1"
QA13 = Path(__file__).parent / "data" / "qa13"  # the trial's own texts
RETAKE = (QA13 / "lp_ownership_retake.txt").read_text().strip()  # QA13's attempt 1
REPLY = "Before, it was roughly 18 percent misrouted. That's my answer."  # QA13's fu_baseline


def _attempt(text: str, n: int, qid: str | None = QID):
    return report_of(text, qid, attempt=n, n=n, follow_up_of=None)


def _because(cmp, label: str) -> set[str]:
    return set(next(m for m in cmp.metrics if m.label == label).because)


def test_qa13_story_drop_is_attributed_per_score():
    cmp = compare_attempts(attempt_facts(_attempt(RETAKE, 1)), attempt_facts(_attempt(REPLY, 2)))
    lost = {c.name: c.group for c in cmp.lost}
    structure, content = _because(cmp, "structure score"), _because(cmp, "content score")
    assert structure and {lost[n] for n in structure} == {"STAR"}, structure
    assert content and {lost[n] for n in content} <= {"key point", "triad"}, content
    assert "Leadership Principle named" not in content  # a tip for a question with key points
    overall = _because(cmp, "overall score")
    assert overall == structure | content
    row = next(r for r in comparison_rows(cmp) if r[0] == "structure score")
    assert "Task" in row[3] and "what you learned" not in row[3], row


def test_a_story_without_key_points_loses_content_to_its_principle_and_learning():
    first, second = _attempt(RETAKE, 1, None), _attempt(REPLY, 2, None)  # no key points
    assert first.kind == "behavioral" and not first.structure.key_points.missed
    cmp = compare_attempts(attempt_facts(first), attempt_facts(second))
    content = _because(cmp, "content score")
    assert "Leadership Principle named" in content and "Learning" in content
    assert "Situation" not in content
