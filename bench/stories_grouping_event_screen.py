"""Session 15's screen of evidence columns for look-alike stories (docs/stories.md, session 15).

    python bench/stories_grouping_event_screen.py base= event=event_words values=values ...

Each argument NAME=SPEC is one variant: the six `pair_evidence` columns, "-K" dropping
column K, plus extra columns by name (`extras`: event_words = `event_cosine` below,
values, all_no_names, setting, idf2_words, bigrams, event2 / event4 / event_all / event_wb /
event_rel). Faster than `stories_grouping.py --cv-pairs` (which it follows otherwise): each
set's evidence is computed once, with the other sets as its reference and the shipped priors
(`SESSION14`), not per fold; the weights and the cut are chosen per held-out set on the other
sets (logistic fit, inner leave-one-out cut) as there. Tuning sets only.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import numpy as np  # noqa: E402
import stories_grouping as sg  # noqa: E402

from voice_coach.analysis import story_similarity as ss  # noqa: E402

# the shipped options (session 14's priors); the event words' prior a guess (0.04; the bench's
# median of a full bank's mean cosine is 0.016)
SESSION14 = ss.GroupingOptions()


# a content word said in at most this many units of the bank belongs to one event (a story is
# told 2-5 times); a word said in more is the setting the speaker's stories share
EVENT_MAX_UNITS = 3


def event_cosine(x: np.ndarray, tokens, max_units: int = EVENT_MAX_UNITS) -> np.ndarray:
    """Cosines of the rows of `x` on the content words said in at most `max_units` of them —
    the words of one event, retold; a word the speaker says in more units is the setting their
    stories share (the employer, the fleet, the colleague, the metric), which look-alike stories
    have in common. Counted over the speaker's own bank. 0 where a unit has no such word, 1 on
    the diagonal. (Session 15: measured as a `pair_evidence` column, not shipped.)"""
    said_in = (x > 0).sum(axis=0)
    return ss._cosine_on(x, np.array([t[0] == "w" for t in tokens], dtype=bool)
                         & (said_in <= max_units))


def o_event_prior(o):
    return 0.04


def rel(sim, o, prior):
    return np.log1p(ss.relative_similarity(sim, o, prior))

def cos_of(x, cols):
    xf = x[:, cols]
    nr = np.linalg.norm(xf, axis=1, keepdims=True)
    xf = np.divide(xf, nr, out=np.zeros_like(xf), where=nr > 0)
    s = np.clip(xf @ xf.T, 0, 1); np.fill_diagonal(s, 1.0); return s

def mean_off(s):
    n = len(s); return float((s.sum() - np.trace(s)) / max(n * (n - 1), 1))

def extras(texts, o, ref):
    x, tokens = ss.feature_matrix(texts, o, ref)
    n = len(texts)
    fam = np.array([t[0] for t in tokens])
    out = {}
    # values + quantities
    out["values"] = rel(cos_of(x, np.isin(fam, ["v", "n"])), o, 0.03)
    # all without names
    out["all_no_names"] = rel(cos_of(x, fam != "p"), o, 0.045)
    # bank df of each token (units)
    dfb = (x > 0).sum(axis=0)
    w = fam == "w"
    # event words: content words said in at most 3 units of the bank
    out["event_words"] = rel(event_cosine(x, tokens), o, o_event_prior(o))
    out["event2"] = rel(cos_of(x, w & (dfb <= 2)), o, 0.04)
    out["event4"] = rel(cos_of(x, w & (dfb <= 4)), o, 0.04)
    out["event_all"] = rel(cos_of(x, dfb <= 3), o, 0.04)
    out["event_wb"] = rel(cos_of(x, np.isin(fam, ["w", "b"]) & (dfb <= 3)), o, 0.04)
    out["event_rel"] = rel(cos_of(x, w & (dfb <= max(3, n // 12))), o, 0.04)
    # setting words: content words + names in more than 3 units
    out["setting"] = rel(cos_of(x, np.isin(fam, ["w", "p", "b"]) & (dfb > 3)), o, 0.08)
    # idf^2 words (bank + ref idf)
    n_eff = n + (o.reference_weight if ref else 0)
    share = np.array([ref.df.get(t, 0) / ref.docs for t in tokens]) if ref else 0
    df = dfb + (o.reference_weight * share if ref else 0)
    idf = np.log((1 + n_eff) / (1 + df)) + 1
    y = x * idf
    out["idf2_words"] = rel(cos_of(y, w), o, 0.04)
    # bigram family alone
    out["bigrams"] = rel(cos_of(x, fam == "b"), o, 0.02)
    return out

def evidence(data, o, ref):
    e = sg.evidence_of(data, o, ref)
    texts = [" ".join(data.texts[i] for i in m) for m in e.members]
    ex = extras(texts, o, ref)
    iu = np.triu_indices(len(e.members), 1)
    return e, {k: v[iu] for k, v in ex.items()}

def with_cols(e, ex, cols, drop=()):
    base = [c for c in range(e.x.shape[1]) if c not in drop]
    x = np.column_stack([e.x[:, base]] + [ex[c] for c in cols]) if cols or drop else e.x
    return e._replace(x=x)

def main() -> int:
    sets = sg.tuning_sets()
    o = SESSION14
    ev = [evidence(d, o, sg.reference_of(sets, {j})) for j, (_, d) in enumerate(sets)]
    for v in sys.argv[1:]:
        name, _, spec = v.partition("=")
        cols = [c for c in spec.split(",") if c and not c.startswith("-")]
        drop = [int(c[1:]) for c in spec.split(",") if c.startswith("-")]
        items = [with_cols(e, ex, cols, drop) for e, ex in ev]
        tot = [0, 0, 0]
        rows = []
        for k, (sn, d) in enumerate(sets):
            train = [j for j in range(len(sets)) if j != k]
            inner = [sg.score_sweep(items[j], *sg.fit_pairs([items[i] for i in train if i != j]))
                     for j in train]
            cut = sg.choose_score_cut(inner)
            wts, b = sg.fit_pairs([items[i] for i in train])
            s = sg.scores_of(items[k], wts, b)
            p, r, tp, npred, ntrue = sg.pairwise(
                sg._labels(items[k].members, s, cut, len(d.texts)), d.truth)
            tot = [tot[0] + tp, tot[1] + npred, tot[2] + ntrue]
            rows.append(f"{sn} {p:.3f}/{r:.3f}")
        P, R = tot[0] / tot[1], tot[0] / tot[2]
        wts, b = sg.fit_pairs(items)
        print(f"{name}: pooled P {P:.3f} R {R:.3f} F1 {sg._f1(P, R):.3f} | " + "; ".join(rows)
              + f" | fitted on all: {wts} {b}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
