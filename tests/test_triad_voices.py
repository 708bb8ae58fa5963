"""Number forms and roles of voices the triad was not written for (session 12, issue #13).

Each case is a wording from a tuning round (structure_round_m*), never from an unseen set."""

import pytest

from voice_coach.analysis.numbers import change_pairs, normalize_numbers
from voice_coach.analysis.structure import _norm, detect_metric_triad


def _triad(*clauses: str, labels: tuple[str, ...] = ()):
    return detect_metric_triad([_norm(c) for c in clauses], list(labels) or ["result"] * len(clauses),
                               roles=True)


@pytest.mark.parametrize("said, written", [
    # a decimal comma said aloud or written (Spanish/German/… L1), m8 esl-01 / esl-07
    ("from something like one comma four percent to zero comma six",
     "from something like 1.4% to 0.6"),
    ("invented numbers went below zero comma five percent.", "invented numbers went below 0.5%."),
    ("the AUC was zero comma eighty five", "the AUC was 0.85"),
    ("from 1,4% to 0,6%", "from 1.4% to 0.6%"),
    ("it was 0 comma 6 before", "it was 0.6 before"),
    # not a decimal: a thousands comma, a list, the word itself
    ("1,200 users", "1200 users"),
    ("steps 1,2,3 and 4", "steps 1,2,3 and 4"),
    ("a comma separated file", "a comma separated file"),
])
def test_decimal_comma(said, written):
    assert normalize_numbers(said) == written


def test_decimal_comma_fills_the_pair():
    t = _triad("The chargeback rate goes down from something like one comma four percent to zero "
               "comma six in two months,")
    assert t.baseline and t.after
    assert [(p.before.text, p.after.text) for p in change_pairs(
        [_norm("invented numbers went from seven percent to below zero comma five percent")])]


@pytest.mark.parametrize("clause, baseline, after", [
    # the amount of a change said as a range is an amount, not "by N to a level" (m5 academic-01)
    ("we got average handling time down by, I believe, somewhere between eight and ten percent "
     "in the A/B test", False, True),
    ("accuracy improved by between two and three points", False, True),
    ("we cut handling time by eight to ten percent", False, True),
    # … while a change by N to a level still gives the start
    ("the error rate dropped by six points to two percent", True, True),
    # a change said as a noun with its metric between (m6 histpres-25)
    ("we got like a forty percent latency cut just from switching the serving framework once",
     False, True),
    # a signed change (m7 restarts-04)
    ("and it came out at plus one point— one point four percent conversion, which, yeah.",
     False, True),
    # an error margin is no change (m5 academic-32)
    ("the interval on that was plus or minus thirteen points", False, False),
])
def test_change_amounts_as_said(clause, baseline, after):
    t = _triad(clause)
    assert (t.baseline, t.after) == (baseline, after)


@pytest.mark.parametrize("clause, outcome", [
    # how long the work took, said with the work's verb, is effort (m4 mentor-05, m8 tangent-10)
    ("we shipped that within about 3 weeks and kept the transformer for the emails the simple "
     "model wasn't confident about.", False),
    ("so we just backed off to the average click rate for that vertical and format and blended "
     "in the advertiser's own data as it came in a simple bayesian prior two weeks to build about "
     "a hundred lines of code and", False),
    # … and people's time given back stays an outcome
    ("we built it in two or three days and it saved the agents two hours a day", True),
    # a model metric measured on a business word's slice is still a model metric (m9 platform-15)
    ("After the fix, recall on that traffic went up about 3 points.", False),
    ("recall went up three points and customer complaints fell by twenty percent", True),
])
def test_what_is_no_business_outcome(clause, outcome):
    assert _triad(clause).business_outcome is outcome


@pytest.mark.parametrize("said, written", [
    # a hedge said after its number is "about" before it (the brief's "more or less")
    ("the precision was zero comma eight more or less", "the precision was about 0.8"),
    ("after, it is six percent more or less.", "after, it is about 6%."),
    ("two weeks or so", "about 2 weeks"),
    ("it was more or less fine", "it was more or less fine"),
])
def test_hedge_after_the_number(said, written):
    assert normalize_numbers(said) == written


def test_more_or_less_is_no_change_by_the_number():
    t = _triad("the precision was zero comma eight more or less", "I retrained it",
               "and it went up to zero comma nine", labels=("situation", "action", "result"))
    assert t.baseline and t.after


@pytest.mark.parametrize("clause, after, outcome", [
    # a change as a noun with "of" (m9 hedger-14)
    ("Call it a relative gain of twenty-odd percent.", True, False),
    # money lost is on the books (m8 esl-08, m3 quiet-14)
    ("it worked very well for them the fraud losses almost disappear in one month", False, True),
    ("the losses stopped that same evening i think", False, True),
])
def test_gain_of_and_losses(clause, after, outcome):
    t = _triad(clause)
    assert (t.after, t.business_outcome) == (after, outcome)


@pytest.mark.parametrize("clause", [
    # a setting turned is no metric's change (m4 llmops-17, m5 resfirst-43)
    "we found going to all linear layers helped more than going from rank sixteen to sixty four",
    "we raised the threshold from zero point five to zero point seven",
])
def test_a_setting_is_no_level(clause):
    t = _triad(clause)
    assert not (t.baseline or t.after)
    assert not change_pairs([_norm(clause)])


def test_a_metric_beside_a_setting_still_counts():
    t = _triad("error rate dropped from twelve percent to three percent after the batch size change")
    assert t.baseline and t.after


def test_a_lift_in_what_customers_do_is_the_outcome():
    # m4 llmops-03: the offline NDCG gain is a model metric; the online add-to-cart lift is the
    # business outcome, said without a number
    t = _triad("we fixed it by rebuilding the training data with point-in-time feature joins",
               "offline gain went down to about one and a half percent, which was annoying,",
               "but then online we got a real lift in add-to-cart.",
               labels=("action", "result", "result"))
    assert t.business_outcome
    assert not _triad("offline NDCG at ten on category pages was up like four percent").business_outcome
