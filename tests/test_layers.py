"""The one-way layer contract in pyproject.toml, checked by import-linter (`lint-imports`)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT = Path(sys.executable).with_name("lint-imports")


def _lint(src_root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(src_root)}
    return subprocess.run([str(LINT), "--config", str(src_root / "pyproject.toml"),
                           "--no-cache"], capture_output=True, text=True, env=env,
                          cwd=src_root, timeout=120)


def test_layers_contract_is_kept():
    proc = _lint(ROOT)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert "1 kept, 0 broken" in proc.stdout
    assert "ignored" not in proc.stdout  # no upward import is excused
    assert "ignore_imports" not in (ROOT / "pyproject.toml").read_text()


def test_an_upward_import_breaks_the_contract(tmp_path):
    """The contract can fail: analysis importing the CLI is reported."""
    shutil.copytree(ROOT / "voice_coach", tmp_path / "voice_coach",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    numbers = tmp_path / "voice_coach" / "analysis" / "numbers.py"
    numbers.write_text(numbers.read_text() + "\n\ndef _bad():\n    import voice_coach.cli  # noqa\n")
    proc = _lint(tmp_path)
    assert proc.returncode != 0
    assert "voice_coach.analysis.numbers -> voice_coach.cli" in proc.stdout
