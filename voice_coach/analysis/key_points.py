"""Key-point coverage by meaning, read three ways: covered, not clearly heard, missed.

Pure numpy, no I/O. The evidence for one key point against one answer is a few numbers
(`FEATURES`): how close the key point is to the closest short stretch of the answer (a window
of `SPAN_TOKENS` word pieces, pooled from the clause run, so a long unpunctuated clause is not
one blurred vector); at each window width of `SPAN_WINDOWS` (about 4 to 17 words: a point said
in three words and one spread over a long clause), how much closer the stretch closest to this
key point is to it than to the question's other key points (the answer's topic is close to
every key point; the margin is what is particular to this one) and the largest such margin over
all stretches; how strongly the answer takes up the question's clause closest to the point
("What got in the way" for "the main obstacle": the question's context, which the head weighs
against the point's own margins); the share of the key point's content words said, and the
words/meaning rules' verdict. A small logistic head (`embed.PointHead`, weights built by
`scripts/train_key_points.py` on the labelled key-point sets) turns them into a probability;
MiniLM cannot tell a concrete sentence that makes an abstract point ("I rolled back within forty
minutes" for "immediate mitigation") from one that does not, so in between the two calibrated
limits the point is "not clearly heard" and the report shows the closest words the candidate
said instead of calling it missed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from voice_coach.analysis.numbers import join_split_numbers
from voice_coach.analysis.embed import PointHead

SPAN_TOKENS = 10  # about 7 words: the width of the span cosine and of the closest span
QUOTE_WORDS = 24  # the closest span is quoted in its clause, up to this many words
# (width, step) in word pieces of the windows the margins are read at, `SPAN_TOKENS` first
SPAN_WINDOWS = ((SPAN_TOKENS, 5), (6, 3), (16, 8), (24, 12))
FEATURES = ("span_cosine", *(f"span_margin_{w}" for w, _ in SPAN_WINDOWS),
            *(f"best_margin_{w}" for w, _ in SPAN_WINDOWS), "ask_cosine", "ask_margin",
            "word_share", "rule")
_ASK = len(FEATURES) - 4  # the column of "ask_cosine"
_QUESTION_CLAUSE = re.compile(r"(?<=[.?!,;])\s+")
COVERED, UNCLEAR, MISSED = "covered", "unclear", "missed"


class PointEvidence(NamedTuple):
    """Per key point: its `FEATURES` row and the span closest to it (-1: the answer has none)."""

    features: np.ndarray  # (n_points, len(FEATURES))
    closest_span: np.ndarray  # (n_points,)


def question_clauses(question: str | None) -> list[str]:
    """The clauses of the question's text, each asking for a part of the answer ("Tell me about
    the most important result you delivered …", "What got in the way,", "and how did you get
    past it?"); empty without a question."""
    return [c for c in (c.strip() for c in _QUESTION_CLAUSE.split(question or "")) if c]


def point_evidence(point_vectors: np.ndarray, span_vectors: np.ndarray, span_widths: np.ndarray,
                   word_shares: Sequence[float], rule_covered: Sequence[bool],
                   ask_vectors: np.ndarray | None = None) -> PointEvidence:
    """The evidence for each key point (rows of `point_vectors`, all the question's key points,
    so each one's margin is over the others) against the answer's spans (rows of
    `span_vectors`, cut at the window widths `span_widths`, word pieces); `word_shares`: share
    of each point's content words said (0–1); `rule_covered`: the words/meaning rules' verdict;
    `ask_vectors`: unit vectors of the `question_clauses` (None or fewer than two: the two
    "ask" features stay 0). `closest_span` indexes the spans of width `SPAN_TOKENS`."""
    n = len(point_vectors)
    feats = np.zeros((n, len(FEATURES)))
    feats[:, -2] = word_shares
    feats[:, -1] = rule_covered
    closest = np.full(n, -1)
    if n == 0 or len(span_vectors) == 0:
        return PointEvidence(feats, closest)
    rows = np.arange(n)
    n_windows = len(SPAN_WINDOWS)
    for k, (width, _) in enumerate(SPAN_WINDOWS):
        at = np.flatnonzero(span_widths == width)
        sims = point_vectors @ span_vectors[at].T  # unit rows: cosines, (points, spans)
        best = sims.argmax(axis=1)
        # per span, each point's lead over the best of the question's other points
        lead = np.zeros_like(sims)
        if n > 1:
            for i in range(n):
                lead[i] = sims[i] - np.delete(sims, i, axis=0).max(axis=0)
        feats[:, 1 + k] = lead[rows, best]
        feats[:, 1 + n_windows + k] = lead.max(axis=1)
        if width == SPAN_TOKENS:
            feats[:, 0] = sims[rows, best]
            closest = best
            if ask_vectors is not None and len(ask_vectors) > 1:
                feats[:, _ASK:_ASK + 2] = _ask_evidence(point_vectors, ask_vectors,
                                                        span_vectors[at])
    return PointEvidence(feats, closest)


def _ask_evidence(point_vectors: np.ndarray, ask_vectors: np.ndarray,
                  span_vectors: np.ndarray) -> np.ndarray:
    """Per key point (rows, unit vectors): the best cosine of a span to the question clause
    closest to the point (its ask: "What got in the way," for "the main obstacle"), and the
    largest lead of a span for that clause over the question's other clauses. (points, 2).
    Alone no evidence that the point was made (AUC 0.47–0.48 over the tuning sets), beside the
    point's own margins the head weighs the lead against them (−1.4 to −1.8 in every
    leave-one-round-out fold): a point's lead counts for less where the stretch that wins it is
    the answer taking up that part of the question in general, close to every point asked
    there, and for more where the point is made without echoing its clause
    (docs/structure.md, session 10)."""
    sims = ask_vectors @ span_vectors.T  # (clauses, spans)
    lead = np.array([sims[j] - np.delete(sims, j, axis=0).max(axis=0)
                     for j in range(len(sims))])
    ask = (point_vectors @ ask_vectors.T).argmax(axis=1)
    return np.c_[sims.max(axis=1)[ask], lead.max(axis=1)[ask]]


def verdicts(head: PointHead, features: np.ndarray) -> list[str]:
    """`COVERED`, `UNCLEAR` or `MISSED` per row of `features`."""
    p = head.proba(features)
    return [COVERED if x >= head.covered_from else MISSED if x < head.missed_below else UNCLEAR
            for x in p]


def span_words(text: str, start: int, end: int) -> str:
    """The whole words of `text` that the character range [start, end) touches."""
    a = text.rfind(" ", 0, start) + 1
    b = text.find(" ", end)
    return text[a:] if b < 0 else text[a:b]


def quote_words(text: str, start: int, end: int, max_words: int = QUOTE_WORDS) -> str:
    """The words to quote for the span [start, end) of clause `text`: the whole clause when it
    has at most `max_words` words, else `max_words` words around the span's, the span's first.
    A span cut mid-phrase ("What I want next is a job where I own") cannot be judged by the
    user; the phrase it sits in can (QA7 F15/F17). A number Whisper split at its decimal
    point is quoted as said ("4.1%", never "4 .1%"; QA12 F18)."""
    words = text.split()
    if len(words) <= max_words:
        return join_split_numbers(" ".join(words))
    first = len(text[:text.rfind(" ", 0, start) + 1].split())
    n_span = len(span_words(text, start, end).split())
    extra = max(0, max_words - n_span)
    a = max(0, first - extra // 2)
    b = min(len(words), a + max(max_words, n_span))
    a = max(0, b - max(max_words, n_span))
    return join_split_numbers(" ".join(words[a:b]))


__all__ = ["COVERED", "FEATURES", "MISSED", "PointEvidence", "QUOTE_WORDS", "SPAN_TOKENS",
           "SPAN_WINDOWS", "UNCLEAR", "point_evidence", "question_clauses", "quote_words",
           "span_words", "verdicts"]
