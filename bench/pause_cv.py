"""Pause edges on the real clips: per-clip F1 and boundary error, and how well the VAD's edge
constants generalise (leave-one-clip-out cross-validation).

For every real clip of tests/data/manifest.json this computes the Silero window probabilities
and the 10 ms frame levels once, then the speech regions and pauses (as the report finds them:
`analysis.vad.regions_from_probabilities` → `analysis.delivery.find_pauses`) for the shipped
edge constants and for a small grid of alternatives (`GRID`). A pause is a hit when both edges
are within ±100 ms of a ground-truth pause (one-to-one; a detection over an `uncertain_pauses`
entry is neither hit nor false alarm), as in bench/accuracy.py.

Cross-validation: for each held-out clip, the grid point with the best pooled F1 on the other
clips (ties: the shipped constants, then the smaller boundary error) is applied to the held-out
clip. The pooled held-out F1 is what the edge rules are expected to do on real speech they were
not tuned on; the shipped row is in-sample for the clips the constants were set on.

Further tables, none shipped: (1) the VAD's own confidence at the faint-sound rule: a run of
frames the rule calls faint (more than `LOCAL_RANGE_DB` below the speaker's nearby words) stays
speech when Silero's mean probability over it reaches a level (`SILERO_KEEP`), leave-one-clip-out
over those levels in the same way; (2) energy hysteresis at Silero's edges (`HYSTERESIS_DB`),
with lead-in and wpm (reference words) errors, leave-one-clip-out likewise. Silero's window
phase, the phase mean and the edge bridge (shipped in round seven) are measured over start
offsets in bench/vad_phase.py.

Usage: .venv/bin/python bench/pause_cv.py [--out DIR]   (writes DIR/pause_cv.md)
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from accuracy import match_pauses, prf  # noqa: E402
from common import publish  # noqa: E402

from voice_coach.analysis import vad  # noqa: E402
from voice_coach.analysis.delivery import clean_regions, find_pauses  # noqa: E402
from voice_coach.audio import SAMPLE_RATE, load_audio  # noqa: E402
from voice_coach.config import Config  # noqa: E402

TOL_S = 0.1
# The edge constants the cross-validation may change, and the values it may pick from.
GRID: dict[str, tuple[float, ...]] = {
    "LOCAL_RANGE_DB": (20.0, 25.0, 30.0, 35.0, 200.0),  # 200: no faint-sound rule
    "ENERGY_RANGE_DB": (30.0, 35.0, 40.0),
    "ENERGY_FLOOR_DB": (6.0, 8.0, 10.0),
    "LOCAL_BRIDGE_S": (0.05, 0.15),
    "LOCAL_WINDOW_S": (0.5, 1.0, 2.0),  # ± this much around a sound is its speaker's level
    "EDGE_SURE_PROB": (0.7, 0.9, 1.1),  # 1.1: an inward edge move ignores Silero
}


# Faint runs Silero is this confident about stay speech (None: the shipped rule, all dropped).
SILERO_KEEP: tuple[float | None, ...] = (None, 0.5, 0.6, 0.7, 0.8, 0.9)
SHIPPED_ENERGY_MASK = vad.energy_mask
# Energy hysteresis at Silero's edges (not shipped): a loud run is followed down to the loud
# threshold lowered by this many dB (None: the shipped rule, one threshold).
HYSTERESIS_DB: tuple[float | None, ...] = (None, 2.0, 4.0, 6.0, 8.0)
SHIPPED_REFINE = vad._refine


def shipped() -> dict[str, float]:
    """The constants as they are in analysis/vad.py."""
    return {k: float(getattr(vad, k)) for k in GRID}


def pauses_for(clip: dict[str, Any], params: dict[str, float], cfg: Config
               ) -> list[tuple[float, float]]:
    """The report's pauses for one clip under `params` (module constants set, then restored)."""
    old = {k: getattr(vad, k) for k in params}
    try:
        for k, v in params.items():
            setattr(vad, k, v)
        regions = vad.regions_from_probabilities(clip["probs"], cfg.vad, clip["n"], SAMPLE_RATE,
                                                 clip["levels"])
    finally:
        for k, v in old.items():
            setattr(vad, k, v)
    segs = clean_regions(regions, clip["n"] / SAMPLE_RATE)
    return [(p.start, p.end) for p in find_pauses(segs, cfg.silence.min_gap_s)]


def silero_kept_mask(levels_db: np.ndarray, probs: np.ndarray, keep: float) -> np.ndarray:
    """`vad.energy_mask`, except that a faint run it drops stays when Silero's mean probability
    (`probs`: one per step of `vad.PHASES` phases) over the run reaches `keep`."""
    from scipy.ndimage import label

    mask = SHIPPED_ENERGY_MASK(levels_db)
    loud = np.percentile(levels_db, vad.ENERGY_LOUD_PCT)
    floor = np.percentile(levels_db, vad.ENERGY_FLOOR_PCT)
    level_ok = levels_db > max(loud - vad.ENERGY_RANGE_DB, floor + vad.ENERGY_FLOOR_DB)
    runs, n = label(level_ok & ~mask)
    win = (np.arange(levels_db.size) * vad.ENERGY_FRAME_S * SAMPLE_RATE
           / (vad.WINDOW_SAMPLES // vad.PHASES)).astype(int).clip(0, probs.size - 1)
    out = mask.copy()
    for k in range(1, n + 1):
        idx = np.flatnonzero(runs == k)
        if probs[win[idx]].mean() >= keep:
            out[idx] = True
    return out


def pauses_silero_kept(clip: dict[str, Any], keep: float | None, cfg: Config
                       ) -> list[tuple[float, float]]:
    """The report's pauses for one clip when faint runs Silero is `keep`-confident about stay
    speech (`vad.energy_mask` swapped for `silero_kept_mask`, then restored)."""
    if keep is None:
        return pauses_for(clip, shipped(), cfg)
    try:
        vad.energy_mask = lambda levels: silero_kept_mask(levels, clip["probs"], keep)
        return pauses_for(clip, shipped(), cfg)
    finally:
        vad.energy_mask = SHIPPED_ENERGY_MASK


def cross_validate_silero_keep(clips: list[dict[str, Any]], cfg: Config) -> dict[str, Any]:
    """Per `SILERO_KEEP` level the pooled score; leave-one-clip-out choice of the level (ties:
    the shipped rule, then the smaller boundary error)."""
    table = {k: [score(c, pauses_silero_kept(c, k, cfg)) for c in clips] for k in SILERO_KEEP}
    cv, chosen = [], []
    for i in range(len(clips)):
        def key(k: float | None) -> tuple[float, int, float]:
            s = pooled([m for j, m in enumerate(table[k]) if j != i])
            return (s["f1"] or 0.0, int(k is None), -(s["err_ms"] or 0.0))
        best = max(SILERO_KEEP, key=key)
        chosen.append(best)
        cv.append(table[best][i])
    return {"levels": {k: pooled(v) for k, v in table.items()}, "cv": pooled(cv),
            "chosen": dict(zip((c["id"] for c in clips), chosen))}


def hysteresis_mask(levels_db: np.ndarray, mask: np.ndarray, drop_db: float) -> np.ndarray:
    """`mask` (the speaker's loud frames) with each loud run extended, frame by frame, while the
    level stays above the loud threshold lowered by `drop_db` (a Schmitt trigger: a sound is
    found at the loud threshold and followed down to the lower one — a hoarse or breathy word
    ending that sinks under the threshold before it ends)."""
    from scipy.ndimage import label

    loud = np.percentile(levels_db, vad.ENERGY_LOUD_PCT)
    floor = np.percentile(levels_db, vad.ENERGY_FLOOR_PCT)
    low = levels_db > max(loud - vad.ENERGY_RANGE_DB, floor + vad.ENERGY_FLOOR_DB) - drop_db
    runs, _ = label(low)
    kept = np.unique(runs[mask & low])
    return mask | np.isin(runs, kept[kept > 0])


def regions_hysteresis(clip: dict[str, Any], drop_db: float | None, cfg: Config
                       ) -> list[Any]:
    """The report's speech regions for one clip when Silero's edges snap to the edges of
    `hysteresis_mask` (inner splits keep the shipped mask); None: the shipped rule."""
    if drop_db is None:
        return vad.regions_from_probabilities(clip["probs"], cfg.vad, clip["n"], SAMPLE_RATE,
                                              clip["levels"])
    try:
        vad._refine = lambda regions, mask, sure=None: SHIPPED_REFINE(
            regions, hysteresis_mask(clip["levels"], mask, drop_db), sure)
        return vad.regions_from_probabilities(clip["probs"], cfg.vad, clip["n"], SAMPLE_RATE,
                                              clip["levels"])
    finally:
        vad._refine = SHIPPED_REFINE


def span_score(clip: dict[str, Any], regions: list[Any], cfg: Config) -> dict[str, Any]:
    """`score` of the regions' pauses plus the lead-in error (s) and the wpm error with the
    reference word count over the detected speech span (the timing part of the wpm error)."""
    segs = clean_regions(regions, clip["n"] / SAMPLE_RATE)
    m = score(clip, [(p.start, p.end) for p in find_pauses(segs, cfg.silence.min_gap_s)])
    lead = abs(segs[0].start_s - clip["lead_in"]) if segs and clip["lead_in"] is not None else None
    span = segs[-1].end_s - segs[0].start_s if segs else 0.0
    wpm = clip["words"] / (span / 60) if span > 0 and clip["words"] else None
    return m | {"lead_in_err_s": lead,
                "wpm_err": abs(wpm - clip["wpm"]) / clip["wpm"] if wpm and clip["wpm"] else None}


def cross_validate_hysteresis(clips: list[dict[str, Any]], cfg: Config) -> dict[str, Any]:
    """Per `HYSTERESIS_DB` level the pooled score; leave-one-clip-out choice of the level (ties:
    the shipped rule, then the smaller boundary error), as `cross_validate_silero_keep`."""
    table = {h: [span_score(c, regions_hysteresis(c, h, cfg), cfg) for c in clips]
             for h in HYSTERESIS_DB}
    cv, chosen = [], []
    for i in range(len(clips)):
        def key(h: float | None) -> tuple[float, int, float]:
            s = pooled([m for j, m in enumerate(table[h]) if j != i])
            return (s["f1"] or 0.0, int(h is None), -(s["err_ms"] or 0.0))
        best = max(HYSTERESIS_DB, key=key)
        chosen.append(best)
        cv.append(table[best][i])
    return {"levels": {h: pooled(v) for h, v in table.items()}, "cv": pooled(cv),
            "per_clip": {c["id"]: (table[None][i], cv[i]) for i, c in enumerate(clips)},
            "chosen": dict(zip((c["id"] for c in clips), chosen))}


def score(clip: dict[str, Any], detected: list[tuple[float, float]]) -> dict[str, Any]:
    """Hits, false alarms, misses and boundary errors at ±`TOL_S`."""
    return match_pauses(detected, clip["truth"], clip["uncertain"], TOL_S)



def pooled(ms: list[dict[str, Any]]) -> dict[str, Any]:
    tp, fp, fn = (sum(m[k] for m in ms) for k in ("tp", "fp", "fn"))
    p, r, f = prf(tp, fp, fn)
    errs = [e for m in ms for e in m["boundary_errors_s"]]
    out = {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f,
           "err_ms": 1000 * sum(errs) / len(errs) if errs else None,
           "max_err_ms": 1000 * max(errs) if errs else None}
    for k in ("lead_in_err_s", "wpm_err"):
        xs = [m[k] for m in ms if m.get(k) is not None]
        out[k] = (sum(xs) / len(xs), max(xs)) if xs else None
    return out


def load_clips(manifest: Path) -> list[dict[str, Any]]:
    model = vad.load_vad_model()
    out = []
    for gt in json.loads(manifest.read_text()):
        if gt.get("kind") != "real":
            continue
        audio = load_audio(manifest.parent / gt["path"])
        out.append({"id": gt["id"], "n": audio.shape[0], "probs": model.probabilities(audio),
                    "levels": vad.frame_levels_db(audio),
                    "lead_in": gt.get("lead_in_s"), "words": gt.get("word_count"),
                    "wpm": gt.get("wpm"),
                    "truth": [tuple(p) for p in gt.get("pauses", [])],
                    "uncertain": [tuple(p) for p in gt.get("uncertain_pauses", [])]})
    return out


def cross_validate(clips: list[dict[str, Any]], cfg: Config) -> dict[str, Any]:
    base = shipped()
    points = [dict(zip(GRID, v)) for v in itertools.product(*GRID.values())]
    table = {i: [score(c, pauses_for(c, p, cfg)) for c in clips] for i, p in enumerate(points)}
    ship = [score(c, pauses_for(c, base, cfg)) for c in clips]
    per = []
    for k, c in enumerate(clips):
        def key(i: int) -> tuple[float, int, float]:
            s = pooled([m for j, m in enumerate(table[i]) if j != k])
            return (s["f1"] or 0.0, int(points[i] == base), -(s["err_ms"] or 0.0))
        best = max(table, key=key)
        per.append({"id": c["id"], "params": points[best], "cv": table[best][k],
                    "shipped": ship[k]})
    return {"per_clip": per, "shipped": pooled(ship), "cv": pooled([r["cv"] for r in per])}


def _f(x: float | None, fmt: str = "{:.2f}") -> str:
    return "–" if x is None else fmt.format(x)


def render(res: dict[str, Any]) -> str:
    base = shipped()
    lines = ["Pause edges on the real clips (±100 ms, both edges), shipped VAD constants "
             f"({', '.join(f'{k} {v:g}' for k, v in base.items())}) and leave-one-clip-out "
             f"(grid: {', '.join(f'{k} {list(v)}' for k, v in GRID.items())}):", "",
             "| clip | pauses gt | shipped: F1 | P / R | boundary err ms (mean / max) "
             "| CV: F1 | CV: constants that differ |", "|---|---|---|---|---|---|---|"]
    for r in res["per_clip"]:
        s, c = pooled([r["shipped"]]), pooled([r["cv"]])
        diff = ", ".join(f"{k} {v:g}" for k, v in r["params"].items() if v != base[k]) or "none"
        lines.append(f"| {r['id']} | {s['tp'] + s['fn']} | {_f(s['f1'])} | {_f(s['precision'])}"
                     f" / {_f(s['recall'])} | {_f(s['err_ms'], '{:.0f}')} / "
                     f"{_f(s['max_err_ms'], '{:.0f}')} | {_f(c['f1'])} | {diff} |")
    s, c = res["shipped"], res["cv"]
    lines.append(f"| **pooled** | {s['tp'] + s['fn']} | **{_f(s['f1'])}** | {_f(s['precision'])}"
                 f" / {_f(s['recall'])} | {_f(s['err_ms'], '{:.0f}')} / "
                 f"{_f(s['max_err_ms'], '{:.0f}')} | **{_f(c['f1'])}** | |")
    return "\n".join(lines) + "\n"


def render_silero_keep(res: dict[str, Any]) -> str:
    """Markdown: pooled score per `SILERO_KEEP` level and the leave-one-clip-out result."""
    lines = ["", "Faint runs kept as speech when Silero is confident over them (not shipped; "
             "'shipped' drops every faint run):", "",
             "| Silero mean probability to keep a faint run | F1 | P / R | boundary err ms "
             "(mean / max) |", "|---|---|---|---|"]
    for k, s in res["levels"].items():
        lines.append(f"| {'shipped' if k is None else k} | {_f(s['f1'])} | {_f(s['precision'])}"
                     f" / {_f(s['recall'])} | {_f(s['err_ms'], '{:.0f}')} / "
                     f"{_f(s['max_err_ms'], '{:.0f}')} |")
    c = res["cv"]
    picks = ", ".join(f"{cid} {'shipped' if k is None else k}"
                      for cid, k in res["chosen"].items())
    lines.append(f"| **leave-one-clip-out** ({picks}) | **{_f(c['f1'])}** | "
                 f"{_f(c['precision'])} / {_f(c['recall'])} | {_f(c['err_ms'], '{:.0f}')} / "
                 f"{_f(c['max_err_ms'], '{:.0f}')} |")
    return "\n".join(lines) + "\n"


def render_hysteresis(res: dict[str, Any]) -> str:
    """Markdown: pooled score per `HYSTERESIS_DB` level with lead-in and wpm (reference words)
    errors, the leave-one-clip-out result, and per clip shipped vs. held-out."""
    def row(name: str, s: dict[str, Any]) -> str:
        li, wp = s["lead_in_err_s"], s["wpm_err"]
        return (f"| {name} | {_f(s['f1'])} | {_f(s['precision'])} / {_f(s['recall'])} | "
                f"{_f(s['err_ms'], '{:.0f}')} / {_f(s['max_err_ms'], '{:.0f}')} | "
                f"{_f(li and 1000 * li[0], '{:.0f}')} / {_f(li and 1000 * li[1], '{:.0f}')} | "
                f"{_f(wp and 100 * wp[0], '{:.1f}%')} / {_f(wp and 100 * wp[1], '{:.1f}%')} |")

    head = ("| F1 | P / R | boundary err ms (mean / max) | lead-in err ms (mean / max) "
            "| wpm err, ref. words (mean / max) |")
    lines = ["", "Energy hysteresis at Silero's edges (not shipped unless the held-out F1 "
             "improves): each loud run is followed down to the loud threshold lowered by a "
             "number of dB before Silero's edge snaps to it:", "",
             "| drop, dB " + head, "|---|---|---|---|---|---|"]
    for h, s in res["levels"].items():
        lines.append(row("shipped (none)" if h is None else f"{h:g}", s))
    picks = ", ".join(f"{cid} {'none' if h is None else f'{h:g}'}"
                      for cid, h in res["chosen"].items())
    lines.append(row(f"**leave-one-clip-out** ({picks})", res["cv"]))
    lines += ["", "Per clip, shipped rule (the held-out choice where it differs):", "",
              "| clip " + head, "|---|---|---|---|---|---|"]
    for cid, (a, b) in res["per_clip"].items():
        lines.append(row(cid, pooled([a])))
        if res["chosen"][cid] is not None:
            lines.append(row(f"{cid}, held-out ({res['chosen'][cid]:g} dB)", pooled([b])))
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--manifest", default=str(ROOT / "tests/data/manifest.json"))
    ap.add_argument("--out", default=str(ROOT / "bench/results"))
    args = ap.parse_args(argv)
    clips, cfg = load_clips(Path(args.manifest)), Config()
    publish(render(cross_validate(clips, cfg)) + render_silero_keep(
        cross_validate_silero_keep(clips, cfg))
        + render_hysteresis(cross_validate_hysteresis(clips, cfg)),
        "pause_cv", args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
