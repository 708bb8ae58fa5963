"""The acoustic filler detector on speech it was never fitted or calibrated on: the 48 espeak-ng
answers of bench/robustness.py (scripts with "um"/"uh"/"er", 8 voices, 130-190 wpm, clean and
pink noise at SNR 20/10 dB).

Per clip, the product's filler path — VAD, Whisper first pass (faster-whisper tiny.en, greedy,
filler prompt: the defaults), lost-speech recovery, hesitations counted by their sounds
(`pipeline.fillers_by_sound`), `analyze_delivery` — with the detector off, as it was before
hear11 (candidates need quiet on one side only, threshold 0.95), and as shipped (a candidate must
be a sound of its own, `acoustic_fillers.own_sound`, and not the first sound of a region before
its first word, `opens_before_word`; the model's threshold). Hesitations are one
class and are matched by count per clip (the scripts' fillers have no times): found = min(detected,
true), false = detected beyond the true count. espeak-ng's hesitations sound little like human
ones, so this is a check for false alarms and a rough recall figure, not a filler accuracy.

Usage: .venv/bin/python bench/acoustic_check.py [--clips N]
Writes bench/results/acoustic_check.md; Whisper's words are cached in
bench/.cache/acoustic_check (git-ignored).
"""

from __future__ import annotations

import argparse
import pickle
import sys
from pathlib import Path
from typing import Any
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from robustness import clip_specs, make_clip  # noqa: E402

from voice_coach.analysis import acoustic_fillers as af  # noqa: E402
from voice_coach.analysis.delivery import analyze_delivery  # noqa: E402
from voice_coach.analysis.fillers import is_hesitation  # noqa: E402
from voice_coach.analysis.vad import detect_speech, frame_levels_db, load_vad_model  # noqa: E402
from voice_coach.audio import SAMPLE_RATE, load_audio  # noqa: E402
from voice_coach.config import Config  # noqa: E402
from voice_coach.models import acoustic_filler_arrays  # noqa: E402
from voice_coach.pipeline import filler_prompt, fillers_by_sound, transcribe_audio  # noqa: E402
from voice_coach.recovery import recover_lost_speech  # noqa: E402

CACHE = ROOT / "bench" / ".cache" / "acoustic_check"
BEFORE_THRESHOLD = 0.95  # the shipped threshold before hear11


def _words(path: Path, audio: Any, regions: Any, tr: Any, cfg: Config) -> Any:
    CACHE.mkdir(parents=True, exist_ok=True)
    p = CACHE / f"{path.stem}.pkl"
    if p.is_file():
        return pickle.loads(p.read_bytes())
    first = transcribe_audio(audio, tr(), cfg)
    t = recover_lost_speech(audio, regions, first, tr(), prompt=filler_prompt(cfg))
    p.write_bytes(pickle.dumps(t))
    return t


def variants(audio: Any, words: Any, regions: Any, model: af.FillerModel) -> dict[str, list]:
    """Acoustic finds per variant."""
    with mock.patch.object(af, "own_sound", lambda *a: True), \
            mock.patch.object(af, "opens_before_word", lambda *a: False):
        before = af.detect_acoustic_fillers(audio, words, regions,
                                            model._replace(threshold=BEFORE_THRESHOLD))
    return {"off": [], "before": before,
            "after": af.detect_acoustic_fillers(audio, words, regions, model)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clips", type=int, default=None)
    args = ap.parse_args(argv)
    import functools

    from voice_coach.transcriber import load_transcriber

    cfg = Config()
    tr = functools.cache(lambda: load_transcriber(
        cfg.transcriber.backend, cfg.transcriber.model, beam_size=cfg.transcriber.beam_size))
    vad = load_vad_model()
    model = af.FillerModel.from_arrays(acoustic_filler_arrays())
    tot: dict[str, dict[str, int]] = {}
    lines = []
    for spec in clip_specs(args.clips):
        path, gt = make_clip(spec)
        audio = load_audio(path)
        regions = detect_speech(audio, cfg.vad, model=vad)
        t = _words(path, audio, regions, tr, cfg)
        t = fillers_by_sound(t, frame_levels_db(audio), regions)
        true = gt["filler_count"]
        cells = []
        for name, finds in variants(audio, t.words, regions, model).items():
            d = analyze_delivery(regions, t.words, len(audio) / SAMPLE_RATE,
                                 cfg.with_value("fillers.acoustic", bool(finds)), finds,
                                 unrecognised=t.unrecognised)
            det = sum(1 for f in d.fillers if is_hesitation(f.text.rstrip("?")))
            c = tot.setdefault(name, {"tp": 0, "fp": 0, "fn": 0})
            c["tp"] += min(det, true)
            c["fp"] += max(0, det - true)
            c["fn"] += max(0, true - det)
            where = ", ".join(f"{a.start_s:.2f}: {a.probability:.2f}" for a in finds)
            cells.append(f"{det} ({where})" if finds else f"{det}")
        lines.append(f"| {gt['id']} | {true} | " + " | ".join(cells) + " |")
        print(lines[-1], flush=True)

    def pr(c: dict[str, int]) -> str:
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else float("nan")
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else float("nan")
        return f"{r:.2f} / {p:.2f} ({c['tp']}/{c['tp'] + c['fn']}, {c['fp']} false)"

    md = ["| clip | hesitations in the script | detected, detector off | detector before hear11 "
          "(finds: start s: score) | detector shipped |", "|---|---|---|---|---|"] + lines
    md += ["", "| variant | recall / precision (found/true, false) |", "|---|---|"]
    md += [f"| {n} | {pr(c)} |" for n, c in tot.items()]
    out = ROOT / "bench" / "results" / "acoustic_check.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(md) + "\n")
    print("\n".join(md[-5:]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
