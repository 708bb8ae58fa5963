"""The story-switch signals (`analysis.story_switch`) on their own: pure functions on text.

Each signal is checked on a reply that shows it and on a same-story reply of the same shape
that must not (tests/data/follow_ups_tuning_2 has the measured items; these are other words)."""

from __future__ import annotations

import pytest

from voice_coach.analysis.story_switch import (
    SwitchSignals, about_story_person, denied_story, own_work, switch_cue, switch_signals,
    tells_another_story, words_shared,
)

FIRST = ("At the insurer I owned the claims triage model. Adjusters complained that simple "
         "claims waited in the queue behind complex ones, so I added a complexity score and "
         "routed the simple claims to a fast lane. I checked it with the adjusters every week.")
NO_SETUP = dict.fromkeys(("situation", "task", "action"), False)


@pytest.mark.parametrize("reply, said", [
    ("What mattered more that year was the broker portal I redesigned, it cut calls by half.",
     "the broker portal i redesigned"),
    ("We compared against the vendor tool we licensed for invoices, it got sixty percent.",
     "the vendor tool we licensed"),
    ("The biggest one was the fleet telematics feed that we rebuilt, forty thousand vans.",
     "the fleet telematics feed that we rebuilt"),
])
def test_a_thing_the_speaker_made_that_the_story_never_named_is_own_work(reply, said):
    assert own_work(reply, FIRST) == said


@pytest.mark.parametrize("reply", [
    "The fast lane I added took simple claims in under a day.",  # the story's own thing
    "The next day I checked the queue again.",  # a time, not a thing
    "The complexity score we added was the main change.",  # the story's words
])
def test_the_storys_own_things_are_not_own_work(reply):
    assert own_work(reply, FIRST) is None


def test_the_told_story_named_and_denied_is_a_cue():
    reply = "I did all of that myself. That was for the pricing launch though, not the triage one."
    assert denied_story(reply, FIRST) == "not the triage one"
    assert denied_story("We kept the new score, not the old one.", FIRST) is None


@pytest.mark.parametrize("reply", [
    "The same thing happened later in the fraud model, there I fixed it in a day.",
    "It was kind of the same with the motor insurer we onboarded, their queue halved.",
    "It was similar at the bank, the backlog dropped by a third.",
])
def test_the_same_told_of_something_else_is_a_cue(reply):
    assert switch_cue(reply) is not None


@pytest.mark.parametrize("reply", [
    "It was the same fast lane for all regions.",
    "The adjusters said the same thing every week.",
])
def test_the_same_in_the_story_is_no_cue(reply):
    assert switch_cue(reply) is None


def test_a_storys_worth_of_content_without_one_word_of_it_is_another_story():
    other = ("Okay so first I paged the payments on-call, then I pulled the gateway logs, found "
             "that the currency rounding dropped cents on refunds, wrote a patch for the ledger "
             "export and shipped it that night with a regression test.")
    assert words_shared(other, FIRST) == 0
    assert tells_another_story(switch_signals(other, FIRST, NO_SETUP))
    same = ("First I pulled a month of claims, then I wrote the complexity score, then I routed "
            "the simple ones to the fast lane and I sat with two adjusters to check it.")
    assert words_shared(same, FIRST) > 0
    assert not tells_another_story(switch_signals(same, FIRST, NO_SETUP))
    # a vague first answer (here as Whisper heard it) has nothing a reply could share
    vague = ("So, we had a lunch coming up and we were not sure about the day that we talked "
             "about it a lot and we decided to go ahead. We just shipped it and it was five.")
    reply = ("First, I pulled the logs and I fixed the broken rows myself. The logs went out too "
             "weak, early, and tied up through from 10% to 18%.")
    assert words_shared(reply, vague) == 0
    assert not tells_another_story(switch_signals(reply, vague, NO_SETUP))


def test_work_of_a_person_of_the_story_is_in_the_story():
    first = ("I mentored Tom, a new analyst. Every week he brought an analysis and I asked how "
             "he would know it was right.")
    reply = "He grew a lot, he led the churn dashboard project on his own six months later."
    assert about_story_person(reply, first)
    assert switch_signals(reply, first, NO_SETUP).new_work is None
    assert not about_story_person("She led the churn dashboard project.", first)


def test_without_the_first_answer_only_a_cue_with_its_own_set_up_counts():
    sig = SwitchSignals("a different project", None, True, 0, words_shared=0)
    assert tells_another_story(sig)
    assert not tells_another_story(SwitchSignals(None, None, True, 0, "the x model", "y", 0))
