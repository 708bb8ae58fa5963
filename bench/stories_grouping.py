"""Story grouping accuracy: pairwise "same story" precision and recall against ground truth.

    python bench/stories_grouping.py            # the two tuning sets, a sweep of the cut
    python bench/stories_grouping.py --frozen   # the frozen evaluation set, shipped defaults

The tuning sets (tests/data/stories_tuning.toml, stories_tuning_2.toml) are the only data the
features, weights and cuts were chosen on; the frozen set (tests/data/stories_eval/) was written
by another helper and is measured with the shipped defaults only.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from voice_coach.analysis.story_similarity import GroupingOptions, group_texts  # noqa: E402

TUNING = ROOT / "tests" / "data" / "stories_tuning.toml"
TUNING_2 = ROOT / "tests" / "data" / "stories_tuning_2.toml"  # written after the frozen run
FROZEN = ROOT / "tests" / "data" / "stories_eval"


Labelled = tuple[list[str], list[str], list[tuple[int, int]], list[str]]


def load_tuning(path: Path = TUNING) -> Labelled:
    """(texts, true story per telling, follow-up pairs, ids) of the tuning set."""
    rows = tomllib.loads(path.read_text(encoding="utf-8"))["telling"]
    ids = [r["id"] for r in rows]
    pairs = [(ids.index(r["follow_up_of"]), i) for i, r in enumerate(rows) if "follow_up_of" in r]
    return [r["text"] for r in rows], [r["story"] for r in rows], pairs, ids


def load_frozen(folder: Path = FROZEN) -> Labelled:
    rows = tomllib.loads((folder / "tellings.toml").read_text(encoding="utf-8"))["telling"]
    stories = tomllib.loads((folder / "groups.toml").read_text(encoding="utf-8"))["story"]
    truth = {t: s["id"] for s in stories for t in s["tellings"]}
    ids = [r["id"] for r in rows]
    return [r["text"] for r in rows], [truth[i] for i in ids], [], ids


def pairwise(pred: list[int], truth: list[str]) -> tuple[float, float, int, int, int]:
    """(precision, recall, true pairs found, predicted pairs, true pairs) of same-story pairs."""
    tp = fp = fn = 0
    for i, j in itertools.combinations(range(len(pred)), 2):
        same_p, same_t = pred[i] == pred[j], truth[i] == truth[j]
        tp += same_p and same_t
        fp += same_p and not same_t
        fn += same_t and not same_p
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, tp, tp + fp, tp + fn


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--frozen", action="store_true", help="measure the frozen set (defaults only)")
    args = ap.parse_args()
    opts = GroupingOptions()
    if args.frozen:
        texts, truth, pairs, _ = load_frozen()
        pred = group_texts(texts, together=pairs, options=opts)
        p, r, tp, npred, ntrue = pairwise(pred, truth)
        print("| set | tellings | stories | groups found | pair precision | pair recall |")
        print("|---|---|---|---|---|---|")
        print(f"| frozen | {len(texts)} | {len(set(truth))} | {len(set(pred))} | "
              f"{p:.3f} ({tp}/{npred}) | {r:.3f} ({tp}/{ntrue}) |")
        return 0
    sets = [("tuning 1", load_tuning(TUNING)), ("tuning 2", load_tuning(TUNING_2))]
    print("| min_similarity | " + " | ".join(f"{n} groups | {n} P | {n} R" for n, _ in sets)
          + " |")
    print("|---|" + "---|---|---|" * len(sets))
    for cut in (0.06, 0.08, 0.10, 0.12, 0.14, 0.16, 0.18, 0.20, 0.24):
        o = dataclasses.replace(opts, min_similarity=cut)
        cells = []
        for _, (texts, truth, pairs, _) in sets:
            pred = group_texts(texts, together=pairs, options=o)
            p, r, *_ = pairwise(pred, truth)
            cells.append(f"{len(set(pred))} | {p:.3f} | {r:.3f}")
        mark = " (default)" if abs(cut - opts.min_similarity) < 1e-9 else ""
        print(f"| {cut:.2f}{mark} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
