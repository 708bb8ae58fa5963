"""QA86 (#13 trial, persona Mei Ling) F10: the own part told with "I" makes the key point "what
you personally did, said with I"; the "we" over "I" advice beside it asks for more of it, never
as if it were missing."""

from tests.tools import report_of

WE_MOSTLY = ("Our team paid for a vendor tool we barely used. We looked at the usage and we "
             "decided to cancel it. I wrote the migration script and I moved the reports to our "
             "own dashboard. We saved about 40,000 dollars a year.")
WE_ONLY = ("Our team paid for a vendor tool we barely used. We looked at the usage and we "
           "decided to cancel it. We wrote the migration script and we moved the reports to our "
           "own dashboard. We saved about 40,000 dollars a year.")


def _ownership_tip(report):
    return [f.message for f in report.feedback if f.area == "ownership"]


def test_the_own_part_told_with_i_is_asked_for_more_not_for_it():
    tip = _ownership_tip(report_of(WE_MOSTLY, "lp-frugality-1"))
    assert tip and "your own part is there" in tip[0] and "say what you did yourself" not in tip[0]
    tip = _ownership_tip(report_of(WE_ONLY, "lp-frugality-1"))
    assert tip and tip[0].endswith("say what you did yourself."), tip


def test_a_deployment_nobody_made_is_no_scale():
    """F4: "she did not know how to ship code to production" shipped nothing."""
    from voice_coach.analysis.structure import detect_scale

    assert detect_scale("she did not know how to ship code to production, so i paired with her.") == []
    assert detect_scale("we shipped it to production in june.") == ["to production"]
