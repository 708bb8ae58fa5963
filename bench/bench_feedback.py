"""End-to-end feedback latency and live-vs-batch accuracy of a ~2-minute answer in real time.

Runs `voice-coach practice --input ANSWER --realtime` (the same recorder, streaming transcriber,
analysis and report code a microphone uses) and reads `timings.feedback_latency_s` from the saved
answer: seconds from the end of the answer to the full report on screen. Then runs
`voice-coach analyze ANSWER --json` on the same file and puts the WER of both transcripts
(Whisper-normalised, against the clips' reference transcripts) side by side. The answer is the
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

from bench_transcribe import word_errors
from common import AUDIO, PY, RESULTS, ROOT, md_table, write_results

CLIPS = ["syn_star_60s", "syn_rate120_20s", "syn_rate190_20s", "jfk"]
QUESTION = "lp-dive-deep-1"


def build_answer() -> Path:
    from voice_coach.audio import load_audio, write_wav

    path = RESULTS / "cache" / "answer_122s.wav"
    if not path.exists():
        write_wav(path, np.concatenate([load_audio(AUDIO / f"{c}.flac") for c in CLIPS]))
    return path


def reference() -> str:
    manifest = {c["id"]: c for c in json.loads((AUDIO.parent / "manifest.json").read_text())}
    return " ".join(manifest[c]["transcript"] for c in CLIPS)


def wer(hypothesis: str) -> float:
    errors, n = word_errors(reference(), hypothesis)
    return errors / max(1, n)


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
        batch = json.loads(subprocess.run(
            [PY, "-m", "voice_coach", "analyze", str(answer), "--json", "--question", QUESTION,
             "--backend", backend, "--model", model],
            cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout)
    return {"backend": backend, "model": model, "audio_s": r["audio"]["duration_s"],
            "feedback_latency_s": r["timings"]["feedback_latency_s"], "wall_s": wall,
            "words": len(r["transcript"]["words"]), "live_wer": wer(r["transcript"]["text"]),
            "analyze_wer": wer(batch["transcript"]["text"])}


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
        rows.append([f"{backend} {model}", r["audio_s"], r["feedback_latency_s"], r["live_wer"],
                     r["analyze_wer"], r["live_wer"] - r["analyze_wer"], r["words"]])
        print(r, flush=True)
    table = md_table(["engine", "answer s", "feedback latency s", "WER live (saved)",
                      "WER analyze", "live − analyze", "words"], rows)
    print(table)
    write_results("feedback", "Feedback latency and live-vs-analyze WER, end to end "
                  "(practice --input --realtime)",
                  table, data, "Feedback latency = end of the answer → full report on screen "
                  "(tail transcription, VAD, analysis, rendering). WER: the transcript saved "
                  "for the live answer and the one `analyze` makes of the same file, against "
                  "the reference transcripts (Whisper's English normaliser). Single run on a "
                  "shared 2-core machine.")


if __name__ == "__main__":
    main()
