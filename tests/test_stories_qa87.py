"""QA87 (#17 trial, persona Jonas, Zürich): money not read as the outcome is shown as a read one
is (its period, its short form: F4), the advice for money the shown telling itself said is not
"say them together in one telling" (F5), and "amount" names no metric (F7)."""

from voice_coach.analysis.numbers import short_money
from voice_coach.analysis.triad_said import metric_label
from voice_coach.stories import SaidElsewhere, _with_period
from voice_coach.story_report import elsewhere_text


def test_money_keeps_its_period_and_short_form():
    text = "The investigators saved around 650,000 francs a year in manual checks."
    assert short_money(_with_period("650000 francs", text)) == "650K francs a year"
    assert short_money("1300000 francs per year") == "1.3M francs per year"
    assert short_money("$200000 a month") == "$200K a month"


def test_money_of_the_shown_telling_is_no_advice_to_join_tellings():
    own = elsewhere_text([SaidElsewhere("outcome", "1.3M francs", "S#1", read=False,
                                        shown_telling=True)])
    assert "together" not in own and "not read as the outcome: outcome 1.3M francs" in own, own
    other = elsewhere_text([SaidElsewhere("outcome", "1.3M francs", "S#2", read=False)])
    assert "say them together in one telling" in other, other


def test_amount_names_no_metric():
    assert metric_label("a amount") is None
    assert metric_label("field accuracy") == "field accuracy"
