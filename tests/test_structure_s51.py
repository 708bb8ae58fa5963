"""Session 51: the Task said as a commitment, a request made of the speaker's side, a time box of
one unit or a responsibility "taken up" (spent rounds 57-62: 27 Task misses against 6 false
alarms, most with no clause carrying the Task at all); a cost said against the old one ("a third
of what it was") is a changed business outcome (issue #13)."""

from __future__ import annotations

import pytest

from voice_coach.analysis.structure import label_clause
from tests.tools import report_of, triad_of


@pytest.mark.parametrize("clause", [
    "and we had committed to getting the new scoring live before the holiday peak.",
    "i had promised the ops director that we'd have it ready by june.",
    "the store managers asked us for a weekly reorder list.",
    "the sales people were asking us every week, we want a forecast per region.",
    "so i took up the responsibility of checking every release myself.",
    "and i had a month before we had to demo it to the board.",
    "so i had maybe two months.",
    "and we had, let's say, six weeks for a first version.",
    "and i was the one doing the delivery-slot model, you see.",
    "when i inherited it, the model retrained every night on a gpu cluster.",
])
def test_a_task_said_as_a_commitment_a_request_or_a_time_box_is_a_strong_task_cue(clause):
    assert label_clause(clause)["task"] >= 2


@pytest.mark.parametrize("clause", [
    "we had a bad week before the release.",
    "he asked me why the numbers moved.",
    "the customers kept asking about delivery times.",
    "i had 3 months of data.",
    "we had three weeks for the holidays.",
])
def test_a_week_of_events_or_a_question_asked_is_no_task(clause):
    assert label_clause(clause)["task"] < 2


def test_a_commitment_before_a_deadline_makes_the_task_present():
    text = ("So peak season at the warehouse starts in November. And we had committed to having "
            "the new pick-path model live before the peak. About a month out I could see the "
            "model was fine for small items but bulky ones were a mess. So I went to my manager "
            "and said we ship small items only. We pushed bulky items to January. We went live "
            "a week before the peak, and pick time per order dropped from 14 minutes to 11.")
    star = report_of(text, "lp-deliver-results-2").structure.star
    assert star["task"].present, star


@pytest.mark.parametrize("level", ["about a third of what it was", "roughly half of what it used to be"])
def test_a_cost_said_against_the_old_one_is_the_business_outcome(level):
    triad = triad_of("The first version ran on a big GPU all the time, about 6000 dollars a "
                     "month. I quantised the model and we scale to zero at night. Now the cost "
                     f"is {level}.", "lp-frugality-2")
    assert triad.business_outcome, triad


_OWN_FIX = ("At the insurer our churn campaign was sending the wrong offers. My task was to own "
            "the fix. I stopped the campaign, rolled back the scores and found a renamed column. "
            "I added schema checks. Wrong offers dropped from twelve to three percent. ")


@pytest.mark.parametrize("lesson", [
    "The main conclusion: silent failure is worse than loud failure.",
    "For me the main conclusion was that silent failure is worse than loud failure.",
    "My conclusion, a pipeline has to fail loudly.",
])
def test_the_main_conclusion_is_the_lesson(lesson):
    star = report_of(_OWN_FIX + lesson, "lp-ownership-3").structure.star
    assert star["learning"].present, star


def test_a_conclusion_that_is_a_finding_is_no_lesson():
    star = report_of(_OWN_FIX + "The conclusion was that the column had been renamed.",
                     "lp-ownership-3").structure.star
    assert not star["learning"].present, star


def test_a_time_said_as_the_level_before_closing_its_clause_is_the_baseline():
    """QA102 F1: "became approximately nine hours. It was twenty two hours before, so to say"."""
    triad = triad_of("I was responsible for the arrival forecast. I chose to rebuild it. The mean "
                     "error on arrival became approximately nine hours. It was twenty two hours "
                     "before, so to say, with the old spreadsheet method.", "lp-deliver-results-3")
    assert triad.baseline and triad.after, triad


def test_a_time_ahead_of_an_event_is_no_baseline():
    triad = triad_of("We went live. It was 2 hours before the storm hit and the error was 9 hours.",
                     "lp-deliver-results-3")
    assert not triad.baseline, triad


def test_what_i_take_with_me_is_the_lesson():
    """QA102 F2: "What I take with me is that a silent model is worse than a wrong one"."""
    star = report_of(_OWN_FIX + "What I take with me is that a silent model is worse than a "
                     "wrong one.", "lp-ownership-3").structure.star
    assert star["learning"].present, star


def test_a_cost_that_would_have_been_is_no_baseline():
    """QA102 F5: "Waiting two more weeks would cost approximately four hundred thousand euro"."""
    triad = triad_of("At the shipping line the fuel price jumped in one week, and I had to decide "
                     "whether to change the speed plan. Waiting two more weeks would cost "
                     "approximately four hundred thousand euro in fuel. I chose to slow down the "
                     "vessels on the long routes only. The fuel use on those routes dropped by "
                     "nine percent.", "lp-bias-for-action-1")
    assert not triad.baseline, triad


def test_what_the_business_stopped_losing_is_the_business_outcome():
    """QA101 F3: "we stopped losing around 150 tons of clinker a month"."""
    triad = triad_of("At the cement plant the belt alarm kept firing for nothing. It was on me to "
                     "find out why. I added a delay and a second signal from the belt speed. The "
                     "false stops went from 14 a week to 2, and we stopped losing around 150 tons "
                     "of clinker a month.", "lp-ownership-1")
    assert triad.business_outcome, triad


@pytest.mark.parametrize("said, numbers", [
    ("it was my problem, even at seven in the morning. it was 14% before.", ("14%",)),
    ("we were paged at 3 a.m. and at 7 pm, the error was 9%", ("9%",)),
])
def test_a_time_of_day_is_no_number_of_the_work(said, numbers):
    """QA105 F1: "even at 7 in the morning" was the baseline a follow-up asked for."""
    from voice_coach.analysis.reply_fit import work_numbers

    assert work_numbers(said) == numbers


def test_the_share_the_speaker_names_as_theirs_makes_the_task_present():
    """Spent round 61 (beau-18, both labellers Task ✓): the result told first, then "my piece was
    the forecasting and getting the staffing folks to actually trust it"."""
    import tomllib
    from pathlib import Path

    path = Path(__file__).parent / "data/spent_session50/round61/answers_beau.toml"
    answer = next(a for a in tomllib.loads(path.read_text())["answer"] if a["id"] == "beau-18")
    star = report_of(answer["text"], answer["question_id"]).structure.star
    assert star["task"].present, star


@pytest.mark.parametrize("lesson", [
    # a maxim in the second person, which tells no event of the story
    "You have to not be ashamed to be a beginner at forty, you know?",
    # a maxim in the present after "sometimes it's"
    "Sometimes it's just a bigger hook and the same worm.",
    # what the speaker would do different
    "One thing I would do different, I would collect the test questions first.",
    # the habit the story left, after "after that"
    "After that we always report the metric per segment, not only one number.",
    # the point the story makes, named
    "The point is, the customer knows the pain very well, but not always the solution.",
])
def test_a_lesson_said_in_words_closing_the_story_is_the_learning(lesson):
    """Spent rounds 57-62: lessons said as a maxim, a habit or a point, read as no Learning."""
    text = ("When I joined the forest company I had never done computer vision, and the log "
            "grading project was already promised to the mill. So I took an online course in the "
            "evenings and fine-tuned a pretrained network on our own images. The first version "
            "agreed with the human graders on 88 percent of logs, enough to start the pilot. "
            + lesson)
    star = report_of(text, "lp-learn-be-curious-1").structure.star
    assert star["learning"].present, star


def test_trust_the_speaker_s_side_gained_is_an_outcome():
    """Spent round 60 (nino-15, both labellers ✓): "he trusted my team's numbers more"."""
    triad = triad_of("At the bank I presented a new scoring model to the risk committee and said it "
                     "would cut defaults. Three months later I saw it did not, and it was my "
                     "mistake in the validation. I went back to the same committee with the "
                     "analysis and the fix. The head of risk told me later that after this he "
                     "trusted my team's numbers more, not less.", "lp-earn-trust-2")
    assert triad.business_outcome, triad


@pytest.mark.parametrize("text, asked", [
    ("Okay so, precision is, of all the cases the model says are positive, how many really are "
     "positive? Recall is, of all the real positives, how many the model found? At the bank "
     "recall mattered more.", False),
    ("Is the data labelled? Precision is how many of the flagged cases are right.", True),
])
def test_a_definition_ending_on_its_own_question_is_no_clarifying_question(text, asked):
    """QA101 F8: "✓ you clarified the problem" for definitions Whisper ended with "?"."""
    from voice_coach.analysis.structure import detect_clarifying_question

    assert detect_clarifying_question(text) is asked


def test_an_amount_whose_currency_was_lost_takes_it_from_another_telling(tmp_path):
    """QA105 F2: the brief asked for the currency of "400K [currency?]" that another telling of
    the same story said ("400,000 euro per year")."""
    from tests.tools import one_story

    first = ("At the gas utility the daily demand forecast was mine. One morning it sent the "
             "dispatchers far too much gas because the holiday feature was broken. I fixed the "
             "holiday calendar and added a check on every feature. The forecast error went from "
             "14 percent to 4.5 percent, and we saved about 400000 the year on imbalance "
             "penalties.")
    second = ("The gas demand forecast at the utility was my model. When the holiday feature "
              "broke, it sent far too much gas to the dispatchers. I repaired the holiday "
              "calendar and put a check on every input. The imbalance penalties went down by "
              "about 400,000 euro per year.")
    _, story = one_story(tmp_path, ("lp-ownership-3", first), ("lp-ownership-1", second))
    assert story.triad.outcome == "€400K per year (another telling)", story.triad


@pytest.mark.parametrize("point, example", [
    ("a real model choice and what you measured", True),
    ("the real bottleneck, found by profiling", False),
])
def test_a_key_point_asking_for_a_real_case_is_the_example(point, example):
    """QA104 F2: "a real model choice … ✓" beside "Give a concrete example"."""
    from voice_coach.analysis.facts import _restates

    assert _restates(point, "example") is example


def test_a_pair_told_over_two_clauses_of_what_customers_feel_is_the_outcome():
    """Spent round 56 (bcn-35, both labellers ✓): "the cancellations for lack of time, it was 18
    per month and it finished in 9"."""
    triad = triad_of("At the hospital group the surgery schedule used only the average duration. "
                     "I proposed to schedule with the prediction intervals and a buffer by type "
                     "of surgery. We ran a pilot in one hospital for three months, and the "
                     "late cancellations of surgeries, it was 20 per month and it finished in 8.",
                     "lp-customer-obsession-2")
    assert triad.business_outcome, triad


def test_a_pair_of_a_system_metric_told_over_two_clauses_is_no_outcome():
    triad = triad_of("I moved the ranker to a smaller model and cached the features. The latency "
                     "for users, it was 400 ms at p99 and it finished at 180.",
                     "lp-invent-simplify-1")
    assert not triad.business_outcome, triad


def test_the_working_time_a_task_took_people_is_an_outcome():
    """Spent round 52 (dar-04): "it used to take one planner almost three hours every morning,
    after it was like twenty minutes"."""
    triad = triad_of("The ship arrival times came by email and phone, and nobody owned them. I "
                     "wrote a small parser that put them all into one table with a check on "
                     "every jump. The typing used to take one clerk almost four hours every "
                     "morning, after it was like thirty minutes just to check the flags.",
                     "lp-ownership-1")
    assert triad.business_outcome, triad


def test_people_who_started_using_what_was_built_is_an_outcome():
    """Spent round 55 (shirin-02): "the radiologists started actually using the overlay"."""
    triad = triad_of("The radiologists asked for more sensitivity, but what bothered them were the "
                     "false marks. I trained a second-stage classifier on their own scans. It "
                     "went down to around one false mark per scan, from about five, and the "
                     "doctors started actually using the heatmap.", "lp-customer-obsession-2")
    assert triad.business_outcome, triad


@pytest.mark.parametrize("text", [
    # a setting of the work is no time given back
    "The churn campaign was getting worse. I found the app sent a session end for every few "
    "seconds in the background. I fixed the sessionisation, merged sessions with less than 30 "
    "seconds gap, and retrained.",
    # the name of a model is no churn moved
    "I built player churn models and cheat detection at a games studio for three years, and "
    "now I grade logs from camera images at a sawmill, about 2 years.",
])
def test_a_setting_or_a_model_s_name_is_no_business_outcome(text):
    """Spent round 59 (eero-11, eero-01: both labellers ✗)."""
    assert not triad_of(text, "lp-dive-deep-2").business_outcome


def test_the_point_that_returns_to_the_story_is_no_lesson():
    """Held-out round 65 (bongani-09, both labellers ✗, measured before this fix): "the point
    is" said to come back from an aside, then the story's past."""
    text = ("When we started the call summaries I had never fine-tuned a language model. I took a "
            "short course and read the main papers over two weeks. The tokeniser was the "
            "interesting part, which, anyway. The point is within those two weeks I could talk "
            "to the vendors properly and tell the team what to build. We shipped the pilot in "
            "about eleven weeks.")
    star = report_of(text, "lp-learn-be-curious-1").structure.star
    assert not star["learning"].present, star


def test_a_real_time_told_in_reply_with_the_speaker_s_choice_supplies_it():
    """QA102 F4: a reply to "tell me one specific time" whose step is "I chose to slow down …"
    was judged "one real time ✗" (its Action overruled by the part decision). The tester's own
    answer and the reply as Whisper heard it."""
    from pathlib import Path

    from voice_coach import pipeline

    run = Path(__file__).parent / "data/spent_session51/qa102/run1"
    first = report_of((run / "a3_hypo.txt").read_text(), "lp-bias-for-action-1")
    check = report_of((run / "f3_transcript.txt").read_text(), "lp-bias-for-action-1",
                      follow_up=pipeline.FollowUpOf("no_real_time", first)).follow_up_check
    assert check.supplied, check
