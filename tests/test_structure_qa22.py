"""QA22 fixes in the report's metric triad (`analysis.structure.detect_metric_triad`,
`analysis.facts.settle_triad`), which the story bank and the brief follow (one set of facts).

F2: a quality gate's or a service level's figure said after the result ("since then the
regression rate on releases is under 1%", "a latency SLA of 5 minutes") is how the system ships,
never the business outcome — with no business outcome said, the triad has an outcome gap.
F1: money said with a misheard currency word after a loss, a saving or a cost verb and before
its period ("we stopped losing about 2.4 million grand per year") is the outcome's money, shown
as heard with the mark "2.4M [currency?] per year" — never dropped; a large number with no money
verb ("scores 2 million claim a month") is no money.

The sentences are this test's own; the QA22 transcripts are kept as regression repros."""

from __future__ import annotations

from datetime import datetime

import pytest

from voice_coach.analysis.numbers import UNSAID_CURRENCY, currency_word_after, quality_gate_spans
from voice_coach.questions import load_bank
from voice_coach.store import Store
from tests.test_stories_followed_up import _save
from tests.test_stories_qa22 import transcript
from tests.tools import main_stdout
from tests.tools import triad_of



def _triad(text: str, qid: str = "lp-ownership-3"):
    return triad_of(text, qid)


def _outcomes(tri) -> list[str]:
    return [span for role, span in tri.slots if role == "outcome"]


# --- F2: a quality gate is no business outcome ------------------------------------------------

@pytest.mark.parametrize("text, gate", [
    ("the regression rate on deploys is under 2%", "2%"),
    ("a latency sla of 3 seconds", "3 seconds"),
    ("a 99.9% uptime slo", "99.9%"),
])
def test_a_gate_figure_is_found(text, gate):
    (a, b), = quality_gate_spans(text)
    assert gate in text[a:b + len(" seconds")]


def test_a_gate_that_moved_is_a_metric_not_a_gate():
    """Near case: a regression rate the work moved is a metric of its own."""
    assert quality_gate_spans("the regression rate on deploys went from 8% to 2%") == []


PICKUPS = (
    "At the parcel start-up I owned the pickup planner, and one Friday it sent couriers to "
    "closed warehouses. I took ownership, rolled it back within the hour and wrote the post "
    "mortem. Then I added a replay test that compares every new plan with the last one before "
    "release. After the fix, missed pickups came down to 5%. The planner runs for 900 couriers "
    "every night and since then {gate}. I learned that owning it means owning the bad night.")


@pytest.mark.parametrize("gate", [
    "the regression rate on deploys is under 2%",
    "the failure rate of releases stays under 2% with a latency SLA of 3 seconds",
])
def test_a_gate_said_after_the_result_is_not_the_outcome(gate):
    tri = _triad(PICKUPS.format(gate=gate))
    assert not tri.business_outcome, tri
    assert not any("2%" in s for s in _outcomes(tri)), tri.slots


def test_a_business_outcome_beside_a_gate_stays_the_outcome():
    """Near case: a change for customers said next to the gate is still the outcome."""
    text = PICKUPS.format(gate="the regression rate on deploys is under 2%").replace(
        "missed pickups came down to 5%.",
        "missed pickups came down to 5%, and customer refunds fell by 20%.")
    tri = _triad(text)
    assert tri.business_outcome and any("20%" in s for s in _outcomes(tri)), tri.slots


def test_qa22_regression_rate_leaves_an_outcome_gap(tmp_path, capsys):
    """The QA22 transcript (repro): the brief shows the after with its gaps, never "1%" as an
    outcome; the regression rate stays on the scale line."""
    qid, text = transcript("practice_c1.txt")
    root = tmp_path / "recordings"
    _save(Store(root), datetime(2026, 12, 1, 9), qid, text)
    brief = main_stdout(capsys, "brief", "--recordings", str(root))
    impact = next(x for x in brief.splitlines() if x.startswith("- **Impact:**"))
    assert "4%" in impact and "1%" not in impact, impact
    assert "regression rate on releases under 1%" in brief, brief


# --- F1: money with a misheard currency word ----------------------------------------------

@pytest.mark.parametrize("text", [
    "we stopped losing about 1.8M grand per year",
    "and it saved roughly 4M ran a year",
    "that cut what we were paying by 2M round per month",
])
def test_money_after_a_money_verb_with_a_misheard_currency_is_marked(text):
    end = text.index("M ") + 1
    assert currency_word_after(text, end) == UNSAID_CURRENCY


@pytest.mark.parametrize("text", [
    "the model scores about 2M claim a month",  # a volume: no money verb
    "we saved 3M rand a year",  # the currency was heard
    "we lost 2M users a month",  # things counted
])
def test_a_volume_or_a_heard_currency_is_not_marked(text):
    end = text.index("M ") + 1
    assert currency_word_after(text, end) != UNSAID_CURRENCY


REFUNDS = (
    "At the insurer I owned the claims triage model, and customers waited a week for a first "
    "call. I trained a ranking model on the claim notes and sat with the agents for a week. "
    "First contact went from 7 days to 2 days, and we stopped losing about {money} in "
    "leakage. I learned to start from the customer's wait.")


def test_money_with_a_misheard_currency_is_the_outcome_as_heard(tmp_path, capsys):
    text = REFUNDS.format(money="1.8 million grand per year")
    tri = _triad(text, "lp-customer-obsession-3")
    assert "1.8M [currency?] per year" in _outcomes(tri), tri.slots
    root = tmp_path / "recordings"
    _save(Store(root), datetime(2026, 12, 1, 9), "lp-customer-obsession-3", text)
    brief = main_stdout(capsys, "brief", "--recordings", str(root))
    assert "1.8M [currency?] per year" in brief, brief


def test_qa22_money_outcomes_are_shown_as_heard(tmp_path, capsys):
    """The QA22 transcripts (repro): "2.4 million grand per year" and "3 million run that
    year" are shown as heard, marked — never dropped nor "number unclear"."""
    for name, money in (("practice_a1.txt", "2.4M [currency?] per year"),
                        ("practice_a2.txt", "3M [currency?]")):
        qid, text = transcript(name)
        assert money in _outcomes(_triad(text, qid))
    root = tmp_path / "recordings"
    qid, text = transcript("practice_a1.txt")
    _save(Store(root), datetime(2026, 12, 1, 9), qid, text)
    brief = main_stdout(capsys, "brief", "--recordings", str(root))
    assert "2.4M [currency?] per year" in brief, brief
