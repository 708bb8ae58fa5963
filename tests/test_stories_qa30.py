"""Session 25 (issue #17, QA30) — the bank's triad is read from the telling that said it
reliably, and no scale letter is lent across clauses:

- F1: a million said of one thing ("a licence of more than a million …") is never the scale of a
  bare number said later ("… was 7 to 3"): no "1M → 3M"; and a telling whose baseline and after
  mix two unrelated quantities ("1M" and a bare "3") never shows a story's triad over a telling
  that said its pair plainly.

The sentences are this test's own (a bakery chain), not the QA persona's."""

from __future__ import annotations

from voice_coach.stories import scale_mismatch
from tests.tools import one_story

CLEAR = ("At the bakery chain I replaced the hand-made oven plan with a small scheduler on an "
         "open source solver. Oven idle time was 45 minutes per batch before, now it is 12 "
         "minutes. We saved about 250,000 corona per year. I learned to try the simple thing "
         "first.")
# a retelling as a weak transcription gives it: a price said of a thing, then a garbled level
# (its distance garbled too: since session 42 "from 30 meters … to 12 meters" is a plain pair)
GARBLED = ("At the bakery chain the oven plan was done by hand. Head office wanted to buy a "
           "planning suite with a licence of more than a million Lorde. I had no budget, only "
           "myself and a spare laptop. I moved the slow breads to the night shift and used a "
           "simple rule with my average carrying distance the current from 30 meet us per tray "
           "to 12 meet us The waste was 7 to 3 and 0 to 1 hundred and 10 We saved about three "
           "hundred thousand The flower in all my time, and we never bought the suite. I "
           "learned to try the simple thing first.")


def test_a_million_said_of_one_thing_is_no_scale_of_a_later_number(tmp_path):
    _, story = one_story(tmp_path, ("lp-invent-simplify-1", CLEAR), ("lp-frugality-1", GARBLED))
    shown = [v for t in story.tellings for v in (t.triad.baseline, t.triad.after) if v]
    assert "3M" not in shown, [t.triad for t in story.tellings]


def test_the_clear_telling_shows_the_triad_over_a_mixed_later_one(tmp_path):
    _, story = one_story(tmp_path, ("lp-invent-simplify-1", CLEAR), ("lp-frugality-1", GARBLED))
    assert (story.triad.baseline, story.triad.after) == ("45 minutes", "12 minutes"), story.triad
    assert story.source is story.tellings[0]


def test_a_plain_later_retelling_still_updates_the_triad(tmp_path):
    """Near case: a retelling as plain as the first, with new numbers, is the one shown."""
    again = CLEAR.replace("45 minutes", "50 minutes").replace("12 minutes", "10 minutes")
    _, story = one_story(tmp_path, ("lp-invent-simplify-1", CLEAR), ("lp-frugality-1", again))
    assert (story.triad.baseline, story.triad.after) == ("50 minutes", "10 minutes"), story.triad


def test_scale_mismatch_is_a_scaled_amount_against_a_bare_small_number():
    assert scale_mismatch("1M", "3")
    assert scale_mismatch("to 4", "$2M")
    # near cases: one scale said for both, units said, a level and a level
    assert not scale_mismatch("3M", "5M")
    assert not scale_mismatch("$1.2M", "$400K")
    assert not scale_mismatch("2M", "800 orders")
    assert not scale_mismatch("6%", "4")
    assert not scale_mismatch("40", "12")


# --- F2 / F7: money said as saved or stopped losing, its currency not heard -------------------

CANS = ("I built a classifier for dented cans on the packing line. The first model looked fine "
        "on average, but refunds did not go down, so I read the misses myself. I pulled every "
        "missed can from three weeks and I grouped them by size. I labelled extra images and "
        "added a release gate per size. The recall on dented cans went from 70% to 93%. "
        "Refunds paid dropped at 20%. {money} It checks about 200,000 cans every day. I learned "
        "to read the failures one by one.")


def _slots(text: str, qid: str = "lp-dive-deep-1") -> dict:
    from tests.tools import triad_of
    slots = triad_of(text, qid).slots
    return {role: [span for r, span in slots if r == role] for role in ("baseline", "after",
                                                                        "outcome", "pair")}


def test_money_stopped_losing_with_a_misheard_currency_is_the_outcome():
    from voice_coach.analysis.slot_values import shown_slot
    s = _slots(CANS.format(money="We stopped losing about 480,000 sharp-y per year on those "
                                 "refunds."))
    assert [shown_slot(x) for x in s["outcome"]] == ["480K [currency?] per year"], s


def test_money_stopped_losing_with_its_currency_keeps_it():
    """Near case: the currency heard is shown, no gap."""
    s = _slots(CANS.format(money="We stopped losing about 480,000 dollars per year on those "
                                 "refunds."))
    assert s["outcome"] == ["$480000 per year"], s


def test_a_window_of_time_the_data_came_from_is_no_baseline():
    s = _slots(CANS.format(money=""))
    assert not any("week" in x for x in s["baseline"]), s


def test_a_time_said_from_and_to_is_still_a_pair():
    """Near case: a duration that moved ("from 3 weeks to 4 days") keeps its baseline."""
    s = _slots(CANS.format(money="").replace(
        "I pulled every missed can from three weeks and I grouped them by size.",
        "The review time went from 3 weeks to 4 days."))
    assert any("3 weeks" in x for x in s["pair"] + s["baseline"]), s


def test_a_bare_amount_said_as_saved_gets_the_currency_gap():
    from voice_coach.analysis.slot_values import shown_slot
    s = _slots(GARBLED, "lp-frugality-1")
    assert "300K [currency?]" in [shown_slot(x) for x in s["outcome"]], s


def test_a_bare_count_said_with_a_noun_gets_no_currency_gap():
    """Near case: a count of things said after the work is no money."""
    from voice_coach.analysis.structure import _said_as_saved
    import re
    text = "we saved about 3000 hours of manual review"
    q = re.search(r"3000", text)
    assert not _said_as_saved(text, q)
    text = "we served about 3000 the first month"
    assert not _said_as_saved(text, re.search(r"3000", text))
    text = "we saved about 3000 the flower that year"
    assert _said_as_saved(text, re.search(r"3000", text))
