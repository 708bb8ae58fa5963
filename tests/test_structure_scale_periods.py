"""A volume is scale with any period word: "every night", "daily", "nightly" and a word before the
thing counted ("2M demand forecasts every night": QA24 F3, session 21). Spans of time, money and
small counts stay out."""

from __future__ import annotations

import pytest

from voice_coach.analysis.numbers import normalize_numbers
from voice_coach.analysis.structure import detect_scale, per_day


def scale(text: str) -> list[str]:
    return detect_scale(normalize_numbers(text.lower()))


@pytest.mark.parametrize("text, span", [
    ("The model makes about two million demand forecasts every night for the shops.",
     "2M demand forecasts every night"),
    ("Our service checks roughly 3 million card payments daily.", "3M card payments daily"),
    ("We render about 50000 product thumbnails nightly.", "50000 product thumbnails nightly"),
    ("The router plans 900000 parcel routes every morning.", "900000 parcel routes every morning"),
])
def test_a_volume_said_with_any_period_word_is_scale(text, span):
    assert span in scale(text)


@pytest.mark.parametrize("text", [
    "We saved three hundred million yen every year.",      # money
    "I was on call twelve hours every night that month.",  # time
    "We retrain three models nightly.",                    # too few to be scale
    "About 1200 drivers get a plan every morning.",        # 1200 a day is no scale
    "The night shift handled the backlog.",                # no number
])
def test_time_money_and_small_counts_stay_out(text):
    assert scale(text) == []


def test_the_period_words_give_the_daily_rate():
    assert per_day("2M forecasts every night") == 1.0
    assert per_day("2M payments daily") == 1.0
    assert per_day("90000 emails weekly") == pytest.approx(1 / 7)
    assert per_day("4000 requests per second") == 86_400.0
