"""Session 23 (issue #17: the brief shows the numbers as spoken, in their roles, with the metric
named), QA26 leftovers in `analysis.facts`:

- F1: a before → after pair is named by the metric said in its clause in any wording of that
  kind — the topic said first, before a comma, with only a pronoun as the subject after it ("the
  rate of failed logins, we pushed it down from …", "duplicate invoices, we cut them …"), a
  topic word opening the sentence ("for abandoned carts it went …", "in terms of refund
  disputes, …"), the verb's subject with what it is of ("the share of tickets with no owner went
  down …") — and never by a phrase that says when, who or how ("before the rollout, …", "for
  the first quarter …", "for example, …").
- F2: a change whose words give no direction ("went out in my 4 points", Whisper's "went down
  by") is shown with its amount and "[direction?]", never with a sign nobody said.

The sentences are this test's own."""

from __future__ import annotations

import pytest

from voice_coach.analysis.facts import triad_values
from voice_coach.analysis.triad_said import metric_label


@pytest.mark.parametrize("text, name", [
    ("The rate of failed logins, we pushed it down from 9% to 4%.", "rate of failed logins"),
    ("Duplicate invoices, we cut them from 7% to 2%.", "duplicate invoices"),
    ("And the share of empty search pages, it dropped from 18 to 6 percent.",
     "share of empty search pages"),
    ("For abandoned carts it went from 30% to 21%.", "abandoned carts"),
    ("In terms of refund disputes, we went from 11% to 6%.", "refund disputes"),
    ("The share of tickets with no owner went down from 40% to 15%.",
     "share of tickets with no owner"),
])
def test_a_pair_is_named_by_the_metric_said_in_its_clause(text, name):
    t = triad_values(text)
    assert t.baseline is not None and t.after is not None, t
    assert metric_label(t.metric) == name, t


@pytest.mark.parametrize("text", [
    "Before the rollout, we brought it down from 9% to 4%.",
    "For the first quarter it went from 30% to 21%.",
    "For example, we cut it from 7% to 2%.",
    "So, we went from 11% to 6%.",
    "The dashboard was slow, we brought it from 9 to 4 seconds.",
])
def test_when_who_or_how_names_no_metric(text):
    """Near cases: a phrase that says when, how, or a clause of its own is no metric's name."""
    t = triad_values(text)
    assert t.baseline is not None, t
    assert metric_label(t.metric) is None, t


@pytest.mark.parametrize("text, change", [
    ("Support escalations, they went out in my 4 points, so agents had time again.",
     "4 points [direction?]"),
    ("Our relist rate moved by about 2 points after the change.", "2 points [direction?]"),
])
def test_a_change_with_no_direction_heard_gets_no_sign(text, change):
    t = triad_values(text)
    assert t.change == change, t


def test_the_topic_names_a_change_too():
    t = triad_values("Support escalations, they went out in my 4 points, so agents had time again.")
    assert metric_label(t.metric) == "support escalations", t


@pytest.mark.parametrize("text, change", [
    ("Support escalations went down by 4 points.", "−4 points"),
    ("Support escalations, they fell by 4 points.", "−4 points"),
    ("Support escalations rose by 4 points.", "+4 points"),
    ("Support escalations went up by 4 points.", "+4 points"),
])
def test_a_change_said_with_its_direction_keeps_its_sign(text, change):
    """Near cases: a direction said is shown."""
    assert triad_values(text).change == change
