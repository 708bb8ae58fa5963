"""Per-label accuracy of the reconciled facts (STAR-L parts, metric triad, scale) on the tuning
data only, for a before/after comparison of two checkouts.

Reads the tuning cases, the hold-out and every `tests/data/structure_round_*` /
`triad_round_*` folder (never a frozen evaluation set) of the checkout CODE_ROOT, analyses each
answer with that checkout's code and meaning model (`analyze_structure`, method "meaning"), settles
it as the report does (`facts.reconcile` with the case's kind) and compares with the labels.
Writes every answer's values and triad evidence to OUT.json (to diff two runs) and prints a
Markdown table.

    python bench/facts_tuning.py CODE_ROOT OUT.json   # e.g. a `git archive` of main, then .
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def tuning_rounds(code: Path) -> dict[str, Path]:
    """The tuning sets of the checkout `code` by name: the cases, the hold-out and every
    `structure_round_*` / `triad_round_*` folder (never a frozen evaluation set)."""
    from structure_accuracy import SETS

    rounds = dict(SETS)
    for pattern in ("structure_round_*", "triad_round_*"):
        for p in sorted((code / "tests/data").glob(pattern)):
            if not p.name.endswith("_eval"):
                rounds[p.name] = p
    return rounds


def main(argv: list[str]) -> None:
    code, out_path = Path(argv[0]).resolve(), Path(argv[1])
    sys.path[:0] = [str(code), str(code / "bench")]
    from structure_accuracy import load_cases

    from voice_coach.analysis.facts import reconcile
    from voice_coach.analysis.structure import analyze_structure
    from voice_coach.embedder import load_meaning_model

    rounds = tuning_rounds(code)
    model = load_meaning_model()
    out = {}
    for name, path in rounds.items():
        for c in load_cases(path):
            s = analyze_structure(c.text, kind=c.kind, key_points=c.key_points, model=model,
                                  method="meaning")
            r = reconcile(s, kind=c.kind or s.kind)
            got = {f"star.{p}": bool(v) for p, v in r.star_present.items()}
            got |= {f"metric_triad.{k}": bool(getattr(r.metric_triad, k))
                    for k in ("baseline", "after", "business_outcome", "complete")}
            got["scale"] = bool(r.scale_evidence)
            out[f"{name}/{c.id}"] = {"got": got,
                                     "want": {k: v for k, v in c.labels.items() if k in got},
                                     "evidence": list(r.metric_triad.evidence),
                                     "scale_evidence": list(r.scale_evidence)}
    out_path.write_text(json.dumps(out, indent=1))
    tally: dict[str, list[int]] = {}
    for v in out.values():
        for k, w in v["want"].items():
            t = tally.setdefault(k, [0, 0])
            t[0] += v["got"][k] == w
            t[1] += 1
    print("| label | right | share |\n|---|---|---|")
    for k, (right, n) in sorted(tally.items()):
        print(f"| {k} | {right}/{n} | {right / n:.3f} |")


if __name__ == "__main__":
    main(sys.argv[1:])
