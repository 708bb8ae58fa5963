"""QA13 F09: a config that is not valid TOML stops EVERY command with the same one-line error.

`next` used to read the config only when a plan named a story, so it accepted a broken file and
exited 0 while `stories` and `analyze` refused it. The check is parametrised over every command
the parser knows (a new command without a case here fails `test_every_command_is_covered`).
Real CLI through `main([...])`, a real broken TOML file (QA13's `[silence` without its `]`).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from voice_coach.cli import build_parser, main

BROKEN = "[silence\npause_s=2\n"
QUESTION = "lp-ownership-1"

# argv after the command name (FILE is replaced by a real .txt/.wav path, CFG by the config)
CASES = {
    "practice": ["--question", QUESTION, "--input", "WAV", "--no-voice"],
    "interview": ["--input", "WAV", "--no-voice"],
    "demo": [],
    "recover": [],
    "next": [],
    "drill think-aloud": ["--input", "WAV", "--no-voice"],
    "analyze": ["TXT"],
    "review": [],
    "progress": [],
    "tune": ["no-such-session"],
    "delete": ["no-such-session", "--yes"],
    "questions": [],
    "devices": [],
    "config show": [],
    "config set": ["pace.max_wpm", "170"],
    "calibrate": ["--input", "WAV"],
    "stories": [],
    "brief": [],
    "plan": [],
}
# the two ways out of a broken config must keep working on it
EXEMPT = {"config path", "config reset"}


def _command_names() -> set[str]:
    names = set()

    def walk(parser: argparse.ArgumentParser, prefix: str) -> None:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs:
            names.add(prefix.strip())
        for action in subs:
            for name, sp in action.choices.items():
                walk(sp, f"{prefix} {name}")

    walk(build_parser(), "")
    return names


def test_every_command_is_covered():
    assert _command_names() == set(CASES) | EXEMPT


@pytest.fixture
def broken(tmp_path) -> Path:
    path = tmp_path / "broken.toml"
    path.write_text(BROKEN)
    return path


@pytest.mark.parametrize("command", sorted(CASES))
def test_broken_toml_stops_every_command(command, broken, tmp_path, capsys, _private_recordings):
    txt = tmp_path / "answer.txt"
    txt.write_text("I owned the misrouting problem and cut it from 18 percent to 6 percent.")
    wav = Path(__file__).parent / "no-such-recording.wav"  # never reached: the config fails first
    args = [{"TXT": str(txt), "WAV": str(wav)}.get(a, a) for a in CASES[command]]
    code = main([*command.split(), "--config", str(broken), *args])
    err = capsys.readouterr().err
    assert code == 2, (command, err)
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert f"{broken}: invalid TOML" in err and "config reset --config" in err, err


def test_ways_out_still_work_on_a_broken_config(broken, capsys):
    assert main(["config", "path", "--config", str(broken)]) == 0
    assert capsys.readouterr().out.strip() == str(broken)
    assert main(["config", "reset", "--config", str(broken), "--yes"]) == 0
    assert broken.with_name("broken.toml.bak").read_text() == BROKEN
