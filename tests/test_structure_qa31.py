"""QA31 F4 (issue #17) in `analysis.structure`: a service level said with its figure first
("within an 80 millisecond SLA") keeps the figure on the scale line, never a bare "sla". Own
sentences."""

from __future__ import annotations

import pytest

from voice_coach.analysis.structure import detect_scale


@pytest.mark.parametrize("text, span", [
    ("it served 30M searches per day within an 80 millisecond sla.", "80 millisecond sla"),
    ("we kept a 200 ms latency sla on the checkout.", "200 ms latency sla"),
    ("it has a latency sla of 80 milliseconds.", "latency sla of 80 milliseconds"),
])
def test_an_sla_keeps_its_figure_said_before_or_after_it(text, span):
    assert span in detect_scale(text), detect_scale(text)


def test_an_sla_with_no_figure_stays_the_word():
    """Near case: no figure said, the bare service level is what was said."""
    assert detect_scale("we always met the sla.") == ["sla"]


def test_a_small_count_before_an_sla_is_no_volume():
    """Near case: "80 ms" is the SLA's figure, never a volume too small to be scale."""
    assert not any(s.startswith("80 ms") and "sla" not in s
                   for s in detect_scale("it answers within an 80 ms sla."))
