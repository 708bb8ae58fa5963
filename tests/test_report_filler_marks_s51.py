"""Session 51 (QA103 F5, QA104 F3): every hesitation the report counts is marked in the transcript
it prints. A hesitation heard only acoustically took a "uh," Whisper wrote that Whisper's own
filler owned, so one of "uh, uh, …" was counted and never marked. The reports are the testers'
own (real espeak-ng speech through the real pipeline), read back from their JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from voice_coach.analysis.fillers import is_hesitation
from voice_coach.report import marked_transcript
from voice_coach.report_model import AnswerReport

RUNS = Path(__file__).parent / "data/spent_session51"


@pytest.mark.parametrize("path", ["qa103/run1/a9.analyze.json", "qa103/run1/a6clean.analyze.json",
                                  "qa104/run1/out/A8_analyze.json"])
def test_every_counted_hesitation_is_marked(path):
    report = AnswerReport.from_json(json.loads((RUNS / path).read_text()))
    counted = [f for f in report.delivery.fillers if is_hesitation(f.text.rstrip("?"))]
    marked = [t for t in marked_transcript(report) if t.kind == "filler" and is_hesitation(t.text)]
    assert len(marked) == len(counted), (counted, marked)
