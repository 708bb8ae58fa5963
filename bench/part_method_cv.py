"""Per STAR-L part: the learned reading, the rules, and their combinations, leave-one-round-out.

Usage: python bench/part_method_cv.py [--cache DIR] [--parts P,Q] [--insample DIR]

Tuning rounds only (the frozen evaluation sets are never read). Reads the fold heads' out-of-round
evidence of `bench/meaning_errors_cv.py`'s phase 1 (`--cache`; run that script once to build it):
for every held-out round, each answer's `structure.STAR_EVIDENCE` as the heads trained without the
round read it. Per held-out round and part, the answer-level decision (`embed.PartHead`) is
trained on the other rounds' evidence (`meaning_errors_cv.part_head`), then these readings are
scored against the labels:

- `limits`: the calibrated limits alone; `rules`: the cue lists alone (the evidence's `rules`);
- `meaning`: what the run time does — the decision keeps a part the limits or the rules found
  (a part only the rules found also needs a clause that may carry it; not modelled here, so
  this row can be a little above the run time);
- `meaning OR rules`, `meaning AND rules`;
- `meaning OR strong cue` (a strong cue in a clause that may carry the part);
- `nested choice`: per part and held-out round, the one of the readings above with the best
  mean accuracy on the *other* measured rounds (each of them held out in turn, so the choice is
  made on out-of-round readings only) — a per-part choice of method by CV.

`--insample DIR` (pickles `<fold>.pkl` with {"x": {key: evidence}} of *every* labelled answer as
that fold's heads read it, written by `--write-insample DIR FOLD ...`) trains the decision as
`scripts/train_meaning.fit_parts` does for the shipped model instead: on the other rounds as the
held-out round's own heads read them (heads that saw those rounds' clauses); only folds with such
a pickle are measured; with `DIR/shipped.pkl` (`--write-insample DIR shipped`: the shipped
heads read every round) that one serves every fold — the decision for a held-out round is then
trained on the other rounds only, as the shipped heads read them. Prints answers right per part and round, and per reading the number of
rounds on which it is at least as good as the better of `meaning` and `rules`.
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

from bench import meaning_errors_cv as mec  # noqa: E402

PARTS = mec.PARTS


def _head(xs: list[np.ndarray], ys: list[dict], rounds: list[str]):
    """`PartHead` trained on evidence rows `xs` with labels `ys`, rounds weighing the same."""
    from sklearn.linear_model import LogisticRegression

    import train_meaning as tm
    from voice_coach.analysis.embed import PartHead
    from voice_coach.analysis.structure import STAR_EVIDENCE

    x = np.stack(xs)
    w = mec.balanced(rounds)
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    weights, bias = np.zeros_like(mean), np.zeros(len(PARTS))
    for i, p in enumerate(PARTS):
        clf = LogisticRegression(C=tm.C_PARTS, max_iter=5000)
        clf.fit((x[:, i] - mean[i]) / scale[i], [y[p] for y in ys], sample_weight=w)
        weights[i], bias[i] = clf.coef_[0], clf.intercept_[0]
    return PartHead(STAR_EVIDENCE, weights, bias, mean, scale)


def readings(x: np.ndarray, head) -> dict[str, np.ndarray]:
    """Every reading of one answer (bool per part) from its evidence and a decision."""
    from voice_coach.analysis.structure import STAR_EVIDENCE

    col = STAR_EVIDENCE.index
    hyp = x[:, col("hypothetical_answer")] > 0
    cur, rules = x[:, col("current")] > 0, x[:, col("rules")] > 0
    strong = x[:, col("strong_cue")] > 0
    dec = (head.proba(x) >= 0.5) & ~hyp & (x[:, col("p_max")] > 0)
    m = dec & (cur | rules & ~hyp)
    return {"limits": cur, "rules": rules, "meaning": m, "meaning OR rules": m | rules,
            "meaning AND rules": m & rules, "meaning OR strong cue": m | strong & ~hyp}


CHOICES = ("meaning", "rules", "meaning OR rules", "meaning AND rules", "meaning OR strong cue")


def nested_choice(right: Counter, n: Counter, folds: list[str], part: str, f: str) -> str:
    """The reading (of `CHOICES`) with the best mean accuracy over the measured rounds but `f`."""
    def score(c: str) -> float:
        return float(np.mean([right[(c, part, g)] / n[(c, part, g)] for g in folds if g != f]))
    return max(CHOICES, key=lambda c: (score(c), c == "meaning"))


class ClauseOnlyEmbedder:
    """The real embedder through a per-text cache (`--emb-cache`, a pickle {text: vector}) whose
    span runs return the clause vectors only: STAR-L evidence reads no span (no key points are
    passed), so the evidence is exact and no text is embedded twice."""

    def __init__(self, cache: Path | None):
        from bench.meaning_cv import CachedEmbedder
        from voice_coach.embedder import OnnxEmbedder, model_files

        self._inner = CachedEmbedder(OnnxEmbedder(*model_files()))
        if cache is not None and cache.exists():
            self._inner._cache = pickle.load(cache.open("rb"))

    def embed(self, texts):
        return self._inner.embed(texts)

    def embed_spans(self, texts, windows):
        from voice_coach.analysis.embed import EMBEDDING_DIM, SpanEmbedding

        return SpanEmbedding(self.embed(texts), np.zeros((0, EMBEDDING_DIM), np.float32),
                             np.zeros(0, np.int64), np.zeros((0, 2), np.int64),
                             np.zeros(0, np.int64))


def write_insample(out: Path, cache: Path, folds: list[str], emb_cache: Path | None) -> None:
    """For each fold (or `shipped`: voice_coach/data/meaning.npz): every labelled answer's
    evidence as that fold's heads read it."""
    from voice_coach.analysis.embed import MeaningModel
    from voice_coach.analysis.structure import analyze_structure
    from voice_coach.embedder import load_meaning_model

    out.mkdir(parents=True, exist_ok=True)
    emb = ClauseOnlyEmbedder(emb_cache)
    for f in folds:
        if f == "shipped":
            m = load_meaning_model()
            star, kind = m.star, m.kind
        else:
            with (cache / f"{f}.pkl").open("rb") as fh:
                d = pickle.load(fh)
            star, kind = d["star"], d["kind"]
        model = MeaningModel(emb, star, kind)
        x = {(a.round, a.id): np.array(analyze_structure(
            a.text, kind=a.kind, model=model, method="meaning").star_evidence, np.float64)
            for a in mec.labelled()}
        with (out / f"{f}.pkl").open("wb") as fh:
            pickle.dump({"x": x}, fh)
        print("in-sample evidence of", f, file=sys.stderr, flush=True)


def runtime(cache: Path, insample: Path | None, folds: list[str], emb_cache: Path | None) -> None:
    """Answers right per part on held-out `folds` by the run time (`analyze_structure`) with the
    fold's heads and the decision trained on the other rounds — as the shipped heads read them
    (`insample/shipped.pkl`) or, without `insample`, on the cached folds' out-of-round
    evidence; rules only beside."""
    import voice_coach.analysis.structure as st
    from voice_coach.analysis.embed import MeaningModel

    if insample is not None:
        x = pickle.load((insample / "shipped.pkl").open("rb"))["x"]
    else:
        x = {k: v for p in sorted(cache.glob("*.pkl")) for k, v in pickle.load(p.open("rb"))["x"].items()}
    star = {(a.round, a.id): a.star for a in mec.labelled()}
    emb = ClauseOnlyEmbedder(emb_cache)
    total: Counter = Counter()
    for f in folds:
        with (cache / f"{f}.pkl").open("rb") as fh:
            d = pickle.load(fh)
        keys = [k for k in x if k[0].split(":")[0] != f]
        head = _head([x[k] for k in keys], [star[k] for k in keys], [k[0].split(":")[0] for k in keys])
        model = MeaningModel(emb, d["star"], d["kind"], parts=head)
        right: Counter = Counter()
        n = 0
        for a in mec.labelled():
            if mec.round_of(a) != f:
                continue
            n += 1
            for m in ("meaning", "rules"):
                got = st.analyze_structure(a.text, kind=a.kind, model=model if m == "meaning"
                                           else None, method=m).star_present
                for p in PARTS:
                    right[(m, p)] += got[p] == a.star[p]
        total.update({(f, *k): v for k, v in right.items()})
        print(f"{f} ({n}): " + "; ".join(
            f"{p} meaning {right[('meaning', p)]} rules {right[('rules', p)]}" for p in PARTS),
            flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", type=Path, default=Path("/tmp/meaning_errors_cv"))
    ap.add_argument("--parts", default=",".join(PARTS))
    ap.add_argument("--insample", type=Path, help="every answer's evidence per fold's heads")
    ap.add_argument("--same-rounds", action="store_true",
                    help="with --insample: train the decision on the cached folds' rounds only")
    ap.add_argument("--all-rounds", action="store_true",
                    help="with DIR/shipped.pkl: measure every round on the shipped heads' reading")
    ap.add_argument("--runtime", nargs="+", metavar="FOLD",
                    help="run-time answers right on these held-out folds (needs --insample)")
    ap.add_argument("--emb-cache", type=Path, help="pickle {text: vector} of clause vectors")
    ap.add_argument("--write-insample", nargs="+", metavar=("DIR", "FOLD"),
                    help="write the in-sample evidence of these folds' heads to DIR")
    args = ap.parse_args()
    if args.runtime:
        runtime(args.cache, args.insample, args.runtime, args.emb_cache)
        return
    if args.write_insample:
        write_insample(Path(args.write_insample[0]), args.cache, args.write_insample[1:],
                       args.emb_cache)
        return
    data = {p.stem: pickle.load(p.open("rb")) for p in sorted(args.cache.glob("*.pkl"))}
    star = {(a.round, a.id): a.star for a in mec.labelled()}
    ins = {}
    if args.insample:
        shipped = args.insample / "shipped.pkl"
        if shipped.exists():  # the shipped heads read every round (they saw all of them)
            x = pickle.load(shipped.open("rb"))["x"]
            ins = dict.fromkeys(data, x)
            if args.all_rounds:  # every round measured on the shipped heads' reading (they
                # saw its clauses: favours the learned reading), decision trained without it
                rounds = sorted({k[0].split(":")[0] for k in x})
                data = {r: {"x": {k: v for k, v in x.items() if k[0].split(":")[0] == r}}
                        for r in rounds}
                ins = dict.fromkeys(data, x)
        else:
            ins = {f: pickle.load((args.insample / f"{f}.pkl").open("rb"))["x"] for f in data
                   if (args.insample / f"{f}.pkl").exists()}
        folds = [f for f in data if f != "cases" and f in ins]
    else:
        folds = [f for f in data if f != "cases"]

    right: Counter = Counter()
    n: Counter = Counter()
    for f in folds:
        if args.insample:  # as the shipped build: other rounds as f's own heads read them
            keys = [k for k in ins[f] if k[0].split(":")[0] != f and (
                not args.same_rounds or k[0].split(":")[0] in data)]
            head = _head([ins[f][k] for k in keys], [star[k] for k in keys],
                         [k[0].split(":")[0] for k in keys])
        else:  # other rounds' out-of-round evidence
            keys = [(k, g) for g, d in data.items() if g != f for k in d["x"]]
            head = _head([data[g]["x"][k] for k, g in keys], [star[k] for k, _ in keys],
                         [g for _, g in keys])
        for k, x in data[f]["x"].items():
            for name, g in readings(x, head).items():
                for i, p in enumerate(PARTS):
                    right[(name, p, f)] += g[i] == star[k][p]
                    n[(name, p, f)] += 1
    for p in PARTS:  # per part, the method chosen on the other rounds
        for f in folds:
            c = nested_choice(right, n, folds, p, f)
            right[("nested choice", p, f)] = right[(c, p, f)]
            n[("nested choice", p, f)] = n[(c, p, f)]
            print(f"{f} {p}: nested choice {c}", file=sys.stderr)
    names = list(dict.fromkeys(name for name, _, _ in right))
    print("| part | reading | pooled | rounds ≥ max(meaning, rules) | "
          + " | ".join(f.replace("structure_round_", "") for f in folds) + " |")
    print("|---|---|---|---|" + "---|" * len(folds))
    for p in args.parts.split(","):
        for name in names:
            r = sum(right[(name, p, f)] for f in folds)
            t = sum(n[(name, p, f)] for f in folds)
            ok = sum(right[(name, p, f)] >= max(right[("meaning", p, f)], right[("rules", p, f)])
                     for f in folds)
            print(f"| {p} | {name} | {r}/{t} ({r / t:.3f}) | {ok}/{len(folds)} | "
                  + " | ".join(str(right[(name, p, f)]) for f in folds) + " |")


if __name__ == "__main__":
    main()
