"""QA17 scale fixes in `analysis.structure.detect_scale`.

F16: one phrase read by two patterns ("serves 2M users" and "2M users every week") is quoted
once — spans that overlap in the text are joined.
F23: what a built thing runs for is its reach ("the forecasting model for 800 stores"), as much
as "served 800 stores" — but not how long it was trained ("for 200 epochs").
"""

from __future__ import annotations

import pytest

from voice_coach.analysis.structure import analyze_structure


def scale(text):
    return analyze_structure(text, kind="behavioral").scale_evidence


@pytest.mark.parametrize("text, one", [
    ("It serves two million users every week.", "serves 2M users every week"),
    ("It served around thirty thousand chats a day.", "served around 30000 chats a day"),
    ("The app now serves three hundred thousand riders a month.",
     "serves 300000 riders a month"),
    ("Our search serves about forty thousand shoppers per day.",
     "serves about 40000 shoppers per day"),
])
def test_one_phrase_is_one_scale_entry(text, one):
    assert scale(text) == (one,)


@pytest.mark.parametrize("text, spans", [
    # two phrases in two places stay two entries (near case)
    ("It now serves 3M users. We rolled it out with a canary in production.",
     ("serves 3M users", "canary", "in production")),
    ("The service handled around four thousand requests per second at peak.",
     ("4000 requests per second",)),
])
def test_separate_phrases_stay_separate(text, spans):
    assert scale(text) == spans


@pytest.mark.parametrize("text, span", [
    ("I rebuilt the forecasting model for eight hundred stores.", "model for 800 stores"),
    ("I built a triage tool for twelve hundred nurses across the region.", "tool for 1200 nurses"),
    ("We shipped the pricing service for about three hundred hotels.",
     "service for about 300 hotels"),
    ("The recommendation system for 400 branches now refreshes nightly.",
     "system for 400 branches"),
])
def test_what_a_built_thing_runs_for_is_reach(text, span):
    assert scale(text) == (span,)


@pytest.mark.parametrize("text", [
    "I trained the model for two hundred epochs on the new data.",
    "I tuned the model for 500 iterations.",
    "I built a dashboard for five analysts.",  # too few to be scale
    "I built a model for 600 products.",  # things handled: a volume, too small
    "I ran the pipeline for 300 days without a failure.",
])
def test_training_length_and_small_counts_are_not_reach(text):
    assert scale(text) == ()


def test_served_stores_unchanged():
    assert scale("The model served eight hundred stores every day.") == ("served 800 stores",)


def test_a_run_on_span_is_not_joined_to_a_volume():
    """A union longer than a phrase (a run-on "regression …" span) keeps the volume apart."""
    spans = scale("The regression treats every day as independent and it does not know that "
                  "yesterday sales tell you a lot about today so it needs one model for "
                  "a hundred thousand products")
    assert "100000 products" in spans
