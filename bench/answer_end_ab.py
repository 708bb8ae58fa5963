"""In-process work after a 2-minute live answer ends, a baseline checkout (e.g. `git archive
main` unpacked) against this one, alternating fresh processes: the answer's blocks go to the
streaming transcriber and pitch stream as a microphone's would (each waited for); where the code
has them, the question's texts are embedded before the answer and the settled clauses every 3 s
of audio, as `interview.ask_and_record` does. Then `finish()`, the pitch track and
`analyze_audio` are timed (CPU-s of all threads, and wall s). Medians of `--repeat` runs.

    python bench/answer_end_ab.py --baseline /tmp/speedbase --repeat 5 [--reaction-s 1.0]

`--reaction-s`: seconds of silence fed after the answer's last block before it ends (the
candidate pressing Enter after the last word); 0 = the answer ends on its last sample.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from common import ROOT, fed_live

QUESTION = "lp-dive-deep-1"
SETTLED_EVERY_S = 3.0


def answer_end(reaction_s: float = 0.0) -> dict:
    import numpy as np

    from bench_feedback import build_answer
    from voice_coach import interview, pipeline
    from voice_coach.analysis import structure
    from voice_coach.analysis.vad import load_vad_model
    from voice_coach.audio import FileSource
    from voice_coach.config import Config
    from voice_coach.embedder import shared_meaning_model
    from voice_coach.questions import load_bank
    from voice_coach.transcriber import load_transcriber

    cfg = Config()
    t = cfg.transcriber
    tr = load_transcriber(t.backend, t.model, beam_size=t.beam_size)
    vad = load_vad_model()
    question = load_bank().get(QUESTION)
    interview.warm_analysis(cfg, question).join()
    model = shared_meaning_model()
    settled = getattr(structure, "embed_settled_clauses", None)
    if settled is not None:
        structure.embed_question(tuple(question.key_points), question.text, model)
    blocks = list(FileSource(build_answer()).blocks())
    if reaction_s > 0:
        silence = np.zeros_like(blocks[-1], shape=(blocks[0].shape[0],) + blocks[0].shape[1:])
        blocks += [silence] * int(round(reaction_s * 16000 / silence.shape[0]))
    next_s = [0.0]

    def each(streamer, fed_s: float) -> None:  # what the recorder's status callback does
        if settled is not None and fed_s >= next_s[0]:
            settled(streamer.partial_text(), model.embedder)
            next_s[0] = fed_s + SETTLED_EVERY_S

    with fed_live(blocks, tr, cfg, vad, each) as (s, voice):
        wall0, cpu0 = time.perf_counter(), time.process_time()
        streamed = s.finish()
        track = voice.finish()
        report = pipeline.analyze_audio(
            np.concatenate(blocks), cfg=cfg, transcriber=tr, transcript=streamed, vad_model=vad,
            prosody_track=track, question=question, heard=s.heard())
        wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    return {"cpu_s": cpu, "wall_s": wall, "text": report.transcript.text,
            "scores": report.scores.to_dict(), "feedback": [f.message for f in report.feedback]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--baseline", type=Path, required=True)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--reaction-s", type=float, default=0.0,
                    help="silence after the last word before the answer ends (s)")
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(answer_end(args.reaction_s)))
        return
    runs: dict[str, list[dict]] = {"old": [], "new": []}
    for i in range(args.repeat):
        for name, root in (("old", args.baseline), ("new", ROOT)):
            out = subprocess.run(
                [sys.executable, str(Path(__file__).resolve()), "--baseline", str(args.baseline),
                 "--reaction-s", str(args.reaction_s), "--worker"], cwd=root, env=dict(os.environ, PYTHONPATH=str(root)), check=True,
                capture_output=True, text=True)
            r = json.loads(out.stdout.strip().splitlines()[-1])
            runs[name].append(r)
            print(f"run {i + 1} {name}: {r['cpu_s']:.3f} CPU-s, {r['wall_s']:.3f} s wall",
                  flush=True)
    for name, rs in runs.items():
        print(f"{name}: median {statistics.median(r['cpu_s'] for r in rs):.3f} CPU-s, "
              f"{statistics.median(r['wall_s'] for r in rs):.3f} s wall")
    same = all(r[k] == runs["old"][0][k] for rs in runs.values() for r in rs
               for k in ("text", "scores", "feedback"))
    print(f"same transcript, scores and feedback in every run: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
