"""Session 43, QA59 (issue #13, persona Mei-Ling; outputs in tests/data/spent_session43/qa59):
F6 a reply that names its check with the purpose first ("To check for leakage, I would compute
perceptual hashes … and look for near duplicates between train and test") answers "How would
you check that your test set is not leaking?"."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from voice_coach.store import Store
from tests.tools import save_practice

RUN = Path(__file__).parent / "data" / "spent_session43" / "qa59" / "run1"
HEARD = ("To check for leakage, I would compute perceptual hashes for embeddings for every image, "
         "and look for near duplicates between train and test. If more than a handful match, I "
         "redoohlessed my product.")


@pytest.mark.parametrize("reply,supplied", [
    (HEARD, True),
    ("I had to check with my manager first, and then we moved on to the next model.", False),
])
def test_f6_a_check_said_purpose_first_answers_the_test_follow_up(tmp_path, reply, supplied):
    first, _ = save_practice(Store(tmp_path / "recordings"), datetime(2026, 11, 20, 9),
                             "cv-data-prep-1", (RUN / "a5_tech_cvprep.txt").read_text(), reply,
                             "no_test")
    assert first.with_follow_up.supplied is supplied, first.with_follow_up


def test_f1_a_point_the_reply_made_is_not_still_unclear_in_the_feedback(tmp_path):
    from voice_coach.report import feedback_lines, structure_lines

    first, _ = save_practice(Store(tmp_path / "recordings"), datetime(2026, 11, 20, 9),
                             "lp-earn-trust-2", (RUN / "a2_trust_nonumbers.txt").read_text(),
                             "One thousand two hundred.", "no_result")
    point = "a measurable result, ideally with a before and after number"
    assert point in first.with_follow_up.points, first.with_follow_up
    assert any(point in ln and "✓ with the follow-up" in ln for ln in structure_lines(first))
    tips = [ln.message for ln in feedback_lines(first) if ln.area == "key_points"]
    assert not any(point in m for m in tips), tips
