"""Session 37: QA41 (issue #17) in own wordings — the QA's transcripts are kept as repros in
tests/data/spent_session37/qa41. F1: a compound Whisper split at its "and" after "from" is one
number; F2: a window ahead ("in the next 48 hours") and a head count are no outcome, and the
bank shows the after its report read, never a time span; F3: the problem's pair told before the
work is no triad when the result is a change by an amount, and an after set against an earlier
level ("under 4%, versus 12%") is a pair of the metric the clause names; F6: a country said
alone after money ("300 grand Australian") is its dollars."""

from __future__ import annotations

import re

from voice_coach.analysis.numbers import change_pairs, normalize_numbers
from tests.tools import one_story, triad_of


def test_f1_a_compound_split_after_from_is_one_number():
    tri = triad_of("I own the returns model. We cut wrong refunds from 200 and 60 a week to 90 a "
                   "week after I retrained it on the new catalogue.", "lp-ownership-1")
    assert ("pair", "260 a week to 90 a week") in tri.slots, tri.slots
    # a range keeps both numbers
    assert normalize_numbers("between 200 and 60") == "between 200 and 60"


def test_f2_a_window_ahead_and_a_head_count_are_no_outcome():
    tri = triad_of("Pump failures were not my job; they belonged to the maintenance team. But "
                   "nobody owned the prediction side, so I took it. I pulled three years of "
                   "sensor logs. With two analysts I built a gradient boosted model that flags "
                   "pumps likely to fail in the next 48 hours. Then I set up a daily list for "
                   "the technicians. After five months, unplanned pump failures went down to 40 "
                   "per month. That saved about 1.2 million euros per year.", "lp-ownership-1")
    outcomes = [span for role, span in tri.slots if role == "outcome"]
    assert not any("48" in s or "2 analysts" in s for s in outcomes), tri.slots
    assert any("1.2M" in s for s in outcomes), tri.slots


def test_f2_the_bank_shows_the_after_its_report_read(tmp_path):
    for after in ("came in at 120 per month", "were 120 per month"):
        text = ("Pump failures were not my job. Nobody owned the prediction side, so I took "
                "it. I built a model that ranks pumps by risk every night and wrote the "
                f"runbook myself. After five months, unplanned pump failures {after}. What I "
                "learned: if nobody owns it, own it.")
        _, story = one_story(tmp_path / after[:4], ("lp-ownership-1", text))
        # never "5 months"; a count keeps its period (QA78 F1)
        assert story.triad.after == "120 per month", story.triad
        assert story.triad.metric == "unplanned pump failures", story.triad


def test_f3_an_after_set_against_an_earlier_level_is_a_pair():
    (p,) = change_pairs([normalize_numbers(
        "in the following quarter the stockout rate was under 4%, versus 12% in the spring.")])
    assert (p.before.value, p.after.value) == (12, 4)
    # two places compared are no change
    assert change_pairs([normalize_numbers("churn is now 19% in bristol versus 9% in leeds")]) == []


def test_f3_the_problem_pair_before_the_work_is_no_triad(tmp_path):
    text = ("In spring our demand forecast for the sale week was badly wrong. Hold time went "
            "from 3 minutes to 15 minutes. I told the support director the same morning that "
            "it was my model. I added the promotion calendar as a feature and backtested it on "
            "two years of sales. In the following sale week the forecast error was under 5%, "
            "versus 28% in spring, and abandoned calls went down by 35%.")
    _, story = one_story(tmp_path, ("lp-earn-trust-2", text))
    assert (story.triad.baseline, story.triad.after) == ("28%", "under 5%"), story.triad
    assert story.triad.metric and "forecast error" in story.triad.metric, story.triad


def test_f6_a_country_said_alone_after_money_is_its_dollars():
    assert "300000 AUD a year" in normalize_numbers("it saves about 300 grand Australian a year")
    assert "2.5M CAD" in normalize_numbers("worth 2.5 million Canadian, roughly")
    assert normalize_numbers("we served 2000 Canadian customers") == "we served 2000 Canadian customers"


RETOLD = ("28%. That was the error of my demand forecast for the spring sale week. It was my "
          "mistake: the model ignored the promotion calendar. I told the support director the "
          "same morning, before anyone asked. For me this is Earn Trust. I added the calendar "
          "as a feature and backtested it on two years of sales. On the next sale, the forecast "
          "error was under 5%. Abandoned calls fell by 35%, and we avoided about 90,000 euros "
          "of overtime.")


def test_f5_a_level_said_first_then_named_and_a_level_on_the_next_occasion():
    tri = triad_of(RETOLD, "lp-earn-trust-2")
    assert ("baseline", "28%") in tri.slots, tri.slots
    # "was under 5%" is a level, not a limit kept; "on the next sale" places it after the work
    assert ("after", "was under 5%") in tri.slots, tri.slots
    kept = triad_of(RETOLD.replace("the forecast error was under 5%",
                                   "we kept the forecast error under 5%"), "lp-earn-trust-2")
    assert not any(role == "after" and re.search(r"(?<!\d)5%", span)
                   for role, span in kept.slots), kept.slots


def test_f4_the_retelling_gives_the_numbers_and_a_problem_figure_is_no_correction(tmp_path):
    first = ("In spring my demand forecast for the sale week was wrong. We forecast 9,000 calls "
             "a day and the real number was 14,000. Hold time went from 3 minutes to 15 minutes. "
             "I told the support director the same morning that it was my model. I added the "
             "promotion calendar as a feature. In the following sale week the forecast error "
             "was under 5%, versus 28% in spring, and abandoned calls went down by 35%.")
    _, story = one_story(tmp_path, ("lp-earn-trust-2", first), ("lp-earn-trust-2", RETOLD))
    later = max(t.created_at for t in story.tellings)
    assert story.source.created_at == later, story.source.key
    assert (story.triad.metric, story.triad.baseline, story.triad.after) == \
        ("forecast error", "28%", "under 5%"), story.triad


def test_f11_a_forecast_volume_is_no_scale():
    from voice_coach.analysis.structure import detect_scale
    from voice_coach.analysis.numbers import normalize_numbers as norm

    assert detect_scale(norm("we forecast 40,000 calls a day for the sale")) == []
    assert detect_scale(norm("the model was expected to see about 40,000 bookings a day")) == []
    assert detect_scale(norm("it now handles 40,000 bookings a day"))  # what it serves stays


def test_f7_who_did_it_is_no_metric_name():
    from voice_coach.analysis.triad_said import metric_label

    assert metric_label("the agent") is None
    assert metric_label("our customers") is None
    assert metric_label("agent handle time") == "agent handle time"
    assert metric_label("customer complaints") == "customer complaints"


def test_a_count_per_shift_is_a_rate():
    tri = triad_of("The operators had approximately forty alarms per shift. I merged the alarms "
                   "about the same asset and ranked the rest by risk. It went down to around "
                   "twelve alarms per shift.", "lp-customer-obsession-2")
    assert any(role == "pair" and "12" in span for role, span in tri.slots), tri.slots


def test_f8_another_metrics_pair_said_only_in_another_telling_is_shown(tmp_path):
    first = ("I led the reply-drafting assistant for our booking agents. I sat with the agents "
             "for a week and saw they retyped the fare rules. We connected the model to the fare "
             "rules and every draft is approved by the agent. Handle time went from 14 minutes to "
             "8 minutes per case, and it saves roughly 300,000 euros a quarter.")
    second = ("The booking assistant again, from the customer side. Passengers called back "
              "because replies were inconsistent. After the drafts went live the repeat contact "
              "rate went from 21% to 13%. What I learned: watch the agents, not the dashboard.")
    _, story = one_story(tmp_path, ("lp-customer-obsession-1", first),
                         ("lp-customer-obsession-3", second))
    from voice_coach.story_report import triad_text

    line = triad_text(story.triad, story.elsewhere, story.costs)
    assert "21% → 13%" in line and "14 minutes" in line, line


def test_the_earlier_level_first_then_the_level_now():
    (p,) = change_pairs([normalize_numbers("so, 14 minutes versus 8 minutes now.")])
    assert (p.before.value, p.after.value) == (14, 8)
    (p,) = change_pairs([normalize_numbers("now it is 8 minutes versus 14 minutes")])
    assert (p.before.value, p.after.value) == (14, 8)


def test_another_metrics_pair_is_not_told_to_be_said_together():
    from voice_coach.stories import SaidElsewhere
    from voice_coach.story_report import elsewhere_text

    text = elsewhere_text([SaidElsewhere("pair", "repeat contact rate 21% → 13%", "K2"),
                           SaidElsewhere("outcome", "€300K a quarter", "K3")])
    assert "Another metric, said in another telling: repeat contact rate 21% → 13% in K2" in text
    assert "say them together" in text and "13% in K2 — say" not in text
