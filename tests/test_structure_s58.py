"""Session 58: readings of the structure found by new-user trials (QA148-QA150)."""

from __future__ import annotations

import pytest

from voice_coach.analysis.structure import detect_scale
from voice_coach.config import Config
from voice_coach.pipeline import analyze_text
from voice_coach.questions import load_bank


def _triad(text: str, qid: str) -> dict:
    s = analyze_text(text, cfg=Config(), question=load_bank().get(qid))
    return s.to_json()["structure"]["metric_triad"]


@pytest.mark.parametrize("text, scale", [
    ("today it sends a forecast to about 12000 farmers every week",
     "sends a forecast to about 12000 farmers"),
    ("the app reaches 40000 riders a day", "reaches 40000 riders a day"),
])
def test_whom_the_system_sends_to_or_reaches_is_its_scale(text, scale):
    assert scale in detect_scale(text)


def test_a_few_recipients_are_no_scale():
    assert detect_scale("we sent the model to 3 teams") == []


def test_the_count_a_forecast_is_sent_to_is_no_level_nor_outcome():
    """QA150 F3: "after ✓ (29% to 12%; to about 12000 every week …)" and "[scale?]" in the
    brief for a number the candidate had said."""
    triad = _triad("At the marketplace the old yield forecast was off by 29 percent. I proposed a "
                   "simple gradient boosted model. The error fell to 12 percent. Today it sends a "
                   "forecast to about 12,000 farmers every week.", "lp-invent-simplify-1")
    assert not any("12000" in v for _, v in triad["slots"]), triad
    assert ["after", "to 12%"] in [list(x) for x in triad["slots"]]
