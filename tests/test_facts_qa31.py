"""QA31 F1/F2 (issue #17) in `analysis.facts`: a quality gate's figure ("the regression rate on
nightly deploys is now under 2%") is never the bank's reading of the after — it is how the work
ships, on the scale line — and the level of the story's own metric said "since then" is shown
with its baseline missing, never paired with the gate. Own sentences (a ticket-pricing team)."""

from __future__ import annotations

from tests.test_stories_qa24 import _bank
from tests.tools import triad_of
from voice_coach.analysis.facts import triad_values

TALK = ("I own the ticket pricing service for our concert app. One Saturday a new model went "
        "live and some tickets were sold at a tenth of their price. I rolled back within the "
        "hour and paused price updates. The root cause was a feed that sent cents instead of "
        "euros. The lasting fix was a check before every deploy. Since then, the share of "
        "mispriced tickets is under 0.2%, and the check saves about 40,000 euros of refunds "
        "per month. The regression rate on nightly deploys is now under 2%. I learned to treat "
        "the input feeds as part of the model.")


def test_a_gate_figure_is_no_after_of_the_words():
    tri = triad_values(TALK)
    assert tri.after is None and tri.baseline is None, tri


def test_a_level_that_moved_is_still_read():
    """Near case: a level said "now" of another metric than a gate is the after."""
    tri = triad_values("I rebuilt the cache. The timeout rate is now under 2%.")
    assert tri.after == "2%", tri


def test_the_report_marks_the_baseline_missing():
    triad = triad_of(TALK, "lp-ownership-3")
    assert not triad.baseline and triad.after, triad


def test_the_bank_shows_the_own_level_with_no_baseline_and_the_gate_as_scale(tmp_path):
    _, bank = _bank(tmp_path, ("lp-ownership-3", TALK))
    (story,) = bank.stories
    assert story.triad.baseline is None, story.triad
    assert story.triad.after and "0.2%" in story.triad.after, story.triad
    assert "mispriced" in (story.triad.metric or ""), story.triad
    assert "regression rate on nightly deploys under 2%" in story.scale, story.scale


def test_a_gate_that_is_the_only_level_still_fills_the_after(tmp_path):
    """Near case: with no other level said, the report's only after (the gate) is the bank's."""
    only = TALK.replace("Since then, the share of mispriced tickets is under 0.2%, and the",
                        "Since then, the").replace("at a tenth of their price", "far too cheap")
    _, bank = _bank(tmp_path, ("lp-ownership-3", only))
    (story,) = bank.stories
    assert triad_of(only, "lp-ownership-3").after
    assert story.triad.after and "2%" in story.triad.after, story.triad
