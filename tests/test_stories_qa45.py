"""Session 40: QA45's findings by mechanism — a level dated by the speaker's arrival ("when I
joined it was 9 minutes") is the baseline of the result said before it, a metric said as the
object of the change ("we got the eta error down to") names the pair, and a change said with a
bound ("by more than half") keeps its bound and what changed."""

from __future__ import annotations

from voice_coach.analysis.numbers import change_pairs, normalize_numbers
from tests.tools import one_story, triad_of

RESULT_FIRST = ("We got the delivery ETA error down to 4 minutes. When I joined it was 9 minutes "
                "on average. I rebuilt the features with courier GPS traces and retrained the "
                "model every night.")
SAME_CLAUSE = ("So we got the approval accuracy to 91 percent, it was at 78 when I joined, mostly "
               "because the document parser was broken. I fixed the parser and retrained.")
BY_MORE_THAN_HALF = ("Nobody owned the nightly scoring job. I took it over, added retries and "
                     "alerts, and we cut the failures by more than half. The risk team got their "
                     "reports on time again, which saved them something like 10 hours a week.")


def _pairs(text: str) -> list[tuple[float, float]]:
    return [(p.before.value, p.after.value)
            for p in change_pairs([normalize_numbers(s) for s in text.lower().split(". ")])]


def test_a_level_dated_by_the_arrival_is_the_baseline_of_the_result_before_it():
    assert _pairs(RESULT_FIRST) == [(9.0, 4.0)]
    assert _pairs(SAME_CLAUSE) == [(78.0, 91.0)]
    tri = triad_of(RESULT_FIRST, "lp-deliver-results-1")
    assert tri.baseline and tri.after, tri.slots


def test_the_arrival_level_pairs_only_with_the_level_said_right_before_it():
    text = ("We had 3 weeks for this. Someone said the old job was flaky. When I took it over "
            "the scoring job took 40 minutes. I split it into partitions and now it takes 6 "
            "minutes.")
    assert (40.0, 3.0) not in _pairs(text) and (40.0, 6.0) in _pairs(text)


def test_the_arrival_names_no_metric(tmp_path):
    _, story = one_story(tmp_path, ("lp-deliver-results-1", RESULT_FIRST))
    assert (story.triad.baseline, story.triad.after) == ("9 minutes", "4 minutes"), story.triad
    assert story.triad.metric == "delivery eta error", story.triad


def test_the_level_ending_the_clause_before_names_nothing(tmp_path):
    _, story = one_story(tmp_path, ("lp-deliver-results-2", SAME_CLAUSE))
    assert story.triad.metric == "approval accuracy", story.triad


def test_a_change_keeps_its_bound_and_what_changed(tmp_path):
    _, story = one_story(tmp_path, ("lp-ownership-1", BY_MORE_THAN_HALF))
    assert story.triad.change == "more than −50%", story.triad
    assert story.triad.metric == "failures", story.triad


def test_an_adverb_opens_no_title(tmp_path):
    _, story = one_story(tmp_path, ("lp-deliver-results-2", SAME_CLAUSE))
    first = story.title.split()[0].lower()
    assert not (first.endswith("ly") and first not in ("anomaly", "family", "supply")), story.title
