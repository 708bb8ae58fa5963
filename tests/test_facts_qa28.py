"""QA28 F1 (issue #17) in `analysis.facts.triad_values`: a level said in the present with "now"
is the after the bank shows ("monthly close [baseline?] → 3 days"), its metric named by the
words between "now" and the verb; a level said before keeps its pair. Own sentences."""

from __future__ import annotations

from voice_coach.analysis.facts import triad_values


def test_a_level_said_now_is_the_after_with_its_metric():
    t = triad_values("The invoices were typed by hand. Now the monthly close takes about three "
                     "days. The late fees were cut by 20%.")
    assert t.baseline is None and t.after == "3 days", t
    assert t.metric == "monthly close", t
    assert t.effect is None or "20%" in t.effect, t


def test_today_costs_is_an_after_too():
    t = triad_values("We printed every label by hand. Today the label run costs about 40 cents "
                     "per parcel.")
    assert t.baseline is None and t.after is not None and "40 cents" in t.after, t


def test_a_pair_said_before_and_now_is_unchanged():
    t = triad_values("The monthly close took about nine days before; now it takes three days. "
                     "The late fees were cut by 20%.")
    assert t.baseline == "about 9 days" and t.after == "3 days", t


def test_a_count_said_now_is_no_level():
    """Near case: "now we are 4 in the team" counts people, no metric's after."""
    t = triad_values("I joined as the second analyst, now we are four in the team.")
    assert t.after is None, t
