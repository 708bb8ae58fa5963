"""Label accuracy of the reconciled facts (what a report's JSON carries) against the raw
structure analysis, on the labelled structure sets (tuning, hold-out, frozen evaluation).

Each case is analysed with the meaning model (`analyze_structure`), then reconciled
(`analysis.facts.reconcile`) with the case's kind, and both are compared to the labels for the
metric triad slots and the Leadership Principles named.

    python bench/facts_accuracy.py            # prints a Markdown table
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.structure_accuracy import EVAL_DIR, SETS, TRIAD, load_cases  # noqa: E402
from voice_coach.analysis.facts import reconcile  # noqa: E402
from voice_coach.analysis.structure import Structure, analyze_structure  # noqa: E402

KEYS = [f"metric_triad.{k}" for k in TRIAD] + ["leadership_principles"]


def _value(s: Structure, key: str) -> Any:
    if key == "leadership_principles":
        return sorted(s.leadership_principles)
    return getattr(s.metric_triad, key.split(".")[1])


def main() -> None:
    from voice_coach.embedder import load_meaning_model

    model = load_meaning_model()
    sets = {name: load_cases(p) for name, p in SETS.items() if p.exists()}
    if EVAL_DIR.is_dir():
        sets["eval"] = load_cases(EVAL_DIR)
    print("| set | label | raw analysis | reconciled facts |\n|---|---|---|---|")
    for name, cases in sets.items():
        tally = {k: [0, 0, 0] for k in KEYS}
        for c in cases:
            s = analyze_structure(c.text, kind=c.kind, key_points=c.key_points, model=model)
            r = reconcile(s, kind=c.kind or s.kind)
            for k in KEYS:
                if k in c.labels:
                    tally[k][0] += _value(s, k) == c.labels[k]
                    tally[k][1] += _value(r, k) == c.labels[k]
                    tally[k][2] += 1
        for k, (raw, rec, n) in tally.items():
            if n:
                print(f"| {name} ({len(cases)}) | {k} | {raw / n:.3f} ({raw}/{n}) | "
                      f"{rec / n:.3f} ({rec}/{n}) |")


if __name__ == "__main__":
    main()
