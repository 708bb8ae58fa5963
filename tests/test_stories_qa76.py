"""QA76 (#17 trial, persona Emre): two changes said in one answer are read as two changes — never
a stray level of the second one in the outcome's place."""
from pathlib import Path

import pytest

from tests.tools import report_of, story_bank

pytestmark = pytest.mark.slow  # the bundled sentence model labels the clauses

RUN = Path(__file__).parent / "data" / "spent_session46" / "qa76" / "transcripts"
# Whisper's transcript of A3: "… went down from 20 minutes to about 3 minutes and the share of
# text that needed a correction filter 9 % from 41 %" ("fell to" heard as "filter")
A3 = (RUN / "03_a3_lp-invent-simplify-1.txt").read_text()


def test_a_level_then_from_a_level_is_a_pair():
    slots = report_of(A3, "lp-invent-simplify-1").structure.metric_triad.slots
    assert ("pair", "41% to 9%") in slots, slots
    assert not any(role == "baseline" for role, _ in slots), slots


def test_the_bank_shows_no_level_of_the_second_change_as_the_outcome(tmp_path):
    _, bank = story_bank(tmp_path, ("lp-invent-simplify-1", A3))
    (story,) = bank.stories
    (telling,) = story.tellings
    tri = telling.triad
    assert (tri.baseline, tri.after) == ("20 minutes", "about 3 minutes"), tri
    # the second change is shown whole beside the triad (session 54, QA126 F2: the report read
    # it with the business outcome), never one of its levels alone as the outcome
    effect = tri.effect or ""
    assert tri.outcome is None and ("41%" not in effect or "41% → 9%" in effect), tri


def test_a_rate_said_one_of_every_eight_then_one_in_eleven_is_the_baseline_and_after():
    """F3: "… before one of every eight orders was coming back. With the silent vice, one in
    11, we had to think big about the warehouse" (Whisper's transcript of A1)."""
    text = (RUN / "01_a1_lp-customer-obsession-3.txt").read_text()
    tri = report_of(text, "lp-customer-obsession-3").structure.metric_triad
    assert tri.baseline and tri.after, tri.slots
    assert ("baseline", "before 1 in 8 orders was") in tri.slots, tri.slots
    plain = report_of("We built a size model. Before, one of every eight orders was coming back. "
                      "With the size advice, one in eleven.", "lp-customer-obsession-3")
    assert plain.structure.metric_triad.after, plain.structure.metric_triad.slots


def test_the_worth_restated_in_a_currency_heard_is_the_outcome():
    """F2: "In money that is around 45 million, year a year, something like $1.4 million" (the
    retelling's corrected figure; "lira a year" heard as "year a year") is the outcome."""
    text = (RUN / "04_a4_lp-deliver-results-1.txt").read_text()
    slots = report_of(text, "lp-deliver-results-1").structure.metric_triad.slots
    assert ("outcome", "$1.4M") in slots, slots


def test_money_with_a_misheard_currency_and_its_period_is_no_scale():
    """F4: "For the business, this one around 40 million leering a year, that is something like
    $1.2 million" ("lira" heard as "leering") is money glossed in dollars, never scale."""
    from voice_coach.analysis.numbers import UNSAID_CURRENCY, currency_word_after

    text = (RUN / "01_a1_lp-customer-obsession-3.txt").read_text()
    s = report_of(text, "lp-customer-obsession-3").structure
    assert not any("40M" in e for e in s.scale_evidence), s.scale_evidence
    clause = "for the business, this one around 40M leering a year, that is about $1.2M."
    assert currency_word_after(clause, clause.index("40M") + 3) == UNSAID_CURRENCY


def test_a_misheard_name_said_with_for_me_is_heard_as_a_principle():
    """F11: "This is I've deep for me" (Dive Deep) and "…, decision -built and simplify for me"
    (Invent and Simplify) are names said in a frame, as "for me this is fruit quality" was."""
    from voice_coach.analysis.principle_heard import heard_principles

    (dive,) = heard_principles(["this is i've deep for me."])
    assert dive.name == "Dive Deep", dive
    (invent,) = heard_principles(["the copywriters are only review, decision -built and "
                                  "simplify for me."])
    assert invent.name == "Invent and Simplify" and not invent.credited, invent
    assert heard_principles(["this was really hard for me."]) == ()
    assert heard_principles(["the project was very important for me."]) == ()


def test_the_metric_is_named_by_the_head_said_with_its_levels(tmp_path):
    """F5: "six months later, the forecast error was 28%" names the triad's metric, not "the
    stock on the shelves went down by …" said after it; F6: "the false reject rate of our end of
    line bench was 1.8%" is a false reject rate, not an "end of line bench"."""
    from voice_coach.analysis.facts import metric_of_quantity

    assert metric_of_quantity("Normally the false reject rate of our end of line bench was "
                              "1.8%.", "1.8%") == "false reject rate"
    assert metric_of_quantity("the hallucination rate on our evaluation set was 12%.",
                              "12%") == "hallucination rate"
    _, bank = story_bank(tmp_path, ("lp-frugality-1",
                                    (RUN / "07_a7_lp-frugality-1.txt").read_text()))
    (story,) = bank.stories
    assert story.tellings[0].triad.metric == "forecast error", story.tellings[0].triad
