"""The spent evaluation rounds (tests/data/spent_session*/round*/) as extra labelled rounds.

Each spent round was written by blind writers in one voice per persona and labelled by one or two
blind labellers. A persona is an answers file (`answers_X.toml` or `X.toml`, `[[answer]]` with id,
question_id, text) with its labels files (`labels_X.toml`, `labels2_X.toml`, `labels_X_<who>.toml`:
one per labeller, `["<id>"]` tables in the format of the tuning rounds' labels.toml) and, in the
older rounds, its hand-labelled clauses (`clauses_X.toml`, `[[clause]]` answer/label/text).
`keypoints_X.toml` (key-point labels) is not read.

Where a persona has two labels files, a label is kept only where the labellers AGREE (a STAR part,
`kind`, `hypothetical`, ...; a part they disagree on is missing, and `train_meaning` trains the
clause head's weak labels, the limits and the part decision only on answers with all five parts, so
such an answer trains the kind head only). The data is read in place; nothing is copied.

`ROUNDS` lists the folders; a session's held-out rounds join it only once they are spent (measured
at the end of their session and read afterwards).
"""

from __future__ import annotations

import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests/data"

ROUNDS = (
    "spent_session18/round18", "spent_session19/round19", "spent_session20/round20",
    "spent_session22/round22", "spent_session23/round23", "spent_session24/round24",
    "spent_session25/round25", "spent_session26/round26", "spent_session28/round28",
    "spent_session29/round29", "spent_session31/round31", "spent_session32/round32",
    "spent_session32/round33", "spent_session34/round34", "spent_session35/round35",
    "spent_session35/round36", "spent_session36/round37", "spent_session37/round38",
    "spent_session37/round39", "spent_session40/round40", "spent_session41/round41",
    "spent_session42/round42", "spent_session43/round43", "spent_session44/round44",
    "spent_session44/round45", "spent_session45/round46", "spent_session45/round47",
    "spent_session46/round48", "spent_session46/round49", "spent_session46/round50",
    "spent_session47/round51", "spent_session47/round52", "spent_session47/round53",
)
PREFIX = "spent_"  # group names: spent_round18:clinnlp


@dataclass(frozen=True)
class Persona:
    """One persona of a spent round: its answers file, labels files and clauses file."""

    round: str  # e.g. "spent_round18"
    name: str  # e.g. "clinnlp"
    answers: Path
    labels: tuple[Path, ...]
    clauses: Path | None

    @property
    def group(self) -> str:
        return f"{self.round}:{self.name}"

    def files(self) -> list[Path]:
        return [self.answers, *self.labels, *([self.clauses] if self.clauses else [])]


def folders() -> list[Path]:
    return [p for r in ROUNDS if (p := DATA / r).is_dir()]


def personas() -> list[Persona]:
    """Every persona of every listed spent round, in a fixed order."""
    out = []
    for d in folders():
        for p in sorted(d.glob("*.toml")):
            stem = p.stem
            if stem.startswith(("labels", "clauses", "keypoints")):
                continue
            with p.open("rb") as f:
                if "answer" not in tomllib.load(f):
                    continue
            name = stem.removeprefix("answers_")
            labels = tuple(sorted({*d.glob(f"labels_{name}.toml"), *d.glob(f"labels2_{name}.toml"),
                                   *d.glob(f"labels_{name}_*.toml")}))
            if not labels:
                print(f"{p}: no labels file (skipped)", file=sys.stderr)
                continue
            clauses = d / f"clauses_{name}.toml"
            out.append(Persona(PREFIX + d.name, name, p, labels,
                               clauses if clauses.exists() else None))
    return out


def sources() -> list[Path]:
    """Every spent file the training reads, in a fixed order (for the source digest)."""
    return [p for per in personas() for p in per.files()]


def _load_labels(path: Path) -> dict[str, Any]:
    with path.open("rb") as f:
        labels = tomllib.load(f)
    if len(labels) == 1 and isinstance(next(iter(labels.values())), dict) and \
            "star" not in next(iter(labels.values())) and "kind" not in next(iter(labels.values())):
        labels = next(iter(labels.values()))  # [labels.<id>] tables
    return labels


def agreed(flats: list[dict[str, Any]]) -> dict[str, Any]:
    """The flat labels (`structure_accuracy._flat`) every labeller gives the same value."""
    first = flats[0]
    return {k: v for k, v in first.items() if all(k in f and f[k] == v for f in flats[1:])}


def cases(persona: Persona) -> list[Any]:
    """The persona's labelled answers as `structure_accuracy.Case`s with the agreed labels;
    the kind from the question bank when the labellers disagree on it."""
    from bench.structure_accuracy import Case, _bank, _flat

    with persona.answers.open("rb") as f:
        answers = tomllib.load(f)["answer"]
    tables = [_load_labels(p) for p in persona.labels]
    bank = _bank()
    out = []
    for a in answers:
        key = a.get("source_id", a["id"])
        if not all(key in t for t in tables):
            continue
        lab = agreed([_flat(t[key]) for t in tables])
        q = bank.get(a.get("question_id", ""))
        kind = q.kind if q else lab.get("kind")
        if kind is None:
            continue
        out.append(Case(a["id"], a["text"], kind, tuple(q.key_points) if q else (), lab,
                        "source_id" in a, q.story if q else True))
    return out


def all_cases() -> Iterator[tuple[Persona, Any]]:
    for per in personas():
        for c in cases(per):
            yield per, c


def disagreements() -> dict[str, list[int]]:
    """Per flat label: [labelled by two or more, agreed] over the spent personas (a report)."""
    from bench.structure_accuracy import _flat

    out: dict[str, list[int]] = {}
    for per in personas():
        if len(per.labels) < 2:
            continue
        tables = [_load_labels(p) for p in per.labels]
        for key in tables[0]:
            if not all(key in t for t in tables):
                continue
            flats = [_flat(t[key]) for t in tables]
            both = agreed(flats)
            for k in flats[0]:
                t = out.setdefault(k, [0, 0])
                t[0] += 1
                t[1] += k in both
    return out


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    n = 0
    for per in personas():
        cs = cases(per)
        n += len(cs)
        full = sum(all(f"star.{p}" in c.labels for p in
                       ("situation", "task", "action", "result", "learning")) for c in cs)
        print(f"{per.group}: {len(cs)} answers ({full} with all five parts agreed), "
              f"{len(per.labels)} labels file(s), clauses {'yes' if per.clauses else 'no'}")
    print(f"{n} answers")
    for k, (tot, agree) in disagreements().items():
        print(f"  {k}: agreed {agree}/{tot}")
