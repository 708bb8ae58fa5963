"""QA12 F17: in a quiet recording (the report's own "Your speech is quiet" line) a verdict that
rests on one or two words — no Leadership Principle named — is hedged as not heard, never stated
as fact. The trial's saved answer S2 (espeak-ng at `vol 0.08`, -44 dBFS: "I think this is Dive
Deep." heard as "I think this is time to eat."), re-scored as `tune` does."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from voice_coach.config import Config
from voice_coach.report_model import AnswerReport

DATA = Path(__file__).parent / "data" / "qa12"


@pytest.fixture(scope="module")
def quiet_report():
    return AnswerReport.from_json(json.loads(
        (DATA / "s2_quiet_answer-01.json").read_text(encoding="utf-8")))


def _principle_line(report: AnswerReport) -> str:
    from voice_coach.pipeline import rescore
    from voice_coach.questions import load_bank

    new = rescore(report, Config(), load_bank().get("lp-dive-deep-1"))
    return next(f.message for f in new.feedback if f.area == "principles")


def test_quiet_recording_principle_not_heard_is_hedged(quiet_report):
    assert quiet_report.prosody.energy.too_quiet
    line = _principle_line(quiet_report)
    assert "No Leadership Principle named" not in line, line
    assert "not heard" in line and "check the transcript" in line, line


def test_the_same_words_at_a_normal_level_are_stated(quiet_report):
    """Control: the hedge follows the level, not the answer."""
    p = quiet_report.prosody
    t = p.energy.timeline  # the level `tune` re-reads, 24 dB up (-44 → -20 dBFS)
    louder = dataclasses.replace(t, dbfs=tuple(None if v is None else v + 24.0 for v in t.dbfs))
    loud = dataclasses.replace(quiet_report, prosody=dataclasses.replace(
        p, energy=dataclasses.replace(p.energy, too_quiet=False, speech_dbfs=-20.0,
                                      timeline=louder)))
    line = _principle_line(loud)
    assert line.startswith("No Leadership Principle named"), line
