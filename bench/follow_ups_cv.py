"""Leave-one-set-out numbers of the follow-up judge: each tuning set in turn is the held-out
set, reported per label (supplied / specific / switched_story) next to the pooled other sets.

Usage: python bench/follow_ups_cv.py [--sets DIR ...] [--code DIR]

The judge (`voice_coach.follow_ups`, its rubric file and `analysis.story_switch`) has no fitted
parameters: what is "tuned" is the rubric mechanisms, changed by reading disagreements on some
sets. So "tune on two, report on the third" means: a change is made looking at two sets only,
and this table's held-out row is the number that change earned on the set it never looked at.
Every set is run through the real pipeline by `bench/follow_ups_accuracy.py` (not-checked
replies count as ✗). Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import md_table  # noqa: E402
from bench.follow_ups_accuracy import LABELS, judge_items, load_set, scores  # noqa: E402

DATA = ROOT / "tests" / "data"
DEFAULT_SETS = tuple(DATA / n for n in ("follow_ups_tuning", "follow_ups_tuning_2",
                                        "follow_ups_tuning_3", "follow_ups_tuning_4",
                                        "follow_ups_tuning_5", "follow_ups_tuning_6",
                                        "follow_ups_tuning_7"))


def _cell(s: dict) -> str:
    acc, p = s["accuracy"], s["precision"]
    return f"{acc:.3f} (P {'–' if p is None else f'{p:.2f}'}, FP {s['fp']}, FN {s['fn']})"


def cv_table(sets: list[Path]) -> str:
    """One row per held-out set (and the pooled rest beside it), one column per label."""
    judged = {}
    for folder in sets:
        judged[folder.name] = judge_items(*load_set(folder))
    rows = []
    for name, held in judged.items():
        rest = [j for other, js in judged.items() if other != name for j in js]
        for group, js in (("held out", held), ("other sets", rest)):
            rows.append([name, group, len(js), *(_cell(scores(js, lab)) for lab in LABELS)])
    pooled = [j for js in judged.values() for j in js]
    rows.append(["all sets", "pooled", len(pooled), *(_cell(scores(pooled, lab)) for lab in LABELS)])
    return md_table(["set", "rows", "n", *LABELS], rows)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sets", type=Path, nargs="+", metavar="DIR",
                   help="set folders (default: the follow_ups_tuning sets present)")
    p.add_argument("--code", type=Path, metavar="DIR",
                   help="judge with the voice_coach package of this checkout")
    args = p.parse_args(argv)
    if args.code is not None:
        sys.path.insert(0, str(args.code.resolve()))
    sets = args.sets or [d for d in DEFAULT_SETS if (d / "items.toml").exists()]
    print(cv_table(sets))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
