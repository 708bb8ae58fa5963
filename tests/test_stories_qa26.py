"""Session 22 (issue #17: the brief shows each triad with the numbers as spoken; nothing
invented) — QA26 F1: a promised time set against the time it really took, told in the
Situation ("the app says 10 minutes and the parcel shows up after 25"), is no before → after of
the work. The bare number right after "after", read in the duration's unit, says when, as
"after 25 minutes" does (`numbers.change_pairs`), so the report, the bank and the brief take
the level the work moved ("from 30 to 12 percent").

The sentences are this test's own (not the QA26 persona's)."""

from __future__ import annotations

import pytest

from voice_coach.analysis.numbers import change_pairs
from tests.test_stories_qa24 import _bank
from tests.tools import main_stdout
from tests.tools import triad_of

PROMISE = ("At the grocery delivery start-up, shoppers kept writing to us in anger. {promise} "
           "Nobody owned it, so I took it. I rebuilt the arrival estimate with the pickers' own "
           "scan times and I rolled it out store by store. {result} I learned to read the "
           "tickets, not only the dashboard.")
RESULT = "The share of late orders, we brought it down from 30 to 12 percent."


@pytest.mark.parametrize("clause", [
    "the app says 10 minutes, and the parcel shows up after 25.",
    "the screen shows 20 minutes and the courier arrives after 45.",
])
def test_a_promise_against_when_it_came_is_no_pair(clause):
    assert change_pairs([clause]) == [], change_pairs([clause])


@pytest.mark.parametrize("clauses, pair", [
    # near cases: a level reached after the change marker stays a pair
    (["the backlog was 12000 tickets.", "after that it sat at around 3000"],
     "12000 to around 3000"),
    (["the false alarm rate was about 12%.", "after the fix it came out at about 6"],
     "about 12% to about 6%"),
    (["the queue wait was 40 minutes.", "after the fix it was 15 minutes"],
     "40 minutes to 15 minutes"),
])
def test_a_level_after_the_change_marker_stays_a_pair(clauses, pair):
    assert [p.text for p in change_pairs(clauses)] == [pair]


def _triad(qid: str, text: str):
    return triad_of(text, qid)


def test_the_report_reads_only_the_result_pair():
    text = PROMISE.format(promise="The app says 10 minutes, and the parcel shows up after 25.",
                          result=RESULT)
    tri = _triad("lp-customer-obsession-1", text)
    assert tri.slots == (("pair", "30% to 12%"),), tri
    # the promised time is no slot of its own either: the triad reads as if it was not told
    plain = _triad("lp-customer-obsession-1",
                   PROMISE.format(promise="Orders came late all the time.", result=RESULT))
    assert (tri.baseline, tri.after, tri.business_outcome) == \
        (plain.baseline, plain.after, plain.business_outcome), (tri, plain)


def test_the_bank_and_brief_show_the_result_not_the_promise(tmp_path, capsys):
    text = PROMISE.format(promise="The app says 10 minutes, and the parcel shows up after 25.",
                          result=RESULT)
    root, bank = _bank(tmp_path, ("lp-customer-obsession-1", text))
    (story,) = bank.stories
    assert (story.triad.baseline, story.triad.after) == ("30%", "12%"), story.triad
    brief = " ".join(main_stdout(capsys, "brief", "--recordings", str(root)).split())
    assert "30% → 12%" in brief and "10 minutes" not in brief, brief


def test_a_lone_real_pair_stays(tmp_path):
    """Near case: with no promise told, the one pair the work moved is the triad."""
    text = PROMISE.format(promise="Orders came late all the time.", result=RESULT)
    _, bank = _bank(tmp_path, ("lp-customer-obsession-1", text))
    (story,) = bank.stories
    assert (story.triad.baseline, story.triad.after) == ("30%", "12%"), story.triad


def test_a_time_pair_the_work_moved_stays(tmp_path):
    """Near case: a wait the work cut, said with "from … to", is the triad."""
    text = PROMISE.format(promise="Orders came late all the time.",
                          result="The average wait, we brought it down from 40 to 15 minutes.")
    _, bank = _bank(tmp_path, ("lp-customer-obsession-1", text))
    (story,) = bank.stories
    assert (story.triad.baseline, story.triad.after) == ("40 minutes", "15 minutes"), story.triad
