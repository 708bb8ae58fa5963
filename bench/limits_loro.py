"""Leave-one-round-out of the calibrated limits alone, on the cross-fitted reading.

Usage: python bench/limits_loro.py CALIBRATION.pkl --limits NAME=NPZ [...] [--rounds PREFIX ...]

CALIBRATION.pkl is `scripts/train_meaning.py --calibration-out`: every labelled tuning answer
read by clause heads trained without its group of rounds. For each round (its personas together)
the limits are chosen (`train_meaning.choose_limits`) on the reading of every other round and
scored on this round's, beside the fixed limits of each `--limits` build (the shipped ones, those
chosen in-sample); per STAR part the answers whose limits' verdict matches the label, and the
answers gained / lost against the first `--limits`. This scores the limits' verdict (the
`current` evidence), not the answer-level decision that reads it. `--rounds` restricts the rounds
scored (e.g. the folded ones: structure_round_m17 … m20). Session 23 (docs/structure.md).
"""

from __future__ import annotations

import argparse
import pickle
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import train_meaning as tm  # noqa: E402


def load(path: Path) -> tm.Calibration:
    main = sys.modules["__main__"]  # pickled by train_meaning run as a script
    main.Calibration, main.Answer = tm.Calibration, tm.Answer  # type: ignore[attr-defined]
    with path.open("rb") as f:
        return pickle.load(f)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("calibration", type=Path)
    ap.add_argument("--limits", action="append", default=[], metavar="NAME=NPZ")
    ap.add_argument("--rounds", nargs="*", default=[], metavar="PREFIX")
    args = ap.parse_args()
    cal = load(args.calibration)
    fixed = {}
    for spec in args.limits:
        name, path = spec.split("=", 1)
        with np.load(path) as d:
            assert tuple(str(s) for s in d["star_labels"]) == cal.labels
            fixed[name] = (d["star_min"], d["star_top_min"], d["star_cue_min"])
    rounds = sorted({a.round.split(":")[0] for a in cal.items})
    scored = [r for r in rounds if not args.rounds or any(r.startswith(p) for p in args.rounds)]
    names = list(fixed) + ["loro"]
    total = {n: {p: [0, 0] for p in tm.STAR_PARTS} for n in names}
    moves = {n: {p: [0, 0] for p in tm.STAR_PARTS} for n in names}
    for r in scored:
        own = [a.round.split(":")[0] == r for a in cal.items]
        held, rest = tm.subset(cal, own), tm.subset(cal, [not o for o in own])
        limits = dict(fixed, loro=tm.choose_limits(rest))
        want = {p: np.array([a.star[p] for a in held.items]) for p in tm.STAR_PARTS}
        right = {n: {p: v == want[p] for p, v in tm.limit_verdicts(held, *lim).items()}
                 for n, lim in limits.items()}
        first = right[names[0]]
        line = []
        for n in names:
            for p in tm.STAR_PARTS:
                total[n][p][0] += int(right[n][p].sum())
                total[n][p][1] += len(held.items)
                moves[n][p][0] += int((right[n][p] & ~first[p]).sum())
                moves[n][p][1] += int((~right[n][p] & first[p]).sum())
            line.append(f"{n} " + " ".join(f"{p[:3]} {int(right[n][p].sum())}"
                                          for p in tm.STAR_PARTS))
        lo = limits["loro"]
        chosen = ", ".join(f"{p[:3]} {lo[1][cal.labels.index(p)]:.2f}/{lo[0][cal.labels.index(p)]:.2f}"
                           f"/{lo[2][cal.labels.index(p)]:.2f}" for p in tm.STAR_PARTS)
        print(f"{r} ({len(held.items)}): " + "; ".join(line) + f"  [loro top/min/cue: {chosen}]")
    print(f"\n### limits' verdict, leave-one-round-out over {len(scored)} rounds\n")
    print("| part | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    for p in tm.STAR_PARTS:
        cells = []
        for n in names:
            ok, tot = total[n][p]
            cell = f"{ok / tot:.3f} ({ok}/{tot})"
            if n != names[0]:
                cell += f" +{moves[n][p][0]} −{moves[n][p][1]}"
            cells.append(cell)
        print(f"| {p} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
