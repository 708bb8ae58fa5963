"""QA14 F08: the common options given before the command are taken as given after it."""

from __future__ import annotations

import shutil
from pathlib import Path

from voice_coach.cli import common_options_after_command, main

DATA = Path(__file__).parent / "data" / "qa14"


def test_common_options_move_after_the_command():
    assert common_options_after_command(["--config", "c.toml", "next"]) == \
        ["next", "--config", "c.toml"]
    assert common_options_after_command(["--recordings=r", "-v", "config", "set", "a.b", "1"]) \
        == ["config", "set", "a.b", "1", "--recordings=r", "-v"]
    for argv in (["next", "--config", "c.toml"], ["--version"], ["--config", "c.toml"],
                 ["--config", "c.toml", "--help"]):
        assert common_options_after_command(argv) == argv


def test_config_before_the_command_reads_the_file(tmp_path, capsys):
    broken = tmp_path / "broken.toml"
    shutil.copy(DATA / "broken.toml", broken)
    before = main(["--config", str(broken), "next", "--recordings", str(tmp_path)])
    err_before = capsys.readouterr().err
    after = main(["next", "--config", str(broken), "--recordings", str(tmp_path)])
    err_after = capsys.readouterr().err
    assert before == after == 2
    assert "invalid choice" not in err_before
    assert err_before == err_after and "broken.toml" in err_before
