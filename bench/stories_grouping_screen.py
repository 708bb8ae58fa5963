"""Screening of grouping ideas (session 9): each idea's leave-one-set-out table over the tuning sets.

    python bench/stories_grouping_screen.py --idea baseline   # shipped features, prior and cut by CV
    python bench/stories_grouping_screen.py --idea hyphen     # hyphenated words split
    python bench/stories_grouping_screen.py --idea idf        # rarity sharpened (idf ** gamma)
    python bench/stories_grouping_screen.py --idea anchor     # shared rare names / terms / numbers
    python bench/stories_grouping_screen.py --idea numbers    # no shared specific number: × factor
    python bench/stories_grouping_screen.py --idea embedding  # + centred MiniLM cosine, per-bank scaled
    python bench/stories_grouping_screen.py --idea zscore     # each row's z-score instead of relative
    python bench/stories_grouping_screen.py --idea cohesion   # average linkage + cohesion condition
    python bench/stories_grouping_screen.py --facts           # conflicting triad numbers, pair counts
    add --banks to score small banks (2, 3, 5 stories) as well, as `stories_grouping.py --cv-banks`

Every idea is measured with the selection of `stories_grouping.py` (`choose`: mean pairwise F1
over the other sets, plus the mean over the cuts within ±0.5) among its own grid (idea parameters ×
background prior × cut), then on the held-out set. None of them is shipped (docs/stories.md,
session 9): this file keeps the measurements reproducible.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import re
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import stories_grouping as sg  # noqa: E402

import voice_coach.analysis.story_similarity as ss  # noqa: E402
from voice_coach.analysis.story_similarity import GroupingOptions  # noqa: E402

BASE = GroupingOptions(background_weight=40.0)  # the relative-similarity grouping of session 9
PRIORS = (10.0, 20.0, 40.0)
Sim = Callable[..., tuple[list[list[int]], np.ndarray]]


def units(d: sg.Labelled, o: GroupingOptions) -> list[list[int]]:
    """The units `unit_similarity` clusters (follow-ups and short replies joined)."""
    pairs = list(d.pairs)
    last: dict = {}
    for i, key in enumerate(zip(d.sessions, d.questions)):
        if key[1] is None:
            continue
        if key in last and len(d.texts[i].split()) <= o.retry_reply_max_words:
            pairs.append((last[key], i))
        last[key] = i
    return ss.joined_sets(len(d.texts), pairs)


def session_apart(d: sg.Labelled, members: list[list[int]]) -> np.ndarray:
    """True where two units share a session but no question in it."""
    n = len(members)
    out = np.zeros((n, n), dtype=bool)
    keys = [{(d.sessions[i], d.questions[i]) for i in m if d.questions[i] is not None}
            for m in members]
    for a, b in itertools.combinations(range(n), 2):
        if {d.sessions[i] for i in members[a]} & {d.sessions[j] for j in members[b]} \
                and not keys[a] & keys[b]:
            out[a, b] = out[b, a] = True
    return out


def text_parts(d: sg.Labelled, o: GroupingOptions):
    members = units(d, o)
    texts = [" ".join(d.texts[i] for i in m) for m in members]
    x, tokens = ss.feature_matrix(texts, o)
    cos = np.clip(x @ x.T, 0, 1)
    np.fill_diagonal(cos, 1.0)
    return members, texts, x, tokens, cos


def finish(d, o, members, rel):
    return members, np.where(session_apart(d, members), 0.0 * rel, rel)


def sim_cosine_variant(variant=None, **kw) -> Sim:
    def sim(d, o):
        members, texts, x, tokens, cos = text_parts(d, o)
        if variant is not None:
            cos = variant(cos, x, tokens)
        return finish(d, o, members, ss.relative_similarity(cos, o))
    return sim


def idf_power(cos, x, tokens, gamma):
    n = x.shape[0]
    idf = np.log((1 + n) / (1 + (x > 0).sum(axis=0))) + 1
    y = x * idf ** (gamma - 1)
    y = y / np.maximum(np.linalg.norm(y, axis=1, keepdims=True), 1e-12)
    c = np.clip(y @ y.T, 0, 1)
    np.fill_diagonal(c, 1.0)
    return c


def anchor(cos, x, tokens, beta, maxdf, fams):
    df = (x > 0).sum(axis=0)
    keep = np.array([t[0] in fams and 2 <= k <= maxdf for t, k in zip(tokens, df)])
    b = (x[:, keep] > 0).astype(float)
    c = cos + beta * np.minimum(b @ b.T, 3) / 3
    np.fill_diagonal(c, 1.0)
    return c


def no_shared_numbers(cos, x, tokens, factor, minv, maxdf):
    df = (x > 0).sum(axis=0)
    keep = np.array([t[0] == "v" and k <= maxdf for t, k in zip(tokens, df)])
    b = x[:, keep] > 0
    cnt = b.sum(axis=1)
    shared = b.astype(float) @ b.T.astype(float)
    c = np.where(np.outer(cnt >= minv, cnt >= minv) & (shared == 0), cos * factor, cos)
    np.fill_diagonal(c, 1.0)
    return c


_VECTORS: dict[str, np.ndarray] = {}


def embed_all(sets) -> None:
    from voice_coach.embedder import OnnxEmbedder, model_files
    enc = OnnxEmbedder(*model_files())
    for _, d in sets:
        _VECTORS.update(zip(d.texts, enc.embed(d.texts)))


def sim_embedding(w: float, prior_sd_text: float = 1.3, prior_sd_emb: float = 0.18,
                  prior_pairs: float = 100.0, k: float = 10.0) -> Sim:
    """relative text similarity / its spread + w · centred MiniLM cosine / its spread; each
    spread over the bank's pairs, shrunk to a prior (the tuning sets' median) as `prior_pairs`."""
    def sim(d, o):
        members, texts, x, tokens, cos = text_parts(d, o)
        rel = ss.relative_similarity(cos, o)
        v = np.array([np.mean([_VECTORS[d.texts[i]] for i in m], axis=0) for m in members])
        v /= np.linalg.norm(v, axis=1, keepdims=True)
        c = v - v.sum(axis=0) / (len(v) + k)
        c /= np.linalg.norm(c, axis=1, keepdims=True)
        e = c @ c.T
        iu = np.triu_indices(len(members), 1)
        m = len(iu[0])

        def spread(a, prior):
            return np.sqrt((((a[iu] - a[iu].mean()) ** 2).sum() + prior_pairs * prior ** 2)
                           / (m + prior_pairs)) if m else prior

        return finish(d, o, members, rel / spread(rel, prior_sd_text)
                      + w * e / spread(e, prior_sd_emb))
    return sim


def sim_zscore(sd0: float, bw: float) -> Sim:
    def sim(d, o):
        members, texts, x, tokens, cos = text_parts(d, o)
        n = len(members)
        off = ~np.eye(n, dtype=bool)
        rows = [cos[i][off[i]] for i in range(n)]
        mu = np.array([(r.sum() + bw * o.background_cosine) / (len(r) + bw) for r in rows])
        var = np.array([(((r - m) ** 2).sum() + bw * sd0 ** 2) / (len(r) + bw)
                        for r, m in zip(rows, mu)])
        z = (cos - mu[:, None]) / np.sqrt(var)[:, None]
        return finish(d, o, members, (z + z.T) / 2)
    return sim


def cohesive_average(sim: np.ndarray, cut: float, alpha: float) -> list[int]:
    """Average linkage that also refuses a merge whose link is under `alpha` × the mean
    internal similarity of either group (a look-alike joins a tight group only if as close)."""
    clusters = {i: [i] for i in range(sim.shape[0])}
    blocked: set[tuple[int, int]] = set()
    while True:
        best, pair = -np.inf, None
        for a, b in itertools.combinations(list(clusters), 2):
            if (a, b) not in blocked:
                link = sim[np.ix_(clusters[a], clusters[b])].mean()
                if link > best:
                    best, pair = link, (a, b)
        if pair is None or best < cut:
            break
        a, b = pair
        if any(len(m) > 1 and best < alpha * (sim[np.ix_(m, m)].sum() - np.trace(
                sim[np.ix_(m, m)])) / (len(m) * (len(m) - 1)) for m in (clusters[a], clusters[b])):
            blocked.add(pair)
            continue
        clusters[a] = clusters[a] + clusters.pop(b)
        blocked = {p for p in blocked if a not in p and b not in p}
    label = [0] * sim.shape[0]
    for k, m in enumerate(clusters.values()):
        for i in m:
            label[i] = k
    return label


def labels(members, rel, cut, n, alpha=0.0) -> list[int]:
    unit = cohesive_average(rel, cut, alpha) if alpha else ss.group_tellings(rel, min_similarity=cut)
    out = [0] * n
    for m, lab in zip(members, unit):
        for i in m:
            out[i] = lab
    return out


def sweep(d, o, sim: Sim, banks: bool, alpha: float = 0.0):
    members, rel = sim(d, o)
    out = {c: (sg.pairwise(labels(members, rel, c, len(d.texts), alpha), d.truth)[:2],)
           for c in sg.CUTS}
    if not banks:
        return out
    counts = {c: [0, 0, 0] for c in sg.CUTS}
    for sub in sg.small_banks(d):
        m2, r2 = sim(sub, o)
        for c in sg.CUTS:
            _, _, tp, npred, ntrue = sg.pairwise(labels(m2, r2, c, len(sub.texts), alpha),
                                                 sub.truth)
            counts[c] = [counts[c][0] + tp, counts[c][1] + npred, counts[c][2] + ntrue]
    return {c: out[c] + ((k[0] / k[1] if k[1] else 1.0, k[0] / k[2] if k[2] else 1.0),)
            for c, k in counts.items()}


def cross_validate(sets, configs, banks: bool) -> None:
    """configs: (description, options, similarity, alpha). Prints the held-out table."""
    res = [[sweep(d, o, sim, banks, alpha) for _, d in sets] for _, o, sim, alpha in configs]
    print("| held out | chosen on the others | P | R | F1 |\n|---|---|---|---|---|")
    tot = [0, 0, 0]
    for k, (name, d) in enumerate(sets):
        train = {dataclasses.replace(configs[ci][1], hint_min_score=float(ci)):
                 [r for j, r in enumerate(rs) if j != k] for ci, rs in enumerate(res)}
        best, _ = sg.choose(train)
        ci, cut = int(best.hint_min_score), best.min_score
        desc, o, sim, alpha = configs[ci]
        members, rel = sim(d, o)
        p, r, tp, npred, ntrue = sg.pairwise(labels(members, rel, cut, len(d.texts), alpha),
                                             d.truth)
        tot = [tot[0] + tp, tot[1] + npred, tot[2] + ntrue]
        print(f"| {name} | {desc}, cut {cut} | {p:.3f} ({tp}/{npred}) | {r:.3f} ({tp}/{ntrue}) "
              f"| {sg._f1(p, r):.3f} |")
    p, r = tot[0] / tot[1], tot[0] / tot[2]
    print(f"| pooled | | {p:.3f} | {r:.3f} | {sg._f1(p, r):.3f} |")


def facts_counts(sets) -> None:
    """How often two tellings state conflicting triad numbers (baseline and after both differ
    by more than 10 %, same unit, same or unnamed metric, no correction said): same-story pairs,
    different-story pairs at relative similarity ≥ 2 (look-alikes) and the rest."""
    from voice_coach.analysis.facts import triad_values
    correction = re.compile(r"\b(?:actually|correction|closer\s+to|i\s+(?:said|misremembered|"
                            r"misspoke)|i\s+checked)\b", re.IGNORECASE)

    def num(v):
        m = v and re.search(r"([$€]?)(\d+(?:\.\d+)?)([MBKT]?)\s*(%|x\b)?", v)
        if not m:
            return None
        return float(m.group(2)) * ss._SCALE.get(m.group(3), 1.0), (m.group(4) or m.group(1))

    def differ(a, b):
        a, b = num(a), num(b)
        return a is not None and b is not None and a[1] == b[1] and \
            abs(a[0] - b[0]) > 0.1 * max(a[0], b[0])

    def stems(m):
        return {f for f in ss.features(m) if f.startswith("w:")} if m else set()

    counts = {"same story": [0, 0], "look-alike (rel ≥ 2)": [0, 0], "other": [0, 0]}
    for _, d in sets:
        tv = [triad_values(t) for t in d.texts]
        members, rel = sim_cosine_variant()(d, BASE)
        unit = {i: k for k, m in enumerate(members) for i in m}
        for i, j in itertools.combinations(range(len(d.texts)), 2):
            a, b = tv[i], tv[j]
            sa, sb = stems(a.metric), stems(b.metric)
            hit = (not correction.search(d.texts[i]) and not correction.search(d.texts[j])
                   and not (sa and sb and not sa & sb)
                   and differ(a.baseline, b.baseline) and differ(a.after, b.after))
            key = ("same story" if d.truth[i] == d.truth[j] else
                   "look-alike (rel ≥ 2)" if rel[unit[i], unit[j]] >= 2.0 else "other")
            counts[key] = [counts[key][0] + 1, counts[key][1] + hit]
    print("| pairs | conflicting triad numbers |\n|---|---|")
    for key, (n, hit) in counts.items():
        print(f"| {key}: {n} | {hit} ({hit / n:.2%}) |")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--idea", choices=("baseline", "hyphen", "idf", "anchor", "numbers",
                                       "embedding", "zscore", "cohesion"))
    ap.add_argument("--banks", action="store_true", help="score small banks too")
    ap.add_argument("--facts", action="store_true", help="conflicting triad numbers, pair counts")
    args = ap.parse_args()
    sets = sg.tuning_sets()
    if args.facts:
        facts_counts(sets)
        return 0
    priors = [dataclasses.replace(BASE, background_weight=bw) for bw in PRIORS]
    plain = sim_cosine_variant()
    idea = args.idea or "baseline"
    if idea == "hyphen":
        ss._WORD_RE = re.compile(r"[a-z][a-z']*[a-z]|[a-z]")
    configs = {
        "baseline": [(f"prior {o.background_weight:g}", o, plain, 0.0) for o in priors],
        "hyphen": [(f"prior {o.background_weight:g}", o, plain, 0.0) for o in priors],
        "idf": [(f"prior {o.background_weight:g}, gamma {g}", o, sim_cosine_variant(
            lambda c, x, t, g=g: idf_power(c, x, t, g)), 0.0)
            for o in priors for g in (1.0, 1.5, 2.0, 3.0)],
        "anchor": [(f"prior {o.background_weight:g}, beta {b}, df ≤ {m}, {f}", o,
                    sim_cosine_variant(lambda c, x, t, b=b, m=m, f=f: anchor(c, x, t, b, m, f)),
                    0.0)
                   for o in priors for b in (0.0, 0.05, 0.1, 0.2) for m in (2, 3)
                   for f in ("pbn", "pbnv")],
        "numbers": [(f"prior {o.background_weight:g}, × {fa}, ≥ {mv} values, df ≤ {m}", o,
                     sim_cosine_variant(lambda c, x, t, fa=fa, mv=mv, m=m:
                                        no_shared_numbers(c, x, t, fa, mv, m)), 0.0)
                    for o in priors for fa in (1.0, 0.7, 0.5) for mv in (2, 4) for m in (3, 6)],
        "embedding": [(f"prior {o.background_weight:g}, w {w}", o, sim_embedding(w), 0.0)
                      for o in priors[::2] for w in (0.0, 1.0, 1.5)],
        "zscore": [(f"z, sd prior {sd}, {bw:g} pairs", BASE, sim_zscore(sd, bw), 0.0)
                   for sd in (0.02, 0.04) for bw in (10.0, 40.0)],
        "cohesion": [(f"prior {o.background_weight:g}, alpha {a}", o, plain, a)
                     for o in priors[1:] for a in (0.0, 0.4, 0.5)],
    }[idea]
    if idea == "embedding":
        embed_all(sets)
    if idea in ("embedding", "zscore"):  # another scale: the cuts move with it
        sg.CUTS = tuple(round(1.0 + 0.25 * k, 2) for k in range(31)) if idea == "embedding" \
            else tuple(round(0.5 + 0.15 * k, 2) for k in range(31))
    print(f"### {idea}{' (small banks scored)' if args.banks else ''}\n")
    cross_validate(sets, configs, args.banks)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
