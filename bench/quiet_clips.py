"""Generated quiet-speech clips (espeak-ng + numpy noise, made on the fly, nothing stored), for
bench/quiet_speech.py and tests/test_quiet.py.

Each clip is four sentences at normal amplitude (-a 100) in one voice and rate, with the third
whispered quietly (the voice's +whisper variant at espeak -a A) — or, for control clips, at
normal amplitude too — and three pauses that must stay pauses: one with a synthesised breath,
one with keyboard-like clicks, one with background noise only. The whole clip is mixed with
pink noise at an SNR (relative to the normal speech's RMS). Ground truth: the quiet sentence's
span (its samples above -50 dB of its own peak) and the three pauses (the gaps between the
sentences' spans).
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from voice_coach.audio import SAMPLE_RATE, load_audio

SENTENCES = (
    "I led the migration of our ranking service to a new feature store last spring.",
    "The old pipeline recomputed every feature nightly and it often missed the deadline.",
    "I traced the slow joins to a billing field that had changed its meaning.",
    "After the change the job finished in forty minutes instead of six hours.",
    "We shipped it behind a flag and watched the error rate for two weeks.",
    "My manager wanted a rewrite, but I argued for a smaller fix first.",
    "The team agreed to keep the schema checks in the release process.",
    "Next time I would add the data checks before the first launch.",
)
PAUSES_S = (1.5, 2.5, 2.0)  # after sentence 1 (breath), 2 (clicks), 3 (noise only)


def espeak(text: str, voice: str, rate: int, amp: int) -> np.ndarray:
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "s.wav"
        subprocess.run(["espeak-ng", "-v", voice, "-s", str(rate), "-a", str(amp), "-w", str(p),
                        text], check=True, capture_output=True)
        x = load_audio(p)
    nz = np.flatnonzero(np.abs(x) > np.abs(x).max() * 10 ** (-50 / 20))
    return x[nz[0]:nz[-1] + 1]


def pink(n: int, rng: np.random.Generator) -> np.ndarray:
    spec = np.fft.rfft(rng.standard_normal(n))
    f = np.fft.rfftfreq(n, 1 / SAMPLE_RATE)
    spec[1:] /= np.sqrt(f[1:])
    spec[0] = 0
    y = np.fft.irfft(spec, n)
    return y / np.sqrt(np.mean(y * y))


def breath(rng: np.random.Generator, rms: float) -> np.ndarray:
    """A 0.45 s breath: band-limited noise (300-2500 Hz) under a Hann envelope, 25 dB below
    the speech RMS (measured breaths sit 22-30 dB below the words next to them)."""
    from scipy.signal import butter, sosfilt

    n = int(0.45 * SAMPLE_RATE)
    sos = butter(4, (300, 2500), btype="bandpass", fs=SAMPLE_RATE, output="sos")
    y = sosfilt(sos, rng.standard_normal(n)) * np.hanning(n)
    return y / np.sqrt(np.mean(y * y)) * rms * 10 ** (-25 / 20)


def clicks(rng: np.random.Generator, rms: float, dur_s: float) -> np.ndarray:
    """Keyboard-like clicks: 8 ms decaying noise bursts, about 5 a second, peaks at speech RMS."""
    y = np.zeros(int(dur_s * SAMPLE_RATE))
    k = int(0.008 * SAMPLE_RATE)
    env = np.exp(-np.arange(k) / (k / 4))
    t = 0.15
    while t < dur_s - 0.2:
        i = int(t * SAMPLE_RATE)
        y[i:i + k] += rng.standard_normal(k) * env * rms
        t += rng.uniform(0.12, 0.3)
    return y


def make_clip(k: int, voice: str, rate: int, amp: int | None, snr_db: float | None
              ) -> dict[str, Any]:
    """One generated clip with its ground truth (see the module docstring)."""
    rng = np.random.default_rng(k)
    texts = [SENTENCES[(k + i) % len(SENTENCES)] for i in range(4)]
    sents = [espeak(t, f"{voice.split('+')[0]}+whisper", rate, amp)
             if (i == 2 and amp is not None) else espeak(t, voice, rate, 100)
             for i, t in enumerate(texts)]
    rms = float(np.sqrt(np.mean(np.concatenate([sents[0], sents[1], sents[3]]) ** 2)))
    parts, t, spans = [np.zeros(int(0.5 * SAMPLE_RATE))], 0.5, []
    for i, s in enumerate(sents):
        spans.append((t, t + s.size / SAMPLE_RATE))
        parts.append(s)
        t += s.size / SAMPLE_RATE
        if i < 3:
            gap = np.zeros(int(PAUSES_S[i] * SAMPLE_RATE))
            if i == 0:
                b = breath(rng, rms)
                mid = (gap.size - b.size) // 2
                gap[mid:mid + b.size] += b
            elif i == 1:
                gap += clicks(rng, rms, PAUSES_S[i])
            parts.append(gap)
            t += PAUSES_S[i]
    parts.append(np.zeros(int(0.5 * SAMPLE_RATE)))
    x = np.concatenate(parts)
    if snr_db is not None:
        x = x + pink(x.size, rng) * rms * 10 ** (-snr_db / 20)
    x = (x / max(1.0, np.abs(x).max() / 0.95)).astype(np.float32)
    return {"audio": x, "quiet": [spans[2]] if amp is not None else [],
            "pauses": [(spans[i][1], spans[i + 1][0]) for i in range(3)],
            "label": f"{voice} {rate} wpm, quiet -a {amp}, SNR {snr_db}"}
