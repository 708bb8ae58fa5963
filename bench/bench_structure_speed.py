"""Speed of structure analysis: per answer after warm-up, and `voice-coach analyze answer.txt` cold.

Usage: python bench/bench_structure_speed.py [--repeat 3]

Warm: the model is loaded once (as the interview's warm-up thread does while the question is
spoken), then every answer of tests/data/structure_holdout.toml and one long answer (four of them
joined, ~3 minutes of speech) is analysed `--repeat` times by the rules and by meaning; median and
worst per answer. Cold: a fresh `python -m voice_coach analyze answer.txt --json` process on the
long answer (interpreter start, imports, model load, analysis), median of `--repeat`, with and
without the embedding model (VOICE_COACH_NO_EMBEDDINGS=1). Targets: ≤ 150 ms warm, ≤ 1.5 s cold.
Prints Markdown.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from voice_coach.analysis.structure import analyze_structure  # noqa: E402
from voice_coach.embedder import load_meaning_model  # noqa: E402


def answers() -> list[tuple[str, str | None]]:
    with (ROOT / "tests/data/structure_holdout.toml").open("rb") as f:
        cases = tomllib.load(f)["case"]
    out = [(c["text"], c["kind"]) for c in cases]
    long = " ".join(c["text"] for c in cases if c["kind"] == "behavioral"][:4])
    return out + [(long, "behavioral")]


def per_answer_ms(method: str, model, texts, repeat: int) -> list[float]:
    times = []
    for text, kind in texts:
        runs = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            analyze_structure(text, kind=kind, model=model, method=method)
            runs.append((time.perf_counter() - t0) * 1000)
        times.append(statistics.median(runs))
    return times


def cold_s(path: Path, repeat: int, disable: bool) -> float:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    if disable:
        env["VOICE_COACH_NO_EMBEDDINGS"] = "1"
    runs = []
    with tempfile.TemporaryDirectory() as rec:
        env["VOICE_COACH_RECORDINGS"] = rec
        for _ in range(repeat):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "voice_coach", "analyze", str(path), "--json"],
                           env=env, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
            runs.append(time.perf_counter() - t0)
    return statistics.median(runs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    t0 = time.perf_counter()
    model = load_meaning_model()
    model.embedder.embed(["warm up"])
    load_s = time.perf_counter() - t0
    texts = answers()
    words = [len(t.split()) for t, _ in texts]
    rules = per_answer_ms("rules", None, texts, args.repeat)
    meaning = per_answer_ms("meaning", model, texts, args.repeat)
    print(f"Warm, per answer ({len(texts)} answers, {min(words)}–{max(words)} words; model load "
          f"{load_s:.2f} s once):\n")
    print("| method | median ms | worst ms | longest answer ms |")
    print("|---|---|---|---|")
    for name, t in (("rules only", rules), ("by meaning", meaning)):
        print(f"| {name} | {statistics.median(t):.0f} | {max(t):.0f} | {t[-1]:.0f} |")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "answer.txt"
        path.write_text(texts[-1][0])
        with_model = cold_s(path, args.repeat, disable=False)
        without = cold_s(path, args.repeat, disable=True)
    print(f"\nCold `voice-coach analyze answer.txt --json` ({words[-1]} words), median of "
          f"{args.repeat}:\n")
    print("| structure method | wall s |")
    print("|---|---|")
    print(f"| by meaning (loads the model) | {with_model:.2f} |")
    print(f"| rules only (VOICE_COACH_NO_EMBEDDINGS=1) | {without:.2f} |")


if __name__ == "__main__":
    main()
