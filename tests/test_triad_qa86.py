"""QA86 (#13 trial, persona Mei Ling, Singapore): hours freed and their worth are the outcome
(F5); a bare level that moves in points is a percent, "last time it was" is where it started
(F6); a requirement the work had to meet is no level (no "40 minutes → under 2 seconds")."""

import pytest

from voice_coach.analysis.numbers import normalize_numbers, said_changes
from tests.tools import triad_of


def test_hours_freed_and_their_worth_are_the_outcome():
    tri = triad_of("I changed the summaries to short bullets with links. That frees around three "
                   "thousand banker hours a year, roughly six hundred K Singapore dollars.",
                   "lp-customer-obsession-3")
    assert tri.business_outcome and "S$600K" in tri.evidence, tri


@pytest.mark.parametrize("said, pair", [
    ("the share of answers they marked useful improved by seven points, from seventy four.",
     ("74%", "81%")),
    ("false positives came down to about nine percent, last time it was twenty-five.",
     ("25%", "about 9%")),
    ("meeting prep time, last time it was about forty minutes, now close to fifteen.",
     ("about 40 minutes", "15 minutes")),
])
def test_levels_said_the_speakers_way(said, pair):
    pairs = said_changes([normalize_numbers(said).lower()]).pairs
    assert [(p.before.shown, p.after.shown) for p in pairs] == [pair]


def test_a_requirement_is_no_level():
    pairs = said_changes(["and the assistant had to deliver results in under 2 seconds.",
                          "meeting prep time, previously it was about 40 minutes,",
                          "now close to 15."]).pairs
    assert not any(p.after.unit == "seconds" for p in pairs), pairs


def test_a_level_said_alone_then_where_we_started():
    """F1: "… dropped to around 54%. 92%. That was where we started before." is 92% → 54%."""
    pairs = said_changes(["the false positive share dropped to around 54%.", "92%.",
                          "that was where we started before."]).pairs
    assert [(p.before.shown, p.after.shown) for p in pairs] == [("92%", "around 54%")]
    assert not said_changes(["it was 40 minutes.", "that was where we started."]).pairs


@pytest.mark.parametrize("said, pair, shown", [
    ("The cost went from about 300k Singapore dollars a month to around 90k.",
     "about 300000 sgd a month to around 90000 sgd a month",
     "about S$300K a month to around S$90K a month"),
    ("Fraud losses fell from 2 million francs a year to 800 thousand francs a year.",
     "2M francs to 800000 francs", "2M francs to 800K francs"),
])
def test_a_pair_in_a_named_currency_keeps_it(said, pair, shown):
    """F2/F7 (and QA87 F4): money said with a currency's name is money at both ends."""
    tri = triad_of(said, "lp-deliver-results-1")
    assert ("pair", pair) in tri.slots and shown in tri.evidence, tri
