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

Verifiers (a Whisper hesitation whose own sound scores below even odds is dropped), each fitted
per fold without the held-out clip: the detector's model (`verified`), a model on the voicing
features alone (`voicing`: periodicity, voiced share, pitch step — `fit_voicing`), a veto only
when both agree (`both`), and the detector's model refitted with the ends of recognised words
as extra negatives (`tails`: held word ends — `tail_examples`). They are also run, fitted on all
real clips, on the hesitant espeak-ng clips of tests/data and, when bench/acoustic_check.py has
cached its words, on its 48 espeak-ng answers (every hesitation there was said).

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
VOICING = ("periodicity", "voiced_share", "pitch_step_st")  # what makes a hesitation one: voiced,
#                                                            with a steady pitch (issue #12)


def fit_voicing(real: list[Any], syn: Any) -> Any:
    """The verifier that asks only whether a sound is voiced with a steady pitch: the same
    examples and weights as the detector (`taf.fit`), logistic regression on the `VOICING`
    features alone, embedded in a `FillerModel` with zero weight on the others."""
    from sklearn.linear_model import LogisticRegression

    cols = [taf.af.FEATURES.index(n) for n in VOICING]
    l1 = [y for _, ls in real for y in ls]
    x = np.array([f for fs, _ in real for f in fs] + syn[0])
    y = np.array(l1 + syn[1])
    real_pos, syn_pos = sum(l1), sum(syn[1])
    w = np.array([syn_pos / max(1, real_pos) if lab else 1.0 for lab in l1] + [1.0] * len(syn[1]))
    w[y == 0] *= w[y == 1].sum() / w[y == 0].sum()
    xs = x[:, cols]
    mean, scale = xs.mean(axis=0), xs.std(axis=0) + 1e-9
    clf = LogisticRegression(C=taf.C_REG, max_iter=2000).fit((xs - mean) / scale, y,
                                                             sample_weight=w)
    n = len(taf.af.FEATURES)
    m, sc, co = [0.0] * n, [1.0] * n, [0.0] * n
    for j, c in enumerate(cols):
        m[c], sc[c], co[c] = float(mean[j]), float(scale[j]), float(clf.coef_[0][j])
    return taf.af.FillerModel(tuple(m), tuple(sc), tuple(co), float(clf.intercept_[0]), 0.5)


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


VETOES = ("verified", "voicing", "both", "tails")  # detector's model, voicing-only model,
#   both below 0.5, the detector's model refitted with word ends as negatives
TAIL_SHARE = 0.4  # a word's end: this share of its sound, at least af.MIN_CANDIDATE_S


def tail_examples(clip: taf.Clip) -> taf.Examples:
    """Negatives of the held-word-end kind: the last `TAIL_SHARE` of each recognised word's
    sound (its span inside the VAD regions, cut to active frames)."""
    from voice_coach.analysis.fillers import filler_mask

    audio, regions = clip.audio, clip.regions
    active = taf.af.active_frames(taf.af._frame_levels_db(audio))
    level = taf._speech_level(audio)
    ex: taf.Examples = ([], [])
    for w, is_f in zip(clip.words, filler_mask(clip.words)):
        if is_f:
            continue
        for r in regions:
            if r.end_s <= w.start or r.start_s >= w.end:
                continue
            t = taf.af._trim((max(w.start, r.start_s), min(w.end, r.end_s)), active)
            if t is None:
                continue
            a = max(t[0], t[1] - max(taf.af.MIN_CANDIDATE_S, TAIL_SHARE * (t[1] - t[0])))
            taf._add_example(ex, audio, (a, t[1]), active, level, 0)
    return ex


def vetoes(model: Any, voicing: Any, tails: Any) -> dict[str, Any]:
    """Per verifier, whether a hesitation whose sound has these features is dropped: its best
    sound scores below even odds under the detector's model, the voicing-only model, both, or
    the model refitted with word ends as negatives."""
    def low(m: Any, feats: list[np.ndarray]) -> bool:
        return max(taf.af.filler_probability(x, m) for x in feats) < taf.VETO_EVEN_ODDS

    return {"verified": lambda f: low(model, f), "voicing": lambda f: low(voicing, f),
            "both": lambda f: low(model, f) and low(voicing, f), "tails": lambda f: low(tails, f)}


def held_out(c: taf.Clip, model: Any, voicing: Any, tails: Any,
             sounds: list[tuple[int, list[np.ndarray]]], cfg: Config) -> dict[str, Any]:
    """The held-out clip's counts at every level, without and with the even-odds verifier
    (the detector's model, and the voicing-only one)."""
    finds = taf._finds(c, model)
    keep = ("tp", "fp", "fn")
    out: dict[str, Any] = {
        "finds": [(round(a.start_s, 2), round(a.probability, 2)) for a in finds],
        "plain": {t: {k: v for k, v in taf.counts_with(
            c, [a for a in finds if a.probability >= t], cfg).items() if k in keep}
            for t in taf.THRESHOLDS}}
    for name, drops in vetoes(model, voicing, tails).items():
        drop = {i for i, feats in sounds if drops(feats)}
        vc = c._replace(words=[w for i, w in enumerate(c.words) if i not in drop])
        vfinds = taf._finds(vc, model)
        out[f"{name}_vetoed"] = [(c.words[i].text.strip(), round(c.words[i].start, 2))
                                 for i in drop]
        out[name] = {t: {k: v for k, v in taf.counts_with(
            vc, [a for a in vfinds if a.probability >= t], cfg).items() if k in keep}
            for t in taf.THRESHOLDS}
    out["scores"] = [(c.words[i].text.strip(), round(c.words[i].start, 2),
                      round(max(taf.af.filler_probability(x, model) for x in f), 2),
                      round(max(taf.af.filler_probability(x, voicing) for x in f), 2),
                      round(max(taf.af.filler_probability(x, tails) for x in f), 2))
                     for i, f in sounds]
    return out


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
    te = {c.id: tail_examples(c) for c in clips}
    by_id = {c.id: c for c in clips}
    folds = {}
    for c in clips:
        train = {k: v for k, v in ex.items() if k != c.id}
        inner = taf.inner_models(train, syn, c.id)
        model = taf.fit(list(train.values()), taf._without(syn, c.id), 0.5)
        voicing = fit_voicing(list(train.values()), taf._without(syn, c.id))
        tails = taf.fit([*train.values(), *(te[k] for k in train)], taf._without(syn, c.id), 0.5)
        folds[c.id] = {"curve": inner_curve(by_id, inner, cfg)} | held_out(
            c, model, voicing, tails, taf.hesitation_sounds(c), cfg)
        print(c.id, folds[c.id]["curve"], folds[c.id]["finds"], folds[c.id]["scores"],
              file=sys.stderr)
    full = fit_voicing(list(ex.values()), taf._without(syn))
    full_det = taf.fit(list(ex.values()), taf._without(syn), 0.5)
    full_tails = taf.fit([*ex.values(), *te.values()], taf._without(syn), 0.5)
    check = []
    for cid in taf.HESITANT:
        audio = taf.load_audio(ROOT / "tests" / "data" / "audio" / f"{cid}.flac")
        regions = taf.detect_speech(audio, cfg.vad)
        hc = taf.fillers_by_sound(taf.Clip(cid, audio, regions, taf._words(
            audio, tr, cache, f"{cid}-{key}"), []))
        check += [(cid, hc.words[i].text.strip(), round(hc.words[i].start, 2),
                   *(round(max(taf.af.filler_probability(x, m) for x in f), 2)
                     for m in (full_det, full, full_tails)))
                  for i, f in taf.hesitation_sounds(hc)]
    return folds | {"_check": check, "_espeak48": espeak48(full_det, full, full_tails, cfg)}


def espeak48(model: Any, voicing: Any, tails: Any, cfg: Config) -> dict[str, dict[str, int]] | None:
    """The verifiers on the 48 espeak-ng answers of bench/acoustic_check.py (its cached words;
    None when it has not run): hesitations counted by the product's path (detector on, shipped
    threshold) and matched by count per clip, with each veto applied first."""
    import acoustic_check as ac
    from robustness import clip_specs, make_clip

    from voice_coach.analysis.delivery import analyze_delivery
    from voice_coach.analysis.vad import frame_levels_db
    from voice_coach.pipeline import fillers_by_sound

    specs = clip_specs(None)
    if not all((ac.CACHE / f"{make_clip(s)[0].stem}.pkl").is_file() for s in specs):
        return None
    shipped = taf.af.FillerModel.from_arrays(__import__(
        "voice_coach.models", fromlist=["x"]).acoustic_filler_arrays())
    tot = {k: {"tp": 0, "fp": 0, "fn": 0, "vetoed": 0} for k in ("none", *VETOES)}
    for spec in specs:
        path, gt = make_clip(spec)
        audio = taf.load_audio(path)
        regions = taf.detect_speech(audio, cfg.vad)
        t = pickle.loads((ac.CACHE / f"{path.stem}.pkl").read_bytes())
        t = fillers_by_sound(t, frame_levels_db(audio), regions)
        clip = taf.Clip(path.stem, audio, regions, list(t.words), [])
        sounds = taf.hesitation_sounds(clip)
        for name, drops in {"none": lambda f: False, **vetoes(model, voicing, tails)}.items():
            drop = {i for i, feats in sounds if drops(feats)}
            words = [w for i, w in enumerate(clip.words) if i not in drop]
            finds = taf.af.detect_acoustic_fillers(audio, words, regions, shipped)
            d = analyze_delivery(regions, words, len(audio) / taf.SAMPLE_RATE,
                                 cfg.with_value("fillers.acoustic", True), finds,
                                 unrecognised=t.unrecognised)
            det = sum(1 for f in d.fillers if taf.is_hesitation(f.text.rstrip("?")))
            true = gt["filler_count"]
            c = tot[name]
            c["tp"] += min(det, true)
            c["fp"] += max(0, det - true)
            c["fn"] += max(0, true - det)
            c["vetoed"] += len(drop)
    return tot


def render(folds: dict[str, Any], secs: float) -> str:
    lv = ", ".join(str(t) for t in taf.THRESHOLDS)
    lines = [f"Acoustic filler detector: the threshold when calibration has nothing to find "
             f"(leave-one-clip-out over {len(folds)} real clips, tiny.en greedy, filler prompt; "
             f"{secs:.0f} s). Inner F1 of the whole filler path per level ({lv}); the held-out "
             "clip's candidates with their out-of-fold scores; the level each rule picks:", "",
             "| held-out clip | inner F1 per level | tied everywhere | held-out candidates "
             "(start s: score) | " + " | ".join(RULES) + " |",
             "|---|---|---|---|" + "---|" * len(RULES)]
    check = folds.pop("_check", [])
    e48 = folds.pop("_espeak48", None)
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
              "| rule | + acoustic detector | + detector + even-odds verifier | + detector + "
              "voicing-only verifier | + detector + veto when both score < 0.5 | + detector + "
              "verifier fitted with word ends as negatives |", "|---|---|---|---|---|---|"]
    for r in RULES:
        cells = []
        for kind in ("plain", *VETOES):
            rows = [f[kind][pick(f["curve"], r)] for f in folds.values()]
            tp, fp, fn = (sum(x[k] for x in rows) for k in ("tp", "fp", "fn"))
            cells.append(f"{tp / max(1, tp + fn):.2f} / {tp / max(1, tp + fp):.2f} "
                         f"({tp}/{tp + fn}, {fp} false)")
        lines.append(f"| {r} | {' | '.join(cells)} |")
    lines += ["", "Whisper's hesitations with a sound of their own, out-of-fold score of that "
              "sound under the detector's model / the voicing-only model / the model with word "
              "ends as negatives (veto below 0.5):", "",
              "| held-out clip | hesitation: detector / voicing / word ends |", "|---|---|"]
    for cid, f in folds.items():
        if f["scores"]:
            lines.append(f"| {cid} | " + ", ".join(f"{t} {s:.2f} s: {a:.2f} / {b:.2f} / {e:.2f}"
                                                   for t, s, a, b, e in f["scores"]) + " |")
    lines += ["", "The same on hesitant espeak-ng speech (`tests/data`; every hesitation in "
              "their scripts was said, so a veto there loses a true filler), models fitted on "
              "all real clips:", "", "| clip | hesitation | detector | voicing | word ends |",
              "|---|---|---|---|---|"]
    for cid, t, s, a, b, e in check:
        lines.append(f"| {cid} | {t} {s:.2f} s | {a:.2f} | {b:.2f} | {e:.2f} |")
    lines.append("| **vetoed below 0.5** | | " + " | ".join(
        f"{sum(row[k] < 0.5 for row in check)} of {len(check)}" for k in (3, 4, 5)) + " |")
    if e48:
        lines += ["", "The 48 espeak-ng answers of bench/acoustic_check.py (scripts' hesitations "
                  "matched by count per clip; product path with the shipped detector), models "
                  "fitted on all real clips:", "",
                  "| verifier | hesitations vetoed | recall / precision (found/true, false) |",
                  "|---|---|---|"]
        for name, c in e48.items():
            lines.append(f"| {name} | {c['vetoed']} | {c['tp'] / max(1, c['tp'] + c['fn']):.2f}"
                         f" / {c['tp'] / max(1, c['tp'] + c['fp']):.2f} ({c['tp']}/"
                         f"{c['tp'] + c['fn']}, {c['fp']} false) |")
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
