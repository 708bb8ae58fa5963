"""QA87 (#17 trial, persona Jonas, Zürich) F1: money the work saved is the outcome wherever it
is said and in whatever currency — said before the metric's pair, in francs as in dollars."""

import pytest

from tests.tools import triad_of


@pytest.mark.parametrize("currency, shown", [("francs", "1.3M francs per year"),
                                             ("dollars", "$1.3M per year"),
                                             ("rand", "1.3M rand per year")])
def test_a_saving_said_first_is_the_outcome(currency, shown):
    tri = triad_of(f"The fewer empty coaches saved the company about 1.3 million {currency} per "
                   "year. The forecast error came down from around 22% to approximately 15%. I "
                   "rebuilt the forecast with gradient boosting.", "lp-ownership-2")
    assert tri.business_outcome and ("outcome", shown) in tri.slots, tri.slots
