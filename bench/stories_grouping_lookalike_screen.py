"""Session 17's screen of two grouping-level answers to look-alike stories (docs/stories.md,
session 17): a higher cut, and a cohesion rule for average linkage. Tuning sets only.

    python bench/stories_grouping_lookalike_screen.py

Each set's units and log-odds are computed once with the shipped options (`GroupingOptions()`:
weights fitted on tuning sets 1-8, so "held out" below holds out only the rule's parameter) and
the other sets as its reference. Printed: per set, P / R at cuts -3.5 ... -1.0 (a look-alike
pair of groups merges at a mean log-odds of about -2.5 to -1.5 in tunings 12 and 13); then the
cohesion rule — two groups merge only when their mean log-odds is at least the weaker group's
own mean internal log-odds minus DELTA (groups of one telling have none) — per set for each
DELTA, and DELTA chosen leave-one-set-out (mean pairwise F1 on the other sets), measured on the
held-out set.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import stories_grouping as sg  # noqa: E402

from voice_coach.analysis.story_similarity import GroupingOptions, group_tellings  # noqa: E402

CUTS = (-3.5, -3.25, -3.0, -2.75, -2.5, -2.25, -2.0, -1.75, -1.5, -1.25, -1.0)
DELTAS = (float("inf"), 10.0, 8.0, 7.0, 6.0, 5.0, 4.0, 3.0)  # inf: the rule off (shipped)


def main() -> int:
    o = GroupingOptions()
    sets = sg.tuning_sets()
    ev = []
    for j, (name, d) in enumerate(sets):
        e = sg.evidence_of(d, o, sg.reference_of(sets, {j}))
        ev.append((name, d, e.members, sg.scores_of(e, o.evidence_weights, o.evidence_bias)))
    print("cut: " + " ".join(map(str, CUTS)))
    tot = {c: [0, 0, 0] for c in CUTS}
    for name, d, members, s in ev:
        cells = []
        for c in CUTS:
            p, r, tp, npred, ntrue = sg.pairwise(sg._labels(members, s, c, len(d.texts)), d.truth)
            tot[c] = [tot[c][0] + tp, tot[c][1] + npred, tot[c][2] + ntrue]
            cells.append(f"{p:.2f}/{r:.2f}")
        print(name, " ".join(cells), flush=True)
    print("pooled", " ".join(f"{c}: {t[0] / t[1]:.3f}/{t[0] / t[2]:.3f}" for c, t in tot.items()))
    res = {}
    for name, d, members, s in ev:
        res[name] = {}
        for dl in DELTAS:
            lab = [0] * len(d.texts)
            for m, g in zip(members, group_tellings(s, min_similarity=o.min_score,
                                                    lone_margin=o.margin_for(len(members)),
                                                    cohesion_delta=dl)):
                for i in m:
                    lab[i] = g
            res[name][dl] = sg.pairwise(lab, d.truth)
        print(name, " ".join(f"{dl}: {res[name][dl][0]:.3f}/{res[name][dl][1]:.3f}"
                             for dl in DELTAS), flush=True)
    t = [0, 0, 0]
    for name in res:
        others = [m for m in res if m != name]
        best = max(DELTAS, key=lambda dl: (sum(sg._f1(*res[m][dl][:2]) for m in others), dl))
        p, r, tp, npred, ntrue = res[name][best]
        t = [t[0] + tp, t[1] + npred, t[2] + ntrue]
        print(f"held out {name}: delta {best}, {p:.3f} ({tp}/{npred}) / {r:.3f} ({tp}/{ntrue})")
    print(f"pooled held out: {t[0] / t[1]:.3f} / {t[0] / t[2]:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
