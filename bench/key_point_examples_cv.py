"""Would labelled answers of other voices, as examples, settle more key points? (measurement)

Usage: python bench/key_point_examples_cv.py

For every labelled content key point of the key-point sets (`scripts/train_key_points.py` SETS),
the example of the point in one answer is that answer's span (`SPAN_TOKENS` word pieces) closest
to the key point; an answer labelled covered gives a "covered" example, one labelled missed a
"missed" example. Leave-one-voice-out: for each voice the examples come only from the other
voices' answers (a training point never sees its own answer's example), and two heads are trained
on the other voices: today's head over `FEATURES`, and one over `FEATURES` plus the answer's best
cosine to the point's covered examples, to its missed examples, their difference and a flag
"this point has examples of both kinds" (all zero without). Both heads take their limits as
`train_key_points.fit` does. Prints one Markdown table (per set, per voice, points with and
without examples, all) and the cost of
the example features per answer. Measures by the head's features directly, like the one-off
scripts of docs/structure.md ("Fewer 'not clearly heard'"): it does not apply the report's
example and hypothetical rules, so its totals differ slightly from `key_points_accuracy.py`.
The frozen evaluation set is never read.
"""

from __future__ import annotations

import dataclasses
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import train_key_points as tk  # noqa: E402
from voice_coach.analysis.embed import PointHead  # noqa: E402
from voice_coach.analysis.key_points import (  # noqa: E402
    FEATURES, SPAN_TOKENS, SPAN_WINDOWS, question_clauses,
)
from voice_coach.analysis.structure import (  # noqa: E402
    _definition_texts, _norm, _semantic_key_points, clean_clauses, key_point_evidence,
)
from voice_coach.embedder import load_meaning_model  # noqa: E402
from voice_coach.questions import load_bank  # noqa: E402

EXAMPLE_FEATURES = ("example_margin", "example_covered", "example_missed", "has_examples")


@dataclasses.dataclass(frozen=True)
class Row:
    """One labelled content key point of one answer: the head's features, the answer's spans
    and the span closest to the point (its example)."""

    set: str
    voice: str
    answer: str
    key_point: str
    covered: bool
    features: np.ndarray  # (len(FEATURES),)
    spans: np.ndarray  # (n_spans, dim), unit rows, width SPAN_TOKENS
    example: np.ndarray | None  # (dim,)


def rows() -> list[Row]:
    """Every labelled content key point, its evidence computed as `answer_key_point_evidence`."""
    model = dataclasses.replace(load_meaning_model(), points=None)
    bank = load_bank()
    out = []
    for name in tk.available_sets():
        for a in tk.answers(name):
            q = bank.get(a["question"])
            kps = q.key_points
            labelled = {kp: True for kp in a["covered"]} | {kp: False for kp in a["missed"]}
            clean = [c for _, _, c in clean_clauses(a["text"].split())]
            norm = [_norm(c) for c in clean]
            full = " ".join(norm)
            defs = _definition_texts(kps, q.text)
            run = model.embedder.embed_spans(clean + list(kps) + defs + question_clauses(q.text),
                                             SPAN_WINDOWS)
            n = len(clean)
            pv = run.vectors[n:n + len(kps)]
            at = n + len(kps) + len(defs)
            covered, _ = _semantic_key_points(full, kps, pv, run.vectors[:n], clauses=norm,
                                              def_vectors=run.vectors[n + len(kps):at],
                                              question=q.text)
            ev = key_point_evidence(full, kps, pv, run, n, covered, run.vectors[at:])
            spans = run.span_vectors[(run.span_rows < n) & (run.span_widths == SPAN_TOKENS)]
            for i, kp in enumerate(kps):
                if kp in labelled and tk.is_content(kp, q.text):
                    best = ev.closest_span[i]
                    out.append(Row(name, a.get("voice", name), a["id"], kp, labelled[kp],
                                   ev.features[i], spans, spans[best] if best >= 0 else None))
    return out


# key point: (its examples' vectors, whether each is a covered one, the answer each comes from)
Examples = dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]


def examples(pool: list[Row]) -> Examples:
    """Per key point: its examples' vectors, whether each is a covered one, and their answers."""
    by: dict[str, list[Row]] = {}
    for r in pool:
        if r.example is not None:
            by.setdefault(r.key_point, []).append(r)
    return {kp: (np.array([r.example for r in rs]), np.array([r.covered for r in rs]),
                 np.array([r.answer for r in rs])) for kp, rs in by.items()}


def example_features(r: Row, ex: Examples) -> np.ndarray:
    """`EXAMPLE_FEATURES` of row `r` against examples `ex`, leaving out its own answer's."""
    if r.key_point not in ex or len(r.spans) == 0:
        return np.zeros(len(EXAMPLE_FEATURES))
    vectors, covered, answers = ex[r.key_point]
    other = answers != r.answer
    cov, mis = vectors[other & covered], vectors[other & ~covered]
    if len(cov) == 0 or len(mis) == 0:
        return np.zeros(len(EXAMPLE_FEATURES))
    sc = float((r.spans @ cov.T).max())
    sm = float((r.spans @ mis.T).max())
    return np.array([sc - sm, sc, sm, 1.0])


def fit(x: np.ndarray, y: np.ndarray, features: tuple[str, ...]) -> PointHead:
    """A head as `train_key_points.fit` makes it, over the given feature rows."""
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=tk.C, class_weight="balanced").fit(x, y)
    head = PointHead(features, clf.coef_[0], float(clf.intercept_[0]), 0.0, 1.0)
    return PointHead(features, head.weights, head.bias, *tk.limits(head.proba(x), y))


def verdict(head: PointHead, x: np.ndarray) -> str:
    p = head.proba(x[None, :])[0]
    return "covered" if p >= head.covered_from else "missed" if p < head.missed_below else "unclear"


def tally(t: Counter, got: str, want: bool) -> None:
    t["n"] += 1
    if got == "unclear":
        t["unclear"] += 1
        t["unclear_covered"] += want
        return
    t["said_missed"] += got == "missed"
    if (got == "covered") == want:
        t["ok"] += 1
        t["said_missed_right"] += got == "missed"
    else:
        t["false_credit" if got == "covered" else "miss"] += 1


def main() -> int:
    data = rows()
    tallies: dict[tuple[str, str], Counter] = {}
    with_examples: Counter = Counter()
    cost_s: list[float] = []
    for voice in sorted({r.voice for r in data}):
        train = [r for r in data if r.voice != voice]
        ex = examples(train)
        y = np.array([r.covered for r in train])
        base = fit(np.array([r.features for r in train]), y, FEATURES)
        x_ex = np.array([np.r_[r.features, example_features(r, ex)] for r in train])
        head = fit(x_ex, y, FEATURES + EXAMPLE_FEATURES)
        for r in data:
            if r.voice != voice:
                continue
            t0 = time.perf_counter()
            e = example_features(r, ex)
            cost_s.append(time.perf_counter() - t0)
            part = "points with examples" if e[-1] else "points without"
            for key in (r.set, r.voice, part, "all"):
                with_examples[key] += bool(e[-1])
                tally(tallies.setdefault((key, "today's head"), Counter()),
                      verdict(base, r.features), r.covered)
                tally(tallies.setdefault((key, "with examples"), Counter()),
                      verdict(head, np.r_[r.features, e]), r.covered)
    print("| set / voice | head (CV) | accuracy (decided) | false credits | misses | precision of "
          "\"missed\" (said) | not clearly heard (made) | points with examples |")
    print("|---|---|---|---|---|---|---|---|")
    for (key, method), t in sorted(tallies.items(), key=lambda kv: (kv[0][0] == "all", kv[0])):
        decided = t["n"] - t["unclear"]
        prec = t["said_missed_right"] / max(t["said_missed"], 1)
        print(f"| {key} | {method} | {t['ok'] / max(decided, 1):.3f} | {t['false_credit']} | "
              f"{t['miss']} | {prec:.2f} ({t['said_missed']}) | {t['unclear']} = "
              f"{t['unclear'] / t['n']:.0%} ({t['unclear_covered']}) | "
              f"{with_examples[key]}/{t['n']} |")
    print(f"\nexample features: {1e6 * float(np.mean(cost_s)):.0f} µs per key point (mean over "
          f"{len(cost_s)}), beyond the answer's embedding")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
