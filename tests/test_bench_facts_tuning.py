"""bench/facts_tuning.py's command line: `--help` prints the usage, a wrong call one usage line
(exit 2), never a traceback (session-25 debt)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "bench/facts_tuning.py"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


def test_help_prints_the_usage():
    r = _run("--help")
    assert r.returncode == 0, r.stderr
    assert "usage: facts_tuning.py CODE_ROOT OUT.json [--spent]" in r.stdout
    assert "--compare" in r.stdout and "Traceback" not in r.stderr


def test_no_arguments_is_a_usage_error_not_a_traceback():
    r = _run()
    assert r.returncode == 2
    assert "usage:" in r.stderr and "give CODE_ROOT and OUT.json" in r.stderr
    assert "Traceback" not in r.stderr


def test_compare_of_a_missing_run_names_it():
    r = _run("--compare", "no-such-before.json", "no-such-after.json")
    assert r.returncode == 2 and "no-such-before.json: no such run" in r.stderr
    assert "Traceback" not in r.stderr
