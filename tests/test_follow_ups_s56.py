"""Session 56 (QA140 F1): the hours something lasted ("from seven in the morning to one in the
afternoon") name no time before the change, so a reply's numbers said beside them fill no
baseline."""

from __future__ import annotations

import pytest

from voice_coach.follow_ups import _marked_before

REPLY = ("The incident lasted about six hours, from seven in the morning to one in the afternoon. "
         "In that time around forty thousand good stoppers were rejected.")


@pytest.mark.parametrize("text, number, before", [
    (REPLY, "six hours", False),
    ("It lasted 6 hours, from 7 am to 1 pm.", "6 hours", False),
    ("Rejects went from 12% to 6%.", "12%", True),
    ("We were at 400 tickets a week before the fix.", "400", True),
])
def test_hours_of_the_day_are_no_time_before(text, number, before):
    assert _marked_before(text, number) is before
