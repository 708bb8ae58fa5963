"""Pause errors by stage on the unseen robustness sets (issue #12 part 4, session 24).

Caches each clip's recovered transcript (bench/.cache/pause_stages/, per version of the recovery
sources; the first pass comes from `robustness.py --cache-first`'s bench/.cache/first_pass/), so the
pause stages (VAD regions, background voice, delivery's pause rules) can be re-run in seconds.
Per pause: hit (both edges within ±100 ms), edge error (matched at ±200/±1000 ms but an edge
off by more than 100 ms: which edge, by how many ms), merged (two true pauses in one detected),
missed, false (a detected pause no true one overlaps).

  PYTHONPATH=$PWD .venv/bin/python bench/pause_stages.py \
      --answers tests/data/spent_session22/hear22/answers.toml [--only SUBSTR] [--no-reverb]
"""
from __future__ import annotations

import argparse
import json
import pickle
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import robustness as rb  # noqa: E402
from voice_coach.analysis.delivery import analyze_delivery  # noqa: E402
from voice_coach.analysis.vad import speech_and_levels  # noqa: E402
from voice_coach.audio import load_audio  # noqa: E402
from voice_coach.config import Config  # noqa: E402
from voice_coach.pipeline import (  # noqa: E402
    candidate_speech, filler_prompt, fillers_by_sound,
)
from voice_coach.recovery import recover_lost_speech  # noqa: E402

STAGE_CACHE = ROOT / "bench" / ".cache" / "pause_stages"
TOL = 0.1


def _recovery_key() -> str:
    """A hash of the sources the recovered transcript depends on (recovery, coverage, the
    invention guard's suspects): a change there re-runs the recovery, nothing else."""
    import hashlib

    src = ROOT / "voice_coach"
    text = "".join((src / f).read_text() for f in ("recovery.py", "analysis/coverage.py",
                                                    "analysis/repeats.py"))
    return hashlib.sha1(text.encode()).hexdigest()[:10]


def transcripts(spec, wav, tr, vad, cfg):
    """(first pass, recovered transcript) of a clip: the first pass from the bench's cache
    (`robustness.first_pass`, bench/.cache/first_pass), the recovery cached here per source
    version (`_recovery_key`)."""
    STAGE_CACHE.mkdir(parents=True, exist_ok=True)
    f = STAGE_CACHE / f"{spec['id']}.{_recovery_key()}.pkl"
    if f.is_file():
        return pickle.loads(f.read_bytes())
    audio = load_audio(wav)
    (regions, quiet, releases, onsets), levels = speech_and_levels(audio, cfg.vad, model=vad)
    rb.CACHE_FIRST = True
    first = rb.first_pass(wav, audio, tr, cfg)
    regions2, _ = candidate_speech(levels, regions, quiet, first)
    rec = recover_lost_speech(audio, regions2, first, tr, prompt=filler_prompt(cfg))
    f.write_bytes(pickle.dumps((first, rec)))
    return first, rec


def pauses_of(audio, first, rec, vad, cfg):
    (regions, quiet, releases, onsets), levels = speech_and_levels(audio, cfg.vad, model=vad)
    regions, background = candidate_speech(levels, regions, quiet, first)
    after = fillers_by_sound(rec, levels, regions)
    d = analyze_delivery(regions, after.words, len(audio) / 16000, cfg, [],
                         unrecognised=after.unrecognised, quiet=quiet, background=background,
                         releases=releases, onsets=onsets)
    return d, regions, background


def classify(det, truth):
    """Per true pause: ('hit'|'edge'|'merged'|'missed', start err ms, end err ms); and the
    false detections."""
    out = []
    used = set()
    for ts, te in truth:
        over = [i for i, (s, e) in enumerate(det) if s < te and e > ts]
        if not over:
            out.append(("missed", None, None, ts, te))
            continue
        i = min(over, key=lambda i: abs(det[i][0] - ts) + abs(det[i][1] - te))
        s, e = det[i]
        n_true_in = sum(1 for a, b in truth if s < b and e > a)
        ds, de = (s - ts) * 1000, (e - te) * 1000
        kind = ("merged" if n_true_in > 1 else
                "hit" if abs(ds) <= TOL * 1000 and abs(de) <= TOL * 1000 else "edge")
        used.add(i)
        out.append((kind, round(ds), round(de), ts, te))
    false = [det[i] for i in range(len(det)) if i not in used
             and not any(det[i][0] < b and det[i][1] > a for a, b in truth)]
    return out, false


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--answers", type=Path, required=True)
    ap.add_argument("--only", default=None)
    ap.add_argument("--cache-only", action="store_true")
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--no-reverb", action="store_true",
                    help="without the reverberant-tail rule (session 24's before)")
    args = ap.parse_args(argv)
    if args.no_reverb:
        import voice_coach.analysis.vad as vadmod
        vadmod.without_reverb_tails = lambda mask, levels_db: mask
    cfg = Config()
    vad = rb.load_vad_model()
    tr = None
    specs = rb.selected_specs("unseen", args.answers, args.only)
    rows = []
    for spec in specs:
        wav, gt = rb.make_clip(spec)
        if not (STAGE_CACHE / f"{spec['id']}.{_recovery_key()}.pkl").is_file() and tr is None:
            tr = rb.load_transcriber(cfg.transcriber.backend, "tiny.en",
                                     beam_size=cfg.transcriber.beam_size)
        first, rec = transcripts(spec, wav, tr, vad, cfg)
        if args.cache_only:
            print(spec["id"], "cached", file=sys.stderr, flush=True)
            continue
        audio = load_audio(wav)
        d, regions, background = pauses_of(audio, first, rec, vad, cfg)
        det = [(p.start, p.end) for p in d.pauses]
        truth = [tuple(p) for p in gt["pauses"]]
        per, false = classify(det, truth)
        m = rb.match_pauses(det, truth, [], TOL)
        f1 = rb.prf(m["tp"], m["fp"], m["fn"])[2]
        lead = abs(d.lead_in_s - gt["lead_in_s"]) if d.lead_in_s is not None else None
        rows.append({"id": spec["id"], "noise": gt["noise"], "f1": f1, "per": per,
                     "false": false, "lead_err": lead, "lead_gt": gt["lead_in_s"],
                     "lead_det": d.lead_in_s,
                     "background": [(b.start_s, b.end_s) for b in background]})
        kinds = {}
        for k, *_ in per:
            kinds[k] = kinds.get(k, 0) + 1
        print(f"{spec['id'][:60]:60s} F1 {f1:.3f} {kinds} false {len(false)} lead err "
              f"{lead if lead is None else round(lead * 1000)}", flush=True)
        for k, ds, de, ts, te in per:
            if k != "hit":
                print(f"   {k:6s} true {ts:7.2f}-{te:7.2f} ({te - ts:.2f}s) start {ds} end {de}")
        for s, e in false:
            print(f"   false  det  {s:7.2f}-{e:7.2f}")
    if rows:
        noises = sorted({r["noise"] for r in rows})
        for n in ["all"] + noises:
            rs = [r for r in rows if n == "all" or r["noise"] == n]
            per = [p for r in rs for p in r["per"]]
            cnt = {k: sum(1 for p in per if p[0] == k) for k in ("hit", "edge", "merged", "missed")}
            st = [abs(p[1]) for p in per if p[0] == "edge" and abs(p[1]) > 100]
            en = [abs(p[2]) for p in per if p[0] == "edge" and abs(p[2]) > 100]
            print(f"{n:24s} F1 {np.mean([r['f1'] for r in rs]):.3f} {cnt} false "
                  f"{sum(len(r['false']) for r in rs)} "
                  f"start>100 {len(st)} (med {np.median(st) if st else 0:.0f}) "
                  f"end>100 {len(en)} (med {np.median(en) if en else 0:.0f})")
        if args.json:
            args.json.write_text(json.dumps(rows, indent=1, default=float))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
