"""Fillers Whisper did not write, found in the sound: voiced, steady vocalisations in speech.

Whisper (even with the filler prompt) drops soft or short "uh"/"um"s. Such a hesitation is
speech the VAD hears but no recognised word covers, and it sounds unlike a word: one held
vowel or nasal — voiced, with a steady pitch and a steady spectrum (no consonant transitions).

`detect_acoustic_fillers(audio, words, regions)`:

1. candidates: stretches of VAD speech not covered by a recognised word (fillers Whisper wrote with
   near-zero probability do not count as recognised, nor do 1-2 letter words it doubted,
   `doubtful_short_word`, session 30: "Or," p 0.13 is what it writes for an "er"; a VAD region
   lying under the spans of words that each have their sound in another region — Whisper stretched
   the words around a hesitation it dropped over its sound — is covered by none:
   `unclaimed_regions`, session 23; the regions are first cut into the speaker's separate sounds,
   `split_sounds`, session 26, so a gap another voice or noise filled still parts a hesitation from
   the words around it), `MIN_CANDIDATE_S`–`MAX_CANDIDATE_S` long after trimming to the frames
   `ACTIVE_ABOVE_FLOOR_DB` above the clip's noise floor, with quiet on at least one side
   (`stands_apart`: a VAD region edge, or `QUIET_FLANK_S` of quiet frames), and a sound of its own
   (`own_sound`): a sound of the speaker that runs on into a recognised word is that word's onset
   or held tail, not a dropped hesitation, and so is the first sound of a VAD region whose first
   word Whisper timed after it (`opens_before_word`) — unless Whisper wrote an improbable
   hesitation over it (`guessed_hesitations`, session 30: it heard one there; the score decides);
2. ten features per candidate (`FEATURES`): log duration, mean autocorrelation periodicity,
   share of voiced frames, median pitch step between frames (semitones), spectral change
   between frames (MFCC flux), spectral flatness, zero-crossing rate, level relative to the
   clip's speech level, and two steadiness measures over the whole candidate: the spread of
   its pitch (semitones) and of its spectral envelope (MFCC standard deviation: a held vowel's
   formants stay put, a word's move);
3. a logistic regression (`FillerModel`; its arrays ship in voice_coach/data, read by
   `voice_coach.models.acoustic_filler_arrays`) scores each; a score at or above the model's
   threshold is a filler.

The model is fitted by `scripts/train_acoustic_fillers.py` on the real clips of `tests/data`
(copied from the shared data: annotated fillers as positives, other uncovered speech and the
recognised words as negatives) plus synthetic vowels/nasals and espeak-ng "uh"/"um"/"er"/"hmm"
mixed into the pauses of real and synthetic recordings (positives), noise bursts, breaths,
espeak-ng words and the synthetic answers' recognised words (negatives); the same script
measures it by leave-one-clip-out
cross-validation (docs/accuracy.md). Pure functions, no I/O; librosa is imported when called.
Times are seconds from the start of the audio.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from typing import NamedTuple

import numpy as np

from voice_coach.analysis.fillers import (
    MIN_FILLER_PROBABILITY, SHORT_WORD_S, filler_mask, is_hesitation,
)
from voice_coach.analysis.intervals import subtract
from voice_coach.analysis.levels import WORD_SOUND_MIN_S
from voice_coach.analysis.vad import SpeechRegion
from voice_coach.clock import SAMPLE_RATE
from voice_coach.transcriber import Word

FRAME_S = 0.01  # analysis hop
WIN_SAMPLES = 512  # 32 ms analysis window for pitch and spectra
MIN_CANDIDATE_S = 0.08  # shorter uncovered speech is a word edge, not a vocalisation
MAX_CANDIDATE_S = 0.9  # a hesitation longer than this is a word Whisper missed, or noise
WORD_MARGIN_S = 0.02  # uncovered speech must lie this far outside a recognised word
CLAIM_S = 0.05  # a word shorter than fillers.SHORT_WORD_S owns uncovered speech this close to it
QUIET_FLANK_S = 0.05  # a candidate needs this much quiet right before or right after it
SPLIT_GAP_S = 0.1  # the speaker quiet this long inside a VAD region parts two of its sounds
SOUND_SHARE = 0.5  # ... and at least this share of how far it reaches into the region it leaves
ACTIVE_ABOVE_FLOOR_DB = 10.0  # frames this far above the clip's noise floor are sound
FLOOR_PCT = 10  # percentile of frame levels taken as the noise floor
SPEECH_LEVEL_PCT = 95  # percentile of frame levels taken as the speech level
PITCH_MIN_HZ, PITCH_MAX_HZ = 60.0, 400.0

PERIOD_FRAME_SAMPLES = 640  # 40 ms autocorrelation frame: two periods of a 60 Hz voice
VOICED_PERIODICITY = 0.5  # a frame is voiced when its autocorrelation peak reaches this
DOUBTFUL_LETTERS = 2  # a hesitation written as a word is a short one ("a", "or", "an")
DOUBTFUL_WORD_P = 0.4  # ... that Whisper was unsure of
PITCH_JUMP_UNVOICED_ST = 12.0  # pitch-step feature of a segment with too few voiced frames

FEATURES = ("log_duration", "periodicity", "voiced_share", "pitch_step_st", "mfcc_flux",
            "flatness", "zcr", "level_rel_db", "pitch_sd_st", "mfcc_sd")


class FillerModel(NamedTuple):
    """Standardise the `FEATURES` with mean/scale, then logistic regression; a candidate whose
    probability reaches `threshold` is a filler. Fitted by scripts/train_acoustic_fillers.py and
    shipped as arrays (`voice_coach.models.acoustic_filler_arrays`)."""

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, np.ndarray]) -> FillerModel:
        """The model from its arrays; ValueError when they were fitted on other features."""
        names = tuple(str(n) for n in arrays["features"])
        if names != FEATURES:
            raise ValueError(f"acoustic filler model: features {names} differ from {FEATURES}")
        return cls(tuple(map(float, arrays["mean"])), tuple(map(float, arrays["scale"])),
                   tuple(map(float, arrays["coef"])), float(arrays["intercept"]),
                   float(arrays["threshold"]))

    def to_arrays(self) -> dict[str, np.ndarray]:
        """The arrays `from_arrays` reads."""
        return {"features": np.array(FEATURES), "mean": np.array(self.mean),
                "scale": np.array(self.scale), "coef": np.array(self.coef),
                "intercept": np.array(self.intercept), "threshold": np.array(self.threshold)}


class AcousticFiller(NamedTuple):
    """A hesitation found in the audio: start/end seconds and the classifier's probability."""

    start_s: float
    end_s: float
    probability: float


def doubtful_short_word(word: Word) -> bool:
    """A word of at most `DOUBTFUL_LETTERS` letters Whisper wrote with probability below
    `DOUBTFUL_WORD_P`: what it writes for a hesitation it did not take for one ("Or," p 0.13
    over an "er", "a" p 0.38 over an "uh")."""
    letters = sum(ch.isalpha() for ch in word.text)
    return 0 < letters <= DOUBTFUL_LETTERS and float(word.probability) < DOUBTFUL_WORD_P


def recognised_spans(words: Sequence[Word]) -> list[tuple[float, float]]:
    """Time spans of recognised words: not fillers, or fillers Whisper wrote confidently
    (an improbable filler is a guess that the acoustics should confirm or reject), and not a
    `doubtful_short_word` (nor a guess: its sound is scored like any uncovered one)."""
    mask = filler_mask(words)
    out = []
    for w, is_f in zip(words, mask):
        if is_f and float(w.probability) < MIN_FILLER_PROBABILITY:
            continue
        if not is_f and doubtful_short_word(w):
            continue
        out.append((float(w.start), max(float(w.start), float(w.end))))
    return out


def unclaimed_regions(regions: Sequence[SpeechRegion], spans: Sequence[tuple[float, float]]
                      ) -> list[tuple[float, float]]:
    """VAD speech regions that lie under recognised words' spans but are no word's sound: every
    word span (`spans`) overlapping the region also reaches `WORD_SOUND_MIN_S` or more into
    another region that is some word's sound. When Whisper drops a hesitation said between two
    words it stretches the word before over it, or starts the word after on it ("low, uh, and"
    written "low and" with "and" timed from the "uh"'s onset to the end of its own sound); the
    hesitation's sound, a region of its own with quiet on both sides, then looked covered and
    was never scored. A word has one sound: a word every region of which would be freed keeps
    the one it overlaps most, so a region that is some word's only sound stays covered."""
    if not spans or not regions:
        return []
    sp = np.array(spans, dtype=np.float64)
    rg = np.array([(r.start_s, r.end_s) for r in regions], dtype=np.float64)
    # reach[i, k]: how far word span i reaches into region k (seconds; ≤ 0: not at all)
    reach = np.minimum(sp[:, 1:2], rg[None, :, 1]) - np.maximum(sp[:, 0:1], rg[None, :, 0])
    touching = {k: [int(i) for i in np.flatnonzero(reach[:, k] > 0)] for k in range(len(regions))}

    def elsewhere(i: int, k: int, free: set[int]) -> bool:
        """Word i reaches a region other than k (and not freed) as far as a word's sound
        does, and at least `SOUND_SHARE` as far as into k."""
        least = max(WORD_SOUND_MIN_S, SOUND_SHARE * float(reach[i, k]))
        return any(j != k and j not in free for j in np.flatnonzero(reach[i] >= least))

    free = {k for k, ws in touching.items() if ws and all(elsewhere(i, k, set()) for i in ws)}
    changed = True
    while changed:  # a word left with no sound outside the freed regions claims one back
        changed = False
        for k in sorted(free):
            for i in touching[k]:
                if elsewhere(i, k, free):
                    continue
                home = max((j for j in free if i in touching[j]), key=lambda j: reach[i, j])
                free.discard(home)
                changed = True
                break
            if changed:
                break
    return [(regions[k].start_s, regions[k].end_s) for k in sorted(free)]


def off_sound_regions(regions: Sequence[SpeechRegion], spans: Sequence[tuple[float, float]],
                      starts: Sequence[float] | None = None) -> list[tuple[float, float]]:
    """The sound of each recognised word Whisper timed off it: a word whose span reaches no
    speech region as far as a word's sound (`WORD_SOUND_MIN_S`) — it lies in the quiet between
    two — has its sound in the region it reaches furthest into, when no other word starts
    there ("a lot." timed 16.84-17.06 s over the quiet before its sound 17.03-17.32 s; QA33 F8:
    that sound was scored as an "uh" and counted beside the three said after it). A word has
    one sound (the converse of `unclaimed_regions`). `starts`: where every word starts (default:
    the spans' starts)."""
    starts = [s for s, _ in spans] if starts is None else starts
    out = []
    for i, (s, e) in enumerate(spans):
        if e - s < SHORT_WORD_S:  # a stamp is a word where it stands
            continue
        reach = [(min(e, r.end_s) - max(s, r.start_s), r) for r in regions]
        far, home = max(reach, key=lambda x: x[0], default=(0.0, None))
        if home is None or far <= 0 or far >= WORD_SOUND_MIN_S:
            continue
        if any(home.start_s <= t < home.end_s for t in starts if t != s):
            continue
        out.append((home.start_s, home.end_s))
    return out


def sound_spans(words: Sequence[Word], regions: Sequence[SpeechRegion]
                ) -> list[tuple[float, float]]:
    """`recognised_spans` without the `unclaimed_regions` they lie over, with the sound of a
    word timed off it (`off_sound_regions`): the time each recognised word's sound can be in."""
    spans = recognised_spans(words)
    # … of the words that are words: a hesitation Whisper wrote owns what it touches (below)
    said = recognised_spans([w for w in words if not is_hesitation(w.text)])
    off = off_sound_regions(regions, said, [s for s, _ in spans])
    # a hesitation Whisper wrote is a sound it heard: every region its span touches is its own
    # (one written over two sounds is `analysis.echoes`' to count, not a candidate here)
    hesitations = [(float(w.start), max(float(w.start), float(w.end))) for w in words
                   if is_hesitation(w.text) and float(w.probability) >= MIN_FILLER_PROBABILITY]
    # widened by the margin `candidate_spans` adds around a word, so the freed region is a
    # candidate from its first frame to its last (it begins a region: `stands_apart`)
    free = [(s - WORD_MARGIN_S, e + WORD_MARGIN_S) for s, e in unclaimed_regions(regions, spans)
            if not any(min(e, he) - max(s, hs) > 0 for hs, he in hesitations)]
    if not free:
        return spans + off
    out = []
    for s, e in spans:
        if e - s < SHORT_WORD_S:  # a stamp is a word where it stands
            out.append((s, e))
        else:
            out += subtract([(s, e)], free)
    return out + off


def candidate_spans(regions: Sequence[SpeechRegion], words: Sequence[Word]
                    ) -> list[tuple[float, float]]:
    """Stretches of speech regions not covered by a recognised word's sound (`sound_spans`,
    ± `WORD_MARGIN_S`).

    A recognised word Whisper stamped with (almost) no length is still a word: the uncovered
    stretches right next to it (within `CLAIM_S`) are its sound, not candidates."""
    spans = sound_spans(words, regions)
    covered = sorted((s - WORD_MARGIN_S, e + WORD_MARGIN_S) for s, e in spans)
    stamps = [s for s, e in recognised_spans(words) if e - s < SHORT_WORD_S]
    out: list[tuple[float, float]] = []
    for r in regions:
        cur = r.start_s
        for s, e in covered:
            if e <= cur or s >= r.end_s:
                continue
            if s > cur:
                out.append((cur, s))
            cur = max(cur, e)
        if cur < r.end_s:
            out.append((cur, r.end_s))
    return [(s, e) for s, e in out if e - s >= MIN_CANDIDATE_S
            and not any(s - CLAIM_S <= t <= e + CLAIM_S for t in stamps)]


def _frame_levels_db(audio: np.ndarray) -> np.ndarray:
    hop = int(FRAME_S * SAMPLE_RATE)
    n = audio.shape[0] // hop
    x = audio[: n * hop].reshape(n, hop).astype(np.float64)
    return 20 * np.log10(np.sqrt((x * x).mean(axis=1)) + 1e-10)


def active_frames(levels_db: np.ndarray) -> np.ndarray:
    """Which frames (`FRAME_S`, levels in dBFS) are sound: `ACTIVE_ABOVE_FLOOR_DB` above the
    clip's noise floor (its `FLOOR_PCT` percentile)."""
    return levels_db > float(np.percentile(levels_db, FLOOR_PCT)) + ACTIVE_ABOVE_FLOOR_DB


def _trim(span: tuple[float, float], active: np.ndarray) -> tuple[float, float] | None:
    """The span cut to its first..last active frame; None when too short or too long."""
    eps = 1e-6  # times shifted by a window offset must give the same frames
    a = int(span[0] / FRAME_S + eps)
    b = min(active.shape[0], int(math.ceil(span[1] / FRAME_S - eps)))
    on = np.flatnonzero(active[a:b])
    if on.size == 0:
        return None
    s, e = (a + on[0]) * FRAME_S, (a + on[-1] + 1) * FRAME_S
    return (s, e) if MIN_CANDIDATE_S <= e - s <= MAX_CANDIDATE_S else None


def stands_apart(span: tuple[float, float], trimmed: tuple[float, float], active: np.ndarray,
                 regions: Sequence[SpeechRegion]) -> bool:
    """True when a candidate has quiet on at least one side: its uncovered `span` begins or ends
    a VAD speech region, or `QUIET_FLANK_S` of inactive frames (or the edge of the audio) lie
    right before or after its `trimmed` sound. A hesitation stands apart from the words around
    it; uncovered sound glued to words on both sides is a word Whisper timed loosely or
    dropped."""
    eps = 1e-6
    if any(abs(span[0] - r.start_s) < eps or abs(span[1] - r.end_s) < eps for r in regions):
        return True
    n = int(round(QUIET_FLANK_S / FRAME_S))
    a, b = int(round(trimmed[0] / FRAME_S)), int(round(trimmed[1] / FRAME_S))
    before, after = active[max(0, a - n): a], active[b: b + n]
    return (before.size < n or not before.any()) or (after.size < n or not after.any())


def own_sound(trimmed: tuple[float, float], bursts: Sequence[tuple[float, float]],
              spans: Sequence[tuple[float, float]]) -> bool:
    """True when a candidate's `trimmed` sound is a sound of its own: no speaker's sound it is
    part of (`bursts`: `echoes.sound_bursts`, runs of the speaker's loud frames with stop-length
    gaps joined) reaches into a recognised word's span (`spans`: `recognised_spans`) by
    `QUIET_FLANK_S` or more (Whisper stretches a word's end over the pause after it, up to the
    next sound: a few ms of overlap is that, not one sound), or holds a word stamped with no
    length. A sound that runs on into the word after it is that word's onset (Whisper starts a
    word late, most of all after a pause: the "um" of "umbrella", the "a" of "And"); one that
    runs on from the word before is that word's held tail (a held vowel), or the tail of a
    hesitation Whisper wrote (the same sound twice). (Training examples are not filtered this way: a hesitation
    said joined to a word still sounds like one, and that is what the model learns.)"""
    mine = [b for b in bursts if b[0] < trimmed[1] and b[1] > trimmed[0]]
    return not any(min(b[1], e) - max(b[0], s) >= QUIET_FLANK_S  # shared for longer than a
                   or (e - s < SHORT_WORD_S and b[0] <= s <= b[1])  # stop closure; a stamp
                   for b in mine for s, e in spans)


def opens_before_word(span: tuple[float, float], regions: Sequence[SpeechRegion],
                      spans: Sequence[tuple[float, float]]) -> bool:
    """True when a candidate's uncovered `span` opens a VAD speech region (no recognised word
    lies before it there, but for a word's end Whisper stretched less than `QUIET_FLANK_S` over
    the region's start) and a recognised word (`spans`) starts after it in that region: the
    first sound after a pause, with the region's first word timed after it, is that word's
    onset — Whisper starts the first word after a pause late (0.2 s on the espeak-ng answers of
    bench/acoustic_check.py, "so", "or"; the same rule as `echoes`' region onsets). A
    hesitation the VAD heard as a region of its own is not affected."""
    eps = 1e-6
    return any(r.start_s - eps <= span[0] < r.end_s
               and not any(min(e, span[0]) - max(s, r.start_s) >= QUIET_FLANK_S
                           for s, e in spans)
               and any(span[0] < s < r.end_s for s, _ in spans) for r in regions)


def _periodicity(x: np.ndarray, hop: int) -> tuple[np.ndarray, np.ndarray]:
    """Per frame: the peak of the normalised autocorrelation in the pitch range (1 = perfectly
    periodic, ~0 = noise; corrected for the Hann window as in Boersma 1993) and its f0, Hz."""
    import librosa

    n = PERIOD_FRAME_SAMPLES
    frames = librosa.util.frame(np.pad(x, (n // 2, n // 2)), frame_length=n, hop_length=hop).T
    win = np.hanning(n)
    nfft = 2 * n
    spec = np.fft.rfft((frames - frames.mean(axis=1, keepdims=True)) * win, nfft)
    ac = np.fft.irfft(np.abs(spec) ** 2, nfft)[:, :n]
    wac = np.fft.irfft(np.abs(np.fft.rfft(win, nfft)) ** 2, nfft)[:n]
    lo, hi = int(SAMPLE_RATE / PITCH_MAX_HZ), int(SAMPLE_RATE / PITCH_MIN_HZ)
    norm = (ac / np.maximum(ac[:, :1], 1e-12)) / (wac / wac[0])
    lag = lo + np.argmax(norm[:, lo:hi], axis=1)
    peak = np.clip(norm[np.arange(norm.shape[0]), lag], 0.0, 1.0)
    return peak, SAMPLE_RATE / lag


def segment_features(audio: np.ndarray, start_s: float, end_s: float,
                     speech_level_db: float) -> np.ndarray:
    """The `FEATURES` of audio[start_s:end_s] (16 kHz mono float32)."""
    import librosa

    a, b = int(start_s * SAMPLE_RATE), int(end_s * SAMPLE_RATE)
    x = np.asarray(audio[a:b], dtype=np.float64)
    if x.shape[0] < WIN_SAMPLES:
        x = np.pad(x, (0, WIN_SAMPLES - x.shape[0]))
    hop = int(FRAME_S * SAMPLE_RATE)
    peak, f0 = _periodicity(x, hop)
    voiced = peak >= VOICED_PERIODICITY
    st = 12 * np.log2(f0[voiced])
    mfcc = librosa.feature.mfcc(y=x, sr=SAMPLE_RATE, n_mfcc=13, n_fft=WIN_SAMPLES,
                                hop_length=hop, n_mels=40)[1:]
    flux = (float(np.mean(np.linalg.norm(np.diff(mfcc, axis=1), axis=0)))
            if mfcc.shape[1] > 1 else 0.0)
    flat = float(np.mean(librosa.feature.spectral_flatness(y=x, n_fft=WIN_SAMPLES,
                                                           hop_length=hop)))
    zcr = float(np.mean(librosa.feature.zero_crossing_rate(x, frame_length=WIN_SAMPLES,
                                                           hop_length=hop)))
    level = 20 * np.log10(np.sqrt(np.mean(x * x)) + 1e-10)
    return np.array([
        math.log(max(end_s - start_s, 1e-3)),
        float(np.mean(peak)),
        float(np.mean(voiced)),
        float(np.median(np.abs(np.diff(st)))) if st.size > 2 else PITCH_JUMP_UNVOICED_ST,
        flux, flat, zcr, level - speech_level_db,
        float(np.std(st)) if st.size > 2 else PITCH_JUMP_UNVOICED_ST,
        float(np.mean(np.std(mfcc, axis=1))),
    ])


def filler_probability(features: np.ndarray, model: FillerModel) -> float:
    """The logistic model's probability that a candidate with `features` is a filler."""
    z = (np.asarray(features) - np.asarray(model.mean)) / np.asarray(model.scale)
    logit = float(np.dot(z, model.coef) + model.intercept)
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, logit))))


class Candidate(NamedTuple):
    """An uncovered stretch the detector looks at: its `span` (seconds), the `trimmed` sound
    (None when too short or too long: gate "length") and the `gate` that stops it before the
    classifier ("length", "not apart", "no own sound", "opens before word"; None: scored)."""

    span: tuple[float, float]
    trimmed: tuple[float, float] | None
    gate: str | None


def speech_level_db(audio: np.ndarray) -> float:
    """The clip's speech level (dBFS): the `SPEECH_LEVEL_PCT` percentile of its frame levels."""
    return float(np.percentile(_frame_levels_db(audio), SPEECH_LEVEL_PCT))


def split_sounds(regions: Sequence[SpeechRegion], bursts: Sequence[tuple[float, float]]
                 ) -> list[SpeechRegion]:
    """`regions` cut where the speaker is quiet for `SPLIT_GAP_S` or longer between two of
    `bursts` (the speaker's own loud runs, `echoes.sound_bursts`: another voice faintly audible
    in the gap is not the speaker's): the separate sounds a word or a hesitation can be. The
    VAD bridges such a gap when another voice or noise fills it, and a hesitation Whisper
    dropped under a stretched word ("has, uh, enough" written "has enough", "has" timed over
    the "uh") then shared a region with the words and was never freed (`unclaimed_regions`)
    nor stood apart (`stands_apart`). The first and last sound keep the region's edges;
    `SPLIT_GAP_S` = inf gives the regions back unchanged."""
    out: list[SpeechRegion] = []
    for r in regions:
        mine = sorted(b for b in bursts if b[0] < r.end_s and b[1] > r.start_s)
        if not mine:
            out.append(r)
            continue
        cur = [r.start_s, max(r.start_s, mine[0][1])]
        for s, e in mine[1:]:
            if s - cur[1] >= SPLIT_GAP_S:
                out.append(SpeechRegion(cur[0], cur[1]))
                cur = [s, e]
            else:
                cur[1] = max(cur[1], e)
        out.append(SpeechRegion(cur[0], r.end_s))
    return out


def guessed_hesitations(words: Sequence[Word]) -> list[tuple[float, float]]:
    """Spans of the hesitations Whisper wrote improbably (below `MIN_FILLER_PROBABILITY`): it
    heard a hesitation there but was unsure. A candidate under one is not gated by `own_sound`
    or `opens_before_word` (those keep a word's onset or held tail from being scored where
    Whisper wrote no hesitation); the classifier's score decides."""
    return [(float(w.start), max(float(w.start), float(w.end))) for w in words
            if is_hesitation(w.text) and float(w.probability) < MIN_FILLER_PROBABILITY]


def gated_candidates(audio: np.ndarray, words: Sequence[Word], regions: Sequence[SpeechRegion],
                     levels_db: np.ndarray | None = None, vad_levels_db: np.ndarray | None = None
                     ) -> Iterator[Candidate]:
    """Every `candidate_spans` stretch of `audio` (16 kHz mono float32) with the first gate
    that stops it: the one loop `detect_acoustic_fillers` scores and bench/filler_misses.py
    tabulates. `levels_db` (this module's frame levels of `audio`) and `vad_levels_db`
    (`vad.frame_levels_db` of it) are computed here unless the caller already has them."""
    from voice_coach.analysis.echoes import sound_bursts
    from voice_coach.analysis.vad import frame_levels_db

    active = active_frames(_frame_levels_db(audio) if levels_db is None else levels_db)
    bursts = sound_bursts(frame_levels_db(audio) if vad_levels_db is None else vad_levels_db,
                          regions)
    regions = split_sounds(regions, bursts)
    spans = sound_spans(words, regions)
    guesses = guessed_hesitations(words)
    for span in candidate_spans(regions, words):
        trimmed = _trim(span, active)
        guessed = trimmed is not None and any(s <= trimmed[1] and e >= trimmed[0]
                                              for s, e in guesses)  # a stamp: its point
        if trimmed is None:
            gate: str | None = "length"
        elif not stands_apart(span, trimmed, active, regions):
            gate = "not apart"
        elif not guessed and not own_sound(trimmed, bursts, spans):
            gate = "no own sound"
        elif not guessed and opens_before_word(span, regions, spans):
            gate = "opens before word"
        else:
            gate = None
        yield Candidate(span, trimmed, gate)


def detect_acoustic_fillers(audio: np.ndarray, words: Sequence[Word],
                            regions: Sequence[SpeechRegion], model: FillerModel,
                            vad_levels_db: np.ndarray | None = None) -> list[AcousticFiller]:
    """Hesitations in `audio` (16 kHz mono) that no recognised word in `words` covers.

    Args:
        audio: the answer's samples.
        words: Whisper's words (times in seconds on the same timeline).
        regions: VAD speech regions (seconds).
        model: the classifier (`FillerModel.from_arrays(models.acoustic_filler_arrays())`).
        vad_levels_db: `vad.frame_levels_db(audio)` when the caller has it (else computed).

    Returns:
        `AcousticFiller`s in time order (probability ≥ the model's threshold).
    """
    audio = np.asarray(audio, dtype=np.float32).reshape(-1)
    if audio.size < WIN_SAMPLES or not regions:
        return []
    levels_db = _frame_levels_db(audio)
    speech_level = float(np.percentile(levels_db, SPEECH_LEVEL_PCT))  # `speech_level_db`
    out = []
    for c in gated_candidates(audio, words, regions, levels_db, vad_levels_db):
        if c.gate is not None or c.trimmed is None:
            continue
        p = filler_probability(segment_features(audio, *c.trimmed, speech_level), model)
        if p >= model.threshold:
            out.append(AcousticFiller(c.trimmed[0], c.trimmed[1], p))
    return out
