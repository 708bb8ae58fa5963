"""Start-up time of the CLI: `voice-coach --help` and `voice-coach questions` (median of N runs)."""

from __future__ import annotations

import argparse
import statistics
import subprocess
import time

from common import PY, ROOT, md_table, write_results

COMMANDS = {
    "voice-coach --help": ["--help"],
    "voice-coach questions": ["questions"],
    "voice-coach analyze --help": ["analyze", "--help"],
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    rows, data = [], {}
    for label, argv in COMMANDS.items():
        times = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            subprocess.run([PY, "-m", "voice_coach", *argv], cwd=ROOT, capture_output=True, check=True)
            times.append(time.perf_counter() - t0)
        med = statistics.median(times)
        rows.append([label, med, min(times), max(times)])
        data[label] = {"median_s": med, "min_s": min(times), "max_s": max(times), "runs": args.runs}
    table = md_table(["command", "median s", "min s", "max s"], rows)
    print(table)
    write_results("startup", "Start-up time", table, data)


if __name__ == "__main__":
    main()
