"""Session 25: two events of one setting — the event gap (`GroupingOptions.event_gap`).

    python bench/stories_grouping_event_gap.py          # every stories set: before -> after,
                                                         # then δ chosen leave-one-set-out
    python bench/stories_grouping_event_gap.py --why    # what merges look-alikes: the feature
                                                         # families and evidence columns of
                                                         # their pairs, every merge of two groups
    python bench/stories_grouping_event_gap.py --story-banks [DRAWS] [SEEDS]
                                                         # a new user's 3-4 stories told 2-3
                                                         # times: gap off vs on, one matrix per bank

The sets: the seventeen tuning sets of `bench/stories_grouping.py`, the spent unseen sets of
sessions 22-24 (`tests/data/spent_session2*/stories*`, tuning material now) and session 24's
`tests/data/stories_lookalike24` (branch group24): 22 sets, 1,047 tellings. Each full set is
grouped with the shipped reference (in-sample for the tuning sets, as `bench/stories_grouping.py`
does); the small banks with the other sets' document frequencies. The gap acts after the
evidence model: its weights, priors and cut are the shipped ones in every fold.

Leave-one-set-out: for each held-out set δ is chosen on the other 21 as the highest pooled F1
among the grid points where, at the point and at its two grid neighbours, no set loses a
same-story pair against the gap off (ties: the smaller δ).
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import numpy as np  # noqa: E402

import stories_grouping as sg  # noqa: E402
from voice_coach.analysis.story_similarity import (  # noqa: E402
    EVIDENCE, GroupingOptions, feature_matrix, group_units, pair_evidence, sessions_apart,
    unit_similarity, units)
from voice_coach.stories import story_reference  # noqa: E402

DATA = ROOT / "tests" / "data"
EXTRA_SETS = (("stories24", DATA / "spent_session22" / "stories24"),
              ("stories25", DATA / "spent_session23" / "stories25"),
              ("stories26", DATA / "spent_session24" / "stories26"),
              ("stories27", DATA / "spent_session24" / "stories27"),
              ("lookalike24", DATA / "stories_lookalike24"))
GRID = (math.inf,) + tuple(round(8.0 - 0.25 * k, 2) for k in range(25))  # off, 8 … 2
ON = GroupingOptions()
OFF = dataclasses.replace(ON, event_gap=math.inf)


def all_sets() -> list[tuple[str, sg.Labelled]]:
    return sg.tuning_sets() + [(n, sg.load_set(p)) for n, p in EXTRA_SETS if p.exists()]


def _labels(members: list[list[int]], sim: np.ndarray, n: int, options: GroupingOptions
            ) -> list[int]:
    label = [0] * n
    for m, lab in zip(members, group_units(sim, options)):
        for i in m:
            label[i] = lab
    return label


def _cell(t: tuple[int, int, int]) -> str:
    tp, npred, ntrue = t
    return f"{tp / max(npred, 1):.3f} ({tp}/{npred}) / {tp / max(ntrue, 1):.3f} ({tp}/{ntrue})"


def measure() -> None:
    sets = all_sets()
    ref = story_reference()
    res: dict[float, list[tuple[int, int, int]]] = {}
    for name, d in sets:
        members, sim = unit_similarity(d.texts, together=d.pairs, sessions=d.sessions,
                                       questions=d.questions, options=ON, reference=ref)
        for dl in GRID:
            lab = _labels(members, sim, len(d.texts), dataclasses.replace(ON, event_gap=dl))
            res.setdefault(dl, []).append(tuple(sg.pairwise(lab, d.truth)[2:]))

    def pooled(rows: list[tuple[int, int, int]]) -> tuple[int, int, int]:
        return tuple(map(sum, zip(*rows)))  # type: ignore[return-value]

    def f1(rows: list[tuple[int, int, int]]) -> float:
        tp, npred, ntrue = pooled(rows)
        return sg._f1(tp / npred, tp / ntrue)

    def choose(train: list[int]) -> float:
        ok = [dl for k, dl in enumerate(GRID)
              if all(res[x][j][0] >= res[math.inf][j][0]
                     for x in GRID[max(k - 1, 0):k + 2] for j in train)]
        return max(ok, key=lambda dl: (f1([res[dl][j] for j in train]),
                                       -99.0 if math.isinf(dl) else -dl))

    print(f"shipped: event_gap {ON.event_gap}; {sg.describe(ON)}\n")
    print("| set | P / R before (gap off) | P / R after (shipped) |\n|---|---|---|")
    for k, (name, _) in enumerate(sets):
        print(f"| {name} | {_cell(res[math.inf][k])} | {_cell(res[ON.event_gap][k])} |")
    print(f"| pooled | {_cell(pooled(res[math.inf]))} | {_cell(pooled(res[ON.event_gap]))} |")
    print("\nleave-one-set-out\n\n| held out | δ chosen on the others | before P / R | "
          "after P / R |\n|---|---|---|---|")
    held = []
    for k, (name, _) in enumerate(sets):
        dl = choose([j for j in range(len(sets)) if j != k])
        held.append(res[dl][k])
        print(f"| {name} | {dl} | {_cell(res[math.inf][k])} | {_cell(res[dl][k])} |")
    print(f"| pooled | | {_cell(pooled(res[math.inf]))} | {_cell(pooled(held))} |")
    print(f"\nchosen on all {len(sets)} sets: {choose(list(range(len(sets))))}\n")
    print("| δ | pooled P / R | sets that lose a same-story pair |\n|---|---|---|")
    for dl in GRID:
        lost = [sets[j][0] for j in range(len(sets)) if res[dl][j][0] < res[math.inf][j][0]]
        print(f"| {dl} | {_cell(pooled(res[dl]))} | {', '.join(lost) or '—'} |")


def why() -> None:
    """Per kind of pair (same story; different stories the gap-off grouping merged; different
    stories kept apart): mean cosine of all features, the share of it each feature family
    carries, and the log-odds each evidence column adds (sessions-apart pairs left out); then
    every merge of two groups of at least two units in the gap-off clustering, with each
    group's own mean log-odds."""
    ref = story_reference()
    w = np.array(ON.evidence_weights)
    kinds = ("same story", "different, merged (gap off)", "different, apart")
    fam: dict[str, list[list[float]]] = {k: [] for k in kinds}
    col: dict[str, list[np.ndarray]] = {k: [] for k in kinds}
    merges = []
    for name, d in all_sets():
        members = units(d.texts, together=d.pairs, sessions=d.sessions, questions=d.questions,
                        options=ON)
        texts = [" ".join(d.texts[i] for i in m) for m in members]
        x, tokens = feature_matrix(texts, ON, ref)
        family = np.array([t[0] for t in tokens])
        ev = pair_evidence(texts, ON, ref)
        apart = sessions_apart(members, d.sessions, d.questions)
        truth = [Counter(d.truth[i] for i in m).most_common(1)[0][0] for m in members]
        _, sim = unit_similarity(d.texts, together=d.pairs, sessions=d.sessions,
                                 questions=d.questions, options=ON, reference=ref)
        unit_label = group_units(sim, OFF)
        for a, b in itertools.combinations(range(len(members)), 2):
            if apart[a, b]:
                continue
            kind = (kinds[0] if truth[a] == truth[b]
                    else kinds[1] if unit_label[a] == unit_label[b] else kinds[2])
            prod = x[a] * x[b]
            fam[kind].append([prod[family == f].sum() for f in "wbnvp"] + [prod.sum()])
            col[kind].append(ev[a, b] * w)
        merges += [(name, *m) for m in _merges(sim, truth)]
    print("| pairs | n | cosine | words | word pairs | quantities | values | names | "
          + " | ".join(EVIDENCE) + " | log-odds |\n|---" + "|---" * 14 + "|")
    for kind in kinds:
        a, c = np.array(fam[kind]), np.array(col[kind])
        share = a[:, :5].sum(axis=0) / a[:, 5].sum()
        print(f"| {kind} | {len(a)} | {a[:, 5].mean():.3f} | "
              + " | ".join(f"{s:.2f}" for s in share) + " | "
              + " | ".join(f"{v:+.2f}" for v in c.mean(axis=0))
              + f" | {ON.evidence_bias + c.sum(axis=1).mean():+.2f} |")
    print("\nmerges of two groups of ≥ 2 units (gap off; means without sessions-apart pairs)\n\n"
          "| set | same story? | sizes | mean across | own means | gap (weaker own − across) |"
          "\n|---|---|---|---|---|---|")
    for name, same, na, nb, across, own_a, own_b in merges:
        print(f"| {name} | {'yes' if same else '**no**'} | {na} + {nb} | {across:+.2f} | "
              f"{own_a:+.2f} / {own_b:+.2f} | {min(own_a, own_b) - across:.2f} |")


def _merges(sim: np.ndarray, truth: list[str]) -> list[tuple]:
    """Every merge of two groups of ≥ 2 units in the gap-off average linkage (as
    `group_tellings`), with the means the gap reads."""
    n = sim.shape[0]
    valid = sim > ON.same_session_score
    np.fill_diagonal(valid, False)
    groups = {i: [i] for i in range(n)}
    margin = ON.margin_for(n)
    out = []

    def vmean(a: list[int], b: list[int] | None = None) -> float:
        pairs = (itertools.combinations(a, 2) if b is None else itertools.product(a, b))
        v = [sim[i, j] for i, j in pairs if valid[i, j]]
        return float(np.mean(v)) if v else float("nan")

    while len(groups) > 1:
        best = None
        for a, b in itertools.combinations(sorted(groups), 2):
            m = float(sim[np.ix_(groups[a], groups[b])].mean())
            cut = ON.min_score + margin / math.sqrt(len(groups[a]) * len(groups[b]))
            if m >= cut and (best is None or m > best[0]):
                best = (m, a, b)
        if best is None:
            break
        _, a, b = best
        ga, gb = groups[a], groups[b]
        if len(ga) >= 2 and len(gb) >= 2:
            major = [Counter(truth[i] for i in g).most_common(1)[0][0] for g in (ga, gb)]
            out.append((major[0] == major[1], len(ga), len(gb), vmean(ga, gb), vmean(ga),
                        vmean(gb)))
        groups[a] = ga + gb
        del groups[b]
    return out


def story_banks(draws: int, seeds: tuple[int, ...]) -> None:
    """A new user's first 3-4 stories told 2-3 times each (`sg.story_banks`), each bank
    grouped with the gap off and on from one similarity matrix; each set's banks with the
    other sets' document frequencies."""
    sets = all_sets()
    print(f"{draws} banks per set, size and seed, seeds {seeds}\n")
    print("| set | k | banks | merged off → on | split off → on | banks grouped differently | "
          "pairs P / R off | on |\n|---|---|---|---|---|---|---|---|")
    pool: dict[int, np.ndarray] = {}
    for j, (name, data) in enumerate(sets):
        ref = sg.reference_of(sets, {j})
        for k in sg.STORY_BANK_STORIES:
            t = np.zeros(11, dtype=int)
            for seed in seeds:
                for bank in sg.story_banks(data, k, seed, draws):
                    members, sim = unit_similarity(
                        bank.texts, together=bank.pairs, sessions=bank.sessions,
                        questions=bank.questions, options=ON, reference=ref)
                    off, on = (_labels(members, sim, len(bank.texts), o) for o in (OFF, ON))
                    row = [1, *map(int, sg.bank_wrong(off, bank.truth)),
                           *map(int, sg.bank_wrong(on, bank.truth)),
                           int(len({*zip(off, on)}) != len({*off}) or len({*off}) != len({*on})),
                           *sg.pairwise(off, bank.truth)[2:4], *sg.pairwise(on, bank.truth)[2:]]
                    t += np.array(row)
            pool[k] = pool.get(k, np.zeros(11, dtype=int)) + t
            print(f"| {name} | {k} | " + _bank_cells(t) + " |", flush=True)
    for k, t in pool.items():
        print(f"| pooled | {k} | " + _bank_cells(t) + " |")


def _bank_cells(t: np.ndarray) -> str:
    return (f"{t[0]} | {t[1]} → {t[3]} | {t[2]} → {t[4]} | {t[5]} | "
            f"{t[6] / max(t[7], 1):.3f} / {t[6] / max(t[10], 1):.3f} | "
            f"{t[8] / max(t[9], 1):.3f} / {t[8] / max(t[10], 1):.3f}")


def main() -> int:
    if "--why" in sys.argv:
        why()
    elif "--story-banks" in sys.argv:
        rest = sys.argv[sys.argv.index("--story-banks") + 1:]
        draws = int(rest[0]) if rest else 30
        seeds = tuple(int(s) for s in rest[1].split(",")) if len(rest) > 1 else (14,)
        story_banks(draws, seeds)
    else:
        measure()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
