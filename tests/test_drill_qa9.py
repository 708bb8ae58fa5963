"""QA9 F19: with the voice off a drill prompt is only shown — nothing is cut for it, so a
silence keeps its whole length and lands in the right bucket. Real audio (the QA7 drill clips,
tests/data/audio/qa7_drill_dr*.flac), real tiny.en, the real `drill think-aloud` CLI."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import numpy as np
import pytest
from tools import trimmed_clip

DATA = Path(__file__).parent / "data" / "audio"
SR = 16000
GAP_S = 21.5  # between the 20 s bucket and 20 s + one prompt's length
PROMPT_AFTER_S = 8.0


def _trimmed(name: str) -> np.ndarray:
    """A QA7 drill clip without its leading / trailing silence."""
    return trimmed_clip(DATA / f"qa7_drill_{name}.flac")


@pytest.fixture(scope="module")
def drilled(tmp_path_factory):
    from voice_coach.audio import write_wav
    from voice_coach.cli import main

    a, b = _trimmed("dr1"), _trimmed("dr2")
    audio = np.concatenate([a, np.zeros(int(GAP_S * SR), np.float32), b,
                            np.zeros(SR, np.float32)])
    tmp = tmp_path_factory.mktemp("qa9-drill")
    path = write_wav(tmp / "drill.wav", audio)
    rec = tmp / "rec"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        rc = main(["drill", "think-aloud", "--recordings", str(rec), "--input", str(path),
                   "--no-voice", "--question", "code-top-k-stream-1",
                   "--prompt-after", f"{PROMPT_AFTER_S:g}"])
    [session] = [p for p in rec.iterdir() if p.is_dir()]
    gap = a.size / SR
    return {"rc": rc, "out": out.getvalue(), "gap": (gap, gap + GAP_S),
            "report": json.loads((session / "answer-01.json").read_text())}


@pytest.mark.slow
def test_a_prompt_never_played_cuts_nothing_from_the_silence(drilled):
    assert drilled["rc"] == 0
    ta = drilled["report"]["think_aloud"]
    [prompt] = ta["prompts"]
    assert prompt["spoken"] is False and prompt["end_s"] == prompt["at_s"]
    assert ta["excluded"] == []
    [stretch] = [s for s in ta["silent_stretches"]["items"] if s["prompted"]]
    g0, g1 = drilled["gap"]
    assert stretch["duration"] == pytest.approx(stretch["end"] - stretch["start"], abs=0.05)
    assert stretch["duration"] == pytest.approx(g1 - g0, abs=0.6)
    assert stretch["duration"] >= 20.0
