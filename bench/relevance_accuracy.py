"""How well the off-topic flag separates answers to the question from answers to another one.

Usage: python bench/relevance_accuracy.py

On-topic: every technical/coding answer of the frozen evaluation set (tests/data/structure_eval,
written answers and their spoken, Whisper-transcribed copies) against its own question.
Off-topic: the same answers against a technical question of another category (each answer
paired with the next such question in the bank, so the pairing is fixed, not sampled). The
threshold was chosen on tests/data/relevance_tuning.toml only; this set was never used to
choose it. Prints a Markdown table.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from voice_coach.analysis.relevance import OFF_TOPIC_BELOW, topic_similarity  # noqa: E402
from voice_coach.questions import load_bank  # noqa: E402

EVAL = ROOT / "tests/data/structure_eval"
TUNING = ROOT / "tests/data/relevance_tuning.toml"


def _answers() -> dict[str, list[dict]]:
    written = []
    for path in sorted((EVAL / "answers").glob("*.toml")):
        written += tomllib.loads(path.read_text())["answer"]
    spoken = tomllib.loads((EVAL / "spoken.toml").read_text())["answer"]
    return {"written": written, "spoken (tiny.en)": spoken}


def _rates(pairs: list[tuple[str, object, bool]]) -> tuple[int, int, int, int]:
    """(judged, flagged, not judged, total) over (answer, question, on_topic) pairs."""
    judged = flagged = skipped = 0
    for text, q, _ in pairs:
        sim = topic_similarity(text, q.text, q.key_points)
        if sim is None:
            skipped += 1
            continue
        judged += 1
        flagged += sim < OFF_TOPIC_BELOW
    return judged, flagged, skipped, len(pairs)


def main() -> int:
    bank = load_bank()
    technical = [q for q in bank if q.kind in ("technical", "coding")]
    rows = []
    tuning = tomllib.loads(TUNING.read_text())["answer"]
    on = [(a["text"], bank.get(a["question_id"]), True) for a in tuning if a["on_topic"]]
    off = [(a["text"], bank.get(a["question_id"]), False) for a in tuning if not a["on_topic"]]
    rows.append(("tuning (chosen here)", _rates(on), _rates(off)))
    for name, answers in _answers().items():
        on, off = [], []
        for a in answers:
            q = bank.get(a["question_id"])
            if q.kind not in ("technical", "coding"):
                continue
            on.append((a["text"], q, True))
            i = technical.index(q)
            other = next(t for t in technical[i + 1:] + technical[:i] if t.category != q.category)
            off.append((a["text"], other, False))
        rows.append((f"eval set, {name}", _rates(on), _rates(off)))
    print(f"Off-topic flag (similarity < {OFF_TOPIC_BELOW}), technical and coding questions\n")
    print("| answers | on-topic pairs | wrongly flagged | off-topic pairs | caught | not judged |")
    print("|---|---|---|---|---|---|")
    for name, (j1, f1, s1, n1), (j2, f2, s2, n2) in rows:
        print(f"| {name} | {n1} | {f1}/{j1} ({f1 / max(j1, 1):.0%}) | {n2} | "
              f"{f2}/{j2} ({f2 / max(j2, 1):.0%}) | {s1 + s2} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
