"""Prosody: pitch variation, monotone stretches, energy, trailing off (fades) and uptalk.

Pure functions, no I/O. Two steps, so `tune` can re-score from saved data:

1. `extract_track` (audio → `ProsodyTrack`): librosa YIN F0 and RMS energy every 10 ms, each
   F0 frame kept only when the signal is periodic at that period (normalised autocorrelation
   ≥ `VOICING_MIN_R`; whispers, noise and unvoiced consonants fall below), reduced to one cell
   every `CELL_S` (50 ms): median F0 of the voiced frames (NaN when fewer than 3 of 5 are
   voiced) and mean power in dBFS (dB re a full-scale square wave: 20·log10(RMS)).
   `TrackBuilder` does the same over consecutive pieces of a recording — identical cells,
   computed while an answer streams.
2. `analyze_prosody` (track + VAD speech regions + Whisper words → `Prosody`): the report's
   `prosody` block. Definitions (docs/prosody.md):
   - pitch: over voiced cells inside speech (octave jumps > `OUTLIER_ST` from the local
     median dropped): median F0 (Hz), range = 90th − 10th percentile and variation = standard
     deviation, both in semitones (st) around the median; coverage = voiced share of speech.
   - monotone stretch: windows of `monotone_window_s` (every `WINDOW_STEP_S`) holding at least
     half speech and enough pitch whose variation is below `monotone_st`, merged, trimmed to
     the cells whose own ±1 s is flat too, and kept when still ≥ 3/4 of a window long.
   - no pitch: windows of mostly speech where under `MIN_VOICED_SHARE` of it has a pitch —
     reported, never scored.
   - sentence ends: words ending in . ! ? (or VAD speech-region ends without a transcript),
     moved to the last cell within `END_FLOOR_DB` of the sentence's level.
   - fade: a sentence whose last `FADE_TAIL_S` (0.4 s) is ≥ `fade_db` quieter (median dB)
     than the rest of it.
   - uptalk: a declarative sentence (not a ? question that opens like one) whose pitch over
     its last `UPTALK_TAIL_S` (0.3 s) ends ≥ `uptalk_st` above its lowest point there.
Times are seconds from the start of the recording. Nothing is computed from missing data:
a value without enough pitch or energy is None and the stretch is listed in `no_pitch`.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np

from voice_coach.clock import SAMPLE_RATE
from voice_coach.report_model import (
    EnergyInfo, EnergyTimeline, FadeMark, MonotoneMark, PitchInfo, PitchTimeline, ProsodyInfo,
    Span, UptalkMark, dump, rounded,
)

HOP = 160  # samples between F0/energy frames (10 ms)
FRAME = 1024  # YIN frame, samples (64 ms: two periods of the lowest F0)
FRAMES_PER_CELL = 5
CELL = HOP * FRAMES_PER_CELL  # samples per stored cell (800 = 50 ms)
CELL_S = CELL / SAMPLE_RATE
FMIN_HZ = 60.0
FMAX_HZ = 500.0
VOICING_MIN_R = 0.6  # normalised autocorrelation at the YIN period that counts as voiced
MIN_VOICED_FRAMES = 3  # of FRAMES_PER_CELL, for a cell to carry a pitch
SILENT_DBFS = -100.0  # floor of the energy track (digital silence)
TRACK_DIGITS = 1  # decimals a report keeps of each pitch (Hz) and energy (dBFS) cell
CLIPPED_DIGITS = 5  # decimals a report keeps of the clipped share
CLIP_LEVEL = 0.999  # |sample| at or above this is clipped

OUTLIER_ST = 7.0  # a cell this far from the median of its neighbours is an octave error
OUTLIER_NEIGHBOURS = 4  # cells each side for that median
WINDOW_STEP_S = 0.5  # hop of the monotone windows
MIN_STRETCH_SHARE = 0.75  # after trimming, a stretch lasts at least this share of the window
EDGE_WINDOW_S = 1.0  # half-width of the neighbourhood that trims a stretch's lively edges
MIN_SPEECH_SHARE = 0.5  # a window is judged only when at least half of it is speech
MIN_VOICED_SHARE = 0.2  # ... and at least this share of that speech has a pitch
MIN_PITCH_CELLS = 20  # fewer voiced cells (1 s) in the answer: no pitch statistics
END_FLOOR_DB = 25.0  # a sentence ends at its last cell within this of the sentence's level
END_SEARCH_S = 0.5  # how far past a word's end (Whisper's times drift) the end is searched
FADE_TAIL_S = 0.4
MIN_BODY_S = 0.6  # a sentence needs this much before its tail to be judged for a fade
UPTALK_TAIL_S = 0.3
MIN_REGION_SENTENCE_S = 1.0  # without words, speech regions at least this long are sentences
TOO_QUIET_DBFS = -40.0  # speech level below this: move closer / raise the input gain
CLIPPED_SHARE_MAX = 0.001  # more clipped samples than this share: lower the gain

_SENTENCE_END = re.compile(r"[.!?][\"')\]]*$")
_QUESTION_OPENERS = frozenset(
    "what why how when where who whom whose which is are was were do does did can could "
    "would should will shall may might have has had isn't aren't don't doesn't didn't "
    "can't couldn't won't wouldn't shouldn't".split())


@dataclass(frozen=True)
class ProsodyTrack:
    """Pitch and energy every `step_s` seconds from `start_s`: what `tune` re-scores from.

    `hz` is NaN where there is no pitch; `dbfs` is floored at `SILENT_DBFS`.
    """

    hz: np.ndarray
    dbfs: np.ndarray
    step_s: float = CELL_S
    start_s: float = 0.0
    clipped_share: float = 0.0

    def times(self) -> np.ndarray:
        """Centre of each cell, seconds."""
        return self.start_s + (np.arange(len(self.hz)) + 0.5) * self.step_s

    def as_saved(self) -> ProsodyTrack:
        """This track at the precision a report keeps (`TRACK_DIGITS` decimals of Hz and dBFS,
        as `Prosody.info` writes it) and a re-score reads back (`track_from_info`): the report
        and `tune`'s re-score of it measure the same numbers (a fade 9.96 dB live but 10.0 dB
        from the saved cells was a different score in `tune`, QA10 F08). Idempotent."""
        hz = np.array([np.nan if (x := rounded(v, TRACK_DIGITS)) is None else x
                       for v in self.hz.tolist()], dtype=float)
        db = np.array([SILENT_DBFS if (x := rounded(v, TRACK_DIGITS)) is None else x
                       for v in self.dbfs.tolist()], dtype=float)
        return ProsodyTrack(hz, db, self.step_s, self.start_s,
                            rounded(self.clipped_share, CLIPPED_DIGITS) or 0.0)

    @staticmethod
    def join(parts: Sequence[tuple[float, ProsodyTrack]]) -> ProsodyTrack:
        """One track from pieces at `offset_s` on a common timeline (cells placed by rounding)."""
        if not parts:
            return ProsodyTrack(np.zeros(0), np.zeros(0))
        step = parts[0][1].step_s
        n = max(int(round((off + p.start_s) / step)) + len(p.hz) for off, p in parts)
        hz = np.full(n, np.nan)
        db = np.full(n, SILENT_DBFS)
        clipped = 0.0
        weight = 0
        for off, p in parts:
            i = int(round((off + p.start_s) / step))
            hz[i:i + len(p.hz)] = p.hz
            db[i:i + len(p.dbfs)] = p.dbfs
            clipped += p.clipped_share * len(p.hz)
            weight += len(p.hz)
        return ProsodyTrack(hz, db, step, 0.0, clipped / weight if weight else 0.0)


def _frame_features(padded: np.ndarray, n_cells: int, *, pitch: bool = True
                    ) -> tuple[np.ndarray, np.ndarray]:
    """Cells from samples with FRAME//2 context either side: frame j is centred on j·HOP.
    `pitch=False`: energy only (the same dBFS cells), every pitch cell NaN — YIN (about
    four fifths of the cost) is not run."""
    import librosa

    n_frames = n_cells * FRAMES_PER_CELL
    need = (n_frames - 1) * HOP + FRAME
    if len(padded) < need:
        padded = np.concatenate([padded, np.zeros(need - len(padded), np.float32)])
    y = np.ascontiguousarray(padded[:need], dtype=np.float32)
    frames = librosa.util.frame(y, frame_length=FRAME, hop_length=HOP, axis=0)[:n_frames]
    power = np.mean(frames.astype(np.float64) ** 2, axis=1)
    cell_power = power.reshape(n_cells, FRAMES_PER_CELL).mean(axis=1)
    db = np.maximum(10 * np.log10(np.maximum(cell_power, 1e-30)), SILENT_DBFS)
    hz = np.full(n_cells, np.nan)
    if not pitch:
        return hz, db
    f0 = librosa.yin(y, fmin=FMIN_HZ, fmax=FMAX_HZ, sr=SAMPLE_RATE, frame_length=FRAME,
                     hop_length=HOP, center=False)[:n_frames]
    # Periodicity at the YIN period: x[n]·x[n+T] normalised over a window that fits every lag.
    lag = np.clip(np.rint(SAMPLE_RATE / f0).astype(int), 1, FRAME // 2)
    width = FRAME // 2
    head = frames[:, :width].astype(np.float64)
    idx = np.arange(width)[None, :] + lag[:, None]
    tail = np.take_along_axis(frames, idx, axis=1).astype(np.float64)
    den = np.sqrt(np.sum(head ** 2, axis=1) * np.sum(tail ** 2, axis=1))
    r = np.divide(np.sum(head * tail, axis=1), den, out=np.zeros(n_frames), where=den > 0)
    voiced = r >= VOICING_MIN_R
    f0c = np.where(voiced, f0, np.nan).reshape(n_cells, FRAMES_PER_CELL)
    enough = np.sum(voiced.reshape(n_cells, FRAMES_PER_CELL), axis=1) >= MIN_VOICED_FRAMES
    if np.any(enough):
        hz[enough] = np.nanmedian(f0c[enough], axis=1)
    return hz, db


def extract_track(audio: np.ndarray, *, pitch: bool = True) -> ProsodyTrack:
    """Pitch and energy cells of mono float32 audio at 16 kHz (the last cell zero-padded).

    `pitch=False` is for audio the VAD found no speech in (a long file's empty window): its
    energy cells are measured as usual, its pitch cells are all NaN without running YIN —
    pitch is only ever read inside speech regions (`analyze_prosody`)."""
    builder = TrackBuilder(pitch=pitch)
    builder.add(audio)
    return builder.finish()


class TrackBuilder:
    """Build a `ProsodyTrack` from consecutive blocks; identical to `extract_track` on the whole.

    `add` keeps the samples and `process` turns every complete cell (with its right-hand
    context) into pitch and energy, so after the last block only the tail is left for
    `finish`. Not thread-safe: one thread adds and processes.
    """

    def __init__(self, *, pitch: bool = True) -> None:
        self._pitch = pitch  # False: energy cells only, pitch NaN (`extract_track`)
        self._buf = np.zeros(FRAME // 2, np.float32)  # left context of the next cell (zeros at 0)
        self._hz: list[np.ndarray] = []
        self._db: list[np.ndarray] = []
        self._clipped = 0
        self._samples = 0

    @property
    def samples(self) -> int:
        return self._samples

    def add(self, block: np.ndarray) -> None:
        block = np.asarray(block, dtype=np.float32).reshape(-1)
        self._clipped += int(np.count_nonzero(np.abs(block) >= CLIP_LEVEL))
        self._samples += block.size
        self._buf = np.concatenate([self._buf, block])

    def process(self, min_cells: int = 1) -> int:
        """Compute every complete cell, if at least `min_cells`; returns how many were done."""
        n = (len(self._buf) - FRAME) // CELL
        if n < max(1, min_cells):
            return 0
        self._emit(self._buf, n)
        return n

    def _emit(self, buf: np.ndarray, n: int) -> None:
        hz, db = _frame_features(buf, n, pitch=self._pitch)
        self._hz.append(hz)
        self._db.append(db)
        self._buf = buf[n * CELL:]

    def finish(self) -> ProsodyTrack:
        """The whole track: the remaining samples are zero-padded to a full cell."""
        self.process()
        left = len(self._buf) - FRAME // 2  # samples not yet in a cell
        if left > 0:
            n = -(-left // CELL)
            pad = np.zeros(n * CELL + FRAME - len(self._buf), np.float32)
            self._emit(np.concatenate([self._buf, pad]), n)
        hz = np.concatenate(self._hz) if self._hz else np.zeros(0)
        db = np.concatenate(self._db) if self._db else np.zeros(0)
        share = self._clipped / self._samples if self._samples else 0.0
        return ProsodyTrack(hz, db, CELL_S, 0.0, share)


# --- analysis --------------------------------------------------------------------------------

NO_PITCH_STATS = PitchInfo(coverage=0.0)  # too little pitch in the answer for statistics


@dataclass(frozen=True)
class Prosody(ProsodyInfo):
    """The report's `prosody` block (`report_model.ProsodyInfo`, its values unrounded and
    without the timelines, which `to_dict` adds from `track`) plus the track it was measured
    on. With too little pitch for statistics `pitch` is `NO_PITCH_STATS` (median None)."""

    track: ProsodyTrack | None = None

    def info(self) -> ProsodyInfo:
        """The report's `prosody` block (DESIGN.md "Additions"): times and values rounded, None
        never NaN, the timelines from `track`."""
        t, p, e = self.track, self.pitch, self.energy
        return ProsodyInfo(
            pitch=PitchInfo(rounded(p.median_hz, 1), rounded(p.range_st, 2),
                            rounded(p.variation_st, 2), rounded(p.coverage, 3),
                            None if t is None else PitchTimeline(
                                step_s=t.step_s, start_s=t.start_s,
                                hz=tuple(rounded(x, TRACK_DIGITS) for x in t.hz))),
            monotone_stretches=tuple(
                MonotoneMark(rounded(m.start), rounded(m.end), rounded(m.variation_st, 2))
                for m in self.monotone_stretches),
            energy=EnergyInfo(rounded(e.speech_dbfs, 1), e.too_quiet,
                              rounded(e.clipped_share, CLIPPED_DIGITS),
                              None if t is None else EnergyTimeline(
                                  step_s=t.step_s, start_s=t.start_s,
                                  dbfs=tuple(rounded(x, TRACK_DIGITS) for x in t.dbfs))),
            fades=tuple(FadeMark(rounded(f.start), rounded(f.end), rounded(f.drop_db, 1))
                        for f in self.fades),
            sentence_ends=self.sentence_ends,
            uptalk=tuple(UptalkMark(rounded(u.start), rounded(u.end), rounded(u.rise_st, 2))
                         for u in self.uptalk),
            declaratives=self.declaratives,
            no_pitch=tuple(Span(rounded(x.start), rounded(x.end)) for x in self.no_pitch),
            speech_s=rounded(self.speech_s),
            monotone_share=rounded(self.monotone_share))

    def to_dict(self) -> dict[str, Any]:
        """Schema JSON of `info()`."""
        return dump(self.info())


def track_from_info(block: ProsodyInfo | None) -> ProsodyTrack | None:
    """The track saved in a report's `prosody` block (None when it or a timeline is missing)."""
    if block is None:
        return None
    pt, et = block.pitch.timeline, block.energy.timeline
    if pt is None or et is None:
        return None
    hz = np.array([np.nan if x is None else float(x) for x in pt.hz])
    db = np.array([SILENT_DBFS if x is None else float(x) for x in et.dbfs])
    return ProsodyTrack(hz, db, float(pt.step_s), float(pt.start_s),
                        float(block.energy.clipped_share or 0.0))


def _speech_mask(track: ProsodyTrack, regions: Sequence[Any]) -> np.ndarray:
    t = track.times()
    mask = np.zeros(len(t), bool)
    for r in regions:
        mask |= (t >= r.start_s) & (t < r.end_s)
    return mask


def clean_pitch(hz: np.ndarray) -> np.ndarray:
    """Drop octave jumps: cells more than `OUTLIER_ST` from the median of their neighbours."""
    if len(hz) == 0:
        return hz
    k = OUTLIER_NEIGHBOURS
    log_hz = np.log2(hz)
    padded = np.concatenate([np.full(k, np.nan), log_hz, np.full(k, np.nan)])
    windows = np.lib.stride_tricks.sliding_window_view(padded, 2 * k + 1)
    with warnings.catch_warnings():  # all-NaN windows (pauses) give NaN, as they should
        warnings.simplefilter("ignore", RuntimeWarning)
        local = np.nanmedian(windows, axis=1)
    far = np.abs(log_hz - local) * 12 > OUTLIER_ST
    return np.where(far, np.nan, hz)


def _power_db(db: np.ndarray) -> float | None:
    if len(db) == 0:
        return None
    return float(10 * np.log10(np.mean(10 ** (db / 10))))


def analyze_prosody(track: ProsodyTrack, regions: Sequence[Any], words: Sequence[Any],
                    opts: Any) -> Prosody:
    """Prosody of one answer.

    Args:
        track: from `extract_track` / `TrackBuilder` / `track_from_info`.
        regions: VAD speech regions (`start_s`, `end_s`).
        words: Whisper words (`text`, `start`, `end`); empty → sentences are speech regions.
        opts: `voice_coach.config.ProsodyOptions` (monotone_window_s, monotone_st, fade_db,
            uptalk_st).
    """
    speech = _speech_mask(track, regions)
    hz = np.where(speech, clean_pitch(track.hz), np.nan)
    voiced = ~np.isnan(hz)
    n_speech = int(speech.sum())
    speech_s = n_speech * track.step_s
    speech_db = _power_db(track.dbfs[speech])
    energy = EnergyInfo(speech_db, speech_db is not None and speech_db < TOO_QUIET_DBFS,
                        track.clipped_share)
    pitch = NO_PITCH_STATS
    st = np.full(len(hz), np.nan)
    has_pitch = voiced.sum() >= MIN_PITCH_CELLS
    if has_pitch:
        median = float(np.median(hz[voiced]))
        st = 12 * np.log2(hz / median)
        sv = st[voiced]
        pitch = PitchInfo(median, float(np.percentile(sv, 90) - np.percentile(sv, 10)),
                          float(np.std(sv)), float(voiced.sum() / max(n_speech, 1)))
    monotone, no_pitch = _windows(track, speech, st, opts)
    sentences = _sentences(track, speech, regions, words)
    fades, judged = _fades(track, speech, sentences, opts.fade_db)
    uptalk, statements = _uptalk(track, st, sentences, opts.uptalk_st) if has_pitch else ([], 0)
    t = track.times()
    in_monotone = np.zeros(len(t), bool)
    for m in monotone:
        in_monotone |= (t >= m.start) & (t < m.end)
    share = float((in_monotone & speech).sum() / n_speech) if n_speech else 0.0
    return Prosody(pitch=pitch, monotone_stretches=tuple(monotone), energy=energy,
                   fades=tuple(fades), sentence_ends=judged, uptalk=tuple(uptalk),
                   declaratives=statements, no_pitch=tuple(no_pitch), speech_s=speech_s,
                   monotone_share=share, track=track)


def _merge(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _windows(track: ProsodyTrack, speech: np.ndarray, st: np.ndarray, opts: Any
             ) -> tuple[list[MonotoneMark], list[Span]]:
    """Monotone stretches and stretches of speech without pitch, from sliding windows."""
    n = len(st)
    step = track.step_s
    width = max(1, int(round(opts.monotone_window_s / step)))
    hop = max(1, int(round(WINDOW_STEP_S / step)))
    voiced = ~np.isnan(st)
    flat: list[tuple[float, float]] = []
    silent: list[tuple[float, float]] = []
    for i in range(0, max(n - width, 0) + 1, hop):
        sp = speech[i:i + width]
        if sp.sum() < MIN_SPEECH_SHARE * width:
            continue
        v = voiced[i:i + width]
        span = (track.start_s + i * step, track.start_s + min(i + width, n) * step)
        if v.sum() < MIN_VOICED_SHARE * sp.sum():
            silent.append(span)
        elif np.std(st[i:i + width][v]) < opts.monotone_st:
            flat.append(span)
    t = track.times()
    # A long window also flags a little of the lively speech around a flat stretch: keep only
    # the cells whose own neighbourhood (±EDGE_WINDOW_S) is flat too.
    calm = voiced & (_local_std(st, int(round(EDGE_WINDOW_S / step))) < opts.monotone_st)
    stretches = []
    for s, e in _merge(flat):
        idx = np.flatnonzero(calm & (t >= s) & (t < e))
        if len(idx) == 0 or (t[idx[-1]] - t[idx[0]]) < MIN_STRETCH_SHARE * opts.monotone_window_s:
            continue
        inside = voiced & (t >= t[idx[0]]) & (t <= t[idx[-1]])
        stretches.append(MonotoneMark(float(t[idx[0]] - step / 2), float(t[idx[-1]] + step / 2),
                                      float(np.std(st[inside]))))
    return stretches, [Span(s, e) for s, e in _merge(silent)]


def _local_std(st: np.ndarray, half: int) -> np.ndarray:
    """Standard deviation of the voiced cells within ±`half` cells of each cell (NaN if < 3)."""
    v = ~np.isnan(st)
    x = np.where(v, st, 0.0)
    c = [np.concatenate([[0.0], np.cumsum(a)]) for a in (v.astype(float), x, x * x)]
    i = np.arange(len(st))
    lo, hi = np.clip(i - half, 0, len(st)), np.clip(i + half + 1, 0, len(st))
    n, s1, s2 = (ci[hi] - ci[lo] for ci in c)
    with np.errstate(all="ignore"):
        var = s2 / n - (s1 / n) ** 2
    return np.where(n >= 3, np.sqrt(np.maximum(var, 0.0)), np.nan)


class _Sentence(NamedTuple):
    start_s: float
    end_s: float
    statement: bool | None  # None without a transcript: a pause may end a rising clause


def _is_statement(tokens: list[str]) -> bool:
    """Declarative unless it ends in ? and opens like a question (uptalk makes Whisper add ?)."""
    if not tokens or not tokens[-1].endswith("?"):
        return True
    first = re.sub(r"[^a-z']", "", tokens[0].lower())
    return first not in _QUESTION_OPENERS


def _speech_end_after(word_end_s: float, regions: Sequence[Any]) -> float:
    """Where the speech holding a word's (drifting) end stops: the end of its VAD region (at
    most `END_SEARCH_S` later), or the end of the last region before it when it lies in a
    pause — never the start of the next sentence."""
    before = [r for r in regions if r.start_s <= word_end_s]
    if not before:
        return word_end_s
    r = max(before, key=lambda r: r.start_s)
    if r.end_s >= word_end_s:
        return min(r.end_s, word_end_s + END_SEARCH_S)
    return r.end_s if word_end_s - r.end_s <= END_SEARCH_S else word_end_s


def _sentences(track: ProsodyTrack, speech: np.ndarray, regions: Sequence[Any],
               words: Sequence[Any]) -> list[_Sentence]:
    """Sentence spans, each ending at its last cell within `END_FLOOR_DB` of its level."""
    raw: list[tuple[float, float, list[str]]] = []
    if words:
        start, tokens = float(words[0].start), []
        for i, w in enumerate(words):
            tokens.append(str(w.text).strip())
            if _SENTENCE_END.search(tokens[-1]) or i == len(words) - 1:
                raw.append((start, _speech_end_after(float(w.end), regions), tokens))
                if i < len(words) - 1:
                    start, tokens = float(words[i + 1].start), []
    else:
        raw = [(r.start_s, r.end_s, []) for r in regions
               if r.end_s - r.start_s >= MIN_REGION_SENTENCE_S]
    t = track.times()
    out = []
    for s, e, tokens in raw:
        inside = speech & (t >= s) & (t < e)
        level = _power_db(track.dbfs[inside])
        if level is None:
            continue
        loud = np.flatnonzero(inside & (track.dbfs >= level - END_FLOOR_DB))
        if len(loud) == 0:
            continue
        end = float(t[loud[-1]] + track.step_s / 2)
        out.append(_Sentence(s, end, _is_statement(tokens) if tokens else None))
    return out


def _fades(track: ProsodyTrack, speech: np.ndarray, sentences: list[_Sentence], fade_db: float
           ) -> tuple[list[FadeMark], int]:
    t = track.times()
    fades, judged = [], 0
    for s in sentences:
        tail0 = s.end_s - FADE_TAIL_S
        body = speech & (t >= s.start_s) & (t < tail0)
        tail = (t >= tail0) & (t < s.end_s)
        if body.sum() * track.step_s < MIN_BODY_S or not tail.any():
            continue
        level = _power_db(track.dbfs[body])
        body_db = track.dbfs[body & (track.dbfs >= level - END_FLOOR_DB)]
        judged += 1
        drop = float(np.median(body_db) - np.median(track.dbfs[tail]))
        if drop >= fade_db:
            fades.append(FadeMark(tail0, s.end_s, drop))
    return fades, judged


def _uptalk(track: ProsodyTrack, st: np.ndarray, sentences: list[_Sentence], uptalk_st: float
            ) -> tuple[list[UptalkMark], int]:
    t = track.times()
    voiced = ~np.isnan(st)
    found, judged = [], 0
    for s in sentences:
        if s.statement is not True:
            continue
        idx = np.flatnonzero(voiced & (t >= s.start_s) & (t < s.end_s))
        if len(idx) == 0:
            continue
        last = t[idx[-1]]
        if s.end_s - last > UPTALK_TAIL_S:
            continue  # the pitch stops well before the end: nothing to judge
        final = idx[t[idx] > last - UPTALK_TAIL_S]
        if len(final) < MIN_VOICED_FRAMES:
            continue
        judged += 1
        rise = float(np.mean(st[final[-2:]]) - np.min(st[final]))
        if rise >= uptalk_st:
            found.append(UptalkMark(float(last - UPTALK_TAIL_S), float(last + track.step_s / 2),
                                    rise))
    return found, judged
