"""Session 56 (QA137 F9): a number read as the baseline is a metric's level — the report never
says "no change of a metric" beside "baseline ✓ (from 18%)"; it asks for the missing after."""

from __future__ import annotations

from voice_coach.coach import NO_AFTER_MESSAGE

from tests.tools import report_of


def test_a_baseline_without_its_after_asks_for_the_after():
    r = report_of("The bank's spam filter let through a lot of fraud messages. It was, um, kind "
                  "of on me to find out why. I retrained the filter on the new Wolof messages. "
                  "The first ham rate went from, like, 18% to, or, on that 2%. I learned to check "
                  "the data first.", "lp-ownership-1")
    t = r.structure.metric_triad
    assert t.baseline and not t.after, t
    messages = [f.message for f in r.feedback]
    assert NO_AFTER_MESSAGE in messages
    assert not any("no change of a metric" in m for m in messages), messages
