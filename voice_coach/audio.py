"""Audio files and audio sources.

Owns reading/writing/resampling audio files (internal format: mono float32 at 16 kHz, the
rate Whisper expects) and the `AudioSource` protocol with `MicrophoneSource` (sounddevice)
and `FileSource` (a file replayed as if it were a live microphone). Never transcribes.
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np

from voice_coach.errors import AudioError

log = logging.getLogger(__name__)

SAMPLE_RATE = 16000  # Hz, Whisper's input rate
BLOCK_S = 0.1  # seconds of audio per block delivered by a source
BLOCK_SIZE = int(SAMPLE_RATE * BLOCK_S)  # 1600 samples


def resample(audio: np.ndarray, from_hz: int, to_hz: int = SAMPLE_RATE) -> np.ndarray:
    """Band-limited polyphase resampling of a mono float32 signal (scipy if present, else linear)."""
    if from_hz == to_hz or audio.size == 0:
        return audio.astype(np.float32, copy=False)
    from math import gcd

    try:
        from scipy.signal import resample_poly
    except ImportError:  # pragma: no cover - scipy ships with the dependencies
        n_out = int(round(audio.size * to_hz / from_hz))
        x_old = np.arange(audio.size) / from_hz
        x_new = np.arange(n_out) / to_hz
        return np.interp(x_new, x_old, audio).astype(np.float32)
    g = gcd(from_hz, to_hz)
    return resample_poly(audio, to_hz // g, from_hz // g).astype(np.float32)


def to_mono(data: np.ndarray) -> np.ndarray:
    """Average channels of a (frames, channels) array into one float32 channel."""
    if data.ndim == 2:
        data = data.mean(axis=1)
    return data.astype(np.float32, copy=False)


def load_audio(path: str | Path, sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """Read any file libsndfile decodes (WAV, FLAC, OGG, MP3…) as mono float32 at `sample_rate`.

    Raises:
        AudioError: the file is missing, empty, not audio, or holds no samples.
    """
    import soundfile as sf

    p = Path(path)
    if not p.exists():
        raise AudioError(f"audio file not found: {p}")
    if p.is_dir():
        raise AudioError(f"{p} is a folder, not an audio file")
    if p.stat().st_size == 0:
        raise AudioError(f"{p} is empty (0 bytes) — record or choose another file")
    try:
        data, rate = sf.read(str(p), dtype="float32", always_2d=True)
    except (sf.LibsndfileError, RuntimeError, TypeError) as e:
        raise AudioError(f"cannot read {p} as audio ({e}) — use WAV or FLAC") from e
    if data.shape[0] == 0:
        raise AudioError(f"{p} contains no audio samples")
    audio = resample(to_mono(data), int(rate), sample_rate)
    if not np.all(np.isfinite(audio)):
        raise AudioError(f"{p} contains invalid samples (NaN/inf)")
    return audio


def duration_s(audio: np.ndarray, sample_rate: int = SAMPLE_RATE) -> float:
    """Length of `audio` in seconds."""
    return audio.shape[0] / float(sample_rate)


def write_wav(path: str | Path, audio: np.ndarray, sample_rate: int = SAMPLE_RATE) -> Path:
    """Write 16-bit PCM WAV atomically with private permissions."""
    import io

    import soundfile as sf

    from voice_coach.safefs import atomic_write_bytes

    buf = io.BytesIO()
    sf.write(buf, np.clip(audio, -1.0, 1.0), sample_rate, subtype="PCM_16", format="WAV")
    return atomic_write_bytes(path, buf.getvalue())
