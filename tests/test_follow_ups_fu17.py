"""Follow-up replies, session 17: checks of the asked KIND (`follow_ups.KIND_CHECKS`), one per
kind of false credit the labellers of the tuning sets named — a volume for "how big" (not
latency or machines), both sides of a trade-off (not its cost alone), the own part not handed to
others, an own step that is no habit, what was asked not handed on to another party, a number
when the wording asks for one, the occasion asked about rather than a habit. Own wordings, not
the sets' items; the real pipeline where a verdict is checked."""

from __future__ import annotations

import re

import pytest

from tests.follow_up_answers import follow_up_reply, main_answer
from voice_coach.analysis.numbers import normalize_numbers
from voice_coach.analysis.reply_fit import (gain_said, hands_off, step_told, told_as_habit,
                                            volume_said)


def _clauses(text: str) -> list[str]:
    """Plain clauses as `facts.plain_clauses` gives the judge: numbers normalised, lower case."""
    text = normalize_numbers(text).lower().replace("?", ".")
    return [c.strip() for c in re.split(r"\.\s+|\.$", text) if c.strip()]


# ---- a volume, not how fast or on what ------------------------------------------------------

@pytest.mark.parametrize("reply", [
    "We scored about 800 thousand invoices a month",
    "The catalogue had 40 million items and about 9 thousand sellers",
    "Around 300 tickets a week came through it",
    "Hundreds of thousands of drivers used the app every day",
])
def test_a_volume_is_said(reply):
    assert volume_said(reply)


@pytest.mark.parametrize("reply", [
    "The p95 latency stayed under 90 milliseconds on two GPUs",
    "It ran on 6 machines at 40 percent utilisation, and a retrain took 3 hours",
    "Response time was 250 ms and accuracy was 91 percent",
])
def test_speed_or_machines_are_no_volume(reply):
    assert not volume_said(reply)


# ---- both sides of a trade-off ----------------------------------------------------------------

def test_a_cost_alone_is_one_side():
    assert not gain_said(_clauses(
        "It cost us two months, the release slipped, and the recall dropped by 3 points when "
        "we took out the postcode features. The sales team was annoyed."))


@pytest.mark.parametrize("reply", [
    "We lost two months, but it was worth it: the regulator signed off first time.",
    "Recall dropped by 3 points, in return the model became explainable to the underwriters.",
    "Slower to retrain, but much cheaper to serve.",
])
def test_the_side_that_wins_is_said(reply):
    assert gain_said(_clauses(reply))


# ---- the own part handed to others ----------------------------------------------------------

def test_work_handed_to_other_parties_is_no_own_part():
    assert hands_off(_clauses(
        "The call was made by our VP of sales. After that the platform crew rebuilt the ingestion "
        "and Tom's team rewrote the scoring jobs. I was in most of the meetings."))


def test_own_steps_beside_others_work_are_an_own_part():
    assert not hands_off(_clauses(
        "The platform crew rebuilt the ingestion. I wrote the backfill script and I reran the "
        "scoring for the three broken weeks. I also set up the alert on late files."))


# ---- a step told, not a habit ---------------------------------------------------------------

def test_habit_steps_are_no_step_told():
    text = ("As a rule I keep my calendar open for juniors. I generally pair with them on the "
            "first tickets, and I always ask them to present early.")
    assert not step_told(_clauses(text))
    assert step_told(_clauses("I paired with her on the first two tickets. Then I asked her "
                              "to present the feature audit at the team review."))


def test_a_habit_told_for_the_occasion_asked():
    assert told_as_habit(_clauses(
        "This was the churn model. My standard approach for any model is to plot the "
        "calibration curve and check the top decile."))
    assert not told_as_habit(_clauses(
        "On the churn model I plotted the calibration curve. The top decile was "
        "overconfident, so I refit the isotonic layer and checked it again."))


# ---- through the real pipeline --------------------------------------------------------------

MAIN_MIGRATION = ("I led the migration of our fraud features to the new streaming platform. "
                  "We moved forty feature jobs in six weeks and the nightly batch was switched "
                  "off without an incident.")


def test_an_own_part_handed_to_others_is_not_supplied():
    main, q = main_answer(MAIN_MIGRATION, "lp-ownership-1")
    handed = follow_up_reply(
        "So the plan itself was decided by our head of data. The streaming team built the new "
        "connectors, and Priya's squad rewrote the feature jobs. I was around for all of it, "
        "keeping people in sync.", main, q, "no_i")
    assert not handed.follow_up_check.supplied, handed.follow_up_check
    own = follow_up_reply(
        "I wrote the migration plan and I built the parity checker that compared the old and "
        "new features every night. I also moved the twelve hardest jobs myself.",
        main, q, "no_i")
    assert own.follow_up_check.supplied, own.follow_up_check


def test_steps_told_as_habits_are_not_supplied():
    main, q = main_answer(MAIN_MIGRATION, "lp-ownership-1")
    habit = follow_up_reply(
        "In general I always start with a written plan. I usually align with the stakeholders "
        "early, and as a rule I keep a checklist, communication is very important.",
        main, q, "no_action")
    assert not habit.follow_up_check.supplied, habit.follow_up_check
    told = follow_up_reply(
        "First I listed the forty jobs by risk. Then I built a parity checker, I ran old and new "
        "side by side for two weeks, and I switched off the batch job job by job.",
        main, q, "no_action")
    assert told.follow_up_check.supplied, told.follow_up_check


def test_a_wording_that_asks_why_needs_the_side_that_wins():
    """A question's wording that asks whether the cost was worth it is not answered by the cost
    alone (`kind_missing` reads the wording)."""
    from voice_coach.follow_ups import KIND_CHECKS

    assert KIND_CHECKS["gain"].asked("Did it cost you anything? How did you justify it?", True)
    assert not KIND_CHECKS["gain"].asked("What is the weakness of this approach?", True)
    assert KIND_CHECKS["gain"].asked("What trade-offs did you weigh?", False)


def test_speed_for_how_big_is_not_supplied():
    main, q = main_answer(MAIN_MIGRATION, "lp-ownership-1")
    speed = follow_up_reply("The p99 latency was 40 milliseconds on eight machines.",
                            main, q, "no_scale")
    assert not speed.follow_up_check.supplied, speed.follow_up_check
    volume = follow_up_reply("It scored about two million card payments a day, for around "
                             "nine hundred thousand customers.", main, q, "no_scale")
    assert volume.follow_up_check.supplied, volume.follow_up_check


# ---- each check through the real pipeline, in wordings of our own ---------------------------

MAIN_CHURN = ("I owned the renewal reminder project for our small-business plans. I rebuilt the "
              "reminder timing model and we brought the monthly cancellation rate down to "
              "four point two percent, which the finance team was very happy about.")


def test_the_after_value_again_or_a_target_is_no_number_before():
    main, q = main_answer(MAIN_CHURN, "lp-deliver-results-3")
    reply = follow_up_reply(
        "So the goal from our VP was to get below four percent, and we got to four point two, "
        "which is close. Since then it has held at four point two, four point three every month.",
        main, q, "no_baseline")
    assert not reply.follow_up_check.supplied, reply.follow_up_check
    told = follow_up_reply("Before my change the monthly cancellation rate was about six point "
                           "five percent.", main, q, "no_baseline")
    assert told.follow_up_check.supplied, told.follow_up_check


def test_a_level_said_after_the_change_is_no_number_before():
    main, q = main_answer(MAIN_CHURN, "lp-deliver-results-3")
    reply = follow_up_reply(
        "So, after the change, the cost of the reminders was around nine hundred euros per "
        "month, for the email credits and the scoring. Before, it was really much more, because "
        "the old vendor was expensive and it was sending all night for nothing.",
        main, q, "no_baseline")
    assert not reply.follow_up_check.supplied, reply.follow_up_check


def test_latency_for_how_many_is_no_scale():
    main, q = main_answer(MAIN_CHURN, "lp-deliver-results-3")
    reply = follow_up_reply("The scoring call answers in about thirty milliseconds and it runs "
                            "on two small CPU machines.", main, q, "no_scale")
    assert not reply.follow_up_check.supplied, reply.follow_up_check
    volume = follow_up_reply("About forty thousand small businesses, so roughly a hundred and "
                             "twenty thousand reminders a month.", main, q, "no_scale")
    assert volume.follow_up_check.supplied, volume.follow_up_check


MAIN_SELLER = ("A wholesale customer of ours kept getting their invoices rejected by our import, "
               "every Monday. It was their format, not our bug, but I wrote a small converter "
               "for them over two evenings and walked their accountant through it.")


def test_no_number_when_the_wording_asks_for_one():
    """(Passes before too: the rules hear no result here; the check is what keeps it so when
    they do — `KIND_CHECKS["number"]`.)"""
    main, q = main_answer(MAIN_SELLER, "lp-customer-obsession-1")
    vague = follow_up_reply("They were really relieved, their accountant thanked my manager, "
                            "and Mondays were a lot calmer for everyone after that.",
                            main, q, "no_result")
    assert not vague.follow_up_check.supplied, vague.follow_up_check
    number = follow_up_reply("Rejected invoices went from about thirty a week to two or three.",
                             main, q, "no_result")
    assert number.follow_up_check.supplied, number.follow_up_check


def test_an_outcome_handed_to_another_team_is_not_supplied():
    main, q = main_answer(MAIN_CHURN, "lp-deliver-results-3")
    handed = follow_up_reply(
        "Honestly the commercial side of it was handled by the revenue operations team. Their "
        "analysts tracked that part in their own dashboards, and the finance people did the "
        "business case.", main, q, "no_business_outcome")
    assert not handed.follow_up_check.supplied, handed.follow_up_check


def test_a_lesson_without_a_practice_of_now_is_not_supplied():
    main, q = main_answer(MAIN_SELLER, "lp-customer-obsession-1")
    retold = follow_up_reply(
        "Yeah, like I said, the import was failing every Monday, I looked at their files, I "
        "wrote the converter and it worked. That was a big lesson for me, a humbling one.",
        main, q, "no_learning")
    assert not retold.follow_up_check.supplied, retold.follow_up_check
    practice = follow_up_reply(
        "What I learned is that a customer's format problem is our problem too. Now when a "
        "customer's file fails, I look at one of their raw files before I answer the ticket.",
        main, q, "no_learning")
    assert practice.follow_up_check.supplied, practice.follow_up_check


def test_a_number_of_a_previous_project_is_no_baseline():
    """(Passes before too: the learned switch calls it another story.)"""
    main, q = main_answer(MAIN_CHURN, "lp-deliver-results-3")
    other = follow_up_reply(
        "For this one I don't have the number at hand. In my previous job, at the insurance "
        "company, the cancellation rate was nine percent before we started.",
        main, q, "no_baseline")
    assert not other.follow_up_check.supplied, other.follow_up_check


def test_the_wording_decides_which_checks_apply():
    from voice_coach.follow_ups import KIND_CHECKS

    number, volume, practice = KIND_CHECKS["number"], KIND_CHECKS["volume"], \
        KIND_CHECKS["practice"]
    assert number.asked("How did things change afterwards? Do you have a number?", False)
    assert not number.asked("What happened as a result of you picking it up?", False)
    assert volume.asked("How many customers or requests did it affect?", False)
    assert not volume.asked("Thousands of new items arrive every day. Does your approach "
                            "still work?", False)
    assert practice.asked("How do you make decisions differently since then?", False)
