"""QA13 F08: with --retry, the --input files are the attempts first; a file meant as the
follow-up's reply became attempt 2 with no word said. The behaviour stays; the help says the
order, and the run says in one line which file was taken as which attempt. Real CLI, real
Whisper on a bundled clip, real files.
"""

from __future__ import annotations

import re

import pytest

from voice_coach.cli import main

QID = "lp-ownership-1"


def test_retry_help_says_how_input_files_are_ordered(capsys):
    with pytest.raises(SystemExit):
        main(["practice", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "the attempts first" in out and "after the last attempt" in out, out


def test_retry_says_the_second_input_is_attempt_2_not_a_follow_up_reply(clip, capsys):
    rc = main(["practice", "--question", QID, "--input", str(clip("jfk")),
               "--input", str(clip("jfk")), "--retry", "--no-voice"])
    out = capsys.readouterr().out
    assert rc == 0
    lines = [ln for ln in out.splitlines() if "taken as attempt 2" in ln]
    assert len(lines) == 1, out
    assert re.search(r"jfk\.flac is taken as attempt 2 .*not as a follow-up reply", lines[0])
