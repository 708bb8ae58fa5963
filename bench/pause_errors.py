"""Pause errors per real clip, each with its cause: which reference pauses are missed, which
detections are extra, which edges are off by more than ±100 ms — and what lies in the stretch
where we and the reference disagree.

For every real clip of tests/data/manifest.json the shipped VAD (`vad.speech_and_levels` →
`delivery.find_pauses`) is scored against the reference pauses as bench/accuracy.py does (a hit
has both edges within ±100 ms; a detection over one of the clip's `uncertain_pauses` is neither
hit nor false alarm). Every error gets the disputed stretch — between our edge and the reference
edge (edge off), the part of a reference pause we call speech (merged), the part of an extra
pause the reference calls speech — measured: length, peak level against the speaker's own words
within ±`vad.LOCAL_WINDOW_S` (the faint-sound rule's reference), against the energy rule's
threshold, Silero's mean / max probability (mean of `vad.PHASES` phases). The cause column is
read off those numbers by fixed rules (`cause`), not by hand:

- *below the energy threshold*: nothing in the stretch is louder than the clip's energy rule
  (P95 − 30 dB and P10 + 8 dB): silence to us, whatever Silero says;
- *faint sound*: audible, but more than `LOCAL_RANGE_DB` below the speaker's words next to it
  (crosstalk on a headset, a breath, a breathy cut-off word);
- *burst Silero does not hear*: as loud as speech, but Silero's steps over it stay at or above
  its threshold for less than `min_speech_ms` (a click, a 30 ms "uh");
- *speech to both*: loud and heard — an edge placed inside speech.

With `--offsets` the same count runs at every start offset of bench/vad_phase.py (the recording
cut by 0-480 samples), so its F1 is the shipped row of that bench, per clip. Two mechanisms for
the error classes are measured against the shipped rule, leave-one-clip-out (the level with the
best pooled F1 on the other clips is applied to the held-out one; ties keep the shipped rule):
a dropped sound that is voiced is the speaker's (`VOICED_KEEP`: breath vs. speech), and a
Silero blip with a syllable's worth of loud sound is speech (`BLIP_KEEP_S`).

Usage: .venv/bin/python bench/pause_errors.py [--out DIR] [--offsets]   (writes DIR/pause_errors.md)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from accuracy import prf  # noqa: E402
from common import publish  # noqa: E402

from voice_coach.analysis import vad  # noqa: E402
from voice_coach.analysis.delivery import clean_regions, find_pauses  # noqa: E402
from voice_coach.analysis.levels import SpeechRegion  # noqa: E402
from voice_coach.audio import SAMPLE_RATE, load_audio  # noqa: E402
from voice_coach.config import Config  # noqa: E402

TOL_S = 0.1
OFFSETS = tuple(range(0, vad.WINDOW_SAMPLES, 32))
MIN_SOUND_S = 0.03  # a dropped sound at least this long is listed (shorter: a click)
VOICED_KEEP = (None, 0.5, 0.8)  # variant: dropped sounds this voiced are speech (None: shipped)
BLIP_KEEP_S = (None, 0.05, 0.08)  # variant: a Silero blip with this much loud sound is speech


class Clip(NamedTuple):
    id: str
    n: int
    probs: np.ndarray  # Silero, one per step of WINDOW_SAMPLES / PHASES samples
    levels: np.ndarray  # 10 ms frame levels, dBFS
    truth: list[tuple[float, float]]
    uncertain: list[tuple[float, float]]
    lead_in_s: float


def clip_at(gt: dict[str, Any], audio: np.ndarray, probs: np.ndarray, cut: int) -> Clip:
    off = cut / SAMPLE_RATE
    x = audio[cut:]
    return Clip(gt["id"], x.shape[0], probs, vad.frame_levels_db(x),
                [(a - off, b - off) for a, b in gt.get("pauses", [])],
                [(a - off, b - off) for a, b in gt.get("uncertain_pauses", [])],
                gt["lead_in_s"] - off)


def detect(clip: Clip, cfg: Config, extra: list[tuple[float, float]] = ()
           ) -> tuple[list[tuple[float, float]], float | None, list[SpeechRegion]]:
    """The report's pauses, speech start and speech regions for one clip (the shipped VAD, with
    `extra` stretches added as speech)."""
    speech = vad.speech_from(clip.probs, clip.levels, cfg.vad, clip.n, SAMPLE_RATE)
    regions = sorted([*speech.regions, *(SpeechRegion(a, b) for a, b in extra)])
    segs = clean_regions(regions, clip.n / SAMPLE_RATE)
    pauses = [(p.start, p.end) for p in find_pauses(segs, cfg.silence.min_gap_s,
                                                    speech.releases)]
    return pauses, (segs[0].start_s if segs else None), speech.regions


def dropped_sounds(clip: Clip, audio: np.ndarray, regions: list[SpeechRegion], cfg: Config
                   ) -> list[dict[str, Any]]:
    """Runs of ≥ `MIN_SOUND_S` of frames above the energy rule's threshold that lie outside our
    speech regions: what the rules call silence although something sounds there, with the
    share of voiced (periodic) frames in it and what the reference calls it."""
    from scipy.ndimage import label

    from voice_coach.analysis.acoustic_fillers import VOICED_PERIODICITY, _periodicity

    lv, f = clip.levels, vad.ENERGY_FRAME_S
    thr = max(np.percentile(lv, vad.ENERGY_LOUD_PCT) - vad.ENERGY_RANGE_DB,
              np.percentile(lv, vad.ENERGY_FLOOR_PCT) + vad.ENERGY_FLOOR_DB)
    ours = np.zeros(lv.size, dtype=bool)
    for r in regions:
        ours[int(round(r.start_s / f)):int(round(r.end_s / f))] = True
    runs, n = label((lv > thr) & ~ours)
    out = []
    for k in range(1, n + 1):
        idx = np.flatnonzero(runs == k)
        t0, t1 = idx[0] * f, (idx[-1] + 1) * f
        if t1 - t0 < MIN_SOUND_S - 1e-9 or not regions or t1 <= regions[0].start_s \
                or t0 >= regions[-1].end_s:
            continue
        x = audio[int(t0 * SAMPLE_RATE):int(t1 * SAMPLE_RATE)].astype(np.float64)
        peak, _ = _periodicity(x, int(f * SAMPLE_RATE))
        where = ("reference pause" if any(_overlap((t0, t1), g) > 0 for g in clip.truth)
                 else "uncertain" if any(_overlap((t0, t1), u) > 0 for u in clip.uncertain)
                 else "reference speech")
        m = measure(clip, t0, t1, cfg)
        out.append({"span": (t0, t1), "voiced": float(np.mean(peak >= VOICED_PERIODICITY)),
                    "where": where} | m)
    return out


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> float:
    return max(0.0, min(a[1], b[1]) - max(a[0], b[0]))


def match(det: list[tuple[float, float]], truth: list[tuple[float, float]]) -> dict[int, int]:
    """detection index → reference index, one to one, as bench/accuracy.py's `match_pauses`."""
    used: dict[int, int] = {}
    for i, d in enumerate(det):
        best, best_err = None, None
        for j, g in enumerate(truth):
            if j in used.values():
                continue
            es, ee = abs(d[0] - g[0]), abs(d[1] - g[1])
            if es <= TOL_S and ee <= TOL_S and (best_err is None or es + ee < best_err):
                best, best_err = j, es + ee
        if best is not None:
            used[i] = best
    return used


def measure(clip: Clip, t0: float, t1: float, cfg: Config) -> dict[str, float]:
    """What sounds in [t0, t1): the frames above the energy rule's threshold there — their
    total length, their peak against the speaker's nearby words and against the threshold, and
    Silero over their span (mean / max, and the longest run of steps at or above its threshold)."""
    from scipy.ndimage import maximum_filter1d, median_filter

    lv = clip.levels
    f = vad.ENERGY_FRAME_S
    a = max(0, int(round(t0 / f)))
    b = min(lv.size, max(int(round(t1 / f)), a + 1))
    loud = np.percentile(lv, vad.ENERGY_LOUD_PCT)
    floor = np.percentile(lv, vad.ENERGY_FLOOR_PCT)
    thr = max(loud - vad.ENERGY_RANGE_DB, floor + vad.ENERGY_FLOOR_DB)
    smooth = median_filter(lv, size=max(1, int(round(vad.LOCAL_SMOOTH_S / f))), mode="nearest")
    w = int(round(vad.LOCAL_WINDOW_S / f))
    local = maximum_filter1d(np.where(lv > thr, smooth, -np.inf), size=2 * w + 1, mode="nearest")
    sound = np.flatnonzero(lv[a:b] > thr) + a
    out = {"len_ms": 1000 * (t1 - t0), "sound_ms": 1000 * f * sound.size,
           "peak_vs_threshold_db": float(lv[a:b].max()) - thr if b > a else -120.0,
           "peak_vs_speaker_db": float("nan"), "silero_mean": float("nan"),
           "silero_max": float("nan"), "silero_run_ms": 0.0}
    if sound.size == 0:
        return out
    step_s = vad.WINDOW_SAMPLES // vad.PHASES / SAMPLE_RATE
    pa = int(sound[0] * f / step_s)
    pb = max(int((sound[-1] + 1) * f / step_s), pa + 1)
    p = clip.probs[pa:min(pb, clip.probs.size)]
    run = best = 0
    for x in p >= cfg.vad.threshold:
        run = run + 1 if x else 0
        best = max(best, run)
    return out | {"peak_vs_speaker_db": float(smooth[sound].max() - local[sound].max()),
                  "silero_mean": float(p.mean()) if p.size else 0.0,
                  "silero_max": float(p.max()) if p.size else 0.0,
                  "silero_run_ms": 1000 * best * step_s}


def cause(m: dict[str, float], cfg: Config) -> str:
    """The error's class, read off `measure` by the rules of the module docstring."""
    if m["peak_vs_threshold_db"] <= 0:
        return "below the energy threshold"
    if m["peak_vs_speaker_db"] < -vad.LOCAL_RANGE_DB:
        return "faint sound"
    if m["silero_run_ms"] < cfg.vad.min_speech_ms:
        return "burst Silero does not hear"
    return "speech to both"


def errors(clip: Clip, det: list[tuple[float, float]], cfg: Config) -> list[dict[str, Any]]:
    """Every missed reference pause and every extra detection of one clip, with the disputed
    stretch, its measurements and cause."""
    hits = match(det, clip.truth)
    out: list[dict[str, Any]] = []
    for j, g in enumerate(clip.truth):
        if j in hits.values():
            continue
        over = [d for d in det if _overlap(d, g) > 0]
        if not over:
            stretch, kind, ds = g, "missed (our speech over it)", None
        else:
            d = max(over, key=lambda x: _overlap(x, g))
            es, ee = d[0] - g[0], d[1] - g[1]
            edge = (min(d[0], g[0]), max(d[0], g[0])) if abs(es) > TOL_S else \
                (min(d[1], g[1]), max(d[1], g[1]))
            unc = any(_overlap(d, u) > 0 for u in clip.uncertain)
            kind = ("edge off" + (", over an uncertain pause (not scored)" if unc else "")
                    + f": start {1000 * es:+.0f} ms, end {1000 * ee:+.0f} ms")
            stretch, ds = edge, d
        m = measure(clip, *stretch, cfg)
        out.append({"ref": g, "det": ds, "kind": kind, "stretch": stretch, "m": m,
                    "cause": cause(m, cfg)})
    for i, d in enumerate(det):
        if i in hits or any(_overlap(d, u) > 0 for u in clip.uncertain):
            continue
        if any(_overlap(d, g) > 0 for g in clip.truth):
            continue  # the edge-off case above
        m = measure(clip, *d, cfg)
        out.append({"ref": None, "det": d, "kind": "extra (reference: speech)", "stretch": d,
                    "m": m, "cause": cause(m, cfg)})
    return out


def _db(x: float) -> str:
    return "–" if np.isnan(x) else f"{x:+.1f}"


def _iv(x: tuple[float, float] | None) -> str:
    return "–" if x is None else f"{x[0]:.2f}–{x[1]:.2f}"


def render_errors(rows: list[tuple[Clip, list[tuple[float, float]], float | None]],
                  cfg: Config) -> str:
    lines = ["Every pause error of the shipped VAD on the real clips (offset 0), with the "
             "stretch we and the reference disagree on:", "",
             "| clip | reference pause | ours | error | disputed stretch | sound in it, ms | its "
             "peak vs the speaker's words dB | peak vs energy threshold dB | Silero over it: "
             "mean / max, longest run ≥ threshold ms | cause |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for clip, det, _ in rows:
        for e in errors(clip, det, cfg):
            m = e["m"]
            lines.append(f"| {clip.id} | {_iv(e['ref'])} | {_iv(e['det'])} | {e['kind']} | "
                         f"{_iv(e['stretch'])} | {m['sound_ms']:.0f} | "
                         f"{_db(m['peak_vs_speaker_db'])} | {_db(m['peak_vs_threshold_db'])} | "
                         + ("–" if np.isnan(m["silero_mean"]) else
                            f"{m['silero_mean']:.2f} / {m['silero_max']:.2f}, "
                            f"{m['silero_run_ms']:.0f}") + f" | {e['cause']} |")
    lines += ["", "Per clip (offset 0): pauses, hits, missed, extra, not scored (over an "
              "uncertain pause), boundary error of the hits, lead-in error:", "",
              "| clip | pauses | hits | missed | extra | not scored | F1 | boundary err ms "
              "(mean / max) | lead-in err ms |", "|---|---|---|---|---|---|---|---|---|"]
    tot = np.zeros(5, dtype=int)
    all_err: list[float] = []
    leads: list[float] = []
    for clip, det, start in rows:
        hits = match(det, clip.truth)
        errs = [abs(det[i][k] - clip.truth[j][k]) for i, j in hits.items() for k in (0, 1)]
        scored = [i for i, d in enumerate(det) if i in hits
                  or not any(_overlap(d, u) > 0 for u in clip.uncertain)]
        tp, fp = len(hits), len(scored) - len(hits)
        fn, ign = len(clip.truth) - tp, len(det) - len(scored)
        lead = abs(start - clip.lead_in_s) if start is not None else None
        tot += (len(clip.truth), tp, fn, fp, ign)
        all_err += errs
        leads += [lead] if lead is not None else []
        f1 = prf(tp, fp, fn)[2]
        lines.append(f"| {clip.id} | {len(clip.truth)} | {tp} | {fn} | {fp} | {ign} | "
                     f"{'–' if not clip.truth and not fp else f'{f1:.2f}'} | "
                     + (f"{1000 * np.mean(errs):.0f} / {1000 * max(errs):.0f}" if errs else "–")
                     + f" | {'–' if lead is None else f'{1000 * lead:.0f}'} |")
    f1 = prf(int(tot[1]), int(tot[3]), int(tot[2]))[2]
    lines.append(f"| **pooled** | {tot[0]} | {tot[1]} | {tot[2]} | {tot[3]} | {tot[4]} | "
                 f"**{f1:.3f}** | {1000 * np.mean(all_err):.0f} / {1000 * max(all_err):.0f} | "
                 f"mean {1000 * np.mean(leads):.0f}, max {1000 * max(leads):.0f} |")
    return "\n".join(lines) + "\n"


def render_offsets(per: dict[str, list[dict[str, Any]]]) -> str:
    lines = ["", f"The same at {len(OFFSETS)} start offsets (0-{OFFSETS[-1]} samples): per clip "
             "the F1 mean over offsets and the error counts summed over them, by cause:", "",
             "| clip | F1 mean (min-max) | missed | extra | by cause |", "|---|---|---|---|---|"]
    f1_by_offset: dict[int, list[int]] = {o: [0, 0, 0] for o in OFFSETS}
    for cid, rows in per.items():
        f1s, causes, missed, extra = [], {}, 0, 0
        for r in rows:
            tp, fp, fn = r["tp"], r["fp"], r["fn"]
            acc = f1_by_offset[r["cut"]]
            acc[0] += tp
            acc[1] += fp
            acc[2] += fn
            f = prf(tp, fp, fn)[2]
            if f is not None and (tp + fp + fn):
                f1s.append(f)
            missed += fn
            extra += fp
            for e in r["errors"]:
                causes[e["cause"]] = causes.get(e["cause"], 0) + 1
        f1 = (f"{np.mean(f1s):.2f} ({min(f1s):.2f}-{max(f1s):.2f})" if f1s else "– (no pause)")
        lines.append(f"| {cid} | {f1} | {missed} | {extra} | "
                     + (", ".join(f"{k} {v}" for k, v in sorted(causes.items())) or "–") + " |")
    pooled = [prf(*v)[2] or 0.0 for v in f1_by_offset.values()]
    lines.append(f"| **pooled, mean over offsets** | **{np.mean(pooled):.3f}** "
                 f"({min(pooled):.2f}-{max(pooled):.2f}) | | | |")
    return "\n".join(lines) + "\n"


def render_dropped(rows: list[tuple[Clip, list[dict[str, Any]]]]) -> str:
    lines = ["", "Sounds the rules call silence (offset 0): runs of ≥ "
             f"{1000 * MIN_SOUND_S:.0f} ms above the energy threshold outside our speech regions, "
             "inside the speech span, and what the reference calls them:", "",
             "| clip | stretch | ms | peak vs the speaker's words dB | Silero max | voiced "
             "share | reference |", "|---|---|---|---|---|---|---|"]
    for clip, sounds in rows:
        for d in sounds:
            lines.append(f"| {clip.id} | {_iv(d['span'])} | {d['sound_ms']:.0f} | "
                         f"{d['peak_vs_speaker_db']:+.1f} | {d['silero_max']:.2f} | "
                         f"{d['voiced']:.2f} | {d['where']} |")
    return "\n".join(lines) + "\n"


def render_variant(table: dict[Any, dict[tuple[str, int], tuple[int, int, int]]], intro: str,
                   level: str) -> str:
    """Pooled F1 per level of one variant (None: the shipped rule; F1 mean over the offsets run)
    and its leave-one-clip-out choice (ties: the shipped rule)."""
    ids = sorted({c for c, _ in table[None]})
    cuts = sorted({o for _, o in table[None]})

    def f1_mean(rows: dict[tuple[str, int], tuple[int, int, int]]) -> tuple[float, list[int]]:
        per, tot = [], [0, 0, 0]
        for o in cuts:
            t = [sum(v[k] for (c, oo), v in rows.items() if oo == o) for k in range(3)]
            per.append(prf(*t)[2] or 0.0)
            tot = [a + b for a, b in zip(tot, t)]
        return float(np.mean(per)), tot

    lines = ["", intro, "", f"| {level} | F1 | hits / false / missed |", "|---|---|---|"]
    for v, rows in table.items():
        f, t = f1_mean(rows)
        lines.append(f"| {'never (shipped)' if v is None else v} | {f:.3f} | "
                     f"{t[0]} / {t[1]} / {t[2]} |")
    cv: dict[tuple[str, int], tuple[int, int, int]] = {}
    picks = []
    for cid in ids:
        def key(v: Any) -> tuple[float, int]:
            return (f1_mean({k: x for k, x in table[v].items() if k[0] != cid})[0],
                    int(v is None))
        best = max(table, key=key)
        if best is not None:
            picks.append(f"{cid} {best}")
        cv |= {k: x for k, x in table[best].items() if k[0] == cid}
    f, t = f1_mean(cv)
    lines.append(f"| **leave-one-clip-out** (folds that leave the shipped rule: "
                 f"{', '.join(picks) or 'none'}) | **{f:.3f}** | {t[0]} / {t[1]} / {t[2]} |")
    return "\n".join(lines) + "\n"


def loud_blips(clip: Clip, cfg: Config) -> list[tuple[float, float, float]]:
    """Silero regions shorter than `min_speech_ms` (dropped as blips): the extent and the total
    length of the speaker's loud frames (`vad.energy_mask`) within one window of them."""
    step = vad.WINDOW_SAMPLES // vad.PHASES
    min_steps = cfg.vad.min_speech_ms / 1000 * SAMPLE_RATE / step
    mask = vad.energy_mask(clip.levels)
    f, win = vad.ENERGY_FRAME_S, vad.WINDOW_SAMPLES / SAMPLE_RATE
    out = []
    for a, b in vad._raw_regions(clip.probs, cfg.vad, step):
        if b - a >= min_steps:
            continue
        lo = max(0, int((a * step / SAMPLE_RATE - win) / f))
        idx = np.flatnonzero(mask[lo:int(np.ceil((b * step / SAMPLE_RATE + win) / f))]) + lo
        if idx.size:
            out.append((idx[0] * f, (idx[-1] + 1) * f, idx.size * f))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--manifest", default=str(ROOT / "tests/data/manifest.json"))
    ap.add_argument("--out", default=str(ROOT / "bench/results"))
    ap.add_argument("--offsets", action="store_true",
                    help=f"also count the errors at {len(OFFSETS)} start offsets (~3 min)")
    args = ap.parse_args(argv)
    cfg = Config()
    model = vad.load_vad_model()
    manifest = Path(args.manifest)
    rows, dropped = [], []
    per: dict[str, list[dict[str, Any]]] = {}
    voiced: dict[Any, dict[tuple[str, int], tuple[int, int, int]]] = {v: {} for v in VOICED_KEEP}
    blips: dict[Any, dict[tuple[str, int], tuple[int, int, int]]] = {v: {} for v in BLIP_KEEP_S}
    for gt in json.loads(manifest.read_text()):
        if gt.get("kind") != "real":
            continue
        audio = load_audio(manifest.parent / gt["path"])
        for cut in (OFFSETS if args.offsets else (0,)):
            clip = clip_at(gt, audio, model.probabilities(audio[cut:]), cut)
            det, start, regions = detect(clip, cfg)
            sounds = dropped_sounds(clip, audio[cut:], regions, cfg)
            if cut == 0:
                rows.append((clip, det, start))
                dropped.append((clip, sounds))
            hits = match(det, clip.truth)
            scored = [d for i, d in enumerate(det) if i in hits
                      or not any(_overlap(d, u) > 0 for u in clip.uncertain)]
            per.setdefault(clip.id, []).append(
                {"cut": cut, "tp": len(hits), "fp": len(scored) - len(hits),
                 "fn": len(clip.truth) - len(hits), "errors": errors(clip, det, cfg)})
            loud = loud_blips(clip, cfg)
            for table, levels, spans in (
                    (voiced, VOICED_KEEP, lambda v: [d["span"] for d in sounds
                                                     if d["voiced"] >= v]),
                    (blips, BLIP_KEEP_S, lambda v: [(a, b) for a, b, n in loud
                                                    if n >= v - 1e-9])):
                for v in levels:
                    vd = detect(clip, cfg, [] if v is None else spans(v))[0]
                    vh = match(vd, clip.truth)
                    vs = [d for i, d in enumerate(vd) if i in vh
                          or not any(_overlap(d, u) > 0 for u in clip.uncertain)]
                    table[v][clip.id, cut] = (len(vh), len(vs) - len(vh),
                                              len(clip.truth) - len(vh))
    text = (render_errors(rows, cfg) + render_dropped(dropped)
            + (render_offsets(per) if args.offsets else "")
            + render_variant(voiced, "Variant (not shipped unless the held-out F1 improves): a "
                             "dropped sound whose voiced share reaches a level is the speaker's "
                             "own (a soft voiced 'uh', a murmured word end), an unvoiced one a "
                             "breath:", "dropped sounds kept as speech when voiced share ≥")
            + render_variant(blips, "Variant (not shipped unless the held-out F1 improves): a "
                             "Silero blip shorter than `min_speech_ms` stays speech when the "
                             "speaker's loud frames within one window of it last long enough "
                             "(a syllable, not a click):", "blips kept when their loud sound "
                             "lasts ≥ s"))
    publish(text, "pause_errors", args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
