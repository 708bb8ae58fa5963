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

`--conditions unseen` (issue #12, session 19) reads bench/espeak_answers_unseen.toml (or
`--answers PATH`) under conditions the default set never had: other espeak-ng voices (UNSEEN_
VOICES), 120-200 wpm, brown / white noise, a faint second espeak voice speaking other text
22 dB below ("other speakers audible"), sox reverb with light white noise; other silences
(sentence gaps 0.35-4 s, comma gaps 0.12-0.22 s, "..." hesitation gaps 0.5-1.2 s, lead-in
0.2-3 s). It runs the pipeline as `pipeline.analyze_audio` does (VAD with quiet speech, first
pass, a quieter background voice cut out (`pipeline.candidate_speech`), recovery,
`fillers_by_sound`, acoustic fillers, delivery) and adds per clip: boundary
error, time-matched filler recall / precision (each "uh" of "uh, uh, uh" is one), lead-in
error and wpm error (Whisper's words, and the reference word count). Writes
bench/results/robustness_unseen.{md,json} (`--tag` changes the name).

Usage: .venv/bin/python bench/robustness.py [--clips N] [--manifest PATH] [--options]
       [--conditions default|unseen] [--answers PATH] [--tag NAME] [--only SUBSTRING]
       [--cache-first]
Writes bench/results/robustness.{md,json} (or robustness_options.*) and prints the table.
"""

from __future__ import annotations

import argparse
import json
import random
import re
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
from voice_coach.analysis.vad import (  # noqa: E402
    detect_speech, load_vad_model, speech_and_levels,
)
from voice_coach.audio import SAMPLE_RATE, load_audio, write_wav  # noqa: E402
from voice_coach.config import Config  # noqa: E402
from voice_coach.pipeline import (  # noqa: E402
    _acoustic_fillers, candidate_speech, filler_prompt, fillers_by_sound, transcribe_audio,
)
from voice_coach.recovery import FALLBACKS, Fallback, recover_lost_speech  # noqa: E402
from voice_coach.transcriber import Decode, load_transcriber  # noqa: E402

CACHE = ROOT / "bench" / ".cache" / "robustness"
FIRST_PASS_CACHE = ROOT / "bench" / ".cache" / "first_pass"
CACHE_FIRST = False  # --cache-first: reuse each clip's first Whisper pass (`first_pass`)
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

# --conditions unseen (session 19): none of these voices, rates, noises or silences is in the
# default set above.
ANSWERS_UNSEEN = ROOT / "bench" / "espeak_answers_unseen.toml"
UNSEEN_VOICES = ("en-us+m7", "en-gb-x-gbclan", "en-gb-x-rp+f4", "en-029+m2", "en-gb-x-gbcwmd",
                 "en-us+klatt", "en-us-nyc", "en-gb-x-rp+m5")
UNSEEN_RATES_WPM = (120, 145, 175, 200)
# (name, noise colour or "speaker", SNR dB, reverb)
UNSEEN_NOISES: tuple[tuple[str, str | None, float | None, bool], ...] = (
    ("clean", None, None, False),
    ("brown SNR 15", "brownnoise", 15.0, False),
    ("white SNR 25", "whitenoise", 25.0, False),
    ("2nd speaker -22 dB", "speaker", 22.0, False),
    ("reverb + white SNR 30", "whitenoise", 30.0, True),
)
SECOND_SPEAKER_VOICE = "en-us+f2"
# sentence gaps: (share, range): short pauses near the 0.3 s threshold, ordinary, long
UNSEEN_SENTENCE_GAPS_S = ((0.45, (0.35, 0.6)), (0.4, (0.6, 1.6)), (0.15, (2.5, 4.0)))
UNSEEN_COMMA_GAP_S = (0.12, 0.22)  # also after a restart's hyphen ("we- we"); not pauses
UNSEEN_HESITATION_GAP_S = (0.5, 1.2)  # after "...": a pause
UNSEEN_LEAD_IN_S = (0.2, 3.0)
UNSEEN_TRAILING_S = 0.6
FILLER_TOL_S = 0.3  # a detected filler matches a true one when its middle is this close to it

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

def clip_specs(n_max: int | None = None, conditions: str = "default",
               answers_path: Path | None = None) -> list[dict[str, Any]]:
    """voice × noise cells, each with RATES_PER_CELL rates; answers assigned round-robin.
    `conditions="unseen"`: `_unseen_specs` over `answers_path` (default ANSWERS_UNSEEN)."""
    if conditions == "unseen":
        answers = tomllib.loads((answers_path or ANSWERS_UNSEEN).read_text())["answer"]
        specs = _unseen_specs(answers)
        return specs[:n_max] if n_max else specs
    answers = tomllib.loads((answers_path or ANSWERS).read_text())["answer"]
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


def _marked_phrases(sentence: str) -> list[tuple[str, str]]:
    """(phrase, what follows it) for the unseen scripts: "comma" after a comma or a restart's
    word-final hyphen ("we- we"), "hesitation" after "...", "end" after the sentence's last."""
    out: list[tuple[str, str]] = []
    buf = ""
    i = 0
    while i < len(sentence):
        if sentence.startswith("...", i):
            out.append((buf.strip(), "hesitation"))
            buf, i = "", i + 3
        elif sentence[i] == "," or (sentence[i] == "-" and sentence[i + 1:i + 2] == " "):
            out.append(((buf + ("," if sentence[i] == "," else "")).strip(), "comma"))
            buf, i = "", i + 1
        else:
            buf += sentence[i]
            i += 1
    out.append((buf.strip(), "end"))
    out = [(p, k) for p, k in out if p.strip(" .,")]
    if out:
        out[-1] = (out[-1][0], "end")
    return out


def selected_specs(conditions: str, answers: Path | None, only: str | None) -> list[dict[str, Any]]:
    """`clip_specs` of the set, kept to the clips whose id holds one of `only`'s comma-separated
    substrings (all when None)."""
    specs = clip_specs(None, conditions, answers)
    return [sp for sp in specs if not only or any(o in sp["id"] for o in only.split(","))]


def _unseen_specs(answers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Voice × noise condition cells (8 × 5 = 40 clips); rates cycle; answers round-robin."""
    specs = []
    for i, voice in enumerate(UNSEEN_VOICES):
        for j, (noise, colour, snr, reverb) in enumerate(UNSEEN_NOISES):
            rate = UNSEEN_RATES_WPM[(i + j) % len(UNSEEN_RATES_WPM)]
            ans = answers[len(specs) % len(answers)]
            tag = noise.replace(" ", "").replace("+", "_")
            specs.append({"id": f"{ans['id']}_{voice}_{rate}_{tag}", "voice": voice,
                          "rate_wpm": rate, "snr_db": snr, "noise": noise, "colour": colour,
                          "reverb": reverb, "answer": ans["id"],
                          "sentences": ans["sentences"], "seed": 1000 + len(specs),
                          "other_text": " ".join(answers[(len(specs) + 7) % len(answers)]
                                                 ["sentences"]),
                          "unseen": True})
    return specs


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


def _noise(colour: str, duration_s: float, tmp: Path, seed: int) -> np.ndarray:
    wav = tmp / "noise.wav"
    subprocess.run(["sox", "-R", "-n", "-r", str(SAMPLE_RATE), "-c", "1", "-b", "16", str(wav),
                    "synth", f"{duration_s:.3f}", colour], check=True)
    return np.roll(load_audio(wav), seed * 7919)


def _reverb(audio: np.ndarray, tmp: Path) -> np.ndarray:
    """`audio` (16 kHz float) through sox's reverb 40/50/60, cut or padded to its length; the
    same samples every time it is made (repeatable dither, `-R`)."""
    src, dst = tmp / "dry.wav", tmp / "wet.wav"
    write_wav(src, audio.astype(np.float32))
    # -R: sox dithers the 16-bit output, at random without it; one clip must be one recording
    subprocess.run(["sox", "-R", str(src), str(dst), "reverb", "40", "50", "60"], check=True)
    wet = load_audio(dst)[:audio.size]
    return np.pad(wet, (0, audio.size - wet.size))


def _second_speaker(text: str, n: int, tmp: Path) -> np.ndarray:
    """Another voice reading other text, looped to `n` samples (the faint colleague)."""
    wav = tmp / "other.wav"
    subprocess.run(["espeak-ng", "-v", SECOND_SPEAKER_VOICE, "-s", "165", "-w", str(wav), text],
                   check=True)
    other = load_audio(wav)
    return np.resize(other, n).astype(np.float32)


def make_unseen_clip(spec: dict[str, Any]) -> tuple[Path, dict[str, Any]]:
    """`make_clip` for the unseen conditions: marked phrases and their gaps, fillers timed,
    the noise / second speaker / reverb of the spec."""
    CACHE.mkdir(parents=True, exist_ok=True)
    wav, meta = CACHE / f"{spec['id']}.wav", CACHE / f"{spec['id']}.json"
    if wav.is_file() and meta.is_file():
        return wav, json.loads(meta.read_text())
    rng = random.Random(spec["seed"])
    lead_in = rng.uniform(*UNSEEN_LEAD_IN_S)
    pieces: list[np.ndarray] = [np.zeros(int(round(lead_in * SAMPLE_RATE)), np.float32)]
    pauses, fillers, speech_parts = [], [], []
    pos = pieces[0].size
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        for si, sentence in enumerate(spec["sentences"]):
            marked = _marked_phrases(sentence)
            for pi, (phrase, after) in enumerate(marked):
                sound = _espeak(phrase, spec["voice"], spec["rate_wpm"], tmp)
                if phrase.strip(" ,.").lower() in FILLER_WORDS:
                    fillers.append([phrase.strip(" ,.").lower(), round(pos / SAMPLE_RATE, 3),
                                    round((pos + sound.size) / SAMPLE_RATE, 3)])
                pieces.append(sound)
                speech_parts.append(sound)
                pos += sound.size
                last = si == len(spec["sentences"]) - 1 and pi == len(marked) - 1
                if last:
                    gap, is_pause = UNSEEN_TRAILING_S, False
                elif after == "comma":
                    gap, is_pause = rng.uniform(*UNSEEN_COMMA_GAP_S), False
                elif after == "hesitation":
                    gap, is_pause = rng.uniform(*UNSEEN_HESITATION_GAP_S), True
                else:
                    r, acc = rng.random(), 0.0
                    for share, rng_s in UNSEEN_SENTENCE_GAPS_S:
                        acc += share
                        if r <= acc:
                            break
                    gap, is_pause = rng.uniform(*rng_s), True
                n_gap = int(round(gap * SAMPLE_RATE))
                if is_pause:
                    pauses.append([round(pos / SAMPLE_RATE, 3),
                                   round((pos + n_gap) / SAMPLE_RATE, 3)])
                if last:
                    speech_end = pos / SAMPLE_RATE
                pieces.append(np.zeros(n_gap, np.float32))
                pos += n_gap
        speech = np.concatenate(speech_parts)
        audio = np.concatenate(pieces)
        scale = SPEECH_PEAK / float(np.max(np.abs(audio)))
        audio *= scale
        p_speech = float(np.mean((speech * scale) ** 2))
        if spec["reverb"]:
            audio = _reverb(audio, tmp)
            audio *= SPEECH_PEAK / float(np.max(np.abs(audio)))
        if spec["colour"] == "speaker":
            other = _second_speaker(spec["other_text"], audio.size, tmp)
            voiced = other[np.abs(other) > 1e-4]
            other *= np.sqrt(p_speech / 10 ** (spec["snr_db"] / 10)
                             / float(np.mean(voiced ** 2)))
            audio = audio + other
        elif spec["colour"] is not None:
            noise = _noise(spec["colour"], audio.size / SAMPLE_RATE + 0.1, tmp,
                           spec["seed"])[:audio.size]
            noise *= np.sqrt(p_speech / 10 ** (spec["snr_db"] / 10) / np.mean(noise ** 2))
            audio = audio + noise
    text = " ".join(s.replace("...", ",") for s in spec["sentences"])
    words_gt = [w for w in re.findall(r"[a-z']+", text.lower()) if w not in FILLER_WORDS]
    span_s = speech_end - lead_in
    gt = {k: spec[k] for k in ("id", "voice", "rate_wpm", "snr_db", "noise", "answer")}
    gt |= {"transcript": text, "pauses": pauses, "filler_count": len(fillers),
           "fillers": fillers, "lead_in_s": round(lead_in, 3),
           "speech_end_s": round(speech_end, 3), "word_count": len(words_gt),
           "wpm": round(len(words_gt) / (span_s / 60), 1),
           "duration_s": round(audio.size / SAMPLE_RATE, 3)}
    write_wav(wav, np.clip(audio, -1, 1).astype(np.float32))
    meta.write_text(json.dumps(gt, indent=1))
    return wav, gt


def make_clip(spec: dict[str, Any]) -> tuple[Path, dict[str, Any]]:
    """Synthesise (or load from the cache) one clip; returns (wav path, ground truth)."""
    if spec.get("unseen"):
        return make_unseen_clip(spec)
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


def first_pass(path: Path, audio: np.ndarray, tr: Any, cfg: Config) -> Any:
    """`pipeline.transcribe_audio` of a clip; with `CACHE_FIRST` read from (or written to)
    FIRST_PASS_CACHE, keyed by the clip, the model, the backend, the beam and the prompt (the
    first pass does not depend on anything else; recovery and delivery always run)."""
    if not CACHE_FIRST:
        return transcribe_audio(audio, tr, cfg)
    import hashlib
    import pickle

    key = hashlib.sha1(repr((getattr(tr, "model_name", type(tr).__name__), type(tr).__name__,
                             cfg.transcriber.beam_size, filler_prompt(cfg))).encode()
                       ).hexdigest()[:10]
    f = FIRST_PASS_CACHE / f"{path.stem}.{key}.pkl"
    if f.is_file():
        return pickle.loads(f.read_bytes())
    first = transcribe_audio(audio, tr, cfg)
    FIRST_PASS_CACHE.mkdir(parents=True, exist_ok=True)
    f.write_bytes(pickle.dumps(first))
    return first


def speech_of(path: Path, vad: Any, cfg: Config) -> tuple[np.ndarray, list[Any], float]:
    """A clip's audio, its VAD speech regions and its length in seconds."""
    audio = load_audio(path)
    return audio, detect_speech(audio, cfg.vad, model=vad), len(audio) / SAMPLE_RATE


def _coverage_row(gt: dict, dur: float, regions, first, after, norm) -> dict[str, Any]:
    """The columns every robustness row shares: coverage, the longest lost stretch and WER,
    before and after recovery (`first`, `after`: transcripts of the clip)."""
    return {
        "id": gt["id"], "duration_s": round(dur, 2),
        "coverage_before": word_coverage(regions, first.words),
        "coverage_after": word_coverage(regions, after.words),
        "lost_before_s": longest_uncovered_s(regions, first.words),
        "lost_after_s": longest_uncovered_s(regions, after.words),
        "unrecognised": [[round(u.start_s, 2), round(u.end_s, 2)] for u in after.unrecognised],
        "wer_before": wer(gt["transcript"], first.text, norm),
        "wer_after": wer(gt["transcript"], after.text, norm),
    }


def evaluate(path: Path, gt: dict[str, Any], tr: Any, vad: Any, cfg: Config,
             norm: Any) -> dict[str, Any]:
    audio = load_audio(path)
    dur = len(audio) / SAMPLE_RATE
    (regions, quiet, releases, onsets), levels = speech_and_levels(audio, cfg.vad, model=vad)
    t0 = time.process_time()  # CPU seconds (all threads): steadier than wall time on a shared box
    first = transcribe_audio(audio, tr, cfg)
    t1 = time.process_time()
    regions, background = candidate_speech(levels, regions, quiet, first)
    after = recover_lost_speech(audio, regions, first, tr, prompt=filler_prompt(cfg))
    t2 = time.process_time()
    d = analyze_delivery(regions, after.words, gt.get("duration_s") or dur,
                         cfg, unrecognised=after.unrecognised, releases=releases, onsets=onsets)
    row: dict[str, Any] = _coverage_row(gt, dur, regions, first, after, norm) | {
        "first_pass_s": t1 - t0, "recovery_s": t2 - t1, "wpm": d.wpm,
        "background_s": round(sum(b.end_s - b.start_s for b in background), 2),
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


def match_fillers_timed(detected: list[tuple[float, float]], truth: list[list[Any]]) -> int:
    """One-to-one matches of detected fillers (start, end) with true ones ([word, start, end]):
    the detected filler's middle within FILLER_TOL_S of the true filler's span."""
    used: set[int] = set()
    hits = 0
    for s, e in sorted(detected):
        mid = (s + e) / 2
        for j, (_, ts, te) in enumerate(truth):
            if j not in used and ts - FILLER_TOL_S <= mid <= te + FILLER_TOL_S:
                used.add(j)
                hits += 1
                break
    return hits


def evaluate_unseen(path: Path, gt: dict[str, Any], tr: Any, vad: Any, cfg: Config,
                    norm: Any) -> dict[str, Any]:
    """`evaluate` with the stages of `pipeline.analyze_audio` (quiet speech, fillers by sound,
    acoustic fillers) and the delivery measures of bench/accuracy.py."""
    audio = load_audio(path)
    dur = len(audio) / SAMPLE_RATE
    (regions, quiet, releases, onsets), levels = speech_and_levels(audio, cfg.vad, model=vad)
    t0 = time.process_time()
    first = first_pass(path, audio, tr, cfg)
    t1 = time.process_time()
    regions, background = candidate_speech(levels, regions, quiet, first)
    rec = recover_lost_speech(audio, regions, first, tr, prompt=filler_prompt(cfg))
    t2 = time.process_time()
    after = fillers_by_sound(rec, levels, regions)
    acoustic = _acoustic_fillers(audio, after.words, regions, cfg)
    d = analyze_delivery(regions, after.words, dur, cfg, acoustic,
                         unrecognised=after.unrecognised, quiet=quiet, background=background,
                         releases=releases, onsets=onsets)
    truth = [tuple(p) for p in gt["pauses"]]
    m = match_pauses([(p.start, p.end) for p in d.pauses], truth, [], PAUSE_TOL_S)
    m200 = match_pauses([(p.start, p.end) for p in d.pauses], truth, [], 0.2)
    errs = m200["boundary_errors_s"]
    det_f = [(f.start, f.end) for f in d.fillers]
    hits = match_fillers_timed(det_f, gt["fillers"])
    span = (d.speech_end_s - d.speech_start_s) if d.speech_start_s is not None else 0.0
    wpm_ref = gt["word_count"] / (span / 60) if span > 0 else None
    rel = (lambda x: abs(x - gt["wpm"]) / gt["wpm"] if x is not None else None)
    return _coverage_row(gt, dur, regions, first, after, norm) | {
        "quiet": [[round(q.start_s, 2), round(q.end_s, 2)] for q in quiet],
        "background": [[round(b.start_s, 2), round(b.end_s, 2)] for b in background],
        "background_s": round(sum(b.end_s - b.start_s for b in background), 2),
        "text_after": after.text,
        "first_pass_s": t1 - t0, "recovery_s": t2 - t1,
        "pause_tp": m["tp"], "pause_fp": m["fp"], "pause_fn": m["fn"],
        "pause_f1": prf(m["tp"], m["fp"], m["fn"])[2],
        "pauses_det": [[round(p.start, 2), round(p.end, 2)] for p in d.pauses],
        "boundary_err_s": float(np.mean(errs)) if errs else None,
        "fillers_true": gt["filler_count"], "fillers_det": len(det_f), "fillers_hit": hits,
        "fillers_found": hits,
        "fillers_det_list": [[f.text, round(f.start, 2), round(f.end, 2)] for f in d.fillers],
        "lead_in_err_s": (abs(d.lead_in_s - gt["lead_in_s"]) if d.lead_in_s is not None
                          else None),
        "wpm": d.wpm, "wpm_gt": gt["wpm"], "wpm_err": rel(d.wpm), "wpm_ref_err": rel(wpm_ref),
        "word_count": d.word_count, "word_count_gt": gt["word_count"],
    }


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


def _unseen_summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    s = _summary(rows)
    nd = sum(r["fillers_det"] for r in rows)
    s |= {
        "clips_below_target": sum((r["coverage_after"] or 0) < COVERAGE_TARGET for r in rows),
        "boundary_err_s": _mean(rows, "boundary_err_s"),
        "filler_precision": sum(r["fillers_hit"] for r in rows) / nd if nd else None,
        "lead_in_err_mean_s": _mean(rows, "lead_in_err_s"),
        "lead_in_err_max_s": max((r["lead_in_err_s"] or 0) for r in rows),
        "wpm_err_mean": _mean(rows, "wpm_err"), "wpm_err_max": max((r["wpm_err"] or 0)
                                                                   for r in rows),
        "wpm_ref_err_mean": _mean(rows, "wpm_ref_err"),
        "background_s": round(sum(r.get("background_s") or 0.0 for r in rows), 2),
    }
    return s


UNSEEN_SUMMARY_HEADERS = ["group", "clips", "min coverage after", "mean coverage after",
                          "clips < 0.97", "clips with ≥ 1 s lost", "WER before", "WER after",
                          "pause F1 ±100 ms", "boundary err ms", "filler recall",
                          "filler precision", "lead-in err ms mean / max",
                          "wpm err mean / max", "wpm err, ref. words", "background s"]


def _unseen_summary_row(name: str, s: dict[str, Any]) -> list[Any]:
    ms = (lambda x: None if x is None else round(1000 * x))
    return [name, s["clips"], s["coverage_min_after"], s["coverage_mean_after"],
            s["clips_below_target"], s["clips_lost_after"], s["wer_before"], s["wer_after"],
            s["pause_f1"], ms(s["boundary_err_s"]), s["filler_recall"], s["filler_precision"],
            f"{ms(s['lead_in_err_mean_s'])} / {ms(s['lead_in_err_max_s'])}",
            f"{100 * (s['wpm_err_mean'] or 0):.1f}% / {100 * s['wpm_err_max']:.1f}%",
            f"{100 * (s['wpm_ref_err_mean'] or 0):.1f}%", s.get("background_s")]


UNSEEN_CLIP_HEADERS = ["clip", "voice", "wpm set", "noise", "coverage after", "longest lost s",
                       "WER before", "WER after", "pause F1", "boundary err ms",
                       "fillers hit/det/true", "lead-in err ms", "wpm err", "wpm err ref.",
                       "background s"]


def _unseen_clip_row(r: dict[str, Any], gt: dict[str, Any]) -> list[Any]:
    pct = (lambda x: None if x is None else f"{100 * x:.1f}%")
    return [gt["answer"], gt["voice"], gt["rate_wpm"], gt["noise"], r["coverage_after"],
            r["lost_after_s"], r["wer_before"], r["wer_after"], r["pause_f1"],
            None if r["boundary_err_s"] is None else round(1000 * r["boundary_err_s"]),
            f"{r['fillers_hit']}/{r['fillers_det']}/{r['fillers_true']}",
            None if r["lead_in_err_s"] is None else round(1000 * r["lead_in_err_s"]),
            pct(r["wpm_err"]), pct(r["wpm_ref_err"]), r.get("background_s")]


def run_unseen(specs: list[dict[str, Any]], tr: Any, vad: Any, cfg: Config
               ) -> tuple[str, dict[str, Any]]:
    norm = _normalizer()
    rows, gts = [], []
    for spec in specs:
        wav, gt = make_clip(spec)
        rows.append(evaluate_unseen(wav, gt, tr, vad, cfg, norm))
        gts.append(gt)
        r = rows[-1]
        print(f"{gt['id']}: coverage {r['coverage_after']:.3f} lost {r['lost_after_s']:.2f} "
              f"WER {r['wer_after']:.3f} pause F1 {r['pause_f1']}", file=sys.stderr)
    groups = [("all", rows)]
    for noise, *_ in UNSEEN_NOISES:
        groups.append((noise, [r for r, g in zip(rows, gts) if g["noise"] == noise]))
    for rate in UNSEEN_RATES_WPM:
        groups.append((f"{rate} wpm", [r for r, g in zip(rows, gts) if g["rate_wpm"] == rate]))
    for voice in UNSEEN_VOICES:
        groups.append((voice, [r for r, g in zip(rows, gts) if g["voice"] == voice]))
    summaries = {name: _unseen_summary(rs) for name, rs in groups if rs}
    table = ("### Summary\n\n"
             + md_table(UNSEEN_SUMMARY_HEADERS,
                        [_unseen_summary_row(n, s) for n, s in summaries.items()])
             + "\n\n### Per clip (voice × rate × condition)\n\n"
             + md_table(UNSEEN_CLIP_HEADERS, [_unseen_clip_row(r, g) for r, g in zip(rows, gts)]))
    return table, {"summary": summaries, "clips": rows, "truth": gts}


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
    ap.add_argument("--conditions", choices=("default", "unseen"), default="default",
                    help="unseen: session 19's voices, rates, noises and silences")
    ap.add_argument("--answers", type=Path, default=None, help="answer scripts (TOML)")
    ap.add_argument("--tag", default=None, help="results name (default robustness_unseen)")
    ap.add_argument("--only", default=None,
                    help="only the generated clips whose id contains one of these "
                         "(comma-separated)")
    ap.add_argument("--cache-first", action="store_true",
                    help="reuse each unseen clip's first Whisper pass (bench/.cache/first_pass)")
    ap.add_argument("--acoustic", action="store_true",
                    help="with the acoustic filler detector on (fillers.acoustic true)")
    args = ap.parse_args(argv)
    global CACHE_FIRST
    CACHE_FIRST = args.cache_first
    cfg = Config().with_value("fillers.acoustic", True) if args.acoustic else Config()
    tr = load_transcriber(cfg.transcriber.backend, args.model, beam_size=cfg.transcriber.beam_size)
    vad = load_vad_model()
    specs = clip_specs(args.clips, args.conditions, args.answers)
    if args.only:
        specs = [sp for sp in specs if any(o in sp["id"] for o in args.only.split(","))]
    if args.conditions == "unseen" and not args.options:
        table, data = run_unseen(specs, tr, vad, cfg)
        return finish(args.tag or "robustness_unseen",
                      "Robustness, unseen set: other voices × rates × noises × silences",
                      table, data)
    if args.options:
        table, data = run_options(specs, tr, vad, cfg)
        return finish("robustness_options", "Fallback decodes on lost speech", table, data)
    table, data = run_robustness(specs, args.manifest, tr, vad, cfg)
    return finish("robustness", "Robustness: voices × rates × noise", table, data)


if __name__ == "__main__":
    raise SystemExit(main())
