"""Quiet speech (`voice_coach.analysis.quiet`): detection on generated material, pauses on the
real clips before/after, cost.

Generated material: `bench/quiet_clips.py` (four espeak-ng sentences, the third whispered, and
three pauses with a breath, clicks or noise only; a quiet *voiced* sentence is speech to Silero
and needs nothing here), over every voice, rate, whisper amplitude and SNR below.

Detection is scored per stretch: a true quiet stretch is found when detected quiet speech
covers at least half of it ("heard as speech": by the VAD's regions alone, before, or with
quiet speech merged in, after); a detected quiet stretch is correct when it overlaps a true quiet stretch.
Pause F1 (±100 ms, both edges) is computed on the generated clips and on the real clips of
tests/data/manifest.json with the VAD's regions alone ("before") and with quiet speech merged
in ("after", what the report uses). Cost: `quiet_speech` time per minute of audio (it reads
arrays the VAD already computed).

Whisper (tiny.en) on the whispered sentence: `run_recovery` (12 clips, the full report).

Usage: .venv/bin/python bench/quiet_speech.py [--out DIR] [--voices N]  (writes DIR/quiet_speech.md)
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import publish  # noqa: E402
from pause_cv import TOL_S, load_clips, pooled, score  # noqa: E402
from quiet_clips import SENTENCES, make_clip  # noqa: E402

from voice_coach.analysis import vad  # noqa: E402
from voice_coach.analysis.delivery import clean_regions, find_pauses  # noqa: E402
from voice_coach.analysis.quiet import quiet_speech, with_quiet  # noqa: E402
from voice_coach.audio import SAMPLE_RATE  # noqa: E402
from voice_coach.config import Config  # noqa: E402

VOICES = ("en-us", "en-gb+f3", "en-gb-scotland", "en-029+m3", "en-us+f2", "en-gb")
RATES = (140, 175)
QUIET_AMPS = (10, 20, 30, 40, 60)  # espeak -a of the quiet sentence (normal speech: -a 100)
SNRS_DB = (None, 30, 20, 10)  # None: no added noise


def detections(x: np.ndarray, model: Any, cfg: Config) -> dict[str, Any]:
    probs = model.probabilities(x)
    levels = vad.frame_levels_db(x)
    regions = vad.regions_from_probabilities(probs, cfg.vad, x.size, SAMPLE_RATE, levels)
    t0 = time.perf_counter()
    quiet = quiet_speech(levels, regions)
    cost_s = time.perf_counter() - t0
    return {"regions": regions, "quiet": quiet, "cost_s": cost_s, "probs": probs,
            "levels": levels, "n": x.size}


def pauses(regions: list[Any], n: int, cfg: Config) -> list[tuple[float, float]]:
    segs = clean_regions(regions, n / SAMPLE_RATE)
    return [(p.start, p.end) for p in find_pauses(segs, cfg.silence.min_gap_s)]


def match(truth: list[tuple[float, float]], found: list[Any]) -> tuple[int, int, int]:
    """(true stretches found, detections correct, detections) — see the module docstring."""
    hit = sum(1 for a, b in truth
              if sum(max(0.0, min(b, q.end_s) - max(a, q.start_s)) for q in found)
              >= 0.5 * (b - a))
    ok = sum(1 for q in found if any(min(b, q.end_s) > max(a, q.start_s) for a, b in truth))
    return hit, ok, len(found)


def run_generated(n_voices: int, model: Any, cfg: Config) -> dict[str, Any]:
    rows: dict[Any, list[int]] = {}
    before, after, cost = [], [], [0.0, 0.0]
    misses: list[str] = []
    false: list[str] = []
    combos = list(itertools.product(VOICES[:n_voices], RATES, (*QUIET_AMPS, None), SNRS_DB))
    for k, (voice, rate, amp, snr) in enumerate(combos):
        clip = make_clip(k, voice, rate, amp, snr)
        det = detections(clip["audio"], model, cfg)
        cost[0] += det["cost_s"]
        cost[1] += clip["audio"].size / SAMPLE_RATE
        hit, ok, n = match(clip["quiet"], with_quiet(det["regions"], det["quiet"]))
        hit_before = match(clip["quiet"], det["regions"])[0]
        _, ok, n = match(clip["quiet"], det["quiet"])
        r = rows.setdefault((amp, snr), [0, 0, 0, 0, 0])
        r[0] += hit
        r[1] += len(clip["quiet"])
        r[2] += ok
        r[3] += n
        r[4] += hit_before
        if hit < len(clip["quiet"]):
            misses.append(clip["label"])
        if ok < n:
            false.append(f"{clip['label']}: {[(q.start_s, q.end_s) for q in det['quiet']]}")
        c = {"truth": clip["pauses"], "uncertain": []}
        before.append(score(c, pauses(det["regions"], det["n"], cfg)))
        after.append(score(c, pauses(with_quiet(det["regions"], det["quiet"]), det["n"], cfg)))
    return {"rows": rows, "before": pooled(before), "after": pooled(after),
            "ms_per_min": 1000 * cost[0] / (cost[1] / 60), "clips": len(combos),
            "misses": misses, "false": false}


def run_real(cfg: Config) -> dict[str, Any]:
    clips = load_clips(ROOT / "tests/data/manifest.json")
    before, after, found = [], [], []
    for c in clips:
        regions = vad.regions_from_probabilities(c["probs"], cfg.vad, c["n"], SAMPLE_RATE,
                                                 c["levels"])
        quiet = quiet_speech(c["levels"], regions)
        before.append(score(c, pauses(regions, c["n"], cfg)))
        after.append(score(c, pauses(with_quiet(regions, quiet), c["n"], cfg)))
        found += [f"{c['id']} {q.start_s:.2f}-{q.end_s:.2f}" for q in quiet]
    return {"before": pooled(before), "after": pooled(after), "clips": len(clips),
            "found": found}


RECOVERY_CASES = tuple(itertools.product(("en-us", "en-gb-scotland"), (20, 40, 60),
                                         (None, 20)))


def run_recovery(cfg: Config, model: Any) -> dict[str, Any]:
    """Does Whisper (tiny.en) hear the whispered sentence once it counts as speech? Per case:
    the full report (`pipeline.analyze_audio`, recovery included): words inside the sentence,
    or a "too quiet" unrecognised stretch; and the sentence decoded on its own (1 s context)
    as is and peak-normalised to -6 dBFS, WER against what was said."""
    import jiwer
    from whisper.normalizers import EnglishTextNormalizer

    from voice_coach import pipeline
    from voice_coach.transcriber import Decode, load_transcriber

    norm = EnglishTextNormalizer()
    tr = load_transcriber(cfg.transcriber.backend, cfg.transcriber.model,
                          beam_size=cfg.transcriber.beam_size)
    out = {"cases": 0, "heard": 0, "too_quiet": 0, "silence": 0, "wer_raw": [], "wer_gain": []}
    for k, (voice, amp, snr) in enumerate(RECOVERY_CASES):
        clip = make_clip(100 + k, voice, 160, amp, snr)
        (a, b), x = clip["quiet"][0], clip["audio"]
        rep = pipeline.analyze_audio(x, cfg=cfg, transcriber=tr, vad_model=model)
        words = [w for w in rep.words if a - 0.2 <= w.start <= b]
        lost = [u for u in rep.transcript.unrecognised or () if u.start < b and u.end > a]
        out["cases"] += 1
        out["heard"] += bool(words)
        out["too_quiet"] += bool(lost) and all(u.reason == "too quiet" for u in lost)
        out["silence"] += any(p.start > a + 0.3 and p.end < b - 0.3 and p.duration >= 1.0
                              for p in rep.delivery.pauses)
        chunk = x[int(max(0.0, a - 1) * SAMPLE_RATE):int((b + 1) * SAMPLE_RATE)]
        said = norm(SENTENCES[(100 + k + 2) % len(SENTENCES)])
        for key, c in (("wer_raw", chunk), ("wer_gain", chunk * (0.5 / np.abs(chunk).max()))):
            text = tr.transcribe(c.astype(np.float32), initial_prompt=None,
                                 decode=Decode(beam_size=5)).text
            out[key].append(jiwer.wer(said, norm(text) or "-"))
    return out


def _pct(a: int, b: int) -> str:
    return "–" if b == 0 else f"{a / b:.2f} ({a}/{b})"


def render(gen: dict[str, Any], real: dict[str, Any], rec: dict[str, Any]) -> str:
    lines = [f"Quiet speech on {gen['clips']} generated clips (espeak-ng voices × rates × quiet "
             "amplitude × SNR; normal speech -a 100):", "",
             "| whispered sentence | SNR dB | heard as speech: VAD only (before) | "
             "with quiet speech (after) | quiet-speech precision |", "|---|---|---|---|---|"]
    tot = [0, 0, 0, 0, 0]
    for (amp, snr), r in sorted(gen["rows"].items(), key=lambda kv: (kv[0][0] or 999,
                                                                      kv[0][1] or 99)):
        lines.append(f"| {'-a ' + str(amp) if amp else 'none (control)'} | "
                     f"{snr if snr else 'clean'} | {_pct(r[4], r[1])} | {_pct(r[0], r[1])} | "
                     f"{_pct(r[2], r[3])} |")
        tot = [t + v for t, v in zip(tot, r)]
    lines.append(f"| **all** | | **{_pct(tot[4], tot[1])}** | **{_pct(tot[0], tot[1])}** | "
                 f"**{_pct(tot[2], tot[3])}** |")
    fmt = "F1 {f:.3f} (P {p:.3f} / R {r:.3f}, {n} pauses)"

    def pf(s: dict[str, Any]) -> str:
        return fmt.format(f=s["f1"] or 0, p=s["precision"] or 0, r=s["recall"] or 0,
                          n=s["tp"] + s["fn"])

    lines += ["", f"Pause F1 at ±{TOL_S * 1000:.0f} ms (breath / clicks / noise-only pauses):",
              "", "| material | VAD regions only (before) | with quiet speech (after) |",
              "|---|---|---|",
              f"| generated ({gen['clips']} clips) | {pf(gen['before'])} | {pf(gen['after'])} |",
              f"| real clips, tests/data ({real['clips']}) | {pf(real['before'])} | "
              f"{pf(real['after'])} |", "",
              f"Quiet speech found on the real clips: {', '.join(real['found']) or 'none'}.", "",
              f"Cost of `quiet_speech`: {gen['ms_per_min']:.2f} ms per minute of audio "
              "(on the VAD's arrays; one core, shared machine).", ""]
    n = rec["cases"]
    lines += [f"Whisper on the whispered sentence ({n} clips: en-us / en-gb-scotland, -a 20/40/60, "
              "clean / SNR 20): with words after recovery "
              f"{rec['heard']}/{n}, left as \"speech not recognised — too quiet\" "
              f"{rec['too_quiet']}/{n}, still a ≥ 1 s pause inside it {rec['silence']}/{n}. The "
              "sentence decoded alone (1 s context, no prompt, beam 5): mean WER "
              f"{np.mean(rec['wer_raw']):.2f} as is, {np.mean(rec['wer_gain']):.2f} "
              "peak-normalised to -6 dBFS.", ""]
    if gen["misses"]:
        lines += ["Missed quiet sentences: " + "; ".join(gen["misses"]), ""]
    if gen["false"]:
        lines += ["False detections: " + "; ".join(gen["false"]), ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=str(ROOT / "bench/results"))
    ap.add_argument("--voices", type=int, default=len(VOICES), help="how many voices to use")
    args = ap.parse_args(argv)
    cfg = Config()
    model = vad.load_vad_model()
    gen = run_generated(args.voices, model, cfg)
    publish(render(gen, run_real(cfg), run_recovery(cfg, model)), "quiet_speech", args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
