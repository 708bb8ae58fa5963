"""How far two labellers of the same answers agree, beside how far the analysis agrees with each.

    python bench/label_agreement.py OUT.json LABELS_A.toml:LABELS_B.toml [...]

OUT.json is what `tests/data/spent_session26/tools/structacc.py` wrote for the same answers (its
`got` per answer id: the analysis's reading). Each pair is two independent label files of one
answers file (`labels_*.toml` format, LABELS.md definitions). Prints per label: the labellers'
agreement (a ceiling for any reader of these labels), the analysis against each labeller, and the
analysis on the answers both labellers agree on (the reliable subset), as a Markdown table.
"""

from __future__ import annotations

import json
import sys
import tomllib
from collections import defaultdict
from pathlib import Path

PARTS = ("situation", "task", "action", "result", "learning")
TRIAD = ("baseline", "after", "business_outcome", "complete")
KEYS = ("kind", "hypothetical", "principles", *(f"star.{p}" for p in PARTS),
        *(f"triad.{t}" for t in TRIAD))


def flat(label: dict) -> dict[str, object]:
    """One answer's labels keyed as structacc's `got` is."""
    out: dict[str, object] = {"kind": label["kind"], "hypothetical": label["hypothetical"],
                              "principles": sorted(label.get("leadership_principles", []))}
    out.update({f"star.{p}": label["star"][p] for p in PARTS})
    out.update({f"triad.{t}": label["metric_triad"][t] for t in TRIAD})
    return out


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    got = json.loads(Path(argv[0]).read_text())
    # per key: labellers agree, n, analysis = A, analysis = B, analysis right where they agree,
    # answers they agree on
    tally: dict[str, list[int]] = defaultdict(lambda: [0] * 6)
    for spec in argv[1:]:
        path_a, path_b = spec.split(":")
        a = tomllib.loads(Path(path_a).read_text())
        b = tomllib.loads(Path(path_b).read_text())
        for answer_id in a:
            la, lb, g = flat(a[answer_id]), flat(b[answer_id]), got[answer_id]["got"]
            for key in KEYS:
                t = tally[key]
                t[1] += 1
                t[0] += la[key] == lb[key]
                t[2] += g[key] == la[key]
                t[3] += g[key] == lb[key]
                if la[key] == lb[key]:
                    t[5] += 1
                    t[4] += g[key] == la[key]
    print("| label | labellers agree | analysis vs labeller A | analysis vs labeller B "
          "| analysis where they agree (answers) |")
    print("|---|---|---|---|---|")
    for key in KEYS:
        agree, n, vs_a, vs_b, right, agreed = tally[key]
        print(f"| {key} | {agree / n:.3f} | {vs_a / n:.3f} | {vs_b / n:.3f} "
              f"| {right / max(1, agreed):.3f} ({agreed}) |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
