"""Leave-one-round-out screen of a meaning-based "business outcome" detector beside the rules.

Usage: python bench/business_cv.py [--cache DIR]

Reads only the tuning rounds (the tuning cases, the hold-out, `tests/data/structure_round_*`), never
an evaluation set. For every answer labelled with `metric_triad.business_outcome` it takes the
rules' verdict (`analyze_structure` by meaning, as `bench/structure_accuracy.py` scores it) and
the answer's clause embeddings (the project's embedder). Detectors trained on the other rounds'
labels (the tuning cases are always in training, never measured):

- `answer`: logistic regression on the answer's mean and max-pooled clause vectors;
- `clause`: logistic regression on clauses (every clause of an answer labelled without an
  outcome is negative; of one labelled with one, the clauses after its first third positive),
  the answer's score its best clause;

each alone and combined with the rules ("or": rules or a confident score; "flip": the score
overrides the rules when confident; the confidence limits are picked by an inner
leave-one-round-out on the training rounds only). Prints right answers per round, per variant.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from triad_errors import rounds  # noqa: E402
from structure_accuracy import load_cases  # noqa: E402

from voice_coach.analysis.structure import analyze_structure, clean_clauses  # noqa: E402

LABEL = "metric_triad.business_outcome"
GRID = (0.5, 0.6, 0.7, 0.8, 0.9, 1.01)  # confidence limits tried (1.01: never)


def _items(cache: Path) -> list[dict]:
    from voice_coach.embedder import OnnxEmbedder, load_meaning_model, model_files

    model = load_meaning_model()
    emb = OnnxEmbedder(*model_files())
    digest = hashlib.sha1(b"".join(p.read_bytes() for p in sorted(
        (ROOT / "voice_coach/analysis").glob("*.py")))).hexdigest()[:12]
    rules_path = cache / f"rules-{digest}.json"  # the rules' verdicts of this code
    rules = json.loads(rules_path.read_text()) if rules_path.exists() else {}
    out = []
    for name, path in rounds().items():
        for c in load_cases(path):
            if LABEL not in c.labels:
                continue
            key = hashlib.sha1(f"{c.kind}|{c.text}".encode()).hexdigest()
            if key not in rules:
                s = analyze_structure(c.text, kind=c.kind, key_points=c.key_points, model=model,
                                      method="meaning")
                rules[key] = s.metric_triad.business_outcome
            clauses = [t for _, _, t in clean_clauses(c.text.split())] or [c.text]
            vec_path = cache / f"{key}.npy"
            if vec_path.exists():
                vecs = np.load(vec_path)
            else:
                vecs = emb.embed(clauses)
                np.save(vec_path, vecs)
            out.append({"round": name, "id": c.id, "want": c.labels[LABEL], "rules": rules[key],
                        "vecs": vecs})
    rules_path.write_text(json.dumps(rules))
    return out


def _answer_x(items: list[dict]) -> np.ndarray:
    return np.stack([np.concatenate([it["vecs"].mean(0), it["vecs"].max(0)]) for it in items])


def _fit(x: np.ndarray, y: np.ndarray):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=1.0, max_iter=3000, class_weight="balanced").fit(x, y)


def score(kind: str, train: list[dict], test: list[dict]) -> np.ndarray:
    """P(business outcome) of each test answer from a detector trained on `train`."""
    if kind == "answer":
        clf = _fit(_answer_x(train), np.array([it["want"] for it in train]))
        return clf.predict_proba(_answer_x(test))[:, 1]
    xs, ys = [], []
    for it in train:
        n = len(it["vecs"])
        for i, v in enumerate(it["vecs"]):
            xs.append(v)
            ys.append(bool(it["want"]) and i >= n // 3)
    clf = _fit(np.stack(xs), np.array(ys))
    return np.array([clf.predict_proba(it["vecs"])[:, 1].max() for it in test])


def combine(how: str, rules: bool, p: float, hi: float, lo: float) -> bool:
    if how == "alone":
        return p >= 0.5
    if how == "or":
        return rules or p >= hi
    return True if p >= hi else False if p <= 1 - lo else rules  # flip


def _limits(kind: str, how: str, train: list[dict]) -> tuple[float, float]:
    """(hi, lo) maximising inner leave-one-round-out accuracy on the training rounds."""
    inner = [r for r in dict.fromkeys(it["round"] for it in train) if r != "tuning"]
    scored = []
    for r in inner:
        tr = [it for it in train if it["round"] != r]
        te = [it for it in train if it["round"] == r]
        scored.extend(zip(te, score(kind, tr, te)))
    best, best_right = (1.01, 1.01), -1
    for hi in GRID:
        for lo in (GRID if how == "flip" else (1.01,)):
            right = sum(combine(how, it["rules"], p, hi, lo) == it["want"] for it, p in scored)
            if right > best_right:
                best, best_right = (hi, lo), right
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", type=Path, default=Path("/tmp/business_cv"))
    args = ap.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    items = _items(args.cache)
    held = [r for r in dict.fromkeys(it["round"] for it in items) if r != "tuning"]
    variants = ["rules"] + [f"{k} {h}" for k in ("answer", "clause")
                            for h in ("alone", "or", "flip")]
    table: dict[str, dict[str, int]] = {v: {} for v in variants}
    sizes = {}
    for r in held:
        train = [it for it in items if it["round"] != r]
        test = [it for it in items if it["round"] == r]
        sizes[r] = len(test)
        table["rules"][r] = sum(it["rules"] == it["want"] for it in test)
        for kind in ("answer", "clause"):
            p = score(kind, train, test)
            for how in ("alone", "or", "flip"):
                hi, lo = (0.5, 1.01) if how == "alone" else _limits(kind, how, train)
                table[f"{kind} {how}"][r] = sum(
                    combine(how, it["rules"], pi, hi, lo) == it["want"] for it, pi in zip(test, p))
                print(f"{r} {kind} {how}: limits {hi}/{lo}", file=sys.stderr)
    print("| variant | " + " | ".join(f"{r} ({sizes[r]})" for r in held) + " | pooled |")
    print("|---|" + "---|" * (len(held) + 1))
    total = sum(sizes.values())
    for v in variants:
        right = sum(table[v].values())
        print(f"| {v} | " + " | ".join(str(table[v][r]) for r in held)
              + f" | {right}/{total} = {right / total:.3f} |")


if __name__ == "__main__":
    main()
