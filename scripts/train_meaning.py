"""Build voice_coach/data/meaning.npz: the STAR-L clause head and the answer-kind head.

Usage: python scripts/train_meaning.py [--cv]

Both heads are multinomial logistic regressions (scikit-learn, balanced class weights) over
all-MiniLM-L6-v2 int8 embeddings of filler-free text, exactly as `structure.py` embeds at run
time:
- clause head: the labelled clauses of tests/data/meaning_clauses.toml;
- kind head: mean clause embedding of the answers in tests/data/meaning_answers.toml and
  tests/data/structure_cases.toml (their `kind`).
The hold-out set (tests/data/structure_holdout.toml) is never read. The .npz records the sha256
of every source file; tests/test_meaning.py fails when a source changed without a rebuild.
--cv prints 5-fold cross-validated clause accuracy first.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tomllib
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from voice_coach.analysis.embed import LinearHead  # noqa: E402
from voice_coach.analysis.structure import clean_clauses  # noqa: E402
from voice_coach.embedder import HEADS_PATH, OnnxEmbedder, model_files  # noqa: E402

CLAUSES = ROOT / "tests/data/meaning_clauses.toml"
ANSWER_SETS = (ROOT / "tests/data/meaning_answers.toml", ROOT / "tests/data/structure_cases.toml")
C_CLAUSE = 4.0  # inverse regularisation strength; 5-fold CV on the clauses picked it
C_KIND = 4.0


def sources() -> list[Path]:
    return [CLAUSES, *(p for p in ANSWER_SETS if p.exists())]


def source_digest() -> str:
    """sha256 over the training files, in order."""
    h = hashlib.sha256()
    for p in sources():
        h.update(p.read_bytes())
    return h.hexdigest()


def clause_data() -> tuple[list[str], list[str]]:
    with CLAUSES.open("rb") as f:
        data = tomllib.load(f)
    texts, labels = [], []
    for label, items in data.items():
        for t in items:
            cleaned = " ".join(c for _, _, c in clean_clauses(t.split()))
            texts.append(cleaned)
            labels.append(label)
    return texts, labels


def weak_clause_data() -> tuple[list[str], list[str]]:
    """Clauses of the labelled tuning answers, labelled by the cue-list rules where the rules and
    the answer's own labels agree: a clause whose top cue score is strong for a part the answer
    is labelled to contain; clauses of technical/coding answers without a story are `other`."""
    from voice_coach.analysis.structure import STRONG, _norm, label_clause

    texts, labels = [], []
    with ANSWER_SETS[1].open("rb") as f:
        cases = tomllib.load(f)["case"]
    for case in cases:
        star = case["labels"]["star"]
        story = any(star.values())
        for _, _, clean in clean_clauses(case["text"].split()):
            if len(clean.split()) < 3:
                continue
            if not story:
                if case["kind"] != "behavioral":
                    texts.append(clean)
                    labels.append("other")
                continue
            scores = label_clause(_norm(clean))
            best = max(scores, key=lambda p: scores[p])
            if scores[best] >= STRONG and star[best] and \
                    sum(v == scores[best] for v in scores.values()) == 1:
                texts.append(clean)
                labels.append(best)
    return texts, labels


def answer_data() -> tuple[list[str], list[str]]:
    texts, kinds = [], []
    for path in ANSWER_SETS:
        if not path.exists():
            continue
        with path.open("rb") as f:
            for case in tomllib.load(f).get("case", []):
                texts.append(case["text"])
                kinds.append(case["kind"])
    return texts, kinds


def fit(x: np.ndarray, y: list[str], c: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=c, max_iter=5000, class_weight="balanced")
    clf.fit(x, y)
    return np.array(clf.classes_), clf.coef_.T.astype(np.float32), clf.intercept_.astype(np.float32)


def calibrate(emb: OnnxEmbedder, head: LinearHead) -> np.ndarray:
    """Per STAR part, the clause probability from which it counts besides being a clause's top
    class: the one that maximises answer-level accuracy on structure_cases.toml, deciding exactly
    as `structure.clause_votes` does at run time."""
    from voice_coach.analysis.structure import (
        _HYPOTHETICAL, STAR_PARTS, _in_story, _norm, _principle_reflected, _story_eligible,
        clause_votes, detect_named_principles, label_clause)

    with ANSWER_SETS[1].open("rb") as f:
        cases = tomllib.load(f)["case"]
    clauses = []  # per case: (probabilities, cues, hypothetical wording) of eligible clauses
    for case in cases:
        toks = case["text"].split()
        items = clean_clauses(toks)
        proba = head.proba(emb.embed([c for _, _, c in items]))
        norms = [_norm(c) for _, _, c in items]
        clauses.append([(row, label_clause(n), _HYPOTHETICAL.search(n) is not None,
                         _in_story(n, case["kind"]),
                         _principle_reflected(n) and bool(detect_named_principles([n])))
                        for (a, b, _), n, row in zip(items, norms, proba)
                        if _story_eligible(" ".join(toks[a:b]), n, case["kind"])])
    n = len(head.labels)
    min_p = np.ones(n, np.float32)
    # from 0.5: a part the model finds less likely than not never counts on its own (lower
    # limits fitted the tuning answers and lost on fresh voices: docs/structure.md); 1.0 = only
    # as the clause's top class (or with a cue)
    grid = [float(t) for t in np.arange(0.5, 1.001, 0.05)]
    for p in STAR_PARTS:
        j = head.labels.index(p)
        acc = []
        for t in grid:
            trial = LinearHead(head.labels, head.weights, head.bias,
                               np.where(np.arange(n) == j, t, 1.0))
            acc.append(sum(any(p in clause_votes(c[0], trial, *c[1:])[1]
                               for c in cl) == case["labels"]["star"][p]
                           for cl, case in zip(clauses, cases)))
        k = int(np.argmax(acc))
        min_p[j] = grid[k]
        print(f"{p}: counts as top class or from p >= {min_p[j]:.2f} "
              f"(answer accuracy {acc[k] / len(cases):.3f} on {len(cases)} tuning answers)")
    return min_p


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cv", action="store_true", help="print cross-validated clause accuracy")
    ap.add_argument("--no-weak", action="store_true",
                    help="train on the hand-labelled clauses only")
    args = ap.parse_args()
    emb = OnnxEmbedder(*model_files())
    texts, labels = clause_data()
    if not args.no_weak:
        weak_t, weak_l = weak_clause_data()
        texts, labels = texts + weak_t, labels + weak_l
    x = np.concatenate([emb.embed(texts[i:i + 64]) for i in range(0, len(texts), 64)])
    if args.cv:
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import cross_val_score

        for c in (1.0, 4.0, 16.0, 64.0):
            clf = LogisticRegression(C=c, max_iter=5000, class_weight="balanced")
            score = cross_val_score(clf, x, labels, cv=5).mean()
            print(f"C={c}: 5-fold clause accuracy {score:.3f}")
    star = fit(x, labels, C_CLAUSE)
    answers, kinds = answer_data()
    ax = np.stack([emb.embed([c for _, _, c in clean_clauses(t.split())] or [t]).mean(axis=0)
                   for t in answers])
    kind = fit(ax, kinds, C_KIND)
    star_min = calibrate(emb, LinearHead(tuple(star[0]), star[1], star[2]))
    HEADS_PATH.parent.mkdir(exist_ok=True)
    np.savez(HEADS_PATH, star_labels=star[0], star_w=star[1], star_b=star[2], star_min=star_min,
             kind_labels=kind[0], kind_w=kind[1], kind_b=kind[2],
             source_sha256=np.array(source_digest()))
    print(f"wrote {HEADS_PATH.relative_to(ROOT)}: {len(texts)} clauses "
          f"({', '.join(f'{lab} {labels.count(lab)}' for lab in star[0])}), {len(answers)} answers")


if __name__ == "__main__":
    main()
