"""How often a content key point is judged as a careful interviewer marks it.

Usage: python bench/key_points_accuracy.py [--details]

Reads tests/data/key_points_tuning.toml (answers with their question and every content key
point labelled covered or missed). Prints a Markdown table: accuracy, false credits (covered,
labelled missed) and misses, for the words-only rule (`key_point_coverage`) beside the verdict
the report shows (`analyze_structure` with the embedding model, then `facts.reconcile`, which
judges a key point that restates a fact from that fact). --details lists every disagreement.
The frozen evaluation set is never read.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from voice_coach.analysis.facts import reconcile  # noqa: E402
from voice_coach.analysis.structure import (  # noqa: E402
    _norm, analyze_structure, key_point_coverage,
)
from voice_coach.embedder import load_meaning_model  # noqa: E402
from voice_coach.questions import load_bank  # noqa: E402

TUNING = ROOT / "tests/data/key_points_tuning.toml"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--details", action="store_true", help="list every disagreement")
    args = ap.parse_args(argv)
    bank = load_bank()
    model = load_meaning_model()
    if model is None:
        print("the embedding model is not installed; nothing to measure")
        return 1
    answers = tomllib.loads(TUNING.read_text())["answer"]
    tally = {m: {"ok": 0, "false_credit": 0, "miss": 0} for m in ("words", "meaning")}
    wrong: list[str] = []
    for a in answers:
        q = bank.get(a["question"])
        labelled = {kp: True for kp in a["covered"]} | {kp: False for kp in a["missed"]}
        points = [kp for kp in q.key_points if kp in labelled]
        s = reconcile(analyze_structure(a["text"], kind=q.kind, key_points=points, model=model),
                      kind=q.kind, category=q.category)
        words, _ = key_point_coverage(_norm(a["text"]), points)
        for method, covered in (("words", set(words)), ("meaning", set(s.key_points.covered))):
            for kp in points:
                got, want = kp in covered, labelled[kp]
                key = "ok" if got == want else ("false_credit" if got else "miss")
                tally[method][key] += 1
                if method == "meaning" and got != want:
                    wrong.append(f"{a['id']}: {key} {kp!r}")
    n = sum(tally["words"].values())
    print(f"Key points of {len(answers)} tuning answers ({n} labelled key points)\n")
    print("| method | accuracy | false credits | misses |")
    print("|---|---|---|---|")
    for method, t in tally.items():
        print(f"| {method} | {t['ok'] / n:.3f} ({t['ok']}/{n}) | {t['false_credit']} | "
              f"{t['miss']} |")
    if args.details:
        print()
        print("\n".join(wrong))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
