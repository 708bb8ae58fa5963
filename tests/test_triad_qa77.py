"""QA77 (#13 trial, persona Jasmine, Manila): money read as said, one format in every line."""
from pathlib import Path

import pytest

from tests.tools import report_of

pytestmark = pytest.mark.slow  # the bundled sentence model labels the clauses

RUN = Path(__file__).parent / "data" / "spent_session46" / "qa77" / "run1"


def test_money_said_with_its_currency_as_what_moved_is_the_outcome_not_its_gloss():
    """F6: "around twenty-eight million pesos less per year on hiring and training, like half a
    million dollars" is the outcome as said; the triad line and the tips quote it alike."""
    rep = report_of((RUN / "a1_deliver.txt").read_text(), "lp-deliver-results-1")
    tri = rep.structure.metric_triad
    assert ("outcome", "28M pesos less per year") in tri.slots, tri.slots
    assert not any("0.5M" in e or "500K" in e for e in tri.evidence), tri.evidence
