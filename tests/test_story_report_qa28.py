"""QA28 F6 (issue #17): every gap mark the brief writes — "[currency?]", "[metric?]",
"[direction?]" as well as "[baseline?]" — is styled as a gap in the HTML brief, by one helper
that reads the mark's form, not a list of parts."""

from __future__ import annotations

from voice_coach.analysis.facts import TriadValues
from voice_coach.stories import BriefEntry, BriefGap
from voice_coach.story_report import brief_html


def _entry(triad: TriadValues, gaps=()) -> BriefEntry:
    return BriefEntry(1, "The label printer", triad, ("9000 parcels a day",), (), ("Ownership",),
                      tuple(gaps), 50.0)


def test_an_unheard_currency_is_styled_as_a_gap():
    html = brief_html([_entry(TriadValues("misprint rate", "6%", "2%", None,
                                          "3M [currency?] a year"))])
    assert '3M <span class="gap">[currency?]</span> a year' in html, html


def test_a_misheard_direction_and_an_unnamed_metric_are_gaps_too():
    html = brief_html([_entry(TriadValues(None, None, None, "6 points [direction?]", None,
                                          "[metric?] −30%"))])
    assert '<span class="gap">[direction?]</span>' in html, html
    assert '<span class="gap">[metric?]</span> −30%' in html, html


def test_square_brackets_said_as_words_stay_text():
    """Near case: brackets with no question mark are no gap mark."""
    html = brief_html([_entry(TriadValues("misprint rate [v2]", "6%", "2%", None, None))])
    assert "[v2]" in html and '<span class="gap">[v2' not in html, html
