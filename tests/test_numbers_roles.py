"""Numbers and their roles, as a first-time user says them (QA5 F02, F06, F08–F11, F15, F21,
F23–F25, F28; QA4 F7).

Each finding's minimal repro text runs through the real analysis (`analyze_text`: the embedding
model, the reconciled facts, the coach and the report's lines) and through the parser of number
roles (`numbers.change_pairs`) on its own. The mechanisms, not the sentences: before/after in
either order, per-unit costs in cents, durations with a word between number and unit, ranges
that stay ranges, counterfactuals ("instead of crashing at hour three"), relative changes said
as a noun ("a ninety percent drop"), a date moved that is no metric, time given back to people
as a business outcome, and money written as a reader reads it ("$200K a month").
"""

from __future__ import annotations

import pytest

from voice_coach.analysis.facts import triad_values
from voice_coach.analysis.numbers import (
    change_pairs, moves_a_date, normalize_numbers, quantities, short_money,
)
from voice_coach.config import Config
from voice_coach.questions import load_bank
from voice_coach.report import structure_lines
from voice_coach.report_model import AnswerReport
from voice_coach.story_report import triad_text
from tests.tools import report_of

CFG = Config()
NO_BASELINE = "not the baseline"
NO_OUTCOME = "No business or customer outcome"


def _report(text: str, question: str | None = "lp-deliver-results-1") -> AnswerReport:
    return report_of(text, question)


def _lines(r: AnswerReport) -> str:
    return "\n".join(structure_lines(r) + [f.message for f in r.feedback] + [r.follow_up or ""])


def _pairs(text: str) -> list[str]:
    clauses = [c.strip() for c in normalize_numbers(text).lower().split(". ") if c.strip()]
    return [p.text for p in change_pairs(clauses)]


# --- the parser of roles, on its own ----------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    # F08: a per-unit cost in cents
    ("the cost went from twelve cents a prediction down to three cents", ["12 cents to 3 cents"]),
    ("cost per call went from 40 cents to 9 cents", ["40 cents to 9 cents"]),
    # F09: a range before and a range after stay ranges, the unit said once at the end
    ("it used to fail between fifteen and twenty times a month, and after the migration it "
     "failed one or two times a month", ["15-20 a month to 1-2 a month"]),
    ("we had between 3 and 5 outages a week. now we have 1 or 2 outages a week",
     ["3-5 a week to 1-2 a week"]),
    # F10: a word between a duration's number and its unit; days → minutes is one metric
    ("before my change, the month end reconciliation took two full days. now it takes forty "
     "minutes", ["2 full days to 40 minutes"]),
    ("onboarding took three whole weeks. now it takes four days", ["3 whole weeks to 4 days"]),
    # F11: a counterfactual that says what used to happen and when
    ("the job finishes in forty minutes instead of crashing at hour three",
     ["3 hours to 40 minutes"]),
    ("we shipped in 2 days instead of waiting 6 weeks", ["6 weeks to 2 days"]),
    # F15: a relative change said as a noun, of the level said before it
    ("before the contracts we had roughly twenty five broken loads a month, so it was about a "
     "ninety percent drop", ["roughly 25 a month to roughly 2.5 a month (worked out)"]),
    # F06: a two-word hedge before the after
    ("the batch went from nine hours to just under two hours", ["9 hours to just under 2 hours"]),
    # F23: a halving with its level said after it
    ("runtime was cut in half, from about six hours", ["about 6 hours to about 3 hours (worked out)"]),
    # F24: a range to "not once"
    ("the job went from failing two or three nights a week to not failing once in six months",
     ["2-3 a week to 0 a week"]),
    # F25: "we ended up three hours" (Whisper dropped the "at")
    ("the nightly job was running about ten hours. we ended up three hours and we shut down "
     "part of the cluster", ["about 10 hours to 3 hours"]),
    # a range after "to between": "from around 40 ms to between 200 and 300"
    ("p99 latency went from around forty milliseconds to between two hundred and three hundred",
     ["around 40 ms to 200-300 ms"]),
    # the historic present: "the flip rate gets to under half a percent"
    ("it was like one or two percent. the flip rate on it gets to under 0.5 percents",
     ["1-2% to under 0.5%"]),
    # a bare end of the metric named with its level before
    ("first field test: recall maybe sixty percent. recall went to around ninety in the field",
     ["60% to around 90%"]),
    # a change by points from a level said after it
    ("click through rate improved by two percentage points, from four percent",
     ["4% to 6% (worked out)"]),
    # the after first and the baseline after a comma of the same clause
    ("after my change, precision was at ninety one percent, whereas before it had been about "
     "seventy eight percent", ["about 78% to 91%"]),
])
def test_change_pairs_read_the_roles(text, expected):
    assert _pairs(text) == expected


@pytest.mark.parametrize("text", [
    "i hired 2 contractors instead of 5 engineers",  # counts of people are no metric
    # "after maybe 3 months" says when, it is no level reached
    "she would stay stuck for 2 days. we started 15 minutes every morning. after maybe three "
    "months she was reviewing other people's code",
    "we had a one to one meeting",
    "the regulator moved the submission deadline up by four hours",
])
def test_no_pair_where_no_metric_changed(text):
    assert _pairs(text) == []


def test_a_spoken_range_keeps_both_ends():
    qs = quantities(normalize_numbers("it failed one or two times a month").lower())
    assert [(q.said, q.unit) for q in qs] == [("1-2", "a month")]
    # two spoken numbers joined by "and" stay two: "between two hundred and three hundred"
    assert normalize_numbers("between two hundred and three hundred") == "between 200 and 300"
    assert normalize_numbers("two thousand and five") == "2005"
    # "one of the", "one to one" stay words
    assert normalize_numbers("one of the one to one meetings") == "one of the one to one meetings"


@pytest.mark.parametrize(("text", "moved"), [
    ("the regulator moved the submission deadline up by 4 hours", True),
    ("the launch was pulled in by 2 weeks", True),
    ("the launch cut latency by 40 ms", False),
    ("p99 latency went down by 40 ms", False),
])
def test_a_date_moved_is_no_change_of_a_metric(text, moved):
    assert moves_a_date(text, text.index(next(w for w in text.split() if w[0].isdigit()))) == moved


@pytest.mark.parametrize(("text", "short"), [
    ("$200000 a month", "$200K a month"),  # QA4 F7
    ("$40000 a month in revenue", "$40K a month in revenue"),
    ("about $0.5M to $150000", "about $500K to $150K"),
    ("$1500000", "$1.5M"),
    ("$1.2M", "$1.2M"),
    ("$950", "$950"),
    ("$12345", "$12345"),  # an odd amount is shown as said
    ("$60000 → $9000", "$60K → $9K"),
    ("in 2019", "in 2019"),
    ("from 12% to 3%", "from 12% to 3%"),
])
def test_money_reads_as_the_readme_writes_it(text, short):
    assert short_money(text) == short


# --- the findings, through the real analysis ---------------------------------------------------

def test_f02_time_given_back_to_people_is_the_business_outcome():
    r = _report("The false positive rate dropped by three points, to five percent, and the fraud "
                "analysts got back about two hundred hours a month of review time. I led the fix "
                "myself.", "lp-dive-deep-1")
    tri = r.structure.metric_triad
    assert tri.baseline and tri.after and tri.business_outcome, tri
    assert any("200 hours a month" in ev for ev in tri.evidence), tri.evidence
    text = _lines(r)
    assert NO_OUTCOME not in text
    assert "customers or for the business" not in (r.follow_up or "")


def test_f06_a_moved_deadline_is_the_constraint_and_the_after_is_kept():
    text = ("Our nightly Spark batch was taking around nine hours, and the regulator moved the "
            "submission deadline up by four hours. I owned that pipeline. I rewrote two shuffle "
            "joins as broadcast joins. In the end the batch went from nine hours to just under "
            "two hours, and we saved about forty thousand dollars a month in compute.")
    r = _report(text)
    tri = r.structure.metric_triad
    assert "9 hours to just under 2 hours" in tri.evidence, tri.evidence
    assert not any(ev.startswith("4 hours") or "+4" in ev for ev in tri.evidence), tri.evidence
    tv = triad_values(text)
    assert (tv.baseline, tv.after, tv.change) == ("9 hours", "just under 2 hours", None), tv


@pytest.mark.parametrize("text", [
    "I moved the scoring to batch. Cost per thousand predictions went from twelve cents down to "
    "three cents, which saved roughly one point five million dollars a year.",
    "I moved the scoring to batch. The cost went from twelve cents a prediction down to three "
    "cents, which saved roughly one point five million dollars a year.",
])
def test_f08_a_per_unit_cost_in_cents_is_the_metric(text):
    r = _report(text)
    tri = r.structure.metric_triad
    assert tri.baseline and tri.after and tri.business_outcome, tri
    assert "12 cents to 3 cents" in tri.evidence, tri.evidence
    assert r.structure.quantified_results >= 3
    assert "before" not in (r.follow_up or "").lower()


@pytest.mark.parametrize("text", [
    "I led the migration. The job used to fail between fifteen and twenty times a month, and "
    "after the migration it failed one or two times a month.",
    "I led the migration. The job used to fail somewhere between fifteen and twenty times a "
    "month, and after the migration it was down to one or two failures a month, so the on call "
    "team got their weekends back.",
])
def test_f09_a_range_before_and_after_stays_a_range(text):
    r = _report(text)
    tri = r.structure.metric_triad
    assert tri.baseline and tri.after, tri
    assert "15-20 a month to 1-2 a month" in tri.evidence, tri.evidence
    assert not any(ev.startswith("20 to") or ev.endswith("between 15") for ev in tri.evidence)


@pytest.mark.parametrize("text", [
    "Before my change, the month end reconciliation took two full days. Now it takes forty "
    "minutes.",
    "Before my change, the reconciliation took three analysts two full days every month end. Now "
    "it runs in forty minutes unattended, and the finance team closes the books a day earlier.",
])
def test_f10_a_baseline_in_days_and_an_after_in_minutes(text):
    r = _report(text)
    tri = r.structure.metric_triad
    assert tri.baseline and tri.after, tri
    assert "2 full days to 40 minutes" in tri.evidence, tri.evidence
    assert NO_BASELINE not in _lines(r)


def test_f11_instead_of_crashing_at_hour_three_is_the_before():
    text = ("The overnight Spark jobs keep dying on the month end run. I salt that key and rerun "
            "the month end in staging. The job finishes in forty minutes instead of crashing at "
            "hour three.")
    r = _report(text, None)
    tri = r.structure.metric_triad
    assert "3 hours to 40 minutes" in tri.evidence, tri.evidence
    assert "3" not in tri.evidence  # a bare "3" is no business outcome
    assert "(3)" not in _lines(r)
    tv = triad_values(text)
    assert (tv.baseline, tv.after) == ("3 hours", "40 minutes"), tv


def test_f15_before_said_in_a_reply_is_the_baseline():
    text = ("Before the contracts we had roughly twenty five broken loads a month, so it was "
            "about a ninety percent drop.")
    r = _report(text)
    tri = r.structure.metric_triad
    assert tri.baseline and tri.after, tri
    assert "90% drop" not in tri.evidence  # a relative change is no level
    tv = triad_values(text)
    assert tv.baseline == "roughly 25 a month", tv
    assert tv.after is not None and "90%" not in tv.after, tv


def test_before_and_after_in_either_order():
    r = _report("I took over the churn model. After my change, precision was at ninety one "
                "percent, whereas before it had been about seventy eight percent.")
    tri = r.structure.metric_triad
    assert tri.baseline and tri.after
    assert "about 78% to 91%" in tri.evidence, tri.evidence


def test_qa4_f7_money_is_short_in_the_report_and_the_bank():
    text = ("I rebuilt the ranking. Conversion went from two percent to three percent, which is "
            "about two hundred thousand dollars a month.")
    r = _report(text)
    lines = "\n".join(structure_lines(r))
    assert "$200K a month" in lines and "$200000" not in lines, lines
    assert "$200K a month" in triad_text(triad_values(text))


def test_qa4_f7_an_outcome_is_not_cut_mid_phrase():
    r = _report("I retrained the fraud model with merchant level features. We ended at ninety "
                "two percent precision, from eighty five, and false declines fell by roughly a "
                "quarter, which the payments team valued at about two million dollars a year in "
                "recovered sales.")
    assert any(ev.endswith("in recovered sales") for ev in r.structure.metric_triad.evidence), \
        r.structure.metric_triad.evidence


def test_f21_money_changed_by_an_amount_is_the_outcome_not_the_after():
    r = _report("I moved our model to quantised inference. Serving cost went down by a quarter "
                "of a million euros a year, and p99 latency went from three hundred milliseconds "
                "to ninety.", "lp-frugality-1")
    tri = r.structure.metric_triad
    assert tri.baseline and tri.after and tri.business_outcome, tri
    assert "300 ms to 90 ms" in tri.evidence, tri.evidence
    assert "€250K a year" in tri.evidence, tri.evidence


def test_f23_cut_in_half_from_a_level_said_after_it():
    r = _report("I parallelised the backtesting. Runtime was cut in half, from about six hours, "
                "and the quants could run twice as many experiments a week.", "lp-frugality-1")
    tri = r.structure.metric_triad
    assert tri.baseline and tri.after, tri
    assert "about 6 hours to about 3 hours (worked out)" in tri.evidence, tri.evidence
    assert "not where it ended up" not in _lines(r)


def test_f24_failures_a_week_to_not_once_is_a_result_with_numbers():
    r = _report("The job went from failing two or three nights a week to not failing once in six "
                "months, and the investigators got their alerts by eight a.m. instead of noon.",
                "lp-highest-standards-1")
    tri = r.structure.metric_triad
    assert tri.baseline and tri.after, tri
    assert "2-3 a week to 0 a week" in tri.evidence, tri.evidence
    assert "The result has no number" not in _lines(r)


def test_f25_ended_up_without_at_keeps_both_numbers():
    r = _report("The nightly Spark job was running about ten hours, so we were going to miss it. "
                "I replaced the two big shuffle joins with broadcast joins. We ended up three "
                "hours and we shut down part of the cluster overnight, which saved around fifty "
                "k a month.", "lp-ownership-1")
    tri = r.structure.metric_triad
    assert tri.baseline and tri.after and tri.business_outcome, tri
    assert "about 10 hours to 3 hours" in tri.evidence, tri.evidence
    assert "before" not in (r.follow_up or "").lower()


def test_f28_the_before_key_point_agrees_with_the_baseline_and_counts_read_whole():
    r = _report("Before, agents triaged everything by hand and the average time to first "
                "response was about nine hours. After we rolled it out behind an A B test, time "
                "to first response dropped to under three hours, and the team handles about "
                "twelve thousand emails a week with two fewer temp staff.", "llm-user-impact-1")
    s = r.structure
    assert s.metric_triad.baseline
    assert "the user metric before the change" in s.key_points.covered, s.key_points
    assert "2 fewer" not in s.metric_triad.evidence, s.metric_triad.evidence


@pytest.mark.parametrize("text", [
    "Afterwards I added a row count check on every input, and that check has caught three more "
    "bad loads since.",
    "He was on call too often, maybe three times more pages than anyone else.",
])
def test_a_few_more_things_is_no_after(text):
    r = _report("I owned the scoring pipeline. " + text)
    assert not r.structure.metric_triad.after, r.structure.metric_triad


def test_f15_the_reply_fills_the_baseline_of_the_answer_it_follows():
    from tests.follow_up_answers import follow_up_reply, main_answer
    from voice_coach.pipeline import merge_follow_up

    main, q = main_answer("I introduced data contracts for the upstream teams. I wrote a validator "
                          "that ran before each load. After that, broken loads fell to about two "
                          "a month.", "lp-ownership-1")
    assert not main.structure.metric_triad.baseline
    reply = follow_up_reply("Before the contracts we had roughly twenty five broken loads a month, "
                            "so it was about a ninety percent drop.", main, q, "no_result")
    merged = merge_follow_up(main, reply, CFG, q)
    assert merged.with_follow_up is not None
    assert merged.with_follow_up.facts.get("baseline") is True, merged.with_follow_up.facts


# --- QA6: the triad's roles (excursions, spoken halves, costs, shares, margins, stakes) --------

def _bank_triad(text: str, r: AnswerReport) -> str:
    """The story bank's triad line for this telling (`stories._triad_of`: the same facts)."""
    from voice_coach.stories import _triad_of

    return triad_text(_triad_of(text, r.structure))


def test_qa6_f01_an_excursion_then_a_recovery_is_baseline_and_after():
    text = ("After a firmware release our false accept rate went up to nine per day. I found the "
            "microphone gain was clipping the input. We rolled back the gain and false accepts "
            "came back down to 1.8 per day. Support tickets dropped by forty percent that month.")
    assert _pairs(text) == ["9 a day to 1.8 a day"]
    r = _report(text, "lp-dive-deep-1")
    tri = r.structure.metric_triad
    assert tri.baseline and tri.after and tri.business_outcome, tri
    assert "9 a day to 1.8 a day" in tri.evidence, tri.evidence
    assert NO_BASELINE not in _lines(r)
    assert "9 a day" in _bank_triad(text, r) and "1.8 a day" in _bank_triad(text, r)
    # a regression with its own start keeps the recovery as the story's pair
    assert _pairs("It was 2 per day before the release. It jumped to 9 per day. After the fix it "
                  "came back down to 1.8 per day.")[-1] == "9 a day to 1.8 a day"


@pytest.mark.parametrize(("said", "normal"), [
    ("improved from 11 percent to 8, and a half percent, and", "improved from 11% to 8.5%, and"),
    ("eight and a half percent", "8.5%"),
    ("it took 2, and a half hours", "it took 2.5 hours"),
    ("we had 8, and a half of it was waste", "we had 8, and a half of it was waste"),
])
def test_qa6_f04_a_spoken_half_survives_a_comma(said, normal):
    assert normalize_numbers(said) == normal


def test_qa6_f03_f04_users_spared_a_bad_launch_are_the_outcome_and_half_a_point_stays():
    r = _report("I proposed a staged rollout and we added three hundred hours of accented data. "
                "Overall the word error rate improved from 11 percent to 8, and a half percent, "
                "and we avoided a bad launch for maybe 30,000 users.", "lp-backbone-1")
    tri = r.structure.metric_triad
    assert tri.baseline and tri.after and tri.business_outcome, tri
    assert "11% to 8.5%" in tri.evidence, tri.evidence
    assert NO_OUTCOME not in _lines(r)
    assert "customers or for the business" not in (r.follow_up or "")


R4 = ("So, uh, I had a tight deadline. The client said they would not renew a contract worth 1.2 "
      "million a year unless medication errors were fixed in six weeks. I cut the nice to have "
      "items and focused on the lexicon. We hit the deadline with two days to spare. Medication "
      "errors went from 18 percent down to 7 percent and they renewed. What I'd do differently is "
      "tell the client earlier which features we were dropping.")


def test_qa6_f05_a_deadline_margin_is_no_outcome_the_renewed_contract_is():
    r = _report(R4, "lp-deliver-results-2")
    tri = r.structure.metric_triad
    assert tri.business_outcome, tri
    assert not any("2 days" in ev for ev in tri.evidence), tri.evidence
    # "worth 1.2 million a year" with no currency said anywhere: none is added (QA8 F12)
    assert any("1.2M [currency?] a year" in ev for ev in tri.evidence), tri.evidence
    bank = _bank_triad(R4, r)
    assert "1.2M [currency?] a year" in bank and "number unclear" not in bank, bank


def test_qa6_f05_a_margin_alone_still_counts_when_nothing_else_is_told():
    tri = _report("The launch date was fixed. I cut scope to the two reports finance needed. We "
                  "shipped with three days to spare and the error rate went from 9% to 4%.",
                  "lp-deliver-results-2").structure.metric_triad
    assert tri.baseline and tri.after, tri
    assert not any(ev.startswith("$") for ev in tri.evidence), tri.evidence


def test_qa6_f08_the_baseline_in_the_set_up_pairs_with_the_after_past_a_duration():
    text = ("We had this problem where the speech recognizer was getting drug names wrong, but "
            "the error rate on medication names was about 18%. I owned the fix. I built a custom "
            "lexicon. After six weeks, the medication error rate dropped to 7%, and clinicians "
            "saved roughly four minutes per note, which was worth about 1.2 million dollars a "
            "year in transcription corrections.")
    assert _pairs(text) == ["about 18% to 7%"]
    r = _report(text, "lp-ownership-1")
    tri = r.structure.metric_triad
    assert tri.baseline and tri.after and tri.business_outcome, tri
    assert "about 18% to 7%" in tri.evidence, tri.evidence
    bank = _bank_triad(text, r)
    assert "18%" in bank and "number unclear" not in bank, bank


I2 = ("Total compute cost was under two thousand dollars, versus a vendor quote of about one "
      "hundred and fifty k a year. Word error rate goes from thirty one percent with the base model "
      "to fourteen percent. The hospital signs, and Spanish now makes up about six percent of our "
      "volume.")


def test_qa6_f13_a_share_of_volume_is_no_after_and_a_cost_against_a_quote_is_a_saving():
    assert _pairs(I2) == ["31% to 14%"]
    r = _report(I2, "lp-frugality-1")
    tri = r.structure.metric_triad
    assert tri.baseline and tri.after and tri.business_outcome, tri
    assert not any("6%" in ev for ev in tri.evidence), tri.evidence
    assert any("versus" in ev and "150K [currency?] a year" in ev for ev in tri.evidence), tri.evidence
    assert "$2K" not in [ev.split(",")[0].strip() for ev in tri.evidence]
    assert "$150000 a year" in (triad_values(I2).outcome or "")


@pytest.mark.parametrize(("text", "spent"), [
    ("i pushed for buying 500 hours of speech, it cost around $80000.", True),
    ("total compute cost was under $2000.", True),
    ("we spent $40K on labelling", True),
    ("we cut costs by $200K a year", False),
    ("the annual cost went down to $400000", False),
    ("it cost $2000 versus a quote of $150000 a year", False),
])
def test_money_spent_is_a_cost_not_an_outcome(text, spent):
    from voice_coach.analysis.numbers import spend_spans

    assert bool(spend_spans(text)) == spent


def test_qa6_f14_money_a_wrong_call_cost_is_no_business_outcome():
    text = ("I pushed for buying five hundred hours of accented speech, it cost around eighty "
            "thousand dollars. It barely helped, the error rate moved from twelve to eleven point "
            "five percent. We fixed the normalizer in a week and the error rate dropped to nine "
            "percent.")
    r = _report(text, "lp-are-right-a-lot-2")
    tri = r.structure.metric_triad
    assert tri.baseline and tri.after and not tri.business_outcome, tri
    assert not any("$80" in ev for ev in tri.evidence), tri.evidence
    assert "Impact is anchored" not in _lines(r)
    assert triad_values(text).outcome is None


def test_qa6_f18_a_percent_never_passes_to_a_misheard_bare_end():
    text = ("Word error rate goes from 31 % with the base model to 40,000. The hospital signs and "
            "Spanish now make up about 6 % of our volume.")
    assert _pairs(text) == []
    tri = _report(text, "lp-frugality-1").structure.metric_triad
    assert not any("40000%" in ev or "6%" in ev for ev in tri.evidence), tri.evidence
    assert _pairs("error rate went from 31% with the old model to 14") == ["31% to 14%"]


def test_qa6_f27_a_change_said_of_it_in_another_duration_unit_is_a_pair():
    assert _pairs("We had latency of about four seconds per note and I got it down to eight "
                  "hundred milliseconds by distilling the model.") == [
        "about 4 seconds to 800 milliseconds"]


def test_qa6_f35_an_after_said_first_down_from_its_start_is_a_pair():
    assert _pairs("Latency is now 120 milliseconds, down from 450 milliseconds. That saved us "
                  "about 40k a month in compute.") == ["450 milliseconds to 120 milliseconds"]
    assert _pairs("Cost per request went from three cents to one cent.") == ["3 cents to 1 cent"]
    r = _report("Latency is now 120 milliseconds, down from 450 milliseconds. That saved us about "
                "40k a month in compute.")
    tri = r.structure.metric_triad
    assert "450 milliseconds to 120 milliseconds" in tri.evidence, tri.evidence
    assert not any(ev.endswith("down from") or ev == "from 450 milliseconds"
                   for ev in tri.evidence), tri.evidence


def test_qa6_f32_a_data_volume_in_the_domain_units_is_scale():
    r = _report("I owned the fix. I retrained the language model on about two hundred thousand "
                "de-identified notes, and the medication error rate dropped from eighteen percent "
                "to seven percent, worth about one point two million dollars a year.",
                "lp-ownership-1")
    assert any("200000" in s for s in r.structure.scale_evidence), r.structure.scale_evidence
    assert "How big was this" not in (r.follow_up or "")
    assert "No scale evidence" not in _lines(r)


def test_qa6_f35_a_dip_at_first_is_no_after():
    tri = _report("Accuracy dropped by five points at first, then we ended at 93 percent, up from "
                  "88. Cost per request went from three cents to one cent, across about 20 million "
                  "requests a day.").structure.metric_triad
    assert tri.baseline and tri.after, tri
    assert "88% to 93%" in tri.evidence and "3 cents to 1 cent" in tri.evidence, tri.evidence
    assert not any("5 points" in ev for ev in tri.evidence), tri.evidence


def test_once_as_a_count_marks_no_after():
    # round M7 restarts-23: a rollout gate and a rollout step are no before → after
    assert _pairs("At each step the gate was error rate under one percent. The kill switch we "
                  "actually used once during the twenty five percent step.") == []
    assert _pairs("The error rate was 9%. Once we shipped it was 4%.") == ["9% to 4%"]


def test_an_exposure_or_a_share_is_no_level_a_change_starts_from():
    # round M4 llmops-06: the canary's 5 % and the 6 % of traffic are not the null rate's start
    assert _pairs("We only turned it on for the null queries, which are maybe six percent of "
                  "traffic. Canary at five percent of those queries, then ramped. Null-result rate "
                  "on those queries went down to about two percent.") == []
    assert _pairs("The null-result rate was 5%. It went down to about 2%.") == ["5% to about 2%"]


@pytest.mark.parametrize("text, saving", [
    ("total compute cost was under $2000, versus a vendor quote of $150000 a year", True),
    ("total compute cost $1000000 versus a vendor quote of $100000 a year", False),
    ("it cost around $80000", False),
])
def test_a_cost_is_a_saving_only_against_a_larger_one(text: str, saving: bool) -> None:
    from voice_coach.analysis.numbers import money_saving, spend_spans
    assert (money_saving(text) is not None) is saving
    assert bool(spend_spans(text)) is (not saving and "cost" in text)


# --- QA8 number roles (session 8, numbers9), each in wording of its own ----------------------

@pytest.mark.parametrize(("text", "expected"), [
    # F01: the after said first, a long metric name between it and "from … before"
    ("We landed at eighty one percent of tickets with a correct first reply, from sixty four "
     "percent before.", ["64% to 81%"]),
    # F07: a score named with a digit, its end said in a later sentence
    ("The weighted F one was zero point six two. I retrained on clean labels. The weighted F one "
     "went to zero point seven four.", ["0.62 to 0.74"]),
    # F22: a sentence break between a level and the level it is set against
    ("The duplicate rate at launch was four percent. Against fifteen percent in the pilot.",
     ["15% to 4%"]),
    # F24: a score reached, its name said after it
    ("The mean average precision was zero point four four with the old ranker. The new ranker "
     "reached zero point five two average precision.", ["0.44 to 0.52"]),
])
def test_qa8_pairs_said_across_sentences_and_result_first(text, expected):
    assert _pairs(text) == expected


def test_qa8_f14_an_after_with_a_long_metric_name_is_read():
    r = _report("I rebuilt the intent classifier for the returns flow. After the rollout the recall "
                "of the refund intent on the audit sample was eighty eight percent. I learned to "
                "audit samples.", "lp-dive-deep-1")
    assert r.structure.metric_triad.after, r.structure.metric_triad


def test_qa8_f15_a_constraint_is_no_baseline():
    r = _report("I picked a linear model because the memory limit was two hundred megabytes. After "
                "the launch the precision was ninety percent. I learned to start from the limit.",
                "lp-dive-deep-1")
    tri = r.structure.metric_triad
    assert tri.after and not tri.baseline, tri


def test_qa8_f31_a_worked_out_baseline_is_never_shown_as_said():
    text = ("The refund error rate went down by four points to two percent. I rebuilt the address "
            "check myself.")
    tri = _report(text).structure.metric_triad
    assert tri.baseline and tri.after, tri
    assert "6% (worked out) to 2%" in tri.evidence, tri.evidence
    assert not any(ev.startswith("6% to") for ev in tri.evidence), tri.evidence
    values = triad_values(normalize_numbers(text))
    assert values.baseline is None or "worked out" in values.baseline, values
