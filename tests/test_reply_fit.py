"""A follow-up reply supplies the asked KIND of thing, ABOUT the story, CONCRETELY
(`analysis.reply_fit`, read by the rubrics of `voice_coach.follow_ups`): one mechanism each,
checked on its own and through the real pipeline (own phrasings, not the tuning sets')."""

from __future__ import annotations

import pytest

from tests.follow_up_answers import follow_up_reply, main_answer
from voice_coach.analysis.numbers import normalize_numbers
from voice_coach.analysis.facts import number_roles
from voice_coach.analysis.reply_fit import deflects, occasion_told, past_clause, repeats


def _clauses(*parts: str) -> list[str]:
    return [" ".join(normalize_numbers(p).split()).lower() for p in parts]


# --- a baseline is the number before the change, not where it ended --------------------------
# The roles come from `analysis.facts.number_roles`, the one reading of numbers (no copy here).

def _roles(said: str, first: str | None = None) -> list[str]:
    return [r.role for r in number_roles(said, first)]


@pytest.mark.parametrize("said", [
    "we got the page load down to one point eight seconds",
    "latency reached ninety milliseconds",
    "after the rewrite the queue was at forty tickets",
    "today it is at twelve percent",
    "these days activation sits at roughly thirty one percent",
])
def test_a_number_said_where_the_metric_ended_is_no_baseline(said):
    assert _roles(said) == ["after"]


@pytest.mark.parametrize("said", [
    "before the rewrite the queue was about four hundred tickets",
    "the old pipeline took six hours a night",
    "it used to be around thirty percent",
])
def test_a_number_said_of_the_time_before_is_a_baseline(said):
    assert _roles(said) == ["baseline"]


def test_a_level_said_without_a_time_is_read_against_the_first_answer():
    """"It was 8 %" to "what was it before?" is a level (the rubric reads it as the baseline);
    the first answer's own after number said again is the after number."""
    first = "We cut churn to six percent after the pricing change."
    assert _roles("It was eight percent.", first) == ["level"]
    assert _roles("It was six percent.", first) == ["after"]


@pytest.mark.parametrize("said, role", [
    ("the extra GPU nodes cost us about four thousand dollars a month", "cost"),
    ("the budget for the whole thing was about two hundred thousand dollars", "cost"),
    ("for the fix it took me about three days", "effort"),
    ("we were a team of five engineers", "effort"),
    ("the model had been in production for about eight months", "effort"),
    ("the filter sees around forty million messages per day", "scale"),
    ("it improved by something like eighteen percent relative", "change"),
    ("it meant around twelve hundred more completed orders every week", "outcome"),
    ("we trimmed about three seconds off the page load", "change"),
    ("it was a project of around five months", "effort"),
    ("there were me and two other developers on it", "effort"),
    ("at the beginning it took the agents about forty minutes per ticket", "baseline"),
])
def test_a_number_has_the_role_of_what_it_counts(said, role):
    assert _roles(said) == [role]


def test_a_fraction_of_time_taken_is_no_share():
    """"it took us about a quarter" is a stretch of time, not 25 %."""
    assert normalize_numbers("it took us about a quarter.") == "it took us about a quarter."
    assert normalize_numbers("these days it is a quarter.") == "these days it is 25%."


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
    assert not concrete(_clauses("the support team was much less stressed and the feedback "
                                 "was very positive"))
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
    said = number_roles("After the outage the backlog shot up to five hundred. "
                        "Once my fix was in it was down to forty.")
    assert [(r.text, r.role) for r in said] == [("500", "baseline"), ("40", "after")], said
    two = number_roles("we got p50 down to forty milliseconds and p99 down to ninety milliseconds")
    assert [r.role for r in two] == ["after", "after"]


# --- a number of the asked role: not one of another thing ----------------------------------------
# (own phrasings; the rubric's `role:` signals read `facts.number_roles`)

@pytest.mark.parametrize(("key", "other", "asked"), [
    ("no_scale", "We were a team of six engineers and it took us about four months.",
     "The service handles about thirty thousand requests per second from around eight million "
     "users."),
    ("no_scale", "The budget was around a hundred and fifty thousand dollars.",
     "About three hundred million rows a day go through that pipeline."),
    ("no_business_outcome", "The new nodes cost us around six thousand dollars a month.",
     "It meant about nine hundred more orders a week, around two hundred thousand dollars a "
     "year."),
    ("no_result", "It took me about two weeks and I needed three people from the platform team.",
     "Failed nightly runs went from about ten a month to one."),
    ("no_baseline", "It improved by roughly twenty percent relative.",
     "It was around forty percent when I started."),
    ("no_baseline", "Nowadays it sits at about three percent.",
     "It was around eleven percent."),
])
def test_a_number_of_another_role_does_not_supply_it(key, other, asked):
    """A number about another thing (effort, a budget, a cost, a change, the after value) does
    not supply what the follow-up asked; a number of the asked role does."""
    main, q = main_answer(STORY, "lp-deliver-results-3")
    wrong = follow_up_reply(other, main, q, key).follow_up_check
    right = follow_up_reply(asked, main, q, key).follow_up_check
    assert not wrong.supplied and right.supplied, (wrong, right)


def test_the_first_answers_after_number_said_again_is_no_baseline():
    main, q = main_answer("I rewrote the onboarding emails and A/B tested them. Activation "
                          "reached thirty one percent.", "lp-deliver-results-3")
    again = follow_up_reply("It was thirty one percent.", main, q, "no_baseline").follow_up_check
    before = follow_up_reply("It was twenty four percent.", main, q,
                             "no_baseline").follow_up_check
    assert not again.supplied and before.supplied, (again, before)


def test_a_volume_said_of_the_time_before_is_a_scale_too():
    """"Before the model … about 40000 orders a day" is the time before and how big it is: it
    answers "how big was it?" as well as "what was it before?"."""
    from voice_coach.follow_ups import roles_said
    from voice_coach.analysis.structure import analyze_structure
    s = analyze_structure("Before the model, pickers chose replacements by hand for about forty "
                          "thousand orders a day.")
    assert {"baseline", "scale"} <= roles_said(s)
