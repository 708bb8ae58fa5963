"""Task / Situation errors by cause, and answer-level decisions, leave-one-round-out.

Usage: python bench/meaning_errors_cv.py [--cache DIR] [--jobs N] [--parts P,Q] [--list]

Tuning rounds only (tests/data/structure_round_m1 … m9, the hold-out, the project's own answers as
one more fold; the frozen evaluation sets are never read). Phase 1 (slow, cached per fold in
`--cache`): for each round the clause and kind heads and the limits are trained without it
(as `scripts/train_meaning.build`), and its answers are read once by them (out-of-round
evidence, the limits' verdicts, clause probabilities). Phase 2: the answer-level decision per part
(`embed.PartHead`) is trained on the other rounds' out-of-round evidence, and each held-out
answer is analysed by the run time (`analyze_structure`, the code as it is) with that decision.
Prints (1) answers right per part and round: limits, rules only, the drop-only decision of
session 7 (from the evidence) and the run time now; (2) every error of the run time on `--parts`
(Task and Situation unless told) by cause (`--list`: each one), using the labellers' clause labels (an answer has a part exactly when one of its
labelled clauses has it).
"""

from __future__ import annotations

import argparse
import pickle
import re
import sys
import tomllib
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import train_meaning as tm  # noqa: E402
from bench.meaning_stack_cv import SpanCache, balanced  # noqa: E402

PARTS = tm.STAR_PARTS
FIRST_I = re.compile(r"\b(?:i|i'm|my|me|i'd|i've|myself|mine)\b")
WE = re.compile(r"\b(?:we|our|us|we're|we'd)\b")


def round_of(a: tm.Answer) -> str:
    return a.round.split(":")[0]


def labelled() -> list[tm.Answer]:
    return [a for a in tm.answers() if a.star is not None and len(a.star) == len(PARTS)]


def phase1(fold: str, cache: Path) -> str:
    """Heads without `fold`, its answers read once; pickled to cache/<fold>.pkl."""
    from voice_coach.analysis.embed import LinearHead, MeaningModel
    from voice_coach.analysis.structure import analyze_structure, clean_clauses
    from voice_coach.embedder import OnnxEmbedder, model_files

    path = cache / f"{fold}.pkl"
    if path.exists():
        return fold
    emb = SpanCache(OnnxEmbedder(*model_files()))
    items = tm.answers()
    train = [a for a in items if round_of(a) != fold]
    texts, labels = tm.hand_clauses(frozenset(a.id for a in items if round_of(a) == fold))
    wt, wl = tm.weak_clauses(train)
    star = tm.fit(emb.embed(texts + wt), labels + wl, tm.C_CLAUSE)
    kind = tm.fit(np.stack([tm.answer_vector(emb, a.text) for a in train]),
                  [a.kind for a in train], tm.C_KIND)
    star = LinearHead(star.labels, star.weights, star.bias, *tm.calibrate(emb, star, train))
    model = MeaningModel(emb, star, kind)
    out = {"star": star, "kind": kind, "current": {}, "x": {}, "texts": {}, "proba": {}}
    for a in labelled():
        if round_of(a) != fold:
            continue
        s = analyze_structure(a.text, kind=a.kind, model=model, method="meaning")
        key = (a.round, a.id)
        out["current"][key] = dict(s.star_present)
        out["x"][key] = np.array(s.star_evidence, np.float64)
        ts = [c for _, _, c in clean_clauses(a.text.split())]
        out["texts"][key] = ts
        out["proba"][key] = star.proba(emb.embed(ts)) if ts else np.zeros((0, len(star.labels)))
    with path.open("wb") as f:
        pickle.dump(out, f)
    return fold


def part_head(data: dict, fold: str):
    """The answer-level decision trained on the other folds' out-of-round evidence, as
    `train_meaning.fit_parts` trains it (every round weighing the same, C = tm.C_PARTS)."""
    from sklearn.linear_model import LogisticRegression

    from voice_coach.analysis.embed import PartHead
    from voice_coach.analysis.structure import STAR_EVIDENCE

    keys = [(k, f) for f, d in data.items() if f != fold for k in d["x"]]
    x = np.stack([data[f]["x"][k] for k, f in keys])
    w = balanced([f for _, f in keys])
    star = {(a.round, a.id): a.star for a in labelled()}
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    weights, bias = np.zeros_like(mean), np.zeros(len(PARTS))
    for i, p in enumerate(PARTS):
        clf = LogisticRegression(C=tm.C_PARTS, max_iter=5000)
        clf.fit((x[:, i] - mean[i]) / scale[i], [star[k][p] for k, _ in keys], sample_weight=w)
        weights[i], bias[i] = clf.coef_[0], clf.intercept_[0]
    return PartHead(STAR_EVIDENCE, weights.astype(np.float32), bias.astype(np.float32),
                    mean.astype(np.float32), scale.astype(np.float32))


def phase2(fold: str, cache: Path) -> dict:
    """{key: {method: {part: bool}}} for the held-out answers of `fold`."""
    from voice_coach.analysis.embed import MeaningModel
    from voice_coach.analysis.structure import STAR_EVIDENCE, analyze_structure
    from voice_coach.embedder import OnnxEmbedder, model_files

    data = {p.stem: pickle.load(p.open("rb")) for p in sorted(cache.glob("*.pkl"))}
    head = part_head(data, fold)
    model = MeaningModel(SpanCache(OnnxEmbedder(*model_files())), data[fold]["star"],
                         data[fold]["kind"], parts=head)
    by_key = {(a.round, a.id): a for a in labelled()}
    hyp, pmax = STAR_EVIDENCE.index("hypothetical_answer"), STAR_EVIDENCE.index("p_max")
    out = {}
    for key, x in data[fold]["x"].items():
        a = by_key[key]
        keep = (head.proba(x) >= 0.5) & (x[:, hyp] == 0) & (x[:, pmax] > 0)
        cur = data[fold]["current"][key]
        out[key] = {
            "limits": cur,
            "rules only": analyze_structure(a.text, kind=a.kind, method="rules").star_present,
            "drop only (session 7)": {p: cur[p] and bool(keep[i]) for i, p in enumerate(PARTS)},
            "run time now": dict(analyze_structure(a.text, kind=a.kind, model=model,
                                                   method="meaning").star_present)}
    return out


def table(pred: dict, fold_of: dict, folds: list[str]) -> None:
    by_key = {(a.round, a.id): a for a in labelled()}
    methods = list(next(iter(pred.values())))
    base = "drop only (session 7)"
    print("| part | method | pooled | Δ vs session 7 | rounds better / worse | std of round Δ | "
          + " | ".join(f.replace("structure_round_", "") for f in folds) + " |")
    print("|---|---|---|---|---|---|" + "---|" * len(folds))
    for p in PARTS:
        for m in methods:
            right, ref, n = Counter(), Counter(), Counter()
            for k, v in pred.items():
                want = by_key[k].star[p]
                right[fold_of[k]] += v[m][p] == want
                ref[fold_of[k]] += v[base][p] == want
                n[fold_of[k]] += 1
            d = [right[f] - ref[f] for f in folds]
            r, t = sum(right[f] for f in folds), sum(n[f] for f in folds)
            print(f"| {p} | {m} | {r / t:.3f} ({r}/{t}) | {sum(d):+d} | {sum(x > 0 for x in d)} / "
                  f"{sum(x < 0 for x in d)} | {np.std(d):.2f} | "
                  + " | ".join(str(right[f]) for f in folds) + " |")


def causes(pred: dict, fold_of: dict, data: dict, method: str,
           parts: tuple[str, ...] = ("task", "situation"), listing: bool = False) -> None:
    """Every error of `method` on `parts` by cause, with the labellers' clause labels;
    `listing` also prints each error (round, id, cause, the clauses labelled with the part)."""
    from voice_coach.analysis.structure import STRONG, _norm, label_clause

    clause_labels = defaultdict(list)
    for d in tm.round_dirs():
        path = d / "clauses.toml"
        if path.exists():
            with path.open("rb") as f:
                for c in tomllib.load(f)["clause"]:
                    clause_labels[(d.name, c["answer"])].append((c["label"], c["text"]))
    by_key = {(a.round, a.id): a for a in labelled()}

    def words(t: str) -> set[str]:
        return set(re.findall(r"[a-z']+", t.lower()))

    def voice(t: str) -> str:
        return "I" if FIRST_I.search(t.lower()) else "we" if WE.search(t.lower()) else "neither"

    for part in parts:
        tab, said = Counter(), Counter()
        for k, v in pred.items():
            f = fold_of[k]
            a, got, want = by_key[k], v[method][part], by_key[k].star[part]
            if f == "cases" or got == want:
                continue
            star, proba, texts = data[f]["star"], data[f]["proba"][k], data[f]["texts"][k]
            j = star.labels.index(part)
            labs = clause_labels.get((f, a.id))
            rules_right = v["rules only"][part] == want
            if want:
                if a.kind != "behavioral":
                    cause = f"miss: a {a.kind} answer that tells a project"
                elif v["limits"][part]:
                    cause = "miss: the limits found it, the learned decision dropped it"
                elif labs is None:
                    cause = "miss: (no clause labels)"
                else:
                    told = [t for lab, t in labs if lab == part]
                    pr = star.proba(np.stack([_embed(t) for t in told]))
                    b = int(pr[:, j].argmax())
                    top = star.labels[int(pr[b].argmax())]
                    cause = (f"miss: its clause read as {part} but under the limit"
                             if top == part else f"miss: its clause read as {top}")
                    said[(cause, voice(told[b]))] += 1
            else:
                b = int(proba[:, j].argmax())
                lab = "(no clause labels)" if labs is None else max(
                    labs, key=lambda lt: len(words(texts[b]) & words(lt[1])))[0]
                cue = " (a strong cue)" if label_clause(_norm(texts[b]))[part] >= STRONG else ""
                where = "" if a.kind == "behavioral" else f", {a.kind} answer"
                cause = f"false alarm: from a clause labelled {lab}{cue}{where}"
                said[(cause, voice(texts[b]))] += 1
            tab[(cause, rules_right)] += 1
            if listing:
                told = [t for lab, t in labs or () if lab == part]
                print(f"  {f} {a.id} {part} {cause} (rules {'right' if rules_right else 'wrong'})"
                      f" | {' / '.join(told) if want else texts[int(proba[:, j].argmax())]}")
        print(f"\n### {part}: errors of '{method}' by cause (tuning rounds, out-of-round heads)\n")
        print("| cause | answers | rules right there | the clause says I / we / neither |")
        print("|---|---|---|---|")
        for cause in sorted({c for c, _ in tab}, key=lambda c: -(tab[(c, True)] + tab[(c, False)])):
            v = ", ".join(str(said[(cause, w)]) for w in ("I", "we", "neither"))
            print(f"| {cause} | {tab[(cause, True)] + tab[(cause, False)]} | {tab[(cause, True)]} | "
                  f"{v if any(said[(cause, w)] for w in ('I', 'we', 'neither')) else '–'} |")


_EMB = None


def _embed(text: str) -> np.ndarray:
    global _EMB
    from voice_coach.analysis.structure import clean_clauses
    from voice_coach.embedder import OnnxEmbedder, model_files

    if _EMB is None:
        _EMB = OnnxEmbedder(*model_files())
    return _EMB.embed([" ".join(c for _, _, c in clean_clauses(text.split())) or text])[0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", type=Path, default=Path("/tmp/meaning_errors_cv"))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--parts", default="task,situation",
                    help="the parts whose errors are listed by cause (comma-separated)")
    ap.add_argument("--list", action="store_true", help="also print every error of the run time")
    args = ap.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    folds = list(dict.fromkeys(round_of(a) for a in labelled()))
    with ProcessPoolExecutor(args.jobs) as ex:
        list(ex.map(phase1, folds, [args.cache] * len(folds)))
        measured = [f for f in folds if f != "cases"]
        pred = {}
        for part in ex.map(phase2, measured, [args.cache] * len(measured)):
            pred.update(part)
    data = {p.stem: pickle.load(p.open("rb")) for p in sorted(args.cache.glob("*.pkl"))}
    fold_of = {k: f for f, d in data.items() for k in d["x"]}
    print(f"\n### answers right, leave-one-round-out ({len(pred)} answers, {len(measured)} rounds)\n")
    table(pred, fold_of, measured)
    for method in ("drop only (session 7)", "run time now"):
        causes(pred, fold_of, data, method, tuple(args.parts.split(",")),
               args.list and method == "run time now")


if __name__ == "__main__":
    main()
