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
