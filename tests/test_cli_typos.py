"""Issue 15 item 5, settings side: one clear line for typos; `config set` like `tune --set`."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def run_cli(tmp_path: Path, *argv: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, VOICE_COACH_RECORDINGS=str(tmp_path / "rec"), PYTHONPATH=str(REPO))
    env.pop("VOICE_COACH_CONFIG", None)
    return subprocess.run([sys.executable, "-m", "voice_coach", *argv], capture_output=True,
                          text=True, timeout=120, cwd=REPO, env=env)


def one_line_error(out: subprocess.CompletedProcess) -> str:
    lines = out.stderr.strip().splitlines()
    assert out.returncode == 2 and len(lines) == 1 and "Traceback" not in out.stderr, out.stderr
    return lines[0]


def test_progress_accepts_british_behavioural(tmp_path):
    out = run_cli(tmp_path, "progress", "--kind", "behavioural")
    assert out.returncode == 0, out.stderr
    assert "kind behavioral" in " ".join(out.stdout.split())  # the alias, not "behavioural"


@pytest.mark.parametrize("argv,suggestion", [(("--category", "codng"), "did you mean 'coding'"),
                                             (("--kind", "tech"), "did you mean 'technical'")])
def test_progress_typos_are_did_you_mean_errors(tmp_path, argv, suggestion):
    line = one_line_error(run_cli(tmp_path, "progress", *argv))
    assert suggestion in line


def test_tune_refuses_a_setting_that_needs_re_transcription(tmp_path):
    line = one_line_error(run_cli(tmp_path, "tune", "--set", "transcriber.model=base"))
    assert "cannot be re-scored without re-transcription" in line
    assert "config set transcriber.model=base" in line


def test_config_set_takes_key_equals_value_like_tune(tmp_path):
    cfg = tmp_path / "c.toml"
    out = run_cli(tmp_path, "config", "set", "--config", str(cfg), "pace.max_wpm=170")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("pace.max_wpm = 170.0")
    assert tomllib.loads(cfg.read_text())["pace"]["max_wpm"] == 170.0


def test_config_set_adds_to_a_list_and_echoes_toml(tmp_path):
    cfg = tmp_path / "c.toml"
    out = run_cli(tmp_path, "config", "set", "--config", str(cfg), "answer.end_phrases",
                  "i am finished")
    assert out.returncode == 0, out.stderr
    first = out.stdout.splitlines()[0]
    assert first.startswith('answer.end_phrases = ["that\'s my answer", "i\'m done", '
                            '"that is my answer", "i am finished"]'), first
    assert "(" not in first.split("(was")[0]  # no Python tuple
    assert tomllib.loads(cfg.read_text())["answer"]["end_phrases"][-1] == "i am finished"
    again = run_cli(tmp_path, "config", "set", "--config", str(cfg), "answer.end_phrases",
                    "i am finished")
    assert tomllib.loads(cfg.read_text())["answer"]["end_phrases"].count("i am finished") == 1
    assert again.returncode == 0
    run_cli(tmp_path, "config", "set", "--config", str(cfg), "--replace", "answer.end_phrases",
            "done, over")
    assert tomllib.loads(cfg.read_text())["answer"]["end_phrases"] == ["done", "over"]


def test_config_set_without_a_value_is_one_line(tmp_path):
    line = one_line_error(run_cli(tmp_path, "config", "set", "--config",
                                  str(tmp_path / "c.toml"), "pace.max_wpm"))
    assert "KEY=VALUE" in line
