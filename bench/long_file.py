"""Memory and time of `voice-coach analyze` on long files (bounded-memory check).

Writes long 16 kHz WAVs block by block (a 62 s spoken answer repeated, over a quiet noise
bed), runs `python -m voice_coach analyze FILE --json` on each in a child process and records
its peak RSS, CPU seconds (getrusage of the child: user + system) and wall time. Also a file
with gaps (`--gap-minutes`: the answer at its start and its end, room noise between, so the
2-minute windows in the middle hold no speech: they get the VAD and a loudness track, no pitch
track and no Whisper) and the 1-hour file of room noise (streamed, then "no speech found").
CPU seconds are the figure to compare on a loaded machine. Results:
bench/results/long_file.{json,md}.

    .venv/bin/python bench/long_file.py [--minutes 5 20] [--gap-minutes 10] [--keep DIR]
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
NOISE_MINUTES = 60


def write_long_wav(path: Path, minutes: float, *, speech: bool = True,
                   gaps: bool = False) -> Path:
    """`minutes` of audio: the bundled 62 s STAR answer repeated (or noise only), in blocks;
    `gaps`: the answer only at the start and at the end, noise between."""
    clip, sr = sf.read(str(AUDIO / "syn_star_60s.flac"), dtype="float32")
    assert sr == SR
    rng = np.random.default_rng(0)
    total = int(minutes * 60 * SR)
    with sf.SoundFile(str(path), "w", SR, 1, "PCM_16") as f:
        written = 0
        while written < total:
            n = min(clip.size, total - written)
            block = rng.standard_normal(n).astype(np.float32) * NOISE_RMS
            first, last = written == 0, written + n == total
            if speech and not gaps:
                block += clip[:n]
            elif speech and (first or last):  # the answer's start, and its end as the file's end
                block += clip[:n] if first else clip[clip.size - n:]
            f.write(block)
            written += n
    return path


def run_analyze(path: Path) -> dict:
    """Run analyze in a fresh wrapper so RUSAGE_CHILDREN is this run alone."""
    code = ("import json, resource, subprocess, sys, time\n"
            "t = time.monotonic()\n"
            "p = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
            "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
            "print(json.dumps({'rc': p.returncode, 'wall_s': time.monotonic() - t,\n"
            "  'peak_rss_mb': u.ru_maxrss / 1024, 'cpu_s': u.ru_utime + u.ru_stime,\n"
            "  'stderr': p.stderr.strip().splitlines()[-1:] }))\n")
    out = subprocess.run([PY, "-c", code, PY, "-m", "voice_coach", "analyze", str(path), "--json"],
                         cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--minutes", type=float, nargs="*", default=[5, 20],
                    help="files of speech throughout (none: skip)")
    ap.add_argument("--gap-minutes", type=float, nargs="*", default=[10],
                    help="files with speech only in the first and the last 62 s (none: skip)")
    ap.add_argument("--keep", metavar="DIR", help="write the long files here (default: temp)")
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep) if args.keep else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        runs = ([(m, "speech") for m in args.minutes] + [(m, "gaps") for m in args.gap_minutes]
                + [(NOISE_MINUTES, "noise")])
        for minutes, kind in runs:
            path = write_long_wav(folder / f"long-{minutes:g}min-{kind}.wav", minutes,
                                  speech=kind != "noise", gaps=kind == "gaps")
            t0 = time.monotonic()
            result = run_analyze(path)
            result.update(minutes=minutes, kind=kind,
                          file_mb=round(path.stat().st_size / 1e6, 1))
            rows.append(result)
            print(f"{minutes:g} min {kind}: rc {result['rc']}, peak RSS "
                  f"{result['peak_rss_mb']:.0f} MB, CPU {result['cpu_s']:.1f} s, "
                  f"{time.monotonic() - t0:.1f} s", flush=True)
            if not args.keep:
                path.unlink()
    RESULTS.mkdir(parents=True, exist_ok=True)
    meta = {"machine": machine(), "commit": git_commit(), "rows": rows}
    (RESULTS / "long_file.json").write_text(json.dumps(meta, indent=2) + "\n")
    lines = ["# Long files: peak memory of `voice-coach analyze`", "",
             f"{meta['machine']}; commit {meta['commit']}. speech = a 62 s answer repeated over "
             "a quiet noise bed; gaps = that answer only in the first and the last 62 s, noise "
             "between (the windows in the middle hold no speech); noise = room noise only, "
             "streamed in 2-minute windows, then refused as \"no speech found\". CPU s = user + "
             "system of the child (less sensitive to a loaded machine than wall s).", "",
             "| minutes | audio | file MB | exit | peak RSS MB | CPU s | wall s "
             "| last stderr line |",
             "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['minutes']:g} | {r['kind']} | {r['file_mb']} | {r['rc']} | "
                     f"{r['peak_rss_mb']:.0f} | {r['cpu_s']:.1f} | {r['wall_s']:.1f} | "
                     f"{' '.join(r['stderr'])[:90]} |")
    (RESULTS / "long_file.md").write_text("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
