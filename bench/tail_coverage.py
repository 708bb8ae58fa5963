"""Word coverage of the last second of speech, before and after the lost-tail rule (issue #12's
coverage measure, QA15 F11): Whisper's last window can end before the answer's last words.

For every clip of tests/data/manifest.json (and any audio files given), the pipeline's path:
VAD regions, the first pass (`pipeline.transcribe_audio`, the configured default decode), then
`recovery.recover_lost_speech` without the tail rule (`tail_s=None`, "before") and with it
("after"). Per clip: coverage of the last 1.0 s of VAD speech (`coverage.tail_coverage`), the
words recovered at the end, and stretches still reported unrecognised.

Usage: PYTHONPATH=. .venv/bin/python bench/tail_coverage.py [--no-manifest] [FILE ...]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from voice_coach.analysis.coverage import tail_coverage, word_coverage  # noqa: E402
from voice_coach.audio import load_audio  # noqa: E402
from voice_coach.config import Config  # noqa: E402
from voice_coach.pipeline import filler_prompt, speech_and_levels, transcribe_audio  # noqa: E402
from voice_coach.recovery import recover_lost_speech  # noqa: E402
from voice_coach.transcriber import load_transcriber  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="*")
    ap.add_argument("--no-manifest", action="store_true")
    args = ap.parse_args()
    cfg = Config()
    tr = load_transcriber(cfg.transcriber.backend, cfg.transcriber.model,
                          beam_size=cfg.transcriber.beam_size)
    paths = [] if args.no_manifest else [
        ROOT / "tests" / "data" / c["path"]
        for c in json.loads((ROOT / "tests/data/manifest.json").read_text())]
    paths += [Path(f) for f in args.files]
    print("| clip | last 1 s covered before | after | words added at the end | "
          "still unrecognised (after) | coverage before → after |")
    print("|---|---|---|---|---|---|")
    tb, ta = [], []
    for p in paths:
        audio = load_audio(p)
        (regions, *_), _ = speech_and_levels(audio, cfg.vad)
        if not regions:
            continue
        first = transcribe_audio(audio, tr, cfg)
        before = recover_lost_speech(audio, regions, first, tr, prompt=filler_prompt(cfg),
                                     tail_s=None)
        after = recover_lost_speech(audio, regions, first, tr, prompt=filler_prompt(cfg))
        b, a = tail_coverage(regions, before.words), tail_coverage(regions, after.words)
        tb.append(b)
        ta.append(a)
        end_b = before.words[-1].end if before.words else 0.0
        added = " ".join(w.text for w in after.words if w.start >= end_b - 0.05)
        still = ", ".join(f"{u.start_s:.1f}-{u.end_s:.1f}" for u in after.unrecognised)
        print(f"| {p.name} | {b:.2f} | {a:.2f} | {added or '—'} | {still or '—'} | "
              f"{word_coverage(regions, before.words):.3f} → "
              f"{word_coverage(regions, after.words):.3f} |", flush=True)
    if tb:
        print(f"\nmean last-second coverage {sum(tb) / len(tb):.3f} → {sum(ta) / len(ta):.3f}; "
              f"clips below 0.9: {sum(x < 0.9 for x in tb)} → {sum(x < 0.9 for x in ta)} "
              f"of {len(tb)}")


if __name__ == "__main__":
    main()
