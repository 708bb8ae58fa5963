"""Whisper variants side by side on the real clips: fillers, pauses, WER and cost in one run.

Runs bench/accuracy.py once per variant (model × beam × prompt), each in its own process one
after the other (so each peak RSS is its own and the variants do not compete for the CPU), on
the manifest's real clips (`--kind real`: the 13 clips copied from ../shared/data), and writes
one Markdown table (bench/results/filler_variants.md) with, per variant:

- fillers, Whisper only, matched in time as scripts/train_acoustic_fillers.py matches them
  (hesitations one class, a true filler with a known start found within ±1 s): pooled recall /
  precision, and per clip in a second table. No model is fitted here: these numbers are the
  same in and out of sample (the acoustic detector's CV is train_acoustic_fillers.py's);
- pause F1 at ±100 ms (pooled), WER (Whisper-normalised, pooled over the reference words);
- cost: transcription wall time and process CPU time per second of audio, model load, peak RSS
  of the whole run, and the ratios to the first variant (the shipped default).

The numbers of one table come from one invocation on one machine state; on a shared machine
wall times are noisy, CPU seconds per audio second much less so.

Usage: .venv/bin/python bench/filler_variants.py [--variants NAME,NAME] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from common import RESULTS, git_commit, machine, md_table, publish  # noqa: E402


class Variant(NamedTuple):
    """One Whisper decoding setting: `prompt` None = the filler prompt, "" = no prompt."""

    name: str
    model: str
    beam_size: int
    prompt: str | None = None


VARIANTS = (
    Variant("tiny.en greedy + prompt (default)", "tiny.en", 1),
    Variant("tiny.en beam 5 + prompt", "tiny.en", 5),
    Variant("tiny.en greedy, no prompt", "tiny.en", 1, ""),
    Variant("tiny.en beam 5, no prompt", "tiny.en", 5, ""),
    Variant("base greedy + prompt", "base", 1),
    Variant("base beam 5 + prompt", "base", 5),
    Variant("base greedy, no prompt", "base", 1, ""),
    Variant("base beam 5, no prompt", "base", 5, ""),
)


def run_variant(v: Variant, out: Path) -> dict[str, Any]:
    """bench/accuracy.py on the real clips with this variant, in a fresh process."""
    cmd = [sys.executable, str(ROOT / "bench" / "accuracy.py"), "--kind", "real",
           "--no-filler-variants", "--model", v.model, "--beam-size", str(v.beam_size),
           "--out", str(out)]
    if v.prompt == "":
        cmd.append("--no-prompt")
    elif v.prompt is not None:
        cmd += ["--prompt", v.prompt]
    t0 = time.monotonic()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"{v.name}: bench/accuracy.py failed:\n{proc.stderr[-2000:]}")
    data = json.loads((out / "accuracy.json").read_text())
    data["wall_s"] = time.monotonic() - t0
    return data


def _pr(m: dict[str, Any]) -> str:
    f = (lambda x: "–" if x is None else f"{x:.2f}")  # noqa: E731
    return (f"{f(m['recall'])} / {f(m['precision'])} "
            f"({m['tp']}/{m['tp'] + m['fn']}, {m['fp']} false)")


def _clip(m: dict[str, int]) -> str:
    return f"{m['tp']}/{m['tp'] + m['fn']}" + (f", {m['fp']} false" if m["fp"] else "")


def render(variants: list[Variant], results: list[dict[str, Any]]) -> str:
    """The side-by-side table and the per-clip filler table."""
    base = results[0]["summary"]["cost"], results[0]["meta"]
    rows = []
    for v, r in zip(variants, results):
        s, meta = r["summary"], r["meta"]
        c = s["cost"]
        rows.append([v.name, _pr(s["fillers_real_timed_whisper"]),
                     _pr(s["fillers_real_timed_acoustic"]),
                     f"{s['pauses_100ms']['f1']:.2f}",
                     f"{s['wer']['wer']:.3f} ({s['wer']['errors']}/{s['wer']['ref_words']})",
                     f"{c['rtf']:.3f}", f"{c['cpu_per_audio_s']:.3f}",
                     f"{c['cpu_per_audio_s'] / base[0]['cpu_per_audio_s']:.1f}×",
                     f"{meta['load_s']:.1f}", f"{meta['peak_rss_mb']:.0f}",
                     f"{meta['peak_rss_mb'] / base[1]['peak_rss_mb']:.2f}×"])
    table = md_table(["variant", "fillers R / P, Whisper only (found/true, false)",
                      "+ acoustic, in-sample model", "pause F1 @100 ms", "WER (errors/words)",
                      "RTF wall", "CPU s / audio s", "CPU ×", "load s", "peak RSS MB",
                      "RSS ×"], rows)
    ids = [c["id"] for c in results[0]["clips"] if c["fillers_gt"]
           or any(_has_false(r, c["id"]) for r in results)]
    per = []
    for cid in ids:
        row: list[object] = [cid]
        for r in results:
            [c] = [c for c in r["clips"] if c["id"] == cid]
            row.append(_clip(c["fillers_timed_whisper"]))
        per.append(row)
    per_table = md_table(["clip (Whisper-only fillers found/true)", *[v.name for v in variants]],
                         per)
    audio_s = results[0]["summary"]["cost"]["audio_s"]
    return (f"## Whisper variants on the {len(results[0]['clips'])} real clips "
            f"({audio_s:.0f} s of audio)\n\nMeasured at commit {git_commit()} on {machine()}, "
            f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; one bench/accuracy.py "
            f"process per variant, run one after the other.\n\n{table}\n\n"
            "Fillers: hesitations one class, a true filler with a known start must be found "
            "within ±1 s (as the CV of scripts/train_acoustic_fillers.py). Whisper-only numbers "
            "involve no fitting, so they are not in-sample; the '+ acoustic' column uses the "
            "shipped model, fitted on these clips (in-sample; its CV is filler_cv.md). CPU s / "
            "audio s is the transcription's process CPU time (all threads); RTF wall is noisy "
            "on a shared machine. Peak RSS is the whole run's (VAD, model, audio, analysis)."
            f"\n\nPer clip (clips with a true or a false filler in any variant):\n\n{per_table}\n")


def _has_false(r: dict[str, Any], cid: str) -> bool:
    return any(c["id"] == cid and c["fillers_timed_whisper"]["fp"] for c in r["clips"])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--variants", default=None,
                    help="comma-separated variant names (default: all): "
                    + "; ".join(v.name for v in VARIANTS))
    ap.add_argument("--out", default=str(RESULTS))
    args = ap.parse_args(argv)
    chosen = list(VARIANTS)
    if args.variants:
        names = [n.strip() for n in args.variants.split(",")]
        unknown = [n for n in names if n not in {v.name for v in VARIANTS}]
        if unknown:
            print(f"filler_variants: unknown variant {unknown[0]!r}", file=sys.stderr)
            return 2
        chosen = [v for v in VARIANTS if v.name in names]
    out = Path(args.out)
    results = []
    for i, v in enumerate(chosen):
        print(f"[{i + 1}/{len(chosen)}] {v.name}", file=sys.stderr, flush=True)
        results.append(run_variant(v, out / "filler_variants" / f"v{i}"))
    publish(render(chosen, results), "filler_variants", out)
    (out / "filler_variants.json").write_text(json.dumps(
        [{"variant": v._asdict(), "summary": r["summary"], "meta": r["meta"],
          "clips": [{k: c[k] for k in ("id", "fillers_gt", "fillers_det_whisper",
                                       "fillers_timed_whisper", "text")} for c in r["clips"]]}
         for v, r in zip(chosen, results)], indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
