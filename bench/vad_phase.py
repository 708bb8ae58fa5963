"""Pause edges against Silero's window phase: one phase (before) and the mean of K phases
(`vad.PHASES`, `vad.phase_mean`) side by side, over many start offsets of every real clip.

Every real clip of tests/data/manifest.json is cut by `OFFSETS` samples at its start (ground
truth shifted with it): a recording that starts a few ms earlier or later. The offsets are every
32 samples (2 ms) of one 32 ms Silero window, so half of them fall between the steps of every
phase grid tried here (K ≤ 8: steps of ≥ 64 samples) — a phase grid is not scored only on shifts
it is built to absorb. For each clip, offset and variant (`VARIANTS`: phases K and how the
phases are combined) the report's regions (`vad.regions_from_probabilities` with the 10 ms frame
levels → `delivery.find_pauses`) are scored as in bench/pause_cv.py: F1 at ±100 ms (both edges),
boundary error, lead-in error, wpm error with the reference word count.

Leave-one-clip-out: for each held-out clip the variant with the best pooled F1 over the other
clips at every offset (ties: fewer phases, then the smaller boundary error) is applied to the
held-out clip at every offset; the CV row is what the choice is expected to do on a clip it was
not made on. Cost: Silero CPU ms per minute of audio per variant (process time, this machine),
and the VAD's CPU time on bench/bench_feedback.py's 122 s answer while it streams, after it
ends, and in batch, at one phase and at `vad.PHASES`.

A last table runs the same before/shipped pair on espeak-ng answers with exact pauses that
nothing was tuned on (bench/pause_voices.py's voices, bench/robustness.py's 48 answers).

Usage: .venv/bin/python bench/vad_phase.py [--out DIR] [--no-synthetic]
(writes DIR/vad_phase.md)
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any, Callable

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import publish  # noqa: E402
from pause_cv import _f, pooled, span_score  # noqa: E402

from voice_coach.analysis import vad  # noqa: E402
from voice_coach.audio import SAMPLE_RATE, load_audio  # noqa: E402
from voice_coach.config import Config  # noqa: E402

OFFSETS = tuple(range(0, vad.WINDOW_SAMPLES, 32))  # samples cut off the clip's start
MAX_PHASES = 8


def _phase_stack(per_phase: list[np.ndarray], n_samples: int) -> np.ndarray:
    """(phases, steps) array of the window of each phase over each step (NaN: not started)."""
    k_phases = len(per_phase)
    step = vad.WINDOW_SAMPLES // k_phases
    n = -(-n_samples // step)
    stack = np.full((k_phases, n), np.nan)
    t = np.arange(n)
    for k, probs in enumerate(per_phase):
        j = (t - k) // k_phases
        ok = (t >= k) & (j < probs.shape[0])
        stack[k, ok] = probs[j[ok]]
    return stack


def phase_median(per_phase: list[np.ndarray], n_samples: int) -> np.ndarray:
    """As `vad.phase_mean`, with the median of the phases' windows over each step."""
    return np.nanmedian(_phase_stack(per_phase, n_samples), axis=0).astype(np.float32)


def phase_max(per_phase: list[np.ndarray], n_samples: int) -> np.ndarray:
    """As `vad.phase_mean`, with the largest of the phases' windows over each step."""
    return np.nanmax(_phase_stack(per_phase, n_samples), axis=0).astype(np.float32)


# name → (phases, combine, `vad.EDGE_BRIDGE_S` (None: no bridge), `vad.ENERGY_SHRINK_S`)
Combine = Callable[[list[np.ndarray], int], np.ndarray]
BEFORE_SHRINK_S = 0.15  # ENERGY_SHRINK_S before this round: inward moves of 150-250 ms not made


def _variants() -> dict[str, tuple[int, Combine, float | None, float]]:
    out: dict[str, tuple[int, Combine, float | None, float]] = {}
    for shrink in (BEFORE_SHRINK_S, vad.ENERGY_SPLIT_S):
        for bridge in (None, 0.05):
            for k in (1, 2, 4, 8):
                name = f"{k} phase{'s, mean' if k > 1 else ''}"
                name += " + bridge" if bridge else ""
                name += " + no dead zone" if shrink == vad.ENERGY_SPLIT_S else ""
                if shrink == BEFORE_SHRINK_S and (k, bridge) == (1, None):
                    name += " (before)"
                if (shrink, k, bridge) == (vad.ENERGY_SHRINK_S, vad.PHASES, vad.EDGE_BRIDGE_S):
                    name += " (shipped)"
                out[name] = (k, vad.phase_mean, bridge, shrink)
    return out


VARIANTS = _variants()
# The mechanism's grid (phases × edge bridge × inward-move dead zone, mean of the phases): the
# leave-one-clip-out choice is made among these; the median and max rows are shown, and a
# second CV row makes the choice among every variant.
GRID = tuple(VARIANTS)
VARIANTS |= {
    "8 phases, median": (8, phase_median, None, BEFORE_SHRINK_S),
    "8 phases, max": (8, phase_max, None, BEFORE_SHRINK_S),
    "8 phases, median + bridge": (8, phase_median, 0.05, BEFORE_SHRINK_S),
    "8 phases, median + bridge + no dead zone": (8, phase_median, 0.05, vad.ENERGY_SPLIT_S),
}


def load(manifest: Path) -> tuple[dict[tuple[str, int], dict[str, Any]], dict[str, float]]:
    """Per (clip, offset): the shifted clip's levels, ground truth and each variant's
    probabilities; and Silero CPU ms per minute of audio per variant."""
    model = vad.load_vad_model()
    out: dict[tuple[str, int], dict[str, Any]] = {}
    cpu = {name: 0.0 for name in VARIANTS}
    audio_s = 0.0
    for gt in json.loads(manifest.read_text()):
        if gt.get("kind") != "real":
            continue
        audio = load_audio(manifest.parent / gt["path"])
        starts: dict[int, np.ndarray] = {}

        def probs_from(start: int) -> np.ndarray:
            if start not in starts:
                starts[start] = model.probabilities(audio[start:], 1)
            return starts[start]

        for cut in OFFSETS:
            x, off = audio[cut:], cut / SAMPLE_RATE
            clip = {"id": gt["id"], "cut": cut, "n": x.shape[0], "levels": vad.frame_levels_db(x),
                    "lead_in": gt["lead_in_s"] - off, "words": gt.get("word_count"),
                    "wpm": gt.get("wpm"),
                    "truth": [(a - off, b - off) for a, b in gt.get("pauses", [])],
                    "uncertain": [(a - off, b - off) for a, b in gt.get("uncertain_pauses", [])],
                    "probs": {}}
            for name, (k, combine, _, _) in VARIANTS.items():
                step = vad.WINDOW_SAMPLES // k
                per = [probs_from(cut + i * step) for i in range(k)]
                clip["probs"][name] = per[0] if k == 1 else combine(per, x.shape[0])
            out[gt["id"], cut] = clip
        # cost: each variant once on the whole clip, as the product runs it
        audio_s += audio.shape[0] / SAMPLE_RATE
        for name, (k, combine, _, _) in VARIANTS.items():
            t0 = time.process_time()
            step = vad.WINDOW_SAMPLES // k
            per = [model.probabilities(audio[i * step:], 1) for i in range(k)]
            if k > 1:
                combine(per, audio.shape[0])
            cpu[name] += time.process_time() - t0
    return out, {name: 1000 * c / (audio_s / 60) for name, c in cpu.items()}


def scores(clips: dict[tuple[str, int], dict[str, Any]], cfg: Config
           ) -> dict[str, dict[tuple[str, int], dict[str, Any]]]:
    """Per variant, per (clip, offset): `pause_cv.span_score` of the report's regions."""
    out: dict[str, dict[tuple[str, int], dict[str, Any]]] = {}
    for name, (k, _, bridge, shrink) in VARIANTS.items():
        out[name] = {}
        shipped = vad.EDGE_BRIDGE_S, vad.ENERGY_SHRINK_S
        try:
            vad.EDGE_BRIDGE_S = 0.0 if bridge is None else bridge
            vad.ENERGY_SHRINK_S = shrink
            for key, c in clips.items():
                regions = vad.regions_from_probabilities(c["probs"][name], cfg.vad, c["n"],
                                                         SAMPLE_RATE, c["levels"], phases=k)
                out[name][key] = span_score(c, regions, cfg)
        finally:
            vad.EDGE_BRIDGE_S, vad.ENERGY_SHRINK_S = shipped
    return out


def cross_validate(table: dict[str, dict[tuple[str, int], dict[str, Any]]],
                   order: tuple[str, ...]
                   ) -> tuple[dict[tuple[str, int], dict[str, Any]], dict[str, str]]:
    """Leave-one-clip-out: each clip (all its offsets) scored with the variant of `order` best
    on the others (ties: the earlier one in `order`, then the smaller boundary error)."""
    ids = sorted({cid for cid, _ in next(iter(table.values()))})
    cv: dict[tuple[str, int], dict[str, Any]] = {}
    chosen: dict[str, str] = {}
    for cid in ids:
        def key(name: str) -> tuple[float, int, float]:
            s = pooled([m for (c, _), m in table[name].items() if c != cid])
            return (s["f1"] or 0.0, -order.index(name), -(s["err_ms"] or 0.0))
        chosen[cid] = max(order, key=key)
        cv.update({k: m for k, m in table[chosen[cid]].items() if k[0] == cid})
    return cv, chosen


def summary(rows: dict[tuple[str, int], dict[str, Any]], offsets: tuple[int, ...]
            ) -> dict[str, Any]:
    """Pooled over clips at each offset: F1 mean / min / max over the offsets, and all pooled."""
    f1 = [pooled([m for (c, o), m in rows.items() if o == off])["f1"] or 0.0 for off in offsets]
    return {"f1_mean": float(np.mean(f1)), "f1_min": min(f1), "f1_max": max(f1), "per": f1,
            "all": pooled([m for (c, o), m in rows.items() if o in offsets])}


def render(table: dict[str, dict[tuple[str, int], dict[str, Any]]],
           cvs: dict[str, tuple[dict[tuple[str, int], dict[str, Any]], dict[str, str]]],
           cost: dict[str, float]) -> str:
    on_grid = tuple(o for o in OFFSETS if o % 64 == 0)
    rows = dict(table) | {name: cv for name, (cv, _) in cvs.items()}
    lines = [f"Pause F1 at ±100 ms over {len(OFFSETS)} start offsets (0-{OFFSETS[-1]} samples, "
             "every 2 ms of Silero's 32 ms window) of the 13 real clips; per offset the F1 is "
             "pooled over the clips, then mean / min-max over the offsets. 'Old grid': the 8 "
             "offsets of bench/pause_cv.py (multiples of 64 samples).", "",
             "| variant | F1 mean (all offsets) | F1 min-max | F1 mean (old grid) | min-max (old "
             "grid) | hits / false / missed | boundary err ms (mean / max) | lead-in err ms "
             "(mean / max) | wpm err, ref. words (mean / max) | Silero CPU ms per min |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for name, r in rows.items():
        a, g = summary(r, OFFSETS), summary(r, on_grid)
        s = a["all"]
        li, wp = s["lead_in_err_s"], s["wpm_err"]
        lines.append(
            f"| {name} | {a['f1_mean']:.3f} | {a['f1_min']:.2f}-{a['f1_max']:.2f} | "
            f"{g['f1_mean']:.3f} | {g['f1_min']:.2f}-{g['f1_max']:.2f} | "
            f"{s['tp']} / {s['fp']} / {s['fn']} | {_f(s['err_ms'], '{:.0f}')} / "
            f"{_f(s['max_err_ms'], '{:.0f}')} | {1000 * li[0]:.0f} / {1000 * li[1]:.0f} | "
            f"{100 * wp[0]:.2f}% / {100 * wp[1]:.1f}% | "
            f"{_f(cost.get(name), '{:.0f}')} |")
    for name, (_, chosen) in cvs.items():
        lines += ["", f"{name} picks: " + ", ".join(f"{c} {v}" for c, v in chosen.items())]
    lines += ["", "F1 per start offset (samples cut), pooled over the clips:", "",
              "| variant | " + " | ".join(str(o) for o in OFFSETS) + " |",
              "|---" * (len(OFFSETS) + 1) + "|"]
    for name, r in rows.items():
        lines.append(f"| {name} | " + " | ".join(f"{x:.2f}" for x in summary(r, OFFSETS)["per"])
                     + " |")
    ids = sorted({cid for cid, _ in next(iter(table.values()))})
    names = list(rows)
    lines += ["", "Per clip over all offsets: F1 (mean over offsets, min-max) and boundary error "
              "ms (mean / max):", "",
              "| clip | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]
    for cid in ids:
        cells = []
        for name in names:
            per = [pooled([m])["f1"] for (c, o), m in rows[name].items() if c == cid]
            if all(f is None for f in per):
                cells.append("– (no pause)")
                continue
            f = [x or 0.0 for x in per]
            s = pooled([m for (c, o), m in rows[name].items() if c == cid])
            cells.append(f"{np.mean(f):.2f} ({min(f):.2f}-{max(f):.2f}); "
                         f"{_f(s['err_ms'], '{:.0f}')} / {_f(s['max_err_ms'], '{:.0f}')}")
        lines.append(f"| {cid} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def synthetic_check(cfg: Config) -> str:
    """Markdown: before (1 phase, no bridge) and shipped on espeak-ng material with exact pauses
    that nothing was tuned on: the hoarse/old/breathy voices of bench/pause_voices.py and the 48
    answers of bench/robustness.py (6 voices × clean / SNR 20 / SNR 10 dB). No Whisper."""
    import pause_voices
    import robustness

    from accuracy import prf

    model = vad.load_vad_model()
    sets = {"hoarse/old/breathy voices (pause_voices.py)": pause_voices.specs(),
            "48 answers, 6 voices × 3 noises (robustness.py)": robustness.clip_specs()}
    lines = ["", "The same two on espeak-ng answers with exact pauses (nothing tuned on them; "
             "both edges within ±100 ms):", "",
             "| material | variant | F1 | hits / false / missed | mean abs edge error ms |",
             "|---|---|---|---|---|"]
    shipped = vad.PHASES, vad.EDGE_BRIDGE_S
    for name, specs in sets.items():
        for label, (k, bridge) in (("1 phase, no bridge (before)", (1, 0.0)),
                                   ("shipped", shipped)):
            try:
                vad.PHASES, vad.EDGE_BRIDGE_S = k, bridge
                rows = [pause_voices.evaluate(s, model, cfg) for s in specs]
            finally:
                vad.PHASES, vad.EDGE_BRIDGE_S = shipped
            tp, fp, fn = (sum(r[x] for r in rows) for x in ("tp", "fp", "fn"))
            e = [abs(x) for r in rows for x in r["signed_ms"]]
            lines.append(f"| {name} | {label} | {_f(prf(tp, fp, fn)[2], '{:.3f}')} | "
                         f"{tp} / {fp} / {fn} | {np.mean(e):.1f} |")
    return "\n".join(lines) + "\n"


def answer_cost(cfg: Config, repeat: int = 3) -> str:
    """Markdown: VAD CPU time for bench/bench_feedback.py's 122 s answer at one phase and at
    `vad.PHASES`, best of `repeat` (process time): fed to `SpeechStream` in 0.1 s blocks as a
    live answer is (spent while the candidate speaks), its `finish()` (on the feedback-latency
    path, after the answer ends), and the batch `speech_and_quiet` (`analyze` of a file)."""
    from bench_feedback import build_answer

    from voice_coach.audio import load_audio

    audio = load_audio(build_answer())
    model = vad.load_vad_model()
    block = SAMPLE_RATE // 10
    shipped = vad.PHASES
    lines = ["", f"VAD cost on a {audio.size / SAMPLE_RATE:.0f} s answer (CPU s, best of "
             f"{repeat}; process time on a shared machine):", "",
             "| phases | while the answer streams | after it ends (`finish`) | batch (`analyze`) |",
             "|---|---|---|---|"]
    for k in (1, shipped):
        best = [float("inf")] * 3
        try:
            vad.PHASES = k
            for _ in range(repeat):
                stream = vad.SpeechStream(cfg.vad, model)
                t0 = time.process_time()
                for i in range(0, audio.size, block):
                    stream.add(audio[i:i + block])
                t1 = time.process_time()
                stream.finish()
                t2 = time.process_time()
                vad.speech_and_quiet(audio, cfg.vad, model=model)
                t3 = time.process_time()
                best = [min(b, x) for b, x in zip(best, (t1 - t0, t2 - t1, t3 - t2))]
        finally:
            vad.PHASES = shipped
        lines.append(f"| {k}{' (before)' if k == 1 else ' (shipped)'} | {best[0]:.3f} | "
                     f"{best[1]:.3f} | {best[2]:.3f} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--manifest", default=str(ROOT / "tests/data/manifest.json"))
    ap.add_argument("--out", default=str(ROOT / "bench/results"))
    ap.add_argument("--no-synthetic", action="store_true",
                    help="skip the espeak-ng check (about 2 minutes)")
    args = ap.parse_args(argv)
    cfg = Config()
    clips, cost = load(Path(args.manifest))
    table = scores(clips, cfg)
    cvs = {"**leave-one-clip-out, phases × bridge × dead zone**": cross_validate(table, GRID),
           "**leave-one-clip-out, every variant**": cross_validate(table, tuple(VARIANTS))}
    publish(render(table, cvs, cost) + answer_cost(cfg)
            + ("" if args.no_synthetic else synthetic_check(cfg)), "vad_phase", args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
