"""QA84 (#13 trial, persona Fatou, Dakar) F10: a level said after the points it moved, and a
baseline said after the level ("…, it was almost 20000 before"), are pairs of their own metric."""

import pytest

from voice_coach.analysis.numbers import normalize_numbers, said_changes
from tests.tools import triad_of


@pytest.mark.parametrize("said, pair", [
    ("we gained 4 points, it is now at 71%.", ("67%", "71%")),
    ("the resolution rate gained 4 points to 71%.", ("67%", "71%")),
    ("precision lost 3 points, it is now at 58%.", ("61%", "58%")),
    ("the care center received 9000 fee calls per month, it was 20000 before.",
     ("20000 a month", "9000 a month")),
    ("recall is 91% now, it was 78% before.", ("78%", "91%")),
])
def test_a_level_with_its_step_or_its_earlier_level_after_it(said, pair):
    pairs = said_changes([normalize_numbers(said).lower()]).pairs
    assert [(p.before.shown, p.after.shown) for p in pairs] == [pair]


def test_no_pair_across_two_metrics():
    tri = triad_of("I rewrote the fee answers and added the tariff table to the prompt. Before, one "
                   "merchant complaint in five was about fees, after, one in twelve. And the "
                   "assistant resolution rate, we gained four points, it is now at seventy one "
                   "percent. For the company, the care center received a little less than nine "
                   "thousand fee calls per month, it was almost twenty thousand before.",
                   "lp-frugality-1")
    pairs = [span for role, span in tri.slots if role == "pair"]
    assert pairs == ["1 in 5 to 1 in 12", "67% (worked out) to 71%",
                     "almost 20000 a month to less than 9000 a month"], tri.slots
