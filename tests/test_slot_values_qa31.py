"""QA31 F2 (issue #17) in `analysis.slot_values`: a scale quote is shown without the linking
verb before its figure, so a gate said as a sentence fits the bank's scale line. Own wordings."""

from __future__ import annotations

from voice_coach.analysis.slot_values import scale_figure


def test_the_linking_verb_before_a_scale_figure_is_left_out():
    assert scale_figure("regression rate on nightly deploys is now under 2%") \
        == "regression rate on nightly deploys under 2%"
    assert scale_figure("latency sla is 200 milliseconds") == "latency sla 200 milliseconds"


def test_a_volume_is_only_written_short():
    """Near cases: no linking verb, or one not before a figure, stays as said."""
    assert scale_figure("500000 trips a day") == "500K trips a day"
    assert scale_figure("sla is met every week") == "sla is met every week"
