"""Session 15's screen of evidence columns for look-alike stories (docs/stories.md, session 15).

    python bench/stories_grouping_event_screen.py base= event=event_words values=values ...

Each argument NAME=SPEC is one variant: the six `pair_evidence` columns, "-K" dropping
column K, plus extra columns by name (`extras`: event_words = `event_cosine` below,
values, all_no_names, setting, idf2_words, bigrams, event2 / event4 / event_all / event_wb /
event_rel; session 17's disagreements, `contrasts`: names_dis, names_dis_sp, values_dis,
values_dis_sp, anchors_dis, anchors_unmatched, event_dis, breadth / breadth_w, and results (the
content words of the sentences that say what came of it), plus NAME_xA = a column times the
all-feature evidence). Faster than `stories_grouping.py --cv-pairs` (which it follows
otherwise): each set's evidence is computed once, with the other sets as its reference and the shipped priors
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
    out.update(contrasts(x, tokens, fam, dfb))
    return out


def _disjoint(has, anyshare, need_a=1):
    """n × n: both units have at least `need_a` of `has` (a count per unit) and `anyshare` is
    False for the pair."""
    both = (has[:, None] >= need_a) & (has[None, :] >= need_a)
    out = (both & ~anyshare).astype(float)
    np.fill_diagonal(out, 0.0)
    return out


def contrasts(x, tokens, fam, dfb):
    """Session 17 candidates: two units that each say specific things of one event (names,
    numbers said in few units of the bank) and share none of them."""
    b = (x > 0).astype(float)
    out = {}
    p = fam == "p"
    spec_p = p & (dfb <= 3)
    vals = np.isin(fam, ["v", "n"])
    spec_v = vals & (dfb <= 3)
    share_p = (b[:, p] @ b[:, p].T) > 0
    share_sp = (b[:, spec_p] @ b[:, spec_p].T) > 0
    share_v = (b[:, vals] @ b[:, vals].T) > 0
    share_sv = (b[:, spec_v] @ b[:, spec_v].T) > 0
    n_sp = b[:, spec_p].sum(axis=1)
    n_sv = b[:, spec_v].sum(axis=1)
    out["names_dis"] = _disjoint(n_sp, share_p)
    out["names_dis_sp"] = _disjoint(n_sp, share_sp)
    out["values_dis"] = _disjoint(n_sv, share_v, 4)
    out["values_dis_sp"] = _disjoint(n_sv, share_sv, 4)
    anc = spec_p | spec_v
    out["anchors_dis"] = _disjoint(b[:, anc].sum(axis=1), (b[:, anc] @ b[:, anc].T) > 0, 3)
    # continuous: share of the smaller unit's specific anchors the other does not say
    a = b[:, anc]
    inter = a @ a.T
    na = a.sum(axis=1)
    mn = np.minimum(na[:, None], na[None, :])
    frac = np.where(mn >= 2, 1.0 - inter / np.maximum(mn, 1), 0.0)
    np.fill_diagonal(frac, 0.0)
    out["anchors_unmatched"] = frac
    # event words (content words said in at most 4 units: a story is told 2-5 times) that
    # both units have, and none of which they share
    ev = (fam == "w") & (dfb <= 4)
    out["event_dis"] = _disjoint(b[:, ev].sum(axis=1), (b[:, ev] @ b[:, ev].T) > 0, 3)
    # breadth of the overlap: the effective number of tokens that carry the cosine
    # ((sum w)^2 / sum w^2 of w = x_a * x_b): a retelling shares many, a look-alike a few
    # heavily weighted setting words
    for name, cols in (("breadth", np.ones(len(fam), dtype=bool)), ("breadth_w", fam == "w")):
        xc = x[:, cols]
        s1 = xc @ xc.T
        s2 = (xc ** 2) @ (xc ** 2).T
        eff = np.divide(s1 ** 2, s2, out=np.zeros_like(s1), where=s2 > 0)
        np.fill_diagonal(eff, 0.0)
        out[name] = np.log1p(eff)
    return out

_RESULT_RE = __import__("re").compile(
    r"\d|\b(?:went|dropped|fell|rose|improved|reduced|saved|cut|ended|became|delivered|"
    r"closed|shipped|launched|result|outcome|now)\b", __import__("re").IGNORECASE)


def results(text):
    """The sentences of `text` that say what came of it (a number, or an outcome verb)."""
    return " ".join(x for x in ss._SENTENCE_END_RE.split(text) if _RESULT_RE.search(x))


def evidence(data, o, ref):
    e = sg.evidence_of(data, o, ref)
    texts = [" ".join(data.texts[i] for i in m) for m in e.members]
    ex = extras(texts, o, ref)
    xr, tr = ss.feature_matrix([results(t) for t in texts], o, ref)
    ex["results"] = rel(ss.family_cosine(xr, tr, "w"), o, 0.04) if tr else np.zeros_like(
        ex["values"])
    iu = np.triu_indices(len(e.members), 1)
    out = {k: v[iu] for k, v in ex.items()}
    # session 17: a disagreement weighed by how alike the pair is overall (it matters only
    # for pairs alike enough to merge; the fit over all pairs is dominated by easy ones)
    for c in ("names_dis", "values_dis", "anchors_dis", "anchors_unmatched", "event4",
              "event_dis", "results"):
        out[c + "_xA"] = out[c] * e.x[:, 0]
    return e, out

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
            wts, b, cut = sg.fit_held_out(items, k)
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
