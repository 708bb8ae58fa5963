"""Shared fixtures: data paths, the ground-truth manifest, a private recordings folder per test."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from virtual_mic import virtual_mic  # noqa: F401  (fixture: PulseAudio null-sink microphone)

DATA_DIR = Path(__file__).parent / "data"
AUDIO_DIR = DATA_DIR / "audio"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA_DIR


@pytest.fixture(scope="session")
def manifest() -> dict[str, dict]:
    """Ground truth for the bundled clips, keyed by clip id."""
    clips = json.loads((DATA_DIR / "manifest.json").read_text())
    return {c["id"]: c for c in clips}


@pytest.fixture(scope="session")
def clip():
    """clip("jfk") -> Path of a bundled clip."""

    def _clip(name: str) -> Path:
        p = AUDIO_DIR / f"{name}.flac"
        assert p.exists(), p
        return p

    return _clip


@pytest.fixture(scope="session")
def vad_model():
    """The bundled Silero VAD model, loaded once per test process."""
    from voice_coach.analysis.vad import load_vad_model

    return load_vad_model()


@pytest.fixture(scope="session")
def transcriber():
    """The default transcriber (backend, model and beam of `Config()`), loaded once per process."""
    from voice_coach.config import Config
    from voice_coach.transcriber import load_transcriber

    t = Config().transcriber
    return load_transcriber(t.backend, t.model, beam_size=t.beam_size)


@pytest.fixture(autouse=True)
def _private_recordings(tmp_path, monkeypatch):
    """Every test gets its own recordings folder and no user config."""
    rec = tmp_path / "recordings"
    monkeypatch.setenv("VOICE_COACH_RECORDINGS", str(rec))
    monkeypatch.delenv("VOICE_COACH_CONFIG", raising=False)
    return rec
