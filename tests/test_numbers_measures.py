"""Session 42: a level said with a unit of measure ("48,000 kilometers") or as a rate per a count
("12 per 10,000 prescriptions") is a metric's level with its unit, never a count of things
(QA52 F5: "went from about 48,000 kilometers down to 37,000" lost its baseline; QA50 F5:
"4.2 per thousand translated reviews" lost its unit in the brief)."""

from __future__ import annotations

from voice_coach.analysis.numbers import normalize_numbers, quantities, said_changes
from tests.tools import story_bank, triad_of


def _pairs(text: str):
    return [(p.before.text, p.after.text) for p in said_changes([normalize_numbers(text).lower()]).pairs]


def test_a_unit_of_measure_said_once_is_the_levels_unit():
    assert _pairs("Weekly distance went from about 48,000 kilometers down to 37,000.") == [
        ("48000 km", "37000 km")]


def test_two_units_of_measure_that_differ_make_no_pair():
    """3 TB → 900 GB is a drop; read as 3 → 900 it would be a rise: no pair is safer."""
    assert _pairs("We cut storage from 3 tb to 900 gb.") == []
    assert _pairs("Storage went from 3 tb to 1.2 tb.") == [("3 tb", "1.2 tb")]


def test_a_count_of_things_is_still_no_unit():
    (q,) = [q for q in quantities("we trained 3 models") if q.value == 3]
    assert q.noun == "models" and not q.is_metric


def test_a_rate_per_a_count_keeps_its_denominator_as_its_unit():
    text = normalize_numbers("Dispensing errors dropped from 12 per 10,000 prescriptions to 3 "
                             "per 10,000.").lower()
    qs = quantities(text)
    assert [(q.value, q.unit) for q in qs] == [(12.0, "per 10000"), (3.0, "per 10000")]
    assert _pairs(text) == [("12 per 10000", "3 per 10000")]
    (q,) = quantities("it was 4.2 per thousand translated reviews")
    assert (q.value, q.unit, q.text) == (4.2, "per 1000", "4.2 per 1000")


def test_the_triad_reads_a_baseline_said_with_a_unit_of_measure():
    tri = triad_of("I owned the tanker routing. Weekly distance for the fleet went from about "
                   "48,000 kilometers down to 37,000, and that saved about 2.1 million New "
                   "Zealand dollars a year.", "lp-frugality-1")
    assert tri.baseline and tri.after, tri.slots


def test_the_brief_shows_a_rates_unit(tmp_path):
    _, bank = story_bank(tmp_path, ("lp-ownership-1",
                                    "At the pharmacy chain I owned the prescription-error model. "
                                    "Dispensing errors dropped from 12 per 10,000 prescriptions "
                                    "to 3 per 10,000, and that saved about four hundred thousand "
                                    "pounds a year."))
    (story,) = bank.stories
    assert "per 10000" in (story.triad.baseline or "") and "per 10000" in (story.triad.after or ""), \
        story.triad
