"""Session 28 (issue #17, QA32 F4/F6/F7/F8) — the brief and the bank say what they show:

- F7: a bare number after an after-marker takes the unit of the level said before only when it
  is said as a level ("it was", "down to", "reached"): "the model now forecasted for 450" is no
  "20 minutes → 450 minutes".

The sentences are this test's own (a load-forecasting rebuild), run through the real readers."""

from __future__ import annotations

from voice_coach.analysis.numbers import said_changes, said_sentences

FORECAST = ("I replaced 40 separate models with one gradient boosted model. The forecast error "
            "fell from 9% to 4%. Retraining time fell from 6 hours to 20 minutes. The number of "
            "features went from 300 to 30. The model now forecasted for 400 and 50. 000 smart "
            "meters. That saved 1.2 million New Zealand dollars a year.")


def _pairs(text: str) -> list[tuple[str, str]]:
    return [(p.before.text, p.after.text) for p in said_changes(said_sentences(text)).pairs]


def test_a_bare_number_not_said_as_a_level_takes_no_unit():
    pairs = _pairs(FORECAST)
    assert ("6 hours", "20 minutes") in pairs and ("9%", "4%") in pairs, pairs
    assert not [p for p in pairs if "450" in p[1]], pairs


def test_a_bare_number_said_as_a_level_still_takes_the_unit():
    """Near case: "it came out at about 6" after a level in % is 6%."""
    pairs = _pairs("The false alarm rate was about 12%. After the change it came out at about 6.")
    assert ("12%", "6%") in pairs, pairs
