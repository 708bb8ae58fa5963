"""Pause F1 with and without `vad.with_tails` (a sound's soft ending hidden by noise) on the
generated robustness clips, VAD only (no Whisper): `--conditions unseen [--answers PATH]` or
`default`. The 2nd-speaker clips are left out (their background cut needs Whisper's words;
bench/robustness.py measures them). Session 22 (docs/robustness.md): the held-out check of
the rule on hear20 and session 19's set.

Usage: .venv/bin/python bench/pause_tails.py [--conditions unseen] [--answers PATH]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import robustness as R  # noqa: E402
from accuracy import match_pauses, prf  # noqa: E402

from voice_coach.analysis import vad as V  # noqa: E402
from voice_coach.analysis.delivery import clean_regions, find_pauses  # noqa: E402
from voice_coach.audio import SAMPLE_RATE  # noqa: E402
from voice_coach.config import Config  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--conditions", choices=("default", "unseen"), default="unseen")
    ap.add_argument("--answers", type=Path, default=None)
    args = ap.parse_args(argv)
    cfg = Config()
    specs = [s for s in R.clip_specs(None, args.conditions, args.answers)
             if "2ndspeaker" not in s["id"]]
    model, tails = V.load_vad_model(), V.with_tails
    res: dict[tuple[str, str], dict] = {}
    for sp in specs:
        wav, gt = R.make_clip(sp)
        audio = R.load_audio(wav)
        probs, levels = model.probabilities(audio), V.frame_levels_db(audio)
        truth = [tuple(p) for p in gt["pauses"]]
        group = gt.get("noise") or ("clean" if gt.get("snr_db") is None
                                    else f"SNR {gt['snr_db']:g}")
        for name, fn in (("without tails", lambda m, _levels: m), ("with tails", tails)):
            V.with_tails = fn
            try:
                regions = V.speech_from(probs, levels, cfg.vad, audio.size).regions
            finally:
                V.with_tails = tails
            segs = clean_regions(regions, audio.size / SAMPLE_RATE)
            det = [(p.start, p.end) for p in find_pauses(segs, cfg.silence.min_gap_s)]
            m, m2 = match_pauses(det, truth, [], 0.1), match_pauses(det, truth, [], 0.2)
            for g in ("all", group):
                r = res.setdefault((g, name), {"tp": 0, "fp": 0, "fn": 0, "err": []})
                for k in ("tp", "fp", "fn"):
                    r[k] += m[k]
                r["err"] += m2["boundary_errors_s"]
    print("| group | rule | pause F1 ±100 ms | hits / false / missed | boundary err ms |")
    print("|---|---|---|---|---|")
    for (g, name), r in res.items():
        f1 = prf(r["tp"], r["fp"], r["fn"])[2]
        print(f"| {g} | {name} | {f1:.3f} | {r['tp']} / {r['fp']} / {r['fn']} | "
              f"{1000 * float(np.mean(r['err'])):.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
