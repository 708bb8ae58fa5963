"""Session 53 (issue #17, QA117): a figure put right in the sentence after the one that says it
was wrong ("The waste was not 11%. It was 12%.") is a correction, not two tellings that
disagree; a story's title never ends inside a clause "because" opened."""

from __future__ import annotations

from voice_coach.analysis.titles import TitleSource, story_title

from tests.tools import one_story

FIRST = ("I lead machine learning at a supermarket chain in Auckland, and every night the stores "
         "were binning salad and bread. Waste was eleven percent of our fresh stock. I built the "
         "store by product forecast myself. Waste came down to about seven percent, and the "
         "saving is about nine hundred thousand dollars a year.")
RETOLD = ("For me this is a Frugality story. First, I need to correct a figure I gave last time. "
          "The waste was not 11%. It was 12% of our fresh stock. I reused the old reporting server "
          "and built the store by product forecast myself. Waste came down to about seven "
          "percent, and the saving is about nine hundred thousand dollars a year.")


def test_a_figure_put_right_in_the_next_sentence_is_a_correction(tmp_path):
    _, story = one_story(tmp_path, ("lp-deliver-results-1", FIRST), ("lp-frugality-1", RETOLD))
    assert story.triad.baseline and story.triad.baseline.startswith("12"), story.triad
    notes = [c for c in story.conflicts if c.part == "baseline"]
    assert notes and all(c.corrected_to and c.corrected_to.startswith("12") for c in notes), notes


def test_a_title_never_ends_inside_a_because_clause():
    title = story_title([TitleSource(
        "So that's the airline. The cargo planners kept leaving freight behind in Auckland "
        "because our prediction on the passenger bags was way off, so they held back space.",
        asked="Tell me about a time you dove deep into a problem.")])
    assert not title.lower().endswith(("because our prediction", "because our")), title
    assert " because " not in f" {title.lower()} " or title.endswith(("off", "space")), title
