"""The answer-level STAR-L decision screened leave-one-round-out, from saved fold heads' evidence.

Usage: python bench/decision_cv.py DIR [--c C ...] [--parts P,Q] [--weights] [--errors]

Tuning rounds only (the frozen evaluation sets are never read). DIR holds one pickle per held-out
round written by `bench/meaning_cv.py --by-round --save-folds DIR`: the fold's heads (trained
without the round), the evidence (`structure.STAR_EVIDENCE`) of the fold's training answers as
its decision was trained on it (`x_used`: cross-fitted, or in-sample with --cross-fit 0), the
same answers read by the fold's own heads (`x_insample`), and the held-out answers read by the
fold's heads (`x_test`). Per held-out round the decision (`train_meaning.fit_parts`, every
persona weighing the same) is trained on

- `in-sample`: the fold heads' own reading of their training answers (the build before session 11);
- `cross-fit`: the cross-fitted reading (`x_used`; the build since session 11);
- `out-of-round`: the other rounds' held-out readings (`x_test` of the other pickles: each answer
  read by heads trained without its round — the cross-fit with one group per round);

at each C in `--c`, and scored on the held-out answers as the run time keeps a part (the
decision's yes and the limits' or the rules' find; the carrying clause is not modelled, so a
row can be a little above the run time, `bench/meaning_cv.py` has the run-time numbers).
Prints answers right per part and round with limits and rules only beside; `--weights` the
standardised weights per part of each training (mean over folds); `--errors` Task-style error
causes per part: dropped (the limits or rules found it, the decision said no), kept wrong (the
decision said yes to a find that is wrong), unfound (neither found it).
"""

from __future__ import annotations

import argparse
import pickle
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import train_meaning as tm  # noqa: E402

PARTS = tm.STAR_PARTS


def fit(x: np.ndarray, keys: list[tuple[str, str]], star: dict, c: float):
    """`train_meaning.fit_parts` at regularisation `c` on rows `x` of answers `keys`."""
    from sklearn.linear_model import LogisticRegression

    from voice_coach.analysis.embed import PartHead
    from voice_coach.analysis.structure import STAR_EVIDENCE

    rounds = [k[0] for k in keys]
    count = Counter(rounds)
    w = np.array([1.0 / count[r] for r in rounds])
    w *= len(rounds) / w.sum()
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    weights, bias = np.zeros_like(mean), np.zeros(len(PARTS))
    for i, p in enumerate(PARTS):
        clf = LogisticRegression(C=c, max_iter=5000)
        clf.fit((x[:, i] - mean[i]) / scale[i], [star[k][p] for k in keys], sample_weight=w)
        weights[i], bias[i] = clf.coef_[0], clf.intercept_[0]
    return PartHead(STAR_EVIDENCE, weights, bias, mean, scale)


def kept(x: np.ndarray, head) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(run-time verdict, found by the limits or rules, decision yes) per part of one answer."""
    from voice_coach.analysis.structure import STAR_EVIDENCE

    col = STAR_EVIDENCE.index
    hyp = x[:, col("hypothetical_answer")] > 0
    found = (x[:, col("current")] > 0) | (x[:, col("rules")] > 0) & ~hyp
    yes = (head.proba(x) >= 0.5) & ~hyp & (x[:, col("p_max")] > 0)
    return yes & found, found, yes


def main() -> None:
    from voice_coach.analysis.structure import STAR_EVIDENCE

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", type=Path)
    ap.add_argument("--c", type=float, action="append", help="decision C (default tm.C_PARTS)")
    ap.add_argument("--parts", default=",".join(PARTS))
    ap.add_argument("--weights", action="store_true")
    ap.add_argument("--errors", action="store_true")
    args = ap.parse_args()
    cs = args.c or [tm.C_PARTS]
    data = {p.stem: pickle.load(p.open("rb")) for p in sorted(args.dir.glob("*.pkl"))}
    folds = list(data)
    star = {(a.round, a.id): a.star for a in tm.answers()
            if a.star is not None and len(a.star) == len(PARTS)}
    col = STAR_EVIDENCE.index
    right: Counter = Counter()
    n: Counter = Counter()
    errs: Counter = Counter()
    wsum: dict = {}
    for f, d in data.items():
        trainings = {"in-sample": (d["x_insample"], d["train_keys"])}
        if d["cross_fit"]:
            trainings["cross-fit"] = (d["x_used"], d["train_keys"])
        other = [(k, g) for g in folds if g != f for k in data[g]["test_keys"]]
        if other:
            trainings["out-of-round"] = (
                np.stack([data[g]["x_test"][data[g]["test_keys"].index(k)] for k, g in other]),
                [k for k, _ in other])
        for k, x in zip(d["test_keys"], d["x_test"]):
            for i, p in enumerate(PARTS):
                want = star[k][p]
                right[("limits", p, f)] += (x[i, col("current")] > 0) == want
                right[("rules", p, f)] += (x[i, col("rules")] > 0) == want
                n[("limits", p, f)] += 1
                n[("rules", p, f)] += 1
        for name, (x_tr, keys) in trainings.items():
            for c in cs:
                head = fit(np.asarray(x_tr, np.float64), keys, star, c)
                label = f"{name} C={c:g}"
                wsum.setdefault(label, []).append(head.weights)
                for k, x in zip(d["test_keys"], d["x_test"]):
                    got, found, yes = kept(np.asarray(x, np.float64), head)
                    for i, p in enumerate(PARTS):
                        want = star[k][p]
                        right[(label, p, f)] += got[i] == want
                        n[(label, p, f)] += 1
                        if got[i] != want:
                            cause = ("unfound" if not found[i] else "dropped") if want else \
                                "kept wrong"
                            errs[(label, p, cause)] += 1
    names = list(dict.fromkeys(k[0] for k in right))
    print("| part | reading | pooled | " + " | ".join(
        f.replace("structure_round_", "") for f in folds) + " |")
    print("|---|---|---|" + "---|" * len(folds))
    for p in args.parts.split(","):
        for name in names:
            r = sum(right[(name, p, f)] for f in folds)
            t = sum(n[(name, p, f)] for f in folds)
            print(f"| {p} | {name} | {r}/{t} ({r / t:.3f}) | "
                  + " | ".join(str(right[(name, p, f)]) for f in folds) + " |")
    if args.errors:
        print("\n| part | reading | dropped | kept wrong | unfound |\n|---|---|---|---|---|")
        for p in args.parts.split(","):
            for name in names[2:]:
                print(f"| {p} | {name} | " + " | ".join(
                    str(errs[(name, p, c)]) for c in ("dropped", "kept wrong", "unfound")) + " |")
    if args.weights:
        for p in args.parts.split(","):
            i = PARTS.index(p)
            print(f"\n{p}: mean standardised weight over folds")
            print("| feature | " + " | ".join(wsum) + " |")
            print("|---|" + "---|" * len(wsum))
            for j, feat in enumerate(STAR_EVIDENCE):
                print(f"| {feat} | " + " | ".join(
                    f"{np.mean([w[i, j] for w in ws]):+.2f}" for ws in wsum.values()) + " |")


if __name__ == "__main__":
    main()
