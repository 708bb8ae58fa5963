"""Robustness: does every word of detected speech come back, across voices, rates and noise?

Synthetic set: the answer scripts in bench/espeak_answers.toml spoken by espeak-ng in several
English voices (en-us, en-gb, en-gb-scotland, en-029 and +f/+m variants) at 130/160/190 wpm,
clean and with sox pink noise at SNR 20 and 10 dB. Each phrase (up to a comma or full stop) is
synthesised alone, trimmed, and joined with silences chosen here, so the pause ground truth is
exact: sentence gaps of 0.4-2.5 s are pauses, comma gaps of 0.05-0.15 s are not. Clips are
cached in bench/.cache/robustness (git-ignored); generation is deterministic.

For every clip, and for every clip of a manifest (default tests/data/manifest.json; pass
--manifest ../shared/data/manifest.json for the shared set), it runs the real pipeline pieces
(VAD, Whisper first pass, `recovery.recover_lost_speech`, delivery) and reports:

- word coverage: share of VAD speech within 0.35 s of a word, before and after recovery,
  and the longest uncovered stretch of speech (target: coverage ≥ 0.97, no stretch ≥ 1.0 s);
- WER (Whisper's EnglishTextNormalizer on both sides, jiwer) before and after;
- pause F1 at ±100 ms against the inserted pauses; filler recall (um/uh/er).

`--options` instead compares fallback decodes on the stretches the first pass lost.

Usage: .venv/bin/python bench/robustness.py [--clips N] [--manifest PATH] [--options]
Writes bench/results/robustness.{md,json} (or robustness_options.*) and prints the table.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from accuracy import match_pauses, prf  # noqa: E402
from common import finish, md_table  # noqa: E402

from voice_coach.analysis.coverage import (  # noqa: E402
    longest_uncovered_s, uncovered_stretches, word_coverage,
)
from voice_coach.analysis.delivery import analyze_delivery  # noqa: E402
from voice_coach.analysis.vad import detect_speech, load_vad_model  # noqa: E402
from voice_coach.audio import SAMPLE_RATE, load_audio, write_wav  # noqa: E402
from voice_coach.config import Config  # noqa: E402
from voice_coach.pipeline import filler_prompt, transcribe_audio  # noqa: E402
from voice_coach.recovery import FALLBACKS, Fallback, recover_lost_speech  # noqa: E402
from voice_coach.transcriber import Decode, load_transcriber  # noqa: E402

CACHE = ROOT / "bench" / ".cache" / "robustness"
ANSWERS = ROOT / "bench" / "espeak_answers.toml"
VOICES = ("en-us", "en-us+f3", "en-gb", "en-gb+f2", "en-gb-scotland", "en-gb-scotland+f4",
          "en-029", "en-029+m3")
RATES_WPM = (130, 160, 190)
NOISES_DB: tuple[float | None, ...] = (None, 20.0, 10.0)  # None = clean
RATES_PER_CELL = 2  # each voice × noise cell gets two of the three rates (48 clips in all)
SENTENCE_GAP_S = (0.4, 2.5)
COMMA_GAP_S = (0.05, 0.15)
LEAD_IN_S = (0.5, 1.5)
TRAILING_S = 1.0
TRIM_DB = 40.0  # phrase edges: 10 ms frames within this of the phrase's loudest frame are speech
TRIM_FRAME_S = 0.01
SPEECH_PEAK = 0.5
FILLER_WORDS = ("um", "uh", "er")
PAUSE_TOL_S = 0.1
COVERAGE_TARGET = 0.97
LOST_TARGET_S = 1.0

_SINGLE: dict[str, Fallback] = {
    "same decode (prompt, greedy)": Fallback(True, Decode()),
    "no prompt": Fallback(False, Decode()),
    "no prompt, no-speech gate off": Fallback(False, Decode(no_speech_gate=False)),
    "prompt, beam 5": Fallback(True, Decode(beam_size=5)),
    "no prompt, beam 5": Fallback(False, Decode(beam_size=5)),
    "no prompt, temperature fallback": Fallback(False, Decode(temperatures=(0.0, 0.2, 0.4, 0.6,
                                                                            0.8, 1.0))),
}
# Each decode gets two rounds (the second with the first round's words as context), as the
# default (`recovery.FALLBACKS`, no prompt + beam 5) does.
OPTIONS: dict[str, tuple[Fallback, ...]] = {
    **{f"{name} ×2": (fb, fb) for name, fb in _SINGLE.items()},
    "no prompt, then no prompt + beam 5": (_SINGLE["no prompt"], _SINGLE["no prompt, beam 5"]),
}


# ---------------------------------------------------------------------------- clip generation

def clip_specs(n_max: int | None = None) -> list[dict[str, Any]]:
    """voice × noise cells, each with RATES_PER_CELL rates; answers assigned round-robin."""
    answers = tomllib.loads(ANSWERS.read_text())["answer"]
    specs = []
    for i, voice in enumerate(VOICES):
        for j, snr in enumerate(NOISES_DB):
            for k in range(RATES_PER_CELL):
                rate = RATES_WPM[(i + j + k) % len(RATES_WPM)]
                ans = answers[len(specs) % len(answers)]
                noise = "clean" if snr is None else f"snr{snr:g}"
                specs.append({"id": f"{ans['id']}_{voice}_{rate}_{noise}", "voice": voice,
                              "rate_wpm": rate, "snr_db": snr, "answer": ans["id"],
                              "sentences": ans["sentences"], "seed": len(specs)})
    return specs[:n_max] if n_max else specs


def _phrases(sentence: str) -> list[str]:
    parts = [p.strip() for p in sentence.replace(",", ",|").split("|")]
    return [p for p in parts if p]


def _espeak(text: str, voice: str, rate: int, tmp: Path) -> np.ndarray:
    wav = tmp / "phrase.wav"
    subprocess.run(["espeak-ng", "-v", voice, "-s", str(rate), "-w", str(wav), text], check=True)
    audio = load_audio(wav)
    n = int(TRIM_FRAME_S * SAMPLE_RATE)
    frames = audio[:audio.size // n * n].reshape(-1, n)
    rms = np.sqrt(np.mean(frames ** 2, axis=1))
    loud = np.flatnonzero(rms >= rms.max() * 10 ** (-TRIM_DB / 20))
    return audio[loud[0] * n:(loud[-1] + 1) * n]


def _pink_noise(duration_s: float, tmp: Path, seed: int) -> np.ndarray:
    wav = tmp / "noise.wav"
    subprocess.run(["sox", "-R", "-n", "-r", str(SAMPLE_RATE), "-c", "1", "-b", "16", str(wav),
                    "synth", f"{duration_s:.3f}", "pinknoise"], check=True)
    noise = load_audio(wav)
    return np.roll(noise, seed * 7919)  # sox -R repeats one noise; shift it per clip


def make_clip(spec: dict[str, Any]) -> tuple[Path, dict[str, Any]]:
    """Synthesise (or load from the cache) one clip; returns (wav path, ground truth)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    wav, meta = CACHE / f"{spec['id']}.wav", CACHE / f"{spec['id']}.json"
    if wav.is_file() and meta.is_file():
        return wav, json.loads(meta.read_text())
    rng = random.Random(spec["seed"])
    pieces: list[np.ndarray] = [np.zeros(int(rng.uniform(*LEAD_IN_S) * SAMPLE_RATE), np.float32)]
    pauses, speech_mask = [], [False]
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        for si, sentence in enumerate(spec["sentences"]):
            phrases = _phrases(sentence)
            for pi, phrase in enumerate(phrases):
                pieces.append(_espeak(phrase, spec["voice"], spec["rate_wpm"], tmp))
                speech_mask.append(True)
                last = si == len(spec["sentences"]) - 1 and pi == len(phrases) - 1
                gap = (TRAILING_S if last else rng.uniform(*SENTENCE_GAP_S)
                       if pi == len(phrases) - 1 else rng.uniform(*COMMA_GAP_S))
                if pi == len(phrases) - 1 and not last:
                    start = sum(p.size for p in pieces) / SAMPLE_RATE
                    pauses.append([round(start, 3), round(start + gap, 3)])
                pieces.append(np.zeros(int(round(gap * SAMPLE_RATE)), np.float32))
                speech_mask.append(False)
        speech = np.concatenate([p for p, m in zip(pieces, speech_mask) if m])
        audio = np.concatenate(pieces)
        audio *= SPEECH_PEAK / float(np.max(np.abs(audio)))
        if spec["snr_db"] is not None:
            p_speech = float(np.mean((speech * SPEECH_PEAK / np.max(np.abs(speech))) ** 2))
            noise = _pink_noise(audio.size / SAMPLE_RATE + 0.1, tmp, spec["seed"])[:audio.size]
            noise *= np.sqrt(p_speech / 10 ** (spec["snr_db"] / 10) / np.mean(noise ** 2))
            audio = audio + noise
    text = " ".join(spec["sentences"])
    fillers = [w for w in text.lower().replace(",", " ").split() if w in FILLER_WORDS]
    gt = {k: spec[k] for k in ("id", "voice", "rate_wpm", "snr_db", "answer")}
    gt |= {"transcript": text, "pauses": pauses, "filler_count": len(fillers),
           "duration_s": round(audio.size / SAMPLE_RATE, 3)}
    write_wav(wav, audio.astype(np.float32))
    meta.write_text(json.dumps(gt, indent=1))
    return wav, gt


# ---------------------------------------------------------------------------- measures

def _normalizer():
    from whisper.normalizers import EnglishTextNormalizer

    return EnglishTextNormalizer()


def word_errors(ref: str, hyp: str, norm: Any) -> tuple[int, int]:
    """(word errors, reference words) after normalising both sides with `norm`; with an empty
    reference every hypothesis word is an error."""
    import jiwer

    r, h = norm(ref), norm(hyp)
    if not r.split():
        return len(h.split()), 0
    o = jiwer.process_words(r, h)
    return o.substitutions + o.deletions + o.insertions, len(r.split())


def wer(ref: str, hyp: str, norm: Any) -> float:
    """Word error rate (`word_errors`); 1.0 for words against an empty reference."""
    errors, n = word_errors(ref, hyp, norm)
    return errors / n if n else float(errors > 0)


def speech_of(path: Path, vad: Any, cfg: Config) -> tuple[np.ndarray, list[Any], float]:
    """A clip's audio, its VAD speech regions and its length in seconds."""
    audio = load_audio(path)
    return audio, detect_speech(audio, cfg.vad, model=vad), len(audio) / SAMPLE_RATE


def evaluate(path: Path, gt: dict[str, Any], tr: Any, vad: Any, cfg: Config,
             norm: Any) -> dict[str, Any]:
    audio, regions, dur = speech_of(path, vad, cfg)
    t0 = time.process_time()  # CPU seconds (all threads): steadier than wall time on a shared box
    first = transcribe_audio(audio, tr, cfg)
    t1 = time.process_time()
    after = recover_lost_speech(audio, regions, first, tr, prompt=filler_prompt(cfg))
    t2 = time.process_time()
    d = analyze_delivery(regions, after.words, gt.get("duration_s") or dur,
                         cfg, unrecognised=after.unrecognised)
    row: dict[str, Any] = {
        "id": gt["id"], "duration_s": round(dur, 2),
        "coverage_before": word_coverage(regions, first.words),
        "coverage_after": word_coverage(regions, after.words),
        "lost_before_s": longest_uncovered_s(regions, first.words),
        "lost_after_s": longest_uncovered_s(regions, after.words),
        "unrecognised": [[round(u.start_s, 2), round(u.end_s, 2)] for u in after.unrecognised],
        "wer_before": wer(gt["transcript"], first.text, norm),
        "wer_after": wer(gt["transcript"], after.text, norm),
        "first_pass_s": t1 - t0, "recovery_s": t2 - t1, "wpm": d.wpm,
    }
    if "pauses" in gt:
        truth = [tuple(p) for p in gt["pauses"]]
        m = match_pauses([(p.start, p.end) for p in d.pauses], truth,
                         [tuple(u) for u in gt.get("uncertain_pauses", [])], PAUSE_TOL_S)
        row |= {"pause_tp": m["tp"], "pause_fp": m["fp"], "pause_fn": m["fn"],
                "pause_f1": prf(m["tp"], m["fp"], m["fn"])[2]}
    n_true = gt.get("filler_count") or 0 if "voice" in gt else 0  # real clips: bench/accuracy.py
    found = sum(1 for f in d.fillers if f.text.lower() in FILLER_WORDS + ("ah", "hmm", "mm"))
    row |= {"fillers_true": n_true, "fillers_found": min(found, n_true)}
    return row


# ---------------------------------------------------------------------------- tables

def _mean(rows: list[dict[str, Any]], key: str) -> float | None:
    vals = [r[key] for r in rows if r.get(key) is not None]
    return float(np.mean(vals)) if vals else None


def _summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    tp, fp, fn = (sum(r.get(k, 0) for r in rows) for k in ("pause_tp", "pause_fp", "pause_fn"))
    nt = sum(r["fillers_true"] for r in rows)
    return {
        "clips": len(rows),
        "coverage_min_before": min(r["coverage_before"] or 0 for r in rows),
        "coverage_min_after": min(r["coverage_after"] or 0 for r in rows),
        "coverage_mean_after": _mean(rows, "coverage_after"),
        "clips_lost_before": sum(r["lost_before_s"] >= LOST_TARGET_S for r in rows),
        "clips_lost_after": sum(r["lost_after_s"] >= LOST_TARGET_S for r in rows),
        "wer_before": _mean(rows, "wer_before"), "wer_after": _mean(rows, "wer_after"),
        "pause_f1": prf(tp, fp, fn)[2] if tp + fp + fn else None,
        "filler_recall": sum(r["fillers_found"] for r in rows) / nt if nt else None,
        "first_pass_s": sum(r["first_pass_s"] for r in rows),
        "recovery_s": sum(r["recovery_s"] for r in rows),
    }


SUMMARY_HEADERS = ["group", "clips", "min coverage before", "min coverage after",
                   "clips with ≥ 1 s lost before", "… after", "WER before", "WER after",
                   "pause F1 ±100 ms", "filler recall", "first pass CPU s", "recovery CPU s"]


def _summary_row(name: str, s: dict[str, Any]) -> list[Any]:
    return [name, s["clips"], s["coverage_min_before"], s["coverage_min_after"],
            s["clips_lost_before"], s["clips_lost_after"], s["wer_before"], s["wer_after"],
            s["pause_f1"], s["filler_recall"], s["first_pass_s"], s["recovery_s"]]


CLIP_HEADERS = ["clip", "voice", "wpm set", "noise", "coverage before", "coverage after",
                "longest lost s before", "… after", "WER before", "WER after", "pause F1",
                "fillers found/true"]


def _clip_row(r: dict[str, Any], gt: dict[str, Any]) -> list[Any]:
    noise = "clean" if gt.get("snr_db") is None else f"SNR {gt['snr_db']:g} dB"
    return [gt.get("answer", r["id"]), gt.get("voice", "real"), gt.get("rate_wpm"), noise,
            r["coverage_before"], r["coverage_after"], r["lost_before_s"], r["lost_after_s"],
            r["wer_before"], r["wer_after"], r.get("pause_f1"),
            f"{r['fillers_found']}/{r['fillers_true']}"]


# ---------------------------------------------------------------------------- main

def run_robustness(specs: list[dict[str, Any]], manifest: Path | None, tr: Any, vad: Any,
                   cfg: Config) -> tuple[str, dict[str, Any]]:
    norm = _normalizer()
    rows, gts = [], []
    for spec in specs:
        wav, gt = make_clip(spec)
        rows.append(evaluate(wav, gt, tr, vad, cfg, norm))
        gts.append(gt)
        print(f"{gt['id']}: coverage {rows[-1]['coverage_before']:.3f} → "
              f"{rows[-1]['coverage_after']:.3f}", file=sys.stderr)
    real_rows, real_gts = [], []
    if manifest is not None and manifest.is_file():
        for gt in json.loads(manifest.read_text()):
            real_rows.append(evaluate(manifest.parent / gt["path"], gt, tr, vad, cfg, norm))
            real_gts.append(gt)
    groups = [("all synthetic", rows)]
    for snr in NOISES_DB:
        groups.append(("clean" if snr is None else f"SNR {snr:g} dB",
                       [r for r, g in zip(rows, gts) if g["snr_db"] == snr]))
    for rate in RATES_WPM:
        groups.append((f"{rate} wpm", [r for r, g in zip(rows, gts) if g["rate_wpm"] == rate]))
    for voice in VOICES:
        groups.append((voice, [r for r, g in zip(rows, gts) if g["voice"] == voice]))
    if real_rows:
        groups.append((f"{manifest.parent.name} clips", real_rows))
    summaries = {name: _summary(rs) for name, rs in groups if rs}
    table = ("### Summary\n\n"
             + md_table(SUMMARY_HEADERS, [_summary_row(n, s) for n, s in summaries.items()])
             + "\n\n### Per clip (voice × rate × noise)\n\n"
             + md_table(CLIP_HEADERS, [_clip_row(r, g) for r, g in zip(rows, gts)]))
    if real_rows:
        table += (f"\n\n### Clips of {manifest}\n\n"
                  + md_table(CLIP_HEADERS, [_clip_row(r, g) for r, g in zip(real_rows, real_gts)]))
    return table, {"summary": summaries, "clips": rows, "real_clips": real_rows}


def run_options(specs: list[dict[str, Any]], tr: Any, vad: Any, cfg: Config
                ) -> tuple[str, dict[str, Any]]:
    """Every fallback decode on the same lost stretches (clips whose first pass lost speech)."""
    norm = _normalizer()
    prompt = filler_prompt(cfg)
    prepared = []
    for spec in specs:
        wav, gt = make_clip(spec)
        audio, regions, _ = speech_of(wav, vad, cfg)
        first = transcribe_audio(audio, tr, cfg)
        if uncovered_stretches(regions, first.words):
            prepared.append((gt, audio, regions, first))
    out_rows, data = [], {}
    for name, fb in OPTIONS.items():
        lost_before = lost_after = seconds = 0.0
        wers = []
        for gt, audio, regions, first in prepared:
            lost_before += sum(u.end_s - u.start_s for u in uncovered_stretches(regions, first.words))
            t0 = time.process_time()
            rec = recover_lost_speech(audio, regions, first, tr, prompt=prompt, fallbacks=fb)
            seconds += time.process_time() - t0
            lost_after += sum(u.end_s - u.start_s for u in rec.unrecognised)
            wers.append(wer(gt["transcript"], rec.text, norm))
        recovered = 1 - lost_after / lost_before if lost_before else None
        data[name] = {"clips": len(prepared), "lost_s": lost_before, "still_lost_s": lost_after,
                      "recovered_share": recovered, "decode_s": seconds,
                      "wer_mean": float(np.mean(wers)) if wers else None}
        out_rows.append([name, len(prepared), lost_before, lost_after, recovered, seconds,
                         data[name]["wer_mean"]])
    table = md_table(["fallback decode", "clips with lost speech", "lost s", "still lost s",
                      "recovered share", "decode CPU s", "mean WER after"], out_rows)
    return table, data


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clips", type=int, default=None, help="only the first N synthetic clips")
    ap.add_argument("--manifest", type=Path, default=ROOT / "tests" / "data" / "manifest.json")
    ap.add_argument("--options", action="store_true", help="compare fallback decodes instead")
    ap.add_argument("--model", default="tiny.en")
    args = ap.parse_args(argv)
    cfg = Config()
    tr = load_transcriber(cfg.transcriber.backend, args.model, beam_size=cfg.transcriber.beam_size)
    vad = load_vad_model()
    specs = clip_specs(args.clips)
    if args.options:
        table, data = run_options(specs, tr, vad, cfg)
        return finish("robustness_options", "Fallback decodes on lost speech", table, data)
    table, data = run_robustness(specs, args.manifest, tr, vad, cfg)
    return finish("robustness", "Robustness: voices × rates × noise", table, data)


if __name__ == "__main__":
    raise SystemExit(main())
