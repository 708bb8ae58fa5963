"""QA19 (issue #17 acceptance, new user): the brief shows the numbers as spoken, never invents one.

- F01: a chain of levels ("from 3% to 3% to 1.2%", Whisper repeating a "to X") ends where it
  ended: the pair is the first level → the last, never a no-change pair of the same number.
- F02/F03: the story bank's outcome is a number its telling's report quotes: a reading of the
  words the report's evidence never gives ("0.2 to $500 million" read as "$0.2M") is not shown.
- F04: money said without a currency word is shown "[currency?]", never with an invented "$".
- F05: "it took one week" after a level "used to take 3 weeks" is the after ("one" + a span).
- F18: a level said in the set-up of another thing ("a score of 0.7 did not mean 70% risk") is
  no baseline of the metric the after names ("the refund rate was 0.4%").
Our own wordings (the trial's transcript is one more case); each runs through the real pipeline.
"""

from __future__ import annotations

import dataclasses

import pytest

from voice_coach import pipeline
from voice_coach.analysis.numbers import change_pairs, normalize_numbers
from voice_coach.config import Config
from voice_coach.questions import load_bank
from voice_coach.stories import AnswerSource, _triad_of, telling_from_report, unread_money
from voice_coach.story_report import triad_text

CFG = Config()
BANK = load_bank()


def _pairs(text: str) -> list[str]:
    clauses = [c.strip() for c in normalize_numbers(text).lower().split(". ") if c.strip()]
    return [p.text for p in change_pairs(clauses)]


def _report(text: str, qid: str):
    return pipeline.analyze_text(text, cfg=CFG, question=BANK.get(qid))


def _bank(text: str, r) -> str:
    return triad_text(_triad_of(" ".join(text.split()), r.structure))


# --- F01: a chain of levels -------------------------------------------------------------------

@pytest.mark.parametrize(("said", "pair"), [
    ("Checkout errors went from 3% to 3% to 1.2%.", "3% to 1.2%"),
    ("Review time went from forty minutes to twenty five minutes to ten minutes.",
     "40 minutes to 10 minutes"),
    ("The backlog went from 900 tickets to 900 tickets to 150 tickets.", "900 to 150"),
])
def test_f01_a_chain_of_levels_pairs_the_first_with_the_last(said, pair):
    assert _pairs(said) == [pair]


@pytest.mark.parametrize(("said", "pair"), [
    ("Checkout errors went from 12% to 3%, and then to 1%.", "12% to 3%"),
    ("The nightly job went from nine hours to two hours.", "9 hours to 2 hours"),
])
def test_f01_a_plain_pair_is_unchanged(said, pair):
    assert _pairs(said) == [pair]


def test_f01_the_report_and_bank_show_the_level_it_ended_at():
    text = ("At the delivery startup, couriers were faking pickups to earn a bonus. I had no time "
            "for a model, so I wrote a distance rule in a day and shipped it on a Friday. Fake "
            "pickups went from 5 % to 5 % to 5 % to 1.1%. What I learned is to ship the simple "
            "rule first.")
    r = _report(text, "lp-bias-for-action-1")
    assert "5% to 1.1%" in r.structure.metric_triad.evidence, r.structure.metric_triad
    shown = _bank(text, r)
    assert "5% → 1.1%" in shown and "5% → 5%" not in shown, shown


# --- F02 / F03: the bank's outcome is one its report quotes -----------------------------------

STORAGE = ("Our storage bill was $30,000 a month because we kept every raw log forever. I owned "
           "the fix. I moved old logs to cold storage. The bill dropped from $30,000 to $11,000 a "
           "month{tail} What I learned is to delete before you buy more disk.")


@pytest.mark.parametrize(("tail", "unquoted"), [
    # Whisper's garble of a spoken tail: "0.1 to $100 million" read as "$0.1M"
    (", and they usually held at 0.1 to $100 million for $1,000 per day.", "$100K"),
    # money of the set-up said after the result: a budget, no outcome of the work
    (". Our team had a $2 million budget for the year.", "$2M"),
])
def test_f02_an_outcome_the_report_never_quotes_is_not_shown(tail, unquoted):
    text = STORAGE.format(tail=tail)
    r = _report(text, "lp-frugality-1")
    tri = r.structure.metric_triad
    assert tri.business_outcome and tri.evidence == ("$30K to $11K",), tri
    shown = _bank(text, r)
    assert "$30K → $11K" in shown and unquoted not in shown, shown


def test_f02_an_outcome_the_report_quotes_is_still_shown():
    text = ("Our meal kit subscribers were cancelling in their first month. I owned the "
            "onboarding ranking. I interviewed twenty customers and rebuilt the first-week menu. "
            "First-month churn went from thirty one percent to twelve percent, which kept about "
            "two million dollars a year in revenue. I learned to talk to customers first.")
    r = _report(text, "lp-customer-obsession-1")
    assert any("$2M" in e for e in r.structure.metric_triad.evidence), r.structure.metric_triad
    assert "$2M" in _bank(text, r), _bank(text, r)


def test_f03_a_head_count_read_from_garbled_words_is_no_outcome():
    # the trial's transcript (Whisper's "five more chances at the shop" for "five merchants")
    text = ("nobody owned the problem, so I took it. My task was to make the outstashed without "
            "opening the door to fraud. I sat with five more chances at the shop for a day, then I "
            "built a payout risk for inventory and I sent only the riskiest 10 % to manual review "
            "They out time went from 3 days to 4 hours for 90 % of more chances. Support calls "
            "about they outslapped at 80 % and 12,000 more chances you'll see every week. I "
            "learned that the fastest way to understand the cost is to see where they see it.")
    r = _report(text, "lp-customer-obsession-1")
    shown = _bank(text, r)
    assert "5 more" not in shown, shown
    assert "3 days → 4 hours" in shown, shown


# --- F04: no currency invented ----------------------------------------------------------------

def _source(text: str, qid: str) -> AnswerSource:
    report = dataclasses.replace(_report(text, qid), n=1,
                                 created_at="2026-12-01T10:00:00+00:00")
    fresh, facts = pipeline.rescore_with_facts(report, CFG, BANK.get(qid))
    return AnswerSource("s", "", fresh, facts)


LENDER = ("At the lender every team built its own features, and the loan book was worth about "
          "{worth}. I proposed one shared feature store and I built the first version. Launching a "
          "model used to take five weeks, and after the store it took two weeks. I learned to ship "
          "the first customer myself.")


@pytest.mark.parametrize(("worth", "shown"), [
    ("3,000,000 a year", "3M [currency?]"),
    ("2,500,000 a quarter", "2.5M [currency?]"),
])
def test_f04_money_said_without_its_currency_is_marked_not_dollars(worth, shown):
    t = telling_from_report(_source(LENDER.format(worth=worth), "lp-think-big-1"),
                            BANK.get("lp-think-big-1"))
    assert t is not None
    money = [x.value for x in unread_money(t)]
    assert money and money[0].startswith(shown) and "$" not in money[0], money


def test_f04_money_said_in_dollars_keeps_its_sign():
    t = telling_from_report(_source(LENDER.format(worth="three million dollars a year"),
                                    "lp-think-big-1"), BANK.get("lp-think-big-1"))
    assert t is not None
    # … with its period, as a read outcome is shown (QA87 F4)
    assert [x.value for x in unread_money(t)] == ["$3M a year"], unread_money(t)


# --- F05: "it took one week" --------------------------------------------------------------------

@pytest.mark.parametrize(("said", "after"), [
    ("Onboarding a new client used to take three weeks, and after the new API it took one day.",
     "1 day"),
    ("A full retrain used to take ten hours, and after the feature cache it took one hour.",
     "1 hour"),
])
def test_f05_one_with_a_span_it_took_is_the_after(said, after):
    text = ("I owned our client integration platform. " + said
            + " That freed two engineers for other work. I learned to automate the boring part.")
    r = _report(text, "lp-deliver-results-1")
    tri = r.structure.metric_triad
    assert tri.baseline and tri.after, tri
    assert after in _bank(text, r), _bank(text, r)


@pytest.mark.parametrize("said", ["One day I noticed the queue was stuck.",
                                  "It took one of us a whole week.",
                                  "It took one engineer to fix it."])
def test_f05_one_as_a_word_stays_a_word(said):
    assert "1 " not in normalize_numbers(said)


# --- F18: a baseline is a level of the same metric ----------------------------------------------

def test_f18_an_illustration_in_the_set_up_is_no_baseline_of_another_metric():
    text = ("A retailer wanted our returns model live in a week, but its scores were not "
            "calibrated, so a score of zero point seven did not mean seventy percent risk. My task "
            "was to hold the launch. I added a calibration step and a test that blocks any deploy "
            "where calibration error rises. After the launch, the refund rate was zero point four "
            "percent, and the retailer renewed the contract. I learned a week's delay is cheap.")
    r = _report(text, "lp-highest-standards-1")
    tri = r.structure.metric_triad
    assert not tri.baseline, tri
    assert not _pairs(text), _pairs(text)
    assert "70%" not in _bank(text, r), _bank(text, r)


def test_f18_a_level_of_the_same_metric_is_still_the_baseline():
    text = ("A retailer wanted our refund risk model live in a week. Before the work, the refund "
            "rate was one point one percent. My task was to hold the launch. I added a calibration "
            "step and a test that blocks any deploy where calibration error rises. After the "
            "launch, the refund rate was zero point four percent. I learned a week's delay is "
            "cheap.")
    r = _report(text, "lp-highest-standards-1")
    tri = r.structure.metric_triad
    assert tri.baseline and tri.after, tri
    assert "1.1% → 0.4%" in _bank(text, r), _bank(text, r)
