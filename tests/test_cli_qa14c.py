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


# ---- F24: `config set` repairs exactly the key a broken config's error names ---------------

def test_config_set_repairs_the_one_bad_key(tmp_path, capsys):
    shutil.copy(DATA / "broken3.toml", tmp_path / "config.toml")  # max_wpm 200 < min_wpm 210
    # another key leaves the file broken: the file's own error, nothing written
    assert main(["config", "set", "silence.pause_s", "1.5", "--recordings", str(tmp_path)]) == 2
    assert "must be greater than" in capsys.readouterr().err
    assert (tmp_path / "config.toml").read_text() == (DATA / "broken3.toml").read_text()
    # the key named in the error, set to a value that makes the file valid
    assert main(["config", "set", "pace.max_wpm", "230", "--recordings", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "pace.max_wpm = 230" in out and "(was 200)" in out and "valid again" in out
    assert main(["config", "show", "--recordings", str(tmp_path)]) == 0
    shown = capsys.readouterr().out
    assert "min_wpm = 210.0" in shown and "max_wpm = 230.0" in shown  # the other value kept
