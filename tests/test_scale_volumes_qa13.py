"""QA13 F06: a volume said as a count per period is scale whatever the thing counted is called.

"Handling about 40,000 complaints a month" was not scale because "complaints" was not in the
list of volume nouns; the brief then told the candidate to go and practise scale. A count of
any plural noun per second/minute/hour/day/week/month/year is a volume (judged by its size, as
before); time spans, money, points and repetitions ("40 hours a week", "500 pounds a month",
"3 times a day") are not things handled. Real CLI (`analyze FILE.txt --json`) on QA13's text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from voice_coach.analysis.numbers import normalize_numbers
from voice_coach.analysis.structure import detect_scale
from voice_coach.cli import main

QA13 = Path(__file__).parent / "data" / "qa13"  # the trial's own texts
RETAKE_TEXT = (QA13 / "lp_ownership_retake.txt").read_text().strip()


def test_qa13_volume_of_complaints_is_scale(tmp_path, capsys):
    path = tmp_path / "retake.txt"
    path.write_text(RETAKE_TEXT)
    assert main(["analyze", str(path), "--question", "lp-ownership-1", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["structure"]["scale_evidence"] == ["40000 complaints a month"]


@pytest.mark.parametrize("said, shown", [
    ("we processed about twenty five thousand applications a week", "25000 applications a week"),
    ("the service sent 12000 shipments per day", "12000 shipments per day"),
    ("it screens two hundred thousand payments every month", "200000 payments every month"),
])
def test_count_per_period_of_any_noun_is_scale(said, shown):
    assert detect_scale(normalize_numbers(said)) == [shown]


@pytest.mark.parametrize("said", [
    "i worked 40 hours a week on it", "it cost 500 pounds a month", "we met 3 times a day",
    "we gained 2 points a month", "about 3000 complaints a month",  # a small volume stays small
])
def test_spans_that_are_not_volumes_are_not_scale(said):
    assert detect_scale(normalize_numbers(said)) == []
