"""QA92 (#13 trial, persona Laila, Sydney) F7: letters spelled out as a list in a coding answer
("a, b, a, c, a, b") are an input said, never sounds Whisper could not spell; stray letters
opening clauses still are."""
import pytest

from voice_coach.analysis.fillers import unspelled_fillers


@pytest.mark.parametrize("said, stray", [
    ("I test it with the stream a, b, a, c, a, b and k equals 2.", []),
    ("The input is x, y, z.", []),
    ("A, the model was slow. S, we fixed it.", ["A,", "S,"]),
    ("A, B, we fixed it.", ["A,", "B,"]),
])
def test_letters_in_a_list_are_no_stray_sounds(said, stray):
    words = said.split()
    assert [words[i] for i in unspelled_fillers(words)] == stray
