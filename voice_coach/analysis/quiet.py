"""Quiet speech: sustained voice in a "silence" that the VAD did not call speech.

A sentence said much more quietly than the rest (whispered, turned away from the microphone)
gets Silero probabilities of 0.2-0.5, below its speech threshold, so it would be reported as a
long silence and counted against the pace. Here a gap between speech regions is searched for
*quiet speech*: a run of at least `QUIET_MIN_S` where most 10 ms frames are clearly above the
clip's own noise floor (`ABOVE_FLOOR_DB` over its quietest frames) yet not far below the
speaker's own speech (`BELOW_SPEECH_DB`), and Silero still hears some voice in it (mean window
probability ≥ `MIN_VOICE_PROB`). A breath (0.3-0.8 s, Silero ~0), a steady noise bed (at the
floor) and clicks or typing (sparse, Silero ~0) stay silence. Thresholds were chosen on
generated material (bench/quiet_speech.py, docs/robustness.md "Quiet speech").

Pure functions on arrays the VAD already computed (frame levels, window probabilities): no
model call, a few ms per minute of audio. Times are float seconds from the start of the audio.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from voice_coach.analysis.levels import (
    ENERGY_FLOOR_PCT,
    ENERGY_FRAME_S,
    ENERGY_LOUD_PCT,
    LOCAL_RANGE_DB,
    SpeechRegion,
)

TOO_QUIET = "too quiet"  # reason given for unrecognised speech inside quiet speech
QUIET_MIN_S = 1.0  # quiet speech lasts at least this (breaths and clicks are shorter)
ABOVE_FLOOR_DB = 6.0  # an active frame is this far above the clip's noise floor …
BELOW_SPEECH_DB = 35.0  # … and no further than this below the speaker's speech level
DENSE_S = 0.5  # a frame is in a run when at least DENSE_SHARE of the frames within ±DENSE_S/2
DENSE_SHARE = 0.35  # are active (clicks and taps are sparse: under 0.1) …
BRIDGE_S = 0.4  # … and runs this close are one (the gaps between quiet words)
PEAK_PCT = 90  # the run's peak level (this percentile of its frames) is within LOCAL_RANGE_DB
#               of the speech level: quieter is another speaker faintly audible (analysis/vad.py)
MIN_MOD_DB = 3.0  # spread (std) of the run's frame levels: syllables come and go; a noise bed
#                   that starts or changes in a pause is steady


def quiet_speech(levels_db: np.ndarray, regions: Sequence[SpeechRegion],
                 *, min_s: float = QUIET_MIN_S, above_floor_db: float = ABOVE_FLOOR_DB,
                 below_speech_db: float = BELOW_SPEECH_DB,
                 min_mod_db: float = MIN_MOD_DB) -> list[SpeechRegion]:
    """Stretches of quiet speech outside `regions`, seconds.

    Args:
        levels_db: 10 ms frame levels (`analysis.vad.frame_levels_db`).
        regions: the VAD's speech regions.
        min_s, above_floor_db, below_speech_db, min_mod_db: see the module docstring.

    Returns:
        Sorted stretches that share no time with `regions`.
    """
    from scipy.ndimage import binary_closing

    n = levels_db.shape[0]
    f = ENERGY_FRAME_S
    if n * f < min_s:  # shorter than one stretch of quiet speech (and than the density window)
        return []
    floor = float(np.percentile(levels_db, ENERGY_FLOOR_PCT))
    inside = np.zeros(n, dtype=bool)
    for r in regions:
        inside[int(round(r.start_s / f)):int(round(r.end_s / f))] = True
    speech = float(np.percentile(levels_db[inside] if inside.any() else levels_db,
                                 ENERGY_LOUD_PCT))
    active = (levels_db > floor + above_floor_db) & (levels_db > speech - below_speech_db)
    w = max(1, int(round(DENSE_S / f)))
    dense = np.convolve(active.astype(float), np.ones(w) / w, mode="same") >= DENSE_SHARE
    on = binary_closing(dense & active & ~inside,
                        structure=np.ones(int(round(BRIDGE_S / f)) + 1)) & ~inside
    out: list[SpeechRegion] = []
    for a, b in _runs(on):
        run = levels_db[a:b]
        if ((b - a) * f < min_s or float(run.std()) < min_mod_db
                or float(np.percentile(run, PEAK_PCT)) < speech - LOCAL_RANGE_DB):
            continue
        out.append(SpeechRegion(round(a * f, 3), round(b * f, 3)))
    return out


def with_quiet(regions: Sequence[SpeechRegion], quiet: Sequence[SpeechRegion]
               ) -> list[SpeechRegion]:
    """`regions` and `quiet` merged into one sorted list of speech regions."""
    out: list[SpeechRegion] = []
    for r in sorted([*regions, *quiet]):
        if out and r.start_s <= out[-1].end_s:
            out[-1] = SpeechRegion(out[-1].start_s, max(out[-1].end_s, r.end_s))
        else:
            out.append(r)
    return out


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """[start, end) frame index pairs of the True runs of `mask`."""
    d = np.diff(np.concatenate(([0], mask.astype(np.int8), [0])))
    return list(zip(np.flatnonzero(d == 1).tolist(), np.flatnonzero(d == -1).tolist()))
