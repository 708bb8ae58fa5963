"""The invention guard (recovery.guard_inventions) and `filler_prompt = false`, side by side.

For every clip — the espeak-ng robustness set (bench/robustness.py, 48 answers: 8 voices × 3
noise levels × 2 rates) and the clips of tests/data/manifest.json — one run measures:

- **prompt, no guard**: the default first pass (filler prompt) + lost-speech recovery;
- **prompt + guard**: the same transcript, then `guard_inventions` (what the product does now);
- **no prompt + guard**: `filler_prompt = false`, recovery and guard.

Per variant: WER (Whisper's English normaliser, jiwer), word coverage of VAD speech, filler
recall/precision (hesitations matched by class against the truth: um/uh/er of the script, the
manifest's fillers). For the guard: how often it fired, each outcome (replaced / confirmed /
dropped / unrecognised), the reference-word errors it removed or added, and its CPU ms.

With `--extra DIR`, every WAV under DIR that has its script beside it (same name, .txt) is a
clip too (its fillers: the um/uh/er of the script).

Usage: nice .venv/bin/python bench/guard.py [--clips N] [--no-synthetic] [--extra DIR]
Writes bench/results/guard.{md,json} and prints the tables.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from accuracy import match_fillers  # noqa: E402
from common import finish, md_table  # noqa: E402
from robustness import _normalizer, clip_specs, make_clip, speech_of, word_errors  # noqa: E402

from voice_coach.analysis.coverage import word_coverage  # noqa: E402
from voice_coach.analysis.delivery import analyze_delivery  # noqa: E402
from voice_coach.analysis.vad import load_vad_model  # noqa: E402
from voice_coach.config import Config  # noqa: E402
from voice_coach.pipeline import filler_prompt, transcribe_audio  # noqa: E402
from voice_coach.recovery import guard_inventions, recover_lost_speech  # noqa: E402
from voice_coach.transcriber import load_transcriber  # noqa: E402

VARIANTS = ("prompt, no guard", "prompt + guard", "no prompt + guard")


def _truth_fillers(gt: dict[str, Any]) -> list[str]:
    if "fillers" in gt:
        return [f["word"] for f in gt["fillers"]]
    return [w for w in gt["transcript"].lower().replace(",", " ").replace(".", " ").split()
            if w in ("um", "uh", "er")]


def evaluate(path: Path, gt: dict[str, Any], tr: Any, vad: Any, cfg: Config,
             norm: Any) -> dict[str, Any]:
    audio, regions, dur = speech_of(path, vad, cfg)
    prompt = filler_prompt(cfg)
    before = recover_lost_speech(audio, regions, transcribe_audio(audio, tr, cfg), tr,
                                 prompt=prompt, guard=False)
    t0 = time.process_time()
    guarded, events = guard_inventions(audio, regions, before, tr)
    guard_ms = (time.process_time() - t0) * 1000
    off = cfg.with_value("transcriber.filler_prompt", False)
    no_prompt = recover_lost_speech(audio, regions, transcribe_audio(audio, tr, off), tr,
                                    prompt=None)
    truth = _truth_fillers(gt)
    row: dict[str, Any] = {"id": gt["id"], "duration_s": round(dur, 2),
                           "events": [e._asdict() for e in events], "guard_ms": guard_ms,
                           "fillers_true": len(truth)}
    for name, t in zip(VARIANTS, (before, guarded, no_prompt)):
        err, n = word_errors(gt["transcript"], t.text, norm)
        d = analyze_delivery(regions, t.words, dur, cfg, unrecognised=t.unrecognised)
        m = match_fillers([f.text for f in d.fillers], truth)
        row[name] = {"errors": err, "ref_words": n, "coverage": word_coverage(regions, t.words),
                     "filler_tp": m["tp"], "filler_fp": m["fp"], "filler_fn": m["fn"],
                     "unrecognised_s": sum(u.end_s - u.start_s for u in t.unrecognised)}
    return row


def _pooled(rows: list[dict[str, Any]], name: str) -> list[Any]:
    err = sum(r[name]["errors"] for r in rows)
    n = sum(r[name]["ref_words"] for r in rows)
    tp, fp, fn = (sum(r[name][k] for r in rows) for k in ("filler_tp", "filler_fp", "filler_fn"))
    cov = [r[name]["coverage"] for r in rows if r[name]["coverage"] is not None]
    return [name, len(rows), err / n if n else None, min(cov) if cov else None,
            sum(cov) / len(cov) if cov else None,
            sum(r[name]["unrecognised_s"] for r in rows),
            tp / (tp + fn) if tp + fn else None, tp / (tp + fp) if tp + fp else None,
            f"{tp}/{tp + fn}"]


def _guard_row(group: str, rows: list[dict[str, Any]]) -> list[Any]:
    outcomes = Counter(e["outcome"] for r in rows for e in r["events"])
    fired = [r for r in rows if r["events"]]
    changed = [r for r in fired if any(e["outcome"] != "confirmed" for e in r["events"])]
    fixed = sum(max(0, r[VARIANTS[0]]["errors"] - r[VARIANTS[1]]["errors"]) for r in changed)
    harmed = [r for r in changed if r[VARIANTS[1]]["errors"] > r[VARIANTS[0]]["errors"]]
    added = sum(r[VARIANTS[1]]["errors"] - r[VARIANTS[0]]["errors"] for r in harmed)
    ms = sorted(r["guard_ms"] for r in rows)
    return [group, len(rows), len(fired), sum(outcomes.values()),
            ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())) or "—",
            fixed, f"{len(harmed)} ({added} errors)", ms[len(ms) // 2], ms[-1],
            sum(ms) / max(1.0, sum(r["duration_s"] for r in rows)) * 60]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clips", type=int, default=None, help="only the first N synthetic clips")
    ap.add_argument("--no-synthetic", action="store_true")
    ap.add_argument("--manifest", type=Path, default=ROOT / "tests" / "data" / "manifest.json")
    ap.add_argument("--extra", type=Path, action="append", default=[],
                    help="a folder of WAVs, each with its script as a .txt beside it")
    args = ap.parse_args(argv)
    cfg = Config()
    tr = load_transcriber(cfg.transcriber.backend, cfg.transcriber.model,
                          beam_size=cfg.transcriber.beam_size)
    vad, norm = load_vad_model(), _normalizer()
    groups: dict[str, list[dict[str, Any]]] = {"espeak-ng set": [], "tests/data clips": []}
    if not args.no_synthetic:
        for spec in clip_specs(args.clips):
            wav, gt = make_clip(spec)
            groups["espeak-ng set"].append(evaluate(wav, gt, tr, vad, cfg, norm))
            print(gt["id"], [e["outcome"] for e in groups["espeak-ng set"][-1]["events"]],
                  file=sys.stderr)
    manifest = json.loads(args.manifest.read_text()) if args.manifest.stat().st_size else []
    for gt in manifest:
        groups["tests/data clips"].append(
            evaluate(args.manifest.parent / gt["path"], gt, tr, vad, cfg, norm))
        print(gt["id"], [e["outcome"] for e in groups["tests/data clips"][-1]["events"]],
              file=sys.stderr)
    for folder in args.extra:
        rows = groups.setdefault(f"{folder.name}/*.wav", [])
        for wav in sorted(folder.rglob("*.wav")):
            if wav.with_suffix(".txt").is_file():
                gt = {"id": str(wav.relative_to(folder)),
                      "transcript": wav.with_suffix(".txt").read_text()}
                rows.append(evaluate(wav, gt, tr, vad, cfg, norm))
                print(gt["id"], [e["outcome"] for e in rows[-1]["events"]], file=sys.stderr)
    groups = {k: v for k, v in groups.items() if v}
    guard_t = md_table(["material", "clips", "clips where it fired", "firings", "outcomes",
                        "errors removed", "clips made worse", "guard CPU ms median",
                        "guard CPU ms max", "guard CPU ms per minute of audio"],
                       [_guard_row(g, rs) for g, rs in groups.items()])
    variant_t = md_table(["material", "variant", "clips", "WER pooled", "min coverage",
                          "mean coverage", "unrecognised s", "filler recall", "filler precision",
                          "fillers found/true"],
                         [[g, *_pooled(rs, v)] for g, rs in groups.items() for v in VARIANTS])
    fired = [[g, r["id"], e["reason"], f"{e['start_s']:.2f}-{e['end_s']:.2f}", e["outcome"],
              f"{e['words_before']} → {e['words_after']}",
              r[VARIANTS[0]]["errors"], r[VARIANTS[1]]["errors"]]
             for g, rs in groups.items() for r in rs for e in r["events"]]
    table = ("### The guard\n\n" + guard_t + "\n\n### Every firing\n\n"
             + md_table(["material", "clip", "why", "s", "outcome", "words",
                         "errors before", "errors after"], fired)
             + "\n\n### Variants\n\n" + variant_t)
    return finish("guard", "Invention guard and filler prompt", table, groups)


if __name__ == "__main__":
    raise SystemExit(main())
