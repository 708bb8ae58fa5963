"""How well the off-topic flag separates answers to the question from answers to another one.

Usage: python bench/relevance_accuracy.py [--embeddings] [--stories]

On-topic: every technical/coding answer of the frozen evaluation set (tests/data/structure_eval,
written answers and their spoken, Whisper-transcribed copies) against its own question.
Off-topic: the same answers against a technical question of another category (each answer
paired with the next such question in the bank, so the pairing is fixed, not sampled). The
threshold was chosen on tests/data/relevance_tuning.toml only; this set was never used to
choose it. Prints a Markdown table.

--embeddings also measures the alternative by meaning (all-MiniLM-L6-v2 from
`voice_coach.embedder`): the mean, over the question text and each key point, of its best cosine
with any sentence of the answer; its threshold is the midpoint chosen on the same tuning set.

--stories measures, instead, the story check ("Not an answer to this question",
`coach.answers_other_question`) leave-one-round-out on the tuning rounds M3–M8 (the frozen
evaluation sets are not read): for each round, the whole build of
`scripts/train_question_fit.py` (head and rank limit, itself chosen leave-one-round-out) runs on
the other rounds, and the product (structure analysis with that head, then the coach) judges
the round's story answers against their own question (on-topic), against the fixed other
question of `train_question_fit.other_question` (next story question in the bank sharing no
Leadership Principle: off-topic), and their first `SHORT_WORDS` words against their own
question (short on-topic). Prints a Markdown table per round (each round is a pair of voices).
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


SHORT_WORDS = 50  # a short answer: the first this many words of an answer to the question


def _story_flag(text: str, q, model) -> tuple[bool, bool]:
    """(judged, flagged): the product's story check on `text` for question `q`."""
    from voice_coach.analysis.structure import analyze_structure
    from voice_coach.coach import answers_other_question, coach
    from voice_coach.config import Config
    from voice_coach.questions import answer_kind

    s = analyze_structure(text, kind=answer_kind(q), key_points=q.key_points, model=model,
                          question=q.text)
    c = coach(delivery=None, structure=s, question=q, cfg=Config())
    flagged = any(f.area == "relevance" for f in c.feedback)
    assert flagged == answers_other_question(c.facts, "behavioral", q)
    return s.question_fit is not None, flagged


def stories() -> None:
    import dataclasses

    sys.path.insert(0, str(ROOT / "scripts"))
    import train_question_fit as build

    from voice_coach.embedder import load_meaning_model

    model = load_meaning_model()
    bank = load_bank()
    story = build.story_questions(bank)
    answers = build.load_answers(model.embedder, story)
    asks = build.ask_directions(model.embedder, story)
    rows = []
    for name in build.ROUNDS:
        held = [a for a in answers if a.round == name]
        head = build.fit([a for a in answers if a.round != name], asks, story)
        m = dataclasses.replace(model, fit=head)
        voices = sorted({a.id.rsplit("-", 1)[0] for a in held})
        counts = dict.fromkeys(("on", "on_f", "off", "off_f", "short", "short_f", "skip"), 0)
        for a in held:
            q = bank.get(a.question_id)
            short = " ".join(a.text.split()[:SHORT_WORDS])
            other = build.other_question(q, story)
            for key, text, qq in (("on", a.text, q), ("off", a.text, other), ("short", short, q)):
                judged, flagged = _story_flag(text, qq, m)
                counts[key] += judged
                counts[key + "_f"] += flagged
                counts["skip"] += not judged
        rows.append((f"{name} ({', '.join(voices)})", head.rank_limit, counts))
    print("Story answers: 'Not an answer to this question', leave-one-round-out on the tuning "
          "rounds\n")
    print("| held-out round (voices) | rank limit | on-topic judged | wrongly flagged | "
          f"first {SHORT_WORDS} words judged | wrongly flagged | off-topic judged | caught | "
          "pairs not judged |")
    print("|---|---|---|---|---|---|---|---|---|")
    total = dict.fromkeys(rows[0][2], 0)
    for name, limit, c in rows:
        total = {k: total[k] + v for k, v in c.items()}
        print(_story_row(name, str(limit), c))
    print(_story_row("**all rounds**", "", total))
    print()


def _story_row(name: str, limit: str, c: dict[str, int]) -> str:
    def rate(k: str) -> str:
        return f"{c[k + '_f']}/{c[k]} ({c[k + '_f'] / max(c[k], 1):.1%})"

    return (f"| {name} | {limit} | {c['on']} | {rate('on')} | {c['short']} | {rate('short')} | "
            f"{c['off']} | {rate('off')} | {c['skip']} |")


def main() -> int:
    if "--stories" in sys.argv[1:]:
        stories()
        return 0
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
