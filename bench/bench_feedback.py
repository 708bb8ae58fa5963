"""End-to-end feedback latency: a ~2-minute answer played in real time through `practice`.

Runs `voice-coach practice --input ANSWER --realtime` (the same recorder, streaming transcriber,
analysis and report code a microphone uses) and reads `timings.feedback_latency_s` from the saved
answer: seconds from the end of the answer to the full report on screen. The answer is the
bundled clips syn_star_60s + syn_rate120_20s + syn_rate190_20s + jfk (121.6 s).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np

from common import AUDIO, PY, RESULTS, ROOT, md_table, write_results

CLIPS = ["syn_star_60s", "syn_rate120_20s", "syn_rate190_20s", "jfk"]
QUESTION = "lp-dive-deep-1"


def build_answer() -> Path:
    from voice_coach.audio import load_audio, write_wav

    path = RESULTS / "cache" / "answer_122s.wav"
    if not path.exists():
        write_wav(path, np.concatenate([load_audio(AUDIO / f"{c}.flac") for c in CLIPS]))
    return path


def run(answer: Path, backend: str, model: str) -> dict:
    with tempfile.TemporaryDirectory() as rec:
        env = dict(os.environ, VOICE_COACH_RECORDINGS=rec)
        t0 = time.monotonic()
        subprocess.run([PY, "-m", "voice_coach", "practice", "--question", QUESTION, "--input",
                        str(answer), "--realtime", "--no-voice", "--no-follow-up",
                        "--backend", backend, "--model", model],
                       cwd=ROOT, env=env, check=True, capture_output=True)
        wall = time.monotonic() - t0
        [report] = Path(rec).glob("*/answer-01.json")
        r = json.loads(report.read_text())
    return {"backend": backend, "model": model, "audio_s": r["audio"]["duration_s"],
            "feedback_latency_s": r["timings"]["feedback_latency_s"], "wall_s": wall,
            "words": len(r["transcript"]["words"])}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true", help="default backend only")
    args = ap.parse_args()
    answer = build_answer()
    configs = [("faster-whisper", "tiny.en")]
    if not args.quick:
        configs.append(("faster-whisper", "base"))
    rows, data = [], []
    for backend, model in configs:
        r = run(answer, backend, model)
        data.append(r)
        rows.append([f"{backend} {model}", r["audio_s"], r["feedback_latency_s"], r["words"]])
        print(r, flush=True)
    table = md_table(["engine", "answer s", "feedback latency s", "words"], rows)
    print(table)
    write_results("feedback", "Feedback latency, end to end (practice --input --realtime)",
                  table, data, "Feedback latency = end of the answer → full report on screen "
                  "(tail transcription, VAD, analysis, rendering).")


if __name__ == "__main__":
    main()
