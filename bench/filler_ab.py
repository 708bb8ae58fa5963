"""The acoustic filler detector before and after session 23's rule, on the same Whisper words.

Reads a `bench/filler_misses.py` JSON (each clip's words after `fillers_by_sound`, VAD regions,
true fillers; the clips from `bench/.cache/robustness`), re-runs the detector and the delivery's
filler count with `acoustic_fillers.WORD_SOUND_MIN_S` = 1e9 (no region freed: the detector as it
was) and 0.1 (shipped), and prints recall / precision per condition and the causes of missed and
false fillers (`filler_misses.classify_*`). The "before" numbers reproduce the bench's
"+ acoustic detector" column exactly.

Usage: nice .venv/bin/python bench/filler_ab.py bench/results/<filler_misses tag>.json OUT.json
"""
import json, sys, dataclasses
from pathlib import Path
from collections import Counter, defaultdict
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
import filler_misses as fm
import voice_coach.analysis.acoustic_fillers as af
from voice_coach.analysis.delivery import analyze_delivery
from voice_coach.analysis.vad import SpeechRegion
from voice_coach.audio import load_audio, SAMPLE_RATE
from voice_coach.config import Config
from voice_coach.models import acoustic_filler_arrays
from voice_coach.transcriber import Word

clips = json.load(open(sys.argv[1]))["clips"]
cfg = Config()
cfg_on = dataclasses.replace(cfg, fillers=dataclasses.replace(cfg.fillers, acoustic=True))
model = af.FillerModel.from_arrays(acoustic_filler_arrays())
GROUPS = ("clean", "brownSNR15", "whiteSNR25", "2ndspeaker", "reverb")
res = {}
for mode, v in (("before", 1e9), ("after", 0.1)):
    af.WORD_SOUND_MIN_S = v
    g = defaultdict(lambda: [0, 0, 0])
    miss, false = Counter(), Counter()
    rows = []
    for c in clips:
        audio = load_audio(ROOT / "bench" / ".cache" / "robustness" / f"{c['id']}.wav")
        words = [Word(t, s, e, p) for t, s, e, p in c["after"]]
        regions = [SpeechRegion(a, b) for a, b in c["regions"]]
        ac = af.detect_acoustic_fillers(audio, words, regions, model)
        d = analyze_delivery(regions, words, len(audio) / SAMPLE_RATE, cfg_on, ac)
        dl = [[f.text, f.start, f.end, f.source] for f in d.fillers]
        cc = dict(c)
        cc["candidates"], _ = fm.candidates(audio, words, regions)
        used, free = fm._match(dl, c["truth"])
        grp = next(x for x in GROUPS if x in c["id"])
        for key in ("all", grp):
            g[key][0] += len(used); g[key][1] += len(dl); g[key][2] += len(c["truth"])
        for j in range(len(c["truth"])):
            if j not in used:
                cause = fm.classify_miss(cc, j, set(used.values()), dl)
                miss[cause] += 1
                rows.append([c["id"], "miss", c["truth"][j], cause])
        for k in free:
            cause = fm.classify_false(cc, k, dl)
            false[cause] += 1
            rows.append([c["id"], "false", [dl[k][0], round(dl[k][1], 2), round(dl[k][2], 2),
                                            dl[k][3]], cause])
    res[mode] = {"groups": {k: {"hit": a, "det": b, "true": t, "R": a / t if t else None,
                                "P": a / b if b else None} for k, (a, b, t) in g.items()},
                 "miss": dict(miss), "false": dict(false), "rows": rows}
    print(mode)
    for k, (a, b, t) in g.items():
        print(f"  {k}: R {a/t:.3f} ({a}/{t}) P {a/max(b,1):.3f} ({a}/{b})")
    print("  miss", miss.most_common())
    print("  false", false.most_common())
json.dump(res, open(sys.argv[2], "w"), indent=1, default=str)
