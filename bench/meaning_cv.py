"""Leave-one-round-out accuracy of structure analysis by meaning on the tuning rounds.

Usage: python bench/meaning_cv.py [--details] [--only ROUND ...] [--no-weak] [--retell]
       [--retold-test] [--cache F.npz] [--emb-cache F.pkl] [--dump F.jsonl] [--by-round]
       [--cross-fit N] [--json F.json] [--drop ROUND ...]

For each tuning round (tests/data/structure_holdout.toml, each tests/data/structure_round_*/
folder, split by persona where a round has one answers file per persona) the clause head, the
kind head and the calibrated limits are trained exactly as `scripts/train_meaning.py` does, but
without that round's answers and clauses, and the round is then analysed with them: the honest
number for voices the build has not seen. The project's own tuning answers
(structure_cases.toml) are always in training and never measured. Prints per-label accuracy per
round and pooled, with false alarms (predicted true, labelled false) and misses, and rules only
beside; --details lists every disagreement. --by-round holds out a whole round (its personas
together: leave-one-round-out) instead of one persona; --cross-fit N trains each fold's
answer-level decision as `train_meaning.build(cross_fit=N)` does (0: on the fold heads' own
in-sample reading, as before session 11); --json writes the tallies per fold. --retold-test also scores every held-out answer retold in the historic
present and the present continuous (`scripts/retell.py`, the renderer the build trains with, so
a favourable check; round M6 `histpres` is a real historic-present voice). --dump writes each
answer's predictions and STAR-L shares for `bench/tense_shares.py`. The frozen evaluation set
is never read.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import train_meaning as tm  # noqa: E402
from retell import TENSES  # noqa: E402
from bench.structure_accuracy import Case, predictions  # noqa: E402
from voice_coach.analysis.embed import EMBEDDING_DIM, MeaningModel  # noqa: E402

MEASURED = ("kind", "star.situation", "star.task", "star.action", "star.result", "star.learning",
            "metric_triad.baseline", "metric_triad.after", "metric_triad.business_outcome",
            "metric_triad.complete", "leadership_principles", "hypothetical")


class CachedEmbedder:
    """The real embedder with a per-text cache: folds re-embed the same clauses many times."""

    def __init__(self, inner, path: Path | None = None, pickled: Path | None = None):
        self._inner = inner
        self._cache: dict[str, np.ndarray] = {}
        self._spans: dict[tuple, Any] = {}
        self._path = path
        self._pickled = pickled
        if path is not None and path.exists():
            with np.load(path) as d:
                self._cache = dict(zip(d["texts"].tolist(), d["vectors"]))
        if pickled is not None and pickled.exists():
            with pickled.open("rb") as f:
                self._cache.update(pickle.load(f))

    def save(self) -> None:
        """Write the cache to its file (given with --cache), so a later run embeds nothing twice."""
        if self._path is not None and self._cache:
            texts = list(self._cache)
            np.savez(self._path, texts=np.array(texts), vectors=np.stack([self._cache[t] for t in texts]))
        if self._pickled is not None and self._cache:
            with self._pickled.open("wb") as f:
                pickle.dump(self._cache, f)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        todo = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if todo:
            for t, v in zip(todo, self._inner.embed(todo)):
                self._cache[t] = v
        if not texts:
            return np.zeros((0, EMBEDDING_DIM), np.float32)
        return np.stack([self._cache[t] for t in texts])

    def embed_spans(self, texts: Sequence[str], windows: Sequence[tuple[int, int]]):
        """Cached per run (texts, windows) in memory: the spans come from the inner embedder's
        run and do not depend on the heads, so every fold reuses them."""
        key = (tuple(texts), tuple(windows))
        if key not in self._spans:
            self._spans[key] = self._inner.embed_spans(texts, windows)
        return self._spans[key]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--details", action="store_true", help="list every disagreement")
    ap.add_argument("--only", action="append", help="measure only these rounds")
    ap.add_argument("--no-weak", action="store_true", help="no weak clause labels")
    ap.add_argument("--retell", action="store_true",
                    help="train also on the story clauses retold in the present")
    ap.add_argument("--dump", type=Path, help="write every answer's predictions and STAR shares "
                    "(JSON lines) to this file")
    ap.add_argument("--retold-test", action="store_true",
                    help="also measure each held-out answer retold in the historic present and "
                    "the present continuous (scripts/retell.py; STAR-L labels kept)")
    ap.add_argument("--cache", type=Path, help="embedding cache file (.npz), read and written")
    ap.add_argument("--emb-cache", type=Path,
                    help="embedding cache pickle {text: vector}, read and written (the one "
                    "scripts/train_meaning.py --emb-cache reads)")
    ap.add_argument("--by-round", action="store_true",
                    help="hold out whole rounds (personas together), not one persona")
    ap.add_argument("--cross-fit", type=int, default=tm.CROSS_FIT_GROUPS,
                    help="the fold decision's cross-fit groups (0: in-sample, before session 11)")
    ap.add_argument("--json", type=Path, help="write the tallies per fold (meaning, rules)")
    ap.add_argument("--insample-too", action="store_true",
                    help="also measure each fold with the decision trained on its heads' own "
                    "in-sample reading (the pre-session-11 build; same heads): column 'in-sample'")
    ap.add_argument("--save-folds", type=Path, metavar="DIR",
                    help="pickle per fold: heads, the decision's training evidence (and the "
                    "in-sample one), the held-out answers' evidence (for bench/part_method_cv.py)")
    ap.add_argument("--save-only", action="store_true",
                    help="with --save-folds: build and save the folds, measure nothing")
    ap.add_argument("--decision-from", type=Path, metavar="DIR",
                    help="no training: each fold's heads from DIR (--save-folds), its decision "
                    "trained on the other folds' held-out evidence (out-of-round: each answer "
                    "read by heads trained without its round); column 'in-sample' from the "
                    "fold's saved in-sample evidence")
    ap.add_argument("--drop", action="append", default=[], metavar="ROUND",
                    help="leave this round folder out entirely (neither trained on nor measured)")
    ap.add_argument("--spent", action="store_true",
                    help="the spent evaluation rounds (scripts/spent_rounds.py) as more rounds: "
                    "trained on like the others, and only they are measured (unless --only)")
    ap.add_argument("--spent-groups", type=int, default=0, metavar="N",
                    help="with --spent: hold out the spent rounds in N groups (rounds in sorted "
                    "order dealt to the groups) instead of one round at a time")
    ap.add_argument("--spent-test-only", action="store_true",
                    help="with --spent: train on no spent round (today's training set); every "
                    "fold then has the same training set and the build runs once")
    ap.add_argument("--heads", type=Path, metavar="NPZ",
                    help="no training: measure every fold with these heads (e.g. the shipped "
                    "voice_coach/data/meaning.npz)")
    ap.add_argument("--explain", action="append", default=[], metavar="ID",
                    help="print the clauses of this answer with the fold model's probabilities")
    args = ap.parse_args()
    from voice_coach.embedder import OnnxEmbedder, model_files

    if args.drop:  # every reader of the rounds goes through round_dirs
        every = tm.round_dirs
        tm.round_dirs = lambda: [d for d in every() if d.name not in args.drop]
    emb = CachedEmbedder(OnnxEmbedder(*model_files()), args.cache, args.emb_cache)
    _EMB.append(emb)
    tm.SPENT = args.spent
    items = tm.answers()
    fold_of = (lambda a: a.round.split(":")[0]) if args.by_round else (lambda a: a.round)
    if args.spent and args.spent_groups:
        import spent_rounds

        spent = sorted({a.round.split(":")[0] for a in items
                        if a.round.startswith(spent_rounds.PREFIX)})
        deal = {r: f"spent_group{i % args.spent_groups}" for i, r in enumerate(spent)}
        inner_fold = fold_of
        fold_of = lambda a: deal.get(a.round.split(":")[0]) or inner_fold(a)  # noqa: E731
        for g in range(args.spent_groups):
            print(f"spent_group{g}: {', '.join(r for r in spent if deal[r] == f'spent_group{g}')}")
    rounds = [r for r in dict.fromkeys(fold_of(a) for a in items) if r not in ("cases", "kind_only")]
    if args.spent and not args.only:
        rounds = [r for r in rounds if r.startswith("spent_")]
    is_spent = (lambda a: a.round.startswith("spent_"))
    fixed = None
    if args.heads:
        from voice_coach.embedder import load_heads, load_part_head

        star, kind = load_heads(args.heads)
        fixed = (MeaningModel(emb, star, kind, parts=load_part_head(args.heads)), 0)
    if args.only:  # in the order given
        rounds = [r for r in args.only if r in rounds]
    labels_of = _labels()
    pooled: dict[str, list[int]] = {}
    pooled_rules: dict[str, list[int]] = {}
    pooled_ins: dict[str, list[int]] = {}
    per_fold: dict[str, dict[str, dict[str, list[int]]]] = {}
    dumped: list[dict] = []
    retold_tally: dict[str, list[int]] = {}
    for r in rounds:
        train = [a for a in items if fold_of(a) != r]
        test = [a for a in items if fold_of(a) == r]
        if args.spent_test_only:
            train = [a for a in items if not is_spent(a)]
        if fixed is not None:
            _score_fold(args, r, train, test, fixed[0], None, fixed[1], labels_of, pooled,
                        pooled_rules, pooled_ins, per_fold, dumped, retold_tally)
            continue
        if args.decision_from:
            model, ins_model, n = _from_saved(args.decision_from, r, train)
            _score_fold(args, r, train, test, model, ins_model, n, labels_of, pooled,
                        pooled_rules, pooled_ins, per_fold, dumped, retold_tally)
            continue
        used: dict[str, Any] = {}
        if args.spent_test_only and fixed is not None:
            model, n = fixed
        else:
            leave = frozenset(a.id for a in test) if not args.spent_test_only else \
                frozenset(a.id for a in items if is_spent(a))
            star, kind, parts, n = tm.build(emb, train, leave,
                                            weak=not args.no_weak, retell=args.retell,
                                            cross_fit=args.cross_fit, evidence_out=used)
            emb.save()
            model = MeaningModel(emb, star, kind, parts=parts)
            if args.spent_test_only:
                fixed = (model, n)
        ins_model, x_ins = None, None
        if args.insample_too or args.save_folds:
            x_ins = used["x"] if not args.cross_fit else \
                tm.evidence(emb, star, kind, tm._labelled(train))
            ins_model = MeaningModel(emb, star, kind, parts=tm.fit_parts(x_ins, train))
        if args.save_folds:
            args.save_folds.mkdir(parents=True, exist_ok=True)
            held = tm._labelled(test)
            with (args.save_folds / f"{r}.pkl").open("wb") as f:
                pickle.dump({"star": star, "kind": kind, "cross_fit": args.cross_fit,
                             "train_keys": [(a.round, a.id) for a in tm._labelled(train)],
                             "x_used": used["x"], "x_insample": x_ins,
                             "test_keys": [(a.round, a.id) for a in held],
                             "x_test": tm.evidence(emb, star, kind, held)}, f)
        if args.save_only:
            print(f"fold {r} saved", flush=True)
            continue
        _score_fold(args, r, train, test, model, ins_model, n, labels_of, pooled, pooled_rules,
                    pooled_ins, per_fold, dumped, retold_tally)
    print(f"\n### pooled, leave-one-{'round' if args.by_round else 'persona'}-out "
          f"({', '.join(rounds)})")
    _table(pooled, rules=pooled_rules, insample=pooled_ins)
    emb.save()
    if BY_ROUND:
        stars = [k for k in MEASURED if k.startswith("star.")]
        print("\n### per round (right/total)\n| round | " + " | ".join(k[5:] for k in stars) + " |")
        print("|---|" + "---|" * len(stars))
        for rr, t in sorted(BY_ROUND.items()):
            print(f"| {rr} | " + " | ".join(f"{t[k][0]}/{t[k][1]}" if k in t else "–"
                                           for k in stars) + " |")
    if args.retold_test:
        print("\n### pooled, the held-out answers retold (same labels)")
        _table(retold_tally, [f"{t}:{k}" for t in TENSES for k in MEASURED if k.startswith("star.")])


def _score_fold(args, r, train, test, model, ins_model, n, labels_of, pooled, pooled_rules,
                pooled_ins, per_fold, dumped, retold_tally) -> None:
    """Measure held-out fold `r` with `model` (and `ins_model`), add to the pooled tallies."""
    tally: dict[str, list[int]] = {}
    rules: dict[str, list[int]] = {}
    insample: dict[str, list[int]] = {}
    misses = []
    for a in test:
        case = labels_of[(a.round, a.id)]
        by_round = BY_ROUND.setdefault(a.round.split(":")[0], {})
        if a.id in args.explain:
            _explain(case, model)
        pred = predictions(case, "meaning", model)
        _score(case, predictions(case, "rules", None), rules)
        if args.insample_too:
            _score(case, predictions(case, "meaning", ins_model), insample)
        if args.dump:
            dumped.append({**_dump(r, case, pred, model), "group": a.round})
        if args.retold_test:
            _retold(r, case, model, retold_tally, dumped if args.dump else None)
        misses.extend(f"{a.id}: {m}" for m in _score(case, pred, tally))
        _score(case, pred, by_round)
    for pool, fold in ((pooled, tally), (pooled_rules, rules), (pooled_ins, insample)):
        for k, v in fold.items():
            p = pool.setdefault(k, [0, 0, 0, 0])
            for i in range(4):
                p[i] += v[i]
    per_fold[r] = {"meaning": tally, "rules": rules, "insample": insample}
    if args.json:
        args.json.write_text(json.dumps(per_fold, indent=1))
    if args.dump:  # after every round, so a stopped run keeps what it measured
        args.dump.write_text("".join(json.dumps(d) + "\n" for d in dumped))
    print(f"\n### {r} ({len(test)} answers; trained on {len(train)} answers, {n} clauses)",
          flush=True)
    _table(tally, rules=rules, insample=insample)
    if args.details:
        for m in misses:
            print("  " + m)


def _retold(a_round: str, case: Case, model: MeaningModel, tally: dict[str, list[int]],
            dumped: list[dict] | None) -> None:
    """Score `case` retold in each tense (its STAR-L labels kept) into `tally` ("tense:label")."""
    from retell import retell

    for tense in TENSES:
        text = retell(case.text, tense)
        if text is None:
            continue
        told = replace(case, id=f"{case.id}@{tense}", text=text)
        pred = predictions(told, "meaning", model)
        for key, want in case.labels.items():
            if key.startswith("star."):
                t = tally.setdefault(f"{tense}:{key}", [0, 0, 0, 0])
                t[1] += 1
                if want == pred[key]:
                    t[0] += 1
                else:
                    t[2 if pred[key] else 3] += 1
        if dumped is not None:
            dumped.append(_dump(a_round, told, pred, model))


def _dump(a_round: str, case: Case, pred: dict, model: MeaningModel) -> dict:
    """One answer's labels, predictions and STAR-L shares of the answer (by meaning)."""
    from voice_coach.analysis.structure import analyze_structure

    s = analyze_structure(case.text, kind=case.kind, model=model, method="meaning").to_dict()
    return {"round": a_round, "id": case.id, "kind": case.kind, "text": case.text,
            "labels": {k: v for k, v in case.labels.items() if k.startswith("star.")},
            "pred": {k: v for k, v in pred.items() if k.startswith("star.")},
            "share": {p: s["star"][p].get("share") for p in s["star"]}}


def _explain(case: Case, model: MeaningModel) -> None:
    from voice_coach.analysis.structure import _norm, clean_clauses, label_clause

    items = clean_clauses(case.text.split())
    proba = model.star.proba(model.embedder.embed([c for _, _, c in items]))
    print(f"\n{case.id} (kind {case.kind}): {case.labels}")
    for (_, _, c), row in zip(items, proba):
        top = sorted(zip(model.star.labels, row), key=lambda x: -x[1])[:3]
        cues = {k: v for k, v in label_clause(_norm(c)).items() if v}
        print(f"  {' '.join(f'{lab[:4]} {p:.2f}' for lab, p in top):32} {cues} | {c}")


def _labels() -> dict[tuple[str, str], Case]:
    from bench.structure_accuracy import load_cases

    out = {}
    for a_round, path, labels in _sets():
        for c in load_cases(path, labels):
            out[(a_round, c.id)] = c
    if tm.SPENT:  # the labels the spent rounds' labellers agree on
        import spent_rounds

        for per, c in spent_rounds.all_cases():
            out[(per.group, c.id)] = c
    return out


def _sets():
    yield "holdout", tm.HOLDOUT, None
    for d in tm.round_dirs():
        files = [p for p in sorted(d.glob("*.toml")) if p.stem not in ("labels", "clauses")]
        for p in files:
            yield (d.name if len(files) == 1 else f"{d.name}:{p.stem}"), p, d / "labels.toml"


BY_ROUND: dict[str, dict[str, list[int]]] = {}  # tallies per round (a fold may hold several)


def _from_saved(folder: Path, r: str, train: Sequence[Any]) -> tuple[Any, Any, int]:
    """(model with the out-of-round decision, model with the in-sample decision, 0) for fold
    `r` from `folder`'s pickles (`--save-folds`)."""
    saved = {p.stem: p for p in sorted(folder.glob("*.pkl"))}
    with saved[r].open("rb") as f:
        d = pickle.load(f)
    keys, xs = [], []
    for g, path in saved.items():
        if g == r:
            continue
        with path.open("rb") as f:
            o = pickle.load(f)
        keys += o["test_keys"]
        xs.append(o["x_test"])
    by_key = {(a.round, a.id): a for a in tm.answers()}
    emb = _EMB[0]
    oor = tm.fit_parts(np.concatenate(xs), [by_key[k] for k in keys])
    ins = tm.fit_parts(d["x_insample"], [by_key[k] for k in d["train_keys"]])
    return (MeaningModel(emb, d["star"], d["kind"], parts=oor),
            MeaningModel(emb, d["star"], d["kind"], parts=ins), 0)


_EMB: list[Any] = []  # the run's embedder, for _from_saved


def _score(case: Case, pred: dict, tally: dict[str, list[int]]) -> list[str]:
    """Add one answer's predictions to `tally` {label: [right, total, false alarm, miss]};
    returns its disagreements ("key predicted X[, labelled Y]")."""
    wrong = []
    for key in MEASURED:
        if key not in case.labels:
            continue
        t = tally.setdefault(key, [0, 0, 0, 0])
        want, got = case.labels[key], pred[key]
        t[1] += 1
        if want == got:
            t[0] += 1
        elif isinstance(want, bool):
            t[2 if got else 3] += 1
            wrong.append(f"{key} predicted {got!r}")
        else:
            wrong.append(f"{key} predicted {got!r}, labelled {want!r}")
    return wrong


def _table(tally: dict[str, list[int]], keys: Sequence[str] = MEASURED,
           rules: dict[str, list[int]] | None = None,
           insample: dict[str, list[int]] | None = None) -> None:
    extra = [(name, t) for name, t in (("in-sample decision", insample), ("rules only", rules))
             if t]
    print("| label | accuracy | false alarms | misses |" + "".join(f" {n} |" for n, _ in extra))
    print("|---|---|---|---|" + "---|" * len(extra))
    for k in keys:
        if k in tally:
            right, total, fa, miss = tally[k]
            cells = "".join(f" {t[k][0] / t[k][1]:.2f} ({t[k][0]}/{t[k][1]}) |" if k in t
                            else " – |" for _, t in extra)
            print(f"| {k} | {right / total:.2f} ({right}/{total}) | {fa} | {miss} |{cells}")


if __name__ == "__main__":
    main()
