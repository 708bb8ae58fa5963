"""Leave-one-round-out STAR-L accuracy of the code as it is, on cached fold heads.

Usage: python bench/meaning_reread_cv.py [--cache DIR] [--out DIR] [--tag TAG] [--jobs N]
       python bench/meaning_reread_cv.py --table TAG [TAG ...] [--out DIR]

Tuning rounds only (the frozen evaluation sets are never read). The fold heads (clause head, kind
head, calibrated limits, one per round, each trained without it) are `bench/meaning_errors_cv.py`'s
phase 1 (`--cache`, built by running that script once). This script re-reads every round's answers
with its fold heads and the code of this checkout (the answer-level evidence and the limits'
verdicts), refits the answer-level decision per fold on the other rounds' re-read evidence (as
`train_meaning.fit_parts`) and analyses every held-out answer with the run time: a code change that
does not touch the clause head is measured in minutes, not hours. The limits are not recalibrated.
Predictions go to OUT/pred_TAG.pkl; `--table` prints answers right per part and round, rules only
beside them.
"""

from __future__ import annotations

import argparse
import os
import pickle
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from bench import meaning_errors_cv as mec  # noqa: E402
from bench.meaning_stack_cv import SpanCache  # noqa: E402


def _embedder(out: Path, fold: str) -> SpanCache:
    """The real embedder with this fold's answers' model runs cached on disk."""
    from voice_coach.embedder import OnnxEmbedder, model_files

    emb = SpanCache(OnnxEmbedder(*model_files()))
    path = out / f"spans_{fold}.pkl"
    if path.exists():
        with path.open("rb") as f:
            emb._spans = pickle.load(f)
    return emb


def _save(emb: SpanCache, out: Path, fold: str) -> None:
    tmp = out / f"spans_{fold}.pkl.{os.getpid()}"
    with tmp.open("wb") as f:
        pickle.dump(emb._spans, f)
    os.replace(tmp, out / f"spans_{fold}.pkl")


def reread(args: tuple[Path, Path, str]) -> tuple[str, dict]:
    """{"current": limits' verdicts, "x": evidence} of one round's answers, read by its fold heads."""
    from voice_coach.analysis.embed import MeaningModel
    from voice_coach.analysis.structure import analyze_structure

    cache, out, fold = args
    with (cache / f"{fold}.pkl").open("rb") as f:
        d = pickle.load(f)
    emb = _embedder(out, fold)
    model = MeaningModel(emb, d["star"], d["kind"])
    got: dict = {"current": {}, "x": {}}
    for a in mec.labelled():
        if mec.round_of(a) == fold:
            s = analyze_structure(a.text, kind=a.kind, model=model, method="meaning")
            got["current"][(a.round, a.id)] = dict(s.star_present)
            got["x"][(a.round, a.id)] = np.array(s.star_evidence, np.float64)
    _save(emb, out, fold)
    return fold, got


def run(args: tuple[Path, Path, str, dict]) -> dict:
    """{key: {"run": parts, "rules": parts, "limits": parts}} of one held-out round."""
    from voice_coach.analysis.embed import MeaningModel
    from voice_coach.analysis.structure import analyze_structure

    cache, out, fold, rr = args
    with (cache / f"{fold}.pkl").open("rb") as f:
        d = pickle.load(f)
    emb = _embedder(out, fold)
    model = MeaningModel(emb, d["star"], d["kind"], parts=mec.part_head(rr, fold))
    by_key = {(a.round, a.id): a for a in mec.labelled()}
    got = {}
    for key in rr[fold]["x"]:
        a = by_key[key]
        got[key] = {"limits": rr[fold]["current"][key],
                    "rules": analyze_structure(a.text, kind=a.kind, method="rules").star_present,
                    "run": dict(analyze_structure(a.text, kind=a.kind, model=model,
                                                  method="meaning").star_present)}
    return got


def table(out: Path, tags: list[str]) -> None:
    star = {(a.round, a.id): a.star for a in mec.labelled()}
    preds = []
    for t in tags:
        with (out / f"pred_{t}.pkl").open("rb") as f:
            preds.append((t, pickle.load(f)))
    folds = sorted({k[0].split(":")[0] for k in preds[0][1]})
    print("| part | method | pooled | " + " | ".join(f.replace("structure_round_", "")
                                                   for f in folds) + " |")
    print("|---|---|---|" + "---|" * len(folds))
    for p in mec.PARTS:
        rows = [(f"rules only ({t})", pr, "rules") for t, pr in preds] + \
            [(t, pr, "run") for t, pr in preds]
        for name, pr, m in rows:
            right, n = Counter(), Counter()
            for k, v in pr.items():
                f = k[0].split(":")[0]
                right[f] += v[m][p] == star[k][p]
                n[f] += 1
            print(f"| {p} | {name} | {sum(right.values())}/{sum(n.values())} | "
                  + " | ".join(str(right[f]) for f in folds) + " |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", type=Path, default=Path("/tmp/meaning_errors_cv"),
                    help="fold heads from bench/meaning_errors_cv.py phase 1")
    ap.add_argument("--out", type=Path, default=Path("/tmp/meaning_reread_cv"))
    ap.add_argument("--tag", default="now", help="name of this code's predictions")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--table", nargs="+", metavar="TAG", help="print the table of these runs")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.table:
        table(args.out, args.table)
        return
    folds = sorted(p.stem for p in args.cache.glob("*.pkl"))
    with ProcessPoolExecutor(args.jobs) as ex:
        rr = dict(ex.map(reread, [(args.cache, args.out, f) for f in folds]))
        pred: dict = {}
        for part in ex.map(run, [(args.cache, args.out, f, rr) for f in folds if f != "cases"]):
            pred.update(part)
    with (args.out / f"pred_{args.tag}.pkl").open("wb") as f:
        pickle.dump(pred, f)
    table(args.out, [args.tag])


if __name__ == "__main__":
    main()
