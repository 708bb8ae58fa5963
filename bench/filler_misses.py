"""Where the fillers of the hesitant scripts are lost: one row per true filler with its cause.

Runs the stages of `bench/robustness.py --conditions unseen` (VAD, first pass, recovery,
`fillers_by_sound`, delivery with and without the acoustic detector) on an answer set and, for
each true filler (from the generated clip's construction) and each false one, records what every
stage did near it, then names the cause (see `classify_miss` / `classify_false`).

Usage: nice .venv/bin/python bench/filler_misses.py --answers PATH --tag NAME [--only SUBSTR]
(writes bench/results/<tag>.{md,json}; `--from-json` re-tabulates a saved run without Whisper).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import numpy as np  # noqa: E402

import robustness as rb  # noqa: E402
from common import finish, md_table  # noqa: E402

from voice_coach.analysis.acoustic_fillers import (  # noqa: E402
    FillerModel, filler_probability, gated_candidates, segment_features, speech_level_db,
)
from voice_coach.analysis.delivery import analyze_delivery  # noqa: E402
from voice_coach.analysis.fillers import MIN_FILLER_PROBABILITY, is_hesitation  # noqa: E402
from voice_coach.analysis.vad import load_vad_model, speech_and_levels  # noqa: E402
from voice_coach.audio import SAMPLE_RATE, load_audio  # noqa: E402
from voice_coach.config import Config  # noqa: E402
from voice_coach.models import acoustic_filler_arrays  # noqa: E402
from voice_coach.pipeline import (  # noqa: E402
    _acoustic_fillers, candidate_speech, filler_prompt, fillers_by_sound, transcribe_audio,
)
from voice_coach.recovery import recover_lost_speech  # noqa: E402
from voice_coach.transcriber import load_transcriber  # noqa: E402

TOL = rb.FILLER_TOL_S
NEAR_S = 1.0  # a written hesitation this close to a true filler is "written, placed off"


def _w(words) -> list[list[Any]]:
    return [[w.text, round(float(w.start), 3), round(float(w.end), 3),
             round(float(w.probability), 3)] for w in words]


def candidates(audio: np.ndarray, words, regions) -> tuple[list[dict[str, Any]], float]:
    """Every uncovered stretch the acoustic detector looks at, with the gate that stops it
    (`acoustic_fillers.gated_candidates`, the detector's own loop) and the model's score."""
    model = FillerModel.from_arrays(acoustic_filler_arrays())
    speech_level = speech_level_db(audio)
    out = []
    for c in gated_candidates(audio, words, regions):
        row: dict[str, Any] = {"span": [round(c.span[0], 3), round(c.span[1], 3)],
                               "gate": c.gate}
        if c.trimmed is not None:
            row["trimmed"] = [round(c.trimmed[0], 3), round(c.trimmed[1], 3)]
            row["p"] = round(filler_probability(
                segment_features(audio, *c.trimmed, speech_level), model), 3)
        out.append(row)
    return out, float(model.threshold)


def run_clip(wav: Path, gt: dict[str, Any], tr, vad, cfg: Config) -> dict[str, Any]:
    audio = load_audio(wav)
    dur = len(audio) / SAMPLE_RATE
    (regions, quiet, releases, onsets), levels = speech_and_levels(audio, cfg.vad, model=vad)
    first = rb.first_pass(wav, audio, tr, cfg)  # cached with --cache-first
    regions, background = candidate_speech(levels, regions, quiet, first)
    rec = recover_lost_speech(audio, regions, first, tr, prompt=filler_prompt(cfg))
    after = fillers_by_sound(rec, levels, regions)
    d_off = analyze_delivery(regions, after.words, dur, cfg, [], unrecognised=after.unrecognised,
                             quiet=quiet, background=background, releases=releases, onsets=onsets)
    cfg_on = dataclasses.replace(cfg, fillers=dataclasses.replace(cfg.fillers, acoustic=True))
    acoustic = _acoustic_fillers(audio, after.words, regions, cfg_on)
    d_on = analyze_delivery(regions, after.words, dur, cfg_on, acoustic,
                            unrecognised=after.unrecognised, quiet=quiet, background=background,
                            releases=releases, onsets=onsets)
    cands, thr = candidates(audio, after.words, regions)
    return {"id": gt["id"], "truth": gt["fillers"],
            "regions": [[round(r.start_s, 3), round(r.end_s, 3)] for r in regions],
            "first": _w(first.words), "rec": _w(rec.words), "after": _w(after.words),
            "det_off": [[f.text, round(f.start, 3), round(f.end, 3)] for f in d_off.fillers],
            "det_on": [[f.text, round(f.start, 3), round(f.end, 3), f.source]
                       for f in d_on.fillers],
            "candidates": cands, "threshold": thr}


def _match(det: list[list[Any]], truth: list[list[Any]]) -> tuple[dict[int, int], list[int]]:
    """As `robustness.match_fillers_timed`: truth index → det index; unmatched det indices."""
    used: dict[int, int] = {}
    free = []
    for k in sorted(range(len(det)), key=lambda k: (det[k][1], det[k][2])):
        s, e = det[k][1], det[k][2]
        mid = (s + e) / 2
        for j, (_, ts, te) in enumerate(truth):
            if j not in used and ts - TOL <= mid <= te + TOL:
                used[j] = k
                break
        else:
            free.append(k)
    return used, free


def _near(words, ts, te, reach):
    return [w for w in words if is_hesitation(w[0]) and w[1] <= te + reach and w[2] >= ts - reach]


def _run_of(truth, j, gap=0.5):
    """Whether true filler j is part of a run ("uh, uh"): another true filler within `gap` s."""
    return any(k != j and (abs(truth[k][1] - truth[j][2]) < gap or abs(truth[j][1] - truth[k][2])
                           < gap) for k in range(len(truth)))


def classify_miss(c: dict[str, Any], j: int, used_det: set[int], det: list[list[Any]]) -> str:
    _, ts, te = c["truth"][j]
    mid = (ts + te) / 2
    first = _near(c["first"], ts, te, NEAR_S)
    after = _near(c["after"], ts, te, NEAR_S)
    # a detection near but matched to another filler, or just outside the window
    unmatched_near = [k for k, f in enumerate(det) if k not in used_det
                      and abs((f[1] + f[2]) / 2 - mid) <= NEAR_S + (te - ts) / 2]
    if unmatched_near:
        return "detected, timed > 0.3 s off"
    if not first and not after:
        # Whisper wrote no hesitation within 1 s
        if not any(r[0] < te and r[1] > ts for r in c["regions"]):
            return "dropped by Whisper; not VAD speech"
        cands = [x for x in c["candidates"] if x["span"][0] < te and x["span"][1] > ts]
        if not cands:
            return "dropped by Whisper; a word's span covers its sound"
        gates = {x["gate"] for x in cands}
        if None in gates:
            return "dropped by Whisper; acoustic score < threshold"
        return f"dropped by Whisper; acoustic gate: {sorted(g for g in gates if g)[0]}"
    conf = [w for w in after if w[3] >= MIN_FILLER_PROBABILITY]
    if not conf:
        return "written improbable (p < 0.05)"
    if _run_of(c["truth"], j):
        return "run written with fewer (uh, uh → one)"
    return "written near, counted elsewhere (a neighbour took it)"


def classify_false(c: dict[str, Any], k: int, det: list[list[Any]]) -> str:
    f = det[k]
    mid = (f[1] + f[2]) / 2
    src = f[3] if len(f) > 3 else "whisper"
    if "acoustic" == src:
        return "acoustic find on a word / silence"
    near_truth = [t for t in c["truth"] if abs((t[1] + t[2]) / 2 - mid) <= NEAR_S]
    if near_truth:
        return "true filler near, timed > 0.3 s off / extra in run"
    lex = not is_hesitation(f[0])
    if lex:
        return f"lexical filler ({f[0]!r})"
    over_word = [w for w in c["after"] if not is_hesitation(w[0]) and w[1] < f[2] and w[2] > f[1]]
    return "hesitation written over a word" if over_word else "hesitation invented (no filler there)"


def tabulate(clips: list[dict[str, Any]]) -> tuple[str, dict[str, Any]]:
    out: dict[str, Any] = {}
    text = ""
    for mode in ("det_off", "det_on"):
        miss, false = Counter(), Counter()
        n_true = n_hit = n_det = 0
        rows = []
        for c in clips:
            det = c[mode]
            used, free = _match(det, c["truth"])
            n_true += len(c["truth"])
            n_hit += len(used)
            n_det += len(det)
            for j in range(len(c["truth"])):
                if j in used:
                    continue
                cause = classify_miss(c, j, set(used.values()), det)
                miss[cause] += 1
                rows.append([c["id"], "miss", c["truth"][j], cause])
            for k in free:
                cause = classify_false(c, k, det)
                false[cause] += 1
                rows.append([c["id"], "false", det[k][:3], cause])
        r = n_hit / n_true if n_true else 0
        p = n_hit / n_det if n_det else 0
        name = "Whisper only" if mode == "det_off" else "+ acoustic detector"
        text += (f"### {name}: recall {r:.3f} ({n_hit}/{n_true}), precision {p:.3f} "
                 f"({n_hit}/{n_det})\n\n"
                 + md_table(["missed filler: cause", "n", "share of misses"],
                            [[k, v, round(v / max(1, sum(miss.values())), 2)]
                             for k, v in miss.most_common()])
                 + "\n\n"
                 + md_table(["false filler: cause", "n"], [[k, v] for k, v in false.most_common()])
                 + "\n\n")
        out[mode] = {"recall": r, "precision": p, "hits": n_hit, "true": n_true, "det": n_det,
                     "miss": dict(miss), "false": dict(false), "rows": rows}
    return text, out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--answers", type=Path, required=False)
    ap.add_argument("--tag", default="filler_misses")
    ap.add_argument("--only", default=None)
    ap.add_argument("--model", default="tiny.en")
    ap.add_argument("--from-json", type=Path, default=None)
    ap.add_argument("--cache-first", action="store_true",
                    help="reuse each clip's first Whisper pass (bench/.cache/first_pass)")
    args = ap.parse_args(argv)
    rb.CACHE_FIRST = args.cache_first
    if args.from_json:
        clips = json.loads(args.from_json.read_text())["clips"]
    else:
        cfg = Config()
        tr = load_transcriber(cfg.transcriber.backend, args.model,
                              beam_size=cfg.transcriber.beam_size)
        vad = load_vad_model()
        specs = rb.selected_specs("unseen", args.answers, args.only)
        clips = []
        for spec in specs:
            wav, gt = rb.make_clip(spec)
            clips.append(run_clip(wav, gt, tr, vad, cfg))
            print(gt["id"], len(gt["fillers"]), len(clips[-1]["det_off"]), file=sys.stderr)
    table, data = tabulate(clips)
    return finish(args.tag, "Fillers of the hesitant scripts: misses and false ones by cause",
                  table, {"clips": clips, "causes": data})


if __name__ == "__main__":
    raise SystemExit(main())
