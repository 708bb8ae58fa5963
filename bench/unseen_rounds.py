"""Every label of chosen tuning rounds, read by heads that did not see them, rules only beside.

Usage: python bench/unseen_rounds.py run OUT.json [--round NAME ...] [--fold NAME] [--cache DIR]
       python bench/unseen_rounds.py compare BEFORE.json AFTER.json [--list]

Tuning rounds only (`tests/data/structure_round_*`; the frozen evaluation sets are never read).
`run` reads each round's answers with the clause and kind heads and calibrated limits of a
leave-one-round-out fold of `bench/meaning_errors_cv.py` (its phase 1, cached in `--cache`, built
when missing) and the answer-level part decision trained on the other folds' out-of-round
evidence, as that bench's phase 2 does; by default the fold of the round itself, `--fold` one fold
for every round (session 10 used the M8 fold built before M9 existed, so M8 and M9 were both
unseen by it). For each answer it writes the STAR-L parts and the metric triad by meaning and by
rules only, the triad evidence and the clause labels. `compare` prints right answers per round
and label, before and after side by side, and (`--list`) every answer whose label by meaning
changed, fixed or broken. Phase 1 is slow (minutes per fold on 2 shared cores); a run over two
rounds of 84 answers ≈ 20 min on a loaded machine.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "bench"))

KEYS = ("star.situation", "star.task", "star.action", "star.result", "star.learning",
        "metric_triad.baseline", "metric_triad.after", "metric_triad.business_outcome",
        "metric_triad.complete")
METHODS = ("meaning", "rules")


def run(out: Path, rounds: list[str], fold: str | None, cache: Path) -> None:
    import bench.meaning_errors_cv as mec
    from structure_accuracy import TRIAD, load_cases

    from bench.meaning_stack_cv import SpanCache
    from voice_coach.analysis.embed import MeaningModel
    from voice_coach.analysis.structure import STAR_PARTS, analyze_structure
    from voice_coach.embedder import OnnxEmbedder, model_files

    cache.mkdir(parents=True, exist_ok=True)
    rows = {}
    for r in rounds:
        f = fold or r
        mec.phase1(f, cache)
        data = {p.stem: pickle.load(p.open("rb")) for p in sorted(cache.glob("*.pkl"))
                if p.stem == f or p.stem not in rounds}  # no held-out round in the part head
        model = MeaningModel(SpanCache(OnnxEmbedder(*model_files())), data[f]["star"],
                             data[f]["kind"], parts=mec.part_head(data, f))
        for case in load_cases(ROOT / "tests/data" / r):
            row = {"labels": case.labels}
            for method in METHODS:
                s = analyze_structure(case.text, kind=case.kind, key_points=case.key_points,
                                      model=model if method == "meaning" else None, method=method)
                pred = {f"star.{p}": s.star_present[p] for p in STAR_PARTS}
                pred.update({f"metric_triad.{k}": getattr(s.metric_triad, k) for k in TRIAD})
                pred["evidence"] = list(s.metric_triad.evidence)
                pred["clauses"] = [(c.label, c.text) for c in s.clauses]
                row[method] = pred
            rows[f"{r}/{case.id}"] = row
    out.write_text(json.dumps(rows, indent=0))


def compare(before: Path, after: Path, listing: bool) -> None:
    a, b = json.loads(before.read_text()), json.loads(after.read_text())
    tally: Counter = Counter()
    rounds = list(dict.fromkeys(k.split("/")[0] for k in a))
    for name, d in (("before", a), ("after", b)):
        for k, row in d.items():
            for key in KEYS:
                if key in row["labels"]:
                    for m in METHODS:
                        tally[(name, k.split("/")[0], key, m)] += row[m][key] == row["labels"][key]
                    tally[("n", k.split("/")[0], key, "")] += name == "before"
    print("| label | method | " + " | ".join(f"{r.removeprefix('structure_round_')} before → after"
                                             for r in rounds) + " |")
    print("|---|---|" + "---|" * len(rounds))
    for key in KEYS:
        for m in METHODS:
            cells = [f"{tally[('before', r, key, m)]} → {tally[('after', r, key, m)]} "
                     f"of {tally[('n', r, key, '')]}" for r in rounds]
            print(f"| {key} | {m} | " + " | ".join(cells) + " |")
    if listing:
        for k, row in a.items():
            for key in KEYS:
                if key in row["labels"] and row["meaning"][key] != b[k]["meaning"][key]:
                    fixed = b[k]["meaning"][key] == row["labels"][key]
                    print(f"{'fixed' if fixed else 'broken'} {k} {key} {b[k]['meaning']['evidence']}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run")
    r.add_argument("out", type=Path)
    r.add_argument("--round", action="append",
                   help="round folder name (default: structure_round_m8 and _m9)")
    r.add_argument("--fold", help="read every round with this fold's heads")
    r.add_argument("--cache", type=Path, default=Path("/tmp/meaning_errors_cv"))
    c = sub.add_parser("compare")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    c.add_argument("--list", action="store_true")
    args = ap.parse_args()
    if args.cmd == "run":
        run(args.out, args.round or ["structure_round_m8", "structure_round_m9"], args.fold,
            args.cache)
    else:
        compare(args.before, args.after, args.list)


if __name__ == "__main__":
    main()
