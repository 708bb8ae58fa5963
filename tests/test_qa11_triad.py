"""QA11 F01, F02, F04, F05: relative changes of a share, a change bound to its own clause's
metric, "one of each five", a fraction written as "1.3rd". Own wordings plus one replay of each
finding's input (the QA input text, or the transcript it reports)."""

import pytest

from voice_coach.analysis.numbers import change_pairs, normalize_numbers
from voice_coach.analysis.facts import reconcile
from voice_coach.analysis.structure import _norm, analyze_structure
from voice_coach.embedder import shared_meaning_model


def _pairs(*sentences: str) -> list[tuple[str, str]]:
    return [(p.before.text, p.after.text) for p in change_pairs([_norm(s) for s in sentences])]


@pytest.mark.parametrize("sentences, pair", [
    # F01: a level said, then a relative change of it that cannot be in points
    (("Our refund rate was six percent and after the rewrite it dropped by half.",), ("6%", "3%")),
    (("Fraud was about four percent of orders.", "With the new rules it fell by a quarter."),
     ("4%", "3%")),
    # replay (t1_third.txt)
    (("The default rate was nine percent, and with the new model it fell by one third.",),
     ("9%", "6%")),
])
def test_relative_change_of_a_share(sentences, pair):
    assert pair in _pairs(*sentences)


def test_a_share_change_that_may_be_points_stays_unread():
    assert _pairs("Conversion was forty percent and it fell by ten percent.") == []


@pytest.mark.parametrize("sentences, wrong", [
    # F02: the change binds to the level in its own sentence, never to another metric's
    (("Precision went from 0.82 to 0.88.", "Chargebacks were 3% and they dropped by half."),
     ("0.88", "0.44")),
    # replay (a12 retry transcript)
    (("The AUC went from 0.71 to 0.76.", "The default rate was 9 % and it fell by a third."),
     ("0.76", "0.51")),
])
def test_change_never_crosses_to_another_metric(sentences, wrong):
    pairs = _pairs(*sentences)
    assert not any(b == wrong[0] for b, _ in pairs if b != sentences[0])
    assert all(not (b == wrong[0] and a.startswith(wrong[1][:3])) for b, a in pairs)
    assert any(b.endswith("%") for b, _ in pairs[1:]) or len(pairs) == 1


@pytest.mark.parametrize("said, written", [
    # F04: a ratio said as Portuguese/Spanish say it
    ("one of each ten tickets was escalated", "1 in 10 tickets was escalated"),
    ("one out of each four users", "1 in 4 users"),
    ("one of each team joined", "one of each team joined"),
    # F05: a fraction the recogniser wrote as digits and an ordinal
    ("costs fell by 1.3rd", "costs fell by 33% relative"),
    ("it went down by 1/4th", "it went down by 25% relative"),
    ("we cut it by 2/3rds", "we cut it by 67% relative"),
    ("he was the 3rd hire", "he was the 3rd hire"),
])
def test_ratio_and_fraction_forms(said, written):
    assert normalize_numbers(said) == written


def test_replay_one_of_each():  # t3_one_of_each.txt
    text = ("In twenty twenty three I was the lead data scientist for credit scoring at our fintech. "
            "My responsibility was to rebuild the personal loan scorecard. I built a gradient "
            "boosting model with our own transaction features and I validated it out of time. "
            "Before, the agents closed one of each five calls. After three months, they close one "
            "of each three calls. I learned to involve the agents early.")
    s = analyze_structure(text, kind="behavioral", model=shared_meaning_model(), method="meaning")
    t = reconcile(s, kind="behavioral").metric_triad
    assert _pairs("Before, the agents closed one of each five calls.",
                  "After three months, they close one of each three calls.") == [("1 in 5", "1 in 3")]
    assert t.baseline and t.after


def test_replay_fraction_written_as_ordinal():  # the a1 transcript of F05
    pairs = _pairs("The AUC went from 0.71 to 0.78.",
                   "The default rate fell by 1.3rd and this in around $2 million per month")
    assert ("0.71", "0.78") in pairs
    assert not any("1.3" in a for _, a in pairs)
    assert "1.3" not in normalize_numbers("The default rate fell by 1.3rd")


def test_a_change_is_no_level_for_a_relative_change():
    # m6 terse-07: "maybe 20% more" is what was asked for, not a level that "by half" cuts
    assert _pairs("they wanted more picks per hour maybe twenty percent more we looked at their "
                  "data first and failed picks went down by about half") == []
