"""QA28 F4 (issue #17) in `analysis.numbers`: a decimal comma Whisper wrote with a space before
it ("3 ,5 million") is the decimal it was said as; after a loss or saving verb, an amount, one
word that names no currency and a bare plural period ("karat years", Whisper's "kroner a year")
is money whose currency was not heard. Own wordings."""

from __future__ import annotations

from voice_coach.analysis.numbers import UNSAID_CURRENCY, currency_word_after, normalize_numbers


def test_a_spaced_decimal_comma_before_a_scale_word_is_a_decimal():
    assert "2.5M" in normalize_numbers("we stop losing about 2 ,5 million corona years")
    assert "12.5%" in normalize_numbers("it fell to 12 ,5 percent")


def test_a_spaced_comma_between_counts_stays_a_list():
    """Near case: "3 ,5 and 7 teams" is no decimal."""
    assert "3.5" not in normalize_numbers("we had 3 ,5 and 7 teams")


def test_a_misheard_currency_before_a_plural_period_is_money():
    text = normalize_numbers("we stop losing about 2.5 million corona years")
    end = text.index("2.5M") + len("2.5M")
    assert currency_word_after(text, end) == UNSAID_CURRENCY


def test_years_of_something_is_no_period():
    """Near case: "2M patient years of data" says how much data, no money."""
    text = normalize_numbers("we saved 2 million patient years of data")
    end = text.index("2M") + len("2M")
    assert currency_word_after(text, end) != UNSAID_CURRENCY
