"""Which key-point verdicts swing when the meaning heads (meaning.npz) are rebuilt, and why.

Usage: python bench/key_point_swing.py --meaning OLD.npz --meaning NEW.npz [--set NAME=PATH ...]
                                       [--cache FILE] [--list]

Reads labelled key-point sets (tests/data/key_points_tuning.toml format; default: every set of
`scripts/train_key_points.py` SETS, plus any --set) and judges every labelled key point as the
report does (`analyze_structure` with the shipped key-point head, then `facts.reconcile`), once
with each meaning.npz given (the STAR-L clause head, the answer-kind head and the answer-level
part decision; the key-point head stays the shipped one). Prints per meaning file and set: made
points called missed, the precision of "missed" (said), points decided, accuracy of the decided
verdicts and the precision of "covered"; then, with --list, every key point whose verdict
differs between the first two files, with the facts it restates or is implied by that moved
(and whether the answer read as hypothetical moved) and its human label. The embeddings are
cached in --cache (pickle), so a second run embeds nothing. Tuning material only; the frozen
evaluation sets are never read.
"""

from __future__ import annotations

import argparse
import dataclasses
import pickle
import sys
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import train_key_points as tk  # noqa: E402
from voice_coach.analysis.facts import fact_values, is_hypothetical, reconcile  # noqa: E402
from voice_coach.analysis.point_facts import key_point_facts, key_point_implied_by  # noqa: E402
from voice_coach.analysis.structure import analyze_structure  # noqa: E402
from voice_coach.embedder import (  # noqa: E402
    OnnxEmbedder, load_fit_head, load_heads, load_part_head, load_point_head, model_files,
)
from voice_coach.analysis.embed import MeaningModel  # noqa: E402


class DiskSpanCache:
    """The real embedder with its span runs cached by input (pickled to `path` on `save`)."""

    def __init__(self, inner, path: Path | None):
        self._inner, self._path = inner, path
        self._runs: dict = {}
        if path is not None and path.exists():
            with path.open("rb") as f:
                self._runs = pickle.load(f)
        self._new = 0

    def embed(self, texts):
        return self.embed_spans(texts, ()).vectors

    def embed_spans(self, texts, windows):
        key = (tuple(texts), tuple(windows))
        if key not in self._runs:
            self._runs[key] = self._inner.embed_spans(texts, windows)
            self._new += 1
        return self._runs[key]

    def save(self) -> None:
        if self._path is not None and self._new:
            with self._path.open("wb") as f:
                pickle.dump(self._runs, f)


def load_sets(extra: list[str]) -> dict[str, list[dict]]:
    out = {name: tk.answers(name) for name in tk.available_sets()}
    for item in extra:
        name, _, path = item.partition("=")
        out[name] = tomllib.loads(Path(path).read_text())["answer"]
    return out


def model_with(embedder, meaning: Path) -> MeaningModel:
    star, kind = load_heads(meaning)
    return MeaningModel(embedder, star, kind, load_point_head(), load_part_head(meaning),
                        load_fit_head())


def judge(model: MeaningModel, answer: dict, bank) -> dict:
    """Verdict per key point and the facts behind it."""
    q = bank.get(answer["question"])
    s = reconcile(analyze_structure(answer["text"], kind=q.kind, key_points=q.key_points,
                                    model=model, question=q.text), kind=q.kind,
                  category=q.category)
    kp = s.key_points
    states = {k: "covered" for k in kp.covered} | {k: "unclear" for k in kp.unclear} | {
        k: "missed" for k in kp.missed}
    return {"states": states, "facts": fact_values(s), "hypothetical": is_hypothetical(s)}


def tally(t: Counter, got: str, want: bool) -> None:
    t["n"] += 1
    t[got] += 1
    t[f"{got}_{'made' if want else 'not'}"] += 1


def row(name: str, label: str, t: Counter) -> str:
    decided = t["covered"] + t["missed"]
    ok = t["covered_made"] + t["missed_not"]
    return (f"| {name} | {label} | {t['missed_made']} | "
            f"{t['missed_not'] / max(t['missed'], 1):.2f} ({t['missed']}) | "
            f"{decided / max(t['n'], 1):.3f} ({decided}/{t['n']}) | "
            f"{ok / max(decided, 1):.3f} | {t['covered_made'] / max(t['covered'], 1):.3f} "
            f"({t['covered']}) | {t['unclear']} ({t['unclear_made']}) |")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--meaning", action="append", type=Path, required=True,
                    help="a meaning.npz to read the answers with (give two to compare)")
    ap.add_argument("--set", action="append", default=[], help="NAME=PATH of one more set")
    ap.add_argument("--only", action="append", help="measure only these set names")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/key_point_swing_runs.pkl"))
    ap.add_argument("--list", action="store_true", help="list every verdict that swings")
    args = ap.parse_args(argv)
    from voice_coach.questions import load_bank

    bank = load_bank()
    emb = DiskSpanCache(OnnxEmbedder(*model_files()), args.cache)
    models = [model_with(emb, m) for m in args.meaning]
    sets = load_sets(args.set)
    if args.only:
        sets = {k: v for k, v in sets.items() if k in args.only}
    tallies: dict[tuple[str, str], Counter] = {}
    swings: list[str] = []
    moved: Counter = Counter()
    for name, answers in sets.items():
        for a in answers:
            labelled = {kp: True for kp in a["covered"]} | {kp: False for kp in a["missed"]}
            got = [judge(m, a, bank) for m in models]
            for i, (path, g) in enumerate(zip(args.meaning, got)):
                for kp, want in labelled.items():
                    for key in (name, "all"):
                        tally(tallies.setdefault((key, f"{i}:{path.name}"), Counter()),
                              g["states"][kp], want)
            if len(got) < 2:
                continue
            a0, a1 = got[0], got[1]
            for kp, want in labelled.items():
                v0, v1 = a0["states"][kp], a1["states"][kp]
                if v0 == v1:
                    continue
                facts = [f for f in (*key_point_facts(kp), *key_point_implied_by(kp))
                         if a0["facts"].get(f) != a1["facts"].get(f)]
                why = ", ".join(f"{f} {'✓' if a0['facts'][f] else '✗'}→"
                                f"{'✓' if a1['facts'][f] else '✗'}" for f in facts)
                if a0["hypothetical"] != a1["hypothetical"]:
                    why = f"hypothetical {a0['hypothetical']}→{a1['hypothetical']} " + why
                moved[(why.split(" ")[0] if why else "none", v0, v1,
                       "made" if want else "not")] += 1
                swings.append(f"{name}/{a['id']}: {v0} → {v1} [{'made' if want else 'not made'}]"
                              f" {kp!r}: {why or 'no fact moved'}")
    emb.save()
    print("| set | meaning | made called missed | \"missed\" precision (said) | decided | "
          "accuracy (decided) | \"covered\" precision (said) | unclear (made) |")
    print("|---|---|---|---|---|---|---|---|")
    for (key, label), t in sorted(tallies.items()):
        print(row(key, label, t))
    if swings:
        print(f"\n{len(swings)} verdicts differ between {args.meaning[0]} and {args.meaning[1]}")
        for (fact, v0, v1, lab), n in sorted(moved.items(), key=lambda kv: -kv[1]):
            print(f"  {n:3d}  {fact}: {v0} → {v1} ({lab})")
        if args.list:
            print("\n".join(swings))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
