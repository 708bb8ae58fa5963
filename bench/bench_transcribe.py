"""Transcription speed, memory and feedback latency, per backend and model.

1. Batch: real-time factor (transcribe seconds / audio seconds), WER against the manifest and
   peak RSS for faster-whisper tiny.en/base (int8) and openai-whisper tiny.en/base on
   syn_star_60s and syn_long_silence_90s.
2. Live versus batch accuracy: the transcript a live answer saves (streaming transcription
   with its background second pass, then the report's own checks) against `analyze` of the
   same audio, per clip and pooled, on the ≥ 60 s answers of `live_clips.py` (fed as fast as
   possible: which windows exist and how each is decoded does not depend on timing). The first
   pass alone (the streaming transcript before the second pass existed) is shown too.
3. Feedback latency on a ~2 min answer (bundled clips concatenated): the time from the end of
   the recording until the full transcript is ready, for streaming transcription fed in real
   time (only the tail is left for the end) versus record-then-batch.

Every configuration runs in a fresh process so its peak RSS is its own. Settings are the
product's defaults (beam 5, filler prompt), plus greedy decoding. Writes
bench/results/transcribe.md and .json; never asserts.
Usage: `.venv/bin/python bench/bench_transcribe.py [--quick]`.
"""

from __future__ import annotations

import argparse
import json
import sys

from common import AUDIO, md_table, run_child, write_results

from voice_coach.config import Config

BATCH_CLIPS = ["syn_star_60s", "syn_long_silence_90s"]
# (backend, model, beam). openai-whisper's beam search is several times slower than greedy on
# CPU, so it is measured greedy (as in DESIGN.md); faster-whisper with the default beam 5 too.
BATCH_CONFIGS = [("faster-whisper", "tiny.en", 5), ("faster-whisper", "base", 5),
                 ("faster-whisper", "tiny.en", 1), ("faster-whisper", "base", 1),
                 ("openai-whisper", "tiny.en", 1), ("openai-whisper", "base", 1)]
ANSWER_CLIPS = ["syn_star_60s", "syn_rate120_20s", "syn_rate190_20s", "jfk"]  # 122 s
LATENCY_CONFIGS = [("stream", "faster-whisper", "tiny.en", 5),
                   ("stream", "faster-whisper", "base", 5),
                   ("batch", "faster-whisper", "tiny.en", 5),
                   ("batch", "openai-whisper", "tiny.en", 1),
                   ("batch", "openai-whisper", "base", 1)]
QUICK_BATCH_CLIPS = ["syn_star_60s"]
QUICK_BATCH_CONFIGS = [("faster-whisper", "tiny.en", 5), ("openai-whisper", "tiny.en", 1)]
QUICK_ANSWER_CLIPS = ["syn_rate120_20s", "jfk"]  # 34 s
QUICK_LIVE_CLIPS = ["syn_star_60s", "espeak_en-gb_190"]
QUICK_LATENCY_CONFIGS = [("stream", "faster-whisper", "tiny.en", 5),
                         ("batch", "openai-whisper", "tiny.en", 1)]

CHILD = r"""
import sys
sys.path.insert(0, "bench")
import bench_transcribe
bench_transcribe.child(sys.argv[1])
"""


def _wer(reference: str, hypothesis: str) -> float:
    import re

    import jiwer

    def norm(t: str) -> str:
        return " ".join(re.sub(r"[^a-z0-9' ]+", " ", t.lower()).split())

    return float(jiwer.wer(norm(reference), norm(hypothesis)))


def word_errors(reference: str, hypothesis: str) -> tuple[int, int]:
    """(errors, reference words) after Whisper's English normaliser; pooled WER = Σ/Σ."""
    import jiwer
    from whisper.normalizers import EnglishTextNormalizer

    norm = EnglishTextNormalizer()
    m = jiwer.process_words(norm(reference), norm(hypothesis))
    return (m.substitutions + m.deletions + m.insertions,
            m.substitutions + m.deletions + m.hits)


def _live_vs_batch(tr, clips: list[str] | None) -> list[dict]:
    """Per clip: reference words and word errors of `analyze`, the live answer's saved
    transcript and the first pass alone (see the module docstring, item 2)."""
    import time

    from live_clips import clips as live_clips

    from voice_coach import pipeline
    from voice_coach.analysis.vad import load_vad_model
    from voice_coach.audio import SAMPLE_RATE, FileSource, load_audio
    from voice_coach.config import Config
    from voice_coach.streaming import WINDOW_S, StreamingTranscriber
    from voice_coach.transcriber import FILLER_PROMPT

    cfg = Config()
    vad = load_vad_model()
    prompt = FILLER_PROMPT if cfg.transcriber.filler_prompt else None
    rows = []
    for cid, path, reference in live_clips():
        if clips is not None and cid not in clips:
            continue
        audio = load_audio(path)
        batch = pipeline.analyze_audio(audio, cfg=cfg, transcriber=tr, vad_model=vad)
        row: dict = {"clip": cid, "duration_s": audio.size / SAMPLE_RATE,
                     "batch_transcribe_s": batch.timings.transcribe_s}
        row["batch"] = word_errors(reference, batch.transcript.text)
        for name, window_s in (("live", WINDOW_S), ("first_pass", 0.0)):
            t0 = time.perf_counter()
            with StreamingTranscriber(tr, initial_prompt=prompt, vad_options=cfg.vad,
                                      vad_model=vad, window_s=window_s) as s:
                for block in FileSource(path).blocks():
                    s.feed(block)
                streamed = s.finish()
            report = pipeline.analyze_audio(audio, cfg=cfg, transcriber=tr, transcript=streamed,
                                            vad_model=vad)
            row[name] = word_errors(reference, report.transcript.text)
            if name == "live":
                windows = {w.start_s: w for w in s.windows()}.values()
                row["live_s"] = time.perf_counter() - t0
                row["windows"] = len(windows)
                row["chunks"] = sum(w.n_chunks for w in windows)
                row["chunks_lost"] = sum(w.chunks_lost for w in windows)
        rows.append(row)
        print(f"  {cid}: " + " ".join(f"{k} {row[k][0] / max(1, row[k][1]):.3f}"
                                      for k in ("batch", "live", "first_pass")), flush=True)
    return rows


def _references() -> dict[str, str]:
    manifest = json.loads((AUDIO.parent / "manifest.json").read_text())
    return {c["id"]: c["transcript"] for c in manifest}


def _answer(clips: list[str]):
    """Concatenated clips (one recording) and its reference transcript."""
    import numpy as np

    from voice_coach.audio import load_audio

    refs = _references()
    audio = np.concatenate([load_audio(AUDIO / f"{c}.flac") for c in clips])
    return audio, " ".join(refs[c] for c in clips)


def child(spec_json: str) -> None:
    """Run one configuration in this (fresh) process; print one JSON line."""
    import resource
    import time

    import numpy as np

    from voice_coach.audio import BLOCK_SIZE, SAMPLE_RATE, load_audio
    from voice_coach.transcriber import FILLER_PROMPT, load_transcriber

    spec = json.loads(spec_json)
    t0 = time.perf_counter()
    tr = load_transcriber(spec["backend"], spec["model"], beam_size=spec["beam"])
    load_s = time.perf_counter() - t0
    warm = load_audio(AUDIO / "jfk.flac")[: 3 * SAMPLE_RATE]
    tr.transcribe(warm, initial_prompt=FILLER_PROMPT)  # first-call set-up is not measured
    out: dict = {"load_s": load_s}
    if spec["kind"] == "live-vs-batch":
        out["clips"] = _live_vs_batch(tr, spec.get("clips"))
    elif spec["kind"] == "batch-clips":
        refs = _references()
        rows = []
        for clip in spec["clips"]:
            audio = load_audio(AUDIO / f"{clip}.flac")
            t = time.perf_counter()
            result = tr.transcribe(audio, initial_prompt=FILLER_PROMPT)
            took = time.perf_counter() - t
            rows.append({"clip": clip, "duration_s": audio.size / SAMPLE_RATE,
                         "transcribe_s": took, "rtf": took / (audio.size / SAMPLE_RATE),
                         "wer": _wer(refs[clip], result.text)})
        out["clips"] = rows
    else:
        audio, reference = _answer(spec["clips"])
        duration = audio.size / SAMPLE_RATE
        cpu0 = time.process_time()
        if spec["kind"] == "stream":
            from voice_coach.streaming import StreamingTranscriber

            streamer = StreamingTranscriber(tr, initial_prompt=FILLER_PROMPT, live=True)
            start = time.monotonic()
            try:
                for i in range(0, audio.size, BLOCK_SIZE):
                    # A microphone hands a block over once it has been captured.
                    due = start + (i + BLOCK_SIZE) / SAMPLE_RATE
                    delay = due - time.monotonic()
                    if delay > 0:
                        time.sleep(delay)
                    streamer.feed(audio[i:i + BLOCK_SIZE])
                ended = time.monotonic()
                result = streamer.finish()
                latency = time.monotonic() - ended
            finally:
                streamer.close()
            chunks = streamer.chunks()
            out["chunks"] = len(chunks)
            out["tail_s"] = chunks[-1].end_s - chunks[-1].start_s if chunks else 0.0
            out["tail_in_finish"] = bool(chunks and chunks[-1].in_finish)
            out["windows_in_finish"] = sum(w.in_finish for w in streamer.windows())
        else:  # record-then-batch: the whole answer is transcribed after it ends
            ended = time.monotonic()
            result = tr.transcribe(audio, initial_prompt=FILLER_PROMPT)
            latency = time.monotonic() - ended
        out.update(duration_s=duration, latency_s=latency, wer=_wer(reference, result.text),
                   cpu_s_per_audio_s=(time.process_time() - cpu0) / duration)
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out))


def _engine(backend: str, model: str) -> str:
    return f"{backend} {model}" + (" int8" if backend == "faster-whisper" else " fp32")


def _run(spec: dict) -> dict:
    try:
        return run_child(CHILD, json.dumps(spec))
    except (RuntimeError, OSError, ValueError) as e:  # report, never abort the whole bench
        print(f"  failed: {spec}: {str(e)[-300:]}", file=sys.stderr)
        return {"error": str(e)[-300:]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="tiny.en only, shorter answer")
    args = ap.parse_args()
    clips = QUICK_BATCH_CLIPS if args.quick else BATCH_CLIPS
    configs = QUICK_BATCH_CONFIGS if args.quick else BATCH_CONFIGS
    answer = QUICK_ANSWER_CLIPS if args.quick else ANSWER_CLIPS
    latency_configs = QUICK_LATENCY_CONFIGS if args.quick else LATENCY_CONFIGS

    batch_rows, data = [], {"batch": [], "latency": []}
    for backend, model, beam in configs:
        print(f"batch {backend} {model} beam {beam}", flush=True)
        r = _run({"kind": "batch-clips", "backend": backend, "model": model, "beam": beam,
                  "clips": clips})
        data["batch"].append({"backend": backend, "model": model, "beam": beam, **r})
        for c in r.get("clips", [{"clip": "error"}]):
            batch_rows.append([_engine(backend, model), "greedy" if beam == 1 else f"beam {beam}",
                               c["clip"], c.get("duration_s"), c.get("transcribe_s"), c.get("rtf"),
                               c.get("wer"), r.get("load_s"), r.get("peak_rss_mb")])

    print("live vs batch, faster-whisper tiny.en, default settings", flush=True)
    live = _run({"kind": "live-vs-batch", "backend": "faster-whisper", "model": "tiny.en",
                 "beam": Config().transcriber.beam_size,
                 "clips": QUICK_LIVE_CLIPS if args.quick else None})
    data["live_vs_batch"] = live
    live_rows, pooled = [], {"batch": [0, 0], "live": [0, 0], "first_pass": [0, 0]}
    for c in live.get("clips", []):
        for k, (errors, n) in pooled.items():
            pooled[k] = [errors + c[k][0], n + c[k][1]]
        live_rows.append([c["clip"], c["duration_s"], c["batch"][1],
                          *(c[k][0] / max(1, c[k][1]) for k in ("batch", "live", "first_pass")),
                          c["live"][0] / max(1, c["live"][1])
                          - c["batch"][0] / max(1, c["batch"][1]),
                          f"{c['windows']} / {c['chunks'] - c['chunks_lost']} of {c['chunks']}"])
    if live_rows:
        live_rows.append([f"**pooled ({len(live_rows)} clips)**",
                          sum(c["duration_s"] for c in live["clips"]), pooled["batch"][1],
                          *(e / max(1, n) for e, n in pooled.values()),
                          pooled["live"][0] / max(1, pooled["live"][1])
                          - pooled["batch"][0] / max(1, pooled["batch"][1]), None])

    latency_rows = []
    for kind, backend, model, beam in latency_configs:
        print(f"latency {kind} {backend} {model} beam {beam}", flush=True)
        r = _run({"kind": kind, "backend": backend, "model": model, "beam": beam, "clips": answer})
        data["latency"].append({"mode": kind, "backend": backend, "model": model, "beam": beam,
                                **r})
        mode = ("streaming, fed in real time" if kind == "stream" else "record, then batch")
        tail = (f"{r['tail_s']:.1f} s tail + {r['windows_in_finish']} windows"
                if kind == "stream" and "tail_s" in r else None)
        latency_rows.append([_engine(backend, model), "greedy" if beam == 1 else f"beam {beam}",
                             mode, r.get("latency_s"), r.get("wer"), r.get("cpu_s_per_audio_s"),
                             tail, r.get("peak_rss_mb")])

    duration = next((r.get("duration_s") for r in data["latency"] if "duration_s" in r), None)
    table = (
        "### Batch transcription (filler prompt; after a warm-up call)\n\n"
        + md_table(["engine", "decoding", "clip", "audio s", "transcribe s", "RTF", "WER", "load s",
                    "peak RSS MB"], batch_rows)
        + "\n\n### Live answer versus `analyze` of the same audio (faster-whisper tiny.en, "
        + "default settings; Whisper-normalised WER)\n\n"
        + md_table(["clip", "audio s", "ref words", "WER analyze", "WER live (saved)",
                    "WER first pass only", "live − analyze",
                    "windows / chunks re-decoded"], live_rows)
        + f"\n\n### Feedback latency after a {duration or 0:.0f} s answer "
        + f"({' + '.join(answer)})\n\n"
        + md_table(["engine", "decoding", "mode", "text ready after recording ends, s", "WER",
                    "CPU s per audio s", "left for the end", "peak RSS MB"], latency_rows))
    notes = ("RTF = transcription time / audio length (lower is faster). WER against the manifest "
             "transcripts (case and punctuation removed); espeak-ng speech is harder for Whisper "
             "than human speech. Streaming cuts the answer at VAD pauses and transcribes each "
             "finished chunk once while recording, so after the answer only the last chunk is "
             "left; 'CPU s per audio s' for streaming is spent during the answer. Single runs on "
             "a shared 2-core machine: expect ±20 % noise.")
    path = write_results("transcribe", "Transcription: speed, memory, feedback latency", table,
                         data, notes)
    print(path.read_text())


if __name__ == "__main__":
    main()
