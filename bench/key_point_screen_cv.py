"""Which extra evidence would settle more key points? Leave-one-set-out screen (measurement).

Usage: python bench/key_point_screen_cv.py

For every labelled content key point of the key-point sets (`scripts/train_key_points.py` SETS),
today's evidence (`FEATURES`, computed as `answer_key_point_evidence`) and four candidate
additions, each a few numbers per point:

- siblings: the best cosine over the spans this point wins against the question's other key
  points (a span that already best matches a sibling is no evidence for this one), the share of
  spans it wins, and its rank among the siblings by best cosine;
- kind: the question's kind (behavioural / technical / coding, one-hot);
- STAR part: the STAR-L head's probabilities of the clause holding the point's closest span, and
  their agreement with the STAR-L head's reading of the key point itself;
- abstractness: the point's best cosine and best margin against the answers of other questions
  (its background: an abstract point is half-close to every answer), and today's cosine and
  margin minus that background — the background from the training sets only.

Leave-one-set-out: for each set, a head over today's evidence plus one addition is trained on the
other sets with its limits as `train_key_points.fit` sets them (the same two error rates), and
judged on the held-out set. Prints a Markdown table: accuracy of the decided verdicts, false
credits, misses, precision of "missed" (said), not clearly heard (share; made), per set and in
all, and the AUC per held-out set. Measures by the head's features directly, so its totals differ
slightly from `key_points_accuracy.py` (which applies the report's fact, example and hypothetical
rules). The frozen evaluation set is never read.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import train_key_points as tk  # noqa: E402
from voice_coach.analysis.key_points import (  # noqa: E402
    SPAN_TOKENS, SPAN_WINDOWS, question_clauses,
)
from voice_coach.analysis.structure import (  # noqa: E402
    _definition_texts, _norm, _semantic_key_points, clean_clauses, key_point_evidence,
)
from voice_coach.embedder import load_meaning_model  # noqa: E402
from voice_coach.questions import load_bank  # noqa: E402

KINDS = ("behavioral", "technical", "coding")


@dataclasses.dataclass(frozen=True)
class Answer:
    """One labelled answer: today's evidence for each key point of its question and what the
    candidates need."""

    set: str
    question: str
    kind: str
    labels: list[bool | None]  # per key point: covered / missed / not a labelled content point
    features: np.ndarray  # (points, len(FEATURES))
    points: np.ndarray  # (points, dim) unit key-point vectors
    spans: np.ndarray  # (spans, dim) unit vectors of the answer's SPAN_TOKENS-wide spans
    span_star: np.ndarray  # (spans, STAR labels) the STAR-L head on each span's clause
    point_star: np.ndarray  # (points, STAR labels) the STAR-L head on each key point


def load() -> list[Answer]:
    model = dataclasses.replace(load_meaning_model(), points=None)
    bank = load_bank()
    out = []
    for name in tk.available_sets():
        for a in tk.answers(name):
            q = bank.get(a["question"])
            kps = list(q.key_points)
            clean = [c for _, _, c in clean_clauses(a["text"].split())]
            norm = [_norm(c) for c in clean]
            full = " ".join(norm)
            defs = _definition_texts(kps, q.text)
            run = model.embedder.embed_spans(clean + kps + defs + question_clauses(q.text),
                                             SPAN_WINDOWS)
            n = len(clean)
            pv = run.vectors[n:n + len(kps)]
            at = n + len(kps) + len(defs)
            covered, _ = _semantic_key_points(full, kps, pv, run.vectors[:n], clauses=norm,
                                              def_vectors=run.vectors[n + len(kps):at],
                                              question=q.text)
            ev = key_point_evidence(full, kps, pv, run, n, covered, run.vectors[at:])
            at = (run.span_rows < n) & (run.span_widths == SPAN_TOKENS)
            labelled = {k: True for k in a["covered"]} | {k: False for k in a["missed"]}
            out.append(Answer(
                name, q.id, q.kind,
                [labelled.get(k) if tk.is_content(k, q.text) else None for k in kps],
                ev.features, pv, run.span_vectors[at],
                model.star.proba(run.vectors[:n])[run.span_rows[at]], model.star.proba(pv)))
    return out


def lead(sims: np.ndarray) -> np.ndarray:
    """Per span, each point's cosine minus the best other point's (points × spans)."""
    if len(sims) < 2:
        return np.zeros_like(sims)
    return np.array([sims[i] - np.delete(sims, i, axis=0).max(axis=0) for i in range(len(sims))])


def siblings(a: Answer, _: list[Answer]) -> np.ndarray:
    sims = a.points @ a.spans.T
    out = np.zeros((len(sims), 3))
    if sims.shape[1] == 0:
        return out
    wins = sims.argmax(axis=0)
    best = sims.max(axis=1)
    for i in range(len(sims)):
        own = wins == i
        out[i] = (sims[i, own].max() if own.any() else sims[i].min(), own.mean(),
                  (best[i] > best).sum() / max(len(best) - 1, 1))
    return out


def kind(a: Answer, _: list[Answer]) -> np.ndarray:
    return np.tile([a.kind == k for k in KINDS], (len(a.points), 1)).astype(float)


def star_part(a: Answer, _: list[Answer]) -> np.ndarray:
    if len(a.spans) == 0:
        return np.zeros((len(a.points), a.point_star.shape[1] + 1))
    part = a.span_star[(a.points @ a.spans.T).argmax(axis=1)]
    return np.c_[part, (part * a.point_star).sum(axis=1)]


def abstractness(a: Answer, background: list[Answer]) -> np.ndarray:
    cos, margin = [], []
    for b in background:
        if b.question == a.question or len(b.spans) == 0:
            continue
        sims = a.points @ b.spans.T
        cos.append(sims.max(axis=1))
        margin.append(lead(sims).max(axis=1))
    bg_cos, bg_margin = np.mean(cos, axis=0), np.mean(margin, axis=0)
    return np.c_[bg_cos, bg_margin, a.features[:, 0] - bg_cos, a.features[:, 5] - bg_margin]


CANDIDATES: dict[str, Callable[[Answer, list[Answer]], np.ndarray]] = {
    "siblings": siblings, "kind": kind, "STAR part": star_part, "abstractness": abstractness}


def rows(answers: list[Answer], extra: Callable[[Answer, list[Answer]], np.ndarray] | None,
         background: list[Answer]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(features, labels, set) of every labelled content point."""
    x, y, s = [], [], []
    for a in answers:
        more = extra(a, background) if extra else np.zeros((len(a.points), 0))
        for i, lab in enumerate(a.labels):
            if lab is not None:
                x.append(np.r_[a.features[i], more[i]])
                y.append(lab)
                s.append(a.set)
    return np.array(x), np.array(y), np.array(s)


def tally(p: np.ndarray, y: np.ndarray, missed_below: float, covered_from: float) -> np.ndarray:
    """[decided, right, false credits, misses, said missed, rightly missed, unclear, unclear made,
    points]."""
    v = np.where(p >= covered_from, 2, np.where(p < missed_below, 0, 1))
    fc, miss = int(((v == 2) & ~y).sum()), int(((v == 0) & y).sum())
    decided = int((v != 1).sum())
    return np.array([decided, decided - fc - miss, fc, miss, int((v == 0).sum()),
                     int(((v == 0) & ~y).sum()), int((v == 1).sum()), int(((v == 1) & y).sum()),
                     len(y)])


def cell(t: np.ndarray) -> str:
    decided, right, fc, miss, said, rightly, unclear, made, n = t
    return (f"{right / max(decided, 1):.3f} / {fc} / {miss} / {rightly / max(said, 1):.2f} "
            f"({said}) / {unclear} = {unclear / n:.0%} ({made})")


def main() -> int:
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score

    answers = load()
    sets = tk.available_sets()
    print("Content key points, leave-one-set-out: accuracy (decided) / false credits / misses / "
          "precision of \"missed\" (said) / not clearly heard (made); AUC per held-out set\n")
    print(f"| evidence | {' | '.join(sets)} | all | AUC ({', '.join(sets)}) |")
    print("|---|" + "---|" * (len(sets) + 2))
    for label, extra in [("today's", None), *((f"+ {k}", f) for k, f in CANDIDATES.items())]:
        totals, aucs, cells = np.zeros(9, int), [], []
        for held in sets:
            background = [a for a in answers if a.set != held]
            x, y, s = rows(answers, extra, background)
            train, test = s != held, s == held
            clf = LogisticRegression(C=tk.C, class_weight="balanced", max_iter=2000)
            clf.fit(x[train], y[train])
            limits = tk.limits(clf.predict_proba(x[train])[:, 1], y[train])
            t = tally(clf.predict_proba(x[test])[:, 1], y[test], *limits)
            totals += t
            cells.append(cell(t))
            aucs.append(roc_auc_score(y[test], clf.decision_function(x[test])))
        print(f"| {label} | {' | '.join(cells)} | {cell(totals)} | "
              f"{' '.join(f'{v:.3f}' for v in aucs)} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
