"""A Leadership Principle named in another form of its words, in a naming frame (#17, #13).

Whisper writes "delivery results" for a spoken "Deliver Results" and "principal" for
"principle"; candidates say "earning trust" or "thinking bigger". In a frame that puts a
principle's name ("the principle I'd pick is …", "for me this is …", "this shows …") such a
form is the name; in narration the same words are not.
"""

import pytest

from voice_coach.analysis import structure as st


def _named(text: str) -> list[str]:
    """The principles `analyze_structure` by meaning would list (its clauses, normalised)."""
    return st.detect_named_principles([st._norm(c) for _, _, c in st.clean_clauses(text.split())])


@pytest.mark.parametrize(("text", "principle"), [
    # transcripts of the two run-throughs, paraphrased
    ("Looking back, for me this is delivery results.", "Deliver Results"),
    ("The principal I would choose here is delivery results, because the bank signed it.",
     "Deliver Results"),
    # other principles, other forms of their words
    ("That story shows thinking bigger than the team had planned.", "Think Big"),
    ("The principle behind it is invention and simplification.", "Invent and Simplify"),
    ("For me it was learning and curiosity.", "Learn and Be Curious"),
    ("So I'd say it was really about disagreement and commitment.",
     "Have Backbone; Disagree and Commit"),
    ("The principle at play was hiring and development of the best.", "Hire and Develop the Best"),
])
def test_a_form_of_a_principles_words_in_a_naming_frame_is_named(text, principle):
    assert principle in _named(text)


@pytest.mark.parametrize("text", [
    # the same words in narration
    "The team opened the delivery results dashboard every morning.",
    "On Monday we reviewed the delivery results report for the region.",
    # in a frame, but modifying a noun: not the name
    "This is the delivery results dashboard we rebuilt for the depot.",
    # in a frame but negated
    "It was not delivery results, it was luck.",
    # a form too far from the name's word ("owning" is not "ownership")
    "Honestly that's owning it.",
    # words of two different principles' names are not one name
    "This shows thinking deep about the problem.",
])
def test_the_same_words_out_of_a_naming_frame_are_not_named(text):
    assert _named(text) == []


@pytest.mark.parametrize(("text", "principles"), [
    ("The principle I'd pick is Deliver Results.", ["Deliver Results"]),
    ("The principle I'd name is delivered results.", ["Deliver Results"]),
    ("For me that was learning and being curious.", ["Learn and Be Curious"]),
    ("I earned the trust of the support team over a year.", []),
    ("We had to deliver results in under fifty milliseconds.", []),
])
def test_names_the_exact_patterns_read_are_read_as_before(text, principles):
    assert _named(text) == principles
