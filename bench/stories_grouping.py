"""Story grouping accuracy: pairwise "same story" precision and recall against ground truth.

    python bench/stories_grouping.py            # shipped defaults on each tuning set, a cut sweep
    python bench/stories_grouping.py --cv       # leave-one-set-out cross-validation of the options
    python bench/stories_grouping.py --frozen   # the frozen evaluation set, shipped defaults

The tuning sets (tests/data/stories_tuning*.toml, each a different imagined candidate) are the
only data the features, weights and cut were chosen on; the frozen set (tests/data/stories_eval/)
was written by another helper and is measured with the shipped defaults only (pooled numbers,
never per pair).

Cross-validation: for each tuning set, the options are chosen on the other sets only (every
grid point; a point counts when precision ≥ `MIN_PRECISION` on each of them; the score is the
mean F1 over them, plus its mean over the cuts within ±0.5, so a point in a wide band beats a lucky
spike) and then measured on the held-out set.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import sys
import time
import tomllib
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from voice_coach.analysis.story_similarity import (  # noqa: E402
    GroupingOptions, group_tellings, group_texts, unit_similarity)

TUNING = ROOT / "tests" / "data" / "stories_tuning.toml"
TUNING_2 = ROOT / "tests" / "data" / "stories_tuning_2.toml"  # written after the first frozen run
TUNING_3 = ROOT / "tests" / "data" / "stories_tuning_3"  # another helper, for tuning only
TUNING_SETS = (("tuning 1", TUNING), ("tuning 2", TUNING_2), ("tuning 3", TUNING_3))
FROZEN = ROOT / "tests" / "data" / "stories_eval"
MIN_PRECISION = 0.95  # look-alike stories must stay apart
PLATEAU = 5  # a cut's score also averages this many cuts either side: a wide band beats a spike
CUTS = tuple(round(1.5 + 0.1 * k, 1) for k in range(31))  # relative cut 1.5 … 4.5
GRID = {
    "bigram_weight": (0.3, 0.7),
    "number_weight": (0.5, 1.0, 1.5),
    "value_weight": (0.0, 0.5, 1.0, 1.5),
    "name_weight": (1.0, 1.5, 2.5),
    "same_session_factor": (1.0, 0.5, 0.0),
}


class Labelled(NamedTuple):
    """A labelled set: texts, true story per telling, follow-up pairs, ids, sessions, questions."""

    texts: list[str]
    truth: list[str]
    pairs: list[tuple[int, int]]
    ids: list[str]
    sessions: list[int]
    questions: list[str | None]


def load_tuning(path: Path = TUNING) -> Labelled:
    """A tuning set: `[[telling]]` rows with id, session, question_id, story, text and an
    optional follow_up_of (the id of the telling it continued)."""
    rows = tomllib.loads(path.read_text(encoding="utf-8"))["telling"]
    ids = [r["id"] for r in rows]
    pairs = [(ids.index(r["follow_up_of"]), i) for i, r in enumerate(rows) if "follow_up_of" in r]
    return Labelled([r["text"] for r in rows], [r["story"] for r in rows], pairs, ids,
                    [r["session"] for r in rows], [r.get("question_id") for r in rows])


def load_folder(folder: Path) -> Labelled:
    """A set in the frozen set's layout: `tellings.toml` (id, session, question_id, text) and
    `groups.toml` (`[[story]]` with the ids of its tellings)."""
    rows = tomllib.loads((folder / "tellings.toml").read_text(encoding="utf-8"))["telling"]
    stories = tomllib.loads((folder / "groups.toml").read_text(encoding="utf-8"))["story"]
    truth = {t: s["id"] for s in stories for t in s["tellings"]}
    ids = [r["id"] for r in rows]
    return Labelled([r["text"] for r in rows], [truth[i] for i in ids], [], ids,
                    [r["session"] for r in rows], [r.get("question_id") for r in rows])


def load_frozen(folder: Path = FROZEN) -> Labelled:
    return load_folder(folder)


def load_set(path: Path) -> Labelled:
    return load_folder(path) if path.is_dir() else load_tuning(path)


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


def group(data: Labelled, options: GroupingOptions) -> list[int]:
    """The shipped grouping call on a labelled set."""
    return group_texts(data.texts, together=data.pairs, sessions=data.sessions,
                       questions=data.questions, options=options)


def sweep(data: Labelled, options: GroupingOptions) -> dict[float, tuple[float, float]]:
    """(precision, recall) at every cut in `CUTS` for one weighting (similarities computed once)."""
    members, sim = unit_similarity(data.texts, together=data.pairs, sessions=data.sessions,
                                   questions=data.questions, options=options)
    out = {}
    for cut in CUTS:
        label = [0] * len(data.texts)
        for m, lab in zip(members, group_tellings(sim, min_similarity=cut)):
            for i in m:
                label[i] = lab
        out[cut] = pairwise(label, data.truth)[:2]
    return out


def grid_options() -> list[GroupingOptions]:
    keys = list(GRID)
    return [GroupingOptions(**dict(zip(keys, vals))) for vals in itertools.product(*GRID.values())]


def choose(results: dict[GroupingOptions, list[dict[float, tuple[float, float]]]]
           ) -> tuple[GroupingOptions, float]:
    """The options (with cut) scoring best on the given sets' sweeps (see the module doc)."""

    def f1_floor(pr: tuple[float, float]) -> float:
        p, r = pr
        return 0.0 if p < MIN_PRECISION else 2 * p * r / (p + r)

    best, best_score = GroupingOptions(), -1.0
    for opts, sweeps in results.items():
        at = [sum(f1_floor(s[c]) for s in sweeps) / len(sweeps) for c in CUTS]
        for k, cut in enumerate(CUTS):
            if at[k] == 0.0:
                continue
            near = at[max(k - PLATEAU, 0): k + PLATEAU + 1]
            score = at[k] + sum(near) / len(near)
            if score > best_score + 1e-9:
                best, best_score = dataclasses.replace(opts, min_relative=cut), score
    return best, best_score


def cross_validate(sets: list[tuple[str, Labelled]]) -> GroupingOptions:
    """Leave-one-set-out table; returns the options chosen on all sets together."""
    t0 = time.perf_counter()
    grid = grid_options()
    results = {o: [sweep(d, o) for _, d in sets] for o in grid}
    print(f"{len(grid)} weightings × {len(CUTS)} cuts on {len(sets)} sets "
          f"({time.perf_counter() - t0:.1f} s)\n")
    print("| held out | chosen on | options chosen | held-out P | held-out R |")
    print("|---|---|---|---|---|")
    for k, (name, data) in enumerate(sets):
        train = {o: [r for j, r in enumerate(rs) if j != k] for o, rs in results.items()}
        opts, _ = choose(train)
        p, r, tp, npred, ntrue = pairwise(group(data, opts), data.truth)
        others = ", ".join(n for j, (n, _) in enumerate(sets) if j != k)
        print(f"| {name} | {others} | {describe(opts)} | {p:.3f} ({tp}/{npred}) | "
              f"{r:.3f} ({tp}/{ntrue}) |")
    opts, _ = choose(results)
    print(f"\nchosen on all {len(sets)} sets: {describe(opts)}")
    return opts


def describe(o: GroupingOptions) -> str:
    return (f"bigram {o.bigram_weight}, number {o.number_weight}, value {o.value_weight}, "
            f"name {o.name_weight}, session × {o.same_session_factor}, "
            f"retries {'joined' if o.join_retries else 'apart'}, cut {o.min_relative:.1f}")


def tuning_sets() -> list[tuple[str, Labelled]]:
    return [(name, load_set(path)) for name, path in TUNING_SETS if path.exists()]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--frozen", action="store_true", help="measure the frozen set (defaults only)")
    ap.add_argument("--cv", action="store_true", help="leave-one-tuning-set-out cross-validation")
    args = ap.parse_args()
    opts = GroupingOptions()
    if args.frozen:
        data = load_frozen()
        pred = group(data, opts)
        p, r, tp, npred, ntrue = pairwise(pred, data.truth)
        print("| set | tellings | stories | groups found | pair precision | pair recall |")
        print("|---|---|---|---|---|---|")
        print(f"| frozen | {len(data.texts)} | {len(set(data.truth))} | {len(set(pred))} | "
              f"{p:.3f} ({tp}/{npred}) | {r:.3f} ({tp}/{ntrue}) |")
        return 0
    sets = tuning_sets()
    if args.cv:
        cross_validate(sets)
        return 0
    print(f"shipped options: {describe(opts)}\n")
    print("| min_relative | " + " | ".join(f"{n} groups | {n} P | {n} R" for n, _ in sets)
          + " |")
    print("|---|" + "---|---|---|" * len(sets))
    for cut in CUTS[::2]:
        o = dataclasses.replace(opts, min_relative=cut)
        cells = []
        for _, data in sets:
            pred = group(data, o)
            p, r, *_ = pairwise(pred, data.truth)
            cells.append(f"{len(set(pred))} | {p:.3f} | {r:.3f}")
        mark = " (default)" if abs(cut - opts.min_relative) < 1e-9 else ""
        print(f"| {cut:.1f}{mark} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
