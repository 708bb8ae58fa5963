"""Follow-up replies, session 20: two mechanisms read off the folded tuning sets (10, 11, 9, 8),
in wordings of our own — a way of working said with a contraction fused to "I" ("next time I'd
ask …") is a practice, and a trade-off follow-up is answered by what was given up said in
particular, without the word "trade-off". Each with a near case that must not change."""

from __future__ import annotations

import re

from tests.follow_up_answers import follow_up_reply, main_answer
from voice_coach.analysis.numbers import normalize_numbers
from voice_coach.analysis.reply_fit import lesson_said, practice_said


def _clauses(text: str) -> list[str]:
    """Plain clauses as `facts.plain_clauses` gives the judge: numbers normalised, lower case."""
    text = normalize_numbers(text).lower().replace("?", ".")
    return [c.strip() for c in re.split(r"\.\s+|\.$", text) if c.strip()]


# ---- "I'd", "we'll": the speaker's way of working said with a contraction -------------------

def test_a_practice_said_with_i_d_is_a_practice():
    reply = _clauses("Next time I'd sit with the warehouse planners for a morning before I "
                     "design any screen.")
    assert practice_said(reply) and lesson_said(reply)
    assert practice_said(_clauses("Going forward we'll agree the metric with finance in week "
                                  "one."))


def test_a_past_said_with_i_d_is_no_practice():
    """Near case: "I'd" of a past perfect says what happened, not a way of working."""
    reply = _clauses("I'd already built half the dashboard when the planners saw it.")
    assert not practice_said(reply) and not lesson_said(reply)


def test_a_past_verb_after_the_speakers_own_is_another_persons():
    """"next time I'd check which reports the buyers opened" says what the speaker would do; the
    past verb belongs to the buyers."""
    assert lesson_said(_clauses("So next time I'd check which reports the buyers opened last "
                                "month before building a new one."))


def test_a_past_before_the_speakers_verb_still_says_no_lesson():
    """Near case: "since then I went back to …" tells the past, not a practice now."""
    assert not lesson_said(_clauses("Since then I went back to the old spreadsheet for the "
                                    "regional numbers."))


# ---- a trade-off answered by what was given up, in particular --------------------------------

MAIN_SIMPLER = ("Our supplier matching ran on a graph model nobody could debug. I replaced it "
                "with twenty matching rules written with the procurement team, so anyone could "
                "read why two suppliers were merged. Duplicate payments fell from about forty a "
                "month to five.")


def test_what_was_given_up_in_particular_supplies_the_trade_off():
    main, q = main_answer(MAIN_SIMPLER, "lp-invent-simplify-1")
    r = follow_up_reply(
        "We lost the fuzzy matches across subsidiaries, about four percent of the duplicates, "
        "and the rules now need someone to maintain them by hand. It was worth it because the "
        "finance team can read every merge.", main, q, "no_tradeoff")
    assert r.follow_up_check.supplied and r.follow_up_check.specific, r.follow_up_check


def test_nothing_given_up_still_supplies_no_trade_off():
    """Near case: a cost said as none is no side of a trade-off."""
    main, q = main_answer(MAIN_SIMPLER, "lp-invent-simplify-1")
    r = follow_up_reply(
        "Honestly I don't think we lost anything. It was faster, simpler and easier to explain, "
        "so it was just better.", main, q, "no_tradeoff")
    assert not r.follow_up_check.supplied, r.follow_up_check
