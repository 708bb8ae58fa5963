"""Session 23 (issue #17: the brief shows each triad with the numbers as spoken, in their roles,
with the metric named; nothing invented) — the QA25 / QA26 leftovers as the bank and the brief
show them:

- QA26 F1: the pair is named by the metric said as the sentence's topic ("the share of late
  orders, we brought it down from 30 to 12 percent" → "share of late orders 30% → 12%").
- QA26 F2: a change heard with no direction ("went out in my 4 points") is "4 points
  [direction?]", never "+4 points".
- QA25 F2: a saving whose currency word was misheard, said with what it was saved in ("we saved
  them out 60,000 sediments in the delivery costs") is the outcome, "60K [currency?]"; the same
  said with the currency ("60,000 cedis") is "60K cedis"; things counted are no money.

The sentences are this test's own."""

from __future__ import annotations

import pytest

from tests.test_stories_qa24 import _bank
from tests.tools import main_stdout

STORY = ("At the grocery delivery start-up, shoppers kept writing to us in anger. Nobody owned "
         "it, so I took it. I rebuilt the arrival estimate with the pickers' own scan times and "
         "I rolled it out store by store. {result} I learned to read the tickets, not only the "
         "dashboard.")


def _brief(tmp_path, capsys, result: str, qid: str = "lp-customer-obsession-1"):
    root, bank = _bank(tmp_path, (qid, STORY.format(result=result)))
    (story,) = bank.stories
    return story, " ".join(main_stdout(capsys, "brief", "--recordings", str(root)).split())


def test_the_pair_is_named_by_the_topic_said_first(tmp_path, capsys):
    _, brief = _brief(tmp_path, capsys,
                      "The share of late orders, we brought it down from 30 to 12 percent.")
    assert "share of late orders 30% → 12%" in brief, brief


def test_a_change_heard_with_no_direction_is_marked_not_signed(tmp_path, capsys):
    story, brief = _brief(tmp_path, capsys, "Support escalations, they went out in my 4 points, "
                                            "so the agents had time again.")
    assert story.triad.change == "4 points [direction?]", story.triad
    assert "support escalations 4 points [direction?]" in brief and "+4" not in brief, brief


def test_a_change_heard_with_its_direction_keeps_it(tmp_path, capsys):
    """Near case: "went down by" is a change downward."""
    story, _ = _brief(tmp_path, capsys, "Support escalations, they went down by 4 points, so "
                                        "the agents had time again.")
    assert story.triad.change == "−4 points", story.triad


@pytest.mark.parametrize("saved, shown", [
    ("we saved them out 60,000 sediments in the delivery costs", "60K [currency?]"),
    ("we saved about 60,000 cedis in the delivery costs", "60K cedis"),
])
def test_a_saving_in_costs_is_the_outcome(tmp_path, capsys, saved, shown):
    story, brief = _brief(tmp_path, capsys, f"Late orders went from 30% to 12%, and {saved}.")
    assert story.triad.outcome is not None and shown in story.triad.outcome, story.triad
    assert shown in brief, brief


def test_things_counted_are_no_money(tmp_path, capsys):
    """Near case: "saved 60,000 clicks in the checkout" counts clicks."""
    story, brief = _brief(tmp_path, capsys, "Late orders went from 30% to 12%, and we saved "
                                            "about 60,000 clicks in the checkout.")
    assert "60K" not in (story.triad.outcome or "") and "[currency?]" not in brief, \
        (story.triad, brief)
