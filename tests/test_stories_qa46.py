"""Session 40: QA46 (issue #17, persona Tomás) by mechanism — a baseline hedged and dated by the
arrival ("it was more or less 20 per month when I started") after its result; a ratio said "3 of
every 4" and "1 in 5, more or less"; the time it took ("after 6 months it was …") is neither the
after nor the metric's name; what the speaker used to SAY of a number is no level of it."""

from __future__ import annotations

from voice_coach.analysis.numbers import normalize_numbers, quantities
from tests.tools import one_story, triad_of

HEDGED_LATE = ("At the mining company the haul trucks broke down a lot, so I built a vibration "
               "detector. In the end we got the unplanned breakdowns down to like 9 per month, "
               "and it was more or less 20 per month when I started.")
RATIO_STORY = ("I mentored a junior engineer. At the start I was sending back like three of every "
               "four of her pull requests with changes. After six months it was one in five, more "
               "or less. She got promoted last March.")
RETRACTED = ("The unplanned breakdowns went from 22 a month to 8 a month. I used to say 20, but I "
             "checked my notes and it was 22. That saved about 560 thousand dollars a year.")


def test_ratios_said_of_every_and_hedged_after():
    assert [(q.text, q.value) for q in quantities(normalize_numbers(
        "i was sending back 3 of every 4 of her pull requests"))] == [("3 of every 4", 75.0)]
    assert [q.value for q in quantities(normalize_numbers("it was one in five, more or less"))] \
        == [20.0]


def test_a_hedged_baseline_dated_by_the_arrival(tmp_path):
    tri = triad_of(HEDGED_LATE, "lp-ownership-1")
    assert tri.baseline and tri.after, tri.slots
    _, story = one_story(tmp_path, ("lp-ownership-1", HEDGED_LATE))
    assert (story.triad.baseline, story.triad.after) == ("20 a month", "9 a month"), story.triad
    assert story.triad.metric == "unplanned breakdowns", story.triad


def test_the_time_it_took_is_no_after_and_no_name(tmp_path):
    _, story = one_story(tmp_path, ("lp-hire-develop-1", RATIO_STORY))
    assert story.triad.after != "6 months" and "1 in 5" in (story.triad.after or ""), story.triad
    assert story.triad.metric != "months", story.triad


def test_what_the_speaker_used_to_say_is_no_baseline():
    tri = triad_of(RETRACTED, "lp-deliver-results-1")
    assert not any("used to say" in span for _, span in tri.slots), tri.slots
    assert ("pair", "22 a month to 8 a month") in tri.slots, tri.slots
