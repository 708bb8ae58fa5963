"""How the acoustic filler detector's threshold is chosen when the calibration clips hold no
filler it could find, and what the even-odds verifier adds on top — leave-one-clip-out over the
real clips of tests/data/manifest.json (issue #12, hear15).

`scripts/train_acoustic_fillers.py` picks the detector's threshold per fold by
`choose_threshold_in_use`: the level of `THRESHOLDS` with the best pooled F1 of the whole filler
path over an inner leave-one-clip-out of the training clips, ties to the highest level. A clip's
F1 can only rise with a lower level when that clip has a filler Whisper dropped *and* the
detector sees as a candidate of its own; when no calibration clip has one, every level that
adds no false find ties, and the tie-break alone decides. This script records, per outer fold,
the inner F1 at every level (so any rule over that curve can be applied without refitting),
the out-of-fold scores of the held-out clip's candidates, and the held-out counts at every
level, with and without the even-odds verifier (a Whisper hesitation whose own sound the fold's
model scores below 0.5 is dropped: `VETO_EVEN_ODDS`). Then it scores these rules:

- `highest` (shipped): ties → the highest level (fewest finds);
- `lowest`: ties → the lowest level (the most sensitive level that costs nothing on the
  calibration clips);
- `even odds if tied everywhere`: when the inner F1 is the same at every level the calibration
  says nothing, and the model's own even odds (0.5) stands; otherwise `highest`.

Usage: .venv/bin/python bench/filler_calibration.py --cache DIR [--out DIR]
(DIR: the Whisper word cache of scripts/train_acoustic_fillers.py; ~10 min under load)
"""

from __future__ import annotations

import argparse
import functools
import json
import pickle
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "scripts"))

import train_acoustic_fillers as taf  # noqa: E402
from common import publish  # noqa: E402

from voice_coach.config import Config  # noqa: E402

RULES = ("highest", "lowest", "even odds if tied everywhere")


def pick(curve: list[float], rule: str) -> float:
    """The level of `taf.THRESHOLDS` that `rule` picks from the inner F1 at each level."""
    best = max(curve)
    tied = [t for t, f in zip(taf.THRESHOLDS, curve) if f >= best - 1e-12]
    if rule == "highest":
        return tied[-1]
    if rule == "lowest":
        return tied[0]
    if len(tied) == len(taf.THRESHOLDS):
        return taf.VETO_EVEN_ODDS
    return tied[-1]


def inner_curve(by_id: dict[str, taf.Clip], models: dict[str, Any], cfg: Config) -> list[float]:
    """Pooled F1 of the whole filler path over the inner held-out clips, per level."""
    finds = {k: taf._finds(by_id[k], models[k]) for k in models}
    out = []
    for t in taf.THRESHOLDS:
        rows = [taf.counts_with(by_id[k], [a for a in finds[k] if a.probability >= t], cfg)
                for k in models]
        tp, fp, fn = (sum(r[x] for r in rows) for x in ("tp", "fp", "fn"))
        out.append(2 * tp / max(1, 2 * tp + fp + fn))
    return out


def held_out(c: taf.Clip, model: Any, sounds: list[tuple[int, list[np.ndarray]]], cfg: Config
             ) -> dict[str, Any]:
    """The held-out clip's counts at every level, without and with the even-odds verifier."""
    finds = taf._finds(c, model)
    drop = {i for i, feats in sounds
            if max(taf.af.filler_probability(x, model) for x in feats) < taf.VETO_EVEN_ODDS}
    vc = c._replace(words=[w for i, w in enumerate(c.words) if i not in drop])
    vfinds = taf._finds(vc, model)
    keep = ("tp", "fp", "fn")
    return {"finds": [(round(a.start_s, 2), round(a.probability, 2)) for a in finds],
            "vetoed": [(c.words[i].text.strip(), round(c.words[i].start, 2)) for i in drop],
            "plain": {t: {k: v for k, v in taf.counts_with(
                c, [a for a in finds if a.probability >= t], cfg).items() if k in keep}
                for t in taf.THRESHOLDS},
            "verified": {t: {k: v for k, v in taf.counts_with(
                vc, [a for a in vfinds if a.probability >= t], cfg).items() if k in keep}
                for t in taf.THRESHOLDS}}


def run(cache: Path, cfg: Config) -> dict[str, Any]:
    from voice_coach.transcriber import load_transcriber

    beam = cfg.transcriber.beam_size
    key = f"tiny.en-beam{beam}"
    tr = functools.cache(lambda: load_transcriber("faster-whisper", "tiny.en", beam_size=beam,
                                                  cpu_threads=2))
    manifest = ROOT / "tests" / "data" / "manifest.json"
    clips = taf.load_clips(manifest, tr, cfg, cache, key)
    hosts = taf.load_clips(manifest, tr, cfg, cache, key, kind="synthetic")
    gt = {g["id"]: g for g in json.loads(manifest.read_text())}
    syn = taf.synthetic_material(clips, hosts, gt, np.random.default_rng(taf.SEED))
    clips = [taf.fillers_by_sound(c) for c in clips]
    ex = {c.id: taf.clip_examples(c) for c in clips}
    by_id = {c.id: c for c in clips}
    folds = {}
    for c in clips:
        train = {k: v for k, v in ex.items() if k != c.id}
        inner = taf.inner_models(train, syn, c.id)
        model = taf.fit(list(train.values()), taf._without(syn, c.id), 0.5)
        folds[c.id] = {"curve": inner_curve(by_id, inner, cfg)} | held_out(
            c, model, taf.hesitation_sounds(c), cfg)
        print(c.id, folds[c.id]["curve"], folds[c.id]["finds"], file=sys.stderr)
    return folds


def render(folds: dict[str, Any], secs: float) -> str:
    lv = ", ".join(str(t) for t in taf.THRESHOLDS)
    lines = [f"Acoustic filler detector: the threshold when calibration has nothing to find "
             f"(leave-one-clip-out over {len(folds)} real clips, tiny.en greedy, filler prompt; "
             f"{secs:.0f} s). Inner F1 of the whole filler path per level ({lv}); the held-out "
             "clip's candidates with their out-of-fold scores; the level each rule picks:", "",
             "| held-out clip | inner F1 per level | tied everywhere | held-out candidates "
             "(start s: score) | " + " | ".join(RULES) + " |",
             "|---|---|---|---|" + "---|" * len(RULES)]
    for cid, f in folds.items():
        curve = f["curve"]
        tied = max(curve) - min(curve) < 1e-12
        lines.append(f"| {cid} | {' '.join(f'{x:.3f}' for x in curve)} | "
                     f"{'yes' if tied else 'no'} | "
                     + (", ".join(f"{s:.2f}: {p:.2f}" for s, p in f["finds"]) or "–") + " | "
                     + " | ".join(str(pick(curve, r)) for r in RULES) + " |")
    lines += ["", "Pooled over the held-out clips (recall / precision, found/true, false): "
              "Whisper's fillers and the detector's finds at the level each rule picks, and the "
              "same with the even-odds verifier:", "",
              "| rule | + acoustic detector | + detector + even-odds verifier |",
              "|---|---|---|"]
    for r in RULES:
        cells = []
        for kind in ("plain", "verified"):
            rows = [f[kind][pick(f["curve"], r)] for f in folds.values()]
            tp, fp, fn = (sum(x[k] for x in rows) for k in ("tp", "fp", "fn"))
            cells.append(f"{tp / max(1, tp + fn):.2f} / {tp / max(1, tp + fp):.2f} "
                         f"({tp}/{tp + fn}, {fp} false)")
        lines.append(f"| {r} | {cells[0]} | {cells[1]} |")
    vetoes = "; ".join(f"{cid}: " + ", ".join(f"{t!r} at {s:.2f} s" for t, s in f["vetoed"])
                       for cid, f in folds.items() if f["vetoed"]) or "none"
    lines += ["", f"Hesitations the even-odds verifier drops (out of fold): {vetoes}."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", required=True, help="Whisper word cache (train_acoustic_fillers)")
    ap.add_argument("--out", default=str(ROOT / "bench" / "results"))
    ap.add_argument("--save", default=None, help="also pickle the per-fold numbers here")
    args = ap.parse_args(argv)
    t0 = time.monotonic()
    folds = run(Path(args.cache), Config())
    if args.save:
        Path(args.save).write_bytes(pickle.dumps(folds))
    publish(render(folds, time.monotonic() - t0), "filler_calibration", args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
