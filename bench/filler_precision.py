"""Precision of the acoustic filler detector, set by set: each scored candidate's features and
label, and the whole filler count (Whisper + acoustic, `analyze_delivery`) under a variant.

Reads `bench/filler_misses.py` JSONs (Whisper's words after `fillers_by_sound`, VAD regions,
true fillers of the hesitant scripts; audio from `bench/.cache/robustness`), so nothing is
transcribed again. `extract` gives per scored candidate (gate None) the model's `FEATURES`,
its probability, and whether a true filler's span (± `robustness.FILLER_TOL_S`) holds its
middle; `count` re-runs the delivery's filler count with a given set of acoustic finds and
returns hits / detections / true fillers (`filler_misses._match`).

Usage: nice .venv/bin/python bench/filler_precision.py [--before] JSON [JSON ...]
(prints, per set and per condition, R / P with the detector off and on, of all fillers and of
hesitations only, and the acoustic finds' own precision; `--before`: the delivery's filler count
as before session 24 — no `fit_to_sound`, `merge_acoustic` without words and regions; set
FILLER_CACHE to read the wavs from another folder)
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import numpy as np  # noqa: E402

import filler_misses as fm  # noqa: E402
import robustness as rb  # noqa: E402

from voice_coach.analysis import acoustic_fillers as af  # noqa: E402
from voice_coach.analysis.delivery import analyze_delivery  # noqa: E402
from voice_coach.analysis.fillers import is_hesitation  # noqa: E402
from voice_coach.analysis.vad import SpeechRegion  # noqa: E402
from voice_coach.audio import SAMPLE_RATE, load_audio  # noqa: E402
from voice_coach.config import Config  # noqa: E402
from voice_coach.transcriber import Word  # noqa: E402

CACHE = Path(os.environ.get("FILLER_CACHE", rb.CACHE))  # where the clips' wavs are
CFG_ON = Config().with_value("fillers.acoustic", True)


def clip_inputs(c: dict[str, Any]) -> tuple[np.ndarray, list[Word], list[SpeechRegion]]:
    audio = load_audio(CACHE / f"{c['id']}.wav")
    return (audio, [Word(t, s, e, p) for t, s, e, p in c["after"]],
            [SpeechRegion(a, b) for a, b in c["regions"]])


def extract(c: dict[str, Any]) -> list[dict[str, Any]]:
    """The scored candidates of one clip: trimmed span, features, label."""
    audio, words, regions = clip_inputs(c)
    level = af.speech_level_db(audio)
    out = []
    for cand in af.gated_candidates(audio, words, regions):
        if cand.gate is not None or cand.trimmed is None:
            continue
        s, e = cand.trimmed
        mid = (s + e) / 2
        true = any(ts - rb.FILLER_TOL_S <= mid <= te + rb.FILLER_TOL_S
                   for _, ts, te in c["truth"])
        out.append({"span": cand.span, "trimmed": cand.trimmed, "true": true,
                    "x": af.segment_features(audio, s, e, level).tolist()})
    return out


def count(c: dict[str, Any], finds: list[af.AcousticFiller], on: bool = True,
          hesitations: bool = False) -> tuple[int, int, int]:
    """Hits, detections, true fillers of one clip's filler count with `finds` added
    (`hesitations`: only hesitations counted — the scripts' truth labels no lexical filler)."""
    words = [Word(t, s, e, p) for t, s, e, p in c["after"]]
    regions = [SpeechRegion(a, b) for a, b in c["regions"]]
    dur = max([b for _, b in c["regions"]] + [w.end for w in words]) + 1.0
    cfg = CFG_ON if on else Config()
    d = analyze_delivery(regions, words, dur, cfg, finds if on else [])
    det = [[f.text, f.start, f.end] for f in d.fillers
           if not hesitations or f.source != "whisper" or is_hesitation(f.text)]
    used, _ = fm._match(det, c["truth"])
    return len(used), len(det), len(c["truth"])


def as_before() -> None:
    """The filler count before session 24: Whisper's spans as written, acoustic finds merged by
    distance alone."""
    import voice_coach.analysis.delivery as dl

    merge = dl.merge_acoustic
    dl.fit_to_sound = lambda fillers, regions: list(fillers)
    dl.merge_acoustic = lambda f, a, low=(), **_: merge(f, a, low)


GROUPS = ("clean", "brownSNR15", "whiteSNR25", "2ndspeaker", "reverb")


def main(argv: list[str]) -> int:
    if "--before" in argv:
        argv = [a for a in argv if a != "--before"]
        as_before()
    model = af.FillerModel.from_arrays(__import__("voice_coach.models", fromlist=["x"])
                                       .acoustic_filler_arrays())
    for path in argv:
        clips = json.loads(Path(path).read_text())["clips"]
        tot = {"off": np.zeros(3, int), "on": np.zeros(3, int),
               "off, hesitations": np.zeros(3, int), "on, hesitations": np.zeros(3, int)}
        tot |= {f"{m}, {g}": np.zeros(3, int) for g in GROUPS for m in ("off", "on")}
        n_find = n_true_find = 0
        for c in clips:
            cands = extract(c)
            finds = []
            for k in cands:
                p = af.filler_probability(np.array(k["x"]), model)
                if p >= model.threshold:
                    finds.append(af.AcousticFiller(*k["trimmed"], p))
                    n_find += 1
                    n_true_find += k["true"]
            tot["off"] += count(c, [], on=False)
            tot["on"] += count(c, finds)
            tot["off, hesitations"] += count(c, [], on=False, hesitations=True)
            tot["on, hesitations"] += count(c, finds, hesitations=True)
            g = next(g for g in GROUPS if g in c["id"])
            tot[f"off, {g}"] += count(c, [], on=False)
            tot[f"on, {g}"] += count(c, finds)
        for m, (h, d, t) in tot.items():
            print(f"{Path(path).stem} {m}: R {h / t:.3f} ({h}/{t}) P {h / max(d, 1):.3f} ({h}/{d})")
        print(f"  acoustic finds on a true filler: {n_true_find}/{n_find}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
