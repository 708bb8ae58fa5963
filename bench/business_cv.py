"""Leave-one-round-out screen of a meaning-based "business outcome" detector beside the rules.

Usage: python bench/business_cv.py [--cache DIR] [--set ANSWERS.toml --labels LABELS.toml ...]
                                   [--clauses CLAUSES.toml ...] [--errors]

Reads only the tuning rounds (the tuning cases, the hold-out, `tests/data/structure_round_*` as
`bench/triad_errors.rounds` lists them, plus any `--set` given with its `--labels`, all `--set`s
one round; e.g. the spent unseen round 18), never an evaluation set. For every answer labelled
with `metric_triad.business_outcome` it runs `analyze_structure` by meaning once and keeps the
rules' verdict (`metric_triad.business_outcome`, what `bench/structure_accuracy.py` scores), the
clause embeddings that run computed and the head's clause labels. Detectors trained on the other
rounds' labels (the tuning cases are always in training, never measured):

- `answer`: logistic regression on the answer's mean and max-pooled clause vectors;
- `clause`: logistic regression on clauses (every clause of an answer labelled without an
  outcome is negative; of one labelled with one, the clauses after its first third positive),
  the answer's score its best clause;
- `result`: the same from the clause labels where a round has them (`clauses.toml`, the `--clauses`
  files): the Result clauses of an answer with an outcome positive, the Result clauses of one
  without negative (a Result that states a model metric only, or nothing for users); a clause
  without a hand label of the same text (other segmentation, rounds without clause labels) is a
  Result when the head reads it so. At test time the answer's score is its
  best clause the head reads as Result (0 without one);

each alone and combined with the rules ("or": rules or a confident score; "flip": the score
overrides the rules when confident; the confidence limits are picked by an inner
leave-one-round-out on the training rounds only). Prints right answers per round, per variant;
`--errors` lists the rules' misses and false alarms with the clause the result detector scores
highest.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tomllib
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
KINDS = ("answer", "clause", "result")


class _Recorder:
    """An embedder that remembers the vector of every text it embedded."""

    def __init__(self, inner):
        self.inner = inner
        self.seen: dict[str, np.ndarray] = {}

    def embed(self, texts):
        out = self.inner.embed(texts)
        self.seen.update(zip(texts, out))
        return out

    def embed_spans(self, texts, windows):
        run = self.inner.embed_spans(texts, windows)
        self.seen.update(zip(texts, run.vectors))
        return run

    def __getattr__(self, name):
        return getattr(self.inner, name)


def _gold_clauses(paths: list[Path]) -> dict[str, str]:
    """Clause text (squeezed) → its hand label, from every round's clauses.toml and `paths`."""
    out: dict[str, str] = {}
    files = sorted((ROOT / "tests/data").glob("structure_round_*/clauses.toml")) + paths
    for f in files:
        if f.parent.name.endswith("_eval"):
            continue
        for c in tomllib.loads(f.read_text()).get("clause", []):
            out[" ".join(c["text"].split())] = c["label"]
    return out


def _items(cache: Path, extra: list[tuple[Path, Path]], gold: dict[str, str]) -> list[dict]:
    import dataclasses

    from voice_coach.embedder import load_meaning_model

    model = load_meaning_model()
    rec = _Recorder(model.embedder)
    model = dataclasses.replace(model, embedder=rec)
    digest = hashlib.sha1(b"".join(p.read_bytes() for p in sorted(
        (ROOT / "voice_coach/analysis").glob("*.py")))).hexdigest()[:12]
    rules_path = cache / f"rules-{digest}.json"  # the rules' verdicts of this code
    rules = json.loads(rules_path.read_text()) if rules_path.exists() else {}
    sets = [(name, load_cases(path)) for name, path in rounds().items()]
    if extra:
        sets.append(("r18", [c for p, lab in extra for c in load_cases(p, lab)]))
    out = []
    for name, cases in sets:
        for c in cases:
            if LABEL not in c.labels:
                continue
            key = hashlib.sha1(f"{c.kind}|{c.text}".encode()).hexdigest()
            vec_path = cache / f"{key}.npz"
            if key not in rules or not vec_path.exists():
                rec.seen.clear()
                s = analyze_structure(c.text, kind=c.kind, key_points=c.key_points, model=model,
                                      method="meaning")
                rules[key] = {"rules": s.metric_triad.business_outcome,
                              "evidence": list(s.metric_triad.evidence)}
                clauses = [t for _, _, t in clean_clauses(c.text.split())]
                heads = [cl.label or "" for cl in s.clauses]
                if len(heads) != len(clauses):
                    heads = [""] * len(clauses)
                vecs = np.stack([rec.seen[t] for t in clauses]) if clauses else np.zeros((0, 384))
                np.savez(vec_path, vecs=vecs, heads=np.array(heads, dtype=object),
                         clauses=np.array(clauses, dtype=object))
                if len(rules) % 50 == 0:
                    rules_path.write_text(json.dumps(rules))
            z = np.load(vec_path, allow_pickle=True)
            clauses = list(z["clauses"])
            heads = list(z["heads"])
            golds = [gold.get(" ".join(t.split())) for t in clauses]
            out.append({"round": name, "id": c.id, "want": c.labels[LABEL],
                        "rules": rules[key]["rules"], "evidence": rules[key]["evidence"],
                        "vecs": z["vecs"], "clauses": clauses, "heads": heads, "gold": golds})
    rules_path.write_text(json.dumps(rules))
    return [it for it in out if len(it["vecs"])]


def _answer_x(items: list[dict]) -> np.ndarray:
    return np.stack([np.concatenate([it["vecs"].mean(0), it["vecs"].max(0)]) for it in items])


def _fit(x: np.ndarray, y: np.ndarray):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=1.0, max_iter=3000, class_weight="balanced").fit(x, y)


def _result_rows(it: dict, train: bool) -> list[int]:
    """Indexes of the answer's Result clauses: in training a clause's hand label where its
    round has one for the same text, else (and at test time always) the head's."""
    return [i for i, (g, h) in enumerate(zip(it["gold"], it["heads"]))
            if (g if train and g is not None else h) == "result"]


def score(kind: str, train: list[dict], test: list[dict]) -> np.ndarray:
    """P(business outcome) of each test answer from a detector trained on `train`."""
    if kind == "answer":
        clf = _fit(_answer_x(train), np.array([it["want"] for it in train]))
        return clf.predict_proba(_answer_x(test))[:, 1]
    xs, ys = [], []
    for it in train:
        n = len(it["vecs"])
        rows = range(n) if kind == "clause" else _result_rows(it, True)
        for i in rows:
            xs.append(it["vecs"][i])
            ys.append(bool(it["want"]) and (kind == "result" or i >= n // 3))
    clf = _fit(np.stack(xs), np.array(ys))
    if kind == "clause":
        return np.array([clf.predict_proba(it["vecs"])[:, 1].max() for it in test])
    out = []
    for it in test:
        rows = _result_rows(it, False)
        out.append(clf.predict_proba(it["vecs"][rows])[:, 1].max() if rows else 0.0)
    return np.array(out)


def combine(how: str, rules: bool, p: float, hi: float, lo: float) -> bool:
    if how == "alone":
        return p >= 0.5
    if how == "or":
        return rules or p >= hi
    return True if p >= hi else False if p <= 1 - lo else rules  # flip


def inner_scores(kind: str, train: list[dict]) -> list[tuple[dict, float]]:
    """Each training answer with its score from a detector trained on the other training rounds."""
    inner = [r for r in dict.fromkeys(it["round"] for it in train) if r != "tuning"]
    scored = []
    for r in inner:
        tr = [it for it in train if it["round"] != r]
        te = [it for it in train if it["round"] == r]
        scored.extend(zip(te, score(kind, tr, te)))
    return scored


def _limits(how: str, scored: list[tuple[dict, float]]) -> tuple[float, float]:
    """(hi, lo) maximising inner leave-one-round-out accuracy on the training rounds."""
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
    ap.add_argument("--set", action="append", default=[], type=Path, metavar="ANSWERS")
    ap.add_argument("--labels", action="append", default=[], type=Path, metavar="LABELS")
    ap.add_argument("--clauses", action="append", default=[], type=Path,
                    help="clause labels of the --set answers")
    ap.add_argument("--errors", action="store_true", help="list the rules' errors")
    ap.add_argument("--kinds", default=",".join(KINDS), help="detectors to screen")
    args = ap.parse_args()
    if len(args.labels) != len(args.set):
        ap.error("give one --labels per --set")
    args.cache.mkdir(parents=True, exist_ok=True)
    items = _items(args.cache, list(zip(args.set, args.labels)), _gold_clauses(args.clauses))
    held = [r for r in dict.fromkeys(it["round"] for it in items) if r != "tuning"]
    kinds = args.kinds.split(",")
    variants = ["rules"] + [f"{k} {h}" for k in kinds for h in ("alone", "or", "flip")]
    table: dict[str, dict[str, int]] = {v: {} for v in variants}
    sizes = {}
    for r in held:
        train = [it for it in items if it["round"] != r]
        test = [it for it in items if it["round"] == r]
        sizes[r] = len(test)
        table["rules"][r] = sum(it["rules"] == it["want"] for it in test)
        if args.errors:
            for it in test:
                if it["rules"] != it["want"]:
                    print(f"{r} {it['id']} {'FP' if it['rules'] else 'FN'} "
                          f"evidence={it['evidence']}")
        for kind in kinds:
            p = score(kind, train, test)
            scored = inner_scores(kind, train)
            for how in ("alone", "or", "flip"):
                hi, lo = (0.5, 1.01) if how == "alone" else _limits(how, scored)
                table[f"{kind} {how}"][r] = sum(
                    combine(how, it["rules"], pi, hi, lo) == it["want"] for it, pi in zip(test, p))
                print(f"{r} {kind} {how}: limits {hi}/{lo}", file=sys.stderr, flush=True)
    print("| variant | " + " | ".join(f"{r} ({sizes[r]})" for r in held) + " | pooled |")
    print("|---|" + "---|" * (len(held) + 1))
    total = sum(sizes.values())
    for v in variants:
        right = sum(table[v].values())
        wins = sum(table[v][r] > table["rules"][r] for r in held)
        losses = sum(table[v][r] < table["rules"][r] for r in held)
        print(f"| {v} | " + " | ".join(str(table[v][r]) for r in held)
              + f" | {right}/{total} = {right / total:.3f} (+{wins}/−{losses} rounds) |")


if __name__ == "__main__":
    main()
