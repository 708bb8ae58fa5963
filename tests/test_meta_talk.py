"""Session 17 (branch meta17): meta talk about the answer, the question or the telling itself is
no STAR part (labellers' brief: `other` is fillers-only fragments, asides, meta talk). The form
decides: a short clause whose subject is the answer, the question or the speaker's thinking, or
an invitation to go on — not a list of sentences. QA13's "That's my answer." is pinned by
tests/test_compare_attribution_qa13.py; these are other wordings."""

from __future__ import annotations

import pytest

from voice_coach.analysis import structure as st

META = [
    "So yeah, that's the story.",
    "That's it, really.",
    "Anyway, that's pretty much it, I guess.",
    "That's a good question.",
    "Hmm, let me think about that for a second.",
    "Does that answer your question.",  # no question mark from the transcriber
    "I hope that answers it.",
    "That's the short version.",
    "So that's all I have.",
    "Happy to go deeper on any of that if it's useful.",
]

WORK = [
    "That was my call, so I rolled it back.",
    "That was the hardest part.",
    "That's when I rolled the release back.",
    "That's the story of how we halved the page load.",
    "The question was whether we could ship before the freeze.",
    "Let me explain what we changed in the rota.",
    "That's it, we shipped it on Friday.",
]


def _eligible(text: str, kind: str = "behavioral") -> list[tuple[str, ...]]:
    clauses = [c for _, _, c in st.clean_clauses(text.split())]
    return st.story_eligible(clauses, [st._norm(c) for c in clauses], kind)


@pytest.mark.parametrize("text", META)
def test_meta_talk_carries_no_star_part(text):
    assert _eligible(text) == [()], text


@pytest.mark.parametrize("text", WORK)
def test_a_clause_about_the_work_stays_a_part(text):
    assert all(parts == st.STAR_PARTS for parts in _eligible(text)), text


def test_meta_talk_after_a_story_clause_leaves_the_story_clause_alone():
    assert _eligible("We moved the pager rota to the team leads. That's my answer, really.") \
        == [st.STAR_PARTS, ()]
