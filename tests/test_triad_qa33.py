"""QA33 F1 (session 31): a level said with "before" after its period, then the level "with my
approach", is the baseline → after pair — never the after read as the baseline; money said with
its currency word after it ("6000 kroner a month") is money for the business outcome (one list of
currency words, `numbers.CURRENCY_NAMES`). Wordings written for the mechanisms."""

import pytest

from voice_coach.analysis.numbers import change_pairs, normalize_numbers
from voice_coach.analysis.structure import _norm, detect_metric_triad
from voice_coach.config import Config
from voice_coach.pipeline import analyze_text
from voice_coach.questions import load_bank

CFG = Config()
Q = load_bank().get("lp-frugality-1")


def _pairs(text: str) -> list[str]:
    return [p.text for p in change_pairs([normalize_numbers(text).lower()])]


@pytest.mark.parametrize("said, pair", [
    ("The storage bill was about 30000 kroner a month before, and with my approach it was "
     "around 5000.", "about 30000 a month to around 5000 a month"),
    ("Recall was 61% before, and with the new version it is 77%.", "61% to 77%"),
    ("The queue was 400 tickets a day before, and with the fix it was under 90.",
     "400 a day to under 90 a day"),
])
def test_the_speakers_change_named_as_the_occasion_marks_the_after(said, pair):
    assert _pairs(said) == [pair]


def test_a_level_with_the_old_thing_is_no_after():
    assert _pairs("Recall was 61% in March, and with the old version it was 55% in April.") == []


def test_the_report_reads_the_before_level_as_the_baseline():
    text = ("Our test environments ran all night. Cutting that cost was my job. I wrote a "
            "scheduler that stops them after office hours. The cloud cost was about forty "
            "thousand kroner a month before, and with my approach it was around six thousand. "
            "I learned to look at idle time first.")
    tri = analyze_text(text, cfg=CFG, question=Q).structure.metric_triad
    assert tri.baseline and tri.after, tri
    assert not any(role == "baseline" and "6000" in span for role, span in tri.slots), tri.slots


@pytest.mark.parametrize("clauses", [
    ("It was 40000 kroner a month.", "After my change it was 6000 kroner a month."),
    ("After the change we paid 6000 kroner less every month.",),
])
def test_money_said_with_its_currency_word_is_a_business_outcome(clauses):
    labels = ["situation", "result"][-len(clauses):]
    tri = detect_metric_triad([_norm(c) for c in clauses], labels, roles=True)
    assert tri.business_outcome, tri


@pytest.mark.parametrize("clause, after", [
    # QA33 F2: a metric's window set against another thing, not against another level
    ("So we measured repeat contacts within seven days, instead of closed chats.", False),
    ("Review time is two days instead of nine.", True),
    ("The job finished in forty minutes instead of crashing at hour three.", True),
])
def test_instead_of_sets_a_level_against_a_level_only(clause, after):
    assert detect_metric_triad([_norm(clause)], ["result"], roles=True).after is after

