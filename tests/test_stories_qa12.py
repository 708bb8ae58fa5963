"""Story bank and brief on the QA12 trial's mechanisms (F03, F04, F09, F10, F15), in new
wordings: the bank, `stories --show` and the brief read one set of facts with the answer's
report — a change said after its number ("12% more than the year before") is a change, not an
after level; money said with its currency as a word keeps it ("2.1B yen") and is money, never
"[outcome?]"; a telling's column shows what its report's "with the follow-up" shows; a
retelling that gives one named metric's change another number is checked, wherever the two
triads hold that change; money only another telling said as its outcome is shown, marked.

Every answer is analysed by the real pipeline, saved by the real `Store` and read back through
the CLI (`voice-coach stories`, `brief`), as the other story tests do.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from voice_coach import pipeline
from voice_coach.analysis.facts import is_money, quantity_kind, triad_values
from voice_coach.config import Config
from voice_coach.questions import load_bank
from voice_coach.store import Store
from tests.test_stories_followed_up import _save
from tests.test_stories_qa11 import _brief, _row, _show

QID = "lp-deliver-results-1"


# --- F09: a change said after its number --------------------------------------------------------

@pytest.mark.parametrize("text, change", [
    ("Bookings from the new search were 2.1 billion yen. That is 12% more than the year before.",
     "+12%"),
    ("In the end we saw a 30% reduction in refund requests.", "−30%"),
    ("Weekly active sellers were 40000, about 6% higher than the quarter before.", "+6%"),
])
def test_a_change_said_after_its_number_is_a_change_not_a_level(text, change):
    t = triad_values(text)
    assert t.change == change and t.after is None


def test_a_level_said_with_after_patterns_stays_a_level():
    t = triad_values("We shipped the new model, and after the launch latency was 120 ms.")
    assert t.after == "120 ms" and t.change is None


# --- F15: a currency said as a word stays with its number ---------------------------------------

@pytest.mark.parametrize("q", ["1.3B yen", "80M yen per quarter", "40M naira"])
def test_an_amount_with_its_currency_word_is_money(q):
    assert is_money(q) and quantity_kind(q) == "$"


def test_a_follow_up_check_quotes_money_with_its_currency():
    """QA12 F15: "result ✓ (1.3B; 8%)" for "… 1.3 billion yen": the number lost its currency."""
    q = load_bank().get(QID)
    first = pipeline.analyze_text(
        "Our ranking service was too slow for the winter sale. I was responsible for it. I "
        "distilled the model and moved the lookups into a cache, and it was ready in time.",
        cfg=Config(), question=q)
    reply = pipeline.analyze_text(
        "Bookings from the new search were 2.1 billion yen that season. That is 12% more than "
        "the year before.", cfg=Config(), question=q,
        follow_up=pipeline.FollowUpOf("no_result", first))
    assert "2.1B yen" in reply.follow_up_check.evidence


# --- F09, F10: one picture of an answer and its follow-up reply ----------------------------------

ANSWER = ("This was a hard deadline. In 2024 our search ranker had to be ready for the winter "
          "sale, and it was too slow. I was responsible for making the serving fast enough. I "
          "profiled the service first, then I distilled the big model into a small one and moved "
          "the feature lookups into a cache. I learned to profile first and to agree the scope "
          "early with the product manager.")
REPLY = ("The result for customers: bookings from the new search were 2.1 billion yen that "
         "season. That is 12% more than the year before.")


def test_money_and_a_change_a_reply_said_are_shown_as_said(tmp_path, capsys):
    """QA12 F09: the brief showed "[metric?] baseline said (number unclear) → 8%, [outcome?]"
    for a reply that said "1.3 billion yen … 8% more than last year": a change shown as an after
    level and money said shown as not said."""
    root = tmp_path / "recordings"
    _save(Store(root), datetime(2026, 11, 30, 9), QID, ANSWER, REPLY, "no_result")
    impact = next(x for x in _brief(capsys, root).splitlines() if x.startswith("- **Impact:**"))
    assert "+12%" in impact and "→ 12%" not in impact
    assert "2.1B yen" in impact and "[outcome?]" not in impact


def test_a_tellings_column_shows_its_triad_with_the_follow_up(tmp_path, capsys):
    """QA12 F10: the story's triad (with the follow-up) said "baseline said (number unclear)"
    while the only telling's column said "[baseline?]": the column shows the report's "✗ → ✓
    with the follow-up" as well."""
    root = tmp_path / "recordings"
    _save(Store(root), datetime(2026, 11, 30, 9), QID, ANSWER, REPLY, "no_result")
    card = _show(capsys, root)
    triad = next(x for x in card.splitlines() if x.startswith("Triad: "))
    shown = triad.removeprefix("Triad: ").split(". Scale:")[0]
    cell = _row(card, "triad")[0]
    assert "with the follow-up: " in cell
    assert cell.split("with the follow-up: ", 1)[1] == shown


# --- F03, F04: a retelling -----------------------------------------------------------------------

FIRST = ("At the marketplace I owned the search ranking for gift items. Customers complained "
         "that gift searches were not relevant. My task was to find out why and fix the ranker. "
         "I read the query logs myself and found that seasonal queries were missing from the "
         "training data, so I built a seasonality feature and retrained the ranker. Gift "
         "category revenue went up by about 6%, around 90 million yen per quarter. I learned "
         "to read the raw logs before changing the model.")
RETOLD = ("This is about the gift search at the marketplace. I owned the search ranking model. "
          "Customers kept writing that gift search results were not relevant, and it was my "
          "job to fix it. I read the raw query logs myself and found the seasonal queries that "
          "were missing from the training data. I added a seasonality feature and retrained the "
          "ranker. After a two week A/B test, add to cart rate went from 5.1% to 5.9%. Revenue "
          "for gift items increased about 8%. I learned to look at raw data first.")


def test_a_retold_change_of_one_metric_is_checked_and_the_money_kept(tmp_path, capsys):
    """QA12 F03, F04: revenue +4% in one telling (its main change) and +5% in the retelling
    (its outcome) was never checked, and the 80M yen per quarter of the first telling was
    dropped from the brief."""
    root = tmp_path / "recordings"
    _save(Store(root), datetime(2026, 11, 30, 9), QID, FIRST)
    _save(Store(root), datetime(2026, 11, 30, 10), QID, RETOLD)
    brief = _brief(capsys, root)
    check = next(x for x in brief.splitlines() if x.startswith("- **Check:**"))
    assert "+6%" in check and "+8%" in check
    impact = next(x for x in brief.splitlines() if x.startswith("- **Impact:**"))
    assert "90M yen per quarter (another telling)" in impact


# --- F02: the baseline number the report's triad rests on ---------------------------------------

LEVEL_THEN_CHANGE = (
    "At the marketplace I was the ML engineer for search ranking. In 2023 customers complained "
    "that gift search results were not relevant, and my task was to find the reason and fix "
    "the ranker. I read the query logs myself and found that seasonal queries were missing "
    "from the training data, so I built a seasonality feature and retrained the ranker. I ran "
    "an A/B test for two weeks. The add to cart rate was 5.1%, and it came 5.9%. And the gift "
    "category revenue went up by about 6%, around 90 million yen per quarter. I learned to "
    "read the raw logs before changing the model.")


def test_the_bank_shows_the_baseline_number_its_report_quotes(tmp_path, capsys):
    """QA12 F02: the report said "baseline ✓ · after ✓" for "the click through rate was 3.2%,
    and it came 3.9%" (Whisper's "came" for "became") and quoted no baseline number; the bank
    said "baseline said (number unclear)". The report quotes the level its baseline rests on,
    and the bank shows that number, with the metric it was said of."""
    root = tmp_path / "recordings"
    first, _ = _save(Store(root), datetime(2026, 11, 30, 9), QID, LEVEL_THEN_CHANGE)
    tri = first.structure.metric_triad
    assert tri.baseline and any("5.1%" in e for e in tri.evidence)
    cell = _row(_show(capsys, root), "triad")[0]
    assert "number unclear" not in cell and "add to cart rate 5.1%" in cell
