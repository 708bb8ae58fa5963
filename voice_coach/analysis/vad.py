"""Speech/silence segmentation with Silero VAD v6 (the ONNX model that ships inside faster-whisper).

Owns: loading the VAD model (never downloads), batch segmentation of a whole recording
(`detect_speech`), the same batch segmentation computed while a live answer is recorded
(`SpeechStream`, bit for bit equal, so only its last ≤ 2 s are left when the answer ends) and a
streaming detector (`StreamingVad`) with the same vocabulary, used by the recorder's live
silence meter and by streaming transcription to cut chunks.

The model scores fixed 32 ms windows (512 samples at 16 kHz). Batch segmentation runs it at
`PHASES` window phases (the audio from 0, 4, 8 … 28 ms on) and gives every 4 ms step the mean
of the windows over it, so where one 32 ms grid happens to fall on a soft sound no longer
decides whether it is kept (`phase_mean`). A step is speech when its probability reaches
`VadOptions.threshold`; once in speech, only a probability below the lower hysteresis threshold
counts as silence, and speech ends after `MIN_SILENCE_MS` of it. Blips
shorter than `VadOptions.min_speech_ms` are dropped. In batch mode the edges are then moved to
the edges of a 10 ms frame-energy detector whose threshold sits relative to the clip's own
noise floor (Silero's 32 ms windows put edges up to 100 ms inside the speech and smear breaths
over short pauses; an edge growing outwards steps over dips shorter than `EDGE_BRIDGE_S` inside
one sound), and quiet runs inside a region split it. A sound far below the speaker's own
words around it (another speaker faintly audible on the microphone, a breath) does not count as
loud, and a Silero region with nothing loud in it is dropped. Finally regions are padded by
`VadOptions.speech_pad_ms`. In a reverberant room (straight, slow level decays after the
clip's offsets) each sound ends where its direct sound does, not where the room's tail reaches
the floor (`without_reverb_tails`). Where a pause starts is placed at the end of the word's
release (`with_releases`, `releases_after`: a release in a silent room or 1.5 dB over white
noise), which the speech regions themselves do not include. Silero is a learned speech
detector, so a steady noise bed, hum or low-level hiss is silence to it; nothing here relies on digital zeros. Quiet speech
that Silero scores below its threshold (a whispered sentence) is found in the gaps by
`analysis.quiet` and counted as speech (`speech_and_quiet`).

Times are float seconds from the start of the audio; sample indices stay inside this module.
Nothing here blocks except the ONNX inference itself (~60 ms of CPU per minute of audio and
phase on one core; `PHASES` phases cost that many times as much: bench/vad_phase.py).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

import numpy as np

from voice_coach.clock import SAMPLE_RATE
from voice_coach.config import VadOptions
from voice_coach.analysis.levels import (
    ENERGY_FLOOR_PCT,
    ENERGY_FRAME_S,
    ENERGY_LOUD_PCT,
    LOCAL_RANGE_DB,
    SpeechRegion,
)
from voice_coach.analysis.quiet import quiet_speech, quiet_voice, with_quiet
from voice_coach.errors import ModelNotFoundError

log = logging.getLogger(__name__)

WINDOW_SAMPLES = 512  # Silero VAD v6 window at 16 kHz (32 ms); the model accepts only this
CONTEXT_SAMPLES = 64  # samples of the previous window the v6 model sees before each window
STATE_SHAPE = (1, 1, 128)  # LSTM h/c state of the v6 ONNX export
BATCH_WINDOWS = 64  # windows per ONNX call in batch mode (2.048 s; calls start at window 0, so
#                    `SpeechStream` makes the very same calls as the audio arrives and gets the
#                    batch probabilities bit for bit; as fast as bigger calls, bounded memory)
VAD_MODEL_FILE = "silero_vad_v6.onnx"  # in faster_whisper/assets
NEG_THRESHOLD_GAP = 0.15  # hysteresis: speech goes on until prob < threshold - this (Silero)
NEG_THRESHOLD_MIN = 0.01  # floor for that lower threshold
MIN_SILENCE_MS = 100  # silence shorter than this inside speech does not split a region;
#                      well below silence.min_gap_s, so every reportable pause survives
# Edge refinement: Silero decides *where* speech is (robust to noise); a frame-energy detector
# places the edges, because Silero's 32 ms windows sit 0-100 ms inside the true edges and it
# keeps soft word endings at low probability. Measured in bench/accuracy.py.
ENERGY_REFINE = True
ENERGY_HP_HZ = 150.0  # high-pass corner: removes hum and rumble before measuring level
ENERGY_HP_ORDER = 4
ENERGY_RANGE_DB = 30.0  # speech frames are within this of the speech level …
ENERGY_FLOOR_DB = 8.0  # … and at least this far above the noise floor
ENERGY_EXTEND_S = 0.3  # an edge may move outwards at most this far
ENERGY_SHRINK_S = 0.15  # … or inwards at most this far
# a sound must be within LOCAL_RANGE_DB (analysis.levels) of the loudest speech within
# ±LOCAL_WINDOW_S:
LOCAL_WINDOW_S = 1.0  # other speakers heard faintly on the mic and breaths sit 22-30 dB below
#                       the speaker's own words next to them; a soft "uh" sits ~15 dB below
LOCAL_BRIDGE_S = 0.05  # a faint sound this close to a kept one is its onset or ending
LOCAL_SMOOTH_S = 0.05  # the local reference is the max of 50 ms-median levels (no click spikes)
ENERGY_SPLIT_S = 0.25  # a quiet run this long inside a Silero region splits it (Silero smears
#                        breaths and room noise across short pauses); below silence.min_gap_s
PHASES = 8  # Silero runs at this many window phases, 64 samples (4 ms) apart, and each 4 ms step
#            takes the mean of the windows over it (`phase_mean`): where one phase's 32 ms grid
#            falls on a soft sound no longer decides the pauses (bench/vad_phase.py picks 8
#            leave-one-clip-out from 1/2/4/8, with the bridge below)
EDGE_BRIDGE_S = 0.05  # an edge growing outwards steps over quiet gaps shorter than this inside
#                       one sound (a 10 ms dip in a soft onset); = LOCAL_BRIDGE_S, not searched
# A sound's voiceless or breathy ending (a final /s/, /f/, the release after a vowel) sits 15-20 dB
# under the word; in noise it is a few dB over the noise, under the floor + ENERGY_FLOOR_DB rule,
# so pauses started 0.1-0.14 s early and 0.12-0.22 s gaps between phrases read as pauses
# (session 22, docs/robustness.md). `with_tails` keeps it:
TAIL_STEP_DB = 8.0  # the sound stops abruptly: its last loud frames stand this far above the
#                     frames after them (a reverberant tail fades gradually and is not one)
TAIL_DB = 3.0  # … and what follows stays this far over the local background (50 ms medians)
TAIL_PCT = 10  # local background: this percentile of the quiet frames within ±LOCAL_WINDOW_S
TAIL_MAX_S = 0.2  # a tail is at most this long
TAIL_RANGE_DB = ENERGY_RANGE_DB  # … and within this of the clip's loud frames
# Pause edges only (session 26; the speech regions — pace, the answer's end — keep the edges
# above). A word's release after an abrupt stop is where the pause after it starts, also where
# the tail rule cannot see it: in a silent background (digital silence, a noise-gated mic) it
# lies 30-45 dB under the loud frames, under the 30 dB range; under white noise it stands only
# 1-3 dB over the hiss, or comes as a burst after a stop's closure. Both made pauses start
# 0.1-0.15 s early and 0.12-0.22 s comma gaps read as 0.3 s pauses. `with_releases` keeps it:
RELEASE_DB = 1.5  # while its 50 ms median stands this far over the local background …
RELEASE_CLOSURE_S = 0.06  # … stepping over a stop's closure this long before its release burst
RELEASE_RANGE_DB = 50.0  # in a silent background down to this under the clip's loud frames …
RELEASE_CLEAR_DB = 25.0  # … while it stands this far over the local background (a real room's
#                          hum 8-12 dB over its quietest frames is no release)
ONSETS = True  # the release rule run backwards ends a pause at a word's soft onset (`with_onsets`)
TAIL_QUIET_N = 5  # … and ends in the background: this many 10 ms frames under its line after it
#                   (another voice or the room going on after the word is no ending of it)
ONSET_SILENT_ROOM = False  # an onset is not taken down to `RELEASE_RANGE_DB` in a silent room:
#                            there the breath before a word is that loud (real clips: pause
#                            ends 3 ms worse on average with it)
ONSET_SLACK_S = 0.03  # an onset is at most `TAIL_MAX_S` and this (the regions' frame rounding)
ONSET_QUIET_N = 15  # a soft onset rises out of the background alone: this many 10 ms frames
#                    under its line before it (another voice in the pause has gaps only
#                    50-100 ms long: with 5 frames it gave onsets on hear22's 2nd-voice rows)
EDGE_SURE_PROB = 0.9  # an edge moved inwards stops at a Silero window this sure of speech: a
#                       soft, breathy word ending that sinks into background noise is below the
#                       energy rule but not below Silero (bench/pause_cv.py, pause_voices.py)
# Reverberation (session 24, issue #12 part 4): in a reverberant room every word's ending is
# followed by the room's decay, a straight line in dB (an exponential in energy) that the floor
# rule reads as speech, so pauses started 0.10-0.18 s late and pauses under 0.4 s vanished.
# `room_slope` measures the decays after the clip's isolated offsets; when most of them are
# long, straight and slow (the room, not the voice: a voice's own soft endings fall faster or
# not in a line), each sound's end is moved back to its last frame within REVERB_DEPTH_DB of
# the sound's peak: the direct sound stops there and the tail starts ~10-15 dB under it.
REVERB_MIN_OFFSETS = 3  # isolated offsets (REVERB_AFTER_S of quiet after) needed to judge a room
REVERB_AFTER_S = 0.3
REVERB_DROP_DB = 6.0  # a decay starts where the level falls this far under the peak before it
REVERB_BG_DB = 4.0  # … and ends where it comes within this of the local background
REVERB_MIN_S = 0.15  # a room decay lasts at least this long …
REVERB_MIN_R2 = 0.8  # … is this straight in dB (R² of a line fit) …
REVERB_MAX_SLOPE = 120.0  # … and falls at most this fast, dB/s (RT60 ≥ 0.5 s); on the 30 real
#                           and synthetic dry clips of tests/data the few straight decays fall
#                           at 130-230 dB/s (a voice trailing off)
REVERB_SHARE = 0.5  # the clip is reverberant when this share of its offsets decay so
REVERB_DEPTH_DB = 16.0  # the direct sound: frames within this of the peak of the sound's last
REVERB_PEAK_S = 0.3  # … this long (depth 14-16 dB all lift hear20-22's reverb clips from
#                      0.58-0.70 to 0.93-0.99 pause F1, VAD alone; 16 is picked leave-one-round-
#                      out twice of three: bench/pause_vad_only.py, docs/robustness.md)
REVERB_BRIDGE_S = 0.1  # a sound's runs of loud frames closer than this are one sound


class VadState(NamedTuple):
    """What the streaming detector knows after the latest block.

    Attributes:
        is_speech: inside a speech region (with the hysteresis/min-silence hangover).
        silence_s: length of the current silence, seconds (0.0 while voiced); before any
            speech it is the time since the start.
        speech_seen: any speech so far.
        t_s: audio time processed so far (end of the last complete 32 ms window), seconds.
    """

    is_speech: bool
    silence_s: float
    speech_seen: bool
    t_s: float


def _model_path() -> Path:
    try:
        from faster_whisper.utils import get_assets_path
    except ImportError as e:
        raise ModelNotFoundError(
            "faster-whisper is not installed, so the Silero VAD model is missing — run `make setup`"
        ) from e
    return Path(get_assets_path()) / VAD_MODEL_FILE


class SileroVad:
    """Silero VAD v6 ONNX session: window probabilities in batch or one window at a time."""

    def __init__(self, path: str | Path | None = None) -> None:
        p = Path(path) if path is not None else _model_path()
        if not p.is_file():
            raise ModelNotFoundError(
                f"Silero VAD model not found at {p} — reinstall faster-whisper (`make setup`)")
        try:
            import onnxruntime
        except ImportError as e:
            raise ModelNotFoundError(
                "onnxruntime is not installed (needed for the VAD) — run `make setup`") from e
        opts = onnxruntime.SessionOptions()
        opts.inter_op_num_threads = 1
        opts.intra_op_num_threads = 1
        opts.enable_cpu_mem_arena = False
        opts.log_severity_level = 4
        self.path = p
        self.session = onnxruntime.InferenceSession(
            str(p), providers=["CPUExecutionProvider"], sess_options=opts)

    @staticmethod
    def initial_state() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(h, c, context) for the start of a stream."""
        h = np.zeros(STATE_SHAPE, dtype=np.float32)
        return h, h.copy(), np.zeros((1, CONTEXT_SAMPLES), dtype=np.float32)

    def probabilities(self, audio: np.ndarray, phases: int | None = None) -> np.ndarray:
        """Speech probability of every 32 ms window of `audio` (16 kHz; the tail is zero-padded),
        or with `phases` > 1 of every step of 512 / `phases` samples (`phase_mean` of Silero run
        from each step of the first window on).

        Returns:
            float32 array, one value per step; step i covers samples [s i, s (i+1)), s = 512 /
            `phases` (None: `PHASES`).
        """
        audio = np.asarray(audio, dtype=np.float32).reshape(-1)
        phases = PHASES if phases is None else phases
        if phases > 1:
            step = WINDOW_SAMPLES // phases
            return phase_mean([self.probabilities(audio[k * step:], 1) for k in range(phases)],
                              audio.shape[0])
        n_win = -(-audio.shape[0] // WINDOW_SAMPLES)
        if n_win == 0:
            return np.zeros(0, dtype=np.float32)
        padded = np.zeros(n_win * WINDOW_SAMPLES, dtype=np.float32)
        padded[: audio.shape[0]] = audio
        return self.windows(padded.reshape(n_win, WINDOW_SAMPLES), self.initial_state())[0]

    def windows(self, windows: np.ndarray, state: tuple[np.ndarray, np.ndarray, np.ndarray]
                ) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """Probabilities of consecutive 512-sample windows (shape (n, 512)) following `state`,
        in ONNX calls of `BATCH_WINDOWS`, and the state after the last one."""
        h, c, context = state
        if windows.shape[0] == 0:
            return np.zeros(0, dtype=np.float32), state
        ctx = np.empty((windows.shape[0], CONTEXT_SAMPLES), dtype=np.float32)
        ctx[0] = context[0]
        ctx[1:] = windows[:-1, -CONTEXT_SAMPLES:]
        batch = np.concatenate([ctx, windows], axis=1)
        # The export runs the encoder over the batch and the LSTM along it, carrying h/c, so
        # batches of windows equal feeding them one by one (checked in tests/test_vad.py).
        outs = []
        for i in range(0, windows.shape[0], BATCH_WINDOWS):
            out, h, c = self.session.run(
                None, {"input": batch[i:i + BATCH_WINDOWS], "h": h, "c": c})
            outs.append(np.asarray(out, dtype=np.float32).reshape(-1))
        return np.concatenate(outs), (h, c, windows[-1:, -CONTEXT_SAMPLES:].copy())

    def step(self, window: np.ndarray, state: tuple[np.ndarray, np.ndarray, np.ndarray]
             ) -> tuple[float, tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """Probability of one 512-sample window and the state for the next one."""
        h, c, context = state
        w = np.asarray(window, dtype=np.float32).reshape(1, WINDOW_SAMPLES)
        out, h, c = self.session.run(
            None, {"input": np.concatenate([context, w], axis=1), "h": h, "c": c})
        return float(np.asarray(out).reshape(-1)[0]), (h, c, w[:, -CONTEXT_SAMPLES:].copy())


def phase_mean(per_phase: list[np.ndarray], n_samples: int) -> np.ndarray:
    """Silero's probabilities at K window phases on one grid of 512 / K-sample steps.

    `per_phase[k]` holds the window probabilities of the audio from sample k·512/K on; step i is
    covered by one window of every phase that has started by then, and gets their mean. The
    result no longer depends on where one phase's 32 ms grid happens to fall on the speech:
    moving the recording's start by a whole step moves the steps with it.
    """
    k_phases = len(per_phase)
    if k_phases == 0 or WINDOW_SAMPLES % k_phases:
        raise ValueError(f"phases must divide {WINDOW_SAMPLES}, got {k_phases}")
    step = WINDOW_SAMPLES // k_phases
    n = -(-n_samples // step)
    total = np.zeros(n, dtype=np.float64)
    count = np.zeros(n, dtype=np.int64)
    t = np.arange(n)
    for k, probs in enumerate(per_phase):
        j = (t - k) // k_phases
        ok = (t >= k) & (j < probs.shape[0])
        total[ok] += probs[j[ok]]
        count[ok] += 1
    return (total / np.maximum(count, 1)).astype(np.float32)


def load_vad_model(path: str | Path | None = None) -> SileroVad:
    """Load Silero VAD v6 from faster-whisper's bundled assets (or `path`); never downloads.

    Raises:
        ModelNotFoundError: faster-whisper/onnxruntime missing or the model file absent.
    """
    return SileroVad(path)


def _check_rate(sample_rate: int) -> None:
    if sample_rate != SAMPLE_RATE:
        raise ValueError(f"Silero VAD needs {SAMPLE_RATE} Hz audio, got {sample_rate} Hz; "
                         "resample with voice_coach.audio.resample")


def neg_threshold(opts: VadOptions) -> float:
    """Lower hysteresis threshold: once speaking, a window is silence only below this."""
    return max(opts.threshold - NEG_THRESHOLD_GAP, NEG_THRESHOLD_MIN)


def _raw_regions(probs: np.ndarray, opts: VadOptions, step_samples: int = WINDOW_SAMPLES
                 ) -> list[tuple[int, int]]:
    """Hysteresis + min-silence over step probabilities → (start, end) step indices.

    With steps shorter than a window (`phase_mean`), each step's value is a mean over the
    windows around it, which shortens a run of low values by a window less a step; the
    min-silence count is shortened by as much, so a gap splits speech as often as it did at one
    phase (`mfa_uh`'s 130 ms gap before "forced": 11 of 16 start offsets at one phase)."""
    hi, lo = opts.threshold, neg_threshold(opts)
    min_sil = MIN_SILENCE_MS / 1000 * SAMPLE_RATE - (WINDOW_SAMPLES - step_samples)
    min_sil_win = max(1, int(round(min_sil / step_samples)))
    regions: list[tuple[int, int]] = []
    start: int | None = None
    silence_from: int | None = None
    for i, p in enumerate(probs):
        if start is None:
            if p >= hi:
                start, silence_from = i, None
            continue
        if p >= hi:
            silence_from = None
        elif p < lo:
            if silence_from is None:
                silence_from = i
            if i + 1 - silence_from >= min_sil_win:
                regions.append((start, silence_from))
                start, silence_from = None, None
    if start is not None:
        regions.append((start, silence_from if silence_from is not None else len(probs)))
    return regions


def _highpass(sample_rate: int) -> np.ndarray:
    from scipy.signal import butter

    return butter(ENERGY_HP_ORDER, ENERGY_HP_HZ, btype="highpass", fs=sample_rate, output="sos")


def _frames_db(x: np.ndarray) -> np.ndarray:
    """dBFS of each row (one 10 ms frame) of high-passed samples."""
    return 20 * np.log10(np.sqrt((x * x).mean(axis=1)) + 1e-10)


def frame_levels_db(audio: np.ndarray, sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """Level of every 10 ms frame in dBFS after a high-pass that removes rumble and hum."""
    from scipy.signal import sosfilt

    audio = np.asarray(audio, dtype=np.float64).reshape(-1)
    hop = int(sample_rate * ENERGY_FRAME_S)
    n = audio.shape[0] // hop
    if n == 0:
        return np.zeros(0)
    return _frames_db(sosfilt(_highpass(sample_rate), audio)[: n * hop].reshape(n, hop))


def energy_mask(levels_db: np.ndarray) -> np.ndarray:
    """Frames loud enough to be the speaker's speech.

    A frame is loud when within ENERGY_RANGE_DB of the clip's loud frames and at least
    ENERGY_FLOOR_DB above its noise floor (the quiet frames), so a steady noise bed is never
    "speech" however loud it is. A run of loud frames (one sound) is then kept only when its peak
    comes within LOCAL_RANGE_DB of the loudest sound within ±LOCAL_WINDOW_S: another speaker
    faintly audible on the microphone, or a breath, next to the speaker's own words is not
    speech; a word's soft onset or fading end belongs to the word's run and stays."""
    from scipy.ndimage import label, maximum_filter1d, median_filter

    if levels_db.size == 0:
        return np.zeros(0, dtype=bool)
    loud = np.percentile(levels_db, ENERGY_LOUD_PCT)
    floor = np.percentile(levels_db, ENERGY_FLOOR_PCT)
    mask = levels_db > max(loud - ENERGY_RANGE_DB, floor + ENERGY_FLOOR_DB)
    smooth = median_filter(levels_db, size=max(1, int(round(LOCAL_SMOOTH_S / ENERGY_FRAME_S))),
                           mode="nearest")
    w = int(round(LOCAL_WINDOW_S / ENERGY_FRAME_S))
    local = maximum_filter1d(np.where(mask, smooth, -np.inf), size=2 * w + 1, mode="nearest")
    runs, n = label(mask)
    faint = []
    for k in range(1, n + 1):
        idx = np.flatnonzero(runs == k)
        if smooth[idx].max() < local[idx].max() - LOCAL_RANGE_DB:
            faint.append(idx)
    kept = mask.copy()
    for idx in faint:
        kept[idx] = False
    bridge = int(round(LOCAL_BRIDGE_S / ENERGY_FRAME_S))
    near = maximum_filter1d(kept.astype(np.uint8), size=2 * bridge + 1, mode="constant") > 0
    for idx in faint:  # a faint run right next to a word is part of it ("v" before a vowel)
        if near[idx[0]] or near[idx[-1]]:
            mask[idx] = True
        else:
            mask[idx] = False
    return mask


def with_tails(mask: np.ndarray, levels_db: np.ndarray) -> np.ndarray:
    """`mask` (`energy_mask`) with each loud run's soft ending the noise hides from the floor
    rule: where the run stops abruptly (its last three frames' median `TAIL_STEP_DB` over the
    next three's), the frames after it whose 50 ms-median level stays `TAIL_DB` over the local
    background (the `TAIL_PCT` percentile of the quiet frames within ±`LOCAL_WINDOW_S`) and
    within `ENERGY_RANGE_DB` of the clip's loud frames, at most `TAIL_MAX_S`, when the
    `TAIL_QUIET_N` frames after it fall back to the background (a voice 22 dB under the
    speaker goes on: no tail). Edges only
    (`regions_from_probabilities`): the separate sounds of `analysis.echoes` are unchanged."""
    return _tails(mask, levels_db, release=False)


def with_releases(mask: np.ndarray, levels_db: np.ndarray) -> np.ndarray:
    """`with_tails`, and the ending after an abrupt stop kept further: while its 50 ms-median
    level stands `RELEASE_DB` over the local background (not `TAIL_DB`), stepping over quiet
    runs of up to `RELEASE_CLOSURE_S` (a stop's closure before its release burst), at most
    `TAIL_MAX_S`, and where the background is far below the speech down to `RELEASE_RANGE_DB`
    under the clip's loud frames as long as it stands `RELEASE_CLEAR_DB` over the background (a
    consonant's release, a breathy fade in a silent room); else within the 30 dB range. For
    the pause edges only (`releases_after`)."""
    return _tails(mask, levels_db, release=True) | with_tails(mask, levels_db)


def with_onsets(mask: np.ndarray, levels_db: np.ndarray) -> np.ndarray:
    """`mask` with each loud run's soft onset kept before it: `with_releases` run backwards in
    time (a word that starts abruptly loud, its first three frames' median `TAIL_STEP_DB` over
    the three before, keeps the frames before it that stand `RELEASE_DB` over the local
    background — a breathy or fricative onset, a stop's burst before its closure-free vowel —
    stepping over quiet runs of up to `RELEASE_CLOSURE_S`, at most `TAIL_MAX_S`, when the
    `ONSET_QUIET_N` frames before it are the background). For the pause edges only
    (`onsets_before`)."""
    rev_mask, rev_levels = mask[::-1], levels_db[::-1]
    return (_tails(rev_mask, rev_levels, release=True, quiet_n=ONSET_QUIET_N,
                   silent_room=ONSET_SILENT_ROOM)
            | _tails(rev_mask, rev_levels, release=False, quiet_n=ONSET_QUIET_N))[::-1]


def _tails(mask: np.ndarray, levels_db: np.ndarray, *, release: bool,
           quiet_n: int = TAIL_QUIET_N, silent_room: bool = True) -> np.ndarray:
    """`with_tails` (`release` False) or the tail part of `with_releases` (True)."""
    from scipy.ndimage import median_filter

    if mask.size < 4:
        return mask
    f = ENERGY_FRAME_S
    smooth = median_filter(levels_db, size=max(1, int(round(LOCAL_SMOOTH_S / f))), mode="nearest")
    w, cap = int(round(LOCAL_WINDOW_S / f)), int(round(TAIL_MAX_S / f))
    out = mask.copy()
    loud = float(np.percentile(levels_db, ENERGY_LOUD_PCT))
    top = loud - TAIL_RANGE_DB
    ends = np.flatnonzero(mask[:-1] & ~mask[1:])
    for i in ends:
        if i < 2 or (np.median(levels_db[i - 2:i + 1]) - np.median(levels_db[i + 1:i + 4])
                      < TAIL_STEP_DB):
            continue
        lo, hi = max(0, i - w), min(mask.size, i + w + 1)
        quiet = levels_db[lo:hi][~mask[lo:hi]]
        if quiet.size == 0:
            continue
        bg = float(np.percentile(quiet, TAIL_PCT))
        j = i + 1
        stay = max(bg + TAIL_DB, top)
        if release:
            stay = max(bg + RELEASE_DB,
                       min(top, max(loud - RELEASE_RANGE_DB, bg + RELEASE_CLEAR_DB))
                       if silent_room else top)
            j = _release_end(smooth, mask, i, stay, cap)
        while j < mask.size and j - i <= cap and not mask[j] and smooth[j] > stay:
            j += 1
        after = smooth[j:j + quiet_n]
        if after.size == quiet_n and (after <= stay).all():  # then the background alone
            out[i + 1:j] = True
    return out


def _release_end(smooth: np.ndarray, mask: np.ndarray, i: int, stay: float, cap: int) -> int:
    """The frame after a word's release that follows its abrupt stop at frame `i`: the last
    frame within `cap` whose level is over `stay`, the release's frames separated by quiet runs
    (the closure before a stop's release burst) of at most `RELEASE_CLOSURE_S`; `i` + 1 when
    none."""
    gap_max = int(round(RELEASE_CLOSURE_S / ENERGY_FRAME_S))
    j, last, gap = i + 1, i, 0
    while j < mask.size and j - i <= cap and not mask[j]:
        if smooth[j] > stay:
            last, gap = j, 0
        else:
            gap += 1
            if gap > gap_max:
                break
        j += 1
    return last + 1


def _smooth3(levels_db: np.ndarray) -> np.ndarray:
    from scipy.ndimage import median_filter

    return median_filter(levels_db, size=3, mode="nearest")


def room_decays(mask: np.ndarray, levels_db: np.ndarray) -> list[tuple[float, float, float]]:
    """(length s, slope dB/s, R²) of the level's fall after each isolated offset of `mask` (a
    run of loud frames followed by `REVERB_AFTER_S` with none): from where the 30 ms-median
    level falls `REVERB_DROP_DB` under the peak of the `REVERB_PEAK_S` before the offset to
    where it comes within `REVERB_BG_DB` of the local background (the 10th percentile of the
    quiet frames within ±1 s), with a line fitted to the 10 ms levels in between."""
    f = ENERGY_FRAME_S
    sm = _smooth3(levels_db)
    n = mask.size
    look, after = int(round(REVERB_PEAK_S / f)), int(round(REVERB_AFTER_S / f))
    w = int(round(LOCAL_WINDOW_S / f))
    out: list[tuple[float, float, float]] = []
    for i in np.flatnonzero(mask[:-1] & ~mask[1:]):
        if i < look or i + after + 1 >= n or mask[i + 1:i + after + 1].any():
            continue
        lo, hi = max(0, i - w), min(n, i + w)
        quiet = levels_db[lo:hi][~mask[lo:hi]]
        bg = float(np.percentile(quiet, 10))
        p = i - look + int(np.argmax(sm[i - look:i + 1]))
        k = p
        while k < i and sm[k] >= sm[p] - REVERB_DROP_DB:
            k += 1
        j = k
        while j < n and sm[j] > bg + REVERB_BG_DB:
            j += 1
        seg = levels_db[k:j]
        if seg.size < 4:
            out.append((seg.size * f, 0.0, 0.0))
            continue
        t = np.arange(seg.size) * f
        a, b = np.polyfit(t, seg, 1)
        res = seg - (a * t + b)
        out.append((seg.size * f, float(-a), float(1 - res.var() / max(seg.var(), 1e-9))))
    return out


def room_slope(mask: np.ndarray, levels_db: np.ndarray) -> float | None:
    """The decay rate of the room, dB/s, when the clip was recorded in a reverberant one: at
    least `REVERB_MIN_OFFSETS` isolated offsets (`room_decays`), and `REVERB_SHARE` of them
    followed by a decay of at least `REVERB_MIN_S`, straight in dB (R² ≥ `REVERB_MIN_R2`) and
    no faster than `REVERB_MAX_SLOPE` dB/s; their median slope. None for a dry clip."""
    decays = room_decays(mask, levels_db)
    if len(decays) < REVERB_MIN_OFFSETS:
        return None
    room = [slope for d, slope, r2 in decays
            if d >= REVERB_MIN_S and r2 >= REVERB_MIN_R2 and slope <= REVERB_MAX_SLOPE]
    if len(room) < REVERB_SHARE * len(decays):
        return None
    return float(np.median(room))


def without_reverb_tails(mask: np.ndarray, levels_db: np.ndarray) -> np.ndarray:
    """`mask` with each sound's reverberant tail taken off when the clip has a `room_slope`.
    A sound is a run of loud frames with dips under `REVERB_BRIDGE_S` bridged (a bump in a tail
    is the tail's); its direct part ends at its last frame whose 30 ms-median level is within
    `REVERB_DEPTH_DB` of its peak over its last `REVERB_PEAK_S`, and the loud frames after that
    are the room's. A dry clip is returned unchanged (its soft word endings are the speaker's:
    `with_tails`)."""
    if mask.size < 4 or room_slope(mask, levels_db) is None:
        return mask
    sm = _smooth3(levels_db)
    look = int(round(REVERB_PEAK_S / ENERGY_FRAME_S))
    sound = bridged(mask, REVERB_BRIDGE_S)
    out = mask.copy()
    starts = np.flatnonzero(sound & ~np.concatenate([[False], sound[:-1]]))
    ends = np.flatnonzero(sound & ~np.concatenate([sound[1:], [False]]))
    for a, e in zip(starts, ends):
        lo = max(a, e - look)
        direct = np.flatnonzero(sm[lo:e + 1] >= sm[lo:e + 1].max() - REVERB_DEPTH_DB)
        out[lo + int(direct[-1]) + 1:e + 1] = False
    return out


def bridged(mask: np.ndarray, gap_s: float) -> np.ndarray:
    """`mask` with quiet gaps shorter than `gap_s` between loud frames filled: one sound, so a
    short dip inside a word does not stop an edge that grows outwards."""
    from scipy.ndimage import binary_closing

    k = int(round(gap_s / ENERGY_FRAME_S))
    if k == 0 or mask.size == 0:
        return mask
    return mask | binary_closing(mask, structure=np.ones(k + 1, dtype=bool))


def _refine(regions: list[tuple[float, float]], mask: np.ndarray,
            sure: np.ndarray | None = None) -> list[tuple[float, float]]:
    """Move each Silero edge to the nearest energy edge: outwards at most ENERGY_EXTEND_S
    (never across a neighbouring region); inwards up to ENERGY_SHRINK_S, or any distance when
    the quiet stretch is at least ENERGY_SPLIT_S (then it is a silence, as in `_split_quiet`),
    but never past a frame in `sure` (Silero ≥ EDGE_SURE_PROB there).
    A region with no frame in `mask` is dropped (faint voices that are not the speaker's)."""
    if mask.size == 0:
        return regions
    f = ENERGY_FRAME_S
    n = mask.shape[0]
    sure = np.zeros(n, dtype=bool) if sure is None else sure[:n]
    ext, shr = int(round(ENERGY_EXTEND_S / f)), int(round(ENERGY_SHRINK_S / f))
    split = int(round(ENERGY_SPLIT_S / f))
    out: list[tuple[float, float]] = []
    for k, (s, e) in enumerate(regions):
        lo_lim = int(np.ceil(out[-1][1] / f)) if out else 0
        hi_lim = int(regions[k + 1][0] / f) if k + 1 < len(regions) else n
        a, b = int(round(s / f)), min(n, int(round(e / f)))
        loud = np.flatnonzero(mask[a:b]) + a if b > a else np.zeros(0, dtype=int)
        if loud.size == 0:  # Silero heard a voice, but nothing near the speaker's level: another
            continue  # speaker faintly audible, a breath, a cough in the room
        first, last = int(loud[0]), int(loud[-1])
        if first == a:  # loud at Silero's start: extend earlier while loud
            j = a
            while j - 1 >= max(lo_lim, a - ext) and mask[j - 1]:
                j -= 1
        elif first - a <= shr or first - a >= split:
            held = np.flatnonzero(sure[a:first])
            j = a + int(held[0]) if held.size else first
        else:
            j = a
        if last == b - 1:  # loud at Silero's end: extend later while loud
            m = b
            while m < min(hi_lim, b + ext, n) and mask[m]:
                m += 1
        elif b - 1 - last <= shr or b - 1 - last >= split:
            held = np.flatnonzero(sure[last + 1:b])
            m = last + 2 + int(held[-1]) if held.size else last + 1
        else:
            m = b
        out.append((j * f, m * f) if m > j else (s, e))
    return out


def _split_quiet(regions: list[tuple[float, float]], mask: np.ndarray
                 ) -> list[tuple[float, float]]:
    """Split regions at inner runs of at least ENERGY_SPLIT_S with no frame above the energy
    threshold (nothing audible above the noise floor, whatever Silero's smoothed score says)."""
    f = ENERGY_FRAME_S
    min_run = int(round(ENERGY_SPLIT_S / f))
    out: list[tuple[float, float]] = []
    for s, e in regions:
        a, b = int(round(s / f)), min(mask.shape[0], int(round(e / f)))
        cur = a
        j = a
        while j < b:
            if mask[j]:
                j += 1
                continue
            k = j
            while k < b and not mask[k]:
                k += 1
            if k - j >= min_run and j > cur and k < b:
                out.append((cur * f if cur != a else s, j * f))
                cur = k
            j = k
        out.append((cur * f if cur != a else s, e))
    return out


def regions_from_probabilities(probs: np.ndarray, opts: VadOptions, n_samples: int,
                               sample_rate: int = SAMPLE_RATE,
                               levels_db: np.ndarray | None = None, *,
                               phases: int | None = None) -> list[SpeechRegion]:
    """Turn window probabilities (`SileroVad.probabilities` at `phases`: one per 512 / `phases`
    samples) into speech regions in seconds.

    Silero regions (hysteresis, min silence) → blips shorter than `min_speech_ms` dropped →
    when `levels_db` (from `frame_levels_db`) is given: edges snapped to the energy edges (a
    sound's soft ending kept, `with_tails`; dips
    shorter than `EDGE_BRIDGE_S` bridged; an inward move stops at a step Silero is
    `EDGE_SURE_PROB` sure of) and regions split at inner
    quiet runs ≥ `ENERGY_SPLIT_S` → padded by `speech_pad_ms` →
    overlaps merged.
    """
    return _regions(probs, opts, n_samples, sample_rate, levels_db, phases=phases,
                    tails=with_tails)


def _regions(probs: np.ndarray, opts: VadOptions, n_samples: int, sample_rate: int,
             levels_db: np.ndarray | None, *, phases: int | None,
             tails: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> list[SpeechRegion]:
    """`regions_from_probabilities` with the soft endings of `tails` (`with_tails` or
    `with_releases`) kept in the energy mask."""
    step = WINDOW_SAMPLES // (PHASES if phases is None else phases)
    min_speech_win = opts.min_speech_ms / 1000 * sample_rate / step
    pad = opts.speech_pad_ms / 1000
    dur = n_samples / sample_rate
    win_s = step / sample_rate
    raw = [(a * win_s, b * win_s) for a, b in _raw_regions(probs, opts, step)
           if b - a >= min_speech_win]
    if levels_db is not None:
        mask = without_reverb_tails(tails(energy_mask(levels_db), levels_db), levels_db)
        sure = None
        if len(probs):
            frame_win = (np.arange(levels_db.shape[0]) * ENERGY_FRAME_S / win_s).astype(int)
            sure = np.asarray(probs)[np.minimum(frame_win, len(probs) - 1)] >= EDGE_SURE_PROB
        raw = _split_quiet(_refine(raw, bridged(mask, EDGE_BRIDGE_S), sure), mask)
    out: list[SpeechRegion] = []
    for s, e in raw:
        s, e = max(0.0, s - pad), min(dur, e + pad)
        if out and s <= out[-1].end_s:
            out[-1] = SpeechRegion(out[-1].start_s, max(out[-1].end_s, e))
        elif e > s:
            out.append(SpeechRegion(s, e))
    return out


class Speech(NamedTuple):
    """What `speech_and_quiet` found: all speech (quiet speech included), the quiet part, and
    the soft releases that move pause starts (`releases_after`)."""

    regions: list[SpeechRegion]  # sorted, non-overlapping, quiet speech merged in
    quiet: list[SpeechRegion]  # quiet speech: Silero did not call it speech, or only pieces of it
    #                            (`analysis.quiet`: `quiet_speech`, `quiet_voice`)
    releases: list[SpeechRegion]  # (a region's end, where its word's soft release ends),
    #   for regions a pause may follow: the pause starts at the release's end; the region (the
    #   speech time of pace, the answer's end) keeps its own end
    onsets: list[SpeechRegion]  # (where a word's soft onset starts, a region's start),
    #   for regions a pause may precede: the pause ends at the onset's start; the region (the
    #   speech time of pace, the lead-in) keeps its own start


def releases_after(regions: Sequence[SpeechRegion], wider: Sequence[SpeechRegion]
                   ) -> list[SpeechRegion]:
    """Each soft release past a region's end: `wider` are the same audio's regions with
    `with_releases` (a word's soft release in a silent room kept); where a wider region holds a
    region's end and goes on past it, (that end, the wider end — at most the next region's
    start). The last region gets none: no pause follows it, and the answer's end (the invented
    tail after it, the speech span) stays the region's."""
    out: list[SpeechRegion] = []
    k = 0
    for r, nxt in zip(regions, regions[1:]):
        while k < len(wider) and wider[k].end_s < r.end_s:
            k += 1
        if k < len(wider) and wider[k].start_s < r.end_s < wider[k].end_s:
            out.append(SpeechRegion(r.end_s, min(wider[k].end_s, nxt.start_s)))
    return out


def onsets_before(regions: Sequence[SpeechRegion], wider: Sequence[SpeechRegion]
                  ) -> list[SpeechRegion]:
    """Each soft onset before a region's start: `wider` are the same audio's regions with
    `with_onsets`; where a wider region holds a region's start and begins before it, (the
    wider start — at least the previous region's end —, that start). The first region gets
    none: no pause precedes it, and the lead-in stays the region's; nor does a start the wider
    region begins more than `TAIL_MAX_S` + `ONSET_SLACK_S` before (longer than an onset the
    rule keeps: Silero's edge moved with another voice in the pause, not a word's onset)."""
    out: list[SpeechRegion] = []
    k = 0
    for prev, r in zip(regions, regions[1:]):
        while k < len(wider) and wider[k].end_s <= r.start_s:
            k += 1
        if (k < len(wider) and wider[k].start_s < r.start_s < wider[k].end_s
                and r.start_s - wider[k].start_s <= TAIL_MAX_S + ONSET_SLACK_S):
            out.append(SpeechRegion(max(wider[k].start_s, prev.end_s), r.start_s))
    return out


def speech_and_quiet(audio: np.ndarray, opts: VadOptions, *, sample_rate: int = SAMPLE_RATE,
                     model: SileroVad | None = None) -> Speech:
    """Speech regions of a whole recording, with quiet speech (a sentence said far more softly
    than the rest, below Silero's threshold: `analysis.quiet`) counted as speech.

    Args:
        audio: mono float32 samples.
        opts: threshold, min_speech_ms, speech_pad_ms (config `[vad]`).
        sample_rate: must be 16000.
        model: a `SileroVad` from `load_vad_model()`; loaded here when None.
    """
    return speech_and_levels(audio, opts, sample_rate=sample_rate, model=model)[0]


def speech_and_levels(audio: np.ndarray, opts: VadOptions, *, sample_rate: int = SAMPLE_RATE,
                      model: SileroVad | None = None) -> tuple[Speech, np.ndarray]:
    """`speech_and_quiet` and the 10 ms frame levels it was computed from (`frame_levels_db`),
    for a later stage that reads the same levels (`analysis.echoes`) without computing them
    again."""
    _check_rate(sample_rate)
    audio = np.asarray(audio, dtype=np.float32).reshape(-1)
    if audio.size == 0:
        return Speech([], [], [], []), np.zeros(0)
    model = model if model is not None else load_vad_model()
    levels = frame_levels_db(audio, sample_rate)
    return speech_from(model.probabilities(audio), levels, opts, audio.shape[0],
                       sample_rate), levels


def speech_from(probs: np.ndarray, levels_db: np.ndarray, opts: VadOptions, n_samples: int,
                sample_rate: int = SAMPLE_RATE, *, phases: int | None = None) -> Speech:
    """`speech_and_quiet` from its two measurements of the audio: Silero's probabilities
    (`SileroVad.probabilities` at `phases`) and the 10 ms frame levels (`frame_levels_db`)."""
    regions = regions_from_probabilities(probs, opts, n_samples, sample_rate,
                                         levels_db if ENERGY_REFINE else None, phases=phases)
    quiet = quiet_speech(levels_db, regions)
    quiet = with_quiet(quiet, quiet_voice(levels_db, regions, probs,
                                          WINDOW_SAMPLES // (PHASES if phases is None else phases)
                                          / sample_rate))
    speech = with_quiet(regions, quiet)
    releases: list[SpeechRegion] = []
    onsets: list[SpeechRegion] = []
    if ENERGY_REFINE and len(speech) > 1:
        ends = {r.end_s for r in speech[:-1]}  # an end quiet speech took over has none
        releases = [r for r in releases_after(regions, _regions(
            probs, opts, n_samples, sample_rate, levels_db, phases=phases, tails=with_releases))
            if r.start_s in ends]
        if ONSETS:
            starts = {r.start_s for r in speech[1:]}  # likewise a start quiet speech took over
            onsets = [r for r in onsets_before(regions, _regions(
                probs, opts, n_samples, sample_rate, levels_db, phases=phases,
                tails=with_onsets)) if r.end_s in starts]
    log.debug("VAD: %d speech regions, %d of quiet speech, %d soft releases, %d soft onsets, "
              "in %.2f s", len(speech), len(quiet), len(releases), len(onsets),
              n_samples / sample_rate)
    return Speech(speech, quiet, releases, onsets)


def audio_digest(audio: np.ndarray) -> str:
    """Fingerprint of float32 samples (SHA-256), to tell whether two arrays hold the same audio."""
    return hashlib.sha256(np.ascontiguousarray(audio, dtype=np.float32).reshape(-1)).hexdigest()


class HeardSpeech(NamedTuple):
    """`speech_and_quiet` of an answer computed while it was recorded (`SpeechStream`), with
    a fingerprint of the audio it was computed on."""

    speech: Speech
    opts: VadOptions  # the options it was computed with
    n_samples: int
    digest: str  # `audio_digest` of the samples heard
    levels_db: np.ndarray | None = None  # the 10 ms frame levels (`frame_levels_db`'s) of them

    def of(self, audio: np.ndarray, opts: VadOptions) -> bool:
        """Whether this is `speech_and_quiet(audio, opts)`: same options, same samples bit for
        bit."""
        return (self.opts == opts and self.n_samples == np.asarray(audio).size
                and self.digest == audio_digest(audio))


class SpeechStream:
    """`speech_and_quiet` computed as the audio arrives, so only the last ≤ 2 s are left when
    the answer ends: equal to the batch result on the concatenated blocks, bit for bit.

    Silero runs, at each of its `PHASES` window phases, on every complete group of
    `BATCH_WINDOWS` windows — the very ONNX calls the batch VAD makes, with the same LSTM state
    and context — and the high-pass filter carries
    its state from block to block (the same recursion as one `sosfilt` call). The regions
    themselves (energy edges, quiet speech) need the whole answer's level statistics, so
    `finish` computes them: ~5 ms for 2 minutes. Not thread-safe: one thread feeds it.
    """

    def __init__(self, opts: VadOptions, model: SileroVad | None = None, *,
                 sample_rate: int = SAMPLE_RATE) -> None:
        from scipy.signal import sosfilt_zi

        _check_rate(sample_rate)
        self.opts = opts
        self.sample_rate = sample_rate
        self.model = model if model is not None else load_vad_model()
        step = WINDOW_SAMPLES // PHASES
        self._skip = [k * step for k in range(PHASES)]  # samples each phase has yet to skip
        self._state = [self.model.initial_state() for _ in range(PHASES)]
        self._probs: list[list[np.ndarray]] = [[] for _ in range(PHASES)]
        # per phase: samples not yet in a Silero call
        self._pending = [np.zeros(0, dtype=np.float32) for _ in range(PHASES)]
        self._sos = _highpass(sample_rate)
        self._zi = np.zeros_like(sosfilt_zi(self._sos))
        self._hop = int(sample_rate * ENERGY_FRAME_S)
        self._filtered = np.zeros(0)  # high-passed samples not yet in a whole frame
        self._levels: list[np.ndarray] = []
        self._n = 0
        self._hash = hashlib.sha256()

    def add(self, block: np.ndarray) -> None:
        """Take the next block of 16 kHz mono float32 samples (any length)."""
        from scipy.signal import sosfilt

        block = np.ascontiguousarray(block, dtype=np.float32).reshape(-1)
        if block.size == 0:
            return
        self._n += block.size
        self._hash.update(block)
        x, self._zi = sosfilt(self._sos, block.astype(np.float64), zi=self._zi)
        x = np.concatenate([self._filtered, x])
        n_frames = x.shape[0] // self._hop
        self._levels.append(_frames_db(x[: n_frames * self._hop].reshape(n_frames, self._hop)))
        self._filtered = x[n_frames * self._hop:]
        group = BATCH_WINDOWS * WINDOW_SAMPLES
        for k in range(PHASES):
            skip = min(self._skip[k], block.size)
            self._skip[k] -= skip
            pending = np.concatenate([self._pending[k], block[skip:]])
            n_groups = pending.shape[0] // group
            if n_groups:
                self._run(k, pending[: n_groups * group])
                pending = pending[n_groups * group:]
            self._pending[k] = pending

    def _run(self, phase: int, samples: np.ndarray) -> None:
        probs, self._state[phase] = self.model.windows(samples.reshape(-1, WINDOW_SAMPLES),
                                                       self._state[phase])
        self._probs[phase].append(probs)

    @property
    def probabilities(self) -> np.ndarray:
        """Silero's probabilities (`phase_mean` of its phases) once `finish` has run: the batch
        ones, step for step."""
        return phase_mean([np.concatenate(p) if p else np.zeros(0, np.float32)
                           for p in self._probs], self._n)

    @property
    def levels_db(self) -> np.ndarray:
        """The 10 ms frame levels so far (`frame_levels_db`'s, frame for frame)."""
        return np.concatenate(self._levels) if self._levels else np.zeros(0)

    def finish(self) -> HeardSpeech:
        """The speech of everything added (the last partial window zero-padded, as in batch)."""
        for k, pending in enumerate(self._pending):
            if pending.size:
                n_win = -(-pending.shape[0] // WINDOW_SAMPLES)
                padded = np.zeros(n_win * WINDOW_SAMPLES, dtype=np.float32)
                padded[: pending.shape[0]] = pending
                self._run(k, padded)
                self._pending[k] = np.zeros(0, dtype=np.float32)
        speech = Speech([], [], [], [])
        if self._n:
            speech = speech_from(self.probabilities, self.levels_db, self.opts, self._n, self.sample_rate)
        return HeardSpeech(speech, self.opts, self._n, self._hash.hexdigest(), self.levels_db)


def detect_speech(audio: np.ndarray, opts: VadOptions, *, sample_rate: int = SAMPLE_RATE,
                  model: SileroVad | None = None) -> list[SpeechRegion]:
    """Speech regions of a whole recording, quiet speech included (`speech_and_quiet`).

    Returns:
        Sorted, non-overlapping `SpeechRegion`s in seconds from the start of `audio`.
    """
    return speech_and_quiet(audio, opts, sample_rate=sample_rate, model=model).regions


class StreamingVad:
    """Streaming speech detector: feed blocks of any length, get a `VadState` per block.

    Blocks are re-cut into the model's 512-sample windows (leftover samples wait for the next
    block, as in whisper_streaming's FixedVADIterator). Uses the same hysteresis and
    `MIN_SILENCE_MS` as `detect_speech`; `regions` lists finished speech regions (unpadded
    start/end of voiced windows, seconds) so a caller can cut chunks at pauses.
    """

    def __init__(self, opts: VadOptions, model: SileroVad | None = None, *,
                 sample_rate: int = SAMPLE_RATE) -> None:
        _check_rate(sample_rate)
        self.opts = opts
        self.model = model if model is not None else load_vad_model()
        self.regions: list[SpeechRegion] = []
        self.reset()

    def reset(self) -> None:
        """Forget all audio and model state (a new stream starts at t = 0)."""
        self._state = self.model.initial_state()
        self._buf = np.zeros(0, dtype=np.float32)
        self._n_win = 0
        self._triggered = False
        self._start_win: int | None = None
        self._silence_from: int | None = None
        self._last_voiced_end = 0  # window index just after the last voiced window
        self._seen = False
        self.regions = []

    def _t(self, n_win: int) -> float:
        return n_win * WINDOW_SAMPLES / SAMPLE_RATE

    def _window(self, w: np.ndarray) -> None:
        p, self._state = self.model.step(w, self._state)
        i = self._n_win
        self._n_win += 1
        hi, lo = self.opts.threshold, neg_threshold(self.opts)
        min_sil_win = max(1, int(round(MIN_SILENCE_MS / 1000 * SAMPLE_RATE / WINDOW_SAMPLES)))
        if not self._triggered:
            if p >= hi:
                self._triggered, self._seen = True, True
                self._start_win, self._silence_from = i, None
                self._last_voiced_end = i + 1
            return
        if p >= hi:
            self._silence_from = None
            self._last_voiced_end = i + 1
        elif p < lo:
            if self._silence_from is None:
                self._silence_from = i
            if i + 1 - self._silence_from >= min_sil_win:
                self.regions.append(SpeechRegion(self._t(self._start_win or 0),
                                                 self._t(self._silence_from)))
                self._triggered, self._start_win, self._silence_from = False, None, None
        else:  # between the thresholds: speech goes on if it was going on
            if self._silence_from is None:
                self._last_voiced_end = i + 1

    def process(self, block: np.ndarray) -> VadState:
        """Feed one block of 16 kHz float32 samples (any length) and return the current state."""
        block = np.asarray(block, dtype=np.float32).reshape(-1)
        buf = np.concatenate([self._buf, block]) if self._buf.size else block
        n_full = buf.shape[0] // WINDOW_SAMPLES
        for k in range(n_full):
            self._window(buf[k * WINDOW_SAMPLES:(k + 1) * WINDOW_SAMPLES])
        self._buf = buf[n_full * WINDOW_SAMPLES:].copy()
        return self.state

    @property
    def state(self) -> VadState:
        t = self._t(self._n_win)
        if not self._seen:
            silence = t
        elif self._triggered and self._silence_from is None:
            silence = 0.0
        else:
            silence = t - self._t(self._last_voiced_end)
        return VadState(is_speech=self._triggered, silence_s=max(0.0, silence),
                        speech_seen=self._seen, t_s=t)

    def flush(self) -> list[SpeechRegion]:
        """Close an open speech region at the current time; returns all finished regions."""
        if self._triggered and self._start_win is not None:
            end = self._silence_from if self._silence_from is not None else self._n_win
            self.regions.append(SpeechRegion(self._t(self._start_win), self._t(end)))
            self._triggered, self._start_win, self._silence_from = False, None, None
        return list(self.regions)
