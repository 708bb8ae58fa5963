"""Memory and time of `voice-coach analyze` on long files (bounded-memory check).

Writes long 16 kHz WAVs block by block (a 62 s spoken answer repeated, over a quiet noise
bed), runs `python -m voice_coach analyze FILE --json` on each in a child process and records
its peak RSS (getrusage of the child) and wall time; also the 1-hour file, which is refused
before decoding. Results: bench/results/long_file.{json,md}.

    .venv/bin/python bench/long_file.py [--minutes 5 20] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import soundfile as sf

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import AUDIO, PY, RESULTS, ROOT, git_commit, machine  # noqa: E402

SR = 16000
NOISE_RMS = 1e-3
REFUSED_MINUTES = 60


def write_long_wav(path: Path, minutes: float, *, speech: bool = True) -> Path:
    """`minutes` of audio: the bundled 62 s STAR answer repeated (or noise only), in blocks."""
    clip, sr = sf.read(str(AUDIO / "syn_star_60s.flac"), dtype="float32")
    assert sr == SR
    rng = np.random.default_rng(0)
    total = int(minutes * 60 * SR)
    with sf.SoundFile(str(path), "w", SR, 1, "PCM_16") as f:
        written = 0
        while written < total:
            n = min(clip.size, total - written)
            block = rng.standard_normal(n).astype(np.float32) * NOISE_RMS
            if speech:
                block += clip[:n]
            f.write(block)
            written += n
    return path


def run_analyze(path: Path) -> dict:
    """Run analyze in a fresh wrapper so RUSAGE_CHILDREN is this run alone."""
    code = ("import json, resource, subprocess, sys, time\n"
            "t = time.monotonic()\n"
            "p = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
            "print(json.dumps({'rc': p.returncode, 'wall_s': time.monotonic() - t,\n"
            "  'peak_rss_mb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,\n"
            "  'stderr': p.stderr.strip().splitlines()[-1:] }))\n")
    out = subprocess.run([PY, "-c", code, PY, "-m", "voice_coach", "analyze", str(path), "--json"],
                         cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--minutes", type=float, nargs="+", default=[5, 20])
    ap.add_argument("--keep", metavar="DIR", help="write the long files here (default: temp)")
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep) if args.keep else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for minutes in [*args.minutes, REFUSED_MINUTES]:
            path = write_long_wav(folder / f"long-{minutes:g}min.wav", minutes,
                                  speech=minutes != REFUSED_MINUTES)
            t0 = time.monotonic()
            result = run_analyze(path)
            result.update(minutes=minutes, file_mb=round(path.stat().st_size / 1e6, 1))
            rows.append(result)
            print(f"{minutes:g} min: rc {result['rc']}, peak RSS {result['peak_rss_mb']:.0f} MB, "
                  f"{time.monotonic() - t0:.1f} s", flush=True)
            if not args.keep:
                path.unlink()
    RESULTS.mkdir(parents=True, exist_ok=True)
    meta = {"machine": machine(), "commit": git_commit(), "rows": rows}
    (RESULTS / "long_file.json").write_text(json.dumps(meta, indent=2) + "\n")
    lines = ["# Long files: peak memory of `voice-coach analyze`", "",
             f"{meta['machine']}; commit {meta['commit']}. Speech = a 62 s answer repeated over "
             "a quiet noise bed; the 60-minute file is noise only and is refused before "
             "decoding (limit: 20 minutes).", "",
             "| minutes | file MB | exit | peak RSS MB | wall s | last stderr line |",
             "|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['minutes']:g} | {r['file_mb']} | {r['rc']} | {r['peak_rss_mb']:.0f} | "
                     f"{r['wall_s']:.1f} | {' '.join(r['stderr'])[:90]} |")
    (RESULTS / "long_file.md").write_text("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
