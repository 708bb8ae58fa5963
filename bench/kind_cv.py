"""Leave-one-round-out accuracy of the answer kind without a question (the kind head alone).

Usage: python bench/kind_cv.py [--emb-cache F.pkl] [--unseen ROUND ...] [--details] [--json F]

For each tuning round (tests/data/structure_holdout.toml and each tests/data/structure_round_*/
folder, its personas together) the kind head is trained exactly as `scripts/train_meaning.py`
trains it (`fit` over `answer_vector`, C_KIND), on every other answer (the project's own
tuning answers and the kind-only answers always in), and the round's answers are read by it:
the kind head's argmax over the answer's direction, as `structure._answer_kind` decides it
without a named principle (the principle override needs the clause head and is not applied).
A round named with --unseen is in no fold's training (the set as it was before that round was
folded) and is measured by the heads trained on all the other rounds. Prints right / total per
round and pooled, with the errors by (labelled → read). Minutes, not hours: the clause vectors
come from the embedding cache (--emb-cache, read and written). Tuning rounds only; the frozen
evaluation sets are never read.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import train_meaning as tm  # noqa: E402


def fold_of(a: tm.Answer) -> str:
    """The round an answer belongs to (its personas together)."""
    return a.round.split(":")[0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--emb-cache", type=Path, help="clause-vector pickle {text: vector}, read "
                    "and written (the one scripts/train_meaning.py --emb-cache reads)")
    ap.add_argument("--unseen", action="append", default=[], metavar="ROUND",
                    help="train on this round in no fold; measure it by the other rounds' head")
    ap.add_argument("--details", action="store_true", help="list every wrong answer")
    ap.add_argument("--json", type=Path, help="write {round: [right, total]} to this file")
    args = ap.parse_args()
    from voice_coach.embedder import OnnxEmbedder, model_files

    emb = tm.ClauseCache(OnnxEmbedder(*model_files()), args.emb_cache)
    items = tm.answers()
    x = np.stack([tm.answer_vector(emb, a.text) for a in items])
    if args.emb_cache is not None:
        with args.emb_cache.open("wb") as f:
            pickle.dump(emb._cache, f)
    rounds = [r for r in dict.fromkeys(fold_of(a) for a in items) if r not in ("cases", "kind_only")]
    unseen = set(args.unseen)
    tally: dict[str, list[int]] = {}
    errors: Counter[tuple[str, str]] = Counter()
    wrong: list[str] = []
    for r in rounds:
        train = [i for i, a in enumerate(items) if fold_of(a) != r and fold_of(a) not in unseen]
        test = [i for i, a in enumerate(items) if fold_of(a) == r]
        head = tm.fit(x[train], [items[i].kind for i in train], tm.C_KIND)
        got = [head.labels[int(k)] for k in head.proba(x[test]).argmax(axis=1)]
        t = tally.setdefault(r, [0, 0])
        for i, g in zip(test, got):
            t[1] += 1
            if g == items[i].kind:
                t[0] += 1
            else:
                errors[(items[i].kind, g)] += 1
                wrong.append(f"{r} {items[i].id}: {items[i].kind} read {g}")
        print(f"{r}: {t[0]}/{t[1]}", flush=True)
    right, total = sum(t[0] for t in tally.values()), sum(t[1] for t in tally.values())
    print("\n| round | kind right | accuracy |\n|---|---|---|")
    for r, (k, n) in tally.items():
        print(f"| {r.removeprefix('structure_round_')}{' (unseen)' if r in unseen else ''} "
              f"| {k}/{n} | {k / n:.3f} |")
    print(f"| pooled | {right}/{total} | {right / total:.3f} |")
    seen = [t for r, t in tally.items() if r not in unseen]
    if unseen:
        k, n = sum(t[0] for t in seen), sum(t[1] for t in seen)
        print(f"| pooled, rounds in training | {k}/{n} | {k / n:.3f} |")
    print("errors (labelled → read): " + ", ".join(f"{a} → {b} {c}" for (a, b), c in
                                                   errors.most_common()))
    if args.details:
        print("\n".join(wrong))
    if args.json:
        args.json.write_text(json.dumps(tally, indent=1))


if __name__ == "__main__":
    main()
