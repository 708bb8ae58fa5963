"""The business outcome of the metric triad read from natural wording (issue #13; QA7 F06, F19).

Each mechanism runs through the real analysis (`analyze_text`: the embedding model, the
reconciled facts and the report's lines), with new sentences written for these tests, not taken
from the tuning rounds: an outcome told late in a story whatever label the clause got (a passive
voice answer reads as Situation), outcome words of customers' behaviour (rejections, declines,
handling time, cheaper to serve), a signed change ("plus 1.4 % conversion"), a change told in
the historic present plural ("rejections drop"), money as what a change was worth ("that was
around $500K a month", F06) and money said in dollars and cents (F19). The negatives keep their
sense: a model metric alone, a problem told in the set-up, money spent.
"""

from __future__ import annotations

import pytest

from voice_coach.analysis.facts import triad_values
from voice_coach.analysis.numbers import normalize_numbers
from voice_coach.config import Config
from voice_coach.questions import load_bank
from voice_coach.report import structure_lines
from voice_coach.report_model import AnswerReport
from tests.tools import report_of

NO_OUTCOME = "No business or customer outcome"


def _report(text: str, question: str = "lp-deliver-results-1") -> AnswerReport:
    return report_of(text, question)


def _lines(r: AnswerReport) -> str:
    return "\n".join(structure_lines(r) + [f.message for f in r.feedback])


@pytest.mark.parametrize(("said", "normal"), [
    ("it went from two dollars ten to a dollar sixty", "it went from $2.10 to $1.60"),
    ("the cost per ticket went from one dollar twenty to forty cents",
     "the cost per ticket went from $1.20 to 40 cents"),
    ("three dollars five", "$3.05"),
    ("it cost five dollars ten times a day", "it cost $5 10 times a day"),  # no cents: a count
    ("about twenty dollars thirty percent of the time", "about $20 30% of the time"),
    ("we paid two dollars for it", "we paid $2 for it"),
    ("a dollar a day", "$1 a day"),
    ("checkout conversion went up half a percent.", "checkout conversion went up 0.5%."),  # F20
    ("it fell by half a percentage point", "it fell by 0.5 points"),
])
def test_dollars_and_cents_said_aloud(said: str, normal: str) -> None:
    assert normalize_numbers(said) == normal
    assert normalize_numbers(normal) == normal  # the canonical form is a fixed point


@pytest.mark.slow
def test_qa7_f19_a_per_unit_price_in_dollars_and_cents_and_the_yearly_saving() -> None:
    r = _report("I led the ranking work at the marketplace. I built the model and ran the test. "
                "Cost per thousand impressions went down from two dollars ten to a dollar sixty, "
                "saving about one point two million a year.", "lp-deliver-results-3")
    tri = r.structure.metric_triad
    assert tri.baseline and tri.after and tri.business_outcome, tri
    assert "$2.10 to $1.60" in tri.evidence, tri.evidence
    assert NO_OUTCOME not in _lines(r)


@pytest.mark.slow
@pytest.mark.parametrize("hedge", ["around", "roughly", "about"])
def test_qa7_f06_money_a_change_was_worth_is_the_outcome_not_a_baseline(hedge: str) -> None:
    r = _report(f"I retrained the ad ranking model and ran the A/B test myself. Click-through went "
                f"from 1.8 to 2.3 percent, and that was {hedge} 500k dollars a month in ad "
                f"revenue.")
    tri = r.structure.metric_triad
    assert tri.business_outcome, tri
    assert not any(ev.startswith("was") for ev in tri.evidence), tri.evidence
    assert NO_OUTCOME not in _lines(r)


@pytest.mark.slow
def test_an_outcome_told_late_in_a_passive_answer_counts_whatever_its_label() -> None:
    r = _report("The nightly pricing job at the retailer had been placed on a large dedicated "
                "cluster years ago. Its hosting bill was in the region of forty thousand euros a "
                "month. A review was requested by finance. The job was rewritten to run "
                "incrementally, and only changed products were recomputed. The monthly bill was "
                "brought down to approximately eleven thousand euros, and pricing accuracy was "
                "unchanged.")
    assert r.structure.metric_triad.business_outcome, r.structure.metric_triad


@pytest.mark.slow
@pytest.mark.parametrize("outcome", [
    "and it came out at plus two point one percent conversion",
    "and average handling time came down by about nine percent",
    "and the small model was about thirty times cheaper to serve",
    "and chargebacks fell by about a third",
])
def test_customer_and_money_consequences_said_in_other_words(outcome: str) -> None:
    r = _report("Our checkout model was ranking payment options badly for returning buyers. I "
                "rebuilt the features from the saved cards and retrained it over two weeks, "
                f"{outcome}.")
    assert r.structure.metric_triad.business_outcome, (outcome, r.structure.metric_triad)


@pytest.mark.slow
def test_a_change_in_the_historic_present_plural_is_an_outcome() -> None:
    r = _report("So I'm reading the return comments one night and I see most people never wanted "
                "a replacement at all. I build a small model that predicts whether to offer one "
                "and we let shoppers set a default. Complaints drop a lot after that.")
    assert r.structure.metric_triad.business_outcome, r.structure.metric_triad


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    # a model metric alone
    "I rebuilt the training set with point in time features and retrained the model. The AUC "
    "went from 0.81 to 0.84 on the holdout.",
    # the problem in the set-up, then a model metric
    "Customers were complaining that the search was slow. I profiled the encoder and distilled "
    "it into a smaller one. Its F1 stayed at ninety one percent.",
    # "churn" of a model's outputs is no customers leaving
    "I replaced the deep model with shallow boosted trees and pooled the small regions. That "
    "gave about fifteen percent lower error than the linear model and much less churn in the "
    "predictions.",
])
def test_no_outcome_from_a_model_metric_or_the_set_up(text: str) -> None:
    assert not _report(text, "lp-dive-deep-1").structure.metric_triad.business_outcome


def test_qa7_f10_a_change_of_customers_said_without_by_reaches_the_bank() -> None:
    t = triad_values("Hallucination rate dropped by nine points, to three percent. Repeat calls "
                     "went down fifteen percent, and the cost per ticket went from one dollar "
                     "twenty to forty cents.")
    assert t.effect == "repeat calls −15%", t
    assert t.outcome is None, t  # "$1.20" is the old cost per ticket, not money the work brought


@pytest.mark.parametrize(("text", "baseline", "outcome"), [
    # QA7 F06 in the story bank: the money a change was worth is the outcome, never a baseline
    ("Revenue was flat for a year. We launched the new recommendations and that was around 500k "
     "dollars a month in extra revenue.", None, "$500000 a month"),
    # QA7 F10: a per-unit cost that is the end of a "from … to" is a level, not the outcome
    ("Hallucination rate dropped by nine points, to three percent. The cost per ticket went from "
     "one dollar twenty to forty cents.", "12% (worked out)", None),  # never said (QA8 F31)
    # QA7 F19: dollars and cents, and the yearly saving
    ("Cost per thousand impressions went down from two dollars ten to a dollar sixty, saving "
     "about one point two million a year.", "$2.10", "$1.2M a year"),
])
def test_the_story_bank_reads_the_same_money(text: str, baseline: str | None,
                                             outcome: str | None) -> None:
    t = triad_values(text)
    assert (t.baseline, t.outcome) == (baseline, outcome), t


@pytest.mark.slow
def test_qa7_f14_a_harm_the_speaker_found_is_no_outcome_the_kept_result_is() -> None:
    found = ("In the A B test click-through went up from 1.8 to 2.2 percent. I saw that cost per "
             "conversion for small advertisers went up 20 percent. I recommended not launching and "
             "proposed a conversion-weighted objective. The retrained model kept most of the "
             "click gain")
    assert not _report(found + ".", "lp-dive-deep-1").structure.metric_triad.business_outcome
    told = _report(found + " and conversion stayed flat.", "lp-dive-deep-1")
    assert told.structure.metric_triad.business_outcome  # with or without a number


@pytest.mark.slow
def test_a_counterfactual_level_is_no_baseline() -> None:
    r = _report("We tried full fine-tuning on the extraction task. It was about one point better "
                "than LoRA and cost eight times as much to train, so we kept LoRA and saved the "
                "GPU budget. If it had been five points, different conversation.",
                "lp-frugality-1")
    assert not r.structure.metric_triad.baseline, r.structure.metric_triad


@pytest.mark.slow
@pytest.mark.parametrize("outcome", [
    "and by the end of the quarter the inference bill was down by more than half",
    "and our burn dropped enough to add four months of runway",
    "and CAC fell by roughly a quarter over the next two months",
    "so the on-call folks mostly stopped getting paged overnight",
    "which freed up about thirty engineer-hours a week",
])
def test_money_words_of_the_books_and_peoples_nights_are_outcomes(outcome: str) -> None:
    """Issue #13 (struct10b): the words founders and finance use for money ("bill", "burn",
    "CAC", "runway") and people's time ("paged", "engineer-hours") name a business outcome."""
    r = _report("Our serving stack was a pile of always-on GPU boxes that nobody had sized. I "
                "moved the nightly jobs to spot capacity and batched the scoring requests, "
                f"{outcome}.")
    assert r.structure.metric_triad.business_outcome, (outcome, r.structure.metric_triad)


@pytest.mark.slow
@pytest.mark.parametrize("effort", ["I spent about three weeks on it", "it took us two days",
                                    "we spent twelve weeks building it"])
def test_time_the_work_took_is_no_time_saved(effort: str) -> None:
    """QA8 F21: how long the speaker worked is the work's cost; with an offline A-against-B
    comparison of a model metric it is no business outcome."""
    r = _report(f"I was sure a bigger retriever would beat the reranker. {effort}, and on the "
                "test set the bigger one had eleven percent bad answers against four percent for "
                "the reranker. So I dropped it and wrote up the numbers for the team.",
                "lp-are-right-a-lot-2")
    assert not r.structure.metric_triad.business_outcome, (effort, r.structure.metric_triad)


@pytest.mark.slow
def test_qa9_f01_an_outcome_announced_as_the_business_outcome_is_one() -> None:
    """QA9 F01: money told in a clause that names itself the outcome ("the business impact was
    …") counts, wherever in the answer it is said."""
    r = _report("So the business impact was, um, about three hundred thousand dollars a month in "
                "extra bookings. Search conversion went from four percent to four point six. I "
                "rebuilt the query rewriting myself.", "lp-are-right-a-lot-2")
    tri = r.structure.metric_triad
    assert tri.business_outcome and any("$300K" in e for e in tri.evidence), tri


@pytest.mark.parametrize(("said", "normal"), [
    ("the sellers made two point five M dollars more a year", "the sellers made $2.5M more a year"),
    ("about one point two M euros per quarter", "about €1.2M per quarter"),
    ("three B dollars", "$3B"),
    ("we laid 5 m of cable", "we laid 5 m of cable"),  # metres: no currency after it
])
def test_qa9_f15_a_scale_letter_before_a_currency_word_is_money(said: str, normal: str) -> None:
    assert normalize_numbers(said) == normal
    assert normalize_numbers(normal) == normal


@pytest.mark.slow
def test_qa9_f15_money_a_period_after_a_measured_change_is_the_outcome() -> None:
    """QA9 F15: what a measured change was worth, said right after it ("…, so roughly $150K a
    year"), is the outcome and its evidence, even when the pair already told one."""
    r = _report("I owned the caching layer and I shipped it. Before, each thousand lookups cost "
                "us nine cents, and after it was about four cents, so roughly one hundred fifty k "
                "dollars per year.")
    tri = r.structure.metric_triad
    assert tri.business_outcome and any("per year" in e for e in tri.evidence), tri
    r = _report("I owned the ranking change and I shipped it. It lifted recall at five by three "
                "points to seventy percent, and the merchants sold one point one M dollars more "
                "per quarter.")
    assert r.structure.metric_triad.business_outcome, r.structure.metric_triad


# session 19: the time the speaker's work took, said with a hedge between the effort verb and the
# number ("I spend more or less three weeks", m11 fraudbank-04's form, in new wordings), is effort —
# neither the baseline nor a business outcome


def _triad(*clauses: str, labels: tuple[str, ...] = ("situation", "action", "result")):
    from voice_coach.analysis.structure import _norm, detect_metric_triad

    return detect_metric_triad([_norm(c) for c in clauses], list(labels), roles=True)


@pytest.mark.parametrize("effort", [
    "so I spend more or less four weeks rebuilding the importer",
    "I spent more or less a month rebuilding the importer",
    "it took us like three weeks to rebuild the importer",
    "it took me maybe ten days to rebuild the importer",
])
def test_hedged_effort_is_no_baseline_and_no_outcome(effort: str) -> None:
    t = _triad("the importer kept dropping rows from the partner files", effort,
               "after that the model's precision went up about five points")
    assert not t.baseline
    assert not t.business_outcome


def test_hedged_time_saved_for_people_stays_an_outcome() -> None:  # near case: not the effort
    t = _triad("the support agents copied every refund by hand", "I wrote the matching job",
               "now the agents save more or less six hours a week")
    assert t.business_outcome


@pytest.mark.parametrize("others_time", [
    "now the agents spend about six hours less a week on refunds",
    "the analysts now spend three days on the close instead of ten",
])
def test_other_peoples_time_spent_stays_an_outcome(others_time: str) -> None:  # near case
    t = _triad("the support agents copied every refund by hand", "I wrote the matching job",
               others_time)
    assert t.business_outcome


# --- people taking up what was shipped, said with the verb of a business term (session 22) ---
# detect_metric_triad as the meaning method calls it (roles=True), on normalised clauses with
# their STAR labels, so the rule is tested without the head's reading of the tense

_SET_UP = ["the warehouse team asked for a tool to flag damaged parcels", "i built the first version"]
_SET_UP_LABELS = ["situation", "action"]


def _outcome_of(last: str, label: str = "result") -> bool:
    from voice_coach.analysis.structure import detect_metric_triad

    return detect_metric_triad(_SET_UP + [last], _SET_UP_LABELS + [label],
                               roles=True).business_outcome


@pytest.mark.parametrize("take_up", [
    "after a month the packers accepted about 7 out of 10 of its flags",
    "by the end the inspectors agreed with the flag in roughly 80% of cases",
    "the players we targeted converted about 9% better than the control group",
    "and the tenants renewed at around 92% that spring",
])
def test_a_rate_people_took_the_work_up_at_is_the_outcome(take_up: str) -> None:
    assert _outcome_of(take_up)


@pytest.mark.parametrize("own_act", [
    "we converted the model to onnx and it ran 3 times faster",  # the speaker's act, a format
    "i accepted about 80% of the reviewers' comments",  # the speaker's own act
    "every one of the 12 rules got either adopted or dropped",  # no move and no rate
    "the packers accepted it",  # no rate: the words alone do not read as the outcome here
])
def test_the_speakers_own_act_or_a_take_up_without_a_rate_is_no_outcome(own_act: str) -> None:
    assert not _outcome_of(own_act)


def test_a_take_up_rate_in_the_set_up_is_no_outcome() -> None:  # near case: before the work
    from voice_coach.analysis.structure import detect_metric_triad

    assert not detect_metric_triad(
        ["at the time the packers accepted about 3 out of 10 of the old flags", "i rebuilt it"],
        ["situation", "action"], roles=True).business_outcome


# --- the time people feel a service in: a wait, a queue, on-time (session 23) ---
# same harness as above: `detect_metric_triad` on normalised clauses with their STAR labels

@pytest.mark.parametrize(("felt", "label"), [
    # how long the people served wait, and its change ("wait" said as a noun, no "time")
    ("the median wait before a caller reached a nurse fell from 9 minutes to about 4", "result"),
    ("and the typical wait at the pharmacy counter halved in the first month", "result"),
    # a queue's time or time on hold, said as a level after the work, no change word
    ("we turned it on and the average queue time for a ride was 70 seconds, fine", "action"),
    ("after that, time on hold for the callers came in at around 2 minutes", "result"),
    # whether it came when promised, as a rate of the service
    ("on-time pickups went up to roughly 88%", "result"),
    ("and on-time rose from 71 to 86% across the depots", "result"),
])
def test_the_time_people_feel_the_service_in_is_the_outcome(felt: str, label: str) -> None:
    assert _outcome_of(felt, label)


@pytest.mark.parametrize(("near", "label"), [
    # a serving knob or the model's own latency: no one waits for it
    ("i capped the max wait of each batch to 3 ms", "result"),
    ("the batch wait time of the server came down to 2 ms", "result"),
    ("p99 latency of the scoring model dropped to 30 ms", "result"),
    # the work's own date, and the speaker's own waiting
    ("we went live on time and the rest came a week later", "result"),
    ("we waited 3 weeks for the vendor's data", "action"),
    # a hypothetical: what the wait would be
    ("if we had shipped it the average wait would have dropped to 5 minutes", "hypothetical"),
])
def test_a_knob_the_works_own_date_or_a_hypothetical_wait_is_no_outcome(near: str,
                                                                        label: str) -> None:
    assert not _outcome_of(near, label)


def test_a_wait_found_in_the_set_up_is_no_outcome() -> None:  # near case: the problem found
    from voice_coach.analysis.structure import detect_metric_triad

    assert not detect_metric_triad(
        ["i noticed the average wait for a delivery slot had climbed to 3 days",
         "so i rebuilt the slot planner"], ["situation", "action"], roles=True).business_outcome
    assert not detect_metric_triad(
        ["on-time deliveries were at 64% when i joined", "i rebuilt the slot planner"],
        ["situation", "action"], roles=True).business_outcome


# --- the trust of the people served in the work, said to have grown (session 23) ---

@pytest.mark.parametrize("trust", [
    "the dispatchers told us later they trusted its routes more than the old sheet",
    "and afterwards the farmers trusted our forecasts a lot more",
    "in the end it made the ward sisters more confident in the tool, not less",
    "the auditors trusted us more after that review",
])
def test_the_trust_of_the_people_served_grown_is_an_outcome_in_words(trust: str) -> None:
    assert _outcome_of(trust)


@pytest.mark.parametrize(("near", "label"), [
    ("slowly he started trusting me", "result"),  # a working relationship, no "more"
    ("my manager trusted me more after that", "result"),  # trust in the speaker alone
    ("the new model had become more confident and more generic", "result"),  # a model's
    ("people trust citations more than a bare answer", "other"),  # a general claim
    ("i trusted the dashboard more than the raw logs", "result"),  # the speaker's own
    ("if it worked the nurses would trust it more", "hypothetical"),  # a hypothetical
])
def test_the_speakers_own_trust_or_trust_in_the_speaker_is_no_outcome(near: str,
                                                                      label: str) -> None:
    assert not _outcome_of(near, label)


def test_people_served_sooner_is_an_outcome_with_its_number():
    """QA47 F10: "reached faults about forty minutes sooner" is the outcome's number, not "said
    in words, no number"."""
    from tests.tools import triad_of

    text = ("Our fault tickets were routed to the wrong team. I retrained the router and "
            "mis-routed tickets went from twelve percent to about three percent. Field engineers "
            "reached faults about forty minutes sooner.")
    tri = triad_of(text, "lp-ownership-1")
    assert tri.business_outcome and any(role == "outcome" and "40 minutes" in span
                                        for role, span in tri.slots), tri.slots
