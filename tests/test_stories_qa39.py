"""Session 36: QA39's open findings (issue #17) in own wordings — the QA transcripts are kept
in tests/data/spent_session35/qa39. F4: a level said "within two quarters" of the work is the
after ("within" says when, no limit kept), ratios too ("1 in 12 → 1 in 50"); F3: "10 basis
points" is a rate shown whole, money a change came down by is the outcome only, and "in the
next quarterly report" is no period of the amount; F12: "let me set the scene first" announces
the Situation; F13: the brief's examples of how to say a gap are said in the speaker's
currency."""

from __future__ import annotations

import pytest

from voice_coach.analysis.facts import quantity_kind
from voice_coach.analysis.slot_values import shown_slot
from voice_coach.questions import load_bank
from voice_coach.stories import brief_entries, speaker_currency
from voice_coach.story_report import HOW_TO_SAY, gap_line, how_to_say
from tests.tools import report_of, story_bank, triad_of


@pytest.mark.parametrize("text, before, after", [
    ("Late deliveries were 9% of orders on the new routes. I rebuilt the arrival-time model "
     "with the drivers' own stop data. Within three months late deliveries were 4%.",
     "was 9%", "were 4%"),
    ("On the cheaper tablets about one in twelve parcels arrived damaged. I changed the packing "
     "rule for that category and added a drop test. Within two months it was one in fifty.",
     "were 1 in 12", "was 1 in 50"),
])
def test_f4_a_level_within_a_span_after_the_work_is_the_after(text, before, after):
    tri = triad_of(text, "lp-dive-deep-2")
    assert tri.baseline and tri.after, tri
    assert any(role == "after" and after in span for role, span in tri.slots), tri.slots


def test_f4_within_a_limit_stays_a_limit_kept():
    tri = triad_of("I rewrote the cache layer and the latency stayed within 200 milliseconds "
                   "while traffic doubled.", "lp-deliver-results-1")
    assert not tri.baseline, tri


def test_f3_basis_points_are_a_rate_shown_whole():
    assert shown_slot("was 10 basis points") == "10 basis points"
    assert quantity_kind("10 basis points") == "%"
    assert quantity_kind("25 percentage points") == "%"


def test_f3_money_a_change_came_down_by_is_the_outcome_only(tmp_path):
    text = ("I had double-counted a stress scenario in the reserve model, so the reserve was "
            "too high. I told my director the same day and rebuilt the model with an independent "
            "check. After the fix the error between forecast and actual losses was 12 basis "
            "points. The reserve came down by about three million pounds in the next quarterly "
            "report.")
    tri = triad_of(text, "lp-earn-trust-2")
    afters = [span for role, span in tri.slots if role == "after"]
    outcomes = [span for role, span in tri.slots if role == "outcome"]
    assert afters and all("3M" not in a for a in afters), tri.slots
    assert any("3M" in o for o in outcomes), tri.slots
    _, bank = story_bank(tmp_path, ("lp-earn-trust-2", text))
    (entry,) = brief_entries(bank, load_bank())
    assert entry.triad.after == "12 basis points", entry.triad
    # one-off: no period; the amount said with its currency word and "by" is read as the
    # outcome itself since session 52 (as "$3M" is), the sign only when read from a change
    assert entry.triad.outcome in ("−£3M", "−3M pounds", "3M pounds"), entry.triad


def test_f3_a_period_said_as_such_is_still_kept():
    assert shown_slot("saved about 2 million pounds quarterly") == "2M pounds a quarter"
    assert shown_slot("costs of 40000 euros a month") == "40K euros a month"


def test_f12_an_announced_setting_is_the_situation():
    text = ("Let me set the scene first. I had just joined the payments team at an online "
            "travel agency, and card declines on hotel bookings were hurting us. I traced the "
            "declines to one acquirer and moved that traffic. Declines fell by a third.")
    star = report_of(text, "lp-dive-deep-1").structure.star
    assert star["situation"].present, star


@pytest.mark.parametrize("texts, currency", [
    (["we saved about £300K a year", "roughly two million pounds"], "pounds"),
    (["about four million kroner a year", "300000 kroner"], "kroner"),
    (["it cost €20K", "we saved $1M and 2 million euros and 3 million euros"], "euros"),
    (["it served 40000 calls a day"], "dollars"),
])
def test_f13_the_speaker_currency_is_the_one_said_most(texts, currency):
    assert speaker_currency(texts) == currency


def test_f13_how_to_say_a_gap_in_the_speakers_currency(tmp_path):
    assert how_to_say("[outcome?]", "pounds") == HOW_TO_SAY["[outcome?]"].replace("$", "£")
    assert "thousand kroner" in how_to_say("[currency?]", "kroner")
    assert "400K kroner" in how_to_say("[outcome?]", "kroner")
    assert how_to_say("[baseline?]", "pounds") == HOW_TO_SAY["[baseline?]"]
    text = ("I led the churn model for our broadband customers. The churn rate was 2.1% a "
            "month. I added the outage history as a feature. It cost us about £40K in cloud "
            "time.")
    _, bank = story_bank(tmp_path, ("lp-ownership-1", text))
    (entry,) = brief_entries(bank, load_bank())
    line = gap_line(entry)
    assert entry.currency == "pounds" and "$" not in line and "dollars" not in line, line


@pytest.mark.parametrize("said, name", [
    ("Precision measured on the held-out fraud cases went from 62% to 81%.",
     "precision"),
    ("The share of late invoices, counting from the due date, fell from 22% to 9%.",
     "share of late invoices"),
])
def test_f9_a_metric_is_named_by_its_head_not_how_it_was_measured(said, name):
    from voice_coach.analysis.facts import triad_values
    from voice_coach.analysis.numbers import normalize_numbers

    tri = triad_values(normalize_numbers(said.lower()))
    assert tri.metric == name, tri


def test_f6_a_range_in_the_name_before_its_level_is_no_pair():
    tri = triad_of("Before I joined, the share of invoices paid from 30 to 90 days late was about "
                   "18% over the previous year.", "lp-deliver-results-1")
    assert not any(role == "pair" for role, _ in tri.slots), tri.slots
    assert ("baseline", "about 18%") in tri.slots or ("baseline", "18%") in tri.slots, tri.slots


def test_f6_a_change_of_the_range_told_with_its_verb_stays_a_pair():
    tri = triad_of("I rebuilt the scoring and we cut the error from 8% to 3%, which was huge.",
                   "lp-deliver-results-1")
    assert ("pair", "8% to 3%") in tri.slots, tri.slots
