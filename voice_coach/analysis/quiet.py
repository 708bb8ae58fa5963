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
# Quiet voice the VAD half-heard (`quiet_voice`): Silero may still call pieces of a sentence said
# 30 dB down speech, so it is split into "pauses" that are not in the audio, and the rest is
# silence; neither is what a listener in the room heard.
VOICE_DROP_DB = 20.0  # nothing within ±VOICE_REACH_S reaches this close to the speaker's
#                       level (a speaker's own sentences vary by well under 10 dB) …
VOICE_REACH_S = 0.5
VOICE_ABOVE_FLOOR_DB = 15.0  # … yet something there is this far above the noise floor …
VOICE_MIN_PROB = 0.15  # … and Silero hears a voice in it (mean window probability; a sentence
#                        30 dB down: 0.37-0.79, room noise between digital silence: < 0.01)
DIGITAL_SILENCE_DB = -150.0  # frames of exact zeros are not the room's noise floor


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
    return _sound_runs(levels_db, regions, min_s=min_s, above_floor_db=above_floor_db,
                       below_speech_db=below_speech_db, min_mod_db=min_mod_db,
                       peak_range_db=LOCAL_RANGE_DB)


def faint_sound(levels_db: np.ndarray, regions: Sequence[SpeechRegion],
                *, min_s: float = QUIET_MIN_S) -> list[SpeechRegion]:
    """Stretches outside `regions` (the speech, quiet speech merged in) of sound that comes and
    goes like syllables, however far below the speaker's level, seconds: `quiet_speech`'s runs
    without its two limits to the speaker's level, so a sentence said 30 dB down (peak below
    `LOCAL_RANGE_DB`, most frames below `BELOW_SPEECH_DB`; Silero ~0.06: QA33 F4) is found —
    and so is another voice faintly audible, or music. Level cannot tell them apart; whether
    it holds words is the transcriber's call (`recovery.mark_faint_voice`)."""
    return _sound_runs(levels_db, regions, min_s=min_s, above_floor_db=ABOVE_FLOOR_DB,
                       below_speech_db=None, min_mod_db=MIN_MOD_DB, peak_range_db=None)


def _sound_runs(levels_db: np.ndarray, regions: Sequence[SpeechRegion], *, min_s: float,
                above_floor_db: float, below_speech_db: float | None, min_mod_db: float,
                peak_range_db: float | None) -> list[SpeechRegion]:
    """Dense, modulated runs of sound above the noise floor outside `regions`, seconds; with
    `below_speech_db` / `peak_range_db` (None: no limit) only near enough the speech level."""
    from scipy.ndimage import binary_closing

    n = levels_db.shape[0]
    f = ENERGY_FRAME_S
    if n * f < min_s:  # shorter than one stretch of quiet speech (and than the density window)
        return []
    floor = float(np.percentile(levels_db, ENERGY_FLOOR_PCT))
    inside = _inside(n, regions)
    speech = float(np.percentile(levels_db[inside] if inside.any() else levels_db,
                                 ENERGY_LOUD_PCT))
    active = levels_db > floor + above_floor_db
    if below_speech_db is not None:
        active &= levels_db > speech - below_speech_db
    w = max(1, int(round(DENSE_S / f)))
    dense = np.convolve(active.astype(float), np.ones(w) / w, mode="same") >= DENSE_SHARE
    on = binary_closing(dense & active & ~inside,
                        structure=np.ones(int(round(BRIDGE_S / f)) + 1)) & ~inside
    out: list[SpeechRegion] = []
    for a, b in _runs(on):
        run = levels_db[a:b]
        if ((b - a) * f < min_s or float(run.std()) < min_mod_db
                or (peak_range_db is not None
                    and float(np.percentile(run, PEAK_PCT)) < speech - peak_range_db)):
            continue
        out.append(SpeechRegion(round(a * f, 3), round(b * f, 3)))
    return out


def quiet_voice(levels_db: np.ndarray, regions: Sequence[SpeechRegion], probs: np.ndarray,
                window_s: float, *, min_s: float = QUIET_MIN_S, drop_db: float = VOICE_DROP_DB,
                above_floor_db: float = VOICE_ABOVE_FLOOR_DB,
                min_mod_db: float = MIN_MOD_DB) -> list[SpeechRegion]:
    """Stretches of at least `min_s` where a voice is heard, but far below the speaker's, seconds.

    A frame is in such a stretch when the loudest sound within ±`VOICE_REACH_S` (50 ms-median
    levels) is at least `above_floor_db` above the clip's noise floor yet at least `drop_db`
    below the speaker's speech level (inside `regions`), the stretch's levels come and go
    (`min_mod_db`, as syllables do; a noise bed is steady) and Silero hears a voice in it
    (`probs`, one per `window_s` window, mean ≥ `VOICE_MIN_PROB`). Unlike `quiet_speech` this looks
    inside the VAD's regions as well as between them: a sentence said 30 dB down that Silero
    half-heard is one stretch of quiet speech, not speech cut by pauses and silences that are not
    in the audio (QA5 F38). The edges of normal speech are never in one: within `VOICE_REACH_S`
    of a normal word the loudest sound is that word.
    """
    from scipy.ndimage import binary_closing, maximum_filter1d, median_filter

    f = ENERGY_FRAME_S
    n = levels_db.shape[0]
    if n * f < min_s or not regions:
        return []
    heard = levels_db[levels_db > DIGITAL_SILENCE_DB]
    if heard.size == 0:
        return []
    floor = float(np.percentile(heard, ENERGY_FLOOR_PCT))
    inside = _inside(n, regions)
    if not inside.any():
        return []
    speech = float(np.percentile(levels_db[inside], ENERGY_LOUD_PCT))
    smooth = median_filter(levels_db, size=5, mode="nearest")
    reach = maximum_filter1d(smooth, size=2 * int(round(VOICE_REACH_S / f)) + 1, mode="nearest")
    on = (reach > floor + above_floor_db) & (reach <= speech - drop_db)
    on = binary_closing(on, structure=np.ones(int(round(BRIDGE_S / f)) + 1))  # one sentence
    out: list[SpeechRegion] = []
    for a, b in _runs(on):
        voice = probs[int(a * f / window_s):max(int(a * f / window_s) + 1, int(b * f / window_s))]
        if ((b - a) * f >= min_s and float(levels_db[a:b].std()) >= min_mod_db
                and voice.size and float(voice.mean()) >= VOICE_MIN_PROB):
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


def _inside(n: int, regions: Sequence[SpeechRegion]) -> np.ndarray:
    """Which of `n` energy frames (`ENERGY_FRAME_S` each) lie inside `regions`."""
    inside = np.zeros(n, dtype=bool)
    for r in regions:
        inside[int(round(r.start_s / ENERGY_FRAME_S)):int(round(r.end_s / ENERGY_FRAME_S))] = True
    return inside


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """[start, end) frame index pairs of the True runs of `mask`."""
    d = np.diff(np.concatenate(([0], mask.astype(np.int8), [0])))
    return list(zip(np.flatnonzero(d == 1).tolist(), np.flatnonzero(d == -1).tolist()))
