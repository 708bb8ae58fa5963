"""QA85 (#17 trial, persona Lukas, Vienna): a size said before a change in time is no baseline
(F9); a level's own step after it gives the worked-out baseline (F11)."""
import pytest

from tests.tools import triad_of


@pytest.mark.parametrize("size", ["The adjusters read claim files of sixty pages.",
                                  "The reports were 60 pages long.",
                                  "We had about 4000 claims a week."])
def test_a_size_is_no_start_of_a_time_saved(size):
    tri = triad_of(f"{size} I built a language model summary for them. Claims were settled four "
                   "days faster.", "lp-customer-obsession-1")
    assert not tri.baseline and tri.after, tri.slots


def test_a_time_before_is_the_start_of_a_time_saved():
    tri = triad_of("Settling a claim took 10 days. I built a summariser. Claims were settled four "
                   "days faster.", "lp-customer-obsession-1")
    assert tri.baseline and ("baseline", "took 10 days") in tri.slots, tri.slots


def test_the_step_said_after_the_level_works_out_the_baseline():
    tri = triad_of("I rebuilt the pricing model for car claims. After the release, the mean error "
                   "was 8%. So, minus 6 points.", "lp-deliver-results-1")
    assert ("pair", "14% (worked out) to 8%") in tri.slots, tri.slots
