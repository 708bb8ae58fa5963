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
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
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


def run(answer: Path, backend: str, model: str, prosody: bool = True,
        root: Path = ROOT, acoustic: bool | None = None) -> dict:
    """One `practice --input ANSWER --realtime` of the voice-coach in `root` (this checkout, or
    a baseline's), then `analyze` of the same file (`acoustic`: `fillers.acoustic` set so,
    None: the default)."""
    with tempfile.TemporaryDirectory() as rec:
        env = dict(os.environ, VOICE_COACH_RECORDINGS=rec)
        lines = [] if prosody else ["[prosody]", "enabled = false"]
        if acoustic is not None:
            lines += ["[fillers]", f"acoustic = {str(acoustic).lower()}"]
        if lines:
            (Path(rec) / "config.toml").write_text("\n".join(lines) + "\n")
        t0 = time.monotonic()
        env["PYTHONPATH"] = str(root)
        subprocess.run([PY, "-m", "voice_coach", "practice", "--question", QUESTION, "--input",
                        str(answer), "--realtime", "--no-voice", "--no-follow-up",
                        "--backend", backend, "--model", model],
                       cwd=root, env=env, check=True, capture_output=True)
        wall = time.monotonic() - t0
        [report] = Path(rec).glob("*/answer-01.json")
        r = json.loads(report.read_text())
        batch = json.loads(subprocess.run(
            [PY, "-m", "voice_coach", "analyze", str(answer), "--json", "--question", QUESTION,
             "--backend", backend, "--model", model],
            cwd=root, env=env, check=True, capture_output=True, text=True).stdout)
    return {"backend": backend, "model": model, "root": str(root),
            "audio_s": r["audio"]["duration_s"],
            "feedback_latency_s": r["timings"]["feedback_latency_s"], "wall_s": wall,
            "words": len(r["transcript"]["words"]), "live_wer": wer(r["transcript"]["text"]),
            "analyze_wer": wer(batch["transcript"]["text"]), "prosody": prosody,
            "acoustic": acoustic, "fillers": len((r.get("delivery") or {}).get("fillers") or []),
            "prosody_s": r["timings"].get("prosody_s")}

def prosody_after_answer(answer: Path) -> dict:
    """What prosody leaves for after a real-time answer, measured in this process: the answer
    is streamed into `ProsodyStream` (the worker keeps up at ~1 % of real time, so the blocks
    are fed, then waited for), then the clock runs from the end of the answer through the last
    block, `finish()` and `analyze_prosody` on the VAD regions."""
    from voice_coach.analysis.prosody import analyze_prosody
    from voice_coach.analysis.vad import detect_speech
    from voice_coach.audio import load_audio
    from voice_coach.config import Config
    from voice_coach.prosody_stream import ProsodyStream

    cfg = Config()
    audio = load_audio(answer)
    regions = detect_speech(audio, cfg.vad)
    block = 1600  # 0.1 s, like the recorder's blocks
    times = []
    cut = (len(audio) // block - 1) * block  # the last block (and the remainder) come last
    for _ in range(3):
        stream = ProsodyStream()
        for i in range(0, cut, block):
            stream.feed(audio[i:i + block])
        stream.wait_idle()
        t0 = time.monotonic()
        stream.feed(audio[cut:])
        track = stream.finish()
        analyze_prosody(track, regions, [], cfg.prosody)
        times.append(time.monotonic() - t0)
        stream.close()
    return {"audio_s": len(audio) / 16000, "prosody_after_answer_s": min(times),
            "runs_s": times}


def alternate(variants: dict[str, Callable[[], dict]], repeat: int) -> dict[str, list[dict]]:
    """Each variant's run, alternating, `repeat` times each (so machine load falls on all alike)."""
    runs: dict[str, list[dict]] = {name: [] for name in variants}
    for _ in range(repeat):
        for name, one in variants.items():
            runs[name].append(one())
            print(name, runs[name][-1], flush=True)
    return runs


def latency_cells(rs: list[dict]) -> list:
    """answer s, median feedback latency s, every run's latency, median live / analyze WER."""
    lat = [r["feedback_latency_s"] for r in rs]
    return [rs[0]["audio_s"], statistics.median(lat), " / ".join(f"{x:.2f}" for x in lat),
            statistics.median(r["live_wer"] for r in rs),
            statistics.median(r["analyze_wer"] for r in rs)]


def side_by_side(answer: Path, baseline: Path, repeat: int) -> None:
    """This checkout and `baseline` (e.g. an export of main), alternating, `repeat` times each:
    median feedback latency and both WERs, in one run (faster-whisper tiny.en, defaults)."""
    runs = alternate({"baseline": lambda: run(answer, "faster-whisper", "tiny.en", root=baseline),
                      "this": lambda: run(answer, "faster-whisper", "tiny.en", root=ROOT)}, repeat)
    rows = [[f"{name} ({rs[0]['root']})", *latency_cells(rs)] for name, rs in runs.items()]
    table = md_table(["checkout", "answer s", "feedback latency s (median)", "runs",
                      "WER live (saved, median)", "WER analyze (median)"], rows)
    print(table)
    write_results("feedback_side_by_side", "Feedback latency, baseline and this checkout "
                  "(practice --input --realtime)", table, runs,
                  f"{repeat} runs each, alternating, under `nice` on a shared 2-core machine; "
                  "faster-whisper tiny.en, defaults. Latency = end of the answer → report on "
                  "screen; it includes any time the streaming worker fell behind the audio.")


def detector_after_answer(answer: Path, repeat: int = 3) -> dict:
    """What the acoustic filler detector adds after the answer ends, measured in this process:
    it runs on the whole answer once the words are final (`pipeline._acoustic_fillers` in
    `analyze_audio`), so its time is added to the feedback latency one for one. Whisper's words
    and the VAD regions of the answer are computed first (not timed); then the detector runs
    `repeat` times: best wall seconds and CPU seconds."""
    from voice_coach.analysis.vad import load_vad_model, speech_and_levels
    from voice_coach.audio import load_audio
    from voice_coach.config import Config
    from voice_coach.pipeline import _acoustic_fillers, transcribe_audio
    from voice_coach.transcriber import load_transcriber

    cfg = Config().with_value("fillers.acoustic", True)
    audio = load_audio(answer)
    (regions, *_), _ = speech_and_levels(audio, cfg.vad, model=load_vad_model())
    tr = load_transcriber(cfg.transcriber.backend, cfg.transcriber.model,
                          beam_size=cfg.transcriber.beam_size)
    words = transcribe_audio(audio, tr, cfg).words
    _acoustic_fillers(audio[:16000 * 5], words, regions, cfg)  # librosa imported, warmed
    wall, cpu, found = [], [], 0
    for _ in range(repeat):
        t0, c0 = time.monotonic(), time.process_time()
        found = len(_acoustic_fillers(audio, words, regions, cfg))
        wall.append(time.monotonic() - t0)
        cpu.append(time.process_time() - c0)
    return {"audio_s": len(audio) / 16000, "detector_wall_s": min(wall),
            "detector_cpu_s": min(cpu), "runs_wall_s": wall, "finds": found}


def acoustic_side_by_side(answer: Path, repeat: int) -> None:
    """The acoustic filler detector off and on (`fillers.acoustic`), alternating, `repeat` times
    each: median feedback latency, WERs and the fillers counted, in one run."""
    runs = alternate({"off": lambda: run(answer, "faster-whisper", "tiny.en", acoustic=False),
                      "on": lambda: run(answer, "faster-whisper", "tiny.en", acoustic=True)}, repeat)
    rows = [[f"fillers.acoustic {name}", *latency_cells(rs), rs[0]["fillers"]]
            for name, rs in runs.items()]
    table = md_table(["detector", "answer s", "feedback latency s (median)", "runs",
                      "WER live (saved, median)", "WER analyze (median)", "fillers"], rows)
    print(table)
    write_results("feedback_acoustic", "Feedback latency with the acoustic filler detector off "
                  "and on (practice --input --realtime)", table, runs,
                  f"{repeat} runs each, alternating, under `nice` on a shared 2-core machine; "
                  "faster-whisper tiny.en, defaults but `fillers.acoustic`. Latency = end of the "
                  "answer → report on screen.")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true", help="default backend only")
    ap.add_argument("--baseline", type=Path,
                    help="another voice-coach checkout (e.g. `git archive main` unpacked): its "
                         "latency beside this one's, alternating")
    ap.add_argument("--repeat", type=int, default=3, help="runs per checkout with --baseline")
    ap.add_argument("--acoustic", action="store_true",
                    help="the acoustic filler detector off and on, alternating (--repeat runs)")
    ap.add_argument("--detector-cost", action="store_true",
                    help="only the acoustic filler detector's time after the answer, in-process")
    args = ap.parse_args()
    answer = build_answer()
    if args.detector_cost:
        print(detector_after_answer(answer), flush=True)
        return
    if args.acoustic:
        acoustic_side_by_side(answer, args.repeat)
        return
    if args.baseline:
        side_by_side(answer, args.baseline.resolve(), args.repeat)
        return
    # Prosody (pitch/energy) is computed while the answer streams; the prosody-off row and the
    # "prosody s" column (time spent on it after the answer ended) show what it adds.
    configs = [("faster-whisper", "tiny.en", True), ("faster-whisper", "tiny.en", False)]
    if not args.quick:
        configs.append(("faster-whisper", "base", True))
    rows, data = [], []
    for backend, model, prosody in configs:
        r = run(answer, backend, model, prosody)
        data.append(r)
        rows.append([f"{backend} {model}" + ("" if prosody else ", prosody off"), r["audio_s"],
                     r["feedback_latency_s"], r["prosody_s"], r["live_wer"], r["analyze_wer"],
                     r["live_wer"] - r["analyze_wer"], r["words"]])
        print(r, flush=True)
    tail = prosody_after_answer(answer)
    data.append(tail)
    print(tail, flush=True)
    rows.append(["prosody alone, streamed (in-process, best of 3)", tail["audio_s"], None,
                 tail["prosody_after_answer_s"], None, None, None, None])
    table = md_table(["engine", "answer s", "feedback latency s", "of which prosody s",
                      "WER live (saved)", "WER analyze", "live − analyze", "words"], rows)
    print(table)
    write_results("feedback", "Feedback latency and live-vs-analyze WER, end to end "
                  "(practice --input --realtime)",
                  table, data, "Feedback latency = end of the answer → full report on screen "
                  "(tail transcription, VAD, analysis, rendering). Prosody s = waiting for the "
                  "pitch/energy track streamed during the answer + the prosody analysis; target "
                  "≤ 0.15 s. WER: the transcript saved "
                  "for the live answer and the one `analyze` makes of the same file, against "
                  "the reference transcripts (Whisper's English normaliser). Single run on a "
                  "shared 2-core machine.")


if __name__ == "__main__":
    main()
