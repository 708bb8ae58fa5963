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


RANGE_OF_CHANGE = ("Our loan assistant handed too many chats to humans, so I rebuilt the retrieval. "
                   "Now the handover to a human agent is at 14 percent of the chats. And the "
                   "customer satisfaction score went up between 12 and 14 points.")


def test_a_change_said_as_a_range_is_not_its_upper_end(tmp_path):
    _, story = one_story(tmp_path, ("lp-customer-obsession-3", RANGE_OF_CHANGE))
    assert story.triad.change != "+14 points" and story.triad.after == "14%", story.triad


FIXED_ALARMS = ("In the fraud team the false alarm rate was 35 percent. I found a broken timestamp "
                "join and fixed it, and now the false alarm rate is 18 percent. ")


def test_people_s_time_freed_is_an_outcome():
    for said in ("That freed 15 hours a week for the analysts.",
                 "It gave the analysts about 15 hours a week back."):
        tri = triad_of(FIXED_ALARMS + said, "lp-dive-deep-1")
        assert tri.business_outcome and ("outcome", "15 hours a week") in tri.slots, tri.slots
    assert not triad_of(FIXED_ALARMS + "We freed the model from the old features.",
                        "lp-dive-deep-1").business_outcome


def test_work_taken_off_people_is_the_outcome_in_one_slot(tmp_path):
    text = FIXED_ALARMS + "The analysts handle about 400 fewer cases a week."
    tri = triad_of(text, "lp-dive-deep-1")
    assert tri.business_outcome, tri.slots
    assert [role for role, _ in tri.slots] == ["pair", "outcome"], tri.slots
    _, story = one_story(tmp_path, ("lp-dive-deep-1", text))
    shown = story.triad.outcome or story.triad.effect or ""
    assert "400" in shown and "−400 fewer" not in shown, story.triad


def test_a_verb_heard_after_a_metric_name_is_no_part_of_it():
    from voice_coach.analysis.triad_said import metric_label

    assert metric_label("false positive rate won") == "false positive rate"  # Whisper's "was"
    assert metric_label("error rate fell") == "error rate"
    assert metric_label("mister looked") is None  # a clause heard for a name stays no name


GARBLED_MONEY = ("At the mining company I built a vibration detector for the haul trucks. Unplanned "
                 "breakdowns went from 22 a month to 8 a month. And the saving was about $500, $20 "
                 "million, $1,000,000 per month. A year, which is like $560,000.")
SAID_TWICE = ("I rebuilt the fraud rules. Chargebacks went from 2 percent to 0.5 percent, which "
              "saved about 2 million dollars a year, that is roughly 170 thousand dollars per "
              "month.")


def test_money_amounts_an_order_apart_are_shown_to_be_checked(tmp_path):
    _, story = one_story(tmp_path, ("lp-deliver-results-1", GARBLED_MONEY))
    assert story.triad.outcome.startswith("outcome heard as $500"), story.triad
    assert story.triad.outcome.endswith("check this number"), story.triad


def test_one_outcome_said_per_year_and_per_month_is_one(tmp_path):
    _, story = one_story(tmp_path, ("lp-deliver-results-2", SAID_TWICE))
    assert story.triad.outcome == "$2M a year", story.triad
