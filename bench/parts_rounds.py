"""Per-round STAR-L accuracy by meaning on the tuning rounds, with misses and false alarms.

Usage: python bench/parts_rounds.py [--round NAME ...] [--without-sure] [--json F.json]

Rounds: the hold-out `tests/data/structure_holdout.toml` and every `tests/data/structure_round_*/`
(M15 and M16 among them since session 17's fold) — all tuning; the frozen `structure_eval/` is never
read (`structure_accuracy.py` reads it, so it is not the tool for per-round tuning numbers). Each
answer is analysed by meaning with its question's kind and key points, as `structure_accuracy.py`'s
meaning column. --without-sure sets `structure.SURE_CLAUSE_PROBA` (and `SURE_TASK_PROBA`) above 1, so no clause overrules
the answer-level decision (the reading before session 17). Prints one row per round: per part
right/total (misses, false alarms).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from structure_accuracy import load_cases  # noqa: E402

from voice_coach.analysis import structure  # noqa: E402

DATA = ROOT / "tests/data"


def rounds() -> dict[str, tuple[Path, Path | None]]:
    """Round name → (answers file or folder, labels file or None)."""
    out: dict[str, tuple[Path, Path | None]] = {}
    for d in sorted(DATA.glob("structure_round_m*"), key=lambda d: -int(d.name.split("_m")[1])):
        out[d.name.removeprefix("structure_round_")] = (d, None)
    out["holdout"] = (DATA / "structure_holdout.toml", None)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--round", action="append", default=[], help="only these rounds (repeatable)")
    ap.add_argument("--without-sure", action="store_true",
                    help="no clause overrules the answer-level decision (before session 17)")
    ap.add_argument("--json", type=Path, help="write each answer's predictions and labels")
    args = ap.parse_args()
    from voice_coach.embedder import load_meaning_model

    if args.without_sure:
        structure.SURE_CLAUSE_PROBA = structure.SURE_TASK_PROBA = 1.01
    model = load_meaning_model()
    dump: dict[str, dict[str, dict[str, bool]]] = {}
    total = {p: [0, 0, 0, 0] for p in structure.STAR_PARTS}
    print("| round | answers | " + " | ".join(structure.STAR_PARTS) + " |")
    print("|---|---|" + "---|" * len(structure.STAR_PARTS))
    for name, (path, labels) in rounds().items():
        if args.round and name not in args.round:
            continue
        cases = load_cases(path, labels)
        tally = {p: [0, 0, 0, 0] for p in structure.STAR_PARTS}  # right, total, miss, false
        for c in cases:
            s = structure.analyze_structure(c.text, kind=c.kind, key_points=c.key_points,
                                            model=model, method="meaning")
            dump[f"{name}/{c.id}"] = {"pred": s.star_present, "labels": {
                p: c.labels[f"star.{p}"] for p in structure.STAR_PARTS if f"star.{p}" in c.labels}}
            for p in structure.STAR_PARTS:
                if f"star.{p}" not in c.labels:
                    continue
                want, got = c.labels[f"star.{p}"], s.star_present[p]
                for t in (tally[p], total[p]):
                    t[0] += want == got
                    t[1] += 1
                    t[2] += want and not got
                    t[3] += got and not want
        print(f"| {name} | {len(cases)} | " + " | ".join(
            f"{t[0]}/{t[1]} ({t[2]} / {t[3]})" for t in tally.values()) + " |", flush=True)
    print("| all | | " + " | ".join(f"{t[0]}/{t[1]} ({t[2]} / {t[3]})" for t in total.values())
          + " |")
    print("\ncells: right/total (misses / false alarms); by meaning; tuning data (M1–M14 and the "
          "hold-out are in the shipped heads' training: in-sample)")
    if args.json:
        args.json.write_text(json.dumps(dump, indent=1))


if __name__ == "__main__":
    main()
