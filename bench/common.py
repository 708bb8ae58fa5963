"""Shared helpers for the benchmarks: paths, machine description, Markdown tables, child runs,
hand clause labels matched by word overlap."""

from __future__ import annotations

import json
import os
import platform
import re
import subprocess
import sys
import tomllib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
AUDIO = ROOT / "tests" / "data" / "audio"
PY = sys.executable


@contextmanager
def fed_live(blocks: list, transcriber, cfg, vad, each: Callable | None = None) -> Iterator:
    """A live answer as the microphone path makes it: `blocks` (16 kHz float32) fed one by one
    to a live StreamingTranscriber and a ProsodyStream, each block transcribed before the next;
    `each(streamer, fed_s)` runs after every block. Yields (streamer, prosody stream), both
    still open, with every block fed: the caller times what the answer's end costs."""
    from voice_coach import pipeline
    from voice_coach.prosody_stream import ProsodyStream
    from voice_coach.streaming import StreamingTranscriber

    fed_s = 0.0
    with StreamingTranscriber(transcriber, initial_prompt=pipeline.filler_prompt(cfg), live=True,
                              vad_options=cfg.vad, vad_model=vad) as s, ProsodyStream() as voice:
        for b in blocks:
            s.feed(b)
            voice.feed(b)
            s.wait_idle()
            fed_s += b.size / 16000
            if each is not None:
                each(s, fed_s)
        voice.wait_idle()
        yield s, voice


def machine() -> str:
    import psutil

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb = psutil.virtual_memory().total / 2**30
    return f"{cpu}, {os.cpu_count()} cores, {mem_gb:.0f} GiB RAM, Python {platform.python_version()}"


def git_commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def md_table(headers: list[str], rows: list[list[object]]) -> str:
    def cell(v: object) -> str:
        if v is None:
            return "—"
        if isinstance(v, float):
            return f"{v:.3f}" if abs(v) < 10 else f"{v:.1f}"
        return str(v)

    out = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    out += ["| " + " | ".join(cell(v) for v in r) + " |" for r in rows]
    return "\n".join(out)


def run_child(code: str, *args: str, timeout: float = 3600) -> dict:
    """Run `code` in a fresh Python (so peak RSS is its own); it must print one JSON line last."""
    env = dict(os.environ, HF_HUB_OFFLINE="1", PYTHONPATH=str(ROOT))
    proc = subprocess.run([PY, "-c", code, *args], capture_output=True, text=True, timeout=timeout,
                          env=env, cwd=ROOT)
    if proc.returncode != 0:
        raise RuntimeError(f"benchmark child failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def publish(md: str, name: str, out: str | Path = RESULTS) -> Path:
    """Write `md` to `out`/`name`.md (making the folder) and print it; returns the file."""
    path = Path(out) / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(md)
    print(md)
    return path


def write_results(name: str, title: str, table: str, data: object, notes: str = "") -> Path:
    """Write bench/results/`name`.md (`title`, commit, machine, `table`, `notes`) and `name`.json
    (`data`); returns the .md path."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    md = f"## {title}\n\nMeasured at commit {git_commit()} on {machine()}.\n\n{table}\n"
    if notes:
        md += f"\n{notes}\n"
    (RESULTS / f"{name}.md").write_text(md)
    (RESULTS / f"{name}.json").write_text(json.dumps(data, indent=2))
    return RESULTS / f"{name}.md"


def finish(name: str, title: str, table: str, data: object) -> int:
    """A benchmark's last step: `write_results`, print the table and where it went; exit 0."""
    path = write_results(name, title, table, data)
    print(table)
    print(f"\nwritten to {path}")
    return 0


def clause_labels(spent: Iterable[str]) -> dict[str, list[tuple[str, str]]]:
    """Answer id → its hand-labelled clauses (label, text): every tuning round's
    `structure_round_m*/clauses.toml`, then each `spent` folder's `clauses*.toml` (folders
    relative to tests/data)."""
    data = ROOT / "tests" / "data"
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    files = [*data.glob("structure_round_m*/clauses.toml")]
    for folder in spent:
        files += [*(data / folder).glob("clauses*.toml")]
    for f in files:
        for c in tomllib.loads(f.read_text())["clause"]:
            out[c["answer"]].append((c["label"], c["text"]))
    return out


def words(s: str) -> set[str]:
    """The lower-cased words (letters, digits, apostrophes) of `s`."""
    return set(re.findall(r"[a-z0-9']+", s.lower()))


def overlap(a: str, b: str) -> float:
    """Word overlap of two clauses, 0-1: shared words over all words (Jaccard); 0 when both
    are empty."""
    x, y = words(a), words(b)
    return len(x & y) / max(len(x | y), 1)
