"""QA16 F07: fillers of another language that Whisper writes as short stray words ("As,",
"you," as a clause of their own, "on a, as,") make the report say fillers may be missed, as
one-letter openers do (QA15 F05) — never a count, and never for ordinary English punctuation
(a list, a restart, a word said alone). The wording is new (not the trial's transcript)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from voice_coach.analysis.fillers import UNSPELLED_MIN, unspelled_fillers
from voice_coach.coach import _unspelled_fillers


@pytest.mark.parametrize("text,expected", [
    # Portuguese "né", "tipo" as Whisper's English model may write them
    ("We shipped the model, Nay, and then the latency went up. Tip, we cached the features.",
     ["Nay,", "Tip,"]),
    ("The recall was low. Ha, we added more labels, Tip, it got better.", ["Ha,", "Tip,"]),
    ("We moved the job to the, tip, the nightly queue on a, Ne, smaller cluster.",
     ["tip,", "Ne,"]),
])
def test_stray_short_words_are_unspelled_sounds(text, expected):
    toks = text.split()
    assert [toks[i] for i in unspelled_fillers(toks)] == expected


@pytest.mark.parametrize("text", [
    "So, we augmented with crop, flip, blur, and noise. Then, yes, it generalised.",
    "Well, the, the model was fine. Now, first, we fixed the data.",  # a restart, words alone
    "The inputs are X, y, and k, max iterations. Okay, so that is it.",
    "I said, look, we need this. Right, and then we shipped it.",
])
def test_english_punctuation_is_no_unspelled_sound(text):
    toks = text.split()
    assert len(unspelled_fillers(toks)) < UNSPELLED_MIN, [toks[i] for i in
                                                          unspelled_fillers(toks)]


def test_the_line_names_what_was_written_and_gives_no_count():
    d = SimpleNamespace(unspelled=("Nay,", "Tip,", "Tip,"), filler_count=0)
    (item,) = _unspelled_fillers(d)
    assert item.severity == "info" and item.message.startswith("Fillers may be missed")
    assert '"Nay,"' in item.message and '"Tip,"' in item.message
    assert "stray letters or words" in item.message
