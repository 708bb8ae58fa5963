"""Session 49 (issue #17, QA89 F4) — a scale figure the report quotes is on the bank's scale line:
a quote longer than `SCALE_MAX_WORDS` that ends on its figure keeps the thing it names and the
figure ("regression rate … under 2%"); a longer run-on with its figure elsewhere stays out.

The sentences are this test's own (a call-centre assistant), modelled on the QA persona's."""

from __future__ import annotations

from tests.test_stories_qa24 import _bank
from voice_coach.stories import SCALE_MAX_WORDS, _quotable_scale

CALLS = ("I owned the call summary assistant for our support agents. Agents wrote every summary by "
         "hand. I built the summariser and a weekly release check. Handling time went from 9 "
         "minutes to 6 minutes. It served around 4000 agents, 90,000 calls a day, and the "
         "regression rate on how our weekly releases land stays under 2%. I learned to watch "
         "the release check.")


def test_a_long_scale_quote_ending_on_its_figure_keeps_its_name_and_figure(tmp_path):
    _, bank = _bank(tmp_path, ("lp-invent-simplify-1", CALLS))
    scale = bank.stories[0].scale
    assert any(x.startswith("regression rate") and x.endswith("under 2%") for x in scale), scale
    assert all(len(x.split()) <= SCALE_MAX_WORDS for x in scale), scale


def test_a_run_on_with_its_figure_inside_is_not_quoted():
    quote = "we had like 2 million users who were all complaining about the app"
    assert _quotable_scale(quote) == ""
    assert _quotable_scale("served around 4000 agents") == "served around 4000 agents"
