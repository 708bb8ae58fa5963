"""A follow-up reply supplies the asked KIND of thing, ABOUT the story, CONCRETELY
(`analysis.reply_fit`, read by the rubrics of `voice_coach.follow_ups`): one mechanism each,
checked on its own and through the real pipeline (own phrasings, not the tuning sets')."""

from __future__ import annotations

import pytest

from tests.follow_up_answers import follow_up_reply, main_answer
from voice_coach.analysis.numbers import normalize_numbers
from voice_coach.analysis.reply_fit import (before_numbers, deflects, occasion_told, past_clause,
                                            repeats)


def _clauses(*parts: str) -> list[str]:
    return [" ".join(normalize_numbers(p).split()).lower() for p in parts]


# --- a baseline is the number before the change, not where it ended ---------------------------

@pytest.mark.parametrize("said", [
    "we got the page load down to one point eight seconds",
    "latency reached ninety milliseconds",
    "after the rewrite the queue was at forty tickets",
    "today it is at twelve percent",
])
def test_a_number_said_where_the_metric_ended_is_no_baseline(said):
    assert before_numbers(_clauses(said)) == ()


@pytest.mark.parametrize("said", [
    "before the rewrite the queue was about four hundred tickets",
    "the old pipeline took six hours a night",
    "it used to be around thirty percent",
    "when I started the error rate was nine percent",
])
def test_a_number_said_of_the_time_before_is_a_baseline(said):
    assert before_numbers(_clauses(said))


# --- one real time is a past occasion, not a habit or a view ----------------------------------

def test_one_real_time_is_told_in_the_past():
    assert occasion_told(_clauses(
        "in my second month a vendor shipped a broken schema on a Sunday",
        "I paused the import and called their engineer",
        "we reloaded the data on Monday morning"))


@pytest.mark.parametrize("parts", [
    ("honestly I think trust comes from being transparent",
     "people respond well when you share the numbers early"),
    ("normally I write a short doc first", "then we usually review it with the team"),
    ("I've found that most conflicts are about priorities", "that's been true in every team"),
])
def test_a_view_or_a_habit_is_no_occasion(parts):
    assert not occasion_told(_clauses(*parts))


def test_a_perfect_or_a_modal_is_no_simple_past():
    assert not past_clause("i've learned to ask early")
    assert not past_clause("i would have escalated it")
    assert past_clause("i escalated it to the director")


# --- a deflection gives nothing; a hedged number still does -----------------------------------

def test_a_deflection_gives_nothing():
    assert deflects(_clauses("I'm not sure about the numbers", "finance would know that"))


def test_a_hedged_number_is_no_deflection():
    assert not deflects(_clauses("I don't remember exactly", "but it was roughly forty percent"))


# --- a repeat of the first answer adds nothing ------------------------------------------------

FIRST = ("Our invoice parser failed on scanned PDFs from two suppliers. I added an OCR fallback "
         "for low text density pages and I wrote tests with their worst scans. The parse "
         "failures stopped.")


def test_a_restated_first_answer_is_a_repeat():
    again = ("Like I mentioned, the invoice parser failed on the scanned PDFs, so I added the OCR "
             "fallback for low text density pages and wrote tests with the worst scans.")
    assert repeats(again, FIRST, (), ())


def test_a_reply_with_new_content_or_a_new_number_is_no_repeat():
    more = ("I first measured text density on a thousand pages to pick the cut-off, then I "
            "compared OCR engines on forty scans and chose the one with fewer digit errors.")
    assert not repeats(more, FIRST, ("1000", "40"), ())
    number = "The invoice parser failed on the scanned PDFs, about fifteen percent of them."
    assert not repeats(number, FIRST, ("15%",), ())


# --- through the real pipeline ----------------------------------------------------------------

STORY = ("I owned the nightly export of our product feed to the ad platform. Many products were "
         "rejected because the images were the wrong size. I wrote a resize step in the export "
         "and I checked the rejection report every morning for two weeks. Rejections went down a "
         "lot.")


@pytest.mark.parametrize(("key", "reply"), [
    ("no_baseline", "In the end the rejections came down to about two hundred a night."),
    ("no_baseline", "Honestly I'd have to look that up, I don't remember the figure."),
    ("no_action", "As I said, I owned the nightly export of the product feed, the images were the "
                  "wrong size, so I wrote a resize step and checked the rejection report."),
])
def test_an_after_number_a_deflection_or_a_repeat_supplies_nothing(key, reply):
    main, q = main_answer(STORY, "lp-deliver-results-3")
    c = follow_up_reply(reply, main, q, key).follow_up_check
    assert not c.supplied and not c.specific, c
    assert not c.switched_story


def test_the_number_before_supplies_the_baseline():
    main, q = main_answer(STORY, "lp-deliver-results-3")
    c = follow_up_reply("Before the resize step about three thousand products were rejected "
                        "every night.", main, q, "no_baseline").follow_up_check
    assert c.supplied and c.specific, c


def test_a_view_does_not_supply_one_real_time():
    main, q = main_answer("I would look at how reversible the decision is and decide quickly if "
                          "it can be undone.", "lp-bias-for-action-1")
    view = follow_up_reply("Generally I think speed matters more than certainty. Typically we "
                           "ship behind a flag and we usually watch the metrics the next day.",
                           main, q, "no_real_time").follow_up_check
    real = follow_up_reply("Last autumn our address lookup vendor went down during a sale. I "
                           "switched checkout to manual address entry within ten minutes and I "
                           "told support what to expect. We kept almost all the orders.",
                           main, q, "no_real_time").follow_up_check
    assert not view.supplied and real.supplied, (view, real)


# --- concretely: something in particular, not only how much or how good -----------------------

def test_a_lesson_or_result_said_only_as_how_much_is_not_concrete():
    from voice_coach.analysis.reply_fit import concrete
    assert not concrete(_clauses("I learned so much, it was a great experience overall"))
    assert not concrete(_clauses("everything got way better, everybody was pleased"))
    assert concrete(_clauses("I learned to write the rollback plan before the launch"))
    assert concrete(_clauses("the duplicate orders stopped"))
    assert concrete(_clauses("it got better by about ten percent"))


@pytest.mark.parametrize(("key", "fact", "vague", "particular"), [
    ("no_learning", "learning", "I learned a lot from that one, it was a really good experience.",
     "I learned to check the raw data before touching the model, and next time I would add that "
     "check on day one."),
])
def test_a_vague_reply_does_not_supply_it(key, fact, vague, particular):
    """The asked fact is heard in both replies; only the particular one supplies it."""
    from voice_coach.analysis.facts import fact_values
    from voice_coach.analysis.structure import analyze_structure
    main, q = main_answer(STORY, "lp-deliver-results-3")
    assert fact_values(analyze_structure(vague))[fact]
    assert not follow_up_reply(vague, main, q, key).follow_up_check.supplied
    assert follow_up_reply(particular, main, q, key).follow_up_check.supplied


def test_the_earlier_of_two_numbers_of_one_unit_is_a_baseline():
    """A number placed "up to" is still the before of the number of its unit said after it."""
    said = before_numbers(_clauses("after the outage the backlog shot up to five hundred",
                                   "once my fix was in it was down to forty"))
    assert said == ("500",), said


# --- session 12 (fu12): mechanisms read off tests/data/follow_ups_tuning_5, own phrasings ------

@pytest.mark.parametrize("said", [
    "the classifier scores eighty eight percent on the holdout, and live it has been about "
    "eighty five percent for the last quarter",
    "currently we sit at three point one percent churn",
    "so far it's stayed at twelve hundred tickets a week",
])
def test_a_level_said_of_now_is_no_baseline(said):
    """The present perfect, "currently", "so far": a level that holds now, not the number
    before; two such levels of one unit are no before/after pair either."""
    assert before_numbers(_clauses(said)) == ()


def test_a_level_now_beside_a_level_before_keeps_the_before():
    assert before_numbers(_clauses("it was nine percent and has been two percent since the "
                                   "launch")) == ("9%",)
    assert before_numbers(_clauses("before the change it's been stuck at forty minutes")) \
        == ("40 minutes",)


@pytest.mark.parametrize("parts", [
    ("honestly that is a product question more than an engineering one",
     "the product manager owns those numbers"),
    ("I'm not going to guess a figure here", "the analytics team tracks that"),
])
def test_handing_the_question_on_is_a_deflection(parts):
    assert deflects(_clauses(*parts))


def test_a_good_question_is_no_deflection():
    assert not deflects(_clauses("that's a good question", "we measured it weekly on the "
                                 "holdout and it moved a lot"))


def test_saying_the_story_taught_nothing_gives_no_lesson():
    from voice_coach.analysis.reply_fit import denies_lesson
    assert denies_lesson(_clauses("to be fair I didn't really learn anything new from it"))
    assert denies_lesson(_clauses("I don't think it changed much for me"))
    assert not denies_lesson(_clauses("I learned to ask for the data dictionary first"))
    assert not denies_lesson(_clauses("I didn't expect that, and I learned to ask earlier"))


@pytest.mark.parametrize(("parts", "acted"), [
    (("my lead wrote the migration and the analyst checked it", "I was around for all of it"),
     False),
    (("the team did most of it", "I know that sounds vague", "I think it went well"), False),
    (("I wrote the migration script", "and the analyst checked it"), True),
    (("I had to rerun the backfill myself",), True),
])
def test_an_own_part_needs_a_step_said_with_i(parts, acted):
    from voice_coach.analysis.reply_fit import acted_with_i
    assert acted_with_i(_clauses(*parts)) is acted


def test_others_steps_and_being_there_do_not_supply_the_own_part():
    main, q = main_answer("Our team moved the reporting database to the new cluster over a "
                          "weekend, and we kept the dashboards up the whole time.",
                          "lp-ownership-1")
    others = follow_up_reply("Well, my lead wrote the migration plan and the DBA ran the copy. "
                             "I was there the whole weekend, I know that's not much.",
                             main, q, "no_i").follow_up_check
    own = follow_up_reply("I wrote the copy script and I checked every dashboard against the "
                          "old cluster before we switched.", main, q, "no_i").follow_up_check
    assert not others.supplied and own.supplied, (others, own)
