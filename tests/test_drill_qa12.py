"""QA12 F13: the drill's feedback never says one fact both heard and not heard, and never points
at pauses "named above" that are named nowhere above — on the trial's saved drill answer
(S5, code-kmeans-1: "To test, I will use two clear blobs, and check that the centroids are near
the blob centers", five 7.6 s silences the interviewer prompted), re-scored as `tune` does."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

from voice_coach.analysis.vocabulary import MARKER_LABELS
from voice_coach.config import Config
from voice_coach.report_model import AnswerReport

DATA = Path(__file__).parent / "data" / "qa12"
_SMALL = frozenset("the a an or and of in to before through".split())


def _stems(label: str) -> set[str]:
    return {w[:4] for w in re.findall(r"[a-z]+", label.lower()) if w not in _SMALL and len(w) > 3}


def test_no_two_marker_labels_share_a_word():
    """"Not heard: an example or test case" beside "Heard: checking / testing the solution"."""
    for (a, la), (b, lb) in itertools.combinations(MARKER_LABELS.items(), 2):
        assert not _stems(la) & _stems(lb), (a, la, b, lb)


def test_drill_feedback_names_no_pause_above_that_is_not_there():
    from voice_coach.pipeline import rescore
    from voice_coach.questions import load_bank

    report = AnswerReport.from_json(json.loads(
        (DATA / "s5_drill_answer-01.json").read_text(encoding="utf-8")))
    new = rescore(report, Config(), load_bank().get("code-kmeans-1"))
    lines = [f.message for f in new.feedback]
    pace = next(m for m in lines if m.startswith("Pace "))
    assert "above" not in pace, pace
    assert "counts" in pace and "named in this report" in pace, pace
    heard = next(m for m in lines if m.startswith("Heard: "))
    not_heard = next(m for m in lines if m.startswith("Not heard: "))
    said, unsaid = heard.removeprefix("Heard: "), not_heard.removeprefix("Not heard: ")
    assert not _stems(said) & _stems(unsaid.split(" — ")[0]), (heard, not_heard)
