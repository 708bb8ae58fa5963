"""Session 44, QA67 (issue #13, persona Ana; outputs in tests/data/spent_session44/qa67):
F2 a change's amount ("dropped by roughly 1.8 days") is no level a later one pairs with — never
"1.8 days to 3.1 days", a rise read from a drop; F1 the size of the speaker's team said growing
("my team grew from six people to eight") is a head count, never the metric's before and after."""

from __future__ import annotations

from pathlib import Path

from tests.tools import triad_of

RUN = Path(__file__).parent / "data" / "spent_session44" / "qa67" / "run1"


def _said(name: str) -> str:
    return " ".join((RUN / name).read_text().split())


def test_f2_a_drop_by_an_amount_is_no_start_of_a_pair():
    tri = triad_of(_said("x1_minimal.txt"), "lp-deliver-results-1")
    assert not any(role == "pair" for role, _ in tri.slots), tri.slots
    assert not tri.baseline and tri.after, tri.slots
    full = triad_of(_said("a1_deliver.txt"), "lp-deliver-results-1")
    # the level said with "before" after it is the start, read as the baseline or (session 54)
    # paired with the level said last: 4.9 → 3.1 days
    assert ("baseline", "sat at roughly 4.9 days") in full.slots or any(
        role == "pair" and span.startswith("roughly 4.9 days to") and "3.1" in span
        for role, span in full.slots), full.slots
    assert not any(role == "pair" and "1.8" in span for role, span in full.slots), full.slots


def test_f1_a_team_grown_is_a_head_count_not_a_before_and_after():
    from voice_coach.analysis.numbers import change_pairs, head_count

    said = "and my team grew from 6 people to 8 the following year."
    assert all(head_count(said, m, m + 1) for m in (said.index("6"), said.index("8")))
    assert change_pairs([said]) == []
    tri = triad_of("The director became the sponsor of the program afterwards, and my team "
                   "grew from six people to eight the following year.", "lp-customer-obsession-2")
    assert not tri.baseline and not tri.after, tri.slots
