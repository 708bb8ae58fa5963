"""Session 44, QA65 (issue #13, persona Sigrún; outputs in tests/data/spent_session44/qa65):
F5 a story told as a plan in the future tense ("we will start with one plant … I will own the
rollout") tells no real time: it is read as hypothetical and coached so, while a real story that
quotes one promise ("I told the manager we will have a fix by Friday") stays a story."""

from __future__ import annotations

from pathlib import Path

from tests.tools import report_of

RUN = Path(__file__).parent / "data" / "spent_session44" / "qa65" / "run1"

REAL = ("Last year our fraud model started flagging too many honest customers. I was the owner "
        "of the model, so it was on me to fix it. I pulled two weeks of alerts and found that "
        "one feature had gone empty after a schema change. I told the manager we will have a fix "
        "by Friday. I rebuilt the feature, retrained the model and ran it in shadow for a week. "
        "False alarms went from 9 percent to 3 percent, and the support team got about 200 "
        "fewer calls a week. I learned to monitor the inputs, not just the scores.")


def test_f5_a_plan_in_the_future_tense_is_no_real_time():
    plan = " ".join((RUN / "t1.txt").read_text().split())
    s = report_of(plan).structure
    assert s.hypothetical, s.star
    assert not any(p.present for p in s.star.values())


def test_f5_a_promise_quoted_in_a_real_story_keeps_the_story():
    s = report_of(REAL, "lp-ownership-1").structure
    assert not s.hypothetical
    assert all(s.star[p].present for p in ("situation", "action", "result"))


def test_f6_an_example_said_as_a_label_is_an_example():
    """"Example: k equals 3, labels cat, cat, dog. The answer is cat." walks an example through:
    no tip and no follow-up asks for one."""
    knn = " ".join((RUN / "a7.txt").read_text().split())
    r = report_of(knn, "code-knn-1")
    assert not [f.message for f in r.feedback if f.fact == "example"]
    assert "example" not in (r.follow_up or "").lower()


def test_f3_how_long_a_fault_lasted_is_no_business_outcome():
    """"The model stopped sending alerts for, uh, two days" tells how long the fault lasted;
    the answer gives no business outcome (its pair "4 to 0" stays)."""
    a8 = " ".join((RUN / "a8.txt").read_text().split())
    tri = report_of(a8, "lp-ownership-3").structure.metric_triad
    assert tri.baseline and tri.after and not tri.business_outcome, tri.evidence
    assert not any("2 days" in e for e in tri.evidence)


def test_f4_what_one_board_cost_is_no_outcome_and_the_tip_quotes_the_outcome():
    """"Each board cost us 9 thousand krónur, about 65 dollars" is a price paid, restated in
    dollars: no outcome; the outcome is "25 million krónur a year", and the "Impact is anchored"
    tip quotes it as the triad line does."""
    r = report_of(" ".join((RUN / "t3.txt").read_text().split()), "lp-frugality-1")
    tri = r.structure.metric_triad
    outcomes = [span for role, span in tri.slots if role == "outcome"]
    assert outcomes and not any("65" in o for o in outcomes), tri.slots
    assert any("25M" in o for o in outcomes), tri.slots
    (tip,) = [f.message for f in r.feedback if f.message.startswith("Impact is anchored")]
    assert "25M" in tip and "$65" not in tip, tip


def test_f8_money_in_kronur_is_money_never_scale():
    for name in ("a1", "a1_accent"):
        r = report_of(" ".join((RUN / f"{name}.txt").read_text().split()), "lp-deliver-results-3")
        assert not r.structure.scale_evidence, r.structure.scale_evidence
        assert any("60M" in span for role, span in r.structure.metric_triad.slots
                   if role == "outcome"), r.structure.metric_triad.slots


def test_money_levels_said_apart_are_the_outcome_as_a_money_pair_is():
    """A running cost said before the work and where it ended, in two clauses, is money the
    work moved (as "from $30M to $8M" in one clause is) — in dollars and in a currency word; the
    price paid for a tool stays no outcome (F4 above)."""
    for cur in ("dollars", "yen"):
        text = (f"Our summaries ran on big GPU instances, and the cost was about 30 million {cur} "
                "per month. My goal was to cut it at least in half. I distilled the model and "
                f"quantised it. In the end the monthly cost became around 8 million {cur}.")
        tri = report_of(text, "lp-frugality-2").structure.metric_triad
        assert tri.baseline and tri.after and tri.business_outcome, (cur, tri.slots)
