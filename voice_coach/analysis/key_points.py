"""Key-point coverage by meaning, read three ways: covered, not clearly heard, missed.

Pure numpy, no I/O. The evidence for one key point against one answer is a few numbers
(`FEATURES`): how close the key point is to the closest short stretch of the answer (a window
of `SPAN_TOKENS` word pieces, pooled from the clause run, so a long unpunctuated clause is not
one blurred vector), how much closer that stretch is to this key point than to the question's
other key points (the answer's topic is close to every key point; the margin is what is
particular to this one), the share of the key point's content words said, and the words/meaning
rules' verdict. A small logistic head (`embed.PointHead`, weights built by
`scripts/train_key_points.py` on the labelled key-point sets) turns them into a probability;
MiniLM cannot tell a concrete sentence that makes an abstract point ("I rolled back within forty
minutes" for "immediate mitigation") from one that does not, so in between the two calibrated
limits the point is "not clearly heard" and the report shows the closest words the candidate
said instead of calling it missed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from voice_coach.analysis.embed import PointHead

FEATURES = ("span_cosine", "span_margin", "word_share", "rule")
SPAN_TOKENS = 10  # about 7 words
SPAN_STEP = 5
COVERED, UNCLEAR, MISSED = "covered", "unclear", "missed"


class PointEvidence(NamedTuple):
    """Per key point: its `FEATURES` row and the span closest to it (-1: the answer has none)."""

    features: np.ndarray  # (n_points, len(FEATURES))
    closest_span: np.ndarray  # (n_points,)


def point_evidence(point_vectors: np.ndarray, span_vectors: np.ndarray,
                   word_shares: Sequence[float], rule_covered: Sequence[bool]) -> PointEvidence:
    """The evidence for each key point (rows of `point_vectors`, all the question's key points,
    so each one's margin is over the others) against the answer's spans (rows of
    `span_vectors`); `word_shares`: share of each point's content words said (0–1);
    `rule_covered`: the words/meaning rules' verdict."""
    n = len(point_vectors)
    if n == 0 or len(span_vectors) == 0:
        feats = np.zeros((n, len(FEATURES)))
        feats[:, 2] = word_shares
        feats[:, 3] = rule_covered
        return PointEvidence(feats, np.full(n, -1))
    sims = point_vectors @ span_vectors.T  # unit rows: cosines, (points, spans)
    best = sims.argmax(axis=1)
    top = sims[np.arange(n), best]
    others = np.zeros(n)
    if n > 1:
        for i in range(n):
            others[i] = np.delete(sims[:, best[i]], i).max()
    feats = np.column_stack([top, top - others, np.asarray(word_shares, float),
                             np.asarray(rule_covered, float)])
    return PointEvidence(feats, best)


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


__all__ = ["COVERED", "FEATURES", "MISSED", "PointEvidence", "SPAN_STEP", "SPAN_TOKENS",
           "UNCLEAR", "point_evidence", "span_words", "verdicts"]
