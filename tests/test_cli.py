"""CLI basics: lazy imports keep --help cheap; user mistakes are one line, exit 2, no traceback."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from report_schema import check_report
from voice_coach.cli import main

HEAVY = ("numpy", "faster_whisper", "whisper", "torch", "ctranslate2", "onnxruntime", "matplotlib",
         "sounddevice", "pyttsx3", "scipy")


def run_cli(*argv: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "voice_coach", *argv], capture_output=True,
                          text=True, timeout=timeout)


def test_help_imports_no_heavy_module():
    code = ("import sys; from voice_coach.cli import build_parser; build_parser();"
            f"print([m for m in {HEAVY!r} if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_rendering_a_saved_report_with_missed_points_imports_no_heavy_module():
    """A saved story whose key points name what they lack ("after ✗") renders without numpy:
    the key-point facts the report reads are numpy-free (`analysis.point_facts`)."""
    code = ("import sys; sys.path.insert(0, 'tests'); from review_fixtures import make_report;"
            "from voice_coach.report import structure_lines; from voice_coach.report_model import "
            "AnswerReport; r = make_report(); s = r['structure'];"
            "s['metric_triad'].update(after=False, complete=False);"
            "s['key_points']['missed'] = ['the result with a before and after number'];"
            "print(structure_lines(AnswerReport.from_json(r))[-1]);"
            f"print([m for m in {HEAVY!r} if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    missed, heavy = out.stdout.strip().splitlines()[-2:]
    assert "(after ✗)" in missed, out.stdout
    assert heavy == "[]"


def test_help_lists_every_command():
    out = run_cli("--help")
    assert out.returncode == 0
    for cmd in ("practice", "interview", "demo", "drill", "analyze", "review", "progress", "tune",
                "calibrate", "questions", "devices", "config", "stories", "brief", "plan"):
        assert cmd in out.stdout, cmd


def _write(path, data: bytes):
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("make_input, needle", [
    (lambda d: d / "missing.wav", "not found"),
    (lambda d: _write(d / "empty.wav", b""), "empty"),
    (lambda d: _write(d / "notes.wav", b"this is not audio at all, just text"), "text file, not audio"),
    (lambda d: d, "folder"),
])
def test_analyze_bad_audio_is_one_line(tmp_path, make_input, needle):
    out = run_cli("analyze", str(make_input(tmp_path)))
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0], out.stderr


def test_unknown_backend_is_one_line(clip):
    out = run_cli("analyze", str(clip("jfk")), "--backend", "nope")
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1 and "faster-whisper" in out.stderr


def test_analyze_text_transcript_json(tmp_path, capsys):
    t = tmp_path / "answer.txt"
    t.write_text("In my last role I owned the forecasting model. I rebuilt the features and the "
                 "late delivery rate fell from twelve percent to three percent, saving one point "
                 "two million dollars a quarter. I learned to dive deep into the data first.")
    assert main(["analyze", str(t), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    check_report(report, audio=False)
    assert report["structure"]["metric_triad"]["baseline"]


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["faster-whisper", "openai-whisper"])
def test_analyze_audio_json_both_backends(clip, backend):
    out = run_cli("analyze", str(clip("jfk")), "--json", "--backend", backend)
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    check_report(report, audio=True)
    assert report["transcript"]["backend"] == backend
    assert "country" in report["transcript"]["text"].lower()
    assert len(report["delivery"]["pauses"]) >= 2
