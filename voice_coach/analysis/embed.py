"""Sentence-embedding maths: pooling, normalisation, similarity and the small linear heads.

Pure numpy, no I/O and no model: the encoder that turns clauses into token states lives in
`voice_coach.embedder` and is passed in as an `Embedder`. The heads (STAR-L clause labels,
answer kind) are linear softmax classifiers whose weights are computed at build time by
`scripts/train_meaning.py` and loaded by `voice_coach.embedder`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple, Protocol

import numpy as np

EMBEDDING_DIM = 384  # all-MiniLM-L6-v2


class SpanEmbedding(NamedTuple):
    """Texts' unit vectors and, from the same model run, unit vectors of short token windows."""

    vectors: np.ndarray  # (len(texts), EMBEDDING_DIM)
    span_vectors: np.ndarray  # (n_spans, EMBEDDING_DIM)
    span_rows: np.ndarray  # (n_spans,) the text each span is in
    span_chars: np.ndarray  # (n_spans, 2) character start, end of the span in its text
    span_widths: np.ndarray  # (n_spans,) the window width in word pieces each span was cut at


class Embedder(Protocol):
    """Anything that maps texts to L2-normalised row vectors, shape (len(texts), EMBEDDING_DIM)."""

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_spans(self, texts: Sequence[str],
                    windows: Sequence[tuple[int, int]]) -> SpanEmbedding: ...


def token_windows(n_tokens: int, width: int, step: int) -> list[tuple[int, int]]:
    """[start, end) token windows of `width` every `step` over a text's word pieces without its
    [CLS] and [SEP] (`n_tokens` counts both); a text no longer than `width` is one window."""
    first, last = (1, n_tokens - 1) if n_tokens > 2 else (0, n_tokens)
    if last - first <= width:
        return [(first, last)]
    starts = list(range(first, last - width + 1, step))
    if starts[-1] + width < last:
        starts.append(last - width)
    return [(a, a + width) for a in starts]


def mean_pool(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Mean of token states over the attention mask: (batch, seq, dim) + (batch, seq) → (batch, dim)."""
    m = mask.astype(np.float32)[:, :, None]
    return (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)


def l2_normalize(x: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero)."""
    norms = np.linalg.norm(x, axis=-1, keepdims=True)
    return x / np.clip(norms, 1e-12, None)


def cosine_matrix(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cosine similarity of every row of `a` with every row of `b` (rows need not be unit)."""
    return l2_normalize(a) @ l2_normalize(b).T


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


@dataclass(frozen=True)
class LinearHead:
    """A multinomial logistic-regression head over embeddings: p = softmax(x W + b)."""

    labels: tuple[str, ...]
    weights: np.ndarray  # (EMBEDDING_DIM, len(labels))
    bias: np.ndarray  # (len(labels),)
    min_proba: np.ndarray | None = None  # per label: the probability at which a clause counts
    top_min: np.ndarray | None = None  # per label: as a clause's top class, from this probability
    cue_min: np.ndarray | None = None  # per label: with a strong cue, from this probability

    def proba(self, x: np.ndarray) -> np.ndarray:
        """Class probabilities, shape (rows, len(labels)); an empty input gives (0, len(labels))."""
        if len(x) == 0:
            return np.zeros((0, len(self.labels)), np.float32)
        return softmax(x @ self.weights + self.bias)


@dataclass(frozen=True)
class PointHead:
    """Key-point coverage: a logistic regression over a few evidence features
    (`analysis.key_points.FEATURES`), p = sigmoid(x · weights + bias), read three ways: covered
    from `covered_from`, missed below `missed_below`, not clearly heard between."""

    features: tuple[str, ...]
    weights: np.ndarray  # (len(features),)
    bias: float
    missed_below: float
    covered_from: float

    def proba(self, x: np.ndarray) -> np.ndarray:
        """P(covered) per row of `x`, shape (rows,)."""
        if len(x) == 0:
            return np.zeros(0, np.float64)
        return 1.0 / (1.0 + np.exp(-(x @ self.weights + self.bias)))


@dataclass(frozen=True)
class PartHead:
    """Answer-level STAR-L decision: per part a logistic regression over the answer's evidence
    for it (`structure.STAR_EVIDENCE`: clause probabilities, cues, the rules' and the limits'
    verdicts, …), the part present when p >= 0.5. Inputs are standardised with the training
    mean and spread."""

    features: tuple[str, ...]
    weights: np.ndarray  # (len(parts), len(features))
    bias: np.ndarray  # (len(parts),)
    mean: np.ndarray  # (len(parts), len(features))
    scale: np.ndarray  # (len(parts), len(features))

    def proba(self, x: np.ndarray) -> np.ndarray:
        """P(present) per part for one answer's evidence `x` (len(parts), len(features))."""
        z = ((x - self.mean) / self.scale * self.weights).sum(axis=1) + self.bias
        return 1.0 / (1.0 + np.exp(-z))


@dataclass(frozen=True)
class FitHead:
    """Does a story answer its question: a logistic regression over the element-wise product
    of the answer's direction (`answer_direction`) and a question's ask direction
    (`analysis.question_fit.ask_direction`), score = (a * q) · weights + bias (log-odds), read
    against the bank's story questions (`references`, their ask directions): a story whose
    question is outscored by at least `rank_limit` of them does not answer it. Only the
    references marked `judged` (enough tuning answers to them were seen) are judged."""

    weights: np.ndarray  # (EMBEDDING_DIM,)
    bias: float
    references: np.ndarray  # (n_questions, EMBEDDING_DIM) unit ask directions
    judged: np.ndarray  # (n_questions,) bool
    rank_limit: int

    def scores(self, answer: np.ndarray, asks: np.ndarray) -> np.ndarray:
        """Log-odds that the answer (unit, (dim,)) answers each question (unit rows of `asks`)."""
        return (asks * answer) @ self.weights + self.bias



def best_match(points: np.ndarray, clauses: np.ndarray) -> np.ndarray:
    """For each point (row), the highest cosine with any clause; 0 when there are no clauses."""
    if len(points) == 0:
        return np.zeros(0, np.float32)
    if len(clauses) == 0:
        return np.zeros(len(points), np.float32)
    return cosine_matrix(points, clauses).max(axis=1)


@dataclass(frozen=True)
class MeaningModel:
    """What structure analysis needs to read an answer by meaning: the encoder and its heads.

    `star` labels one clause (STAR-L parts plus the non-story classes); `kind` labels a whole
    answer (mean of its clause embeddings) as behavioral / technical / coding; `points` judges
    key-point coverage; `parts` decides which STAR-L parts the answer tells; `fit` whether a story
    answers its question.
    """

    embedder: Embedder
    star: LinearHead
    kind: LinearHead
    points: PointHead | None = None  # None: key points by the words/meaning rules alone
    parts: PartHead | None = None  # None: a part is present by the clause head's limits alone
    fit: FitHead | None = None  # None: whether a story answers its question is not judged


def answer_direction(vectors: np.ndarray) -> np.ndarray:
    """(1, dim) unit-length mean of an answer's clause embeddings, the kind head's input: its
    direction says what the answer is about, whatever its length or how its clauses agree."""
    return l2_normalize(vectors.mean(axis=0, keepdims=True))
