"""Fit the acoustic filler classifier of voice_coach/analysis/acoustic_fillers.py and measure it
with leave-one-clip-out cross-validation over the real clips.

Training material: ONLY the real clips of tests/data/manifest.json (copied from
/work/shared/data) and synthetic sounds:
- per real clip, candidates are speech the VAD found that no recognised word covers, with every
  Whisper hesitation taken out of the recognised words (so the sound of each filler becomes a
  candidate). A candidate is a filler when a ground-truth hesitation starts within `NEAR_TRUE_S`
  of it; for hesitations whose true time is unknown (MFA clips without a TextGrid) the time of
  Whisper's hesitation stands in (within `NEAR_WHISPER_S`). The recognised non-filler words
  (cut to their sound) are negatives;
- synthetic positives: source-filter schwas and "um"s (glottal pulse train with jitter through
  formant resonators, a nasal tail for "um"), 0.1-0.8 s, f0 85-260 Hz, at speech-like levels;
  and espeak-ng "uh"/"um"/"er"/"hmm" (`MIX_VOICES`, three pitches, stretched to 0.15-0.9 s)
  mixed into the pauses of every real and synthetic recording of the manifest at 2-24 dB
  below its speech level, so they sit in that recording's own background noise. A fold leaves
  out the sounds mixed into its held-out clip;
- synthetic negatives: white/brown noise bursts, band-passed breaths, espeak-ng words, and the
  recognised words and uncovered speech of the manifest's synthetic (espeak-ng) answers.

Cross-validation: for every real clip, the model (and its threshold, chosen by an inner
leave-one-clip-out over the remaining clips — since hear11 on the candidates the detector sees
in use, by the whole filler path's F1: `choose_threshold_in_use`; the older calibration on all
uncovered sounds with Whisper's hesitations taken out, `choose_threshold`, is reported beside
it) is fitted without that clip and without the
sounds mixed into it, then the whole filler path (Whisper words → `find_fillers` →
`merge_acoustic`) runs on the held-out clip and is compared with its ground truth (hesitations as one class, as in bench/accuracy.py). The
pooled counts over the held-out clips are the numbers to quote; the in-sample row (model fitted
on all clips) is printed beside them.

Verifier (measured, not shipped): the fold's model also scores the own sound of each hesitation
Whisper wrote in the held-out clip (`hesitation_sounds`: uncovered speech within
`VERIFY_NEAR_S` of the word once the word itself no longer covers it); a hesitation whose best
sound scores below a veto level is dropped. Two ways to set the level, both out of fold: the
model's even odds (`VETO_EVEN_ODDS`, not searched), and an inner leave-one-clip-out
choice among `VETO_LEVELS` (best F1 of the other clips' fillers; ties: the lower level).

Usage: .venv/bin/python scripts/train_acoustic_fillers.py [--model tiny.en] [--beam-size N]
       [--write] [--out FILE.md] [--cache DIR]
(--model/--beam-size: the Whisper decode whose words the folds use; default the config's)
(--write stores the model fitted on all clips in voice_coach/data/acoustic_fillers.npz,
voice_coach.models.ACOUSTIC_FILLER_MODEL)
"""

from __future__ import annotations

import argparse
import functools
import json
import pickle
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from voice_coach.analysis import acoustic_fillers as af  # noqa: E402
from voice_coach.analysis.fillers import (  # noqa: E402
    MIN_FILLER_PROBABILITY,
    filler_mask,
    is_hesitation,
)
from voice_coach.analysis.vad import SpeechRegion, detect_speech, load_vad_model  # noqa: E402
from voice_coach.audio import SAMPLE_RATE, load_audio  # noqa: E402
from voice_coach.config import Config  # noqa: E402
from voice_coach.transcriber import Word  # noqa: E402

NEAR_TRUE_S = 0.3  # a candidate this close to a true hesitation onset is that hesitation
NEAR_WHISPER_S = 0.6  # … or this close to Whisper's hesitation (its times are loose)
SAME_FILLER_S = 1.0  # Whisper's hesitation this close to a timed true one is that one (as the
#                      filler timing match of bench/accuracy.py)
SEED = 7
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95)  # the inner CV picks one of these
C_REG = 1.0  # logistic regression inverse regularisation
VERIFY_NEAR_S = 0.3  # a hesitation's own sound lies this close to its span (delivery's
#                      ACOUSTIC_SAME_S: the distance at which a find *is* that hesitation)
VETO_EVEN_ODDS = 0.5  # verifier: drop a hesitation whose sound is more likely no filler
VETO_LEVELS = (0.0, 0.05, 0.1, 0.2, 0.3, 0.5)  # the inner CV picks one (0.0: no veto)
ESPEAK_WORDS = ("the so right and maybe display buttons think model data first then "
                "because which we it is shipped latency".split())
FILLER_WORDS = ("uh", "um", "er", "hmm")  # espeak-ng hesitations mixed into real pauses
MIX_VOICES = ("en-us", "en-gb", "en-gb-scotland", "en-029", "en-us+f2", "en-us+f4", "en+m3",
              "en-gb+f3")
MIX_DUR_S = (0.15, 0.9)  # stretched length of a mixed-in hesitation
MIX_LEVEL_DB = (-24.0, -2.0)  # its loudest frames against the host clip's speech level
MIX_GAP_S = 0.1  # it starts and ends this far inside a host pause
PER_PAUSE = 3  # hesitations mixed into each host pause (one copy of the clip each)


class Clip(NamedTuple):
    """One real clip with everything the filler path needs."""

    id: str
    audio: np.ndarray
    regions: list[SpeechRegion]
    words: list[Word]  # Whisper's words (the echo test, when applied, removes some)
    truth: list[dict[str, Any]]  # manifest "fillers"


Examples = tuple[list[np.ndarray], list[int]]  # (features, labels: 1 hesitation, 0 not)


def _speech_level(audio: np.ndarray) -> float:
    return float(np.percentile(af._frame_levels_db(audio), af.SPEECH_LEVEL_PCT))


def _add_example(ex: Examples, audio: np.ndarray, span: tuple[float, float], active: np.ndarray,
                 level_db: float, label: int) -> None:
    """Append the features of `span` (seconds) cut to its sound as the detector cuts a
    candidate (`af._trim`), with `label`; nothing when no sound is left."""
    t = af._trim(span, active)
    if t is not None:
        ex[0].append(af.segment_features(audio, *t, level_db))
        ex[1].append(label)


def _words(audio: np.ndarray, transcriber: Any, cache: Path | None, key: str) -> list[Word]:
    """Whisper's words of `audio` (filler prompt), read from / written to `cache` when given."""
    from voice_coach.transcriber import FILLER_PROMPT

    path = cache / f"{key}.pkl" if cache else None
    if path is not None and path.exists():
        return pickle.loads(path.read_bytes())
    words = list(transcriber().transcribe(audio, initial_prompt=FILLER_PROMPT).words)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(words))
    return words


def load_clips(manifest_path: Path, transcriber: Any, cfg: Config, cache: Path | None = None,
               model_key: str = "", kind: str = "real") -> list[Clip]:
    """The clips of the manifest of `kind`, VAD'd and transcribed (filler prompt, config
    decode); `transcriber` is called for the transcriber only when a clip's words are not
    cached."""
    vad = load_vad_model()
    out = []
    for gt in json.loads(manifest_path.read_text()):
        if gt.get("kind") != kind:
            continue
        audio = load_audio(manifest_path.parent / gt["path"])
        regions = detect_speech(audio, cfg.vad, model=vad)
        words = _words(audio, transcriber, cache, f"{gt['id']}-{model_key}")
        out.append(Clip(gt["id"], audio, regions, words, gt.get("fillers", [])))
    return out


def fillers_by_sound(clip: Clip) -> Clip:
    """The clip's words with its hesitations counted by their sounds — one written twice for
    one sound dropped, an unwritten sound of a run added, an improbable one over a sound of its
    own timed on it and counted — as the pipeline saves them
    (`voice_coach.pipeline.fillers_by_sound`)."""
    from voice_coach.analysis.echoes import check_fillers, sound_bursts
    from voice_coach.analysis.vad import frame_levels_db

    found = check_fillers(clip.words, sound_bursts(frame_levels_db(clip.audio), clip.regions),
                          clip.regions)
    moved = found.placed + found.sounded_guesses  # as the pipeline: an improbable hesitation
    #                                             over a sound of its own counts (QA8 F27)
    drop = set(found.echoes) | {i for i, _ in moved}
    kept = [w for i, w in enumerate(clip.words) if i not in drop]
    add = found.repeats + [w for _, w in moved]
    return clip._replace(words=sorted(kept + add, key=lambda w: (w.start, w.end)))


def _label_times(clip: Clip) -> tuple[list[float], list[float]]:
    """(true hesitation onsets, Whisper hesitation onsets standing in for untimed ones)."""
    timed = [f["start_s"] for f in clip.truth if is_hesitation(f["word"])
             and f.get("start_s") is not None]
    untimed = sum(1 for f in clip.truth if is_hesitation(f["word"]) and f.get("start_s") is None)
    hes = [w.start for w in clip.words if is_hesitation(w.text)
           and not any(abs(w.start - t) <= SAME_FILLER_S for t in timed)]
    return timed, hes[:untimed]


def clip_examples(clip: Clip) -> Examples:
    """Features and labels of one real clip's training examples."""
    audio, regions = clip.audio, clip.regions
    timed, proxy = _label_times(clip)
    content = [w for w, f in zip(clip.words, filler_mask(clip.words)) if not f]
    active = af.active_frames(af._frame_levels_db(audio))
    level = _speech_level(audio)
    ex: Examples = ([], [])
    for span in af.candidate_spans(regions, content):
        t = af._trim(span, active)
        if t is None or not af.stands_apart(span, t, active, regions):
            continue
        pos = (any(t[0] - NEAR_TRUE_S <= x <= t[1] + NEAR_TRUE_S for x in timed)
               or any(t[0] - NEAR_WHISPER_S <= x <= t[1] + NEAR_WHISPER_S for x in proxy))
        ex[0].append(af.segment_features(audio, *t, level))
        ex[1].append(int(pos))
    for w in content:
        for r in regions:
            if r.end_s > w.start and r.start_s < w.end:
                _add_example(ex, audio, (max(w.start, r.start_s), min(w.end, r.end_s)), active,
                             level, 0)
    return ex


def _resonate(x: np.ndarray, formants: list[tuple[float, float]]) -> np.ndarray:
    from scipy.signal import lfilter

    y = x
    for f, bw in formants:
        r = np.exp(-np.pi * bw / SAMPLE_RATE)
        th = 2 * np.pi * f / SAMPLE_RATE
        y = lfilter([1 - r], [1, -2 * r * np.cos(th), r * r], y)
    return y


def synth_vowel(rng: np.random.Generator, dur: float, nasal_tail: bool) -> np.ndarray:
    """A held schwa (optionally closing to a nasal "m"): pulse train with jitter → formants."""
    n = int(dur * SAMPLE_RATE)
    f0_start = rng.uniform(85, 260)
    f0 = f0_start * 2 ** (np.linspace(0, rng.uniform(-2.5, 0.5), n) / 12)
    f0 *= 1 + rng.normal(0, rng.uniform(0.003, 0.02), n)  # jitter
    phase = np.cumsum(f0 / SAMPLE_RATE)
    pulses = np.diff(np.floor(phase), prepend=0.0)
    pulses *= 1 + rng.normal(0, rng.uniform(0.02, 0.15), n)  # shimmer
    src = _resonate(pulses, [(rng.uniform(300, 700), 200)])  # glottal spectral tilt
    aspiration = rng.normal(0, 1, n)  # breathy voice: noise at 3-20 dB below the voicing
    src += aspiration * np.std(src) / np.std(aspiration) * 10 ** (-rng.uniform(3, 20) / 20)
    f1, f2, f3 = rng.uniform(450, 650), rng.uniform(1200, 1700), rng.uniform(2300, 2800)
    y = _resonate(src, [(f1, 80), (f2, 100), (f3, 150)])
    if nasal_tail:
        k = int(n * rng.uniform(0.3, 0.6))
        m = _resonate(src[-k:], [(250, 60), (1000, 300), (2200, 300)])
        y[-k:] = 0.5 * y[-k:] * np.linspace(1, 0, k) + m / (np.abs(m).max() + 1e-9) * np.abs(
            y).max() * 0.6
    env = np.minimum(1, np.minimum(np.arange(n), n - np.arange(n)) / (0.03 * SAMPLE_RATE))
    return y * env


def _place(rng: np.random.Generator, sound: np.ndarray, level_db: float
           ) -> tuple[np.ndarray, float, float, float]:
    """`sound` at `level_db` dBFS RMS inside 0.3 s of quiet noise; returns audio, span, level."""
    pad = int(0.3 * SAMPLE_RATE)
    s = sound / (np.sqrt(np.mean(sound ** 2)) + 1e-12) * 10 ** (level_db / 20)
    noise = rng.normal(0, 10 ** (rng.uniform(-75, -55) / 20), s.shape[0] + 2 * pad)
    audio = noise.copy()
    audio[pad: pad + s.shape[0]] += s
    return audio.astype(np.float32), pad / SAMPLE_RATE, (pad + s.shape[0]) / SAMPLE_RATE, 0.0


def _espeak(word: str, voice: str, rate: int, pitch: int = 50) -> np.ndarray | None:
    """`word` said by espeak-ng (16 kHz), cut to its sound; None without espeak-ng."""
    if not shutil.which("espeak-ng"):
        return None
    import soundfile as sf

    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "w.wav"
        subprocess.run(["espeak-ng", "-v", voice, "-s", str(rate), "-p", str(pitch), "-w",
                        str(p), word], check=True, capture_output=True)
        x, sr = sf.read(p, dtype="float32")
    from voice_coach.audio import resample

    x = resample(x, sr, SAMPLE_RATE) if sr != SAMPLE_RATE else x
    levels = af._frame_levels_db(x)
    on = np.flatnonzero(levels > levels.max() - 35)
    hop = int(af.FRAME_S * SAMPLE_RATE)
    return x[on[0] * hop: (on[-1] + 1) * hop] if on.size else None


def espeak_bank(rng: np.random.Generator) -> list[np.ndarray]:
    """Hesitations ("uh", "um", "er", "hmm") in every `MIX_VOICES` voice at three pitches,
    time-stretched to `MIX_DUR_S`. (Short words said slowly as negatives were tried and left
    out: out of fold they pushed real fillers down, docs/accuracy.md.)"""
    import librosa

    out: list[np.ndarray] = []
    for voice in MIX_VOICES:
        for word in FILLER_WORDS:
            for pitch in (20, 50, 80):
                x = _espeak(word, voice, int(rng.uniform(90, 190)), pitch)
                if x is None:
                    return []
                want = rng.uniform(*MIX_DUR_S)
                x = librosa.effects.time_stretch(x, rate=x.shape[0] / SAMPLE_RATE / want)
                out.append(x)
    return out


def mixed_examples(audio: np.ndarray, pauses: list[tuple[float, float]], bank: list[np.ndarray],
                   rng: np.random.Generator) -> Examples:
    """Hesitations of `bank` mixed into the pauses of a recording at realistic levels (its own
    background noise around them); features of each mixed sound, cut as a candidate is."""
    level = _speech_level(audio)
    ex: Examples = ([], [])
    for p0, p1 in pauses:
        for i in rng.choice(len(bank), PER_PAUSE, replace=False):
            sound = bank[i]
            room = p1 - p0 - 2 * MIX_GAP_S
            if room < af.MIN_CANDIDATE_S:
                continue
            x = sound[: int(room * SAMPLE_RATE)]
            start = p0 + MIX_GAP_S + rng.uniform(0, room - x.shape[0] / SAMPLE_RATE)
            peak_db = float(np.percentile(af._frame_levels_db(x), 95))
            gain = 10 ** ((level + rng.uniform(*MIX_LEVEL_DB) - peak_db) / 20)
            a = int(start * SAMPLE_RATE)
            mixed = audio.copy()
            mixed[a: a + x.shape[0]] += (x * gain).astype(np.float32)
            _add_example(ex, mixed, (start, start + x.shape[0] / SAMPLE_RATE),
                         af.active_frames(af._frame_levels_db(mixed)), level, 1)
    return ex


def synthetic_examples(rng: np.random.Generator) -> Examples:
    """Host-free synthetic sounds: source-filter schwas/"um"s (1), noise bursts, breaths and
    espeak-ng words at normal speed (0)."""
    from scipy.signal import butter, sosfilt

    ex: Examples = ([], [])

    def add(sound: np.ndarray, label: int, level_rel: float) -> None:
        speech_level = -18.0
        audio, s, e, _ = _place(rng, sound, speech_level + level_rel)
        _add_example(ex, audio, (s, e), af.active_frames(af._frame_levels_db(audio)),
                     speech_level, label)

    for i in range(60):
        d = rng.uniform(0.1, 0.8)
        add(synth_vowel(rng, d, nasal_tail=i % 2 == 1), 1, rng.uniform(-25, 0))
    for i in range(20):
        n = int(rng.uniform(0.1, 0.5) * SAMPLE_RATE)
        x = rng.normal(0, 1, n)
        if i % 2:
            x = np.cumsum(x)
            x -= np.linspace(x[0], x[-1], n)
        add(x, 0, rng.uniform(-25, 0))
    for i in range(20):
        n = int(rng.uniform(0.2, 0.7) * SAMPLE_RATE)
        sos = butter(2, [rng.uniform(400, 900), rng.uniform(2000, 4000)], btype="band",
                     fs=SAMPLE_RATE, output="sos")
        x = sosfilt(sos, rng.normal(0, 1, n)) * np.hanning(n)
        add(x, 0, rng.uniform(-35, -15))
    voices = ("en-us", "en-gb", "en+f3", "en-us+m3")
    for j, w in enumerate(ESPEAK_WORDS):
        x = _espeak(w, voices[j % len(voices)], int(rng.uniform(140, 190)))
        if x is not None:
            add(x, 0, rng.uniform(-8, 0))
    return ex


def synthetic_material(clips: list[Clip], hosts: list[Clip], manifest: dict[str, Any],
                       rng: np.random.Generator) -> dict[str, Examples]:
    """Synthetic training examples grouped by the recording they were mixed into ("" for the
    host-free ones), so a fold can leave out those built on its held-out clip; the extra
    `hosts` (synthetic espeak-ng answers) add their recognised words and uncovered speech."""
    out: dict[str, Examples] = {"": synthetic_examples(rng)}
    bank = espeak_bank(rng)
    for c in clips + hosts:
        pauses = [(a, b) for a, b in manifest[c.id].get("pauses", [])]
        mf, ml = mixed_examples(c.audio, pauses, bank, rng) if bank else ([], [])
        if c in hosts:
            hf, hl = clip_examples(c)
            mf, ml = mf + hf, ml + hl
        out[c.id] = (mf, ml)
    return out


def _without(syn: dict[str, Examples], *ids: str) -> Examples:
    """The synthetic examples not built on the recordings `ids` (held out)."""
    kept = [v for k, v in syn.items() if k not in ids]
    return [x for f, _ in kept for x in f], [y for _, ls in kept for y in ls]


def fit(real: list[Examples], syn: Examples, threshold: float) -> af.FillerModel:
    """Logistic regression on the real clips' examples plus the synthetic ones; the real
    fillers weigh as much as all synthetic fillers together, the classes weigh the same."""
    from sklearn.linear_model import LogisticRegression

    f1 = [x for fs, _ in real for x in fs]
    l1 = [y for _, ls in real for y in ls]
    x = np.array(f1 + syn[0])
    y = np.array(l1 + syn[1])
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    real_pos, syn_pos = sum(l1), sum(syn[1])
    w = np.array([syn_pos / max(1, real_pos) if lab else 1.0 for lab in l1] + [1.0] * len(syn[1]))
    w[y == 0] *= w[y == 1].sum() / w[y == 0].sum()
    clf = LogisticRegression(C=C_REG, max_iter=2000).fit((x - mean) / scale, y, sample_weight=w)
    return af.FillerModel(tuple(map(float, mean)), tuple(map(float, scale)),
                          tuple(map(float, clf.coef_[0])), float(clf.intercept_[0]), threshold)


def filler_counts(clip: Clip, model: af.FillerModel | None, cfg: Config) -> dict[str, Any]:
    """tp/fp/fn of the clip's fillers through the report's path (Whisper only when `model` is
    None), hesitations as one class; a true filler with a known start must be matched within
    ±1 s of it (`bench.accuracy.match_fillers_timed`), the others by count."""
    from bench.accuracy import match_fillers_timed
    from voice_coach.analysis.delivery import analyze_delivery

    dur = clip.audio.shape[0] / SAMPLE_RATE
    if model is None:
        d = analyze_delivery(clip.regions, clip.words, dur,
                             cfg.with_value("fillers.acoustic", False))
    else:
        found = af.detect_acoustic_fillers(clip.audio, clip.words, clip.regions, model)
        d = analyze_delivery(clip.regions, clip.words, dur,
                             cfg.with_value("fillers.acoustic", True), found)
    det = [(f.text, f.start) for f in d.fillers]
    return match_fillers_timed(det, clip.truth) | {"det": det}


def hesitation_sounds(clip: Clip) -> list[tuple[int, list[np.ndarray]]]:
    """(word index, features of each sound) for every hesitation Whisper wrote confidently
    (p ≥ `MIN_FILLER_PROBABILITY`) that has uncovered speech of candidate length within
    `VERIFY_NEAR_S` of its span once the word itself is taken out of the recognised words; a
    hesitation with no such sound (Whisper stamped it inside a longer stretch, or its sound is
    under another word) has nothing to verify and is left out."""
    audio = clip.audio
    levels = af._frame_levels_db(audio)
    active = af.active_frames(levels)
    level = float(np.percentile(levels, af.SPEECH_LEVEL_PCT))
    out = []
    for i, w in enumerate(clip.words):
        if not is_hesitation(w.text) or float(w.probability) < MIN_FILLER_PROBABILITY:
            continue
        others = clip.words[:i] + clip.words[i + 1:]
        near = [c for c in af.candidate_spans(clip.regions, others)
                if c[0] < max(w.start, w.end) + VERIFY_NEAR_S and c[1] > w.start - VERIFY_NEAR_S]
        trimmed = [t for t in (af._trim(c, active) for c in near) if t is not None]
        if trimmed:
            out.append((i, [af.segment_features(audio, *t, level) for t in trimmed]))
    return out


def verified_counts(clip: Clip, model: af.FillerModel | None, verifier: af.FillerModel,
                    sounds: list[tuple[int, list[np.ndarray]]], veto_below: float,
                    cfg: Config) -> dict[str, Any]:
    """`filler_counts` after dropping the hesitations whose best sound scores below
    `veto_below` under `verifier`; "vetoed" lists (word, start, best score)."""
    drop = {i: max(af.filler_probability(x, verifier) for x in feats) for i, feats in sounds}
    drop = {i: p for i, p in drop.items() if p < veto_below}
    kept = clip._replace(words=[w for i, w in enumerate(clip.words) if i not in drop])
    return filler_counts(kept, model, cfg) | {
        "vetoed": [(clip.words[i].text.strip(), round(clip.words[i].start, 2), round(p, 2))
                   for i, p in drop.items()]}


def choose_veto(train: dict[str, Examples], syn: dict[str, Examples], clips: dict[str, Clip],
                sounds: dict[str, list[tuple[int, list[np.ndarray]]]], outer: str,
                cfg: Config) -> float:
    """The veto level of `VETO_LEVELS` with the best pooled F1 of Whisper's fillers over an
    inner leave-one-clip-out of the training clips (ties: the lower level)."""
    inner = {k: fit([train[j] for j in train if j != k], _without(syn, k, outer), 0.5)
             for k in train}
    best, best_f = VETO_LEVELS[0], -1.0
    for v in VETO_LEVELS:
        rows = [verified_counts(clips[k], None, inner[k], sounds[k], v, cfg) for k in train]
        tp, fp, fn = (sum(r[x] for r in rows) for x in ("tp", "fp", "fn"))
        f = 2 * tp / max(1, 2 * tp + fp + fn)
        if f > best_f:
            best, best_f = v, f
    return best


def _pool(rows: list[dict[str, Any]]) -> dict[str, float | int | None]:
    tp, fp, fn = (sum(r[k] for r in rows) for k in ("tp", "fp", "fn"))
    return {"tp": tp, "fp": fp, "fn": fn, "recall": tp / (tp + fn) if tp + fn else None,
            "precision": tp / (tp + fp) if tp + fp else None}


def inner_models(ex: dict[str, Examples], syn: dict[str, Examples], outer: str = ""
                 ) -> dict[str, af.FillerModel]:
    """Per clip of `ex`, the model fitted on the other clips of `ex` (an inner leave-one-clip-out;
    synthetic sounds built on that clip or on the `outer` held-out clip left out)."""
    return {k: fit([ex[j] for j in ex if j != k], _without(syn, k, outer), 0.5) for k in ex}


def choose_threshold(ex: dict[str, Examples], syn: dict[str, Examples], outer: str = "",
                     models: dict[str, af.FillerModel] | None = None) -> float:
    """The threshold with the best F1 of real candidates over an inner leave-one-clip-out
    (ties: the higher threshold, fewer false alarms); synthetic examples built on the inner
    held-out clip or on the `outer` held-out clip are left out. (Before hear11 the shipped
    calibration; its positives include the sounds of every hesitation Whisper wrote, which
    the detector never sees in use — see `choose_threshold_in_use`.)"""
    models = models or inner_models(ex, syn, outer)
    probs, labels = [], []
    for k in ex:
        for x, y in zip(*ex[k]):
            probs.append(af.filler_probability(x, models[k]))
            labels.append(y)
    p, y = np.array(probs), np.array(labels)
    best, best_f = THRESHOLDS[-1], -1.0
    for t in THRESHOLDS:
        tp = float(np.sum((p >= t) & (y == 1)))
        f = 2 * tp / max(1.0, float(np.sum(p >= t) + np.sum(y == 1)))
        if f >= best_f:
            best, best_f = t, f
    return best


def _finds(clip: Clip, model: af.FillerModel) -> list[af.AcousticFiller]:
    """Every candidate the detector scores on `clip` (threshold 0), with its probability."""
    return af.detect_acoustic_fillers(clip.audio, clip.words, clip.regions,
                                      model._replace(threshold=0.0))


def counts_with(clip: Clip, finds: list[af.AcousticFiller], cfg: Config) -> dict[str, Any]:
    """`filler_counts` with the acoustic finds `finds` (already thresholded)."""
    from bench.accuracy import match_fillers_timed
    from voice_coach.analysis.delivery import analyze_delivery

    d = analyze_delivery(clip.regions, clip.words, clip.audio.shape[0] / SAMPLE_RATE,
                         cfg.with_value("fillers.acoustic", True), finds)
    return match_fillers_timed([(f.text, f.start) for f in d.fillers], clip.truth)


def choose_threshold_in_use(clips: dict[str, Clip], models: dict[str, af.FillerModel],
                            cfg: Config) -> float:
    """The threshold with the best pooled F1 of the whole filler path (Whisper's words counted
    by their sounds, plus the detector's finds) over an inner leave-one-clip-out: each clip's
    candidates are what the detector sees in use — speech no recognised word covers, Whisper's
    hesitations included — scored by the model fitted without it (`models`). Ties: the higher
    threshold (fewer finds)."""
    finds = {k: _finds(clips[k], models[k]) for k in models}
    best, best_f = THRESHOLDS[-1], -1.0
    for t in THRESHOLDS:
        rows = [counts_with(clips[k], [a for a in finds[k] if a.probability >= t], cfg)
                for k in models]
        tp, fp, fn = (sum(r[x] for r in rows) for x in ("tp", "fp", "fn"))
        f = 2 * tp / max(1, 2 * tp + fp + fn)
        if f >= best_f:
            best, best_f = t, f
    return best


def cross_validate(clips: list[Clip], syn: dict[str, Examples], cfg: Config
                   ) -> dict[str, Any]:
    """Leave-one-clip-out over the real clips: per held-out clip, Whisper-only and with the
    fold's acoustic model (fitted without the clip's examples and without the synthetic sounds
    mixed into it); plus in-sample (model fitted on all clips)."""
    raw = {c.id: c for c in clips}
    clips = [fillers_by_sound(c) for c in clips]
    ex = {c.id: clip_examples(c) for c in clips}
    by_id = {c.id: c for c in clips}
    sounds = {c.id: hesitation_sounds(c) for c in clips}
    per: list[dict[str, Any]] = []
    for c in clips:
        train = {k: v for k, v in ex.items() if k != c.id}
        inner = inner_models(train, syn, c.id)
        thr = choose_threshold(train, syn, c.id, inner)
        thr_use = choose_threshold_in_use(by_id, inner, cfg)
        model = fit(list(train.values()), _without(syn, c.id), thr)
        model_use = model._replace(threshold=thr_use)
        veto = choose_veto(train, syn, by_id, sounds, c.id, cfg)
        s = sounds[c.id]
        echoes = [w for w in raw[c.id].words if w not in c.words]
        added = [w for w in c.words if w not in raw[c.id].words]
        per.append({"id": c.id, "threshold": thr, "threshold_use": thr_use, "veto": veto,
                    "cv_use": filler_counts(c, model_use, cfg),
                    "cv_use_finds": [(round(a.start_s, 2), round(a.probability, 2))
                                     for a in _finds(c, model) if a.probability >= thr_use],
                    "echoes": [(w.text.strip(), round(w.start, 2)) for w in echoes],
                    "added": [(w.text.strip(), round(w.start, 2)) for w in added],
                    "whisper_raw": filler_counts(raw[c.id], None, cfg),
                    "cv_raw": filler_counts(raw[c.id], model, cfg),
                    "whisper": filler_counts(c, None, cfg),
                    "cv": filler_counts(c, model, cfg),
                    "scores": [(c.words[i].text.strip(), round(c.words[i].start, 2),
                                round(max(af.filler_probability(x, model) for x in f), 2))
                               for i, f in s],
                    "w_even": verified_counts(c, None, model, s, VETO_EVEN_ODDS, cfg),
                    "a_even": verified_counts(c, model, model, s, VETO_EVEN_ODDS, cfg),
                    "w_inner": verified_counts(c, None, model, s, veto, cfg),
                    "a_inner": verified_counts(c, model, model, s, veto, cfg)})
    inner = inner_models(ex, syn)
    full_thr = choose_threshold(ex, syn, models=inner)
    full_thr_use = choose_threshold_in_use(by_id, inner, cfg)
    full = fit(list(ex.values()), _without(syn), full_thr)
    full_use = full._replace(threshold=full_thr_use)
    for row, c in zip(per, clips):
        row["in_sample"] = filler_counts(c, full, cfg)
        row["in_sample_use"] = filler_counts(c, full_use, cfg)
    keys = ("whisper", "cv", "in_sample", "cv_use", "in_sample_use", "w_even", "a_even",
            "w_inner", "a_inner", "whisper_raw", "cv_raw")
    return {"per_clip": per, "model": full, "model_use": full_use,
            "pooled": {k: _pool([r[k] for r in per]) for k in keys}}


def _pr(m: dict[str, Any]) -> str:
    m = m if "recall" in m else _pool([m])
    f = (lambda v: "–" if v is None else f"{v:.2f}")  # noqa: E731
    return (f"{f(m['recall'])} / {f(m['precision'])} "
            f"({m['tp']}/{m['tp'] + m['fn']}, {m['fp']} false)")


def render(res: dict[str, Any], meta: str) -> str:
    """Markdown: per held-out clip and pooled filler recall / precision."""
    lines = [meta, "", "| held-out clip | fillers R / P, Whisper only | + acoustic, CV "
             "(model without this clip) | threshold | + acoustic, in-sample |",
             "|---|---|---|---|---|"]
    for r in res["per_clip"]:
        lines.append(f"| {r['id']} | {_pr(r['whisper'])} | {_pr(r['cv'])} | {r['threshold']} | "
                     f"{_pr(r['in_sample'])} |")
    p = res["pooled"]
    lines.append(f"| **pooled ({len(res['per_clip'])} real clips)** | **{_pr(p['whisper'])}** | "
                 f"**{_pr(p['cv'])}** | | {_pr(p['in_sample'])} |")
    lines += ["", "Threshold calibrated on the candidates the detector sees in use "
              "(`choose_threshold_in_use`: best F1 of the whole filler path, Whisper + "
              "detector, over an inner leave-one-clip-out) instead of on every uncovered "
              "sound with Whisper's hesitations taken out (`choose_threshold`):", "",
              "| held-out clip | threshold in use | + acoustic, CV | its finds (start s, score) "
              "| + acoustic, in-sample |", "|---|---|---|---|---|"]
    for r in res["per_clip"]:
        finds = ", ".join(f"{s:.2f}: {q:.2f}" for s, q in r["cv_use_finds"]) or "–"
        lines.append(f"| {r['id']} | {r['threshold_use']} | {_pr(r['cv_use'])} | {finds} | "
                     f"{_pr(r['in_sample_use'])} |")
    lines.append(f"| **pooled** | {res['model_use'].threshold} (all clips) | "
                 f"**{_pr(p['cv_use'])}** | | {_pr(p['in_sample_use'])} |")
    lines += ["", "Hesitations counted by their sounds (`analysis.echoes`: a hesitation Whisper "
              "timed over no sound of its own, next to one that has it, is one sound written "
              "twice; a separate sound in a run of hesitations that no word covers is one "
              "written too few times), pooled over the held-out clips:", "",
              f"| {len(res['per_clip'])} real clips, leave-one-clip-out | Whisper only "
              "| + acoustic detector, CV |",
              "|---|---|---|",
              f"| Whisper's hesitations as written | {_pr(p['whisper_raw'])} "
              f"| {_pr(p['cv_raw'])} |",
              f"| **counted by their sounds** | **{_pr(p['whisper'])}** | **{_pr(p['cv'])}** |",
              "",
              "Hesitations dropped (echoes) or moved off their written time (stamped with no "
              "length, or improbable over a sound of their own): " + ("; ".join(
                  f"{r['id']}: " + ", ".join(f"{t!r} at {at:.2f} s" for t, at in r["echoes"])
                  for r in res["per_clip"] if r["echoes"]) or "none") + ". Unwritten repeats "
              "added, and moved hesitations at their sound: " + ("; ".join(
                  f"{r['id']}: " + ", ".join(f"{t!r} at {at:.2f} s" for t, at in r["added"])
                  for r in res["per_clip"] if r["added"]) or "none") + "."]
    lines += ["", "Verifier (not shipped): Whisper's hesitations checked by the out-of-fold "
              f"model's score of their own sound; veto below {VETO_EVEN_ODDS} (even odds, not "
              f"searched) or below the level an inner leave-one-clip-out picks from "
              f"{list(VETO_LEVELS)}.", "",
              "| held-out clip | Whisper's hesitations: out-of-fold score of their sound "
              "| veto, even odds: Whisper only | + acoustic | inner-CV level "
              "| veto, inner CV: Whisper only | + acoustic |", "|---|---|---|---|---|---|---|"]

    def hes(r: dict[str, Any]) -> str:
        return ", ".join(f"{t} {at:.2f} s: {sc:.2f}" for t, at, sc in r["scores"]) or "–"

    for r in res["per_clip"]:
        lines.append(f"| {r['id']} | {hes(r)} | {_pr(r['w_even'])} | {_pr(r['a_even'])} | "
                     f"{r['veto']} | {_pr(r['w_inner'])} | {_pr(r['a_inner'])} |")
    lines.append(f"| **pooled** | | **{_pr(p['w_even'])}** | **{_pr(p['a_even'])}** | | "
                 f"**{_pr(p['w_inner'])}** | **{_pr(p['a_inner'])}** |")
    return "\n".join(lines) + "\n"


# Hesitant espeak-ng recordings of tests/data whose every hesitation was said (the scripts are in
# tests/data/LICENSES.md): material the verifier was not measured on above.
HESITANT = ("qa6_fillers_en-gb-rp", "qa7_uh_uh_uh_en-gb", "repeat9_hesitations_en-us")


def verifier_check(model: af.FillerModel, transcriber: Any, cfg: Config, cache: Path | None,
                   key: str) -> str:
    """Markdown: the even-odds verifier with the model fitted on all real clips, on `HESITANT`:
    each hesitation Whisper wrote, its sound's score, and how many the veto would drop — every
    hesitation said there is a true one, so each veto there is a true filler lost."""
    from voice_coach.analysis.vad import detect_speech

    lines = ["", f"The even-odds verifier on hesitant espeak-ng speech (`tests/data`: "
             f"{', '.join(HESITANT)}; every hesitation in their scripts was said), model fitted "
             "on the 13 real clips:", "",
             "| clip | Whisper's hesitations with a sound of their own: score | vetoed below "
             f"{VETO_EVEN_ODDS} |", "|---|---|---|"]
    total = vetoed = 0
    for cid in HESITANT:
        audio = load_audio(ROOT / "tests" / "data" / "audio" / f"{cid}.flac")
        regions = detect_speech(audio, cfg.vad)
        clip = fillers_by_sound(Clip(cid, audio, regions,
                                     _words(audio, transcriber, cache, f"{cid}-{key}"), []))
        scores = [(clip.words[i].text.strip(), clip.words[i].start,
                   max(af.filler_probability(x, model) for x in f))
                  for i, f in hesitation_sounds(clip)]
        low = sum(1 for *_, sc in scores if sc < VETO_EVEN_ODDS)
        total, vetoed = total + len(scores), vetoed + low
        lines.append(f"| {cid} | " + (", ".join(f"{t} {at:.2f} s: {sc:.2f}"
                                               for t, at, sc in scores) or "–")
                     + f" | {low} of {len(scores)} |")
    lines.append(f"| **all** | | **{vetoed} of {total}** |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", default="tiny.en")
    ap.add_argument("--beam-size", type=int, default=None, help="default: config")
    ap.add_argument("--manifest", default=str(ROOT / "tests/data/manifest.json"))
    ap.add_argument("--write", action="store_true", help="store the model fitted on all clips")
    ap.add_argument("--out", default=None, help="also write the Markdown table here")
    ap.add_argument("--cache", default=None,
                    help="directory for Whisper's words per clip (reused when present)")
    args = ap.parse_args(argv)
    if not shutil.which("espeak-ng"):
        print("train_acoustic_fillers: espeak-ng is needed for the synthetic training sounds "
              "(apt-get install espeak-ng)", file=sys.stderr)
        return 2
    from voice_coach.transcriber import load_transcriber

    cfg = Config()
    beam = args.beam_size or cfg.transcriber.beam_size
    t0 = time.monotonic()
    tr = functools.cache(lambda: load_transcriber(
        "faster-whisper", args.model, beam_size=beam, cpu_threads=2))
    cache = Path(args.cache) if args.cache else None
    key = f"{args.model}-beam{beam}"
    manifest = Path(args.manifest)
    clips = load_clips(manifest, tr, cfg, cache, key)
    hosts = load_clips(manifest, tr, cfg, cache, key, kind="synthetic")
    by_id = {g["id"]: g for g in json.loads(manifest.read_text())}
    syn = synthetic_material(clips, hosts, by_id, np.random.default_rng(SEED))
    res = cross_validate(clips, syn, cfg)
    meta = (f"Acoustic filler detector, leave-one-clip-out over {len(clips)} real clips "
            f"(Whisper {args.model}, beam {beam}, filler prompt; "
            f"hesitations one class; a filler with a known true start must be found within "
            f"±1 s of it, the others are matched by count); {time.monotonic() - t0:.0f} s.")
    md = render(res, meta) + verifier_check(res["model"], tr, cfg, cache, key)
    print(md)
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(md)
    if args.write:
        from voice_coach.models import ACOUSTIC_FILLER_MODEL, save_acoustic_filler_arrays

        save_acoustic_filler_arrays(res["model_use"].to_arrays())
        print(f"wrote {ACOUSTIC_FILLER_MODEL} (threshold {res['model_use'].threshold})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
