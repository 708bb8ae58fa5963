"""Per-label accuracy of structure analysis on labelled answer sets: rules-only beside by-meaning.

Usage: python bench/structure_accuracy.py [--set PATH ...] [--labels PATH] [--details]

Sets: the tuning set `tests/data/structure_cases.toml`, the hold-out
`tests/data/structure_holdout.toml`, `tests/data/structure_eval/` when it exists, and every
`--set`. A set is either a file of `[[case]]` entries with inline `labels` (the project's own
format) or an answers file of `[[answer]]` entries (id, question_id, text) with a separate labels
file keyed by id (fields kind, star.<part>, metric_triad.{baseline,after,business_outcome,complete},
leadership_principles, hypothetical); `--labels` names it, else it is the other TOML file in the
same folder (a folder may be given as the set; answers with a `source_id` — spoken renderings —
share that answer's labels and are also reported on their own). Each answer is analysed twice with the question's
kind (from the question bank when `question_id` is known, else the case's `kind`), once by the
cue-list rules and once by meaning; `kind` is scored on a third run without the question, as
`voice-coach analyze answer.txt` would. Prints one Markdown table per set; --details lists every
disagreement of the meaning method.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from voice_coach.analysis.structure import STAR_PARTS, analyze_structure  # noqa: E402

SETS = {"tuning": ROOT / "tests/data/structure_cases.toml",
        "holdout": ROOT / "tests/data/structure_holdout.toml"}
EVAL_DIR = ROOT / "tests/data/structure_eval"
OPTIONAL = ("clarifying_question", "tradeoffs", "scale")
TRIAD = ("baseline", "after", "business_outcome", "complete")
METHODS = ("rules", "meaning")


@dataclass(frozen=True)
class Case:
    """One labelled answer: the text, the kind to analyse it as, key points, expected labels."""

    id: str
    text: str
    kind: str | None
    key_points: tuple[str, ...]
    labels: dict[str, Any]  # flat: "star.task" → True, "leadership_principles" → [...]
    spoken: bool = False  # a transcribed spoken rendering of another answer (`source_id`)
    story_asked: bool = True  # the question asks for a story (`Question.story`; session 26)


def _bank() -> dict[str, Any]:
    from voice_coach.questions import load_bank

    return {q.id: q for q in load_bank().questions}


def _flat(lab: dict[str, Any]) -> dict[str, Any]:
    """Labels in either format → flat keys."""
    out: dict[str, Any] = {}
    if "kind" in lab:
        out["kind"] = lab["kind"]
    for p in STAR_PARTS:
        if p in lab.get("star", {}):
            out[f"star.{p}"] = bool(lab["star"][p])
    triad = lab.get("metric_triad", {})
    for k in TRIAD:
        if k in triad:
            out[f"metric_triad.{k}"] = bool(triad[k])
    if "metric_triad_complete" in lab:
        out["metric_triad.complete"] = bool(lab["metric_triad_complete"])
    if "leadership_principles" in lab:
        out["leadership_principles"] = sorted(lab["leadership_principles"])
    for k in ("hypothetical", *OPTIONAL):
        if k in lab:
            out[k] = bool(lab[k])
    return out


def _answer_files(folder: Path) -> tuple[list[Path], list[Path]]:
    """(TOML files with [[answer]] entries, other TOML files) anywhere under `folder`."""
    answers, others = [], []
    for p in sorted(folder.rglob("*.toml")):
        with p.open("rb") as f:
            (answers if "answer" in tomllib.load(f) else others).append(p)
    return answers, others


def load_cases(path: Path, labels_path: Path | None = None) -> list[Case]:
    """Cases of a set file or folder; see the module docstring for the two formats. A folder may
    hold several answer files (in subfolders too) and one labels file."""
    if path.is_dir():
        answer_files, others = _answer_files(path)
        if not answer_files:
            raise SystemExit(f"{path}: no TOML file with [[answer]] entries")
        if labels_path is None:
            if len(others) > 1 and path / "labels.toml" in others:
                others = [path / "labels.toml"]  # beside it e.g. clauses.toml (clause labels)
            if len(others) != 1:
                raise SystemExit(f"{path}: expected one labels TOML beside the answers "
                                 f"(found {len(others)}); give it with --labels")
            labels_path = others[0]
        answers: list[dict[str, Any]] = []
        for p in answer_files:
            with p.open("rb") as f:
                answers.extend(tomllib.load(f)["answer"])
        return _answer_cases(answers, labels_path)
    with path.open("rb") as f:
        data = tomllib.load(f)
    if "case" in data:
        return [Case(c["id"], c["text"], c.get("kind"), tuple(c.get("key_points", ())),
                     _flat({**c["labels"], "kind": c["kind"]} if "kind" in c else c["labels"]))
                for c in data["case"]]
    if labels_path is None:
        others = [p for p in path.parent.glob("*.toml") if p != path]
        if len(others) != 1:
            raise SystemExit(f"{path}: give the labels file with --labels")
        labels_path = others[0]
    return _answer_cases(data["answer"], labels_path)


def _answer_cases(answers: list[dict[str, Any]], labels_path: Path) -> list[Case]:
    with labels_path.open("rb") as f:
        labels = tomllib.load(f)
    if len(labels) == 1 and isinstance(next(iter(labels.values())), dict) and not any(
            a["id"] in labels for a in answers):
        labels = next(iter(labels.values()))  # [labels.<id>] tables
    bank = _bank()
    cases = []
    unlabelled = [a["id"] for a in answers if a.get("source_id", a["id"]) not in labels]
    if unlabelled:
        print(f"{labels_path}: no labels for {len(unlabelled)} answers (skipped): "
              f"{', '.join(unlabelled[:5])}", file=sys.stderr)
    for a in answers:
        if a["id"] in unlabelled:
            continue
        q = bank.get(a.get("question_id", ""))
        lab = _flat(labels[a.get("source_id", a["id"])])  # a spoken rendering shares its labels
        cases.append(Case(a["id"], a["text"], q.kind if q else lab.get("kind"),
                          tuple(q.key_points) if q else (), lab, "source_id" in a,
                          q.story if q else True))
    return cases


def predictions(case: Case, method: str, model: Any) -> dict[str, Any]:
    """Predicted label values, keyed like `Case.labels`."""
    s = analyze_structure(case.text, kind=case.kind, key_points=case.key_points, model=model,
                          method=method, story_asked=case.story_asked).to_dict()
    out: dict[str, Any] = {f"star.{p}": s["star"][p]["present"] for p in STAR_PARTS}
    out.update({f"metric_triad.{k}": s["metric_triad"][k] for k in TRIAD})
    out["leadership_principles"] = sorted(s["leadership_principles"])
    out["clarifying_question"] = s["clarifying_question"]
    out["tradeoffs"] = s["tradeoffs"]
    out["scale"] = bool(s["scale_evidence"])
    out["hypothetical"] = s["hypothetical"]
    out["kind"] = analyze_structure(case.text, model=model, method=method).kind
    return out


def accuracy(cases: list[Case], method: str = "rules", model: Any = None
             ) -> tuple[dict[str, tuple[int, int]], list[str]]:
    """{label: (right, total)} and a list of disagreements."""
    tally: dict[str, list[int]] = {}
    misses = []
    for case in cases:
        pred = predictions(case, method, model)
        for key, value in case.labels.items():
            t = tally.setdefault(key, [0, 0])
            t[1] += 1
            if pred[key] == value:
                t[0] += 1
            else:
                misses.append(f"{case.id}: {key} predicted {pred[key]!r}, labelled {value!r}")
    return {k: (v[0], v[1]) for k, v in tally.items()}, misses


def _cell(tally: dict[str, tuple[int, int]], label: str) -> str:
    right, total = tally.get(label, (0, 0))
    return f"{right / total:.2f} ({right}/{total})" if total else "–"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", action="append", default=[], type=Path, metavar="PATH",
                    help="another labelled set (file or folder); repeatable")
    ap.add_argument("--labels", type=Path, help="labels TOML for an [[answer]] set")
    ap.add_argument("--details", action="store_true", help="list every disagreement (meaning)")
    args = ap.parse_args()
    from voice_coach.embedder import load_meaning_model

    model = load_meaning_model()
    sets = {name: load_cases(p) for name, p in SETS.items() if p.exists()}
    if EVAL_DIR.is_dir() and any(EVAL_DIR.glob("*.toml")) and \
            EVAL_DIR.resolve() not in {p.resolve() for p in args.set}:
        sets["eval"] = load_cases(EVAL_DIR)
    for p in args.set:
        sets[p.stem] = load_cases(p, args.labels)
    for name, cases in list(sets.items()):
        if any(c.spoken for c in cases):
            sets[f"{name}: written"] = [c for c in cases if not c.spoken]
            sets[f"{name}: spoken, transcribed"] = [c for c in cases if c.spoken]
    for name, cases in sets.items():
        results = {m: accuracy(cases, m, model) for m in METHODS}
        labels = list(dict.fromkeys(k for c in cases for k in c.labels))
        print(f"\n### {name} ({len(cases)} answers)\n")
        print("| label | rules only | by meaning |")
        print("|---|---|---|")
        for label in labels:
            print(f"| {label} | {_cell(results['rules'][0], label)} | "
                  f"{_cell(results['meaning'][0], label)} |")
        if args.details:
            print(f"\n{name} disagreements (by meaning):")
            for m in results["meaning"][1]:
                print("  " + m)


if __name__ == "__main__":
    main()
