"""The three ways one answer file is transcribed, side by side in one run (QA5 F43).

For each ≥ 60 s answer of `live_clips.py`, resampled by sox to 22.05 kHz (espeak-ng's rate, and
any phone or browser recording that is not 16 kHz — the case F43 was found on), with the same
code each command runs and faster-whisper tiny.en with the default settings:

* `analyze FILE`: `pipeline.analyze_file`;
* `practice --input FILE` (fast): the file through `FileSource` into the recorder, which saves
  the 16-bit answer WAV, then `analyze_audio` of that WAV (as `interview.ask_and_record`);
* `practice --input FILE --realtime` / a microphone: the recorder's blocks into
  `StreamingTranscriber` (first pass + background window re-decode), fed as fast as the worker
  takes them, which on a machine that keeps up is what a live answer gets; then the pipeline;
* "analyze before the fix": `analyze_audio` of the resampled float samples that `load_audio`
  returned before it rounded them to the 16-bit grid (the old `analyze`; the old fast practice
  path heard the rounded samples, i.e. today's).

WER is Whisper-normalised against the reference, pooled = Σ errors / Σ reference words. Then one
~2-minute answer is played through `voice-coach practice --input … --realtime` in real time
(`bench_feedback.run`): feedback latency after the answer ends, beside both WERs.
`--extra FILE` adds files without a reference (e.g. the QA's rt.wav): are the three
transcripts identical? Writes bench/results/paths.md and .json; never asserts.
Then the work left after that answer ends, CPU-s per stage, before (main's order of work) and
after (VAD computed during the answer, text analysis warmed), side by side (`_after_end_table`;
alone with `--after-end-only`).
Usage: `nice .venv/bin/python bench/bench_paths.py [--quick | --clips N] [--no-latency]
[--after-end-only] [--repeat N] [--extra FILE]` (part of `make bench`).
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
import time
from pathlib import Path

from bench_transcribe import word_errors
from common import RESULTS, fed_live, md_table, write_results

RATE_HZ = 22050
CACHE = RESULTS / "cache" / "live22k"


def _at_22k(path: Path) -> Path:
    CACHE.mkdir(parents=True, exist_ok=True)
    out = CACHE / f"{path.stem}.wav"
    if not out.exists():
        subprocess.run(["sox", str(path), "-r", str(RATE_HZ), "-b", "16", str(out)], check=True,
                       capture_output=True)
    return out


def _paths(path: Path, tr, vad, cfg) -> dict[str, str]:
    """Saved transcript text of each path for one file."""
    import numpy as np
    import soundfile as sf

    from voice_coach import pipeline
    from voice_coach.audio import FileSource, load_audio, resample
    from voice_coach.recorder import record_answer
    from voice_coach.streaming import StreamingTranscriber

    out = {"analyze": pipeline.analyze_file(path, cfg=cfg, transcriber=tr,
                                            vad_model=vad).transcript.text}
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "answer-01.wav"
        with FileSource(path) as src:
            record_answer(src, wav, cfg=cfg)
        out["practice_fast"] = pipeline.analyze_audio(load_audio(wav), cfg=cfg, transcriber=tr,
                                                      vad_model=vad).transcript.text
        blocks: list[np.ndarray] = []
        with StreamingTranscriber(tr, initial_prompt=pipeline.filler_prompt(cfg),
                                  vad_options=cfg.vad, vad_model=vad) as s:
            with FileSource(path) as src:
                record_answer(src, Path(tmp) / "answer-02.wav", cfg=cfg,
                              block_listener=lambda b: (s.feed(b), blocks.append(b)))
            streamed = s.finish()
        out["practice_realtime"] = pipeline.analyze_audio(
            np.concatenate(blocks), cfg=cfg, transcriber=tr, transcript=streamed,
            vad_model=vad, heard=s.heard()).transcript.text
    raw, rate = sf.read(path, dtype="float32")
    out["analyze_before_fix"] = pipeline.analyze_audio(
        resample(raw, rate), cfg=cfg, transcriber=tr, vad_model=vad).transcript.text
    return out


QUESTION = "lp-dive-deep-1"  # bench_feedback's question
VARIANTS = {
    "before": "as on main b07776e: the batch VAD over the whole answer after the end; at start "
              "only the VAD and the meaning model warmed",
    "after": "the VAD computed during the answer (`SpeechStream`, only the last ≤ 2 s left); "
             "the text analysis warmed on a made-up answer before the answer",
}
# What runs after the end, in order; each is timed in CPU seconds (all threads).
STAGES = ("finish", "pitch track", "VAD", "lost-speech recovery", "acoustic fillers",
          "prosody", "delivery + structure + coaching")


def _after_end(path: Path, tr, vad, cfg, variant: str) -> dict:
    """Work left when a live answer ends, on a machine that keeps up: the answer's blocks go to
    the streaming transcriber and the pitch stream as a microphone's would, each waited for
    (`wait_idle`: the worker is never behind), then the clock runs from the last block through
    `finish()`, the prosody track and the report, stage by stage. CPU seconds (all threads) do
    not depend on what else the machine runs; wall seconds do. Run in a fresh process per
    variant, so nothing is warm that the CLI would not have warmed."""
    import numpy as np

    from voice_coach import interview, pipeline
    from voice_coach.audio import FileSource
    from voice_coach.embedder import shared_meaning_model
    from voice_coach.questions import load_bank

    question = load_bank().get(QUESTION)
    if variant == "after":
        interview.warm_analysis(cfg, question).join()  # done long before the end
    else:  # main's warm-up
        interview.warm_vad(cfg)
        shared_meaning_model()
    cpu: dict[str, float] = dict.fromkeys(STAGES, 0.0)

    def timed(stage: str, fn):
        def run(*a, **k):
            c0 = time.process_time()
            try:
                return fn(*a, **k)
            finally:
                cpu[stage] += time.process_time() - c0
        return run

    for stage, name in (("VAD", "speech_and_quiet"), ("lost-speech recovery", "recover_lost_speech"),
                        ("acoustic fillers", "_acoustic_fillers"), ("prosody", "_prosody"),
                        ("delivery + structure + coaching", "_analyze_parts")):
        setattr(pipeline, name, timed(stage, getattr(pipeline, name)))
    heard_of = pipeline.HeardSpeech.of
    pipeline.HeardSpeech.of = timed("VAD", heard_of)  # the check that it is this audio's VAD
    blocks = list(FileSource(path).blocks())
    with fed_live(blocks, tr, cfg, vad) as (s, voice):
        wall0, cpu0 = time.perf_counter(), time.process_time()
        streamed = timed("finish", s.finish)()
        track = timed("pitch track", voice.finish)()
        report = pipeline.analyze_audio(
            np.concatenate(blocks), cfg=cfg, transcriber=tr, transcript=streamed, vad_model=vad,
            prosody_track=track, question=question,
            heard=s.heard() if variant == "after" else None)
        wall, total = time.perf_counter() - wall0, time.process_time() - cpu0
    pipeline.HeardSpeech.of = heard_of
    return {"variant": variant, "audio_s": sum(b.size for b in blocks) / 16000, "cpu_s": total,
            "wall_s": wall, "stages_cpu_s": cpu, "text": report.transcript.text,
            "pauses": [[p.start, p.end] for p in report.delivery.pauses],
            "speech_segments": [[p.start, p.end] for p in report.delivery.speech_segments],
            "scores": report.scores.to_dict(),
            "feedback": [f.message for f in report.feedback]}


def _after_end_table(repeat: int) -> tuple[str, dict]:
    """`repeat` fresh processes per variant, alternating; medians side by side."""
    import json
    import os
    import statistics
    import subprocess
    import sys

    from bench_feedback import wer

    runs: dict[str, list[dict]] = {v: [] for v in VARIANTS}
    for i in range(repeat):
        for v in VARIANTS:
            out = subprocess.run(
                [sys.executable, __file__, "--after-end-run", v], check=True, text=True,
                capture_output=True, env=dict(os.environ, PYTHONPATH=str(Path(__file__).parents[1])))
            r = json.loads(out.stdout.strip().splitlines()[-1])
            runs[v].append(r)
            print(f"  run {i + 1} {v}: {r['cpu_s']:.3f} CPU-s, {r['wall_s']:.3f} s wall", flush=True)
    med = {v: {"cpu_s": statistics.median(r["cpu_s"] for r in rs),
               "wall_s": statistics.median(r["wall_s"] for r in rs),
               "stages": {st: statistics.median(r["stages_cpu_s"][st] for r in rs)
                          for st in STAGES}} for v, rs in runs.items()}
    same = {k: all(r[k] == runs["before"][0][k] for rs in runs.values() for r in rs)
            for k in ("text", "pauses", "speech_segments", "scores", "feedback")}
    b, a = med["before"], med["after"]
    rows = [[st, b["stages"][st], a["stages"][st], a["stages"][st] - b["stages"][st]]
            for st in STAGES]
    rows.append(["**total CPU-s after the end**", b["cpu_s"], a["cpu_s"], a["cpu_s"] - b["cpu_s"]])
    rows.append(["wall s after the end (load-dependent)", b["wall_s"], a["wall_s"],
                 a["wall_s"] - b["wall_s"]])
    rows.append(["WER of the saved transcript", wer(runs["before"][0]["text"]),
                 wer(runs["after"][0]["text"]), None])
    table = md_table(["after the end of a 121.6 s live answer", "before (main)", "after", "Δ"],
                     rows)
    table += ("\n\nSame result in every run of both variants: " + ", ".join(
        f"{k} {'yes' if v else '**no**'}" for k, v in same.items()) + ".")
    return table, {"runs": runs, "median": med, "same": same, "variants": VARIANTS}


KEYS = ("analyze", "practice_fast", "practice_realtime", "analyze_before_fix")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clips", type=int, default=0, help="only the first N clips (0: all)")
    ap.add_argument("--quick", action="store_true", help="the first 4 clips only")
    ap.add_argument("--no-latency", action="store_true", help="skip the real-time 2-minute run")
    ap.add_argument("--after-end-only", action="store_true",
                    help="only the work left after a 2-minute live answer ends, before/after")
    ap.add_argument("--after-end-run", choices=sorted(VARIANTS), help=argparse.SUPPRESS)
    ap.add_argument("--repeat", type=int, default=3, help="after-end runs per variant (median)")
    ap.add_argument("--extra", action="append", default=[], type=Path,
                    help="a file without reference: are the paths' transcripts identical?")
    args = ap.parse_args()

    from live_clips import clips as live_clips

    from voice_coach.analysis.vad import load_vad_model
    from voice_coach.audio import audio_file_duration_s
    from voice_coach.config import Config
    from voice_coach.transcriber import load_transcriber

    cfg = Config()
    t = cfg.transcriber
    tr = load_transcriber(t.backend, t.model, beam_size=t.beam_size)
    vad = load_vad_model()
    if args.after_end_run:
        import json

        from bench_feedback import build_answer

        print(json.dumps(_after_end(build_answer(), tr, vad, cfg, args.after_end_run)))
        return
    if args.after_end_only:
        table, data = _after_end_table(args.repeat)
        print(write_results("paths_after_end", "Work left after a live answer ends", table, data,
                            f"Median of {args.repeat} fresh processes per variant, alternating "
                            "(`nice`, shared 2-core machine). " + "; ".join(
                                f"{k}: {v}" for k, v in VARIANTS.items()) + ".").read_text())
        return
    chosen = live_clips()[: args.clips or (4 if args.quick else None)]
    rows, data = [], {"clips": [], "extra": [], "latency": None}
    pooled = {k: [0, 0] for k in KEYS}
    for cid, path, reference in chosen:
        t0 = time.process_time()
        texts = _paths(_at_22k(path), tr, vad, cfg)
        errs = {k: word_errors(reference, texts[k]) for k in KEYS}
        for k in KEYS:
            pooled[k] = [pooled[k][0] + errs[k][0], pooled[k][1] + errs[k][1]]
        w = {k: e / max(1, n) for k, (e, n) in errs.items()}
        data["clips"].append({"clip": cid, "errors": errs, "texts": texts,
                              "cpu_s": time.process_time() - t0})
        rows.append([cid, audio_file_duration_s(path), errs["analyze"][1], w["analyze"],
                     w["practice_fast"], w["practice_realtime"], w["analyze_before_fix"],
                     w["practice_fast"] - w["analyze"], w["practice_realtime"] - w["analyze"],
                     "yes" if texts["practice_fast"] == texts["analyze"] else "no"])
        print(f"  {cid}: " + " ".join(f"{k} {w[k]:.3f}" for k in KEYS), flush=True)
    p = {k: e / max(1, n) for k, (e, n) in pooled.items()}
    rows.append([f"**pooled ({len(chosen)} clips)**", sum(r[1] for r in rows),
                 pooled["analyze"][1], p["analyze"], p["practice_fast"], p["practice_realtime"],
                 p["analyze_before_fix"], p["practice_fast"] - p["analyze"],
                 p["practice_realtime"] - p["analyze"], None])
    extra_rows = []
    for path in args.extra:
        texts = _paths(path, tr, vad, cfg)
        data["extra"].append({"file": str(path), "texts": texts})
        extra_rows.append([path.name] + [texts[k] for k in KEYS])
    table = ("### One file, three commands (22.05 kHz answers; faster-whisper tiny.en, defaults)"
             "\n\n" + md_table(
                 ["clip", "audio s", "ref words", "WER analyze", "WER practice --input (fast)",
                  "WER practice --realtime (saved)", "WER analyze before the fix",
                  "fast − analyze", "realtime − analyze", "fast text = analyze text"], rows))
    if extra_rows:
        table += "\n\n### Files without a reference\n\n" + md_table(
            ["file", "analyze", "practice --input (fast)", "practice --realtime",
             "analyze before the fix"], extra_rows)
    if not args.no_latency:
        from bench_feedback import build_answer, run

        r = run(build_answer(), t.backend, t.model)
        data["latency"] = r
        table += ("\n\n### A 2-minute answer played in real time (`practice --input … --realtime`)"
                  "\n\n" + md_table(
                      ["answer s", "feedback latency s", "WER live (saved)", "WER analyze",
                       "live − analyze"],
                      [[r["audio_s"], r["feedback_latency_s"], r["live_wer"], r["analyze_wer"],
                        r["live_wer"] - r["analyze_wer"]]]))
        after_end, data["after_end"] = _after_end_table(1 if args.quick else args.repeat)
        table += ("\n\n### Work left after the same answer ends, CPU-s per stage (median of "
                  f"{1 if args.quick else args.repeat} fresh processes per variant)\n\n"
                  + after_end)
    notes = ("Single run on a shared 2-core machine (other jobs running: a real-time run falls "
             "behind when the machine is busy, and live mode then keeps first-pass words).")
    print(write_results("paths", "Transcript of one answer file by command", table, data,
                        notes).read_text())


if __name__ == "__main__":
    main()
