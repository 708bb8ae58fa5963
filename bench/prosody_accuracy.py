"""Prosody accuracy against ground truth (part of `make bench-accuracy`).

Sets (tests/prosody_signals.py builds them; nothing here is tuned per clip):

- synthetic: answers of harmonic-series "sentences" with exactly known F0 (one flat run of
  three sentences among ±4 st lively ones, fades of 12–18 dB, final rises of 3–6 st) at base
  F0s from 85 to 240 Hz. Speech regions are the known sentence spans (the VAD is measured in
  bench/accuracy.py). Reports F0 error in cents on frames voiced in truth and found voiced,
  voicing recall, monotone-stretch F1 (both ends within ±1 s), fade and uptalk precision/recall
  (end within ±0.3 s).
- F0 method: librosa `yin` (+ our periodicity voicing) vs `pyin` on one synthetic answer:
  error in cents and seconds per second of audio on this machine.
- espeak-ng: the same texts with the default pitch range and flattened (SSML range 0%),
  several voices; VAD speech regions. Monotone share of speech and pitch variation.
- real clips (tests/data/audio, kind real, natural speech; the four in `HELD_OUT` were added
  after the thresholds were set): monotone flags must be none; pitch-shifted copies (sox ±300
  cents) must move the median F0 by the shift.
- window variation (8 s windows) per set: the numbers `prosody.monotone_st` was set from.

Usage: .venv/bin/python bench/prosody_accuracy.py [--quick] [--out DIR]
Writes DIR/prosody_accuracy.{md,json} (default bench/results).
"""

from __future__ import annotations

import argparse
from dataclasses import replace
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import prosody_signals as ps  # noqa: E402

from voice_coach.analysis.prosody import (  # noqa: E402
    SAMPLE_RATE, analyze_prosody, clean_pitch, extract_track)
from voice_coach.analysis.vad import SpeechRegion, detect_speech, load_vad_model  # noqa: E402
from voice_coach.audio import load_audio  # noqa: E402
from voice_coach.config import Config  # noqa: E402
from voice_coach.transcriber import Word  # noqa: E402

BASES_HZ = (85, 110, 130, 160, 190, 215, 240, 100)
END_TOL_S = 0.3
STRETCH_TOL_S = 1.0
SHIFT_CENTS = (-300, 300)
ESPEAK_VOICES = ("en-us", "en-gb", "en-us+f3", "en-gb-x-rp+m3")
ESPEAK_TEXTS = (ps.ESPEAK_TEXT, (
    "The hardest part of the project was the data. Our labels came from three teams, and they "
    "disagreed on almost a third of the examples. I set up a review where each team labelled the "
    "same two hundred cases, we wrote down the rules we agreed on, and we relabelled the rest. "
    "Agreement went from sixty to ninety two percent, and the model's error rate fell by half."))
# Real clips added to tests/data after the defaults were set: material they were not tuned on.
HELD_OUT = {"ami_es2004a_fee013_buttons", "ami_es2004a_meo015_lcd", "mfa_internalsil",
            "librispeech_2412_153948_0000"}
TARGETS = {"f0_median_cents": 50, "monotone_f1": 0.9, "fade_f1": 0.9}


def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else None
    r = tp / (tp + fn) if tp + fn else None
    f = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
    return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f}


def match_ends(found: list[float], truth: list[float], tol: float) -> tuple[int, int, int]:
    used: set[int] = set()
    tp = 0
    for f in found:
        j = next((j for j, g in enumerate(truth) if j not in used and abs(f - g) <= tol), None)
        if j is not None:
            used.add(j)
            tp += 1
    return tp, len(found) - tp, len(truth) - tp


def match_spans(found: list[tuple[float, float]], truth: list[tuple[float, float]], tol: float
                ) -> tuple[int, int, int]:
    used: set[int] = set()
    tp = 0
    for s, e in found:
        j = next((j for j, (gs, ge) in enumerate(truth)
                  if j not in used and abs(s - gs) <= tol and abs(e - ge) <= tol), None)
        if j is not None:
            used.add(j)
            tp += 1
    return tp, len(found) - tp, len(truth) - tp


def truth_at(track, f0_hz: np.ndarray) -> np.ndarray:
    idx = np.minimum((track.times() * SAMPLE_RATE).astype(int), len(f0_hz) - 1)
    return f0_hz[idx]


def window_stds(track, regions, window_s: float) -> list[float]:
    """Pitch variation (st) of every judged window, as analyze_prosody sees it."""
    from voice_coach.analysis.prosody import MIN_SPEECH_SHARE, MIN_VOICED_SHARE, WINDOW_STEP_S

    t = track.times()
    speech = np.zeros(len(t), bool)
    for r in regions:
        speech |= (t >= r.start_s) & (t < r.end_s)
    hz = np.where(speech, clean_pitch(track.hz), np.nan)
    if np.sum(~np.isnan(hz)) < 20:
        return []
    st = 12 * np.log2(hz / np.nanmedian(hz))
    w, hop = int(window_s / track.step_s), int(WINDOW_STEP_S / track.step_s)
    out = []
    for i in range(0, max(len(st) - w, 0) + 1, hop):
        sp, v = speech[i:i + w], ~np.isnan(st[i:i + w])
        if sp.sum() >= MIN_SPEECH_SHARE * w and v.sum() >= MIN_VOICED_SHARE * sp.sum():
            out.append(float(np.std(st[i:i + w][v])))
    return out


def synthetic(cfg: Config, n: int) -> dict:
    cents, recall_num, recall_den, false_voiced, unvoiced_cells = [], 0, 0, 0, 0
    mono, fade, up = [0, 0, 0], [0, 0, 0], [0, 0, 0]
    flat_w, lively_w = [], []
    drops_fade, drops_plain, rises_up, rises_plain = [], [], [], []
    for seed in range(n):
        audio, truth = ps.random_answer(seed, BASES_HZ[seed % len(BASES_HZ)])
        track = extract_track(audio)
        true = truth_at(track, truth.f0_hz)
        voiced_true, found = ~np.isnan(true), ~np.isnan(track.hz)
        ok = voiced_true & found
        cents += list(1200 * np.abs(np.log2(track.hz[ok] / true[ok])))
        recall_num += int(ok.sum())
        recall_den += int(voiced_true.sum())
        false_voiced += int((~voiced_true & found).sum())
        unvoiced_cells += int((~voiced_true).sum())
        regions = [SpeechRegion(s, e) for s, e in truth.regions]
        words = [Word("said.", s, e, 1.0) for s, e in truth.regions]  # one "sentence" per region
        p = analyze_prosody(track, regions, words, cfg.prosody)
        for acc, res in ((mono, match_spans([(m.start, m.end) for m in p.monotone_stretches],
                                            truth.flat, STRETCH_TOL_S)),
                         (fade, match_ends([f.end for f in p.fades],
                                           [e for _, e, _ in truth.fades], END_TOL_S)),
                         (up, match_ends([u.end for u in p.uptalk],
                                         [e for _, e, _ in truth.rises], END_TOL_S))):
            for k in range(3):
                acc[k] += res[k]
        allp = analyze_prosody(track, regions, words, replace(cfg.prosody, fade_db=-1e9,
                                                           uptalk_st=-1e9))
        fade_ends = [e for _, e, _ in truth.fades]
        rise_ends = [e for _, e, _ in truth.rises]
        for x in allp.fades:
            (drops_fade if any(abs(x.end - e) <= END_TOL_S for e in fade_ends)
             else drops_plain).append(x.drop_db)
        for x in allp.uptalk:
            (rises_up if any(abs(x.end - e) <= END_TOL_S for e in rise_ends)
             else rises_plain).append(x.rise_st)
        flat, lively = _split_windows(track, regions, truth.flat, cfg)
        flat_w += flat
        lively_w += lively
    c = np.array(cents)
    return {"answers": n, "f0_median_cents": float(np.median(c)),
            "f0_p95_cents": float(np.percentile(c, 95)),
            "voicing_recall": recall_num / recall_den,
            "false_voiced_share": false_voiced / max(unvoiced_cells, 1),
            "monotone": prf(*mono), "fade": prf(*fade), "uptalk": prf(*up),
            "window_std_flat": _summary(flat_w), "window_std_lively": _summary(lively_w),
            "drop_db_fade": _summary(drops_fade), "drop_db_plain": _summary(drops_plain),
            "rise_st_uptalk": _summary(rises_up), "rise_st_plain": _summary(rises_plain)}


def _split_windows(track, regions, flat_spans, cfg) -> tuple[list[float], list[float]]:
    """Window variations of windows wholly inside a flat run / wholly outside every one."""
    from voice_coach.analysis.prosody import MIN_SPEECH_SHARE, WINDOW_STEP_S

    t = track.times()
    speech = np.zeros(len(t), bool)
    for r in regions:
        speech |= (t >= r.start_s) & (t < r.end_s)
    hz = np.where(speech, clean_pitch(track.hz), np.nan)
    st = 12 * np.log2(hz / np.nanmedian(hz))
    w, hop = int(cfg.prosody.monotone_window_s / track.step_s), int(WINDOW_STEP_S / track.step_s)
    flat, lively = [], []
    for i in range(0, max(len(st) - w, 0) + 1, hop):
        a, b = t[i], t[min(i + w, len(t) - 1)]
        v = ~np.isnan(st[i:i + w])
        if speech[i:i + w].sum() < MIN_SPEECH_SHARE * w or v.sum() < 20:
            continue
        x = float(np.std(st[i:i + w][v]))
        if any(s <= a and b <= e for s, e in flat_spans):
            flat.append(x)
        elif not any(min(b, e) > max(a, s) for s, e in flat_spans):
            lively.append(x)
    return flat, lively


def _summary(xs: list[float]) -> dict:
    if not xs:
        return {"n": 0}
    a = np.array(xs)
    return {"n": len(xs), "min": float(a.min()), "p5": float(np.percentile(a, 5)),
            "median": float(np.median(a)), "p95": float(np.percentile(a, 95)),
            "max": float(a.max())}


def f0_methods(seconds: float) -> list[dict]:
    import librosa

    from voice_coach.analysis.prosody import FMAX_HZ, FMIN_HZ, FRAME, HOP

    audio, truth = ps.random_answer(0, 120)
    audio = audio[:int(seconds * SAMPLE_RATE)]
    extract_track(audio[:SAMPLE_RATE])  # warm-up (librosa's first call loads numba code)
    rows = []
    t0 = time.perf_counter()
    track = extract_track(audio)
    took = time.perf_counter() - t0
    true = truth_at(track, truth.f0_hz)
    ok = ~np.isnan(true) & ~np.isnan(track.hz)
    rows.append({"method": "yin + periodicity voicing (shipped)", "audio_s": seconds,
                 "s_per_audio_s": took / seconds,
                 "median_cents": float(np.median(1200 * np.abs(np.log2(track.hz[ok] / true[ok])))),
                 "voiced_recall": float(ok.sum() / (~np.isnan(true)).sum())})
    librosa.pyin(audio[:SAMPLE_RATE], fmin=FMIN_HZ, fmax=FMAX_HZ, sr=SAMPLE_RATE,
                 frame_length=FRAME, hop_length=HOP)
    t0 = time.perf_counter()
    f0, flag, _ = librosa.pyin(audio, fmin=FMIN_HZ, fmax=FMAX_HZ, sr=SAMPLE_RATE,
                               frame_length=FRAME, hop_length=HOP)
    took = time.perf_counter() - t0
    tt = np.arange(len(f0)) * HOP / SAMPLE_RATE
    true = truth.f0_hz[np.minimum((tt * SAMPLE_RATE).astype(int), len(truth.f0_hz) - 1)]
    ok = ~np.isnan(true) & flag & ~np.isnan(f0)
    rows.append({"method": "pyin", "audio_s": seconds, "s_per_audio_s": took / seconds,
                 "median_cents": float(np.median(1200 * np.abs(np.log2(f0[ok] / true[ok])))),
                 "voiced_recall": float(ok.sum() / (~np.isnan(true)).sum())})
    return rows


def _vad_prosody(audio: np.ndarray, cfg: Config, vad, transcriber) -> tuple:
    """Prosody as the pipeline computes it: VAD regions, Whisper tiny.en words."""
    from voice_coach.transcriber import FILLER_PROMPT

    regions = detect_speech(audio, cfg.vad, model=vad)
    words = transcriber.transcribe(audio, initial_prompt=FILLER_PROMPT).words
    track = extract_track(audio)
    return analyze_prosody(track, regions, words, cfg.prosody), track, regions, words


def end_values(track, regions, words, cfg: Config) -> tuple[list[float], list[float]]:
    """Drop (dB) and rise (st) of every judged sentence end, flagged or not."""
    opts = replace(cfg.prosody, fade_db=-1e9, uptalk_st=-1e9)
    p = analyze_prosody(track, regions, words, opts)
    return [x.drop_db for x in p.fades], [x.rise_st for x in p.uptalk]


def espeak_set(cfg: Config, vad, transcriber, voices: tuple[str, ...]) -> list[dict]:
    rows = []
    tmp = ps.tmpdir()
    for voice in voices:
        for ti, text in enumerate(ESPEAK_TEXTS):
            for flat in (False, True):
                path = ps.espeak(text, flat, tmp / f"{voice}-{ti}-{int(flat)}.wav", voice=voice)
                audio = load_audio(path)
                p, track, regions, words = _vad_prosody(audio, cfg, vad, transcriber)
                ws = window_stds(track, regions, cfg.prosody.monotone_window_s)
                rows.append({"voice": voice, "text": ti,
                             "pitch_range": "flat" if flat else "default",
                             "duration_s": len(audio) / SAMPLE_RATE,
                             "variation_st": p.pitch.variation_st,
                             "monotone_share": p.monotone_share,
                             "window_std": ws, "ends": end_values(track, regions, words, cfg)})
    return rows


def real_set(cfg: Config, vad, transcriber) -> tuple[list[dict], list[dict]]:
    clips = [dict(c, id=c["id"] + (" (held out)" if c["id"] in HELD_OUT else ""))
             for c in json.loads((ROOT / "tests/data/manifest.json").read_text())
             if c["kind"] == "real"]
    rows, shifts = [], []
    tmp = ps.tmpdir()
    for c in clips:
        path = ROOT / "tests/data" / c["path"]
        audio = load_audio(path)
        p, track, regions, words = _vad_prosody(audio, cfg, vad, transcriber)
        rows.append({"clip": c["id"], "duration_s": c["duration_s"],
                     "median_hz": p.pitch.median_hz,
                     "variation_st": p.pitch.variation_st,
                     "coverage": p.pitch.coverage if p.pitch.median_hz is not None else None,
                     "monotone_stretches": len(p.monotone_stretches), "fades": len(p.fades),
                     "sentence_ends": p.sentence_ends, "uptalk": len(p.uptalk),
                     "declaratives": p.declaratives,
                     "window_std": window_stds(track, regions, cfg.prosody.monotone_window_s),
                     "ends": end_values(track, regions, words, cfg)})
        if p.pitch.median_hz is None:
            continue
        for cents in SHIFT_CENTS:
            shifted = load_audio(ps.pitch_shifted(path, cents, tmp / f"{c['id']}{cents}.wav"))
            q, _, _, _ = _vad_prosody(shifted, cfg, vad, transcriber)
            if q.pitch.median_hz is not None:
                moved = 1200 * np.log2(q.pitch.median_hz / p.pitch.median_hz)
                shifts.append({"clip": c["id"], "shift_cents": cents, "measured_cents": moved,
                               "monotone_stretches": len(q.monotone_stretches)})
    return rows, shifts


def main() -> int:
    from common import md_table, write_results

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true", help="fewer synthetic answers and voices")
    args = ap.parse_args()
    cfg = Config()
    vad = load_vad_model()
    n = 4 if args.quick else 16
    syn = synthetic(cfg, n)
    methods = f0_methods(10.0 if args.quick else 30.0)
    from voice_coach.transcriber import load_transcriber

    transcriber = load_transcriber(cfg.transcriber.backend, cfg.transcriber.model)
    esp = espeak_set(cfg, vad, transcriber, ESPEAK_VOICES[:2] if args.quick else ESPEAK_VOICES)
    real, shifts = real_set(cfg, vad, transcriber)

    def f(x, d=2):
        return None if x is None else round(float(x), d)

    po = cfg.prosody
    out = [f"Defaults: monotone_window_s={po.monotone_window_s}, monotone_st={po.monotone_st}, "
           f"fade_db={po.fade_db}, uptalk_st={po.uptalk_st}.", "",
           f"### Synthetic answers with known F0 ({syn['answers']} answers, base F0 85–240 Hz)", ""]
    out.append(md_table(["measure", "value", "target"], [
        ["F0 error, median (cents)", f(syn["f0_median_cents"], 1),
         f"≤ {TARGETS['f0_median_cents']}"],
        ["F0 error, 95th percentile (cents)", f(syn["f0_p95_cents"], 1), None],
        ["voiced cells found voiced", f(syn["voicing_recall"], 3), None],
        ["silent cells called voiced", f(syn["false_voiced_share"], 4), None],
        ["monotone stretch P / R / F1 (±1 s)",
         f"{f(syn['monotone']['precision'])} / {f(syn['monotone']['recall'])} / "
         f"{f(syn['monotone']['f1'])}", f"F1 ≥ {TARGETS['monotone_f1']}"],
        ["fade P / R / F1 (±0.3 s)", f"{f(syn['fade']['precision'])} / {f(syn['fade']['recall'])}"
         f" / {f(syn['fade']['f1'])}", f"F1 ≥ {TARGETS['fade_f1']}"],
        ["uptalk P / R / F1 (±0.3 s)", f"{f(syn['uptalk']['precision'])} / "
         f"{f(syn['uptalk']['recall'])} / {f(syn['uptalk']['f1'])}", None],
    ]))
    out += ["", "### F0 method (one synthetic answer, this machine)", "",
            md_table(["method", "audio s", "s per audio s", "median error (cents)",
                      "voiced recall"],
                     [[m["method"], m["audio_s"], f(m["s_per_audio_s"], 4),
                       f(m["median_cents"], 1), f(m["voiced_recall"], 3)] for m in methods])]
    out += ["", "### espeak-ng: default pitch range vs flattened (SSML range 0%), VAD regions, "
            "Whisper words", "",
            md_table(["voice", "text", "pitch range", "variation st", "monotone share of speech"],
                     [[r["voice"], r["text"], r["pitch_range"], f(r["variation_st"]),
                       f(r["monotone_share"])] for r in esp])]
    out += ["", "### Real clips (natural speech), VAD regions, Whisper tiny.en words", "",
            md_table(["clip", "s", "median Hz", "variation st", "pitch coverage",
                      "monotone", "fades / ends", "uptalk / statements"],
                     [[r["clip"], r["duration_s"], f(r["median_hz"], 0), f(r["variation_st"]),
                       f(r["coverage"]), r["monotone_stretches"],
                       f"{r['fades']} / {r['sentence_ends']}",
                       f"{r['uptalk']} / {r['declaratives']}"] for r in real])]
    out += ["", "### sox pitch-shifted real clips: median F0 moves by the shift", "",
            md_table(["clip", "shift (cents)", "measured (cents)", "monotone"],
                     [[s["clip"], s["shift_cents"], f(s["measured_cents"], 0),
                       s["monotone_stretches"]] for s in shifts])]
    groups = {
        "synthetic flat runs": syn["window_std_flat"],
        "synthetic lively": syn["window_std_lively"],
        "espeak flat": _summary([x for r in esp if r["pitch_range"] == "flat"
                                 for x in r["window_std"]]),
        "espeak default": _summary([x for r in esp if r["pitch_range"] == "default"
                                    for x in r["window_std"]]),
        "real clips (natural)": _summary([x for r in real if "held out" not in r["clip"]
                                          for x in r["window_std"]]),
        "held-out real clips": _summary([x for r in real if "held out" in r["clip"]
                                         for x in r["window_std"]]),
    }
    out += ["", f"### Pitch variation of {po.monotone_window_s:.0f} s windows (st) — what "
            "monotone_st is set from", "",
            md_table(["set", "windows", "min", "5th pct", "median", "95th pct", "max"],
                     [[k, g.get("n"), f(g.get("min")), f(g.get("p5")), f(g.get("median")),
                       f(g.get("p95")), f(g.get("max"))] for k, g in groups.items()])]
    ends = {
        "synthetic fades / final rises": (syn["drop_db_fade"], syn["rise_st_uptalk"]),
        "synthetic plain ends": (syn["drop_db_plain"], syn["rise_st_plain"]),
        "espeak default": (_summary([x for r in esp if r["pitch_range"] == "default"
                                     for x in r["ends"][0]]),
                           _summary([x for r in esp if r["pitch_range"] == "default"
                                     for x in r["ends"][1]])),
        "real clips (natural)": (
            _summary([x for r in real if "held out" not in r["clip"] for x in r["ends"][0]]),
            _summary([x for r in real if "held out" not in r["clip"] for x in r["ends"][1]])),
        "held-out real clips": (
            _summary([x for r in real if "held out" in r["clip"] for x in r["ends"][0]]),
            _summary([x for r in real if "held out" in r["clip"] for x in r["ends"][1]])),
    }
    out += ["", "### Sentence ends: drop of the last 0.4 s (dB) and final rise (st) — what "
            "fade_db and uptalk_st are set from", "",
            md_table(["set", "ends", "drop median", "drop 95th pct", "drop max",
                      "rises judged", "rise median", "rise 95th pct", "rise max"],
                     [[k, d.get("n"), f(d.get("median"), 1), f(d.get("p95"), 1), f(d.get("max"), 1),
                       r.get("n"), f(r.get("median")), f(r.get("p95")), f(r.get("max"))]
                      for k, (d, r) in ends.items()])]
    groups["ends"] = {k: {"drop_db": d, "rise_st": r} for k, (d, r) in ends.items()}
    table = "\n".join(out)
    print(table)
    for r in esp + real:
        r.pop("window_std", None)
        r.pop("ends", None)
    write_results("prosody_accuracy", "Prosody accuracy against ground truth", table,
                  {"synthetic": syn, "f0_methods": methods, "espeak": esp, "real": real,
                   "shifts": shifts, "window_std": groups})
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "bench"))
    raise SystemExit(main())
