"""Session 52: numbers read from new users' answers (QA106, QA107, QA112) in own wordings — a
level said "before" in the after's unit and period is its baseline whatever the clause calls
it; the real level before is never the after; a money drop said with "went down" is the
outcome; a count of things the speaker lists is no outcome; a window "in the same N minutes" is
no outcome; a currency named by its word ("dram", "crowns") is money."""

from __future__ import annotations

from voice_coach.analysis.facts import metric_of_quantity

from tests.tools import triad_of


def _roles(tri, role):
    return [span for r, span in tri.slots if r == role]


def test_a_level_said_before_in_the_afters_rate_is_the_baseline():
    tri = triad_of("Before my model, the trucks were waiting at the border 20 hours a week. I "
                   "built the arrival forecast with the customs team. The waiting went down to "
                   "6 hours a week.", "lp-dive-deep-1")
    assert tri.baseline and any("20 hours" in s for s in _roles(tri, "baseline")
                                + _roles(tri, "pair")), tri.slots


def test_the_real_level_before_is_never_the_after():
    tri = triad_of("The loss ratio went from 9 percent at 2 percent in one season. I need to "
                   "correct a figure. The real number before was 9 percent.", "lp-frugality-2")
    assert not any("before was" in s for s in _roles(tri, "after")), tri.slots


def test_money_that_went_down_is_the_outcome_not_an_after():
    tri = triad_of("After the fix the flagged cases went from 300 per quarter to 700. The fraud "
                   "payouts went down around 40 million a year, so about one million dollars.",
                   "lp-dive-deep-1")
    assert not any("went down around" in s for s in _roles(tri, "after")), tri.slots
    assert tri.business_outcome, tri.slots


def test_money_said_with_a_currency_word_and_by_is_the_outcome():
    tri = triad_of("The chargebacks went from 12 percent to 5 percent. The refunds went down by "
                   "around ninety million crowns, so about three hundred thousand dollars a year.",
                   "lp-ownership-3")
    assert not any("crowns" in s for s in _roles(tri, "after")), tri.slots
    assert any("crowns" in s or "$300000" in s for s in _roles(tri, "outcome")), tri.slots


def test_a_window_of_time_is_no_outcome():
    tri = triad_of("I saw that the pump pressure went up and the flow went down in the same five "
                   "minutes before every trip. I built an alarm on those two signals. The trips "
                   "dropped from 8 to 2 a month.", "lp-invent-simplify-1")
    assert not any("minutes" in s for s in _roles(tri, "outcome")), tri.slots


def test_the_pairs_own_after_is_no_second_outcome():
    tri = triad_of("I led the forecast rebuild on the servers we already had. Before, the "
                   "forecast error per store was about 28 percent. After four months it was 17 "
                   "percent. The planners are happy with it now.", "lp-frugality-1")
    assert not any("17%" in s for s in _roles(tri, "outcome")), tri.slots


def test_a_count_of_things_listed_is_no_outcome():
    tri = triad_of("I simplified the alarm to two thresholds. For the business it meant three "
                   "things.", "lp-invent-simplify-1")
    assert not any("3 things" in s for s in _roles(tri, "outcome")), tri.slots


def test_a_verb_of_time_taken_names_no_metric():
    name = metric_of_quantity("Before, a writer spent about 40 minutes on one page. Now a page "
                              "take only 9 minutes.", "9 minutes")
    assert name is not None and "take" not in name.split(), name


def test_a_half_said_with_the_is_a_half():
    from voice_coach.analysis.numbers import normalize_numbers
    assert normalize_numbers("it was fourteen and the half") == "it was 14.5"
    assert normalize_numbers("and the half of the team left") == "and the half of the team left"


def test_a_level_said_last_as_the_number_before_is_the_baseline():
    tri = triad_of("and I put a simple screen in the control room with the set point, after four "
                   "months the water per ton went down in six percent, it finished at 8.5 liters "
                   "per ton, and 9 and the half was the number before, also the hours with the "
                   "pump overloaded dropped, by three points, to four percent.",
                   "lp-deliver-results-1")
    assert any("9.5" in s for s in _roles(tri, "baseline") + _roles(tri, "pair")), tri.slots
    assert not any("3 points" in s for s in _roles(tri, "baseline")), tri.slots


def test_time_spent_at_a_place_is_no_outcome():
    tri = triad_of("My responsibility was the energy model. I went three weeks to the smelter, I "
                   "sat with the operators and fixed the data. The energy per ton went from 12 "
                   "to 10.5 kilowatt hours, so about two million dollars a year.",
                   "lp-deliver-results-1")
    assert not any("weeks" in s for s in _roles(tri, "outcome")), tri.slots


def test_a_wrong_answer_against_the_right_value_is_no_change():
    tri = triad_of("One morning a nurse wrote that the assistant gave the old visiting hours, with "
                   "8 hours instead of 4. I switched off those answers and fixed the index.",
                   "lp-ownership-3")
    assert not tri.baseline and not tri.after, tri.slots


def test_a_change_said_with_instead_of_is_still_read():
    tri = triad_of("I rebuilt the planning sheet. After my change the planners need 2 days "
                   "instead of 9.", "lp-ownership-3")
    assert tri.baseline and tri.after, tri.slots


def test_i_would_ask_first_is_a_clarifying_question():
    from voice_coach.analysis.structure import detect_clarifying_question
    assert detect_clarifying_question("so i would treat it as detection. first i would ask what "
                                      "the store wants, because gaps and wrong items differ.")
    assert detect_clarifying_question("i will ask if the data is labelled before i pick a model.")


def test_hundred_said_without_one():
    from voice_coach.analysis.numbers import normalize_numbers
    assert normalize_numbers("so around hundred fifty dollar.") == "so around $150."
    assert normalize_numbers("two hundred fifty") == "250"
    assert normalize_numbers("hundred dollars") == "hundred dollars"


def test_an_item_priced_in_a_named_currency_is_no_baseline():
    tri = triad_of("At the bank we had small loans, like three hundred thousand tenge, so around "
                   "hundred twenty dollar. I added seasonal features and a repayment schedule. "
                   "After that, approval for farmers became around 40 percent.",
                   "lp-customer-obsession-1")
    assert not tri.baseline, tri.slots


def test_a_stretch_without_failures_stays_an_outcome():
    tri = triad_of("I wrote a checker for the overnight feed and took the log of failures to the "
                   "vendor. After they fixed it we went, I think, nine weeks without a single "
                   "missing load.", "lp-ownership-1")
    assert any("weeks without" in s for s in _roles(tri, "outcome")), tri.slots


def test_what_the_system_makes_per_period_is_its_scale():
    """QA107 F5: "it writes around 160 cards a month in production" is what the shipped system
    handles, as "it handles 4000 chats a week" is; "40 sellers a week complaining" is not."""
    from voice_coach.analysis.structure import detect_scale
    assert "160 cards a month" in detect_scale("it writes around 160 cards a month in "
                                               "production.")
    assert "300 reports a week" in detect_scale("the model generates about 300 reports a week.")
    assert detect_scale("we had 40 sellers a week complaining.") == []


def test_a_level_of_one_unit_said_after_now():
    """QA113 F4: "it was, like, formerly three days, now a day" is 3 days → 1 day."""
    from voice_coach.analysis.numbers import normalize_numbers
    assert normalize_numbers("formerly three days, now a day.") == "formerly 3 days, now 1 day."
    assert normalize_numbers("now a day passes") == "now a day passes"
    tri = triad_of("I picked up the support queue myself. The average time to the first "
                   "response, it was, like, formerly four days, now a day.", "lp-ownership-1")
    assert tri.baseline and tri.after, tri.slots


def test_a_span_of_data_is_no_level():
    """QA114 F1: "I collected two years of vibration logs" is data used, never the baseline of
    "downtime went down to 11 hours"; "31 hours of downtime per month" and "3 weeks of manual
    work" stay levels."""
    from voice_coach.analysis.numbers import change_pairs
    assert change_pairs(["i collected 2 years of vibration logs.",
                         "downtime went down to 11 hours."]) == []
    kept = change_pairs(["unplanned downtime was 31 hours of downtime per month.",
                         "after one season it was 11 hours per month."])
    assert [(p.before.text, p.after.text) for p in kept] == [("31 hours", "11 hours")]
    work = change_pairs(["it took 3 weeks of manual work before.", "now 2 days."])
    assert [(p.before.text, p.after.text) for p in work] == [("3 weeks", "2 days")]


def test_the_works_own_time_is_no_quantified_result():
    """QA113 F1: "I spent two days on the floor with his team" is how long the work took, never a
    quantified result; "3 weeks later it was 2%" counts its 2%, not when."""
    from voice_coach.analysis.structure import count_quantities
    assert count_quantities(["i spent 2 days on the floor with his team."], ["action"]) == 0
    assert count_quantities(["errors went from 12% to 4%.", "3 weeks later it was 2%."],
                            ["result", "result"]) == 3
