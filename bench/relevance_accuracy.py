"""How well the off-topic flag separates answers to the question from answers to another one.

Usage: python bench/relevance_accuracy.py [--embeddings]

On-topic: every technical/coding answer of the frozen evaluation set (tests/data/structure_eval,
written answers and their spoken, Whisper-transcribed copies) against its own question.
Off-topic: the same answers against a technical question of another category (each answer
paired with the next such question in the bank, so the pairing is fixed, not sampled). The
threshold was chosen on tests/data/relevance_tuning.toml only; this set was never used to
choose it. Prints a Markdown table.

--embeddings also measures the alternative by meaning (all-MiniLM-L6-v2 from
`voice_coach.embedder`): the mean, over the question text and each key point, of its best cosine
with any sentence of the answer; its threshold is the midpoint chosen on the same tuning set.
"""

from __future__ import annotations

import re
import sys
import tomllib
from collections.abc import Callable
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


Similarity = Callable[[str, object], "float | None"]


def lexical(text: str, q) -> float | None:
    return topic_similarity(text, q.text, q.key_points)


def by_meaning() -> Similarity:
    import numpy as np

    from voice_coach.analysis.embed import cosine_matrix
    from voice_coach.embedder import load_meaning_model

    embed = load_meaning_model().embedder.embed

    def sim(text: str, q) -> float | None:
        parts = [p for p in re.split(r"(?<=[.!?])\s+", text) if len(p.split()) >= 3] or [text]
        answer = embed(parts)
        points = embed([q.text, *q.key_points])
        return float(np.mean(cosine_matrix(points, answer).max(axis=1)))

    return sim


def _rates(pairs, sim: Similarity, below: float) -> tuple[int, int, int, int]:
    """(judged, flagged, not judged, total) over (answer, question, on_topic) pairs."""
    judged = flagged = skipped = 0
    for text, q, _ in pairs:
        value = sim(text, q)
        if value is None:
            skipped += 1
            continue
        judged += 1
        flagged += value < below
    return judged, flagged, skipped, len(pairs)


def _pairs(bank) -> list[tuple[str, list, list]]:
    technical = [q for q in bank if q.kind in ("technical", "coding")]
    tuning = tomllib.loads(TUNING.read_text())["answer"]
    out = [("tuning (chosen here)",
            [(a["text"], bank.get(a["question_id"]), True) for a in tuning if a["on_topic"]],
            [(a["text"], bank.get(a["question_id"]), False) for a in tuning if not a["on_topic"]])]
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
        out.append((f"eval set, {name}", on, off))
    return out


def _table(title: str, sets, sim: Similarity, below: float) -> None:
    print(f"{title} (similarity < {below:.3f}), technical and coding questions\n")
    print("| answers | on-topic pairs | wrongly flagged | off-topic pairs | caught | not judged |")
    print("|---|---|---|---|---|---|")
    for name, on, off in sets:
        (j1, f1, s1, n1), (j2, f2, s2, n2) = _rates(on, sim, below), _rates(off, sim, below)
        print(f"| {name} | {n1} | {f1}/{j1} ({f1 / max(j1, 1):.0%}) | {n2} | "
              f"{f2}/{j2} ({f2 / max(j2, 1):.0%}) | {s1 + s2} |")
    print()


def main() -> int:
    bank = load_bank()
    sets = _pairs(bank)
    _table("Off-topic flag, lexical (the product's)", sets, lexical, OFF_TOPIC_BELOW)
    if "--embeddings" in sys.argv[1:]:
        sim = by_meaning()
        _, on, off = sets[0]
        below = (min(sim(t, q) for t, q, _ in on) + max(sim(t, q) for t, q, _ in off)) / 2
        _table("Off-topic by meaning, MiniLM", sets, sim, below)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
