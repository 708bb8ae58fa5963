"""`make bench`: every benchmark side by side in one run; tables go to bench/results/*.md.

Never part of `make test`'s pass/fail. Pass --quick for a shorter run.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHES = ["bench_startup.py", "bench_transcribe.py", "bench_feedback.py", "bench_paths.py",
           "bench_cost.py"]


def main() -> int:
    extra = sys.argv[1:]
    failed = []
    for name in BENCHES:
        print(f"\n=== {name} ===", flush=True)
        args = extra if name != "bench_startup.py" else []
        if subprocess.run([sys.executable, str(HERE / name), *args], cwd=HERE).returncode != 0:
            failed.append(name)
    results = HERE / "results"
    summary = "\n\n".join(p.read_text() for p in sorted(results.glob("*.md")) if p.name != "README.md"
                          and p.name != "all.md")
    (results / "all.md").write_text(summary)
    print(f"\nAll tables: {results / 'all.md'}")
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
