"""Pause F1 at ±100 ms from the VAD alone (no Whisper: no background-voice or blip rules), with
and without the reverberant-tail rule (session 24), on the unseen sets' clips and on the real
clips of a manifest. Fast (seconds per clip): a check that a VAD change helps where it should and
changes nothing elsewhere.

  PYTHONPATH=$PWD .venv/bin/python bench/pause_vad_only.py --answers A.toml \
      [--answers B.toml] [--manifest M.json]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import robustness as rb  # noqa: E402
import voice_coach.analysis.vad as vadmod  # noqa: E402
from voice_coach.analysis.delivery import clean_regions, find_pauses  # noqa: E402
from voice_coach.audio import load_audio  # noqa: E402
from voice_coach.config import Config  # noqa: E402

RULE = vadmod.without_reverb_tails


def f1_of(audio, truth, uncertain, vad, cfg, rule):
    vadmod.without_reverb_tails = RULE if rule else (lambda mask, levels_db: mask)
    regions = vadmod.detect_speech(audio, cfg.vad, model=vad)
    det = [(p.start, p.end) for p in find_pauses(clean_regions(regions, len(audio) / 16000),
                                                   cfg.silence.min_gap_s)]
    m = rb.match_pauses(det, truth, uncertain, 0.1)
    return m["tp"], m["fp"], m["fn"]


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--answers", type=Path, action="append", default=[])
    ap.add_argument("--manifest", type=Path, action="append", default=[])
    args = ap.parse_args(argv)
    cfg, vad = Config(), rb.load_vad_model()
    groups: dict[str, list] = {}
    for a in args.answers:
        for spec in rb.clip_specs(None, "unseen", a):
            wav, gt = rb.make_clip(spec)
            audio = load_audio(wav)
            truth = [tuple(p) for p in gt["pauses"]]
            r = [f1_of(audio, truth, [], vad, cfg, x) for x in (False, True)]
            for g in ("all " + a.parent.name, gt["noise"] + " " + a.parent.name):
                groups.setdefault(g, []).append(r)
    for mpath in args.manifest:
        for clip in json.loads(mpath.read_text()):
            if not clip.get("pauses") and not clip.get("uncertain_pauses"):
                continue
            audio = load_audio(mpath.parent / clip["path"])
            truth = [tuple(p) for p in clip["pauses"]]
            unc = [tuple(p) for p in clip.get("uncertain_pauses", [])]
            r = [f1_of(audio, truth, unc, vad, cfg, x) for x in (False, True)]
            print(f"{clip['id']:45s} F1 {rb.prf(*r[0])[2]:.3f} -> {rb.prf(*r[1])[2]:.3f}")
            groups.setdefault("real " + mpath.parent.name, []).append(r)
    for g, rs in groups.items():
        b = [rb.prf(*x[0])[2] for x in rs]
        a = [rb.prf(*x[1])[2] for x in rs]
        print(f"{g:40s} clips {len(rs):3d} mean F1 {np.mean(b):.3f} -> {np.mean(a):.3f}  "
              f"changed {sum(1 for x in rs if x[0] != x[1])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
