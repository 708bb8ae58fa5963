"""Follow-up replies, session 13: the mechanisms shared across follow-up kinds that the spent
unseen set (tests/data/spent_session12/followups4) showed — a refusal of the question as asked,
the work given to others, the new version's numbers read as the number before, a road not
taken or a story person read as another story — and QA11 F13 (a reply's evidence shown as bare
numbers; a head count quoted as outcome evidence). Own wordings, not the set's items; the real
pipeline where a report is checked."""

from __future__ import annotations

import pytest

from tests.follow_up_answers import follow_up_reply, main_answer
from voice_coach.analysis.reply_fit import (before_numbers, credits_others, declines,
                                            evidence_said, head_count, lesson_said, work_numbers)
from voice_coach.analysis.story_switch import (SwitchSignals, about_story_person, new_work,
                                               switch_cue, tells_another_story,
                                               throughout_person)
from voice_coach.report import follow_up_lines


def _clauses(text: str) -> list[str]:
    return [c.strip() for c in text.lower().replace("?", ".").split(".") if c.strip()]


# ---- QA11 F13: evidence with its words, no head count ---------------------------------------

def test_a_head_count_is_no_number_of_the_work():
    text = "we were a team of 5 and 3 engineers helped, 2 of us on call; calls fell by 2000 a week"
    assert head_count(text, text.index("5"), text.index("5") + 1)
    assert head_count(text, text.index("3"), text.index("3") + 1)
    assert head_count(text, text.index("2 of"), text.index("2 of") + 1)
    assert work_numbers("We were a team of five, and support calls fell by two thousand a "
                        "week.") == ("2000",)


def test_evidence_is_shown_with_the_words_that_carry_it():
    text = "So, um, before the change the error rate was about twelve percent, I think."
    assert evidence_said(("12%",), text) == ("error rate was about 12%",)
    # a number the text does not say is shown as it is
    assert evidence_said(("7%",), text) == ("7%",)


def test_two_numbers_of_one_clause_are_one_phrase():
    assert evidence_said(("12%", "3%"), "So we cut late deliveries from twelve percent to "
                         "three percent.") == ("cut late deliveries from 12% to 3%",)


def test_reply_report_and_coach_line_quote_words_not_bare_numbers():
    main, q = main_answer("At my last job I owned the fraud model. I rebuilt its features and "
                          "the false decline rate ended at three percent.", "lp-dive-deep-1")
    r = follow_up_reply("Before my change the false decline rate was about twelve percent on "
                        "the old model.", main, q, "no_baseline")
    assert r.follow_up_check.supplied
    line = follow_up_lines(r)[0]
    assert "rate was about 12%" in line, line
    coach = [f.message for f in r.feedback if f.area == "follow_up"]
    assert any("rate was about 12%" in m for m in coach), coach


def test_a_head_count_is_not_quoted_as_the_outcome():
    main, q = main_answer("I led the rollout of the new routing model for support tickets, and "
                          "the model's accuracy went from seventy to eighty five percent.",
                          "lp-deliver-results-1")
    r = follow_up_reply("We were a team of five. For the business it meant support calls fell "
                        "by two thousand a month, which saved about three hundred thousand "
                        "dollars a year.", main, q, "no_business_outcome")
    check = r.follow_up_check
    assert check.supplied, check
    assert "5" not in check.evidence and check.evidence, check.evidence


# ---- a refusal, the work given to others -------------------------------------------------

@pytest.mark.parametrize("reply", [
    "Honestly I'd push back on that framing. One number never tells the story, the trend does.",
    "For me it wasn't really a trade-off. Quality always wins, you hold the line.",
    "I'd be careful putting a figure on it, it moves every quarter. The value is the control.",
    "Look, I'm not going to sit here and take credit for it. We were a team of six.",
])
def test_a_reply_that_refuses_the_question_declines(reply):
    assert declines(_clauses(reply))


@pytest.mark.parametrize("reply", [
    "It was a trade-off between latency and recall, and we chose recall.",
    "The trade-off was speed: we shipped a week later and saved about 2% of errors.",
])
def test_a_trade_off_said_is_no_refusal(reply):
    assert not declines(_clauses(reply))


def test_work_given_to_others_is_no_own_part():
    assert credits_others(_clauses(
        "The pipeline was mostly built by Ana. The alerting rule came from our team lead. "
        "Honestly it was really a team effort. I was very supportive and I used it myself."))
    assert not credits_others(_clauses(
        "I wrote the alerting rule myself and I set up the pipeline. Ana reviewed it."))


def test_an_own_part_handed_to_others_does_not_supply_it():
    main, q = main_answer("We rebuilt the alerting for our data pipelines and the number of "
                          "missed incidents fell a lot.", "lp-ownership-1")
    given_away = follow_up_reply(
        "So the pipeline checks were mostly built by Ana, our tech lead. The paging rule came "
        "from our manager. It was really a team effort. I was very supportive and I used the "
        "checks on my own jobs.", main, q, "no_i")
    assert not given_away.follow_up_check.supplied
    assert not given_away.follow_up_check.switched_story
    own = follow_up_reply("I wrote the pipeline checks myself and I set up the paging rule; "
                          "Ana reviewed my code.", main, q, "no_i")
    assert own.follow_up_check.supplied


# ---- the number before ----------------------------------------------------------------------

def test_the_new_versions_numbers_are_no_number_before():
    clauses = _clauses("Well, the simple version is the nice part. It took me two weeks, and it "
                       "runs on one small server for 40 a month.")
    assert before_numbers(clauses) == ()
    # …until the time before is said again
    assert "90" in before_numbers(_clauses(
        "The new rules engine runs on one server. Before, the old setup needed 90 machines."))


def test_an_after_value_said_again_is_no_number_before():
    clauses = _clauses("We landed at 41%, and it held. So the number that mattered was 41%.")
    assert before_numbers(clauses, ("41%",)) == ()
    assert before_numbers(_clauses("It went over 120 the quarter after.")) == ()


def test_the_points_of_a_spoken_list_are_no_numbers():
    assert before_numbers(_clauses("Numbers on the new version. 2, about 400 lines of rules "
                                   "plus a small model.")) == ()


# ---- another story or not -------------------------------------------------------------------

def test_work_not_done_is_no_other_piece_of_work():
    first = "I built a customer lifetime value model for marketing on my own in six weeks."
    assert new_work("I didn't build the deep sequence model we'd planned, I used a classic "
                    "one.", first) is None
    assert new_work("Instead of the graph embedding pipeline, I kept a batch job.", first) is None
    assert new_work("The pricing engine we launched later cut churn.", first) is not None


def test_a_reply_about_a_person_of_the_story_throughout_is_no_switch():
    first = ("A colleague on my team, Sam, was online every midnight, so I talked to him and we "
             "moved some of his work.")
    reply = ("Much better, I think. He took two weeks off in spring. Then he led the new "
             "promotions model. Last cycle he got promoted to senior.")
    assert about_story_person(reply, first) and throughout_person(reply)
    # a person named in an opening aside only is not the whole reply
    assert not throughout_person("In the end he went his own way. Where it really paid off "
                                 "was the pricing test in Spain, which saved 3% of margin.")


def test_a_set_up_of_its_own_is_no_switch_when_the_first_answer_is_known():
    steps = SwitchSignals(cue=None, shared=0.05, own_setup=True, n_features=30,
                          words_shared=2, first_features=20)
    assert not tells_another_story(steps)
    # without the first answer a cue together with a set-up of its own still tells
    assert tells_another_story(SwitchSignals(cue="another project", shared=None,
                                             own_setup=True, n_features=30))


def test_another_occurrence_had_is_a_switch_cue():
    assert switch_cue("Yeah, slices. We had a similar one last year with the billing table.")
    assert switch_cue("I had another incident like that at the bank.")


def test_a_steps_reply_names_what_it_worked_on_in_the_story():
    main, q = main_answer("When I moved into the data team my first project needed knowledge "
                          "tracing, which I had never done, and I had a month before a pilot.",
                          "lp-learn-be-curious-1")
    r = follow_up_reply("Monday I read the original paper twice. Tuesday I implemented the "
                        "four-parameter model by hand on a public dataset. Wednesday I booked "
                        "an hour with our statistician and went through my questions. Friday I "
                        "ran it on our own answer logs and showed the team.", main, q,
                        "no_action")
    assert r.follow_up_check.supplied and not r.follow_up_check.switched_story


def test_a_deflecting_reply_tells_no_other_story():
    main, q = main_answer("We fine-tuned the support model, sliced the failures by intent, "
                          "added targeted examples and shipped it once it was clearly ahead.",
                          "lp-dive-deep-1")
    r = follow_up_reply("I'd have to go back and check the dashboard, I don't remember the "
                        "figure. Honestly the process is the interesting part, not the number.",
                        main, q, "no_baseline")
    assert not r.follow_up_check.supplied and not r.follow_up_check.switched_story


# ---- a lesson -------------------------------------------------------------------------------

def test_a_lesson_is_said_in_words_of_learning_or_of_what_one_does_now():
    assert lesson_said(_clauses("I have learned that a no usually protects something I "
                                "cannot see."))
    assert lesson_said(_clauses("So now, before I argue, I ask what the constraint is."))
    assert not lesson_said(_clauses("I think I'm just more careful now."))
    assert not lesson_said(_clauses("We did the migration and after six months it worked."))


def test_another_person_than_the_storys_is_a_switch_cue():
    assert switch_cue("You know who really took off was Marcus. Different guy, he was on my "
                      "team two years before.")
    assert not switch_cue("The guy who owned the data helped me.")


def test_an_example_named_in_particular_is_specific_without_a_number():
    main, q = main_answer("I would collect the failed requests, separate recognition errors "
                          "from matching errors, and add the titles to the language model.",
                          "nlp-voice-assistant-2")
    r = follow_up_reply("For example a title in another language than the assistant, like a "
                        "French song title asked by an English user: the recogniser writes "
                        "nonsense. Or a title that is an ordinary phrase, like Hello by Adele.",
                        main, q, "no_example")
    assert r.follow_up_check.supplied and r.follow_up_check.specific, r.follow_up_check
