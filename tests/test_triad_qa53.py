"""Session 41, QA53 (issue #13, persona Chen Wei; texts in tests/data/spent_session41/qa53) F1:
where a metric ended ("It ended at around 15%, and it was 55% before") is the after."""

from __future__ import annotations

import pytest

from tests.tools import triad_of


@pytest.mark.parametrize("said", [
    "It ended at around 15%, and it was 55% before.",
    "The false alarm rate ended up at around 15%; it was 55% before.",
])
def test_f1_where_the_metric_ended_is_the_after(said):
    tri = triad_of("I retrained the ranker on the clean labels. The false alarm rate dropped by "
                   f"four deployments. {said}", "lp-deliver-results-3")
    assert tri.baseline and tri.after, tri
    assert any(role == "after" and "15%" in span or role == "pair" and "15%" in span
               for role, span in tri.slots), tri.slots


def test_f1_near_case_a_time_something_ended_is_no_level():
    assert not triad_of("The project ended at 5 pm on Friday, and I went home.",
                        "lp-deliver-results-3").after
