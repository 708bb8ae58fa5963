"""Pause edges on hoarse, old and breathy voices, where the pause ground truth is exact.

The real clips have no hoarse voice, and their reference pauses are a vote of detectors. Here
espeak-ng's voice variants that imitate a rough or breathy voice — `+croak`, `+grandpa`,
`+whisper` (unvoiced: no vocal-fold vibration at all) — speak answers of
bench/espeak_answers.toml phrase by phrase, joined with known silences (`robustness.make_clip`:
sentence gaps 0.4-2.5 s are pauses, comma gaps 0.05-0.15 s are not), clean and with pink noise
at SNR 20 dB. The report's pauses (`detect_speech` with quiet speech → `find_pauses`) are scored
as in bench/accuracy.py (both edges within ±100 ms), with the signed edge errors of every pause
found within ±300 ms (detected − true; negative = early). No Whisper; a few seconds per clip.

This is a check, not tuning material: nothing in analysis/ is set from it.

Usage: .venv/bin/python bench/pause_voices.py [--out DIR]   (writes DIR/pause_voices.md)
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from accuracy import match_pauses, prf  # noqa: E402
from common import publish  # noqa: E402
from robustness import ANSWERS, make_clip  # noqa: E402

from voice_coach.analysis.delivery import clean_regions, find_pauses  # noqa: E402
from voice_coach.analysis.vad import detect_speech, load_vad_model  # noqa: E402
from voice_coach.audio import SAMPLE_RATE, load_audio  # noqa: E402
from voice_coach.config import Config  # noqa: E402

VOICES = ("en-us+croak", "en-gb+croak", "en-gb-scotland+croak", "en+grandpa", "en-us+whisper")
RATES_WPM = (130, 160, 190)
NOISES_DB = (None, 20.0)
TOL_S = 0.1
NEAR_S = 0.3  # a detected pause this close (both edges) to a true one gives signed edge errors


def specs() -> list[dict[str, Any]]:
    """One clip per voice × noise, answers and rates round-robin, seeded."""
    answers = tomllib.loads(ANSWERS.read_text())["answer"]
    out = []
    for i, voice in enumerate(VOICES):
        for j, snr in enumerate(NOISES_DB):
            k = 2 * i + j
            ans, rate = answers[k % len(answers)], RATES_WPM[i % len(RATES_WPM)]
            noise = "clean" if snr is None else f"snr{snr:g}"
            out.append({"id": f"voices_{ans['id']}_{voice}_{rate}_{noise}", "voice": voice,
                        "rate_wpm": rate, "snr_db": snr, "answer": ans["id"],
                        "sentences": ans["sentences"], "seed": 1000 + k})
    return out


def evaluate(spec: dict[str, Any], vad_model: Any, cfg: Config) -> dict[str, Any]:
    """Pause hits/false alarms/misses at ±`TOL_S` and signed edge errors (ms) for one clip."""
    wav, gt = make_clip(spec)
    audio = load_audio(wav)
    segs = clean_regions(detect_speech(audio, cfg.vad, model=vad_model),
                         audio.size / SAMPLE_RATE)
    det = [(p.start, p.end) for p in find_pauses(segs, cfg.silence.min_gap_s)]
    truth = [tuple(p) for p in gt["pauses"] if p[1] - p[0] >= cfg.silence.min_gap_s]
    m = match_pauses(det, truth, [], TOL_S)
    signed = []
    for d in det:
        g = min(truth, key=lambda g: abs(g[0] - d[0]) + abs(g[1] - d[1]), default=None)
        if g is not None and abs(g[0] - d[0]) <= NEAR_S and abs(g[1] - d[1]) <= NEAR_S:
            signed += [1000 * (d[0] - g[0]), 1000 * (d[1] - g[1])]
    return {"id": spec["id"], "voice": spec["voice"], "snr_db": spec["snr_db"],
            "rate_wpm": spec["rate_wpm"], "tp": m["tp"], "fp": m["fp"], "fn": m["fn"],
            "signed_ms": signed}


def _f(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f}"


def render(rows: list[dict[str, Any]]) -> str:
    lines = ["Pause edges on espeak-ng hoarse/old/breathy voice variants, exact ground truth "
             f"(both edges within ±{TOL_S * 1000:.0f} ms; edge errors of pauses found within "
             f"±{NEAR_S * 1000:.0f} ms, detected − true):", "",
             "| clip | voice | rate | noise | F1 | hits / false / missed "
             "| edge error ms: mean abs / min / max |", "|---|---|---|---|---|---|---|"]

    def line(name: str, rs: list[dict[str, Any]], voice: str = "", rate: str = "",
             noise: str = "") -> str:
        tp, fp, fn = (sum(r[k] for r in rs) for k in ("tp", "fp", "fn"))
        e = [x for r in rs for x in r["signed_ms"]]
        err = (f"{np.mean(np.abs(e)):.0f} / {min(e):.0f} / {max(e):.0f}" if e else "–")
        return (f"| {name} | {voice} | {rate} | {noise} | {_f(prf(tp, fp, fn)[2])} | "
                f"{tp} / {fp} / {fn} | {err} |")

    for r in rows:
        lines.append(line(r["id"], [r], r["voice"], str(r["rate_wpm"]),
                          "clean" if r["snr_db"] is None else f"SNR {r['snr_db']:g} dB"))
    for voice in VOICES:
        lines.append(line(f"**{voice}**", [r for r in rows if r["voice"] == voice]))
    lines.append(line("**all**", rows))
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=str(ROOT / "bench/results"))
    args = ap.parse_args(argv)
    vad_model, cfg = load_vad_model(), Config()
    rows = [evaluate(s, vad_model, cfg) for s in specs()]
    publish(render(rows), "pause_voices", args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
