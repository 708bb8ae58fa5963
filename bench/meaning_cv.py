"""Leave-one-round-out accuracy of structure analysis by meaning on the tuning rounds.

Usage: python bench/meaning_cv.py [--details] [--only ROUND ...] [--no-weak] [--retell]
       [--retold-test] [--cache F.npz] [--dump F.jsonl]

For each tuning round (tests/data/structure_holdout.toml, each tests/data/structure_round_*/
folder, split by persona where a round has one answers file per persona) the clause head, the
kind head and the calibrated limits are trained exactly as `scripts/train_meaning.py` does, but
without that round's answers and clauses, and the round is then analysed with them: the honest
number for voices the build has not seen. The project's own tuning answers
(structure_cases.toml) are always in training and never measured. Prints per-label accuracy per
round and pooled, with false alarms (predicted true, labelled false) and misses; --details lists
every disagreement. --retold-test also scores every held-out answer retold in the historic
present and the present continuous (`scripts/retell.py`, the renderer the build trains with, so
a favourable check; round M6 `histpres` is a real historic-present voice). --dump writes each
answer's predictions and STAR-L shares for `bench/tense_shares.py`. The frozen evaluation set
is never read.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

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

    def __init__(self, inner, path: Path | None = None):
        self._inner = inner
        self._cache: dict[str, np.ndarray] = {}
        self._path = path
        if path is not None and path.exists():
            with np.load(path) as d:
                self._cache = dict(zip(d["texts"].tolist(), d["vectors"]))

    def save(self) -> None:
        """Write the cache to its file (given with --cache), so a later run embeds nothing twice."""
        if self._path is not None and self._cache:
            texts = list(self._cache)
            np.savez(self._path, texts=np.array(texts), vectors=np.stack([self._cache[t] for t in texts]))

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        todo = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if todo:
            for t, v in zip(todo, self._inner.embed(todo)):
                self._cache[t] = v
        if not texts:
            return np.zeros((0, EMBEDDING_DIM), np.float32)
        return np.stack([self._cache[t] for t in texts])

    def embed_spans(self, texts: Sequence[str], windows: Sequence[tuple[int, int]]):
        """Not cached: the spans come from the inner embedder's run."""
        return self._inner.embed_spans(texts, windows)


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
    ap.add_argument("--explain", action="append", default=[], metavar="ID",
                    help="print the clauses of this answer with the fold model's probabilities")
    args = ap.parse_args()
    from voice_coach.embedder import OnnxEmbedder, model_files

    emb = CachedEmbedder(OnnxEmbedder(*model_files()), args.cache)
    items = tm.answers()
    rounds = [r for r in dict.fromkeys(a.round for a in items) if r not in ("cases", "kind_only")]
    if args.only:  # in the order given
        rounds = [r for r in args.only if r in rounds]
    labels_of = _labels()
    pooled: dict[str, list[int]] = {}
    dumped: list[dict] = []
    retold_tally: dict[str, list[int]] = {}
    for r in rounds:
        train = [a for a in items if a.round != r]
        test = [a for a in items if a.round == r]
        star, kind, parts, n = tm.build(emb, train, frozenset(a.id for a in test),
                                        weak=not args.no_weak, retell=args.retell)
        emb.save()
        model = MeaningModel(emb, star, kind, parts=parts)
        tally: dict[str, list[int]] = {}
        misses = []
        for a in test:
            case = labels_of[(a.round, a.id)]
            if a.id in args.explain:
                _explain(case, model)
            pred = predictions(case, "meaning", model)
            if args.dump:
                dumped.append(_dump(r, case, pred, model))
            if args.retold_test:
                _retold(r, case, model, retold_tally, dumped if args.dump else None)
            for key in MEASURED:
                if key not in case.labels:
                    continue
                t = tally.setdefault(key, [0, 0, 0, 0])  # right, total, false alarm, miss
                want, got = case.labels[key], pred[key]
                t[1] += 1
                if want == got:
                    t[0] += 1
                elif isinstance(want, bool):
                    t[2 if got else 3] += 1
                    misses.append(f"{a.id}: {key} predicted {got!r}")
                else:
                    misses.append(f"{a.id}: {key} predicted {got!r}, labelled {want!r}")
        for k, v in tally.items():
            p = pooled.setdefault(k, [0, 0, 0, 0])
            for i in range(4):
                p[i] += v[i]
        if args.dump:  # after every round, so a stopped run keeps what it measured
            args.dump.write_text("".join(json.dumps(d) + "\n" for d in dumped))
        print(f"\n### {r} ({len(test)} answers; trained on {len(train)} answers, {n} clauses)",
              flush=True)
        _table(tally)
        if args.details:
            for m in misses:
                print("  " + m)
    print(f"\n### pooled, leave-one-round-out ({', '.join(rounds)})")
    _table(pooled)
    if args.retold_test:
        print("\n### pooled, the held-out answers retold (same labels)")
        _table(retold_tally, [f"{t}:{k}" for t in TENSES for k in MEASURED if k.startswith("star.")])


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
    return out


def _sets():
    yield "holdout", tm.HOLDOUT, None
    for d in tm.round_dirs():
        files = [p for p in sorted(d.glob("*.toml")) if p.stem not in ("labels", "clauses")]
        for p in files:
            yield (d.name if len(files) == 1 else f"{d.name}:{p.stem}"), p, d / "labels.toml"


def _table(tally: dict[str, list[int]], keys: Sequence[str] = MEASURED) -> None:
    print("| label | accuracy | false alarms | misses |")
    print("|---|---|---|---|")
    for k in keys:
        if k in tally:
            right, total, fa, miss = tally[k]
            print(f"| {k} | {right / total:.2f} ({right}/{total}) | {fa} | {miss} |")


if __name__ == "__main__":
    main()
