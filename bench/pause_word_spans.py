"""Can Whisper's word timings decide the pause edges the VAD gets wrong? (issue #12, hear15)

The idea: where the VAD's rules are unsure (a faint sound it dropped, a short burst Silero does
not hear), the words Whisper wrote say whether the speaker was talking there. This measures it
on the real clips of tests/data/manifest.json with the shipped VAD (offset 0) and tiny.en's
words (greedy, filler prompt; the word cache of scripts/train_acoustic_fillers.py):

1. how much of each reference pause lies under a single Whisper word (Whisper stretches a word
   over the pause after it, so a word's span is no evidence of sound);
2. variant *words keep dropped sounds*: a run of loud frames the rules call silence
   (`pause_errors.dropped_sounds`) is speech when its middle lies inside a Whisper word with
   p ≥ `MIN_WORD_P`;
3. variant *no word, no speech*: a VAD region no Whisper word overlaps is silence (the
   "merged pause over a faintly audible other speaker" direction).

Each variant is scored as bench/pause_errors.py scores (±100 ms, uncertain pauses neither hit
nor false) and chosen leave-one-clip-out against the shipped rule (ties: shipped).

Usage: .venv/bin/python bench/pause_word_spans.py --cache DIR [--out DIR]
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "scripts"))

import pause_errors as pe  # noqa: E402
from accuracy import prf  # noqa: E402
from common import publish  # noqa: E402

from voice_coach.analysis import vad  # noqa: E402
from voice_coach.analysis.delivery import clean_regions, find_pauses  # noqa: E402
from voice_coach.analysis.levels import SpeechRegion  # noqa: E402
from voice_coach.audio import SAMPLE_RATE, load_audio  # noqa: E402
from voice_coach.config import Config  # noqa: E402

MIN_WORD_P = 0.5  # a word Whisper was at least even-odds sure of (not searched)
VARIANTS = ("shipped", "words keep dropped sounds", "no word, no speech")


def _pauses(regions: list[SpeechRegion], n: int, cfg: Config) -> list[tuple[float, float]]:
    segs = clean_regions(sorted(regions), n / SAMPLE_RATE)
    return [(p.start, p.end) for p in find_pauses(segs, cfg.silence.min_gap_s)]


def score(clip: pe.Clip, det: list[tuple[float, float]]) -> tuple[int, int, int]:
    hits = pe.match(det, clip.truth)
    scored = [i for i, d in enumerate(det) if i in hits
              or not any(pe._overlap(d, u) > 0 for u in clip.uncertain)]
    return len(hits), len(scored) - len(hits), len(clip.truth) - len(hits)


def run(cache: Path, cfg: Config) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    import train_acoustic_fillers as taf

    from voice_coach.transcriber import load_transcriber

    beam = cfg.transcriber.beam_size
    tr = functools.cache(lambda: load_transcriber("faster-whisper", "tiny.en", beam_size=beam,
                                                  cpu_threads=2))
    model = vad.load_vad_model()
    manifest = ROOT / "tests" / "data" / "manifest.json"
    cover: list[dict[str, Any]] = []
    counts: dict[str, dict[str, Any]] = {v: {} for v in VARIANTS}
    for gt in json.loads(manifest.read_text()):
        if gt.get("kind") != "real":
            continue
        audio = load_audio(manifest.parent / gt["path"])
        words = taf._words(audio, tr, cache, f"{gt['id']}-tiny.en-beam{beam}")
        clip = pe.clip_at(gt, audio, model.probabilities(audio), 0)
        det, _, regions = pe.detect(clip, cfg)
        for a, b in clip.truth:
            best = max([min(b, w.end) - max(a, w.start) for w in words] + [0.0])
            cover.append({"clip": clip.id, "pause": (a, b), "share": best / (b - a)})
        counts["shipped"][clip.id] = score(clip, det)
        sure = [(w.start, w.end) for w in words if float(w.probability) >= MIN_WORD_P]
        keep = [d["span"] for d in pe.dropped_sounds(clip, audio, regions, cfg)
                if any(s <= (d["span"][0] + d["span"][1]) / 2 <= e for s, e in sure)]
        counts["words keep dropped sounds"][clip.id] = score(
            clip, _pauses([*regions, *(SpeechRegion(a, b) for a, b in keep)], clip.n, cfg))
        spoken = [r for r in regions
                  if any(w.end > r.start_s and w.start < r.end_s for w in words)]
        counts["no word, no speech"][clip.id] = score(clip, _pauses(spoken, clip.n, cfg))
    return cover, counts


def _f1(rows: dict[str, tuple[int, int, int]]) -> tuple[float, tuple[int, int, int]]:
    t = tuple(sum(v[k] for v in rows.values()) for k in range(3))
    return prf(*t)[2] or 0.0, t


def render(cover: list[dict[str, Any]], counts: dict[str, dict[str, Any]]) -> str:
    under = [c for c in cover if c["share"] >= 0.5]
    lines = [f"Reference pauses of the real clips lying at least half under one tiny.en word "
             f"(greedy, filler prompt): **{len(under)} of {len(cover)}** (a word's span is no "
             "evidence of sound: Whisper stretches a word over the pause after it):", "",
             "| clip | reference pauses | ≥ half under one word | mean share under one word |",
             "|---|---|---|---|"]
    for cid in dict.fromkeys(c["clip"] for c in cover):
        rows = [c for c in cover if c["clip"] == cid]
        lines.append(f"| {cid} | {len(rows)} | {sum(c['share'] >= 0.5 for c in rows)} | "
                     f"{np.mean([c['share'] for c in rows]):.2f} |")
    lines += ["", "Pause F1 at ±100 ms (offset 0) with each variant, and leave-one-clip-out "
              "against the shipped rule (ties: shipped):", "",
              "| variant | F1 | hits / false / missed | clips that change (hits, false, missed) |",
              "|---|---|---|---|"]
    base = counts["shipped"]
    for v in VARIANTS:
        f, t = _f1(counts[v])
        diff = ", ".join(f"{cid} {base[cid]} → {x}" for cid, x in counts[v].items()
                         if x != base[cid]) or "–"
        lines.append(f"| {v} | {f:.3f} | {t[0]} / {t[1]} / {t[2]} | {diff} |")
    for v in VARIANTS[1:]:
        cv = {}
        picks = []
        for cid in base:
            other = {k: x for k, x in base.items() if k != cid}
            alt = {k: x for k, x in counts[v].items() if k != cid}
            use = counts[v] if _f1(alt)[0] > _f1(other)[0] else base
            if use is counts[v]:
                picks.append(cid)
            cv[cid] = use[cid]
        f, t = _f1(cv)
        lines.append(f"| leave-one-clip-out, {v} vs shipped (folds that pick the variant: "
                     f"{', '.join(picks) or 'none'}) | {f:.3f} | {t[0]} / {t[1]} / {t[2]} | |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", required=True, help="Whisper word cache (train_acoustic_fillers)")
    ap.add_argument("--out", default=str(ROOT / "bench" / "results"))
    args = ap.parse_args(argv)
    cover, counts = run(Path(args.cache), Config())
    publish(render(cover, counts), "pause_word_spans", args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
