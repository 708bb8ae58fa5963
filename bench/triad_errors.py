"""Metric-triad false positives and negatives per tuning round, as the bench and as the report read it.

Usage: python bench/triad_errors.py [--list [--view bench|report]] [--round NAME ...]
                                    [--set ANSWERS.toml --labels LABELS.toml ...] [--sets-only]

Reads only the tuning rounds (`tests/data/structure_round_*`, `tests/data/triad_round_*`, the tuning
cases and the hold-out);
never an evaluation set. For every answer the triad is read twice by meaning: as
`analyze_structure` gives it (what `bench/structure_accuracy.py` scores) and as the report shows it
(`facts.reconcile` with the question's kind). Prints one Markdown table of right answers per round
and label, pooled over all rounds; `--list` adds each false positive (FP) and negative (FN) with
the triad evidence, to find the mechanism that failed. `--set` adds an answers file with its labels
file (`--labels`, in the same order) as one more round, e.g. a spent unseen set measured before
it is tuned on; `--sets-only` reads only those.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from structure_accuracy import SETS, TRIAD, load_cases  # noqa: E402

from voice_coach.analysis.facts import reconcile  # noqa: E402
from voice_coach.analysis.structure import analyze_structure  # noqa: E402
from voice_coach.embedder import load_meaning_model  # noqa: E402

VIEWS = ("bench", "report")


def rounds() -> dict[str, Path]:
    """Tuning rounds by name; the frozen evaluation folders are never listed."""
    out = dict(SETS)
    for pattern in ("structure_round_*", "triad_round_*"):
        for p in sorted((ROOT / "tests/data").glob(pattern)):
            if not p.name.endswith("_eval"):
                out[p.name.removeprefix("structure_round_")] = p
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--list", action="store_true", help="list every false positive / negative")
    ap.add_argument("--round", action="append", default=[], help="only these rounds")
    ap.add_argument("--view", choices=VIEWS, default="report", help="the view --list lists")
    ap.add_argument("--set", action="append", default=[], type=Path, metavar="ANSWERS",
                    help="another answers TOML to read as a round; repeatable")
    ap.add_argument("--labels", action="append", default=[], type=Path, metavar="LABELS",
                    help="the labels TOML of each --set, in the same order")
    ap.add_argument("--sets-only", action="store_true", help="read only the --set files")
    args = ap.parse_args()
    if len(args.labels) != len(args.set):
        ap.error(f"give one --labels per --set ({len(args.set)} sets, {len(args.labels)} labels)")
    sets = {} if args.sets_only else {n: (p, None) for n, p in rounds().items()}
    sets.update({p.stem: (p, lab) for p, lab in zip(args.set, args.labels, strict=True)})
    model = load_meaning_model()
    pooled = {v: {k: [0, 0] for k in TRIAD} for v in VIEWS}
    rows = []
    for name, (path, labels) in sets.items():
        if args.round and name not in args.round:
            continue
        tally = {v: {k: [0, 0] for k in TRIAD} for v in VIEWS}
        for case in load_cases(path, labels):
            if not any(f"metric_triad.{k}" in case.labels for k in TRIAD):
                continue
            s = analyze_structure(case.text, kind=case.kind, key_points=case.key_points,
                                  model=model, method="meaning")
            seen = {"bench": s.metric_triad,
                    "report": reconcile(s, kind=case.kind or s.kind).metric_triad}
            for view, tri in seen.items():
                got = {"baseline": tri.baseline, "after": tri.after,
                       "business_outcome": tri.business_outcome, "complete": tri.complete}
                for k in TRIAD:
                    want = case.labels.get(f"metric_triad.{k}")
                    if want is None:
                        continue
                    tally[view][k][1] += 1
                    pooled[view][k][1] += 1
                    if got[k] == want:
                        tally[view][k][0] += 1
                        pooled[view][k][0] += 1
                    elif args.list and view == args.view and k != "complete":
                        print(f"{name} {case.id} {k} {'FP' if got[k] else 'FN'} "
                              f"evidence={list(tri.evidence)}")
        rows.append((name, tally))
    print("\n| round | view | " + " | ".join(TRIAD) + " |")
    print("|---|---|" + "---|" * len(TRIAD))
    for name, tally in [*rows, ("pooled", pooled)]:
        for view in VIEWS:
            cells = [f"{r}/{t}" for r, t in (tally[view][k] for k in TRIAD)]
            print(f"| {name} | {view} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
