"""QA14 (trial 14): numbers the report reads from Whisper's transcripts of the trial's answers.

Data: real Whisper transcripts of espeak-ng recordings (tests/data/qa14/sessions/*/answer-*.json,
the texts spoken in tests/data/qa14/*.txt), analysed by the real pipeline.
- F02: a spoken compound Whisper split at its "and" ("a hundred and twenty k" → "100 and 20k")
  is read whole (120000), never the part after "and" (20000, 6× under);
- F03: a duration longer than any work could save ("1.5 million years", Whisper's "1.5 mil a
  year") is no span of time: the outcome is shown as an amount whose currency was not heard;
- F11: a bare deployment word ("canary", "shadow deployment") is shown as shipping, never as
  the scale.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from voice_coach.analysis.numbers import implausible_duration, normalize_numbers
from voice_coach.report import structure_lines
from tests.tools import report_of

SESSIONS = Path(__file__).parent / "data" / "qa14" / "sessions"


def _heard(session: str, n: int) -> str:
    """The transcript Whisper wrote for answer `n` of a trial session."""
    data = json.loads((SESSIONS / session / f"answer-{n:02d}.json").read_text())
    return data["transcript"]["text"]


def _analyse(text: str, qid: str):
    return report_of(text, qid)


@pytest.mark.parametrize(("said", "read"), [
    ("The service handle 100 and 20k requests a second", "120000 requests a second"),
    ("100 and 20 thousand requests", "120000 requests"),
    ("we had 300 and 50 of them left", "350 of them"),
    ("about 100 and 20 milliseconds", "120 milliseconds"),
    ("between 100 and 20 users", "between 100 and 20 users"),  # a range stays two numbers
    ("a hundred and twenty k requests a second", "120000 requests a second"),
])
def test_a_compound_split_at_and_is_read_whole(said, read):
    assert read in normalize_numbers(said)


def test_scale_quotes_the_whole_compound():
    why = _analyse(_heard("2026-12-01_0442_intro-why-amazon-1", 1), "intro-why-amazon-1")
    assert "120000 requests a second" in why.structure.scale_evidence, why.structure
    assert not any(s.startswith("20000") for s in why.structure.scale_evidence)


@pytest.mark.parametrize(("span", "implausible"), [
    ("1.5M years", True), ("2000 years", True), ("2M hours", False), ("3 years", False),
    ("200 hours a month", False), ("40000 requests", False)])
def test_a_duration_no_work_could_save_is_implausible(span, implausible):
    assert (implausible_duration(span) is not None) is implausible


def test_million_years_outcome_is_shown_as_money_with_its_currency_unheard():
    report = _analyse(_heard("2026-12-01_0425_lp-dive-deep-2", 2), "lp-dive-deep-2")
    triad = report.structure.metric_triad
    assert triad.business_outcome
    assert "1.5M [currency?]" in triad.evidence, triad
    assert not any("years" in e for e in triad.evidence), triad


def test_a_deployment_word_is_shipping_not_scale():
    report = _analyse(_heard("2026-12-01_0435_lp-ownership-1", 1), "lp-ownership-1")
    text = " ".join(" ".join(structure_lines(report)).split())
    assert "shipped: canary" in text
    assert "scale: canary" not in text
    dive = _analyse(_heard("2026-12-01_0425_lp-dive-deep-2", 1), "lp-dive-deep-2")
    text = " ".join(" ".join(structure_lines(dive)).split())
    assert "scale: 120K requests a second · shipped: shadow deployment" in text, text


def test_unheard_money_is_the_outcome_its_report_names():
    # F18: "merchants lost him out 60k your amount less in sales" (said: "sixty k euro a month
    # less in sales"): the outcome ✓ names that amount, never only the before/after
    report = _analyse(_heard("2026-12-01_0437_lp-deliver-results-1", 1), "lp-deliver-results-1")
    triad = report.structure.metric_triad
    assert triad.business_outcome and "60K [currency?]" in triad.evidence, triad
    assert not any("300" in e and "25" not in e for e in triad.evidence), triad


@pytest.mark.parametrize(("reply", "shown"), [
    (None, "40K [currency?] your amount's in lost sales"),  # the trial's reply (F12)
    ("We kept 5000 merchants from lost sales.", "We kept 5000 merchants from lost sales"),
])
def test_a_follow_ups_money_evidence_is_readable(reply, shown):
    from voice_coach.analysis.reply_fit import evidence_said
    text = reply or _heard("2026-12-01_0435_lp-ownership-1", 2)
    number = "40000" if reply is None else "5000"
    assert evidence_said((number,), text) == (shown,)
