"""Session 40, QA49 F2: an after equal to its baseline ("rate 5 → 5", read twice from Whisper's
"came down to one point to five and before") was shown as a plainly said pair; it is shown as
heard, to be checked."""

from __future__ import annotations

from voice_coach.stories import _checked
from tests.tools import one_story

HEARD = ("I built a test set of two thousand dishes with ingredient lists, and the made up "
         "ingredient rate was high in percent. I refused to launch at that level. I added "
         "ingredient rounding and an allergen check, and the rate came down to one point to five "
         "and before we shipped to all merchants.")


def test_an_after_equal_to_its_baseline_is_to_be_checked():
    assert _checked("after", "5", "5").endswith("check this number")
    assert _checked("after", "4%", "9%") == "4%"
    assert _checked("baseline", "5", "5") == "5"  # one end marked, once


def test_the_bank_shows_a_pair_heard_twice_as_heard(tmp_path):
    _, story = one_story(tmp_path, ("lp-highest-standards-2", HEARD))
    assert story.triad.after is not None and story.triad.after.endswith("check this number"), \
        story.triad
