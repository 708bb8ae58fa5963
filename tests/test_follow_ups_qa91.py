"""QA91 (#17 trial, persona Aziz, Tashkent) F2: a reply to "what was the number before?" that
gives only a delay, a cost and an offer's terms ("a 0% loan") supplies no baseline; the number
before, said plainly, does.

The sentences are this test's own (a bank's loan-answering assistant), modelled on the
persona's."""

import pytest

from voice_coach import pipeline
from tests.tools import report_of

FIRST = ("At the bank I owned the assistant that answers customers about loans. Before launch I "
         "insisted that every answer about interest rates was checked against the tariff "
         "table, so we delayed the launch. After the checks the wrong answers in our test set "
         "were at 4 percent, and calls to the call centre dropped by a third.")


@pytest.mark.parametrize("reply, supplied", [
    ("The delay was three weeks. We missed the spring campaign and it cost us around 15 "
     "thousand dollars. But one wrong promise about a zero percent loan could bring a "
     "complaint to the regulator.", False),
    ("Before the checks, about 18 percent of the answers in the test set were wrong.", True),
])
def test_an_offer_s_terms_are_no_number_before(reply, supplied):
    first = report_of(FIRST, "lp-highest-standards-1")
    check = report_of(reply, "lp-highest-standards-1",
                      follow_up=pipeline.FollowUpOf("no_baseline", first)).follow_up_check
    assert check.supplied is supplied, check


@pytest.mark.parametrize("reply, supplied, not_checked", [
    # QA88 F9 / QA90 F10: the trade-off the follow-up was asked for, given
    ("K means plus plus spreads the first centres out, so the result is more stable, but it "
     "costs one extra pass over the data for every centre.", True, False),
    # nothing of a trade-off: the own wording cannot be checked
    ("Because a bad start gives a bad result.", False, True),
])
def test_a_wording_with_nothing_checkable_credits_the_fact_asked(reply, supplied, not_checked):
    first = report_of("I pick k random points as centres, assign every point to the nearest "
                      "centre, move each centre to the mean of its points and repeat until "
                      "nothing moves. Each round is points times k times dimensions.",
                      "code-kmeans-1")
    check = report_of(reply, "code-kmeans-1",
                      follow_up=pipeline.FollowUpOf("no_tradeoff", first)).follow_up_check
    assert (check.supplied, check.not_checked) == (supplied, not_checked), check


OWNED = ("At the grain company nobody owned the SMS assistant's answers in Ndebele after the vendor "
         "left, and the complaints sat in a shared inbox. I took charge of it: I read a sample of "
         "the failed messages every evening, built a small test set with two Ndebele speakers and "
         "set up a weekly review with the support team.")


@pytest.mark.parametrize("reply, supplied", [
    # QA94 F1: how the system is made is no result of the work
    ("The assistant runs on a model with about seven billion parameters, and we serve it from "
     "two rented GPUs.", False),
    # near case: what came of it, in numbers
    ("Unanswered SMS questions went from about 30 percent to 8 percent in two months.", True),
])
def test_the_size_of_the_system_is_no_result(reply, supplied):
    first = report_of(OWNED, "lp-ownership-1")
    check = report_of(reply, "lp-ownership-1",
                      follow_up=pipeline.FollowUpOf("no_result", first)).follow_up_check
    assert check.supplied is supplied, check


def test_a_feature_count_is_no_number_that_shows_how_it_ended():
    """QA94 F1: to "what number shows it?", a feature count is no number of the result."""
    from voice_coach.questions import RESULT_NUMBER_FOLLOW_UP
    first = report_of("At the operator I owned the SIM swap fraud alerts. I rebuilt the model and "
                      "the fraud team finally trusted it and stopped most of the attacks.",
                      "lp-earn-trust-1")
    assert first.follow_up == RESULT_NUMBER_FOLLOW_UP, first.follow_up
    check = report_of("The model was a boosted tree on about forty features, retrained every "
                      "month on the newest fraud cases.", "lp-earn-trust-1",
                      follow_up=pipeline.FollowUpOf("no_result", first)).follow_up_check
    assert not check.supplied, check


CUSTOMS = ("At the shipping line I built an LLM that drafts customs declarations from the invoices. "
           "Each declaration took about 25 minutes by hand; with the drafts it takes about 7, and "
           "rejections from customs went from 4 percent to 1.5 percent.")


@pytest.mark.parametrize("reply, supplied", [
    # QA95 F1: people named, nothing that came of the work
    ("My own part was the retrieval pipeline. I sat with 2 customers offices for a week to "
     "decide which fields the model may fill.", False),
    # near case: what it meant for customers, in words
    ("Customers got their containers released a day sooner, so they stopped calling us about "
     "held shipments.", True),
])
def test_a_business_word_without_a_consequence_is_no_outcome(reply, supplied):
    first = report_of(CUSTOMS, "lp-invent-simplify-1")
    check = report_of(reply, "lp-invent-simplify-1",
                      follow_up=pipeline.FollowUpOf("no_business_outcome", first)).follow_up_check
    assert check.supplied is supplied, check
