"""QA22 F7: a metric said first, as the sentence's topic, with its level in a clause whose
subject is only "we" or "it" ("The reason for call accuracy, we were at 62 %") is the metric's
name (`analysis.facts.triad_values`, `metric_of_quantity`); a phrase before the comma that says
when, where or how ("Before my change, we were at …") names nothing. Own wordings."""

from __future__ import annotations

import pytest

from voice_coach.analysis.facts import metric_of_quantity, triad_values


@pytest.mark.parametrize("text, name", [
    ("The first contact resolution, we were at 58% with the old rules. Now we are at 81%.",
     "first contact resolution"),
    ("Our churn among new sellers, it was 14% that spring. Today we are at 9%.",
     "churn among new sellers"),
])
def test_a_metric_said_as_the_topic_names_the_level(text, name):
    assert name in (triad_values(text).metric or ""), triad_values(text)


@pytest.mark.parametrize("text, level", [
    ("Before my change, we were at 58%. Now we are at 81%.", "58%"),
    ("In the old system, it was 40%. Now it is 20%.", "40%"),
    ("So, we were at 40%. Then we got to 60%.", "40%"),
])
def test_a_time_or_a_place_before_the_comma_names_nothing(text, level):
    """Near case: when or where the level was is no metric's name."""
    assert metric_of_quantity(text, level) is None


# --- QA21 F4: a range inside the metric's name ----------------------------------------------

@pytest.mark.parametrize("text, pair, name", [
    ("The share of invoices unpaid from 30 to 90 days went from 21% to 14% after the model.",
     ("21%", "14%"), "share of invoices unpaid"),
    ("Our churn from 3 to 6 months dropped from 9% to 5% once the emails went out.",
     ("9%", "5%"), "churn"),
])
def test_a_range_in_the_metric_name_is_no_pair(text, pair, name):
    t = triad_values(text)
    assert (t.baseline, t.after) == pair, t
    assert name in (t.metric or ""), t


@pytest.mark.parametrize("text, pair", [
    ("The wait went from 30 to 60 days after the change.", ("30 days", "60 days")),
    ("It went from 30 to 60 days, then dropped from 17% to 12%.", ("30 days", "60 days")),
])
def test_a_range_that_is_the_change_stays_the_pair(text, pair):
    """Near case: a from … to that is itself what changed stays the pair."""
    t = triad_values(text)
    assert (t.baseline, t.after) == pair, t
