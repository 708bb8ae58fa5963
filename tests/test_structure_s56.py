"""Session 56: a verb of seeming keeps its "like" in the words the report quotes ("looked like
a fault", QA134 F8); how fast a thing moved ("the surge jumped and disappeared in two minutes",
QA134 F1) is no business outcome, the money saved is."""

from __future__ import annotations

import pytest

from voice_coach.analysis.structure import clean_clauses

from tests.tools import triad_of


@pytest.mark.parametrize("said, kept", [
    ("their normal vibration looked like a fault", "looked like a fault"),
    ("it sounds like a hundred things at once", "sounds like a hundred"),
    ("it felt like a third of the team", "felt like a third"),
])
def test_a_verb_of_seeming_keeps_its_like(said, kept):
    clauses = clean_clauses(said.split(), for_cues=True)
    assert kept in " ".join(c for _, _, c in clauses)


def test_like_before_a_number_is_still_dropped():
    clauses = clean_clauses("it went from like a third to under ten percent".split(),
                            for_cues=True)
    assert "from a third" in " ".join(c for _, _, c in clauses)


@pytest.mark.parametrize("verb", ["disappeared", "jumped", "vanished", "went away"])
def test_how_fast_a_thing_moved_is_no_outcome(verb):
    text = ("The old looms rang the alarm every night. I built a separate threshold for the old "
            "looms and I retrained the model. The drivers wrote that the surge jumped and "
            f"{verb} in two minutes, so they drove to a district for nothing. The new model saved "
            "the drivers about five hundred thousand dollars per year.")
    tri = triad_of(text, "lp-dive-deep-1")
    assert tri.business_outcome, tri
    assert not any("minute" in e for e in tri.evidence), tri


def test_time_saved_is_still_an_outcome():
    text = ("Reports were built by hand every week. I automated the report. Now the analysts "
            "save about six hours per week, and the report goes out on Monday instead of Friday.")
    tri = triad_of(text, "lp-invent-simplify-1")
    assert tri.business_outcome and any("6 hours" in e for e in tri.evidence), tri
