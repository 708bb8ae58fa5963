"""Per-label accuracy of the reconciled facts (STAR-L parts, metric triad, scale) on the tuning
data only, for a before/after comparison of two checkouts.

Reads the tuning cases, the hold-out and every `tests/data/structure_round_*` /
`triad_round_*` folder (never a frozen evaluation set) of the checkout CODE_ROOT, analyses each
answer with that checkout's code and meaning model (`analyze_structure`, method "meaning"), settles
it as the report does (`facts.reconcile` with the case's kind) and compares with the labels.
Writes every answer's values and triad evidence to OUT.json (to diff two runs) and prints a
Markdown table. `--spent` adds the spent unseen rounds of earlier sessions
(`tests/data/spent_session*/round*`, `tuning_hp`: tuning material now, each answer file with its
`labels_<name>.toml`), per round.

    python bench/facts_tuning.py CODE_ROOT OUT.json [--spent]   # a `git archive` of main, then .
    python bench/facts_tuning.py --compare BEFORE.json AFTER.json   # per round, what moved
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def tuning_rounds(code: Path) -> dict[str, Path]:
    """The tuning sets of the checkout `code` by name: the cases, the hold-out and every
    `structure_round_*` / `triad_round_*` folder (never a frozen evaluation set)."""
    from structure_accuracy import SETS

    rounds = dict(SETS)
    for pattern in ("structure_round_*", "triad_round_*"):
        for p in sorted((code / "tests/data").glob(pattern)):
            if not p.name.endswith("_eval"):
                rounds[p.name] = p
    return rounds


def spent_rounds(code: Path) -> dict[str, tuple[Path, Path]]:
    """The spent unseen rounds of the checkout `code` by name ("round22/kenyaag"): each answer
    file with its labels file (`labels_<name>.toml`, or the folder's `labels.toml`)."""
    out = {}
    for folder in sorted((code / "tests/data").glob("spent_session*/*")):
        if not (folder.name.startswith("round") or folder.name == "tuning_hp"):
            continue
        for f in sorted(folder.glob("*.toml")):
            if f.name.startswith(("clauses", "keypoints", "labels")):
                continue
            labels = folder / f"labels_{f.name}"
            out[f"{folder.name}/{f.stem}"] = (f, labels if labels.exists()
                                              else folder / "labels.toml")
    return out


def round_cases(code: Path, spent: bool = False) -> Iterator[tuple[str, Any]]:
    """(round name, case) of every tuning round of `code`, and with `spent` of every spent one."""
    from structure_accuracy import load_cases

    for name, path in tuning_rounds(code).items():
        for c in load_cases(path):
            yield name, c
    for name, (path, labels) in (spent_rounds(code) if spent else {}).items():
        for c in load_cases(path, labels):
            yield name, c


def compare(before: Path, after: Path) -> None:
    """Per round and label, the answers right before → after (only where they differ), and each
    answer whose triad slots changed: `--compare BEFORE.json AFTER.json`."""
    a, b = (json.loads(p.read_text()) for p in (before, after))
    moved: dict[tuple[str, str], list[int]] = {}
    for key in sorted(a.keys() & b.keys()):
        name = key.rsplit("/", 1)[0]
        for label, want in a[key]["want"].items():
            t = moved.setdefault((name, label), [0, 0])
            t[0] += a[key]["got"][label] == want
            t[1] += b[key]["got"][label] == want
    print("| round | label | before | after |\n|---|---|---|---|")
    for (name, label), (x, y) in sorted(moved.items()):
        if x != y:
            print(f"| {name} | {label} | {x} | {y} |")
    print(f"(no other label of {len({n for n, _ in moved})} rounds moved)")
    for key in sorted(a.keys() & b.keys()):
        if a[key].get("slots") != b[key].get("slots"):
            print(f"- {key}: {a[key].get('slots')} → {b[key].get('slots')}")


def parse_args(argv: list[str]) -> argparse.Namespace:
    """The command line (see the module docstring); `--help` prints the usage and exits 0, a
    missing argument exits 2 with the usage, never a traceback."""
    ap = argparse.ArgumentParser(
        prog="facts_tuning.py", description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__.split("\n", 2)[2],
        usage="%(prog)s CODE_ROOT OUT.json [--spent]\n"
              "       %(prog)s --compare BEFORE.json AFTER.json")
    ap.add_argument("code_root", nargs="?", type=Path, metavar="CODE_ROOT",
                    help="the checkout whose code reads the answers (e.g. `.`)")
    ap.add_argument("out", nargs="?", type=Path, metavar="OUT.json",
                    help="where each answer's values and triad evidence are written")
    ap.add_argument("--spent", action="store_true",
                    help="add the spent unseen rounds (tests/data/spent_session*/round*, "
                         "tuning_hp)")
    ap.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE.json", "AFTER.json"),
                    help="per round, what moved between two runs")
    args = ap.parse_args(argv)
    if args.compare is None and (args.code_root is None or args.out is None):
        ap.error("give CODE_ROOT and OUT.json (or --compare BEFORE.json AFTER.json)")
    if args.compare is not None and args.code_root is not None:
        ap.error("--compare takes no CODE_ROOT")
    for p in args.compare or ():
        if not p.is_file():
            ap.error(f"{p}: no such run (write one with CODE_ROOT OUT.json first)")
    return args


def main(argv: list[str]) -> None:
    args = parse_args(argv)
    if args.compare is not None:
        compare(*args.compare)
        return
    spent = args.spent
    code, out_path = args.code_root.resolve(), args.out
    sys.path[:0] = [str(code), str(code / "bench")]

    from voice_coach.analysis.facts import reconcile
    from voice_coach.analysis.structure import analyze_structure
    from voice_coach.embedder import load_meaning_model

    import inspect

    model = load_meaning_model()
    # the question asks for a story (`Question.story`, session 26), when CODE_ROOT knows it
    knows_story = "story_asked" in inspect.signature(analyze_structure).parameters
    out = {}
    for name, c in round_cases(code, spent):
        extra = {"story_asked": getattr(c, "story_asked", True)} if knows_story else {}
        s = analyze_structure(c.text, kind=c.kind, key_points=c.key_points, model=model,
                              method="meaning", **extra)
        r = reconcile(s, kind=c.kind or s.kind)
        got = {f"star.{p}": bool(v) for p, v in r.star_present.items()}
        got |= {f"metric_triad.{k}": bool(getattr(r.metric_triad, k))
                for k in ("baseline", "after", "business_outcome", "complete")}
        got["scale"] = bool(r.scale_evidence)
        out[f"{name}/{c.id}"] = {"got": got,
                                 "want": {k: v for k, v in c.labels.items() if k in got},
                                 "evidence": list(r.metric_triad.evidence),
                                 "slots": [list(x) for x in r.metric_triad.slots],
                                 "scale_evidence": list(r.scale_evidence)}
    out_path.write_text(json.dumps(out, indent=1))
    tally: dict[str, list[int]] = {}
    for v in out.values():
        for k, w in v["want"].items():
            t = tally.setdefault(k, [0, 0])
            t[0] += v["got"][k] == w
            t[1] += 1
    print("| label | right | share |\n|---|---|---|")
    for k, (right, n) in sorted(tally.items()):
        print(f"| {k} | {right}/{n} | {right / n:.3f} |")


if __name__ == "__main__":
    main(sys.argv[1:])
