"""Session 24 (issue #17: one set of facts, report = bank = brief, numbers as spoken, gaps
marked) — QA29 F1–F3:

- F1: a value the speaker's own step put in place ("I switched the clinics back to a manual cap
  of 5% extra bookings") is a setting of the action, no level of the metric; the level said
  outright of the metric before the work is the baseline ("no-show rate 8% → 3%").
- F2: no currency sign is added to an amount said with no currency heard, whichever reading of
  the words lent it ("stopped losing around 3.1 million but the …" → "3.1M [currency?]").
- F3: a head count ("a team of five people") never fills the baseline slot: a change said with
  no baseline shows "[baseline?]" in the brief and on its To fill line, never "baseline said
  (number unclear)".

The sentences are this test's own (a clinic network, a grocery chain), not the QA persona's."""

from __future__ import annotations

from tests.test_stories_qa24 import _bank
from tests.tools import main_stdout
from voice_coach.analysis.numbers import mark_unsaid_currency

CLINIC = ("Last year I owned the no-show model for our clinics. One Monday the model broke "
          "because a feed sent empty visit history. The no-show rate, meaning patients who "
          "booked and never came, was 8% that week. In the first hour I switched the clinics "
          "back to a manual cap of 5% extra bookings, and I updated the clinic leads every "
          "hour. I found the root cause in the feed and added a schema check. {now} and "
          "overtime pay came down to about 40,000 rand per month. I learned to own my inputs.")


def _triad(tmp_path, qid, text):
    _, bank = _bank(tmp_path, (qid, text))
    (story,) = bank.stories
    return story.triad


def test_a_setting_of_the_action_is_no_baseline(tmp_path):
    t = _triad(tmp_path, "lp-ownership-3", CLINIC.format(now="Now the no-show rate is 3%"))
    assert (t.baseline, t.after) == ("8%", "3%"), t


def test_a_setting_is_no_baseline_when_the_after_names_no_metric(tmp_path):
    """Another wording: the after said of "it" rests on the level said, not on the setting."""
    t = _triad(tmp_path, "lp-ownership-3", CLINIC.format(now="Now it is 3%"))
    assert (t.baseline, t.after) == ("8%", "3%"), t


def test_a_level_said_before_the_work_is_still_the_baseline(tmp_path):
    """Near case: no setting said — the level said before the work stays the baseline."""
    text = CLINIC.replace("In the first hour I switched the clinics back to a manual cap of 5% "
                          "extra bookings, and I updated the clinic leads every hour. ", "")
    t = _triad(tmp_path, "lp-ownership-3", text.format(now="Now the no-show rate is 3%"))
    assert (t.baseline, t.after) == ("8%", "3%"), t


GROCERY = ("At the grocery chain the shelf forecast was a huge model with 400 features and a "
           "team of five people for a year. I thought it was too complicated, so I built a small "
           "model with 15 features in three weeks and tested it in 200 stores. The stock-out "
           "rate was cut by 4 points. We stopped losing around 3.1 million {tail} in waste. I "
           "learned that a simple model that ships beats a perfect one on slides.")


def test_an_amount_with_no_currency_heard_gets_no_sign(tmp_path):
    t = _triad(tmp_path, "lp-invent-simplify-1", GROCERY.format(tail="but the worker"))
    assert t.outcome is not None and "$" not in t.outcome, t
    assert t.outcome.startswith("3.1M [currency?]"), t


def test_an_amount_with_its_currency_heard_keeps_it():
    """Near case: a currency said in the answer keeps every amount's sign."""
    assert mark_unsaid_currency("$3.1M", "we stopped losing $3.1 million in waste") == "$3.1M"
    assert mark_unsaid_currency("$3.1M", "we stopped losing around 3.1 million but the worker") \
        == "3.1M [currency?]"


def test_a_head_count_is_no_baseline_and_the_gap_is_shown(tmp_path, capsys):
    root, bank = _bank(tmp_path, ("lp-invent-simplify-1", GROCERY.format(tail="a year")))
    (story,) = bank.stories
    assert story.triad.baseline is None, story.triad
    assert story.triad.change is not None and "4 points" in story.triad.change, story.triad
    brief = " ".join(main_stdout(capsys, "brief", "--recordings", str(root)).split())
    assert "number unclear" not in brief and "5 people" not in brief, brief
    fill = brief.split("To fill:", 1)[1]
    assert "[baseline?]" in fill.split("##", 1)[0], brief


def test_a_level_said_with_the_head_count_still_fills_the_baseline(tmp_path):
    """Near case: the level said before the change is the baseline, beside a head count."""
    text = GROCERY.format(tail="a year").replace(
        "The stock-out rate was cut by 4 points.",
        "The stock-out rate was 9% then. After the new model it went down to 5%.")
    t = _triad(tmp_path, "lp-invent-simplify-1", text)
    assert t.baseline == "9%" and t.after == "5%", t


# --- F4: the scale line keeps a service level's figure ---------------------------------------

def test_a_service_level_keeps_its_figure():
    from voice_coach.analysis.numbers import normalize_numbers
    from voice_coach.analysis.structure import detect_scale
    for said, shown in (("The planner serves 900 depots, and the response time SLA is 150 "
                         "milliseconds.", "response time sla is 150 milliseconds"),
                        ("we signed an SLO of 2 seconds with the stores.", "slo of 2 seconds")):
        scale = detect_scale(normalize_numbers(said).lower())
        assert any(shown in x for x in scale), scale


def test_a_service_level_said_without_a_figure_stays_the_word():
    """Near case: "we kept the SLA" gives no figure: the word alone, as before."""
    from voice_coach.analysis.numbers import normalize_numbers
    from voice_coach.analysis.structure import detect_scale
    assert detect_scale(normalize_numbers("We kept the SLA every week.").lower()) == ["sla"]


# --- F5: a story was first told when its answer ended, not when its report was written --------

def test_a_telling_is_placed_when_it_was_told_not_when_its_report_came():
    from types import SimpleNamespace

    from voice_coach.stories import _told_at
    slow = SimpleNamespace(created_at="2026-11-20T10:05:00+00:00",  # told 09:20, written 10:05
                           timings=SimpleNamespace(feedback_latency_s=2700.0))
    quick = SimpleNamespace(created_at="2026-11-20T09:31:00+00:00",  # told 09:30
                            timings=SimpleNamespace(feedback_latency_s=60.0))
    assert _told_at(slow) < _told_at(quick), (_told_at(slow), _told_at(quick))


def test_a_report_with_no_wait_known_keeps_its_time():
    """Near case: no feedback wait saved — the report's own time, as before."""
    from types import SimpleNamespace

    from voice_coach.stories import _told_at
    at = "2026-11-20T09:31:00+00:00"
    assert _told_at(SimpleNamespace(created_at=at, timings=SimpleNamespace(
        feedback_latency_s=None))) == at
