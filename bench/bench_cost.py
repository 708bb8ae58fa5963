"""Cost curve: `analyze` time and peak memory for 30 s, 2 min, 10 min and 30 min answers.

Long answers are built by concatenating the bundled speech clips (with their pauses). Each run is a
fresh process (default backend, tiny.en) so its peak RSS is its own; it runs `pipeline.analyze_file`,
which streams files longer than `LONG_FILE_S` in windows. Analysis should stay linear in the
answer length with bounded memory.
"""

from __future__ import annotations

import argparse

import numpy as np

from common import AUDIO, RESULTS, md_table, run_child, write_results

LENGTHS_S = {"30 s": 30, "2 min": 120, "10 min": 600, "30 min": 1800}
SOURCES = ["syn_star_60s", "syn_long_silence_90s", "syn_rate120_20s", "syn_rate190_20s"]

CHILD = r"""
import json, resource, sys, time
t0 = time.monotonic()
from voice_coach.config import Config
from voice_coach.transcriber import load_transcriber
from voice_coach import pipeline
cfg = Config()
tr = load_transcriber(cfg.transcriber.backend, cfg.transcriber.model, beam_size=cfg.transcriber.beam_size)
t_load = time.monotonic() - t0
t1 = time.monotonic()
report = pipeline.analyze_file(sys.argv[1], cfg=cfg, transcriber=tr)
t = time.monotonic() - t1
print(json.dumps({"load_s": t_load, "analyze_s": t, "duration_s": report.audio.duration_s,
                  "words": len(report.words),
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def build(length_s: float) -> str:
    from voice_coach.audio import load_audio, write_wav

    path = RESULTS / "cache" / f"answer_{int(length_s)}s.wav"
    if path.exists():
        return str(path)
    clips = [load_audio(AUDIO / f"{name}.flac") for name in SOURCES]
    parts, total, i = [], 0, 0
    while total < length_s * 16000:
        parts.append(clips[i % len(clips)])
        total += len(clips[i % len(clips)])
        i += 1
    write_wav(path, np.concatenate(parts)[: int(length_s * 16000)])
    return str(path)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true", help="only 30 s and 2 min")
    args = ap.parse_args()
    rows, data = [], {}
    for label, secs in LENGTHS_S.items():
        if args.quick and secs > 120:
            continue
        r = run_child(CHILD, build(secs))
        r["rtf"] = r["analyze_s"] / r["duration_s"]
        data[label] = r
        rows.append([label, r["duration_s"], r["analyze_s"], r["rtf"], r["peak_rss_mb"], r["words"]])
        print(label, r, flush=True)
    table = md_table(["answer", "audio s", "analyze s", "RTF", "peak RSS MB", "words"], rows)
    print(table)
    write_results("cost_curve", "Cost curve (faster-whisper tiny.en int8, batch analyze)", table, data)


if __name__ == "__main__":
    main()
