"""Per-label accuracy (by meaning) of several builds of meaning.npz on labelled answer sets, side
by side, with each build's gains and losses against the first.

Usage: python bench/heads_compare.py --heads NAME=NPZ [--heads NAME=NPZ ...]
       --set PATH[=LABELS] [--set ...] [--details]

A set is what `bench/structure_accuracy.py` reads (a `[[case]]` file, an `[[answer]]` file with
its labels file after `=`, or a folder). Only the clause, kind and part heads change between
builds (the key-point and question-fit heads are the shipped ones); the clause vectors are
embedded once and shared. Used in session 23 to compare the shipped heads with the refit ones on
held-out sets (docs/structure.md).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.structure_accuracy import accuracy, load_cases  # noqa: E402


class SharedEmbedder:
    """An embedder whose results are memoised, so that several builds read the same vectors."""

    def __init__(self, inner: Any):
        self._inner = inner
        self._plain: dict[tuple[str, ...], Any] = {}
        self._spans: dict[tuple[tuple[str, ...], tuple[tuple[int, int], ...]], Any] = {}

    def embed(self, texts: Any) -> Any:
        key = tuple(texts)
        if key not in self._plain:
            self._plain[key] = self._inner.embed(texts)
        return self._plain[key]

    def embed_spans(self, texts: Any, windows: Any) -> Any:
        key = (tuple(texts), tuple(tuple(w) for w in windows))
        if key not in self._spans:
            self._spans[key] = self._inner.embed_spans(texts, windows)
        return self._spans[key]


def model_for(path: Path, emb: Any) -> Any:
    from voice_coach.embedder import (
        MeaningModel, load_fit_head, load_heads, load_part_head, load_point_head)

    star, kind = load_heads(path)
    return MeaningModel(emb, star, kind, load_point_head(), load_part_head(path), load_fit_head())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--heads", action="append", required=True, metavar="NAME=NPZ")
    ap.add_argument("--set", action="append", required=True, metavar="PATH[=LABELS]")
    ap.add_argument("--details", action="store_true",
                    help="list the answers whose label a build changes against the first")
    args = ap.parse_args()
    from voice_coach.embedder import OnnxEmbedder, model_files

    emb = SharedEmbedder(OnnxEmbedder(*model_files()))
    builds = [(h.split("=", 1)[0], Path(h.split("=", 1)[1])) for h in args.heads]
    models = {name: model_for(path, emb) for name, path in builds}
    for spec in args.set:
        path, _, labels = spec.partition("=")
        cases = load_cases(Path(path), Path(labels) if labels else None)
        results = {name: accuracy(cases, "meaning", m) for name, m in models.items()}
        keys = list(dict.fromkeys(k for c in cases for k in c.labels))
        first = builds[0][0]
        print(f"\n### {path} ({len(cases)} answers)\n")
        print("| label | " + " | ".join(results) + " |")
        print("|---|" + "---|" * len(results))
        for key in keys:
            base = set(m for m in results[first][1] if m.split(":")[1].split()[0] == key)
            cells = []
            for name, (tally, misses) in results.items():
                right, total = tally.get(key, (0, 0))
                cell = f"{right / total:.2f} ({right}/{total})" if total else "–"
                if name != first:
                    mine = set(m for m in misses if m.split(":")[1].split()[0] == key)
                    cell += f" +{len(base - mine)} −{len(mine - base)}"
                cells.append(cell)
            print(f"| {key} | " + " | ".join(cells) + " |")
        if args.details:
            for name, (_, misses) in list(results.items())[1:]:
                base = set(results[first][1])
                for m in sorted(set(misses) - base):
                    print(f"  {name} loses: {m}")
                for m in sorted(base - set(misses)):
                    print(f"  {name} gains: {m}")


if __name__ == "__main__":
    main()
