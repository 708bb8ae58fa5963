"""Session 35: QA39 F1 (issue #17) in own wordings — a range said in the metric's definition
("the roll rate, meaning the share of accounts that slip from 30 days past due to 60 days past
due") is no pair, no baseline and no after; the metric's own change still is. The QA transcripts
are in tests/data/spent_session35/qa39."""

from __future__ import annotations

import pytest

from tests.tools import triad_of


@pytest.mark.parametrize("definition", [
    "The measure was the roll rate, meaning the share of accounts that slip from 30 days past due "
    "to 60 days past due.",
    "We tracked the cure rate, that is the share of customers who move from 90 days late to 30 "
    "days late within a month.",
])
def test_a_range_in_the_metric_definition_is_no_level(definition):
    tri = triad_of(definition + " I rebuilt the collections model. After the rollout the rate was "
                   "down to 11.9%.", "lp-deliver-results-1")
    assert not tri.baseline, tri
    assert not any("days" in span for _, span in tri.slots), tri.slots
    assert any(role == "after" and "11.9%" in span for role, span in tri.slots), tri.slots


def test_the_metric_change_after_its_definition_is_still_a_pair():
    tri = triad_of("The roll rate, meaning the share of accounts that slip from 30 days past due "
                   "to 60 days past due, was our headline. I rebuilt the model, and the roll rate "
                   "went from 14.4% to 11.9%.", "lp-deliver-results-1")
    assert ("pair", "14.4% to 11.9%") in tri.slots, tri.slots


def test_f5_a_reply_that_opens_with_before_gives_the_baseline(tmp_path):
    """QA39 F5: the reply to "what was the number before your change?" — "Before the new model,
    the old keyword rules agreed with the senior handlers on about 71% of calls" — is the
    baseline asked for, and the follow-up is answered."""
    from datetime import datetime

    from voice_coach.store import Store
    from tests.tools import save_practice

    answer = ("At the bank I built a model that tags the root cause of each complaint call. I "
              "trained it on twenty thousand calls the senior handlers had labelled and shadowed "
              "it for a month. Now it agrees with the senior handlers on 89% of calls.")
    reply = ("Before the new model, the old keyword rules agreed with the senior handlers on "
             "about 71% of calls.")
    first, second = save_practice(Store(tmp_path / "recordings"), datetime(2026, 11, 20, 9),
                                  "lp-learn-be-curious-1", answer, reply, "no_baseline")
    assert second.structure.metric_triad.baseline, second.structure.metric_triad
    merged = first.with_follow_up  # the answer re-scored with what the reply supplied
    assert merged is not None and merged.counted and merged.facts.get("baseline"), merged


def test_f2_a_number_corrected_in_the_same_breath_is_the_corrected_one():
    from voice_coach.analysis.numbers import normalize_numbers

    said = "the roll rate fell from 14.4% to 11.6%, sorry, let me correct that, 11.9%."
    assert "from 14.4% to 11.9%" in normalize_numbers(said), normalize_numbers(said)
