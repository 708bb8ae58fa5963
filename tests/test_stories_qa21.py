"""QA20 (issue #17 run-through): the story bank and the brief show the numbers the answer's own
report read in each triad slot (`MetricTriadInfo.slots`), written by one formatter
(`analysis.slot_values.shown_slot`) — never a second reading of the words that disagrees with
the report (F1 "number unclear" next to a report quoting "dropped at 30%", F2 "down −1.5" for
"1.5 million … per year", F6 money saved shown as a cost, F8 "number unclear" when no number
was said, F10 the period dropped) — and `stories --show` says which telling its triad is from
and why (F9). Every answer is analysed by the real pipeline, saved by the real `Store` and read
back through `voice-coach stories` / `brief`; the wordings are this test's own."""

from __future__ import annotations

from datetime import datetime

import pytest

from voice_coach import pipeline
from voice_coach.analysis.slot_values import shown_slot
from voice_coach.config import Config
from voice_coach.questions import load_bank
from voice_coach.store import Store
from tests.test_stories_followed_up import _save
from tests.tools import main_stdout
from tests.tools import triad_of


def _impact(capsys, root) -> list[str]:
    brief = main_stdout(capsys, "brief", "--recordings", str(root))
    return [x for x in brief.splitlines() if x.startswith("- **Impact:**")]


def _one(tmp_path, capsys, qid: str, text: str) -> str:
    root = tmp_path / "recordings"
    _save(Store(root), datetime(2026, 11, 9, 10), qid, text)
    (line,) = _impact(capsys, root)
    return line


def _report_line(qid: str, text: str) -> str:
    return "; ".join(triad_of(text, qid).evidence)


# --- the shared formatter --------------------------------------------------------------------

@pytest.mark.parametrize("said, shown", [
    ("€800000 a year", "€800K a year"),
    ("$200000", "$200K"),
    ("$0.25M per quarter", "$250K per quarter"),
    ("went down by 2.5 million rolled per year", "−2.5M [currency?] per year"),
    ("70000 carried a month", "70K [currency?] a month"),
    ("€3M of new bookings in a year", "€3M in a year"),
    ("fell at 25%", "−25%"),
    ("grew by 8%", "+8%"),
    ("400000 orders a day", "400K orders a day"),
])
def test_one_formatter_writes_a_slot_number_for_a_reader(said, shown):
    assert shown_slot(said) == shown


@pytest.mark.parametrize("said, shown", [
    ("up to 64%", "64%"),  # a level, not a change: "to" says where it ended
    ("$950", "$950"),  # an amount that is not round stays as said
    ("3 days", "3 days"),
    ("6% (worked out)", "6% (worked out)"),
])
def test_formatter_leaves_levels_and_odd_amounts_as_said(said, shown):
    assert shown_slot(said) == shown


# --- the bank and the brief show the report's slots -----------------------------------------

SECOND_CHANGE = (
    "At the pharmacy chain I owned the stock-out model for our stores. Pharmacists told us "
    "shelves were empty every Monday. I added the weekend sales as a feature and retrained the "
    "model per region. The stock-out rate went from fifteen percent to six percent. As a "
    "result, lost prescriptions {verb} twenty five percent, and we saved the stores a lot of "
    "trouble. I learned to listen to the people at the shelf.")


@pytest.mark.parametrize("verb", ["dropped at", "fell by", "went down by"])
def test_an_outcome_quoted_by_the_report_is_the_brief_outcome(tmp_path, capsys, verb):
    """F1: the report quotes the second change ("dropped at 25%") with the triad and ticks the
    outcome; the brief shows that number with what changed, never "number unclear"."""
    text = SECOND_CHANGE.format(verb=verb)
    assert f"{verb} 25%" in _report_line("lp-customer-obsession-3", text)
    line = _one(tmp_path, capsys, "lp-customer-obsession-3", text)
    assert "prescriptions −25%" in line and "number unclear" not in line, line
    assert "15% → 6%" in line, line


MONEY_STOPPED = (
    "Our fraud rules at the ticket marketplace blocked good buyers and nobody trusted them. "
    "I rebuilt the scoring with a gradient boosted model and a review queue. The false decline "
    "rate went from thirty percent to twelve percent. We stopped losing about two hundred "
    "thousand euros per month to declined orders. I learned to measure the cost of caution.")


def test_money_the_report_reads_as_the_outcome_is_never_shown_as_a_cost(tmp_path, capsys):
    """F6, F10: "stopped losing €200K per month" is what the work saved: the outcome, with its
    period, as the report quotes it — never "cost €200K"."""
    assert "€200K per month" in _report_line("lp-bias-for-action-1", MONEY_STOPPED)
    line = _one(tmp_path, capsys, "lp-bias-for-action-1", MONEY_STOPPED)
    assert "€200K per month" in line and "cost" not in line, line
    assert "number unclear" not in line, line


SPENT = (
    "Our recommendation service was slow and I owned it. I rewrote the ranking step and moved "
    "the feature lookups into one batch call. The p95 latency went from eight hundred "
    "milliseconds to two hundred milliseconds, which lifted checkout conversion by three "
    "percent. The rewrite cost us about forty thousand euros in contractor time. I learned "
    "to profile first.")


def test_money_said_as_what_the_work_cost_stays_a_cost(tmp_path, capsys):
    """Near case: money spent on the work is still shown as its cost, never as the outcome."""
    line = _one(tmp_path, capsys, "lp-deliver-results-1", SPENT)
    assert "€40K" not in line.split("cost")[0], line


UNHEARD_MILLION = (
    "Our substitutions for missing groceries came from four hundred hand written rules. I "
    "replaced them with a small embedding model trained in three weeks. The acceptance rate "
    "went up to sixty eight percent. Refunds went down by two and a half million rolled per "
    "year. I learned that a simple model can beat a pile of rules.")


def test_an_amount_whose_currency_was_not_heard_keeps_its_scale_and_period(tmp_path, capsys):
    """F2: "two and a half million <misheard currency> per year" is "2.5M [currency?] per year",
    one sign for the drop — never "down −2.5"."""
    line = _one(tmp_path, capsys, "lp-invent-simplify-1", UNHEARD_MILLION)
    assert "2.5M [currency?] per year" in line, line
    assert "down −" not in line, line


PERIOD_AFTER = (
    "On the hotel search team conversion had been flat for months. I found that cancelled "
    "bookings were labelled as positives, fixed the labels and ran an A/B test. Booking "
    "conversion went from three point one percent to three point five percent. That is about "
    "six million euros of extra revenue in a year. I learned to check labels before tuning.")


def test_the_period_of_a_money_outcome_is_kept(tmp_path, capsys):
    """F10: the report quotes "€6M … in a year"; the brief keeps the period as said."""
    line = _one(tmp_path, capsys, "lp-dive-deep-1", PERIOD_AFTER)
    assert "€6M in a year" in line, line


WORDS_ONLY = (
    "Our image model ran on large GPU servers and the bill worried finance. I distilled it into "
    "a small model that runs on the device itself and checked the accuracy on a held out set. "
    "After the change the bill became much lower, and the money paid for two more projects. "
    "I learned that smaller is often better.")


def test_an_outcome_said_without_a_number_is_said_in_words(tmp_path, capsys):
    """F8: the report says "said in words, no number"; the brief says so too, never "number
    unclear" (which sends the user looking for a transcription problem)."""
    rep = pipeline.analyze_text(WORDS_ONLY, cfg=Config(), question=load_bank().get("lp-frugality-1"))
    tri = rep.structure.metric_triad
    if not tri.business_outcome or tri.evidence:
        pytest.skip("the report reads this wording differently")
    line = _one(tmp_path, capsys, "lp-frugality-1", WORDS_ONLY)
    assert "said in words, no number" in line and "number unclear" not in line, line


MONEY_A_YEAR = (
    "I owned the churn model at the streaming service. I added viewing gaps as a feature and "
    "retrained it every week. Churn went from five percent to four percent a month, which was "
    "worth about three hundred thousand dollars a year. I learned to ship small changes.")


def test_a_money_outcome_said_plainly_does_not_change(tmp_path, capsys):
    """Near case: an outcome the bank already read as the report did stays as it was."""
    line = _one(tmp_path, capsys, "lp-deliver-results-1", MONEY_A_YEAR)
    assert "$300K a year" in line, line


# --- F9: which telling the triad is from ------------------------------------------------------

FIRST = (
    "Our price alerts for flights were mostly false, so the on-call team ignored them. I shipped "
    "a seasonal baseline with a threshold per route within a week. The false alert rate went "
    "from forty percent to ten percent. We stopped losing about one hundred thousand dollars a "
    "month on wrong fares. That was Bias for Action. I learned that a quick fix beats a perfect "
    "plan.")
RETOLD = (
    "The flight price alerts were false most of the time. I built a seasonal baseline. The false "
    "alert rate went from forty two percent to nine percent, and we stopped losing about one "
    "hundred thousand dollars a month on wrong fares.")


def test_show_says_which_telling_the_triad_is_from_and_why(tmp_path, capsys):
    root = tmp_path / "recordings"
    _save(Store(root), datetime(2026, 11, 9, 10), "lp-bias-for-action-1", FIRST)
    _save(Store(root), datetime(2026, 11, 10, 10), "lp-highest-standards-1", RETOLD)
    out = main_stdout(capsys, "stories", "--show", "1", "--recordings", str(root))
    head = " ".join(out.split("┏")[0].split())
    if "told 2×" not in head:
        pytest.skip("the two tellings were not grouped")
    best = head.split("best: ")[1].split(" ★")[0]
    source = head.split("triad and content score from ")[1].split()[0].rstrip(",")
    if source == best:
        assert "★, the best telling" in head, head
    else:
        assert f"not from the ★ telling {best}" in head, head


# --- QA19 F15: one number format for scale quotes ---------------------------------------------

@pytest.mark.parametrize("quote, shown", [
    ("600000 parcels a day", "600K parcels a day"),
    ("$300000 a month", "$300K a month"),
    ("45000 clinics", "45K clinics"),
])
def test_scale_quotes_write_long_round_numbers_short(quote, shown):
    from voice_coach.analysis.slot_values import compact_numbers
    assert compact_numbers(quote) == shown


@pytest.mark.parametrize("quote", ["23456 parcels a day", "4M listings", "950 stores", "2025 cohort"])
def test_scale_quotes_keep_odd_numbers_and_short_ones(quote):
    from voice_coach.analysis.slot_values import compact_numbers
    assert compact_numbers(quote) == quote


SCALE_LONG = (
    "I owned the routing model at the courier company. I added live traffic as a feature and "
    "retrained it nightly. Late deliveries went from nine percent to four percent, which saved "
    "about a million dollars a year. The model plans six hundred thousand parcels a day. I "
    "learned to test with the drivers.")


def test_brief_and_report_write_a_volume_short(tmp_path, capsys):
    root = tmp_path / "recordings"
    _save(Store(root), datetime(2026, 11, 9, 10), "lp-deliver-results-1", SCALE_LONG)
    brief = main_stdout(capsys, "brief", "--recordings", str(root))
    scale = next(x for x in brief.splitlines() if x.startswith("- **Scale and ship:**"))
    assert "600K parcels a day" in scale and "600000" not in scale, scale


# --- QA19 F14: misheard words next to money are no label ------------------------------------

MISHEARD_CURRENCY = (
    "I owned the fraud model at the ride hailing company. I added device features and retrained "
    "it weekly. The fraud rate went from 0.9% to 0.4%, which saved us about 2 million city that "
    "year. I learned to look at devices first.")


def test_money_whose_currency_was_misheard_is_marked_not_labelled(tmp_path, capsys):
    """"2 million city that year" (a currency word misheard): "2M [currency?] a year", never
    "2M city"."""
    line = _one(tmp_path, capsys, "lp-deliver-results-1", MISHEARD_CURRENCY)
    assert "2M [currency?] a year" in line and "city" not in line, line


# --- QA21 (session 21): numbers in the wrong role ---------------------------------------------

SPAN_MONEY = (
    "At the insurer the claims model felt random to the agents. I built a new model with repair "
    "shop features and added reason codes. The fraud loss rate was 7%. And after the launch it "
    "is 5%. For the business, the premium book grew by {amount} {span}. I learned that "
    "complaints are data.")


@pytest.mark.parametrize("amount, span, shown", [
    ("20 million dollars", "in one year", "$20M in a year"),
    ("90 million rand", "over six months", "90M rand over 6 months"),
    ("90 million rand", "in the first year", "90M rand in the first year"),
])
def test_the_span_a_money_outcome_was_made_in_is_kept(tmp_path, capsys, amount, span, shown):
    """QA21 F1: money said with the span it was made in ("in one year", "over six months") keeps
    that period in the report's outcome slot and in the brief."""
    text = SPAN_MONEY.format(amount=amount, span=span)
    line = _one(tmp_path, capsys, "lp-customer-obsession-3", text)
    assert shown in line, line


def test_money_said_per_period_still_reads_per_period(tmp_path, capsys):
    """Near case: "90 million rand a year" stays "a year"."""
    text = SPAN_MONEY.format(amount="90 million rand", span="a year")
    line = _one(tmp_path, capsys, "lp-customer-obsession-3", text)
    assert "90M rand a year" in line, line


CHANGE_TOOK = (
    "I owned the payment fraud model at an online travel agency. After a vendor update, the "
    "chargeback rate jumped. It was 1.4% before and it went to 5% in three days. I rolled back "
    "and added a contract test on the feed. After the fix, the chargeback rate was 1.1%. We "
    "stopped losing about 2 million euros per month in refunds. I learned to test every feed.")


def test_how_long_a_change_took_is_never_the_outcome(tmp_path, capsys):
    """QA21 F3: "went to 5% in three days" says how fast the problem grew; the outcome is the
    money the fix stopped losing, never "3 days"."""
    rep = pipeline.analyze_text(CHANGE_TOOK, cfg=Config(),
                                question=load_bank().get("lp-ownership-3"))
    outcomes = [span for role, span in rep.structure.metric_triad.slots if role == "outcome"]
    assert not any("days" in o for o in outcomes), outcomes
    assert any("€2M per month" in o for o in outcomes), outcomes
    line = _one(tmp_path, capsys, "lp-ownership-3", CHANGE_TOOK)
    assert "3 days" not in line and "€2M per month" in line, line


DATA_WINDOW = (
    "One Sunday we saw a new wave of card testing on our checkout. The situation was urgent "
    "because the bots were moving fast. I owned the checkout fraud rules. Instead of waiting for "
    "the next release, I wrote two new velocity features on the same day, tested them on the "
    "last three weeks of data, and deployed them behind a flag on Monday. The block rate 140%, "
    "and it went up 18%. I learned that a reversible decision should be fast.")


def test_a_window_of_data_is_never_the_outcome(tmp_path, capsys):
    """QA21 F6: "the last three weeks of data" is how much data was used, not an outcome."""
    rep = pipeline.analyze_text(DATA_WINDOW, cfg=Config(),
                                question=load_bank().get("lp-bias-for-action-1"))
    slots = rep.structure.metric_triad.slots
    assert not any("weeks" in span for _, span in slots), slots


SAVED_TIME = (
    "Our analysts rebuilt the same weekly report by hand. I automated it with one scheduled "
    "job. The analysts got back 30 hours a month, and report errors went from 6% to 1%. I "
    "learned to automate the boring parts.")


def test_time_given_back_stays_an_outcome(tmp_path, capsys):
    """Near case: hours given back to people are still the outcome."""
    rep = pipeline.analyze_text(SAVED_TIME, cfg=Config(),
                                question=load_bank().get("lp-frugality-1"))
    outcomes = [span for role, span in rep.structure.metric_triad.slots if role == "outcome"]
    assert any("30 hours" in o for o in outcomes), outcomes


COST_LEVELS = (
    "Our reporting jobs ran on a big warehouse and the bill kept growing. I cut the tables {cut}"
    "and moved the jobs to a cheaper tier. The storage bill was 80,000 rupees per month, and "
    "today it is 30,000 rupees per month. Report speed stayed the same. I learned to measure "
    "first.")


@pytest.mark.parametrize("cut", ["from 300 to 60 ", ""])
def test_a_cost_said_before_and_now_is_the_baseline_and_after(tmp_path, capsys, cut):
    """QA21 F5: "the bill was 80,000 rupees per month, and today it is 30,000 rupees per month"
    is that cost's baseline → after (both shown, the after never dropped); a count said as
    "from 300 to 60" takes no slot of the triad when a level pair is said."""
    line = _one(tmp_path, capsys, "lp-frugality-1", COST_LEVELS.format(cut=cut))
    assert "80K rupees per month → 30K rupees per month" in line, line
    assert "300" not in line, line


CHANGE_WORTH = (
    "I replaced twenty regional churn models with one shared model at the telecom. The churn "
    "error is now 9%. Contract cancellations went down 15%, and that was 800,000 rand per "
    "month. I learned that simple wins.")


def test_money_said_right_after_a_change_is_the_outcome(tmp_path, capsys):
    """QA21 F2: "X went down 15%, and that was 800,000 rand per month": the money is what the
    change was worth, the outcome's money — shown, never dropped."""
    line = _one(tmp_path, capsys, "lp-invent-simplify-1", CHANGE_WORTH)
    assert "800K rand per month" in line, line


COUNT_ONLY = (
    "Our nightly data pipeline had grown messy and hard to run. I owned it. I merged the "
    "duplicate jobs, and the manual steps went from 12 to 3. The on-call team got their "
    "evenings back. I learned to simplify first.")


def test_a_count_pair_alone_still_fills_the_triad(tmp_path, capsys):
    """Near case (F5): with no level pair said, a count's "from 12 to 3" is still the pair."""
    line = _one(tmp_path, capsys, "lp-invent-simplify-1", COUNT_ONLY)
    assert "12 → 3" in line, line


CHANGE_NO_MONEY = (
    "I replaced twenty regional churn models with one shared model at the telecom. The churn "
    "error is now 9%. Contract cancellations went down 15%, and that was a relief for the "
    "sales team. The project cost 40,000 rand in contractor time. I learned that simple wins.")


def test_a_change_with_no_money_after_it_keeps_its_change(tmp_path, capsys):
    """Near case (F2): no money said with the change: the change is shown; money the work cost
    two clauses on is never the outcome."""
    line = _one(tmp_path, capsys, "lp-invent-simplify-1", CHANGE_NO_MONEY)
    assert "−15%" in line and "40K rand" not in line.split("cost")[0], line
