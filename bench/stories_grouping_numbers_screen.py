"""Session 21's screen of two answers to look-alike stories (docs/stories.md, session 21).
Tuning sets only.

    python bench/stories_grouping_numbers_screen.py            # both screens
    python bench/stories_grouping_numbers_screen.py numbers    # only the number contexts
    python bench/stories_grouping_numbers_screen.py cohesion   # only the cohesion rule

1. **Numbers said about the same thing.** Over the close pairs of the tuning sets (shipped
   log-odds > -6, each set with the other sets as its reference), a number two units share
   *with* a content word beside it in both (`number_contexts`) is strong evidence of one
   story, one shared about different things is none (the counts are printed). The variant
   takes out of the all-feature cosine the part carried by shared number tokens said about
   different things (each unit's background unchanged) and measures (a) the shipped weights
   and cut on every set, (b) leave-one-set-out: weights and cut fitted on the other sets
   (logistic fit and inner leave-one-out cut of `--cv-pairs`, the shipped priors).
2. **Cohesion without the session rule's pairs.** Session 17's cohesion rule (two groups merge
   only when their mean log-odds is at least the weaker group's own mean inner log-odds minus
   DELTA) with the pairs the session rule sets to -20 left out of both means (one story told for
   two questions of one session is no lack of cohesion); DELTA chosen leave-one-set-out.
"""
import itertools
import math
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import numpy as np  # noqa: E402
import stories_grouping as sg  # noqa: E402

from voice_coach.analysis import story_similarity as ss  # noqa: E402
from voice_coach.analysis.numbers import normalize_numbers  # noqa: E402

# words that say a number's unit, not what it is about ("20 minutes" in two stories)
UNIT_WORDS = frozenset("""millisecond milliseconds ms second seconds minute minutes hour hours
day days week weeks month months quarter quarters year years dollar dollars euro euros pound
pounds point points percent thousand million billion times""".split())
CONTEXT_WORDS = 3  # content words either side of a number that say what it is about


def _stems(words):
    return [ss._stem(w) for w in words
            if w not in ss.STOP_WORDS and w not in UNIT_WORDS and len(w) >= 3]


def number_contexts(text: str) -> dict[str, frozenset[str]]:
    """Each number token of `text` ('n:…', 'v:…' of `ss.features`) → the content-word stems of
    the CONTEXT_WORDS content words before and after each place it is said."""
    norm = normalize_numbers(ss.without_principles(text))
    low = norm.lower()
    if len(low) != len(norm):
        return {}
    spans = [(t, m.start(), m.end()) for m in ss._QTY_RE.finditer(norm)
             if (t := ss._quantity_token(m.group(0)))]
    spans += [(t, m.start(), m.end()) for m in ss._VALUE_RE.finditer(norm)
              if (v := ss._value(m)) is not None for t in ss._value_tokens(v)]
    spans += [(t, m.start(), m.end()) for m in ss._FRACTION_RE.finditer(norm)
              for t in ss._value_tokens(ss._FRACTION_PERCENT[next(g for g in m.groups() if g)
                                                             .lower()])]
    for m in ss._FROM_TO_RE.finditer(norm):
        a, b = (ss._VALUE_RE.match(g) for g in m.groups())
        if a and b:
            va = float(a.group(1)) * ss._SCALE.get(a.group(2) or "", 1.0)
            vb = float(b.group(1)) * ss._SCALE.get(b.group(2) or "", 1.0)
            if va != vb:
                spans += [(t, m.start(), m.end()) for t in ss._value_tokens(abs(va - vb))]
    out: dict[str, set[str]] = {}
    for t, start, end in spans:
        before = _stems(ss._WORD_RE.findall(low[max(0, start - 120):start]))[-CONTEXT_WORDS:]
        after = _stems(ss._WORD_RE.findall(low[end:end + 120]))[:CONTEXT_WORDS]
        out.setdefault(t, set()).update(before + after)
    return {t: frozenset(c) for t, c in out.items()}


def unmatched_numbers(x, tokens, contexts):
    """n × n: the part of the cosine of the rows of `x` carried by number tokens two units
    share but say about different things (no context stem in common)."""
    n = x.shape[0]
    out = np.zeros((n, n))
    for c, t in enumerate(tokens):
        if t[0] not in "nv":
            continue
        for a, b in itertools.combinations(np.flatnonzero(x[:, c] > 0).tolist(), 2):
            ca, cb = contexts[a].get(t), contexts[b].get(t)
            if ca is not None and cb is not None and not ca & cb:
                out[a, b] = out[b, a] = x[a, c] * x[b, c]
    return out


def with_number_contexts(e, o, ref):
    """`e` (sg.Evidence) with the all-feature column (0) and the product (4) recomputed on the
    cosine without numbers said about different things; backgrounds as before."""
    texts = [" ".join(e.data.texts[i] for i in m) for m in e.members]
    x, tokens = ss.feature_matrix(texts, o, ref)
    every = np.clip(x @ x.T, 0.0, 1.0)
    np.fill_diagonal(every, 1.0)
    matched = np.clip(every - unmatched_numbers(x, tokens, [number_contexts(t) for t in texts]),
                      0.0, 1.0)
    n = len(texts)
    off = every.sum(axis=1) - 1.0
    bg = (off + o.background_weight * o.background_cosine) / (n - 1 + o.background_weight)
    rel = np.log1p(matched / np.sqrt(np.outer(bg, bg)))
    iu = np.triu_indices(n, 1)
    xx = e.x.copy()
    xx[:, 0] = rel[iu]
    xx[:, 4] = xx[:, 0] * xx[:, 1]
    return e._replace(x=xx)


def context_counts(sets, ev):
    """Close pairs (shipped log-odds > -6): how many shared values each has said about the
    same thing (a context stem in common) and about different things."""
    o = ss.GroupingOptions()
    stat: Counter = Counter()
    for (_, d), e in zip(sets, ev):
        s = sg.scores_of(e, o.evidence_weights, o.evidence_bias)
        ctx = [number_contexts(" ".join(d.texts[i] for i in m)) for m in e.members]
        vals = [{t: c for t, c in cx.items() if t.startswith("v:") and not t.endswith("h")}
                for cx in ctx]
        for (a, b), y in zip(zip(*np.triu_indices(len(e.members), 1)), e.y):
            if s[a, b] < -6:
                continue
            shared = set(vals[a]) & set(vals[b])
            same = sum(bool(vals[a][t] & vals[b][t]) for t in shared)
            key = "same story" if y else "different"
            stat[(key, "pairs")] += 1
            stat[(key, "about the same", min(same, 2))] += 1
            stat[(key, "about different", min(len(shared) - same, 2))] += 1
    for key in ("same story", "different"):
        print(f"{key}: {stat[(key, 'pairs')]} close pairs; sharing 0 / 1 / 2+ values said about "
              f"the same thing: {[stat[(key, 'about the same', k)] for k in range(3)]}; about "
              f"different things: {[stat[(key, 'about different', k)] for k in range(3)]}")


def loso(sets, items, label):
    o = ss.GroupingOptions()
    tot, tots, rows, srows = [0, 0, 0], [0, 0, 0], [], []
    for k, (name, d) in enumerate(sets):
        w, b, cut = sg.fit_held_out(items, k)
        p, r, tp, npred, ntrue = sg.pairwise(sg._labels(
            items[k].members, sg.scores_of(items[k], w, b), cut, len(d.texts)), d.truth)
        tot = [tot[0] + tp, tot[1] + npred, tot[2] + ntrue]
        rows.append(f"{name} {p:.3f}/{r:.3f}")
        p, r, tp, npred, ntrue = sg.pairwise(sg._labels(
            items[k].members, sg.scores_of(items[k], o.evidence_weights, o.evidence_bias),
            o.min_score, len(d.texts)), d.truth)
        tots = [tots[0] + tp, tots[1] + npred, tots[2] + ntrue]
        srows.append(f"{name} {p:.3f}/{r:.3f}")
    print(f"{label}, leave-one-set-out: P {tot[0] / tot[1]:.3f} ({tot[0]}/{tot[1]}) R "
          f"{tot[0] / tot[2]:.3f} ({tot[0]}/{tot[2]}) | " + "; ".join(rows), flush=True)
    print(f"{label}, shipped weights: P {tots[0] / tots[1]:.3f} ({tots[0]}/{tots[1]}) R "
          f"{tots[0] / tots[2]:.3f} ({tots[0]}/{tots[2]}) | " + "; ".join(srows), flush=True)


APART = ss.GroupingOptions().same_session_score
DELTAS = (math.inf, 12.0, 10.0, 9.0, 8.0, 7.0, 6.0)


def cohesive_groups(sim, min_similarity, lone_margin, delta):
    """`ss.group_tellings` with session 17's cohesion rule, the session rule's pairs left out
    of the cohesion means."""
    n = sim.shape[0]
    if n < 2:
        return [0] * n
    valid = (sim > APART + 1e-9).astype(float)
    total = np.array(sim, dtype=float)
    vtot, vcnt = np.where(valid > 0, sim, 0.0), valid.copy()
    size, alive, label = np.ones(n), np.ones(n, dtype=bool), list(range(n))
    inner, pairs = np.zeros(n), np.zeros(n)
    while alive.sum() > 1:
        mean = total / np.outer(size, size)
        ok = np.outer(alive, alive) & (mean >= ss.merge_cut(min_similarity, lone_margin,
                                                             np.outer(size, size)))
        if not math.isinf(delta):
            coh = np.where(pairs > 0, inner / np.maximum(pairs, 1), np.inf)
            weaker = np.minimum(coh[:, None], coh[None, :])
            vmean = np.where(vcnt > 0, vtot / np.maximum(vcnt, 1), -np.inf)
            ok &= vmean >= np.where(np.isinf(weaker), -np.inf, weaker - delta)
        np.fill_diagonal(ok, False)
        if not ok.any():
            break
        a, b = sorted(np.unravel_index(np.argmax(np.where(ok, mean, -np.inf)), mean.shape))
        inner[a] += inner[b] + vtot[a, b]
        pairs[a] += pairs[b] + vcnt[a, b]
        for m in (total, vtot, vcnt):
            m[a, :] += m[b, :]
            m[:, a] += m[:, b]
        size[a] += size[b]
        alive[b] = False
        label = [a if lab == b else lab for lab in label]
    order = {c: k for k, c in enumerate(dict.fromkeys(label))}
    return [order[c] for c in label]


def cohesion(sets, ev):
    o = ss.GroupingOptions()
    res = {}
    for (name, d), e in zip(sets, ev):
        s = sg.scores_of(e, o.evidence_weights, o.evidence_bias)
        res[name] = {}
        for dl in DELTAS:
            lab = [0] * len(d.texts)
            for m, g in zip(e.members, cohesive_groups(s, o.min_score,
                                                       o.margin_for(len(e.members)), dl)):
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
    for dl in DELTAS:
        tt = [sum(res[n][dl][k] for n in res) for k in (2, 3, 4)]
        print(f"delta {dl} on every set: {tt[0] / tt[1]:.3f} / {tt[0] / tt[2]:.3f}")


def main() -> int:
    which = set(sys.argv[1:]) or {"numbers", "cohesion"}
    o = ss.GroupingOptions()
    sets = sg.tuning_sets()
    refs = [sg.reference_of(sets, {j}) for j in range(len(sets))]
    ev = [sg.evidence_of(d, o, refs[j]) for j, (_, d) in enumerate(sets)]
    if "numbers" in which:
        context_counts(sets, ev)
        loso(sets, ev, "shipped evidence")
        loso(sets, [with_number_contexts(e, o, r) for e, r in zip(ev, refs)],
             "numbers said about different things left out")
    if "cohesion" in which:
        cohesion(sets, ev)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
