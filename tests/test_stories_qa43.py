"""Session 38: QA43 (issue #17) in own wordings — a metric said to fall before the work and to
climb after it (the first move is the problem, its end where the work started), "plus-minus"
said before a number, money saved, no longer lost or won back with its currency misheard, a
regression model's training window as no regression rate, how long a change took to ship as
no outcome, a level said as a range with "or", and a person's time listed with a head count as
no level."""

from __future__ import annotations

from voice_coach.analysis.numbers import normalize_numbers
from voice_coach.analysis.structure import detect_scale, own_step
from tests.tools import one_story, triad_of

CHAIN = ("Over one quarter the hit rate of our parts search went from 54 percent down to 37 "
         "percent, and the dealers started phoning the call centre instead. Everybody blamed "
         "the new catalogue. Instead, I pulled the failed searches and grouped them by part "
         "family. I found that supplier codes had lost their leading zeros. I fixed the import "
         "and added a check, and the hit rate climbed to 61 percent. We recovered about 2 "
         "million in the first half from orders that used to go to a competitor.")


def test_plus_minus_before_a_number_is_about():
    assert "about 30%" in normalize_numbers("that crew was behind plus-minus 30 percent of the theft")
    assert "plus" not in normalize_numbers("the backlog was plus minus four thousand claims")
    assert "about 4000 claims" in normalize_numbers("the backlog was plus minus four thousand claims")
    # after a number it is an error margin, left as said
    assert "plus or minus" in normalize_numbers("accuracy was 80%, plus or minus 5 points")


def test_a_step_opened_by_instead_is_the_speakers_own():
    assert own_step("instead, i pulled the failed searches and grouped them")


def test_a_fall_before_the_work_and_a_climb_after_it(tmp_path):
    tri = triad_of(CHAIN, "lp-dive-deep-1")
    assert ("baseline", "37%") in tri.slots, tri.slots
    assert not any(role == "pair" for role, _ in tri.slots), tri.slots
    assert any(role == "after" and "61%" in span for role, span in tri.slots), tri.slots
    _, story = one_story(tmp_path, ("lp-dive-deep-1", CHAIN))
    assert (story.triad.baseline, story.triad.after) == ("37%", "61%"), story.triad
    assert story.triad.metric and "hit rate" in story.triad.metric, story.triad


def test_money_won_back_with_no_currency_heard_is_the_outcome():
    tri = triad_of(CHAIN, "lp-dive-deep-1")
    assert any(role == "outcome" and span.startswith("2M [currency?]")
               for role, span in tri.slots), tri.slots


def test_money_saved_or_no_longer_lost_in_a_set_up_clause():
    text = ("Our couriers went from about 40 minutes per drop to 25, and that saved the firm "
            "roughly two and a half million brand that year. I built the route model myself.")
    tri = triad_of(text, "lp-customer-obsession-1")
    assert any(role == "outcome" and span.startswith("2.5M [currency?]")
               for role, span in tri.slots), tri.slots
    text = ("Returns fell to 4%, and the shops stopped losing about 300,000 rent in sales. "
            "I rebuilt the size guide myself.")
    tri = triad_of(text, "lp-customer-obsession-1")
    assert any(role == "outcome" and span.startswith("300K [currency?]")
               for role, span in tri.slots), tri.slots


def test_a_regression_model_is_no_regression_rate():
    assert not any("regression" in s for s in detect_scale(
        "we trained a plain logistic regression on 3 weeks of tickets"))
    assert any("regression" in s for s in detect_scale(
        "since then the regression rate on releases is under 2%"))


def test_how_long_it_took_to_ship_is_no_outcome():
    text = ("Lead time dropped from 9 days to 4 days, which saved us about $90K a quarter. "
            "I wrote the scheduler myself. We went live in five weeks.")
    tri = triad_of(text, "lp-deliver-results-1")
    assert not any("weeks" in span for role, span in tri.slots if role == "outcome"), tri.slots


def test_a_level_said_as_two_numbers_with_or_is_a_range(tmp_path):
    text = ("Back orders were 11% before. After my change, back orders dropped to about 3 "
            "percent or 4 percent, and stores sold more. I rebuilt the forecast myself.")
    tri = triad_of(text, "lp-ownership-1")
    afters = [span for role, span in tri.slots if role in ("after", "pair")]
    assert afters and "4%" in afters[0], tri.slots
    _, story = one_story(tmp_path, ("lp-ownership-1", text))
    assert story.triad.after and "3-4%" in story.triad.after, story.triad


def test_a_persons_time_beside_a_head_count_is_no_baseline():
    text = ("At the bank I had two analysts, six weeks and almost no budget. We trained a small "
            "model on the complaint texts. The share of complaints sent to the wrong desk is "
            "now down to 9%.")
    tri = triad_of(text, "lp-frugality-1")
    assert not any("weeks" in span for role, span in tri.slots if role == "baseline"), tri.slots


def test_a_lift_said_as_the_subject_of_its_figure_is_the_change():
    text = ("We shipped the new ranker to half the traffic. I built the features and ran the "
            "test. In the experiment the relative uplift in bookings was about 3.1 percent.")
    tri = triad_of(text, "lp-deliver-results-1")
    assert any(role == "after" and "3.1%" in span for role, span in tri.slots), tri.slots


def test_extra_sales_said_with_money_late_in_the_story_is_the_outcome():
    text = ("Our returns desk read every claim by hand. I trained a classifier for the return "
            "reasons and wired it into the form. Finance put it at around 400,000 euros a "
            "year in extra sales.")
    tri = triad_of(text, "lp-deliver-results-1")
    assert tri.business_outcome and any(
        role == "outcome" and "400" in span for role, span in tri.slots), tri.slots
