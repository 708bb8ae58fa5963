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
