"""A learned decision over the follow-up rubric's mechanisms (supplied / specific /
switched_story of a follow-up reply); its switched_story model ships (session 16).

Usage: python scripts/train_follow_up_head.py --out FILE.npz [--cache FILE] [--switch-out FILE]
                                              [--sets DIR ...]

Session 15 (docs/follow_ups.md): leave-one-set-out over the eight tuning sets
(`bench/follow_ups_cv.py --learned`) it did not beat the rules on "supplied" (pooled 0.821 vs
0.833) nor on "specific" (0.742 vs 0.764), only on "switched_story" (0.964 vs 0.952), so the
head was not shipped then. Session 16 measured it once on the unseen follow-up set 7 (rules + the
learned switch: switched 0.917 -> 0.983, supplied 0.650 -> 0.683, specific 0.600 -> 0.633), and
the switch model trained on sets 1-8 ships as voice_coach/data/follow_up_switch.npz
(`follow_ups.learned_switch`; `--switch-out` writes it, `--sets` the eight sets).

Material: the follow-up tuning sets (`bench.follow_ups_cv.DEFAULT_SETS`, every set written in
its own voices and labelled by another helper). Each item runs through the real pipeline (the
first answer as answer 1, the reply judged on its follow-up, as `bench/follow_ups_accuracy.py`
does); the arguments the pipeline hands `follow_ups.judge` are recorded and `reply_features`
is computed from them — the reply's facts exactly as the judge sees them. One logistic
regression per label (L2, standardised features, scikit-learn) on the checked replies (a reply
the rubric cannot check stays not checked); its feature set (`SUBSETS`) and inverse
regularisation C (`C_GRID`) are chosen by leave-one-set-out accuracy on the training sets only
(`choose`). The .npz records the sha256 of the sets. `bench/follow_ups_cv.py --learned` runs
this whole procedure with one set left out and measures the decision on it. The frozen
evaluation sets are never read.
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.follow_ups_accuracy import LABELS, load_set  # noqa: E402
from bench.follow_ups_cv import DEFAULT_SETS  # noqa: E402

C_GRID = (0.01, 0.03, 0.1, 0.3, 1.0)  # inverse L2 strengths tried by the inner CV
# feature sets tried by the inner CV: every feature; no follow-up key; the mechanisms and the key
# without the meaning features
SUBSETS = ("all", "no_key", "no_meaning")


def columns(subset: str) -> list[int]:
    """The indices of `feature_names()` a feature set reads."""
    return [i for i, n in enumerate(feature_names())
            if subset == "all" or subset == "no_key" and not n.startswith("key:")
            or subset == "no_meaning" and n not in MEANING_FEATURES]
THRESHOLD = 0.5  # a label holds when its probability reaches this


# the reply's features, in the order the weights read them: the rubric mechanisms' outputs (0/1,
# a share or a log count), the meaning features (cosines of all-MiniLM-L6-v2 embeddings) and the
# follow-up key
from voice_coach.follow_ups import SWITCH_FEATURES as MECHANISM_FEATURES  # noqa: E402
MEANING_FEATURES = ("cos_question", "cos_first", "cos_asks", "cos_question_first")


def feature_names() -> tuple[str, ...]:
    """Every feature `reply_features` computes, in order (one per follow-up key at the end)."""
    from voice_coach.follow_ups import RUBRICS

    return MECHANISM_FEATURES + MEANING_FEATURES + tuple(f"key:{k}" for k in RUBRICS)


def follow_up_wording(key: str, question: Any | None) -> str:
    """The follow-up as the coach asks it: the question's own wording, else the generic one."""
    from voice_coach.follow_ups import rubric
    from voice_coach.questions import GENERIC_FOLLOW_UPS

    own = dict(getattr(question, "follow_ups", {}) or {}).get(key)
    return own or GENERIC_FOLLOW_UPS.get(key) or rubric(key).asks


def reply_features(key: str, s: Any, first_text: str | None, question: Any | None,
                   embed: Callable[[list[str]], Any]) -> dict[str, float]:
    """Every feature of `feature_names()` for the reply `s` (the facts `follow_ups.judge` is
    given) to the `key` follow-up of the answer `first_text` (None: unknown): what each rubric
    mechanism says of it, and four cosines of sentence embeddings (`embed`: texts → unit
    vectors) — the reply against the follow-up question, the first answer and the rubric's own
    words for what is asked, and the first answer against the question."""
    from voice_coach.analysis.facts import answer_text
    from voice_coach.follow_ups import rubric, switch_features

    r = rubric(key)
    text = answer_text(s)
    first = first_text or ""
    f = switch_features(key, s, question, first_text)  # the mechanisms, as the judge reads them
    e = embed([" ".join(text.split()) or ".", " ".join(first.split()) or ".",
               follow_up_wording(key, question), f"{r.asks}: {r.how}"])
    f["cos_question"] = float(e[0] @ e[2])
    f["cos_first"] = float(e[0] @ e[1]) if first.strip() else 0.0
    f["cos_asks"] = float(e[0] @ e[3])
    f["cos_question_first"] = float(e[1] @ e[2]) if first.strip() else 0.0
    return {k: float(f[k]) for k in feature_names()}


@dataclass(frozen=True)
class Row:
    """One reply: its set, features, the labeller's call and the rules' call."""

    set: str
    id: str
    key: str
    x: np.ndarray  # `feature_names()`, in order
    truth: dict[str, bool]
    rules: dict[str, bool]
    not_checked: bool


def source_digest(sets: Sequence[Path] = DEFAULT_SETS) -> str:
    """sha256 over the sets' items and labels, in order."""
    h = hashlib.sha256()
    for folder in sets:
        for name in ("items.toml", "labels.toml"):
            h.update((folder / name).read_bytes())
    return h.hexdigest()


def collect(sets: Sequence[Path]) -> list[Row]:
    """Every item of `sets` through the pipeline, with the judge's features recorded."""
    import dataclasses

    from voice_coach import follow_ups
    from voice_coach.config import Config
    from voice_coach.embedder import shared_meaning_model
    from voice_coach.pipeline import FollowUpOf, analyze_text
    from voice_coach.questions import load_bank

    model = shared_meaning_model()
    if model is None:
        raise SystemExit("the sentence-embedding model is not installed: the head needs it")
    cfg, bank = Config(), load_bank()
    real_judge, calls = follow_ups.judge, []

    def recording_judge(key, s, length_s, question=None, first_text=None, **kw):
        calls.append((key, s, length_s, question, first_text))
        return real_judge(key, s, length_s, question, first_text=first_text, **kw)

    rows = []
    follow_ups.judge = recording_judge
    try:
        for folder in sets:
            items, labels = load_set(folder)
            for it in items:
                q = bank.get(it["question_id"])
                main = dataclasses.replace(analyze_text(it["answer"], cfg=cfg, question=q), n=1)
                calls.clear()
                reply = analyze_text(it["reply"], cfg=cfg, question=q, follow_up=FollowUpOf(
                    it["follow_up_key"], main, (), (q.text, it["follow_up"])))
                key, s, length_s, question, first = calls[-1]
                f = reply_features(key, s, first, question, model.embedder.embed)
                c = reply.follow_up_check
                rows.append(Row(folder.name, it["id"], key,
                                np.array([f[n] for n in feature_names()], np.float64),
                                {k: bool(labels[it["id"]][k]) for k in LABELS},
                                {"supplied": c.supplied, "specific": c.specific,
                                 "switched_story": bool(c.switched_story)}, c.not_checked))
            print(f"  {folder.name}: {len(items)} items", file=sys.stderr)
    finally:
        follow_ups.judge = real_judge
    return rows


def fit_label(x: np.ndarray, y: np.ndarray, c: float) -> tuple[np.ndarray, float, np.ndarray,
                                                               np.ndarray]:
    """(weights, bias, mean, scale) of an L2 logistic regression on standardised `x`."""
    from sklearn.linear_model import LogisticRegression

    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    if y.all() or not y.any():  # one class only: a constant
        return np.zeros(x.shape[1]), 10.0 if y.all() else -10.0, mean, scale
    clf = LogisticRegression(C=c, max_iter=5000).fit((x - mean) / scale, y)
    return clf.coef_[0].astype(np.float64), float(clf.intercept_[0]), mean, scale


def proba(params: tuple[np.ndarray, float, np.ndarray, np.ndarray], x: np.ndarray) -> np.ndarray:
    w, b, mean, scale = params
    return 1.0 / (1.0 + np.exp(-(((x - mean) / scale) @ w + b)))


def choose(rows: Sequence[Row], label: str) -> tuple[str, float]:
    """The (feature set of `SUBSETS`, C of `C_GRID`) with the best pooled leave-one-set-out
    accuracy on `rows` (ties: the earlier feature set, the smaller C)."""
    sets = sorted({r.set for r in rows})
    best, best_acc = (SUBSETS[0], C_GRID[0]), -1.0
    for subset in SUBSETS:
        cols = columns(subset)
        for c in C_GRID:
            right = 0
            for held in sets:
                train = [r for r in rows if r.set != held]
                test = [r for r in rows if r.set == held]
                params = fit_label(np.array([r.x[cols] for r in train]),
                                   np.array([r.truth[label] for r in train]), c)
                p = proba(params, np.array([r.x[cols] for r in test]))
                right += int(((p >= THRESHOLD) == np.array([r.truth[label] for r in test])).sum())
            acc = right / len(rows)
            if acc > best_acc + 1e-12:
                best, best_acc = (subset, c), acc
    return best


@dataclass(frozen=True)
class Head:
    """Per label: (weights, bias, mean, scale), the feature set and C chosen."""

    params: dict[str, tuple[np.ndarray, float, np.ndarray, np.ndarray]]
    c: dict[str, tuple[str, float]]


def fit(rows: Sequence[Row]) -> Head:
    """The head trained on the checked replies of `rows`, C chosen by inner CV on them."""
    checked = [r for r in rows if not r.not_checked]
    params, cs = {}, {}
    for label in LABELS:
        cs[label] = choose(checked, label)
        x = np.array([r.x[columns(cs[label][0])] for r in checked])
        params[label] = fit_label(x, np.array([r.truth[label] for r in checked]), cs[label][1])
    return Head(params, cs)


def decide(head: Head, row: Row, joint: bool = True) -> dict[str, bool]:
    """The head's call on one reply: a reply the rubric cannot check keeps the rules' call; with
    `joint` the report's meaning holds (a switched reply supplies nothing, specific only when
    supplied), as `follow_ups.judge` applies it."""
    if row.not_checked:
        return dict(row.rules)
    p = {lab: float(proba(head.params[lab], row.x[None, columns(head.c[lab][0])])[0])
         >= THRESHOLD for lab in LABELS}
    if joint:
        p["supplied"] = p["supplied"] and not p["switched_story"]
        p["specific"] = p["specific"] and p["supplied"]
    return p


def rules_with_learned_switch(head: Head, row: Row) -> dict[str, bool]:
    """The rules' call with the head's switched_story in place of the rules' (a switched reply
    supplies nothing): measured post hoc, after the leave-one-set-out table showed the head
    better only there."""
    if row.not_checked:
        return dict(row.rules)
    f = dict(zip(feature_names(), row.x))
    switched = decide(head, row)["switched_story"]
    supplied = bool(f["rule_supplied"]) and not any(
        f[k] for k in ("deflects", "declines", "repeats")) and not switched
    return {"supplied": supplied, "specific": supplied and bool(f["rule_specific"]),
            "switched_story": switched}


def load_rows(cache: Path | None, sets: Sequence[Path]) -> list[Row]:
    """The collected rows, from `cache` when it holds these sets' digest."""
    digest = source_digest(sets)
    if cache is not None and cache.is_file():
        saved = pickle.loads(cache.read_bytes())
        if saved.get("digest") == digest:
            return saved["rows"]
    rows = collect(sets)
    if cache is not None:
        cache.write_bytes(pickle.dumps({"digest": digest, "rows": rows}))
    return rows


def save(head: Head, path: Path, digest: str) -> None:
    names = feature_names()
    arrays = {"labels": np.array(LABELS), "threshold": np.float64(THRESHOLD),
              "source_sha256": np.array(digest)}
    for lab in LABELS:
        w, b, mean, scale = head.params[lab]
        subset, c = head.c[lab]
        arrays.update({f"{lab}_w": w, f"{lab}_b": np.float64(b), f"{lab}_mean": mean,
                       f"{lab}_scale": scale, f"{lab}_c": np.float64(c),
                       f"{lab}_features": np.array([names[i] for i in columns(subset)])})
    np.savez(path, **arrays)


def save_switch(head: Head, path: Path, digest: str) -> None:
    """The switched_story model alone, as `follow_ups.learned_switch` reads it."""
    names = feature_names()
    w, b, mean, scale = head.params["switched_story"]
    subset, c = head.c["switched_story"]
    np.savez(path, w=w, b=np.float64(b), mean=mean, scale=scale,
             features=np.array([names[i] for i in columns(subset)]),
             threshold=np.float64(THRESHOLD), c=np.float64(c), source_sha256=np.array(digest))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", type=Path, required=True,
                   help="the .npz of every label's model (only the switch model ships)")
    p.add_argument("--cache", type=Path, help="keep the collected features in this file")
    p.add_argument("--switch-out", type=Path,
                   help="also write the switched_story model (voice_coach/data/follow_up_switch.npz)")
    p.add_argument("--sets", type=Path, nargs="+", metavar="DIR",
                   help="the training sets (default: every follow-up tuning set)")
    args = p.parse_args(argv)
    sets = args.sets or [d for d in DEFAULT_SETS if (d / "items.toml").exists()]
    rows = load_rows(args.cache, sets)
    head = fit(rows)
    save(head, args.out, source_digest(sets))
    if args.switch_out is not None:
        save_switch(head, args.switch_out, source_digest(sets))
    print(f"{args.out}: {len(rows)} replies, feature set and C {head.c}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
