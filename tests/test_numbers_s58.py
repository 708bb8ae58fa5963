"""Session 58: spoken compounds Whisper wrote with the currency sign on their second part."""

from __future__ import annotations

import pytest

from voice_coach.analysis.numbers import join_split_digits
from voice_coach.config import Config
from voice_coach.pipeline import analyze_text
from voice_coach.questions import load_bank


@pytest.mark.parametrize("heard, said", [
    # QA150 F2: "one hundred and twenty thousand dollars"
    ("so about $100 and $20,000.", "so about $120000."),
    # QA147 F2: "two hundred and ten thousand dollars"
    ("roughly 200 and $10,000 a year", "roughly $210000 a year"),
    ("300 and 80,000 users", "380000 users"),  # QA38 F1, no sign at all
    ("between 100 and $20,000", "between 100 and $20,000"),  # a range: two numbers
    ("$100 and €20,000", "$100 and €20,000"),  # two currencies: two amounts
])
def test_a_compound_split_at_its_and_is_one_amount_whichever_part_has_the_sign(heard, said):
    assert join_split_digits(heard) == said


def test_the_outcome_is_the_whole_amount_not_its_first_part():
    """QA150 F2: the report said "business outcome ✓ ($100 a month)"."""
    text = ("I led the agent fraud model at the mobile money company. After the launch the fraud "
            "losses went down by round three and a half million IG a month, so about $100 and "
            "$20,000.")
    s = analyze_text(text, cfg=Config(), question=load_bank().get("lp-customer-obsession-3"))
    triad = s.to_json()["structure"]["metric_triad"]
    assert triad["business_outcome"]
    assert ["outcome", "$120000 a month"] in [list(x) for x in triad["slots"]]


@pytest.mark.parametrize("said, read", [
    # QA149 F8: "down to 25%" was shown as a level never said
    ("It went down to a quarter, the wait, about five minutes.",
     "It went down by 75% relative, the wait, about 5 minutes."),
    ("it fell to a third.", "it fell by 67% relative."),
    ("these days it is a quarter.", "these days it is 25%."),  # a share stated stays a share
])
def test_down_to_a_fraction_is_a_cut_of_the_level_before(said, read):
    from voice_coach.analysis.numbers import normalize_numbers
    assert normalize_numbers(said) == read
