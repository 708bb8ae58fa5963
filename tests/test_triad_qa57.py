"""Session 42, QA56/QA57 (issue #13, personas Maya and Juan Pablo): money said in a currency
the word list did not know ("nine hundred thousand soles per year", "2 million AED",
"900 thousand shekels") is money — the business outcome — never a count or scale evidence."""

from __future__ import annotations

import pytest

from tests.tools import report_of


@pytest.mark.parametrize("money", ["nine hundred thousand soles per year",
                                   "about 900 thousand shekels a year",
                                   "around 2 million AED a year"])
def test_money_in_another_currency_is_the_outcome(money):
    r = report_of("At the copper mine I owned the tyre-wear model for the haul trucks. Unplanned "
                  "tyre failures went from 11% of the trucks to 4% after we shipped it, and the "
                  f"mine stopped losing {money}.", "lp-ownership-3")
    tri = r.structure.metric_triad
    assert tri.business_outcome, tri
    assert not r.structure.scale_evidence, r.structure.scale_evidence


def test_an_after_said_before_its_change_is_never_worked_out():
    """"… were 4% of the fleet. 11%, that was before. So it dropped by 7 points": the 4% was
    said, so the pair quotes it as said, never "(worked out)"; a level only the change gives
    stays worked out."""
    from voice_coach.analysis.numbers import said_changes

    said = said_changes(["afterwards, the unplanned tyre changes were 4% of the fleet per month.",
                         "11%, that was before, when we had no check.",
                         "so it dropped by 7 points,"]).pairs
    assert [p.text for p in said] == ["11% to 4%"]
    worked = said_changes(["failures were 11%.", "it dropped by 7 points."]).pairs
    assert [p.text for p in worked] == ["11% to 4% (worked out)"]


def test_a_level_said_after_from_is_never_the_after():
    """QA56: Whisper cut the change ("Missed phishing links went from 8%. … How to 1.5%."):
    the 8% is where it started, so the after slot never quotes "went from 8%"."""
    from tests.tools import triad_of

    tri = triad_of("Missed phishing links went from 8%. And I say, hey, because I rechecked. It "
                   "was not 7. How to 1.5%. I grouped the misses by redirect chain, and I added "
                   "redirect expansion and retrained.", "lp-dive-deep-3")
    afters = [span for role, span in tri.slots if role == "after"]
    assert afters and not any("from" in span for span in afters), tri.slots


def test_a_level_said_then_marked_as_before_after_a_comma_is_the_baseline():
    """QA57 F3: "… were four percent of the fleet. Eleven percent, that was before, when we had
    no check." — the 11% is the baseline though no change is said by its size."""
    from tests.tools import triad_of

    tri = triad_of("I owned the tyre model. I added a validation check on the input units and "
                   "retrained. Afterwards, the unplanned tyre changes were four percent of the "
                   "fleet per month. Eleven percent, that was before, when we had no check.",
                   "lp-ownership-3")
    assert tri.baseline and any(role in ("baseline", "pair") and "11%" in span
                                for role, span in tri.slots), tri.slots
