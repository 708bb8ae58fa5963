"""Calibration maths: a read-aloud recording's noise floor, pace and pauses, and the thresholds
fitted to them, each with a one-line reason (`voice-coach calibrate` records and shows them).

Pure functions over an analysed report and the audio samples; no I/O, no printing.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any, NamedTuple

from voice_coach import config as config_mod
from voice_coach.clock import SAMPLE_RATE
from voice_coach.errors import AudioError
from voice_coach.report_model import AnswerReport, ProsodyInfo

if TYPE_CHECKING:
    import numpy as np

# ~60 words to read aloud at a natural pace; three sentences give natural pauses between them.
CALIBRATION_PASSAGE = (
    "Last spring our team rebuilt the recommendation service that suggests products to "
    "shoppers. The old model was slow, so we measured every step and found that most of the "
    "time went into loading features. We cached them, retrained the model on fresh data, and "
    "cut the response time in half while clicks went up by eight percent."
)
NOISE_FRAME_S = 0.03  # frame length for the noise-floor estimate
NOISE_QUANTILE = 0.10  # the noise floor is the mean power of the quietest 10% of frames

# How proposals relate to what was measured.
PAUSE_FACTOR = 1.5  # flag pauses 1.5x longer than your own 90th-percentile pause …
MIN_PAUSE_S = 2.0  # … but never below the 2 s coaching norm
LONG_SILENCE_FACTOR = 2.5  # "silence" = 2.5 x the long-pause threshold …
MIN_LONG_SILENCE_S = 5.0  # … and at least the 5 s coaching norm
PACE_SLOW_FACTOR = 0.80  # flag answers 20% slower …
PACE_FAST_FACTOR = 1.15  # … or 15% faster than your natural reading pace
PACE_MIN_BOUNDS_WPM = (90.0, 140.0)
# "Too fast" stays flagged above the coaching norm (the default pace.max_wpm, 165 wpm) whatever
# the reader's natural pace: a proposal never raises the limit past it.
PACE_MAX_BOUNDS_WPM = (150.0, config_mod.PaceOptions().max_wpm)
PASSAGE_MIN_OVERLAP = 0.5  # share of the recording's distinct words that must be in the passage
NOISY_DBFS = -45.0  # above this floor the room is noisy enough to raise the VAD threshold
VERY_NOISY_DBFS = -35.0


class Proposal(NamedTuple):
    key: str
    value: float
    current: Any
    why: str


class Calibration(NamedTuple):
    noise_floor_dbfs: float
    wpm: float | None
    articulation_wpm: float | None
    pause_median_s: float | None
    pause_p90_s: float | None
    n_pauses: int
    duration_s: float


def noise_floor_dbfs(audio: np.ndarray, sample_rate: int = SAMPLE_RATE) -> float:
    """dBFS of the quietest 10% of 30 ms frames (mean power), -120 for digital silence."""
    import numpy as np

    frame = max(1, int(NOISE_FRAME_S * sample_rate))
    n = len(audio) // frame
    if n == 0:
        raise AudioError("the recording is too short to measure the noise floor")
    power = np.mean(audio[: n * frame].astype(np.float64).reshape(n, frame) ** 2, axis=1)
    quiet = np.sort(power)[: max(1, int(math.ceil(n * NOISE_QUANTILE)))]
    return float(10 * np.log10(max(float(np.mean(quiet)), 1e-12)))


def measure(report: AnswerReport, noise_dbfs: float) -> Calibration:
    """Pace and pause statistics from an analysed read-aloud recording."""
    import numpy as np

    d = report.delivery
    pauses = sorted(float(p.duration) for p in (d.pauses if d is not None else ()))
    dur = float(report.audio.duration_s or 0.0) if report.audio is not None else 0.0
    return Calibration(
        noise_floor_dbfs=noise_dbfs, wpm=d.wpm if d else None,
        articulation_wpm=d.articulation_wpm if d else None,
        pause_median_s=float(np.median(pauses)) if pauses else None,
        pause_p90_s=float(np.percentile(pauses, 90)) if pauses else None,
        n_pauses=len(pauses), duration_s=dur)


def pitch_rows(prosody: ProsodyInfo | None, monotone_st: float) -> list[tuple[str, str]]:
    """(label, value) rows of the reader's own voice from a report's `prosody` block."""
    if prosody is None:
        return []
    pitch = prosody.pitch
    if pitch.median_hz is None:
        return [("your pitch", "not measurable (whispered or noisy?)")]
    return [("your pitch (median)", f"{pitch.median_hz:.0f} Hz"),
            ("your pitch range (10th–90th pct)", f"{pitch.range_st or 0.0:.1f} semitones"),
            ("your pitch variation", f"±{pitch.variation_st or 0.0:.1f} semitones "
                                     f"(monotone below ±{monotone_st:g})")]


def _round5(x: float) -> float:
    """Nearest multiple of 5, halves up (172.5 → 175)."""
    return float(5 * math.floor(x / 5 + 0.5))


def _pace_proposal(wpm: float, factor: float, bounds: tuple[float, float]) -> tuple[float, str]:
    """A pace limit `factor` × the natural pace, rounded to 5 and kept within `bounds`; the
    reason states exactly that rule and its result."""
    raw = wpm * factor
    value = _round5(min(max(raw, bounds[0]), bounds[1]))
    why = f"natural pace {wpm:.0f} wpm {(factor - 1) * 100:+.0f}% = {raw:.0f}"
    if raw > bounds[1]:
        why += (f", capped at {bounds[1]:g}" + (" (the coaching norm: faster is hard to follow)"
                                                 if bounds is PACE_MAX_BOUNDS_WPM else ""))
    elif raw < bounds[0]:
        why += f", raised to {bounds[0]:g}"
    elif value != round(raw):
        why += ", rounded to 5"
    return value, why + f" → {value:g} wpm"


def passage_overlap(text: str, passage: str = CALIBRATION_PASSAGE) -> float:
    """Share (0–1) of the distinct words in `text` that occur in `passage`."""
    def words(t: str) -> set[str]:
        return set(re.findall(r"[a-z']+", t.lower()))

    said = words(text)
    return len(said & words(passage)) / len(said) if said else 0.0


def propose_thresholds(cal: Calibration, cfg: config_mod.Config) -> list[Proposal]:
    """Thresholds fitted to the measured voice and room, each with a one-line reason."""
    out: list[Proposal] = []
    if cal.pause_p90_s is not None:
        pause_s = max(MIN_PAUSE_S, round(cal.pause_p90_s * PAUSE_FACTOR, 1))
        out.append(Proposal(
            "silence.pause_s", pause_s, cfg.silence.pause_s,
            f"90% of your pauses ≤ {cal.pause_p90_s:.2f} s (median {cal.pause_median_s:.2f}): "
            f"{PAUSE_FACTOR:g}× that, at least {MIN_PAUSE_S:g} s"))
    else:
        pause_s = cfg.silence.pause_s
    long_s = max(MIN_LONG_SILENCE_S, round(pause_s * LONG_SILENCE_FACTOR, 1))
    out.append(Proposal("silence.long_silence_s", long_s, cfg.silence.long_silence_s,
                        f"{LONG_SILENCE_FACTOR:g}× the long-pause threshold, "
                        f"at least {MIN_LONG_SILENCE_S:g} s"))
    if isinstance(cal.wpm, (int, float)) and cal.wpm > 0:
        for key, factor, bounds in (("pace.min_wpm", PACE_SLOW_FACTOR, PACE_MIN_BOUNDS_WPM),
                                    ("pace.max_wpm", PACE_FAST_FACTOR, PACE_MAX_BOUNDS_WPM)):
            value, why = _pace_proposal(cal.wpm, factor, bounds)
            current = cfg.pace.min_wpm if key == "pace.min_wpm" else cfg.pace.max_wpm
            out.append(Proposal(key, value, current, why))
    if cal.noise_floor_dbfs > VERY_NOISY_DBFS:
        vad, why = 0.7, f"noisy room ({cal.noise_floor_dbfs:.0f} dBFS): less sensitive VAD"
    elif cal.noise_floor_dbfs > NOISY_DBFS:
        vad, why = 0.6, f"some background noise ({cal.noise_floor_dbfs:.0f} dBFS)"
    else:
        vad, why = 0.5, f"quiet room ({cal.noise_floor_dbfs:.0f} dBFS): default"
    out.append(Proposal("vad.threshold", vad, cfg.vad.threshold, why))
    return out


def apply_proposals(cfg: config_mod.Config, proposals: list[Proposal], source: str
                    ) -> config_mod.Config:
    """cfg with every proposal applied at once (validated together, so order does not matter)."""
    data = cfg.to_dict()
    for p in proposals:
        section, _, name = p.key.partition(".")
        data[section][name] = p.value
    return config_mod.from_dict(data, source)
