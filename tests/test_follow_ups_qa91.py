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
