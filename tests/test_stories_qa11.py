"""Story bank and brief on the QA11 trial's mechanisms (F06, F07, F12), in new wordings:
a word heard for a metric's name that is a clause ("may you see" for "AUC") is shown as
`[metric?]` and does not hide a retelling that gives the same metric another number; the
number a report quotes for its business outcome is the number the bank and the brief show for
it (one reading, never "number unclear" next to a report that quotes it); a story's triad and
content score come from one telling, and the bank says which.

Every answer is analysed by the real pipeline, saved by the real `Store` and read back through
the CLI (`voice-coach stories`, `brief`), as the other story tests do.
"""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from voice_coach.analysis.triad_said import metric_label
from voice_coach.cli.stories import load_story_bank
from voice_coach.analysis.slot_values import compact_numbers
from voice_coach.config import Config
from voice_coach.questions import load_bank
from voice_coach.store import Store
from tests.test_stories_followed_up import _save
from tests.tools import main_stdout

QID = "lp-deliver-results-1"


def _brief(capsys, root) -> str:
    return main_stdout(capsys, "brief", "--recordings", str(root))


def _show(capsys, root, story: int = 1) -> str:
    return main_stdout(capsys, "stories", "--recordings", str(root), "--show", str(story),
                       "--markdown")


def _row(card: str, label: str) -> list[str]:
    line = next(x for x in card.splitlines() if x.startswith(f"| {label} |"))
    return [c.strip() for c in line.split("|")[2:-1]]


# --- F06: a clause heard for a metric's name ----------------------------------------------------

@pytest.mark.parametrize("label", ["may you see", "our may you see", "a you see",
                                   "what we could see", "i would say"])
def test_a_clause_heard_for_a_name_names_no_metric(label):
    assert metric_label(label) is None


@pytest.mark.parametrize("label", ["auc", "default rate", "false positive rate",
                                   "cost per ticket", "p95 latency", "us conversion rate"])
def test_metric_names_stay_names(label):
    assert metric_label(label) == label


SCORECARD = (
    "At the bank I owned the credit scoring for small business loans, and our application "
    "scorecard was five years old. My job was to replace it before the spring campaign. I "
    "trained a gradient boosting model on our own repayment history and ran it in shadow mode "
    "for six weeks until the risk committee signed it off. {metric} went from 0.64 to 0.73. "
    "Defaults fell and write-offs dropped by about $3 million a year. I learned to bring the "
    "risk committee in from the first week.")
SCORECARD_RETOLD = (
    "In 2024 I rebuilt the application scorecard for small business loans at the bank, using "
    "gradient boosting on our own repayment history, because the old scorecard was five years "
    "old. I ran it in shadow mode for six weeks before the risk committee approved it. The AUC "
    "went from 0.64 to 0.70. I learned to involve the risk committee from day one.")


@pytest.mark.parametrize("heard", ["Our may you see", "The a you see"])
def test_a_misheard_metric_name_is_a_gap_and_the_retold_number_is_flagged(tmp_path, capsys,
                                                                          heard):
    """QA11 F06: "AUC" heard as "may you see" named the metric in the bank and the brief, and
    because the names differed the same metric's after told as 0.73 and as 0.70 was never
    flagged. The label is shown as `[metric?]` and the two numbers are checked."""
    root = tmp_path / "recordings"
    _save(Store(root), datetime(2026, 11, 30, 9), QID, SCORECARD.format(metric=heard))
    _save(Store(root), datetime(2026, 11, 30, 10), QID, SCORECARD_RETOLD)
    bank = load_story_bank(Store(root), Config(), load_bank())
    assert len(bank.stories) == 1, [s.title for s in bank.stories]
    brief, card = _brief(capsys, root), _show(capsys, root)
    assert "you see" not in brief and "you see" not in card, brief + card
    check = brief.split("**Check:**")[1].split("\n")[0] if "**Check:**" in brief else ""
    assert re.search(r"after said as 0\.73 and as 0\.7\b", check), brief
    impact = brief.split("**Impact:**")[1].split("\n")[0]
    assert "0.64 → 0.73" in impact or "0.64 → 0.7" in impact, impact
    if "0.64 → 0.73" in impact:  # the telling that said more is shown; its label is the name
        # the other telling gave the same level, marked as its (QA98 F6), never the misheard one
        assert "auc (another telling) 0.64 → 0.73" in impact.lower(), impact


def test_one_metric_heard_under_two_names_is_still_compared(tmp_path, capsys):
    """A name can be misheard into another word that looks like a name ("genie" for "Gini");
    two tellings that start the metric from the same level and end near it tell one metric,
    so another end is flagged — the check never rests on the name alone."""
    root = tmp_path / "recordings"
    _save(Store(root), datetime(2026, 11, 30, 9), QID,
          SCORECARD.format(metric="Our Gini coefficient"))
    _save(Store(root), datetime(2026, 11, 30, 10), QID,
          SCORECARD_RETOLD.replace("The AUC", "The genie score"))
    brief = _brief(capsys, root)
    assert "**Check:**" in brief, brief
    check = brief.split("**Check:**")[1].split("\n")[0]
    assert re.search(r"after said as 0\.73 and as 0\.7\b", check), check


# --- F07: the number the report quotes is the number the bank shows -----------------------------

FRAUD = (
    "I was the lead data scientist for card fraud at our payments company, and the old rules "
    "engine was missing new attack patterns. My responsibility was to ship a new model before "
    "Black Friday. I built a graph feature pipeline, trained the model and convinced the risk "
    "team with a two month shadow test. The AUC went from 0.81 to 0.89. {outcome} I learned to "
    "show the risk team the shadow results every week.")
# the currency misheard as another word: the report quotes the amount as heard
MISHEARD_MONEY = (
    "This saved around 2 million years per month in losses.",
    "That cut the chargebacks by about 400 thousand rails a month.",
    "It saved roughly 1.5 million race a year in fraud losses.",
)


@pytest.mark.parametrize("outcome", MISHEARD_MONEY)
def test_the_bank_shows_the_outcome_number_its_report_quotes(tmp_path, capsys, outcome):
    """QA11 F07: the report said "business outcome ✓ (…; 2M years per month)" and "Impact is
    anchored" while the bank said "outcome said (number unclear)" for the same telling: a
    scaled amount ("2M") was taken for a level of the metric because both are bare numbers.
    The bank and the brief show what the report read; a report without the outcome shows a
    gap."""
    root = tmp_path / "recordings"
    first, _ = _save(Store(root), datetime(2026, 11, 30, 9), QID, FRAUD.format(outcome=outcome))
    tri = first.structure.metric_triad
    bank = load_story_bank(Store(root), Config(), load_bank())
    (story,) = bank.stories
    shown = story.triad.outcome or story.triad.effect
    brief = _brief(capsys, root)
    impact = brief.split("**Impact:**")[1].split("\n")[0]
    if not tri.business_outcome:
        assert "[outcome?]" in impact, (tri, impact)
        return
    assert shown is not None and "number unclear" not in shown, (tri, story.triad)
    number = re.search(r"[$€]?(\d+(?:\.\d+)?[KMBT]?)", shown).group(1)
    # one number format (QA19 F15): "400K" is the report's "400000"
    assert any(number in compact_numbers(ev) for ev in tri.evidence), (number, tri.evidence)
    assert "number unclear" not in impact and number in impact.replace("$", ""), impact


# --- F12: one telling's triad, one telling's score ----------------------------------------------

RICH = (
    "I led the pricing model for our used car marketplace, and dealers were leaving because "
    "our price suggestions were off. My task was to fix the suggestions before the dealer "
    "conference. I rebuilt the features from auction data, added a residual model per brand "
    "and ran an A/B test with forty dealers. The median pricing error went from 12% to 7%, "
    "dealer churn fell by a fifth, and that was worth about $1.2 million a year in kept "
    "subscriptions. I learned to test with dealers before the launch. That is Deliver "
    "Results.")
THIN = (
    "In 2023 the used car price suggestions on our marketplace were off and dealers "
    "complained. I rebuilt the pricing model with auction data and a residual model per brand. "
    "The median pricing error went from 12% to 8%. It was worth about 1 million a year.")


def test_a_story_row_takes_triad_and_score_from_one_telling(tmp_path, capsys):
    """QA11 F12: the row showed one telling's triad ("the telling that said most of it") next
    to another telling's content score. Both come from the same telling now, and the bank
    names it."""
    root = tmp_path / "recordings"
    _save(Store(root), datetime(2026, 11, 30, 9), QID, RICH)
    _save(Store(root), datetime(2026, 11, 30, 10), "lp-are-right-a-lot-1", THIN)
    bank = load_story_bank(Store(root), Config(), load_bank())
    assert len(bank.stories) == 1, [s.title for s in bank.stories]
    (story,) = bank.stories
    src = story.source
    assert src is not None
    whole = src.followed_up or src
    assert story.triad == whole.triad
    assert story.scores == whole.scores  # not the best of each part over the tellings
    # the telling that said the money with its currency, not "1M [currency?]" said later
    assert src.created_at < story.tellings[-1].created_at, src
    card = _show(capsys, root)
    head = next(x for x in card.splitlines() if x.startswith("Triad:"))
    assert f"triad and content score from {src.key}" in head, head
    col = [t.key for t in story.tellings].index(src.key)
    assert head.split("Content score: ")[1].rstrip(".") == _row(card, "content score")[col]
    listing = main_stdout(capsys, "stories", "--recordings", str(root), "--markdown")
    assert "principles and STAR-L: all its tellings" in listing, listing


@pytest.mark.parametrize("heard", ["years", "race"])
def test_a_retold_amount_with_a_misheard_currency_is_still_checked(tmp_path, capsys, heard):
    """The outcome shown as the report quotes it ("4M years a year") is still compared with
    the money another telling said ("$3M a year"): the word in the currency's place does not
    make it another kind of number, so the different amount is flagged."""
    root = tmp_path / "recordings"
    _save(Store(root), datetime(2026, 11, 30, 9), QID, SCORECARD.format(metric="The AUC"))
    _save(Store(root), datetime(2026, 11, 30, 10), QID, SCORECARD_RETOLD.replace(
        "0.64 to 0.70.", f"0.64 to 0.73. This saved around 4 million {heard} per year in "
                         "write-offs."))
    brief = _brief(capsys, root)
    assert "**Check:**" in brief, brief
    check = brief.split("**Check:**")[1].split("\n")[0]
    assert "outcome said as" in check and "3M" in check and "4M" in check, check
