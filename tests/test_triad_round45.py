"""Session 44: a level said from a time after the work ("2 months later we were at like 4%",
"next Ramadan the late deliveries were around 6%") is where the work took the metric — the
after, never a baseline — also when the time ends the clause before the level (round 45, read
after it was measured; `numbers.LATER_TIME`, `numbers.lead_in_after`)."""

from __future__ import annotations

import pytest

from tests.tools import triad_of


@pytest.mark.parametrize("text", [
    "I wrote a validation pipeline. Before, around 18 percent of the SKUs had wrong unit info, "
    "two months later we were at like 4 percent.",
    "We added calendar features and retrained the model. Next Ramadan the late deliveries were "
    "around 6 percent.",
    "We retrained the ranker on clean labels. A few weeks later the error rate was at 3 percent.",
])
def test_a_level_said_from_a_later_time_is_the_after(text):
    tri = triad_of(text, "lp-ownership-1")
    assert tri.after, tri.slots
    assert not any(role == "baseline" and ("4%" in span or "6%" in span or "3%" in span)
                   for role, span in tri.slots), tri.slots
