"""QA78 (#13 trial, persona Ignacio, Santiago): counts per period read as levels, money in one
format in every line."""
from pathlib import Path

import pytest

from tests.tools import report_of
from voice_coach.analysis.numbers import normalize_numbers, said_changes

pytestmark = pytest.mark.slow  # the bundled sentence model labels the clauses

RUN = Path(__file__).parent / "data" / "spent_session46" / "qa78" / "run1"


@pytest.mark.parametrize("said, before, after", [
    ("before, we had two broken model runs a week, and now we have one a month.",
     "2 a week", "1 a month"),
    ("before we had like two outages a week, now maybe one a month", "2 a week", "1 a month"),
    ("we went from two outages a week to one a month", "2 a week", "1 a month"),
])
def test_a_count_per_period_moves_to_a_count_per_another_period(said, before, after):
    """F1: "two … a week" and "one a month" are one count's rate, said per different periods."""
    pairs = said_changes([normalize_numbers(said)]).pairs
    assert [(p.before.shown, p.after.shown) for p in pairs] == [(before, after)]


@pytest.mark.parametrize("said, read", [
    ("now it is maybe one a quarter", "now it is maybe 1 a quarter"),
    ("one broken run a week", "1 broken run a week"),
    ("one day I noticed the alerts", "one day I noticed the alerts"),
    ("one of them a week", "one of them a week"),
])
def test_one_is_a_number_only_before_its_period(said, read):
    assert normalize_numbers(said) == read


@pytest.mark.parametrize("name, qid", [("a5_ow1.txt", "lp-ownership-1"),
                                       ("a5b_ow1.txt", "lp-ownership-1")])
def test_before_and_now_counts_fill_the_triad_and_no_tip_asks_for_them(name, qid):
    """F1: "before, we had two broken model runs a week, and now … one a month" is the baseline
    and the after; no tip says the numbers are missing."""
    rep = report_of((RUN / name).read_text(), qid)
    tri = rep.structure.metric_triad
    assert tri.baseline and tri.after, tri.slots
    assert ("pair", "2 a week to 1 a month") in tri.slots
    assert not any("not by how much" in f.message or "has no number" in f.message
                   for f in rep.feedback), [f.message for f in rep.feedback]


def test_a_count_after_keeps_its_period_in_the_quote():
    """F1 (a4): "now it is maybe one a quarter" is the after, quoted with its period."""
    rep = report_of((RUN / "a4_is1.txt").read_text(), "lp-invent-simplify-1")
    tri = rep.structure.metric_triad
    assert tri.after and ("after", "now it is 1 a quarter") in tri.slots, tri.slots


def test_the_anchored_impact_line_writes_money_as_the_triad_line_does():
    """F5: "$650K" in the triad and in the feedback alike, never "$650000"."""
    rep = report_of("At the bank our fraud model blocked too many travellers. I personally "
                    "moved the threshold to a cost-based one. False declines went from 12% to "
                    "4%, and that saved about $650,000 a year in lost card spend.",
                    "lp-customer-obsession-3")
    good = [f.message for f in rep.feedback if f.message.startswith("Impact is anchored")]
    assert good and "$650K" in good[0] and "650000" not in good[0], good


def test_a_hypothetical_answer_credits_no_outcome_of_the_triad():
    """F3: the spoken hypothetical answer ("what I would do is … only after that task for more
    budget") is told as a hypothetical with R ✗; no slot of the triad is credited beside it."""
    said = ("So, if I had to deliver something with very few resources, what I would do is, "
            "first, I would sit down with the business and ask what is the one decision this "
            "model has to support, because the thing is, with no money you cannot do everything, "
            "then I would reuse what already exists, like the old SQL reports, instead of "
            "building a new platform, I would probably start with a simple model and I would run "
            "it on my own laptop. I would cut the dashboard and I would predict only the data "
            "quality checks, because those you cannot keep. And then I would show a first version "
            "into weeks to get feedback and only after that task for more budget. I think that is "
            "how I would approach it more or less to deliver something useful even with a tiny "
            "team.")
    rep = report_of(said, "lp-frugality-1")
    assert rep.structure.hypothetical
    tri = rep.structure.metric_triad
    assert not (tri.baseline or tri.after or tri.business_outcome), tri


@pytest.mark.parametrize("said, read", [
    ("the ETA error went down until a little less than four minutes",
     "the ETA error went down to a little less than 4 minutes"),
    ("the AUC fell until like point seven one", "the AUC fell to like 0.71"),
    ("it went up in more or less six points", "it went up by more or less 6 points"),
    ("it lowered in four points", "it lowered by 4 points"),
    ("it went up until 2019", "it went up until 2019"),  # a year after "until" is when
    ("sales went down until March", "sales went down until March"),
    ("it increased in 3 of the 4 regions", "it increased in 3 of the 4 regions"),
])
def test_a_change_said_with_another_languages_preposition(said, read):
    """Round 48 (Spanish L1): "went down until X" is "to X", "went up in N points" is "by"."""
    assert normalize_numbers(said) == read
