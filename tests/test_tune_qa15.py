"""`tune` with more lenient silence thresholds adds no new flag (QA15 F09). The saved report is
the trial's think-aloud drill (tests/data/qa15/drill_answer-01.json, code-kmeans-1: silences of
12.5, 22.6 and 6.0 s, no 2–5 s pause). Under pause_s 3 / long_silence_s 9 the 6.0 s silence
becomes a long pause and a [pauses] line appears that names the same pauses: reworded."""

from __future__ import annotations

import json
from pathlib import Path

from voice_coach.cli.review import diff_reports
from voice_coach.config import Config
from voice_coach.pipeline import rescore
from voice_coach.questions import load_bank
from voice_coach.report_model import AnswerReport

DATA = Path(__file__).parent / "data" / "qa15"


def test_lenient_thresholds_add_no_new_pause_flag():
    report = AnswerReport.from_json(json.loads(
        (DATA / "drill_answer-01.json").read_text(encoding="utf-8")))
    q = load_bank().get("code-kmeans-1")
    before = rescore(report, Config(), q)
    lenient = Config().with_value("silence.long_silence_s", 9).with_value("silence.pause_s", 3)
    d = diff_reports(before, rescore(report, lenient, q))
    assert not d.appeared, d.appeared
    assert any(area == "pauses" and "the same pauses" in was for area, was, _ in d.changed)
    # a stricter threshold that makes a pause newly long is still a new flag
    strict = Config().with_value("silence.pause_s", 0.5)
    d2 = diff_reports(before, rescore(report, strict, q))
    assert any(area == "pauses" for area, _ in d2.appeared), d2
