"""Screen context features for the STAR-L clause head, leave-one-persona-out on labelled clauses.

Usage: python bench/meaning_context_cv.py

The clause head reads one clause's embedding alone. This bench asks whether the neighbouring
clauses help it, above all between Situation and Task. Material: the hand-labelled clauses of
the tuning rounds that were split and labelled in answer order (`structure_round_*/clauses.toml`,
one fold per persona: the answer id's prefix) plus `meaning_clauses.toml` (single sentences, no
neighbours, always in training). Each fold trains on every other persona's clauses and is scored
on the held-out persona's; heads as in `scripts/train_meaning.py` (logistic regression, balanced
class weights, C = 4; no weak labels). Variants:
- `alone`: the clause's embedding (what runs today);
- `+ neighbours`: the clause's embedding and the mean of the previous and next clause's
  (zeros where there is none);
- `+ prev, next`: the clause's embedding, the previous one's and the next one's.
Prints a Markdown table: clause accuracy, Situation and Task F1 and the Situation↔Task
confusions, pooled and per held-out persona. The frozen evaluation sets are never read.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import train_meaning as tm  # noqa: E402

VARIANTS = ("alone", "+ neighbours", "+ prev, next")


def labelled_clauses() -> list[tuple[str, str, str, str]]:
    """(persona, answer id, label, cleaned text) of every round clause, in answer order."""
    out = []
    for d in tm.round_dirs():
        path = d / "clauses.toml"
        if not path.exists():
            continue
        with path.open("rb") as f:
            for c in tomllib.load(f).get("clause", []):
                cleaned = tm._clean(c["text"])
                if cleaned:
                    persona = f"{d.name.removeprefix('structure_round_')}:" \
                              f"{c['answer'].rsplit('-', 1)[0]}"
                    out.append((persona, c["answer"], c["label"], cleaned))
    return out


def features(x: np.ndarray, answers: list[str], variant: str) -> np.ndarray:
    """Each row's embedding with its neighbours' (within the same answer) per `variant`."""
    zero = np.zeros_like(x[0])
    prev = np.stack([x[i - 1] if i and answers[i - 1] == answers[i] else zero
                     for i in range(len(x))])
    nxt = np.stack([x[i + 1] if i + 1 < len(x) and answers[i + 1] == answers[i] else zero
                    for i in range(len(x))])
    if variant == "alone":
        return x
    if variant == "+ neighbours":
        return np.hstack([x, (prev + nxt) / 2])
    return np.hstack([x, prev, nxt])


def main() -> None:
    from sklearn.linear_model import LogisticRegression

    from voice_coach.embedder import OnnxEmbedder, model_files

    emb = OnnxEmbedder(*model_files())
    hand_t, hand_l = [], []
    with tm.CLAUSES.open("rb") as f:
        for label, items in tomllib.load(f).items():
            for t in items:
                hand_t.append(tm._clean(t))
                hand_l.append(label)
    rows = labelled_clauses()
    texts = [t for *_, t in rows]
    x_all = emb.embed(hand_t + texts)
    xh, xr = x_all[:len(hand_t)], x_all[len(hand_t):]
    personas = list(dict.fromkeys(p for p, *_ in rows))
    answers = [a for _, a, _, _ in rows]
    y = np.array([lab for _, _, lab, _ in rows])
    res: dict[str, dict[str, np.ndarray]] = {}
    for v in VARIANTS:
        fr = features(xr, answers, v)
        fh = features(xh, [f"hand-{i}" for i in range(len(xh))], v)
        pred = np.empty(len(rows), dtype=object)
        for p in personas:
            test = np.array([q == p for q, *_ in rows])
            clf = LogisticRegression(C=tm.C_CLAUSE, max_iter=5000, class_weight="balanced")
            clf.fit(np.vstack([fh, fr[~test]]), hand_l + list(y[~test]))
            pred[test] = clf.predict(fr[test])
        res[v] = {"pred": pred}
        print(f"{v}: done", flush=True)
    print("| variant | held out | clauses | accuracy | situation F1 | task F1 | S→T | T→S |")
    print("|---|---|---|---|---|---|---|---|")
    for v in VARIANTS:
        pred = res[v]["pred"]
        for p in ["pooled", *personas]:
            m = np.ones(len(rows), bool) if p == "pooled" else np.array([q == p for q, *_ in rows])
            yy, pp = y[m], pred[m]
            print(f"| {v} | {p} | {m.sum()} | {np.mean(yy == pp):.3f} | "
                  f"{_f1(yy, pp, 'situation'):.3f} | {_f1(yy, pp, 'task'):.3f} | "
                  f"{np.sum((yy == 'situation') & (pp == 'task'))} | "
                  f"{np.sum((yy == 'task') & (pp == 'situation'))} |")


def _f1(y: np.ndarray, p: np.ndarray, lab: str) -> float:
    tp = np.sum((y == lab) & (p == lab))
    fp = np.sum((y != lab) & (p == lab))
    fn = np.sum((y == lab) & (p != lab))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


if __name__ == "__main__":
    main()
