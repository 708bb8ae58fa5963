"""Does a story answer ITS question? The question's own ask against the answer, by meaning.

Pure functions, no I/O. Every story has a situation, actions, a result and a lesson, so the
key points every story question shares ("short situation and your own responsibility", "what you
learned", …) and the frame "Tell me about a time …" say nothing about whether a story answers
this question. What does is the question's own ask: its sentences without the frame and without
generic asks ("What did you do?"), and its own key points (`point_facts.own_key_points`: for "a
difficult teammate", what made it difficult, how you sought their view, how the relationship
changed). `ask_texts` lists them; the structure analysis embeds them with the answer's clauses, and
`question_fit` scores the answer's direction against their mean direction with a small learned
head (`embed.FitHead`, built by `scripts/train_question_fit.py` on the tuning rounds: answers
against their own question and against questions of other principles).

A score alone is not comparable from one answer to the next (a story about a model fits every
ML question a little), so the fit is a rank: how many of the bank's other story questions the
answer fits better than this one. When at least `FitHead.rank_limit` of them do (chosen
leave-one-round-out so that at most 1 % of the tuning answers rank their own question that
low), the story does not answer this question. Only the bank's questions that tuning answers
were written for are judged. Measured in docs/practice.md.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from voice_coach.analysis.embed import FitHead, l2_normalize
from voice_coach.analysis.point_facts import own_key_points

__all__ = ["QuestionFit", "ask_direction", "ask_texts", "core_ask", "question_fit"]

SAME_QUESTION_COSINE = 0.999  # a reference this close to the question's ask is the question


class QuestionFit(NamedTuple):
    """How a story fits its question: `better` of the `of` other story questions of the bank fit
    it better; from `limit` on, it does not answer its question."""

    better: int
    of: int
    limit: int

    @property
    def answers(self) -> bool:
        """The story answers its question (fewer than `limit` questions fit it better)."""
        return self.better < self.limit


# "Tell me about a time you …", "Describe a situation where …": the frame of a story question
_FRAME = re.compile(
    r"^(?:tell me about|describe|talk me through|walk me through)\s+"
    r"(?:(?:a|one|the) (?:time|situation|project|decision|moment|case|example)\s+"
    r"(?:when|where|that|in which)?\s*)?", re.I)
# follow-on sentences that every story answers ("What did you do?")
_GENERIC_ASK = re.compile(
    r"^(?:and )?(?:what did you do(?: about it| next)?|what happened(?: next)?|"
    r"how did it (?:turn out|go|end)|what was the (?:result|outcome))\s*\??$", re.I)
_SENTENCE = re.compile(r"(?<=[.?!])\s+")


def core_ask(question_text: str) -> list[str]:
    """The sentences of a story question that carry its ask: the first without its frame
    ("Tell me about a time you had to work closely with a difficult teammate." → "you had to
    work closely with a difficult teammate."), the rest unless they are generic asks."""
    out = []
    for i, sentence in enumerate(s.strip() for s in _SENTENCE.split(question_text.strip())):
        if not sentence or _GENERIC_ASK.match(sentence):
            continue
        ask = _FRAME.sub("", sentence) if i == 0 else sentence
        if ask.strip(" .?!"):
            out.append(ask)
    return out


def ask_texts(question_text: str, key_points: Sequence[str]) -> list[str]:
    """What the question asks of a story in particular: `core_ask` and its own key points."""
    return [*core_ask(question_text), *own_key_points(key_points)]


def ask_direction(ask_vectors: np.ndarray) -> np.ndarray:
    """(dim,) unit-length mean of the `ask_texts` embeddings."""
    return l2_normalize(ask_vectors.mean(axis=0))


def question_fit(answer: np.ndarray, ask_vectors: np.ndarray, head: FitHead
                 ) -> QuestionFit | None:
    """How the answer (its unit direction, (dim,)) fits the question whose `ask_texts` embed to
    `ask_vectors` (rows), against the head's other reference questions. None when the
    question is not one the head judges: not a reference (a question of the user's own) or one
    too few tuning answers were written for (`FitHead.judged`) — how an answer to it reads was
    never seen, so it is not judged."""
    if len(ask_vectors) == 0:
        return None
    ask = ask_direction(ask_vectors)
    same = head.references @ ask >= SAME_QUESTION_COSINE
    if not (head.judged & same).any():
        return None
    others = head.references[~same]
    own = head.scores(answer, ask[None, :])[0]
    better = int((head.scores(answer, others) > own).sum())
    return QuestionFit(better, len(others), head.rank_limit)
