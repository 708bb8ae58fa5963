"""Session 42, QA54 (issue #17, persona Aino; transcripts in tests/data/spent_session42/qa54):
F1 a price said in the set-up ("it cost around €180K") and a score said later ("after three
months of tuning it was 2.4") are never one metric's before and after, and no "$" is invented;
F3 a level said from the end of the work ("In the end the machine had 2.3 web breaks per week")
is the after, with its baseline said after it."""

from __future__ import annotations

from pathlib import Path

from tests.tools import one_story, triad_of

RUN = Path(__file__).parent / "data" / "spent_session42" / "qa54" / "run1"


def test_f1_a_price_and_a_score_make_no_pair():
    tri = triad_of((RUN / "D1.txt").read_text(), "lp-frugality-1")
    shown = " ".join(span for _, span in tri.slots)
    assert "$" not in shown and "180" not in shown, tri.slots
    assert ("pair", "5.3% to 3.1%") in tri.slots, tri.slots


def test_f3_a_level_said_from_the_end_of_the_work_is_the_after():
    tri = triad_of((RUN / "A1.txt").read_text(), "lp-dive-deep-1")
    assert tri.baseline and tri.after, tri.slots
    assert any(role in ("after", "pair") and "2.3" in span for role, span in tri.slots), tri.slots


def test_f3_near_case_had_in_the_set_up_is_no_after():
    tri = triad_of("The machine had 3.7 web breaks per week when I joined. I rebuilt the "
                   "features and sat with the operators.", "lp-dive-deep-1")
    assert not tri.after, tri.slots


def test_f2_the_work_time_against_the_planned_time_is_no_after():
    tri = triad_of((RUN / "C1.txt").read_text(), "lp-invent-simplify-1")
    assert not any("weeks" in span for _, span in tri.slots), tri.slots


B_RETOLD = ("lp-deliver-results-1", (RUN / "B2.txt").read_text())


def test_f5_a_bound_said_of_the_outcome_is_kept_and_is_no_conflict(tmp_path):
    _, story = one_story(tmp_path, ("lp-customer-obsession-3", (RUN / "B1.txt").read_text()),
                         B_RETOLD)
    first = story.tellings[0].triad if story.tellings[0].key < story.tellings[1].key \
        else story.tellings[1].triad
    assert first.outcome == "under €1M a year", first
    assert not story.conflicts, story.conflicts


def test_f5_near_case_a_million_said_flat_is_a_conflict(tmp_path):
    flat = (RUN / "B1.txt").read_text().replace("a bit under a million euros", "two million euros")
    _, story = one_story(tmp_path, ("lp-customer-obsession-3", flat), B_RETOLD)
    assert [c.part for c in story.conflicts] == ["outcome"], story.conflicts
