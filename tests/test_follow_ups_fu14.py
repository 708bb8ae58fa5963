"""Follow-up replies, session 14: mechanisms the spent unseen follow-up set 5
(tests/data/follow_ups_tuning_7) showed and that recur on earlier tuning sets — a trade-off told
from one side only or with its cost said as none, a steps reply with no step of the speaker's,
a level said "at present" read as the number before, a story placed in another time, a lesson
said as a routine of now. Own wordings, not the sets' items; the real pipeline where a verdict
is checked."""

from __future__ import annotations

import pytest

from tests.follow_up_answers import follow_up_reply, main_answer
from voice_coach.analysis.reply_fit import before_numbers, cost_said, lesson_said, past_clause
from voice_coach.analysis.story_switch import switch_cue


def _clauses(text: str) -> list[str]:
    return [c.strip() for c in text.lower().replace("?", ".").split(".") if c.strip()]


# ---- a trade-off names what it costs --------------------------------------------------------

@pytest.mark.parametrize("reply", [
    "We gave up some recall on rare classes, but the model was ten times cheaper to run.",
    "The batch job is simpler, the price is freshness: scores are a day old.",
    "Waiting would have meant thousands of dollars in losses over the weekend.",
    "It is slower to retrain, that is the downside.",
])
def test_a_cost_side_is_said(reply):
    assert cost_said(_clauses(reply))


@pytest.mark.parametrize("reply", [
    # one side only: what the chosen option wins
    "Transformers win when the reviews use sarcasm. A bag of words cannot see that at all, so "
    "the transformer is clearly the better tool here.",
    # the cost said as none
    "Honestly, nothing I could measure. It trained in an hour and I am not aware of any "
    "accuracy we sacrificed.",
    "We didn't lose anything on quality, and there was no downside for the support team.",
])
def test_a_one_sided_or_denied_trade_off_says_no_cost(reply):
    assert not cost_said(_clauses(reply))


MAIN_SENTIMENT = ("I would start with a fine-tuned small transformer, score the reviews in a "
                  "nightly batch on a GPU pool and store the labels next to the review.")


def test_a_one_sided_trade_off_does_not_supply_the_trade_off():
    main, q = main_answer(MAIN_SENTIMENT, "nlp-review-sentiment-1")
    one_sided = follow_up_reply(
        "The transformer wins whenever the review is sarcastic or mixed, and a lexicon model "
        "is lexical, it will not catch those at all. I am not aware of any quality we "
        "sacrificed with it, so it is clearly the better choice rather than the lexicon.",
        main, q, "no_tradeoff")
    assert not one_sided.follow_up_check.supplied, one_sided.follow_up_check
    both = follow_up_reply(
        "The trade-off is cost against accuracy: the transformer is more accurate on sarcasm "
        "rather than the lexicon model, but we pay for the GPU pool and it is slower to "
        "retrain, so we gave up same-day labels.", main, q, "no_tradeoff")
    assert both.follow_up_check.supplied, both.follow_up_check


# ---- steps asked: a step of the speaker's ---------------------------------------------------

MAIN_OWNERSHIP = ("Nobody owned the nightly export to finance, it failed twice a week, so I "
                  "took it on and fixed it and the failures stopped.")


def test_a_steps_reply_without_an_own_step_does_not_supply_the_steps():
    main, q = main_answer(MAIN_OWNERSHIP, "lp-ownership-1")
    # the steps done by others, the speaker only sure and right
    others = follow_up_reply(
        "I was sure about it from the start, like I said. The team rewrote the export query and "
        "the platform folks added a retry. It turned out finance was much happier, so I was "
        "right.", main, q, "no_action")
    assert not others.follow_up_check.supplied, others.follow_up_check
    # "we" did it, "I" was confident
    confident = follow_up_reply(
        "I was pretty confident, like I said. We rewrote the query over two days and added "
        "alerts, and it turned out I was right on that one.", main, q, "no_action")
    assert not confident.follow_up_check.supplied, confident.follow_up_check
    steps = follow_up_reply(
        "First I read the last month of failure logs. Then I rewrote the export query so it "
        "no longer timed out, and I added a retry and an alert to our channel.",
        main, q, "no_action")
    assert steps.follow_up_check.supplied, steps.follow_up_check


# ---- the number before: a level said "at present" is now ------------------------------------

def test_a_level_said_at_present_is_no_number_before():
    assert before_numbers(_clauses("So roughly 4000 a month at present.")) == ()
    assert before_numbers(_clauses("At the moment it sits at about 3%.")) == ()
    assert "9000" in before_numbers(_clauses("Before the move it was 9000 a month."))


def test_a_reply_with_only_the_cost_now_does_not_supply_the_number_before():
    main, q = main_answer("I moved our embedding pipeline from always-on GPUs to spot "
                          "instances and batched the jobs, and the bill came down a lot.",
                          "lp-frugality-2")
    now = follow_up_reply("So the bill is, give or take, three thousand dollars a month for "
                          "that pipeline, including storage. Roughly three thousand a month at "
                          "present.", main, q, "no_baseline")
    assert not now.follow_up_check.supplied, now.follow_up_check
    before = follow_up_reply("Before the move it was about nine thousand dollars a month.",
                             main, q, "no_baseline")
    assert before.follow_up_check.supplied, before.follow_up_check


# ---- a story placed in another time ---------------------------------------------------------

@pytest.mark.parametrize("text", [
    "So, years back, on the payments fraud team, we had a leak like that.",
    "A few years ago at my old team we did the same thing.",
    "The clearest one was our pricing model from the year before.",
])
def test_a_story_placed_in_another_time_is_a_switch_cue(text):
    assert switch_cue(text)


@pytest.mark.parametrize("text", [
    "Two years ago, before my change, the rate was 8%.",
    "The year before, churn had been flat.",
])
def test_the_storys_own_past_is_no_switch_cue(text):
    assert not switch_cue(text)


# ---- a lesson said as a routine of now ------------------------------------------------------

def test_a_lesson_said_as_a_routine_of_now():
    assert lesson_said(_clauses("Now I do it more structured. First week, I build the smallest "
                                "end-to-end version on our own data."))
    # "now" with nothing in particular after it is still no lesson
    assert not lesson_said(_clauses("I'm just more careful now. It was a hard week."))


def test_an_ed_word_after_a_degree_word_is_no_past_verb():
    assert not past_clause("now i am more structured about it")
    assert past_clause("i structured the plan in two phases")


def test_a_questions_own_wording_that_asks_the_cost_needs_a_cost_said():
    main, q = main_answer("For the ticket classifier I would train LoRA adapters on the base "
                          "model, one per customer, instead of fine-tuning all the weights.",
                          "llm-lora-vs-full-1")
    wording = dict(q.follow_ups)["no_tradeoff"]
    assert cost_said([wording.lower()]), wording  # the wording asks what is given up
    denied = follow_up_reply(
        "In my experience essentially none. The adapters train in an hour, they are a few "
        "megabytes each, and I am not aware of any quality we sacrificed with adapters.",
        main, q, "no_tradeoff")
    assert not denied.follow_up_check.supplied, denied.follow_up_check
    said = follow_up_reply(
        "With adapters we lose a little quality on long generation, about one point on our "
        "summary score, and we pay for it with a second training run when the base changes.",
        main, q, "no_tradeoff")
    assert said.follow_up_check.supplied, said.follow_up_check


# ---- a question's own word said by a kind of it its key points list --------------------------

def test_a_kind_the_key_point_lists_says_the_asked_word():
    from voice_coach.follow_ups import term_kinds

    main, q = main_answer("I would start from a pretrained backbone, augment the photos, audit "
                          "the labels and split near duplicates so they never cross train and "
                          "test.", "cv-data-prep-1")
    assert {"crops", "flips"} <= set(term_kinds(q, "augmentations"))
    hurts = follow_up_reply(
        "Vertical flips hurt here, a bottle upside down is not a real photo. And strong crops "
        "can cut away the logo that tells two products apart, so I keep them weak.",
        main, q, "no_tradeoff")
    assert hurts.follow_up_check.supplied, hurts.follow_up_check
    # the wording asks what could hurt: kinds named only as good say no cost
    praised = follow_up_reply("Flips and crops are great, they double the data for free and the "
                              "model gets much more robust.", main, q, "no_tradeoff")
    assert not praised.follow_up_check.supplied, praised.follow_up_check
