"""A learned second look at the metric triad: add an "after" or "business outcome" mark the
rules missed, only when confident, always with the number it rests on.

Per number of a story's clauses (`numbers.quantities` over the plain clauses) the features are:
its unit kind, where the clause stands, the clause's STAR-L label, cue words of its clause, the
rules' own slot verdicts, and the clause's sentence-embedding similarity to a few prototype
phrases (the project's embedder). One logistic regression per slot scores every number; a slot
the rules left unmarked gets the mark when the best number scores at least the slot's
threshold (chosen leave-one-round-out by `scripts/train_triad_head.py`), and that number is
added to the slot's words (`MetricTriadInfo.slots`) so every view quotes it. Weights:
`voice_coach/data/triad.npz`, loaded lazily; pure numpy.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from voice_coach.analysis.numbers import DURATION_UNITS, Quantity, quantities
from voice_coach.report_model import MetricTriadInfo

TRIAD_PATH = Path(__file__).resolve().parent.parent / "data" / "triad.npz"
DISABLE_ENV = "VOICE_COACH_NO_TRIAD_HEAD"  # set to 1 to read the triad by the rules only
SLOTS = ("after", "business_outcome")
SLOT_ROLE = {"after": "after", "business_outcome": "outcome"}  # its `slots` role
LABELS = ("situation", "task", "action", "result", "learning", "hypothetical")

# cue words of a number's clause, by what they say about it
CUES: tuple[tuple[str, str], ...] = (
    ("money", r"\b(?:sav(?:ed|ing|ings|es)|revenue|costs?|profit|sales|spend|gmv|budget|"
              r"dollars|euros|pounds|rupees|crores?|lakhs?|margin|money|paid|pay)\b|[$€£₹]"),
    ("people", r"\b(?:customers?|users?|clients?|merchants?|drivers?|patients?|players?|"
               r"shoppers?|riders?|sellers?|buyers?|members?|subscribers?|farmers?)\b"),
    ("retain", r"\b(?:churn|retention|retained|complaints?|tickets?|nps|satisfaction|renewals?|"
               r"conversion|signups?|orders?|bookings?|refunds?|returns?)\b"),
    ("period", r"\b(?:per|a|an|each|every) (?:year|month|quarter|week|day)\b|\bannual(?:ly)?\b|"
               r"\byearly\b|\bmonthly\b"),
    ("down", r"\b(?:cut|reduced?|reducing|dropped|drop|down|fell|lower(?:ed)?|less|fewer|"
             r"halved|shrank|decreased?)\b"),
    ("up", r"\b(?:increased?|grew|grow|up|rose|higher|more|improved?|boosted|doubled|"
           r"tripled|gained?|lift(?:ed)?)\b"),
    ("level", r"\b(?:now|went|came|ended|landed|settled|stands?|sits?)\b"),
    ("was", r"\b(?:was|were|is|are|at)\b"),
    ("from_to", r"\bfrom\b.*\bto\b"),
    ("before", r"\b(?:before|previously|used to|originally|earlier|initially)\b"),
    ("after_word", r"\b(?:after|afterwards|since then|by the end|within)\b"),
    ("worth", r"\b(?:impact|worth|business|bottom line|meant|translat\w+|which means|"
              r"equivalent|roughly|estimated|brought in|unlocked|avoided|prevented)\b"),
    ("team", r"\b(?:team|engineers?|people|analysts?|headcount)\b"),
    ("i_we", r"\b(?:i|we)\b"),
)
_CUE_RX = tuple((name, re.compile(rx)) for name, rx in CUES)

# prototype phrases the number's clause is compared with (cosine of unit vectors)
PROTOTYPES: tuple[tuple[str, str], ...] = (
    ("after", "after the change the error rate came down to two percent"),
    ("after", "now it only takes ten minutes instead of hours"),
    ("after", "the accuracy went up to ninety one percent"),
    ("outcome", "that saved the company about two million dollars a year"),
    ("outcome", "revenue grew by five percent and we kept more customers"),
    ("outcome", "customer complaints fell and sales went up"),
    ("setup", "the team had twelve engineers and three products"),
    ("setup", "the problem was costing us money every week"),
)
PROTO_GROUPS = ("after", "outcome", "setup")

FEATURE_NAMES: tuple[str, ...] = (
    "unit_pct", "unit_money", "unit_duration", "unit_rate", "unit_multiple", "unit_bare",
    "counts_thing", "approximate", "position", "last_third", "first_third",
    *(f"label_{lab}" for lab in LABELS), "label_none",
    *(f"cue_{name}" for name, _ in CUES),
    "n_numbers", "first_in_clause", "last_in_clause",
    "rules_baseline", "rules_after", "rules_outcome",
    "in_pair", "in_baseline", "in_after", "in_outcome", "in_evidence",
    *(f"sim_{g}" for g in PROTO_GROUPS),
)


# a number may only add a mark when none of these is set: a clause of the set-up or of what one
# would do (the rules read no outcome there either), or a number the rules already read in a
# slot ("dropped to 9%" is the after, never also the outcome)
NOT_ELIGIBLE = ("label_situation", "label_task", "label_hypothetical",
                "in_pair", "in_baseline", "in_after", "in_outcome", "in_evidence")


def eligible(features: np.ndarray) -> np.ndarray:
    """(n, n_features) → (n,) True for the numbers that may add a mark (`NOT_ELIGIBLE`)."""
    cols = [FEATURE_NAMES.index(name) for name in NOT_ELIGIBLE]
    return ~(features[:, cols] > 0).any(axis=1)


@dataclass(frozen=True)
class Candidate:
    """One number of a story's clauses, with the features the heads read."""

    clause_index: int
    said: str  # the number as it reads in the plain clause: "1.8 crore a quarter"
    quote: str  # the words around it the report can quote ("saved 1.8 crore a quarter")
    features: np.ndarray  # (len(FEATURE_NAMES),)


@dataclass(frozen=True)
class TriadHead:
    """Per slot of `SLOTS`: weights over `FEATURE_NAMES`, feature mean and scale, and the
    probability from which the slot's best number adds the mark."""

    weights: np.ndarray  # (len(SLOTS), n_features)
    biases: np.ndarray  # (len(SLOTS),)
    mean: np.ndarray  # (n_features,)
    scale: np.ndarray  # (n_features,)
    thresholds: np.ndarray  # (len(SLOTS),) 1.0 or more: that slot adds nothing
    prototypes: np.ndarray  # (len(PROTOTYPES), EMBEDDING_DIM) unit vectors

    def proba(self, x: np.ndarray) -> np.ndarray:
        """(n, n_features) → (n, len(SLOTS)) probabilities."""
        z = ((x - self.mean) / self.scale) @ self.weights.T + self.biases
        return 1.0 / (1.0 + np.exp(-z))


class TriadHeadError(RuntimeError):
    """The triad head's weights file is missing a field or has the wrong shape."""


def load_head(path: Path = TRIAD_PATH) -> TriadHead:
    """Read a `TriadHead` from `path`; raises `TriadHeadError` naming what is wrong."""
    try:
        with np.load(path, allow_pickle=False) as d:
            names = tuple(str(n) for n in d["feature_names"])
            head = TriadHead(*(d[k].astype(np.float64) for k in (
                "weights", "biases", "mean", "scale", "thresholds", "prototypes")))
    except (OSError, ValueError, KeyError) as e:
        raise TriadHeadError(f"triad head {path} cannot be read: {e}") from e
    n = len(FEATURE_NAMES)
    if names != FEATURE_NAMES or head.weights.shape != (len(SLOTS), n) \
            or head.mean.shape != (n,) or head.scale.shape != (n,) \
            or head.biases.shape != (len(SLOTS),) or head.thresholds.shape != (len(SLOTS),) \
            or head.prototypes.shape[0] != len(PROTOTYPES):
        raise TriadHeadError(f"triad head {path} does not match this code's features; "
                             "rebuild it with scripts/train_triad_head.py")
    return head


@functools.lru_cache(maxsize=1)
def shared_head() -> TriadHead | None:
    """The process-wide head, loaded on first use; None when switched off (`DISABLE_ENV`) or
    not built."""
    if os.environ.get(DISABLE_ENV) == "1" or not TRIAD_PATH.exists():
        return None
    return load_head()


def _unit_kind(q: Quantity) -> int:
    """Index of the unit one-hot: %, money, duration, count per time, multiple, bare."""
    if q.unit in ("%", "points"):
        return 0
    if q.unit in ("$", "€", "£", "₹") or q.text[:1] in "$€£₹":
        return 1
    if q.unit in DURATION_UNITS:
        return 2
    if q.unit.startswith("a "):
        return 3
    return 4 if q.unit == "x" else 5


def _quote(text: str, q: Quantity, words: int = 3) -> str:
    """The number as said with up to `words` words after it, up to the clause's next comma or
    full stop: "roughly 2m cedis a year"."""
    tail = re.split(r"[,;.]", text[q.end:], maxsplit=1)[0].split()[:words]
    said = text[q.start:q.end]
    hedge = "" if said.startswith(q.hedge) else q.hedge
    return " ".join([hedge, said, *tail]).strip(" ,;.")


def candidates(plain: Sequence[str], labels: Sequence[str | None], triad: MetricTriadInfo,
               clause_vectors: np.ndarray, prototypes: np.ndarray) -> list[Candidate]:
    """Every number of the plain clauses with its features; `clause_vectors` holds one unit
    vector per clause (zeros for a clause without numbers)."""
    n = len(plain)
    sims = clause_vectors @ prototypes.T if n else np.zeros((0, len(PROTOTYPES)))
    slot_text = {role: " | ".join(span.lower() for r, span in triad.slots if r == role)
                 for role in ("pair", "baseline", "after", "outcome")}
    evidence = " | ".join(e.lower() for e in triad.evidence)
    out = []
    for i, (text, label) in enumerate(zip(plain, labels)):
        qs = quantities(text) if text else []
        cues = [float(rx.search(text) is not None) for _, rx in _CUE_RX]
        group_sim = [max((float(sims[i, k]) for k, (g, _) in enumerate(PROTOTYPES) if g == grp),
                         default=0.0) for grp in PROTO_GROUPS]
        for j, q in enumerate(qs):
            unit = [0.0] * 6
            unit[_unit_kind(q)] = 1.0
            said = text[q.start:q.end]
            lab = [float(label == x) for x in LABELS] + [float(label not in LABELS)]
            x = [*unit, float(bool(q.noun)), float(q.approximate), i / max(1, n - 1),
                 float(i >= 2 * n / 3), float(i < n / 3), *lab, *cues,
                 min(len(qs), 4) / 4, float(j == 0), float(j == len(qs) - 1),
                 float(triad.baseline), float(triad.after), float(triad.business_outcome),
                 *(float(said in slot_text[r]) for r in ("pair", "baseline", "after", "outcome")),
                 float(said in evidence), *group_sim]
            out.append(Candidate(i, said, _quote(text, q), np.asarray(x, dtype=np.float64)))
    return out


def number_clauses(plain: Sequence[str]) -> list[int]:
    """Indexes of the clauses that hold a number (the only ones embedded)."""
    return [i for i, t in enumerate(plain) if t and quantities(t)]


def clause_vectors(plain: Sequence[str], embedder: Any) -> np.ndarray:
    """Unit vectors of the clauses with numbers (zeros elsewhere), from `embedder.embed`."""
    dim = 384
    out = np.zeros((len(plain), dim))
    idx = number_clauses(plain)
    if idx:
        out[idx] = embedder.embed([plain[i] for i in idx])
    return out


def read_triad(plain: Sequence[str], labels: Sequence[str | None],
               triad: MetricTriadInfo) -> MetricTriadInfo:
    """`add_marks` with the shared head and the shared embedder; `triad` as it is when either
    is unavailable."""
    head = shared_head()
    if head is None or getattr(triad, "complete", False):
        return triad
    from voice_coach.embedder import shared_meaning_model
    model = shared_meaning_model()
    if model is None:
        return triad
    vectors = clause_vectors(plain, model.embedder)
    return add_marks(triad, candidates(plain, labels, triad, vectors, head.prototypes), head)


def add_marks(triad: MetricTriadInfo, cands: Sequence[Candidate],
              head: TriadHead) -> MetricTriadInfo:
    """`triad` with each slot the rules left unmarked marked when its best `eligible` number
    scores at least the slot's threshold; that number's words join the slot's (`slots`) and the evidence."""
    x = np.stack([c.features for c in cands]) if cands else np.zeros((0, len(FEATURE_NAMES)))
    ok = eligible(x)
    if not ok.any():
        return triad
    cands = [c for c, keep in zip(cands, ok) if keep]
    p = head.proba(x[ok])
    marks = {}
    slots = list(triad.slots)
    evidence = list(triad.evidence)
    for k, slot in enumerate(SLOTS):
        if getattr(triad, slot):
            continue
        best = int(np.argmax(p[:, k]))
        if p[best, k] < head.thresholds[k]:
            continue
        marks[slot] = True
        quote = cands[best].quote
        slots.append((SLOT_ROLE[slot], quote))
        if not any(quote in e or e in quote for e in evidence):
            evidence.append(quote)
    if not marks:
        return triad
    return MetricTriadInfo(baseline=triad.baseline, after=marks.get("after", triad.after),
                           business_outcome=marks.get("business_outcome", triad.business_outcome),
                           evidence=tuple(evidence), slots=tuple(slots))
