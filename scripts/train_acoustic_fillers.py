"""Fit the acoustic filler classifier of voice_coach/analysis/acoustic_fillers.py.

Training material (never the clips added on 2026-11-29, which are the unseen test):
- the older real clips of tests/data/manifest.json: speech the VAD found but no recognised word
  covers, labelled a filler when a Whisper hesitation ("um", "uh", any probability) sits within
  `NEAR_S` of it in a clip whose ground truth has hesitations; the recognised non-filler words
  (cut to their sound) as negatives;
- synthetic positives: source-filter schwas and "um"s (glottal pulse train with jitter through
  formant resonators, a nasal tail for "um"), 0.1-0.8 s, f0 85-260 Hz, at speech-like levels;
- synthetic negatives: white/brown noise bursts, band-passed breaths, and espeak-ng words
  (consonant-vowel transitions). (Clicks need no examples: shorter than MIN_CANDIDATE_S.)

Prints the constants to paste into the module and the cross-validated precision/recall.
Usage: .venv/bin/python scripts/train_acoustic_fillers.py [--model tiny.en]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from voice_coach.analysis import acoustic_fillers as af  # noqa: E402
from voice_coach.analysis.fillers import filler_mask, is_hesitation  # noqa: E402
from voice_coach.analysis.vad import detect_speech, load_vad_model  # noqa: E402
from voice_coach.audio import SAMPLE_RATE, load_audio  # noqa: E402
from voice_coach.config import Config  # noqa: E402
from voice_coach.transcriber import Word  # noqa: E402

UNSEEN = frozenset({"ami_es2004a_fee013_buttons", "ami_es2004a_meo015_lcd", "mfa_internalsil",
                    "librispeech_2412_153948_0000"})
NEAR_S = 0.6  # a candidate this close to a Whisper hesitation is that hesitation
SEED = 7
ESPEAK_WORDS = ("the so right and maybe display buttons think model data first then "
                "because which we it is shipped latency".split())


def _speech_level(audio: np.ndarray) -> float:
    return float(np.percentile(af._frame_levels_db(audio), af.SPEECH_LEVEL_PCT))


def real_examples(model: str) -> tuple[list[np.ndarray], list[int], list[str]]:
    from voice_coach.transcriber import FILLER_PROMPT, load_transcriber

    manifest = json.loads((ROOT / "tests/data/manifest.json").read_text())
    cfg = Config()
    vad = load_vad_model()
    tr = load_transcriber("faster-whisper", model, beam_size=cfg.transcriber.beam_size)
    feats, labels, where = [], [], []
    for gt in manifest:
        if gt["kind"] != "real" or gt["id"] in UNSEEN:
            continue
        audio = load_audio(ROOT / "tests/data" / gt["path"])
        regions = detect_speech(audio, cfg.vad, model=vad)
        words = tr.transcribe(audio, initial_prompt=FILLER_PROMPT).words
        gt_hes = sum(1 for f in gt["fillers"] if is_hesitation(f["word"]))
        hes = [w for w in words if is_hesitation(w.text)][:gt_hes]
        # every hesitation is left uncovered, so its sound becomes a candidate
        content = [w for w, f in zip(words, filler_mask(words)) if not f]
        levels = af._frame_levels_db(audio)
        active = levels > np.percentile(levels, af.FLOOR_PCT) + af.ACTIVE_ABOVE_FLOOR_DB
        level = _speech_level(audio)
        for span in af.candidate_spans(regions, content):
            t = af._trim(span, active)
            if t is None:
                continue
            near = any(t[0] - NEAR_S <= w.start <= t[1] + NEAR_S for w in hes)
            feats.append(af.segment_features(audio, *t, level))
            labels.append(int(near))
            where.append(f"{gt['id']} {t[0]:.2f}-{t[1]:.2f} cand {'POS' if near else 'neg'}")
        for w in content:
            inside = [(max(w.start, r.start_s), min(w.end, r.end_s)) for r in regions
                      if r.end_s > w.start and r.start_s < w.end]
            for span in inside:
                t = af._trim(span, active)
                if t is None:
                    continue
                feats.append(af.segment_features(audio, *t, level))
                labels.append(0)
                where.append(f"{gt['id']} {t[0]:.2f}-{t[1]:.2f} word {w.text}")
    return feats, labels, where


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


def _espeak(word: str, voice: str, rate: int) -> np.ndarray | None:
    if not shutil.which("espeak-ng"):
        return None
    import soundfile as sf

    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "w.wav"
        subprocess.run(["espeak-ng", "-v", voice, "-s", str(rate), "-w", str(p), word],
                       check=True, capture_output=True)
        x, sr = sf.read(p, dtype="float32")
    from voice_coach.audio import resample

    return resample(x, sr, SAMPLE_RATE) if sr != SAMPLE_RATE else x


def synthetic_examples(rng: np.random.Generator) -> tuple[list[np.ndarray], list[int], list[str]]:
    from scipy.signal import butter, sosfilt

    feats, labels, where = [], [], []

    def add(sound: np.ndarray, label: int, name: str, level_rel: float) -> None:
        speech_level = -18.0
        audio, s, e, _ = _place(rng, sound, speech_level + level_rel)
        levels = af._frame_levels_db(audio)
        active = levels > np.percentile(levels, af.FLOOR_PCT) + af.ACTIVE_ABOVE_FLOOR_DB
        t = af._trim((s, e), active)
        if t is None:
            return
        feats.append(af.segment_features(audio, *t, speech_level))
        labels.append(label)
        where.append(f"synthetic {name}")

    for i in range(60):
        d = rng.uniform(0.1, 0.8)
        add(synth_vowel(rng, d, nasal_tail=i % 2 == 1), 1, f"vowel{i}", rng.uniform(-25, 0))
    for i in range(20):
        n = int(rng.uniform(0.1, 0.5) * SAMPLE_RATE)
        x = rng.normal(0, 1, n)
        if i % 2:
            x = np.cumsum(x)
            x -= np.linspace(x[0], x[-1], n)
        add(x, 0, f"noise{i}", rng.uniform(-25, 0))
    for i in range(20):
        n = int(rng.uniform(0.2, 0.7) * SAMPLE_RATE)
        sos = butter(2, [rng.uniform(400, 900), rng.uniform(2000, 4000)], btype="band",
                     fs=SAMPLE_RATE, output="sos")
        x = sosfilt(sos, rng.normal(0, 1, n)) * np.hanning(n)
        add(x, 0, f"breath{i}", rng.uniform(-35, -15))
    voices = ("en-us", "en-gb", "en+f3", "en-us+m3")
    for j, w in enumerate(ESPEAK_WORDS):
        x = _espeak(w, voices[j % len(voices)], int(rng.uniform(140, 190)))
        if x is not None:
            add(x, 0, f"espeak {w}", rng.uniform(-8, 0))
    return feats, labels, where


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", default="tiny.en")
    ap.add_argument("--dump", default=None, help="write features/labels to this .npz")
    args = ap.parse_args(argv)
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    rng = np.random.default_rng(SEED)
    f1, l1, w1 = real_examples(args.model)
    f2, l2, w2 = synthetic_examples(rng)
    x = np.array(f1 + f2)
    y = np.array(l1 + l2)
    where = w1 + w2
    for lab, name in zip(l1, w1):
        if "cand" in name:
            print(("POS " if lab else "neg ") + name, file=sys.stderr)
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    z = (x - mean) / scale
    # the few real fillers weigh as much as all synthetic ones together
    real_pos, syn_pos = sum(l1), sum(l2)
    weights = np.array([syn_pos / max(1, real_pos) if lab else 1.0 for lab in l1]
                       + [1.0] * len(l2))
    weights[y == 0] *= (weights[y == 1].sum() / weights[y == 0].sum())
    clf = LogisticRegression(C=1.0, max_iter=1000)
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
    p_cv = cross_val_predict(clf, z, y, cv=folds, method="predict_proba",
                             params={"sample_weight": weights})[:, 1]
    cand = np.array(["cand" in w for w in where])
    for thr in (0.5, 0.7):
        print(f"threshold {thr}: real fillers found (CV) "
              f"{int(np.sum((p_cv >= thr) & cand & (y == 1)))}/{int(np.sum(cand & (y == 1)))}, "
              f"real non-filler candidates flagged {int(np.sum((p_cv >= thr) & cand & (y == 0)))}"
              f"/{int(np.sum(cand & (y == 0)))}")
    for thr in (0.5, 0.6, 0.7, 0.8):
        pred = p_cv >= thr
        tp = int(np.sum(pred & (y == 1)))
        print(f"threshold {thr}: CV precision {tp / max(1, pred.sum()):.2f} recall "
              f"{tp / max(1, (y == 1).sum()):.2f}  (n={len(y)}, positives {(y == 1).sum()})")
    real_n = len(l1)
    for i in np.flatnonzero((p_cv[:real_n] >= 0.5) != (y[:real_n] == 1)):
        print(f"  CV miss: {where[i]} p={p_cv[i]:.2f}")
    clf.fit(z, y, sample_weight=weights)
    if args.dump:
        np.savez(args.dump, x=x, y=y, where=np.array(where))

    def tup(a):
        return "(" + ", ".join(f"{v:.4g}" for v in a) + ")"

    print(f"FEATURE_MEAN = {tup(mean)}\nFEATURE_SCALE = {tup(scale)}\n"
          f"COEF = {tup(clf.coef_[0])}\nINTERCEPT = {clf.intercept_[0]:.4g}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
