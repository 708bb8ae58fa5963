"""QA5 F43: `practice --input FILE` and `analyze FILE` hear exactly the same samples.

A 22.05 kHz file (espeak-ng's rate) is resampled to 16 kHz; the recorder saves the answer as a
16-bit WAV and the practice path analyses that WAV. Before the fix the two paths fed Whisper
audio one rounding step apart (plus clipped resampling overshoot), and tiny.en's greedy decode
wrote different words for them. Real clips, real sox, real recorder, real Whisper (slow test).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from voice_coach.audio import PCM16_SCALE, FileSource, load_audio
from voice_coach.config import Config
from voice_coach.recorder import record_answer

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def loud_22k(clip, tmp_path) -> Path:
    """jfk.flac at 22.05 kHz, normalised to -0.05 dBFS so resampling back overshoots 1.0."""
    out = tmp_path / "jfk_22k.wav"
    subprocess.run(["sox", str(clip("jfk")), "-r", "22050", "-b", "16", str(out), "norm", "-0.05"],
                   check=True, capture_output=True)
    return out


def test_saved_recording_and_streamed_blocks_are_the_files_samples(loud_22k, tmp_path):
    original = load_audio(loud_22k)
    assert np.array_equal(original * PCM16_SCALE, np.rint(original * PCM16_SCALE))  # 16-bit grid
    seen: list[np.ndarray] = []
    wav = tmp_path / "answer-01.wav"
    with FileSource(loud_22k) as src:
        record_answer(src, wav, cfg=Config(), block_listener=seen.append)
    np.testing.assert_array_equal(load_audio(wav), original)
    np.testing.assert_array_equal(np.concatenate(seen), original)


def _run(root: Path, *argv: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, VOICE_COACH_RECORDINGS=str(root), PYTHONPATH=str(REPO))
    proc = subprocess.run([sys.executable, "-m", "voice_coach", *argv], capture_output=True,
                          text=True, timeout=600, cwd=REPO, env=env)
    assert proc.returncode == 0, proc.stderr
    return proc


@pytest.mark.slow
def test_practice_input_reads_the_answer_exactly_as_analyze_does(loud_22k, tmp_path):
    root = tmp_path / "rec"
    question = "ml-overfitting-1"
    batch = json.loads(_run(root, "analyze", str(loud_22k), "--question", question,
                            "--json").stdout)
    _run(root, "practice", "--question", question, "--input", str(loud_22k), "--no-voice",
         "--no-follow-up")
    [session] = [p for p in root.iterdir() if p.is_dir()]
    saved = json.loads((session / "answer-01.json").read_text())
    assert batch["transcript"]["words"]
    assert saved["transcript"]["words"] == batch["transcript"]["words"]
    assert saved["transcript"]["text"] == batch["transcript"]["text"]
    assert saved["scores"] == batch["scores"]
