"""QA28 F2 (issue #17) in `analysis.slot_values.shown_slot`: a direction verb, a short
preposition other than "by"/"at"/"of" ("with", "in", "on", …: L1 and Whisper wordings of
"by") and a percentage is a change with its sign; a level's preposition ("to", "below") or
another unit keeps no sign. Own wordings."""

from __future__ import annotations

import pytest

from voice_coach.analysis.slot_values import shown_slot


@pytest.mark.parametrize("span, shown", [
    ("went down with 30%", "−30%"),
    ("fell with about 12%", "−12%"),
    ("went up with 8%", "+8%"),
    ("dropped in 15%", "−15%"),
    ("rose on 4.5%", "+4.5%"),
])
def test_a_change_with_any_short_preposition(span, shown):
    assert shown_slot(span) == shown


@pytest.mark.parametrize("span, shown", [
    ("dropped at 30%", "−30%"),       # as before (session 22)
    ("went down to 30%", "30%"),      # a level reached
    ("fell below 5%", "5%"),          # a level
    ("dropped in 3 weeks", "3 weeks"),  # when, not a change
])
def test_near_cases_unchanged(span, shown):
    assert shown_slot(span) == shown
