"""Issue 15 item 5, practice side: Ctrl-C and `recover`, follow-ups with --input, silent answers.

Real `voice-coach practice` processes on real clips (tiny.en), real SIGINT, real files.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from tools import sigint_default, wait_for_recording

from voice_coach.audio import write_wav
from voice_coach.report import INTERRUPTED_NOTE, RECOVERED_NOTE

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
QUESTION = "ml-overfitting-1"  # jfk.flac as its answer gets a follow-up (a concrete example)


def _env(root: Path) -> dict[str, str]:
    return dict(os.environ, VOICE_COACH_RECORDINGS=str(root), PYTHONPATH=str(REPO))


def run_cli(root: Path, *argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "voice_coach", *argv], capture_output=True,
                          text=True, timeout=600, cwd=REPO, env=_env(root))


def only_session(root: Path) -> Path:
    [session] = [p for p in root.iterdir() if p.is_dir()]
    return session


def test_ctrl_c_names_recover_and_recover_completes_the_session(tmp_path, clip):
    root = tmp_path / "rec"
    proc = subprocess.Popen([sys.executable, "-m", "voice_coach", "practice", "--question",
                             QUESTION, "--input", str(clip("jfk")), "--realtime", "--no-voice"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO,
                            env=_env(root), preexec_fn=sigint_default)
    seen = ""
    deadline = time.monotonic() + 300
    while "recording" not in seen:
        line = proc.stdout.readline()
        assert line and time.monotonic() < deadline, seen + proc.stderr.read()
        seen += line
    wait_for_recording(root, 3.0)  # 3 s into an 11 s answer played as a live microphone
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    out = seen + out
    assert proc.returncode == 130, err
    session = only_session(root)
    assert f"voice-coach recover {session.name}" in out, out
    assert json.loads((session / "session.json").read_text())["status"] == "interrupted"
    assert INTERRUPTED_NOTE in (session / "report.html").read_text()

    rec = run_cli(root, "recover", session.name)
    assert rec.returncode == 0, rec.stderr
    meta = json.loads((session / "session.json").read_text())
    assert meta["status"] == "complete" and meta["recovered"] is True
    page = (session / "report.html").read_text()
    assert INTERRUPTED_NOTE not in page and RECOVERED_NOTE in page
    listed = run_cli(root, "review")
    assert "pending" not in listed.stdout and "interrupted" not in listed.stdout


def test_input_answers_name_their_file_and_a_skipped_follow_up_says_why(tmp_path, clip):
    root = tmp_path / "two"
    two = run_cli(root, "practice", "--question", QUESTION, "--no-voice", "--input",
                  str(clip("jfk")), "--input", str(clip("mfa_putty")))
    assert two.returncode == 0, two.stderr
    assert "answering from jfk.flac" in two.stdout
    assert "answering from mfa_putty.flac" in two.stdout  # the follow-up's file
    assert "jfk.flac, mfa_putty.flac" not in two.stdout

    one = run_cli(tmp_path / "one", "practice", "--question", QUESTION, "--no-voice",
                  "--input", str(clip("jfk")))
    assert one.returncode == 0, one.stderr
    assert "follow-up:" in one.stdout  # the coach proposed one …
    assert "follow-up skipped: no --input file is left for it" in one.stdout  # … and says why
    assert "Follow-up 2" not in one.stdout


def test_a_silent_practice_answer_is_not_scored_nor_followed_up(tmp_path):
    rng = np.random.default_rng(7)
    noise = write_wav(tmp_path / "room-noise.wav",
                      (0.003 * rng.standard_normal(16000 * 8)).astype(np.float32))
    root = tmp_path / "rec"
    out = run_cli(root, "practice", "--question", QUESTION, "--no-voice", "--input", str(noise))
    assert out.returncode == 0, out.stderr
    assert "No speech found" in out.stdout
    assert "Follow-up" not in out.stdout
    report = json.loads((only_session(root) / "answer-01.json").read_text())
    assert report["no_speech"] is True
    assert all(v is None for v in report["scores"].values())
    assert report["follow_up"] is None
    # `analyze` refuses the same file; progress does not count the answer either.
    refused = run_cli(root, "analyze", str(noise))
    assert refused.returncode == 2 and "no speech found" in refused.stderr
    progress = run_cli(root, "progress")
    assert "No analysed answers" in progress.stdout
    # a re-score keeps it unscored
    tuned = run_cli(root, "tune", "--set", "silence.pause_s=1.5")
    assert tuned.returncode == 0, tuned.stderr
    report = json.loads((only_session(root) / "answer-01.json").read_text())
    assert report["no_speech"] is True and report["scores"]["overall"] is None
