"""Test audio with exactly known prosody (tests/test_prosody.py, bench/prosody_accuracy.py).

- `voiced`: a harmonic series on a given F0 contour (phase = integral of F0, so the F0 of every
  sample is known exactly), shaped by three formant-like resonators and a 4 Hz syllable
  envelope, plus a faint noise floor.
- `answer`: sentences separated by pauses, each flat (±0.2 st wander) or lively (±4 st),
  ending in a natural fall, a fade of known dB or a final rise of known semitones; returns the
  audio and the ground truth (speech regions, F0 per sample, flat stretches, fades, rises).
- `espeak`: espeak-ng speech with its default pitch range or flattened by SSML
  `<prosody range="0%">`.
- `pitch_shifted`: sox `pitch` copy of a real clip.
"""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

SR = 16000
FORMANTS_HZ = ((600.0, 90.0), (1500.0, 120.0), (2500.0, 160.0))  # (centre, bandwidth)
SYLLABLE_HZ = 4.0
NOISE_DBFS = -65.0
LEVEL = 0.25  # peak amplitude of a voiced stretch


def _resonate(x: np.ndarray) -> np.ndarray:
    from scipy.signal import lfilter

    for f, bw in FORMANTS_HZ:
        r = np.exp(-np.pi * bw / SR)
        a = [1.0, -2 * r * np.cos(2 * np.pi * f / SR), r * r]
        x = lfilter([1.0 - r], a, x)
    return x


def voiced(f0_hz: np.ndarray, rng: np.random.Generator | None = None) -> np.ndarray:
    """A vowel-like harmonic signal whose F0 at sample i is exactly `f0_hz[i]`."""
    phase = 2 * np.pi * np.cumsum(f0_hz) / SR
    n_harm = int(4000 // max(float(np.max(f0_hz)), 1.0))
    x = np.zeros(len(f0_hz))
    for k in range(1, n_harm + 1):
        x += np.sin(k * phase) / k
    x = _resonate(x)
    t = np.arange(len(f0_hz)) / SR
    off = (rng.uniform(0, 1) if rng is not None else 0.0)
    env = 0.55 + 0.45 * np.cos(2 * np.pi * (SYLLABLE_HZ * t + off))  # syllables, never silent
    x = x * env
    return (LEVEL * x / np.max(np.abs(x))).astype(np.float64)


@dataclass
class Truth:
    regions: list[tuple[float, float]] = field(default_factory=list)  # voiced sentences, s
    flat: list[tuple[float, float]] = field(default_factory=list)  # monotone stretches, s
    fades: list[tuple[float, float, float]] = field(default_factory=list)  # (start, end, dB)
    rises: list[tuple[float, float, float]] = field(default_factory=list)  # (start, end, st)
    ends: list[float] = field(default_factory=list)  # every sentence end, s
    f0_hz: np.ndarray | None = None  # per sample; NaN in pauses


@dataclass(frozen=True)
class Sentence:
    duration_s: float
    lively: bool  # ±4 st contour, else flat
    fade_db: float = 0.0  # last 0.4 s this much quieter
    rise_st: float = 0.0  # last 0.3 s rising this much; 0 = a natural 2 st fall
    base_hz: float | None = None  # defaults to the answer's


FADE_S = 0.4
RISE_S = 0.3
FALL_S = 0.5
FALL_ST = 2.0
LIVELY_ST = 4.0
LIVELY_PERIOD_S = 1.7
FLAT_WANDER_ST = 0.2


def answer(sentences: list[Sentence], base_hz: float = 120.0, pause_s: float = 0.7,
           lead_s: float = 0.5, seed: int = 0) -> tuple[np.ndarray, Truth]:
    """Sentences separated by pauses, with their ground truth."""
    rng = np.random.default_rng(seed)
    noise = 10 ** (NOISE_DBFS / 20)
    parts = [np.zeros(int(lead_s * SR))]
    f0_parts = [np.full(int(lead_s * SR), np.nan)]
    truth = Truth()
    t = lead_s
    flat_run: list[float] | None = None
    for s in sentences:
        n = int(s.duration_s * SR)
        tt = np.arange(n) / SR
        base = s.base_hz or base_hz
        if s.lively:
            phi = rng.uniform(0, 2 * np.pi)
            st = LIVELY_ST * np.sin(2 * np.pi * tt / LIVELY_PERIOD_S + phi)
        else:
            st = FLAT_WANDER_ST * np.sin(2 * np.pi * tt / 2.3 + rng.uniform(0, 2 * np.pi))
        tail = tt >= s.duration_s - (RISE_S if s.rise_st else FALL_S)
        if s.rise_st:
            st = np.where(tail, st[np.argmax(tail)] + s.rise_st * (tt - tt[tail][0]) / RISE_S, st)
        elif s.lively:
            st = np.where(tail, st[np.argmax(tail)] - FALL_ST * (tt - tt[tail][0]) / FALL_S, st)
        f0 = base * 2 ** (st / 12)
        x = voiced(f0, rng)
        if s.fade_db:
            gain_db = np.clip((tt - (s.duration_s - FADE_S)) / 0.05, 0, 1) * -s.fade_db
            x = x * 10 ** (gain_db / 20)
        parts.append(x)
        f0_parts.append(f0)
        truth.regions.append((t, t + s.duration_s))
        truth.ends.append(t + s.duration_s)
        if s.fade_db:
            truth.fades.append((t + s.duration_s - FADE_S, t + s.duration_s, s.fade_db))
        if s.rise_st:
            truth.rises.append((t + s.duration_s - RISE_S, t + s.duration_s, s.rise_st))
        if not s.lively:
            flat_run = flat_run or [t, t]
            flat_run[1] = t + s.duration_s
        elif flat_run:
            truth.flat.append((flat_run[0], flat_run[1]))
            flat_run = None
        t += s.duration_s
        parts.append(np.zeros(int(pause_s * SR)))
        f0_parts.append(np.full(int(pause_s * SR), np.nan))
        t += int(pause_s * SR) / SR
    if flat_run:
        truth.flat.append((flat_run[0], flat_run[1]))
    audio = np.concatenate(parts)
    audio = audio + noise * rng.standard_normal(len(audio))
    truth.f0_hz = np.concatenate(f0_parts)
    return audio.astype(np.float32), truth


def random_answer(seed: int, base_hz: float, n_sentences: int = 12) -> tuple[np.ndarray, Truth]:
    """A mixed answer: one flat run of 3 sentences (≥ 8 s) among lively ones; some sentences
    fade by 12–18 dB, some end rising by 3–6 st."""
    rng = np.random.default_rng(1000 + seed)
    flat_at = int(rng.integers(2, n_sentences - 4))
    out = []
    for i in range(n_sentences):
        flat = flat_at <= i < flat_at + 3
        dur = float(rng.uniform(3.0, 4.5))
        kind = rng.choice(["plain", "fade", "rise"], p=[0.5, 0.25, 0.25])
        fade = float(rng.uniform(12, 18)) if kind == "fade" else 0.0
        rise = float(rng.uniform(3, 6)) if kind == "rise" and not flat else 0.0
        out.append(Sentence(dur, lively=not flat, fade_db=fade, rise_st=rise))
    return answer(out, base_hz=base_hz, seed=seed)


ESPEAK_TEXT = (
    "When our recommendation service started timing out, I owned the fix. The baseline was a "
    "two second median latency at peak traffic. I profiled the ranking step, found that we "
    "loaded the feature store for every request, and moved it to a shared cache. After the "
    "change, median latency dropped to three hundred milliseconds, and the checkout rate went "
    "up by four percent. I learned to measure before I optimise, and I now add latency "
    "budgets to every design review.")


def espeak(text: str, flat: bool, path: Path, voice: str = "en-us", rate_wpm: int = 160,
           pitch: int = 50) -> Path:
    """espeak-ng speech: default pitch range, or flattened with SSML `range="0%"`."""
    body = f'<speak><prosody range="0%">{text}</prosody></speak>' if flat else text
    cmd = ["espeak-ng", "-v", voice, "-s", str(rate_wpm), "-p", str(pitch), "-w", str(path)]
    subprocess.run(cmd + (["-m"] if flat else []) + [body], check=True, capture_output=True)
    return path


def pitch_shifted(src: Path, cents: int, path: Path) -> Path:
    """A copy of `src` shifted by `cents` with sox's `pitch` effect (tempo kept), 16 kHz mono."""
    subprocess.run(["sox", str(src), "-r", str(SR), "-c", "1", "-b", "16", str(path), "pitch",
                    str(cents)], check=True, capture_output=True)
    return path


def load(path: Path) -> np.ndarray:
    from voice_coach.audio import load_audio

    return load_audio(path)


def tmpdir() -> Path:
    return Path(tempfile.mkdtemp(prefix="prosody-"))
