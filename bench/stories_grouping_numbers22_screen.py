"""Session 22's screen: a shared number counted by whether it is said about the same thing, and
session 15's event-words column, with the weights refitted (docs/stories.md, session 22).
Tuning sets only.

    python bench/stories_grouping_numbers22_screen.py

Each set's evidence once, with the other sets as its reference and the shipped priors (as
`stories_grouping_event_screen.py`). Variants (extra columns of `pair_evidence`):

- `same_values`: log(1 + the number of values two units share *said about the same thing*
  (a content word beside it in both, `number_contexts` of session 21's screen));
- `ctx`: the all-feature cosine (columns 0 and 4) without the shared number tokens said about
  different things (session 21's `with_number_contexts`);
- `event_words`: session 15's event-words column.

Per variant: leave-one-set-out (weights and cut fitted on the other sets by the `--cv-pairs`
fit and inner leave-one-out) per set and pooled, and the weights refitted on all sets with the
cut chosen by leave-one-out (in-sample per set), against the shipped weights.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import numpy as np  # noqa: E402
import stories_grouping as sg  # noqa: E402
import stories_grouping_event_screen as es  # noqa: E402
import stories_grouping_numbers_screen as ns  # noqa: E402

from voice_coach.analysis import story_similarity as ss  # noqa: E402


def same_values(texts):
    """n × n: log(1 + values two units share said about the same thing)."""
    ctx = [ns.number_contexts(t) for t in texts]
    vals = [{t: c for t, c in cx.items() if t.startswith("v:") and not t.endswith("h")}
            for cx in ctx]
    n = len(texts)
    out = np.zeros((n, n))
    for a in range(n):
        for b in range(a + 1, n):
            k = sum(bool(vals[a][t] & vals[b][t]) for t in set(vals[a]) & set(vals[b]))
            out[a, b] = out[b, a] = np.log1p(k)
    return out


def prepare(sets):
    o = ss.GroupingOptions()
    out = []
    for j, (_, d) in enumerate(sets):
        ref = sg.reference_of(sets, {j})
        e = sg.evidence_of(d, o, ref)
        texts = [" ".join(d.texts[i] for i in m) for m in e.members]
        x, tokens = ss.feature_matrix(texts, o, ref)
        iu = np.triu_indices(len(texts), 1)
        ctx = ns.with_number_contexts(e, o, ref)
        cols = {"same_values": same_values(texts)[iu],
                "event_words": es.rel(es.event_cosine(x, tokens), o, 0.04)[iu],
                "ctx0": ctx.x[:, 0], "ctx4": ctx.x[:, 4]}
        out.append((e, cols))
        print(f"prepared {sets[j][0]}", file=sys.stderr, flush=True)
    return out


def variant(e, cols, spec):
    x = e.x.copy()
    if "ctx" in spec:
        x[:, 0], x[:, 4] = cols["ctx0"], cols["ctx4"]
    extra = [cols[c] for c in ("same_values", "event_words") if c in spec]
    return e._replace(x=np.column_stack([x] + extra) if extra else x)


def run(sets, items, label):
    tot, rows = [0, 0, 0], []
    per = {}
    for k, (name, d) in enumerate(sets):
        w, b, cut = sg.fit_held_out(items, k)
        p, r, tp, npred, ntrue = sg.pairwise(sg._labels(
            items[k].members, sg.scores_of(items[k], w, b), cut, len(d.texts)), d.truth)
        tot = [tot[0] + tp, tot[1] + npred, tot[2] + ntrue]
        per[name] = (tp, npred, ntrue, cut)
        rows.append(f"{name} {p:.3f} ({tp}/{npred}) / {r:.3f} ({tp}/{ntrue}) cut {cut}")
    print(f"\n## {label}\nLOSO pooled P {tot[0] / tot[1]:.3f} ({tot[0]}/{tot[1]}) R "
          f"{tot[0] / tot[2]:.3f} ({tot[0]}/{tot[2]})")
    for r_ in rows:
        print("  LOSO " + r_)
    w, b = sg.fit_pairs(items)
    cut = sg.choose_score_cut([sg.score_sweep(items[j], *sg.fit_pairs(
        [items[i] for i in range(len(items)) if i != j])) for j in range(len(items))])
    t = [0, 0, 0]
    for k, (name, d) in enumerate(sets):
        p, r, tp, npred, ntrue = sg.pairwise(sg._labels(
            items[k].members, sg.scores_of(items[k], w, b), cut, len(d.texts)), d.truth)
        t = [t[0] + tp, t[1] + npred, t[2] + ntrue]
        print(f"  refit-all {name} {p:.3f} ({tp}/{npred}) / {r:.3f} ({tp}/{ntrue})")
    print(f"refit on all: weights {w}, bias {b}, cut {cut}: pooled P {t[0] / t[1]:.3f} "
          f"({t[0]}/{t[1]}) R {t[0] / t[2]:.3f} ({t[0]}/{t[2]})", flush=True)


def shipped(sets, ev):
    o = ss.GroupingOptions()
    t = [0, 0, 0]
    print("\n## shipped weights and cut (each set with the others as its reference)")
    for (name, d), (e, _) in zip(sets, ev):
        p, r, tp, npred, ntrue = sg.pairwise(sg._labels(
            e.members, sg.scores_of(e, o.evidence_weights, o.evidence_bias), o.min_score,
            len(d.texts)), d.truth)
        t = [t[0] + tp, t[1] + npred, t[2] + ntrue]
        print(f"  shipped {name} {p:.3f} ({tp}/{npred}) / {r:.3f} ({tp}/{ntrue})")
    print(f"shipped pooled P {t[0] / t[1]:.3f} ({t[0]}/{t[1]}) R {t[0] / t[2]:.3f} "
          f"({t[0]}/{t[2]})", flush=True)


VARIANTS = {"base": (), "same_values": ("same_values",), "ctx": ("ctx",),
            "ctx+same_values": ("ctx", "same_values"), "event_words": ("event_words",),
            "same_values+event_words": ("same_values", "event_words"),
            "ctx+same_values+event_words": ("ctx", "same_values", "event_words")}


def main() -> int:
    sets = sg.tuning_sets()
    ev = prepare(sets)
    shipped(sets, ev)
    for label in (sys.argv[1:] or VARIANTS):
        run(sets, [variant(e, c, VARIANTS[label]) for e, c in ev], label)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
