"""Session 26 (issue #17, QA32 F1/F2) — the bank and brief keep money and scale as said:

- F1: a dollar named by its country ("1.2 million New Zealand dollars", "NZ dollars",
  "NZ$1.2 million", "Canadian dollars") is a known currency, shown with its sign ("NZ$1.2M"),
  never as an unsaid "[currency?]" nor as a plain "$".
- F2: a number said in words with a half before its scale ("two and a half million requests
  per day") or after it ("two million and a half") is the 2.5M it says, so scale keeps it.

The sentences are this test's own (a Canadian transit app), run through the real pipeline,
`Store` and CLI."""

from __future__ import annotations

import pytest

from tests.tools import main_stdout, one_story
from voice_coach.analysis.numbers import normalize_numbers, short_money


@pytest.mark.parametrize("said, shown", [
    ("1.2 million New Zealand dollars a year", "NZ$1.2M a year"),
    ("1.2 million NZ dollars", "NZ$1.2M"),
    ("NZ$1.2 million", "NZ$1.2M"),
    ("four hundred thousand New Zealand dollars a year", "NZ$400K a year"),
    ("3 million Canadian dollars", "C$3M"),
    ("two million Australian dollars", "A$2M"),
    ("5 million Hong Kong dollars", "HK$5M"),
    ("3 million US dollars", "$3M"),
    ("US$3 million", "$3M"),
])
def test_a_dollar_named_by_its_country_keeps_its_country(said, shown):
    assert short_money(normalize_numbers(said)) == shown


def test_a_country_before_dollars_said_with_no_amount_stays_a_phrase():
    said = "we paid in New Zealand dollars"
    assert normalize_numbers(said) == said


@pytest.mark.parametrize("said, shown", [
    ("two and a half million requests per day", "2.5M requests per day"),
    ("one and a half billion events", "1.5B events"),
    ("two million and a half requests", "2.5M requests"),
    ("a million and a half users", "1.5M users"),
    ("two and a half thousand riders", "2500 riders"),
    ("three point two million trips", "3.2M trips"),
    ("two and a half hours", "2.5 hours"),
])
def test_a_half_said_with_a_scale_word_counts_in_that_scale(said, shown):
    assert normalize_numbers(said) == shown


TRANSIT = ("At a transit app in Calgary I owned the arrival predictions. Riders missed buses "
           "because the predicted arrival was wrong. The share of late predictions was 22%. I "
           "replaced the schedule lookup with a model on live GPS pings. After the launch, the "
           "share of late predictions went from 22% to 9%. That saved 1.2 million Canadian "
           "dollars a year in refunds. The service handles two and a half million requests per "
           "day with a 150 millisecond SLA. I learned to measure what riders feel.")


def test_the_brief_shows_a_country_dollar_and_a_spoken_half_million(tmp_path, capsys):
    root, story = one_story(tmp_path, ("lp-customer-obsession-1", TRANSIT))
    brief = main_stdout(capsys, "brief", "--recordings", str(root))
    assert "C$1.2M a year" in brief and "[currency?]" not in brief, brief
    scale_line = next(line for line in brief.splitlines() if "**Scale and ship:**" in line)
    assert "2.5M requests per day" in scale_line, scale_line
