"""Session 55 (QA131 F3): an outcome read with no words and no number of its own is called "the
same change, said of customers or the business" only when the report read an after — with a
baseline alone there is no change for it to be."""

from __future__ import annotations

import dataclasses

import pytest

from voice_coach.report import CHANGE_AS_OUTCOME, WORDS_ONLY_OUTCOME, structure_lines
from voice_coach.report_model import MetricTriadInfo

from tests.tools import report_of

STORY = ("At the depot I owned the returns forecast. I rebuilt it with the locker data and moved "
         "the large parcels to sites with space. Customers were happier after that.")


@pytest.mark.parametrize("after, shown", [(False, WORDS_ONLY_OUTCOME), (True, CHANGE_AS_OUTCOME)])
def test_the_same_change_is_said_only_of_a_change_read(after, shown):
    report = report_of(STORY, "lp-customer-obsession-1")
    triad = MetricTriadInfo(baseline=True, after=after, business_outcome=True)
    report = dataclasses.replace(report, structure=dataclasses.replace(
        report.structure, metric_triad=triad))
    line = next(x for x in structure_lines(report) if x.startswith("metric triad:"))
    assert shown in line, line
    if not after:
        assert CHANGE_AS_OUTCOME not in line, line
