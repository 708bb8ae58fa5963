"""Session 45, round 47 (read after it was measured): changes said as fractions without "by",
a result told first after "after our model", a restated amount, a group's threshold, and a
trend the speaker found."""
import pytest

from voice_coach.analysis.numbers import name_ranges, normalize_numbers, trend_found
from tests.tools import triad_of


@pytest.mark.parametrize("said,read", [
    ("the swaps went down a lot, around one third less.", "around 33% less"),
    ("we saw a third fewer returns", "33% fewer returns"),
    ("they reduced more than half, and the team", "reduced by more than 50% relative, and"),
    ("it dropped by just over a third.", "by just over 33% relative"),
])
def test_a_fraction_before_a_comparative_or_after_a_change_verb_is_a_relative_change(said, read):
    assert read in normalize_numbers(said), normalize_numbers(said)


@pytest.mark.parametrize("said", ["we cut half the servers", "it grew a third of the time",
                                  "we reduced half of the errors", "a third of the routes"])
def test_a_fraction_of_a_thing_is_left_alone(said):
    assert "%" not in normalize_numbers(said)


def test_a_bound_set_off_after_a_named_group_defines_it():
    text = "and the bigger loans, like above 200000 birr, default was going up."
    assert [text[a:b] for a, b in name_ranges(text)] == ["above 200000 birr"]
    assert name_ranges("we cut costs over $2M, and it worked.") == []


def test_a_trend_told_as_it_went_on_is_what_was_found():
    assert trend_found("the bigger loans, default was going up, from around 5 to nearly 9%.")
    assert not trend_found("after the fix, default was going down, to 3%.")


@pytest.mark.slow
def test_a_trend_found_starts_the_work_and_is_never_its_result():
    tri = triad_of("I was looking at the loans by cohort and I saw something strange. The bigger "
                   "loans, default was going up, from around 5 to nearly 9% in a few months. We "
                   "fixed the deduplication and added monitoring per segment.", "lp-dive-deep-2")
    assert tri.baseline and not tri.after, tri


@pytest.mark.slow
def test_a_result_told_first_after_our_model_is_the_result():
    tri = triad_of("So, no-shows at the airline. After our model, the empty seats on domestic "
                   "flights reduced more than half, and the revenue team estimated around three "
                   "million birr in a year, which was about fifty thousand dollars. Before, they "
                   "used a fixed overbooking number. I built the model per flight.",
                   "lp-deliver-results-3")
    assert tri.after and tri.business_outcome, tri
    assert any(role == "outcome" and "birr" in words for role, words in tri.slots), tri.slots


@pytest.mark.slow
def test_people_taking_the_work_up_is_an_outcome():
    tri = triad_of("I translated the app into Amharic. After that, usage went up a lot.",
                   "lp-customer-obsession-1")
    assert tri.business_outcome, tri
