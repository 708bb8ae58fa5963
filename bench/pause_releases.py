"""Pause F1 at ±100 ms from the VAD alone (no Whisper): without the soft releases that move
pause starts (`vad.releases_after`, session 26), with them, and with them and the soft onsets that
move pause ends (`vad.onsets_before`, session 26b), per set and condition of the unseen hesitant
sets and on the real clips of the manifests. Each true pause is classified as bench/pause_stages.py
does (hit, edge — start or end off by > 100 ms —, merged, missed) and every detection no true
pause overlaps is false. Silero's probabilities are cached per clip (bench/.cache/vad_probs/), so
a run after a change to the edge rules takes seconds per set.

  PYTHONPATH=$PWD .venv/bin/python bench/pause_releases.py --answers A.toml [--answers B.toml]
      [--manifest M.json] [--verbose]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import robustness as rb  # noqa: E402
from pause_stages import classify  # noqa: E402

from voice_coach.analysis import vad  # noqa: E402
from voice_coach.analysis.delivery import clean_regions, find_pauses  # noqa: E402
from voice_coach.audio import SAMPLE_RATE, load_audio  # noqa: E402
from voice_coach.config import Config  # noqa: E402

PROBS_CACHE = ROOT / "bench" / ".cache" / "vad_probs"
TOL_S = 0.1


def probabilities(audio: np.ndarray, model) -> np.ndarray:
    """Silero's probabilities of `audio` (`PHASES` phases), cached by the audio's digest."""
    PROBS_CACHE.mkdir(parents=True, exist_ok=True)
    key = hashlib.sha256(np.ascontiguousarray(audio, np.float32)).hexdigest()[:20]
    f = PROBS_CACHE / f"{key}.npy"
    if f.is_file():
        return np.load(f)
    p = model.probabilities(audio)
    np.save(f, p)
    return p


def score(audio, truth, uncertain, model, cfg):
    """(no releases, releases, releases + onsets): each (tp, fp, fn, boundary errors s,
    per-pause kinds, false)."""
    levels = vad.frame_levels_db(audio)
    speech = vad.speech_from(probabilities(audio, model), levels, cfg.vad, audio.size,
                             SAMPLE_RATE)
    segs = clean_regions(speech.regions, audio.size / SAMPLE_RATE)
    out = []
    for rel, ons in (((), ()), (speech.releases, ()), (speech.releases, speech.onsets)):
        det = [(p.start, p.end) for p in find_pauses(segs, cfg.silence.min_gap_s, rel, ons)]
        m = rb.match_pauses(det, truth, uncertain, TOL_S)
        per, false = classify(det, truth)
        out.append((m["tp"], m["fp"], m["fn"], m["boundary_errors_s"], per, false))
    return out


def kinds(rows, k):
    per = [p for r in rows for p in r[k][4]]
    c = {"hit": 0, "start early": 0, "start late": 0, "end off": 0, "merged": 0, "missed": 0}
    for kind, ds, de, *_ in per:
        if kind == "edge":
            if abs(ds) > TOL_S * 1000:
                c["start early" if ds < 0 else "start late"] += 1
            else:
                c["end off"] += 1
        else:
            c[kind] += 1
    c["false"] = sum(len(r[k][5]) for r in rows)
    return c


def line(name, rows):
    def pooled(k):
        tp, fp, fn = (sum(r[k][i] for r in rows) for i in range(3))
        errs = [e for r in rows for e in r[k][3]]
        return rb.prf(tp, fp, fn)[2], 1000 * float(np.mean(errs)) if errs else 0.0
    (f0, e0), (fb, eb), (fa, ea) = pooled(0), pooled(1), pooled(2)
    kb, ka = kinds(rows, 1), kinds(rows, 2)
    diff = " ".join(f"{k} {kb[k]}→{ka[k]}" if kb[k] != ka[k] else f"{k} {kb[k]}" for k in kb)
    return (f"{name:28s} {len(rows):3d} clips  F1 {f0:.3f} → rel {fb:.3f} → +onsets {fa:.3f}  "
            f"err {e0:.0f} → {eb:.0f} → {ea:.0f} ms  | rel→+onsets: {diff}")


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--answers", type=Path, action="append", default=[])
    ap.add_argument("--manifest", type=Path, action="append", default=[])
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args(argv)
    cfg, model = Config(), rb.load_vad_model()
    groups: dict[str, list] = {}
    for a in args.answers:
        for spec in rb.clip_specs(None, "unseen", a):
            wav, gt = rb.make_clip(spec)
            audio = load_audio(wav)
            r = score(audio, [tuple(p) for p in gt["pauses"]], [], model, cfg)
            for g in (a.parent.name + " all", a.parent.name + " " + gt["noise"]):
                groups.setdefault(g, []).append(r)
            if args.verbose:
                for k, name in ((1, "releases"), (2, "+onsets")):
                    bad = [p for p in r[k][4] if p[0] != "hit"]
                    print(f"{spec['id']} {name}: {bad} false {r[k][5]}")
    for mpath in args.manifest:
        for clip in json.loads(mpath.read_text()):
            if "pauses" not in clip:
                continue
            audio = load_audio(mpath.parent / clip["path"])
            r = score(audio, [tuple(p) for p in clip["pauses"]],
                      [tuple(p) for p in clip.get("uncertain_pauses", [])], model, cfg)
            groups.setdefault("real clips", []).append(r)
            if args.verbose and (r[0][:3] != r[1][:3] or r[1][:3] != r[2][:3]):
                print(f"{clip['id']}: {r[0][:3]} → {r[1][:3]} → {r[2][:3]}")
    for g, rows in groups.items():
        print(line(g, rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
