"""Per-label accuracy of structure analysis on the labelled answer sets.

Usage: python bench/structure_accuracy.py [--details]

Prints a Markdown table (tuning set `tests/data/structure_cases.toml` and the hold-out set
`tests/data/structure_holdout.toml`, written after the rules were frozen) and, with
--details, every disagreement.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from voice_coach.analysis.structure import STAR_PARTS, analyze_structure  # noqa: E402

SETS = {"tuning": ROOT / "tests/data/structure_cases.toml",
        "holdout": ROOT / "tests/data/structure_holdout.toml"}
OPTIONAL = ("clarifying_question", "tradeoffs", "scale")


def load_cases(path: Path) -> list[dict[str, Any]]:
    with path.open("rb") as f:
        return tomllib.load(f)["case"]


def predictions(case: dict[str, Any]) -> dict[str, Any]:
    """Predicted label values, keyed like `expectations`."""
    s = analyze_structure(case["text"], kind=case.get("kind")).to_dict()
    out = {f"star.{p}": s["star"][p]["present"] for p in STAR_PARTS}
    out["metric_triad.complete"] = s["metric_triad"]["complete"]
    out["leadership_principles"] = sorted(s["leadership_principles"])
    out["clarifying_question"] = s["clarifying_question"]
    out["tradeoffs"] = s["tradeoffs"]
    out["scale"] = bool(s["scale_evidence"])
    return out


def expectations(case: dict[str, Any]) -> dict[str, Any]:
    lab = case["labels"]
    out = {f"star.{p}": lab["star"][p] for p in STAR_PARTS}
    out["metric_triad.complete"] = lab["metric_triad_complete"]
    out["leadership_principles"] = sorted(lab["leadership_principles"])
    for k in OPTIONAL:
        if k in lab:
            out[k] = lab[k]
    return out


def accuracy(cases: list[dict[str, Any]]) -> tuple[dict[str, tuple[int, int]], list[str]]:
    """{label: (right, total)} and a list of disagreements."""
    tally: dict[str, list[int]] = {}
    misses = []
    for case in cases:
        pred, want = predictions(case), expectations(case)
        for key, value in want.items():
            t = tally.setdefault(key, [0, 0])
            t[1] += 1
            if pred[key] == value:
                t[0] += 1
            else:
                misses.append(f"{case['id']}: {key} predicted {pred[key]!r}, labelled {value!r}")
    return {k: (v[0], v[1]) for k, v in tally.items()}, misses


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--details", action="store_true", help="list every disagreement")
    args = ap.parse_args()
    results = {}
    for name, path in SETS.items():
        if path.exists():
            results[name] = accuracy(load_cases(path))
    labels = list(dict.fromkeys(k for r, _ in results.values() for k in r))
    names = list(results)
    header = "| label | " + " | ".join(f"{n} ({len(load_cases(SETS[n]))} answers)" for n in names)
    print(header + " |")
    print("|---|" + "---|" * len(names))
    for label in labels:
        cells = []
        for n in names:
            right, total = results[n][0].get(label, (0, 0))
            cells.append(f"{right / total:.2f} ({right}/{total})" if total else "–")
        print(f"| {label} | " + " | ".join(cells) + " |")
    if args.details:
        for n in names:
            print(f"\n{n} disagreements:")
            for m in results[n][1]:
                print("  " + m)


if __name__ == "__main__":
    main()
