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
import resource
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
    long = " ".join([c["text"] for c in cases if c["kind"] == "behavioral"][:4])
    return out + [(long, "behavioral")]


def per_answer_ms(method: str, model, texts, repeat: int) -> tuple[list[float], list[float]]:
    """(wall ms, CPU ms) per answer, medians of `repeat` runs. CPU time sums all threads and is
    what a busy shared machine inflates least."""
    wall, cpu = [], []
    for text, kind in texts:
        runs, cpus = [], []
        for _ in range(repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            analyze_structure(text, kind=kind, model=model, method=method)
            runs.append((time.perf_counter() - t0) * 1000)
            cpus.append((time.process_time() - c0) * 1000)
        wall.append(statistics.median(runs))
        cpu.append(statistics.median(cpus))
    return wall, cpu


def cold_s(path: Path, repeat: int, disable: bool) -> tuple[float, float]:
    """(wall s, CPU s of the child process: user + system) medians; CPU is what a busy shared
    machine inflates least."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    if disable:
        env["VOICE_COACH_NO_EMBEDDINGS"] = "1"
    runs, cpus = [], []
    with tempfile.TemporaryDirectory() as rec:
        env["VOICE_COACH_RECORDINGS"] = rec
        for _ in range(repeat):
            r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "voice_coach", "analyze", str(path), "--json"],
                           env=env, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
            runs.append(time.perf_counter() - t0)
            r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)
    return statistics.median(runs), statistics.median(cpus)


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
    print("| method | median ms | worst ms | longest answer ms | median CPU ms | longest CPU ms |")
    print("|---|---|---|---|---|---|")
    for name, (t, c) in (("rules only", rules), ("by meaning", meaning)):
        print(f"| {name} | {statistics.median(t):.0f} | {max(t):.0f} | {t[-1]:.0f} | "
              f"{statistics.median(c):.0f} | {c[-1]:.0f} |")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "answer.txt"
        path.write_text(texts[-1][0])
        with_model = cold_s(path, args.repeat, disable=False)
        without = cold_s(path, args.repeat, disable=True)
    print(f"\nCold `voice-coach analyze answer.txt --json` ({words[-1]} words), median of "
          f"{args.repeat}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores:\n")
    print("| structure method | wall s | CPU s |")
    print("|---|---|---|")
    print(f"| by meaning (loads the model) | {with_model[0]:.2f} | {with_model[1]:.2f} |")
    print(f"| rules only (VOICE_COACH_NO_EMBEDDINGS=1) | {without[0]:.2f} | {without[1]:.2f} |")


if __name__ == "__main__":
    main()
