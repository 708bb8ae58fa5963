"""Screen an answer-level STAR-L decision learned from clause evidence, leave-one-round-out.

Usage: python bench/meaning_stack_cv.py [--cache PATH] [--rebuild]

Today a part is present by three hand limits per part on the clause probabilities plus strong
cues (`structure.clause_votes`, limits from `scripts/train_meaning.py`). This bench asks whether
a decision learned per part from answer-level evidence does better on voices the build has not
seen. For each tuning round (the folds of `bench/meaning_cv.py`, plus the project's own answers
`structure_cases.toml` as one more round) the clause and kind heads and the limits are trained
without that round, exactly as `train_meaning.build` does; that fold's model then reads *every*
labelled answer and the evidence is stored (phase 1, slow, cached in `--cache`). Phase 2 trains,
per part, a logistic regression on the evidence (every round weighing the same) and scores it on
the held-out round, two ways:
- `stack (in-sample)`: trained on the other rounds' evidence as read by the held-out round's own
  fold model (the head saw those rounds: what a build could do cheaply);
- `stack (out-of-round)`: trained on each other round's evidence as read by *its* fold model
  (each training answer read by a head that did not see it; that head saw the held-out round's
  clauses, a mild leak in the stacker's favour).
Beside them: the current method, rules only, OR / AND of the two, and what ships: the learned
decision may only drop a part the current method found (`stack AND current`, the in-sample
stack; see docs/structure.md "Session 7"). Prints a Markdown table
per part: pooled answers right over the measured rounds, and per held-out round. The frozen
evaluation sets are never read.
"""

from __future__ import annotations

import argparse
import pickle
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import train_meaning as tm  # noqa: E402
from bench.meaning_cv import CachedEmbedder  # noqa: E402
from voice_coach.analysis.embed import MeaningModel, SpanEmbedding  # noqa: E402
from voice_coach.analysis.structure import STAR_EVIDENCE  # noqa: E402

PARTS = tm.STAR_PARTS


class SpanCache(CachedEmbedder):
    """CachedEmbedder that also caches whole span runs (the analysis embeds key points and spans
    in one run; STAR-L only reads the clause vectors, so a cached run is exact)."""

    def __init__(self, inner):
        super().__init__(inner)
        self._spans: dict[tuple, SpanEmbedding] = {}

    def embed_spans(self, texts: Sequence[str], windows: Sequence[tuple[int, int]]):
        key = (tuple(texts), tuple(windows))
        if key not in self._spans:
            self._spans[key] = self._inner.embed_spans(texts, windows)
        return self._spans[key]


def evidence_rows(text: str, kind: str | None, model: MeaningModel) -> tuple[dict, np.ndarray]:
    """(verdict per part by the calibrated limits, evidence matrix (len(PARTS),
    len(STAR_EVIDENCE))) of one answer: exactly what the run time computes before the
    answer-level decision (`Structure.star_evidence`)."""
    from voice_coach.analysis.structure import analyze_structure

    s = analyze_structure(text, kind=kind, model=model, method="meaning")
    return {p: s.star_present[p] for p in PARTS}, np.array(s.star_evidence, np.float64)


def phase1(emb, items, folds) -> dict:
    """{fold: {"current": {(round, id): {part: bool}}, "x": {(round, id): matrix}}}."""
    labelled = [a for a in items if a.star is not None and len(a.star) == len(PARTS)]
    out = {}
    for r in folds:
        train = [a for a in items if a.round != r]
        test_ids = frozenset(a.id for a in items if a.round == r)
        star, kind, _, _ = tm.build(emb, train, test_ids, cross_fit=0)  # decision unused
        model = MeaningModel(emb, star, kind)  # without the answer-level decision: the limits
        cur, x = {}, {}
        for a in labelled:
            c, m = evidence_rows(a.text, a.kind, model)
            cur[(a.round, a.id)] = c
            x[(a.round, a.id)] = m
        out[r] = {"current": cur, "x": x}
        print(f"fold {r}: {sum(a.round == r for a in labelled)} answers held out", flush=True)
    return out


def rules_verdicts(items) -> dict:
    from voice_coach.analysis.structure import analyze_structure

    return {(a.round, a.id): analyze_structure(a.text, kind=a.kind, method="rules").star_present
            for a in items if a.star is not None and len(a.star) == len(PARTS)}


def fit_stack(x: np.ndarray, y: np.ndarray, w: np.ndarray, c: float):
    from sklearn.linear_model import LogisticRegression

    mu, sd = x.mean(axis=0), x.std(axis=0) + 1e-6
    if y.all() or not y.any():
        return lambda z: np.full(len(z), bool(y[0]))
    clf = LogisticRegression(C=c, max_iter=5000)
    clf.fit((x - mu) / sd, y, sample_weight=w)
    return lambda z: clf.predict_proba((z - mu) / sd)[:, 1] >= 0.5


def balanced(rounds: Sequence[str]) -> np.ndarray:
    count = {r: rounds.count(r) for r in set(rounds)}
    w = np.array([1.0 / count[r] for r in rounds])
    return w * len(rounds) / w.sum()


def phase2(data, items, rules, folds, c: float, columns: Sequence[int] | None = None) -> dict:
    """{method: {part: {fold: (right, total)}}}."""
    labelled = [a for a in items if a.star is not None and len(a.star) == len(PARTS)]
    res: dict = {}

    def add(method, part, fold, ok):
        t = res.setdefault(method, {}).setdefault(part, {}).setdefault(fold, [0, 0])
        t[0] += int(ok)
        t[1] += 1

    def cols(m):
        return m if columns is None else m[:, list(columns)]

    for r in folds:
        test = [a for a in labelled if a.round == r]
        train = [a for a in labelled if a.round != r]
        w = balanced([a.round for a in train])
        for i, p in enumerate(PARTS):
            y = np.array([a.star[p] for a in train])
            own = data[r]["x"]
            xin = np.stack([cols(own[(a.round, a.id)])[i] for a in train])
            xout = np.stack([cols(data[a.round]["x"][(a.round, a.id)])[i] for a in train])
            xt = np.stack([cols(own[(a.round, a.id)])[i] for a in test])
            # as at run time: no part in a hypothetical answer, none without a clause to carry it
            full = np.stack([own[(a.round, a.id)][i] for a in test])
            can = (full[:, STAR_EVIDENCE.index("hypothetical_answer")] == 0) & \
                (full[:, STAR_EVIDENCE.index("p_max")] > 0)
            pin = fit_stack(xin, y, w, c)(xt) & can
            pout = fit_stack(xout, y, w, c)(xt) & can
            for a, gi, go in zip(test, pin, pout):
                key = (a.round, a.id)
                want = a.star[p]
                cur = data[r]["current"][key][p]
                rul = rules[key][p]
                add("current", p, r, cur == want)
                add("rules only", p, r, rul == want)
                add("current OR rules", p, r, (cur or rul) == want)
                add("current AND rules", p, r, (cur and rul) == want)
                add("stack (in-sample)", p, r, bool(gi) == want)
                add("stack (out-of-round)", p, r, bool(go) == want)
                add("stack AND current (shipped)", p, r, (bool(gi) and cur) == want)
    return res


def table(res: dict, folds: Sequence[str]) -> None:
    short = [f.replace("structure_round_", "") for f in folds]
    print("| part | method | pooled | round mean | " + " | ".join(short) + " |")
    print("|---|---|---|---|" + "---|" * len(folds))
    for p in PARTS:
        for method, per in res.items():
            cells = per[p]
            right = sum(cells[f][0] for f in folds)
            total = sum(cells[f][1] for f in folds)
            mean = np.mean([cells[f][0] / cells[f][1] for f in folds])
            print(f"| {p} | {method} | {right / total:.3f} ({right}) | {mean:.3f} | "
                  + " | ".join(str(cells[f][0]) for f in folds) + " |")
    print("| answers | | | | " + " | ".join(str(res["current"][PARTS[0]][f][1]) for f in folds)
          + " |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", type=Path, default=Path("/tmp/meaning_stack_cv.pkl"))
    ap.add_argument("--rebuild", action="store_true", help="redo phase 1 even when cached")
    ap.add_argument("--c", type=float, default=1.0, help="stacker inverse regularisation")
    args = ap.parse_args()
    items = tm.answers()
    folds = [r for r in dict.fromkeys(a.round for a in items) if r != "kind_only"]
    if args.cache.exists() and not args.rebuild:
        with args.cache.open("rb") as f:
            data, rules = pickle.load(f)
    else:
        from voice_coach.embedder import OnnxEmbedder, model_files

        emb = SpanCache(OnnxEmbedder(*model_files()))
        rules = rules_verdicts(items)
        data = phase1(emb, items, folds)
        with args.cache.open("wb") as f:
            pickle.dump((data, rules), f)
    res = phase2(data, items, rules, folds, args.c)
    measured = [f for f in folds if f != "cases"]
    print(f"\n### leave-one-round-out, {len(measured)} rounds (the project's own answers "
          "in training, as in bench/meaning_cv.py)")
    table(res, measured)
    print("\n### the project's own answers held out")
    table(res, ["cases"])


if __name__ == "__main__":
    main()
