"""Unseen-set accuracy of the report's structure fields against labels (lead's tool, session 26).

    PYTHONPATH=CODE python structacc.py OUT.json ANSWERS.toml LABELS.toml [KEYPOINTS.toml] ...
(pairs/triples given as ANSWERS:LABELS[:KEYPOINTS]). Every answer is analysed as `voice-coach
analyze` does (analyze_text with its question), and once without the question for the kind.
"""
import json
import sys
import tomllib
from collections import defaultdict

from voice_coach.config import Config
from voice_coach.pipeline import analyze_text
from voice_coach.questions import load_bank

PARTS = ("situation", "task", "action", "result", "learning")
TRIAD = ("baseline", "after", "business_outcome", "complete")


def main(out_path, specs):
    bank = load_bank()
    cfg = Config()
    tally = defaultdict(lambda: [0, 0])
    kp = defaultdict(int)
    out = {}
    for spec in specs:
        parts = spec.split(":")
        answers = tomllib.load(open(parts[0], "rb"))["answer"]
        labels = tomllib.load(open(parts[1], "rb"))
        kps = {}
        if len(parts) > 2:
            kps = {a["id"]: a for a in tomllib.load(open(parts[2], "rb"))["answer"]}
        for a in answers:
            lab = labels[a["id"]]
            q = bank.get(a["question_id"])
            s = analyze_text(a["text"], cfg=cfg, question=q).to_json()["structure"]
            s0 = analyze_text(a["text"], cfg=cfg, question=None).to_json()["structure"]
            got = {"kind": s.get("kind"), "kind_noq": s0.get("kind"),
                   "hypothetical": bool(s.get("hypothetical"))}
            star = s.get("star") or {}
            for p in PARTS:
                got[f"star.{p}"] = bool((star.get(p) or {}).get("present"))
            tri = s.get("metric_triad") or {}
            for t in TRIAD:
                got[f"triad.{t}"] = bool(tri.get(t))
            got["principles"] = sorted(s.get("leadership_principles") or [])
            want = {"kind": lab["kind"], "kind_noq": lab["kind"],
                    "hypothetical": lab["hypothetical"],
                    "principles": sorted(lab.get("leadership_principles", []))}
            for p in PARTS:
                want[f"star.{p}"] = lab["star"][p]
            for t in TRIAD:
                want[f"triad.{t}"] = lab["metric_triad"][t]
            for k in want:
                tally[k][0] += got[k] == want[k]
                tally[k][1] += 1
            rec = {"got": got, "want": want, "slots": tri.get("slots"),
                   "question": a["question_id"]}
            if a["id"] in kps:
                k = kps[a["id"]]
                rep = s.get("key_points") or {}
                rc, rm, ru = (set(rep.get(x) or []) for x in ("covered", "missed", "unclear"))
                for pt in k["covered"]:
                    kp["n"] += 1
                    kp["unclear"] += pt in ru
                    kp["right"] += pt in rc
                    kp["decided"] += pt in rc or pt in rm
                for pt in k["missed"]:
                    kp["n"] += 1
                    kp["unclear"] += pt in ru
                    kp["right"] += pt in rm
                    kp["decided"] += pt in rc or pt in rm
                rec["kp"] = {"report": [sorted(rc), sorted(rm), sorted(ru)],
                             "label": [k["covered"], k["missed"]]}
            out[a["id"]] = rec
    json.dump(out, open(out_path, "w"), indent=1)
    print("| label | right | share |\n|---|---|---|")
    for k, (r, n) in tally.items():
        print(f"| {k} | {r}/{n} | {r / n:.3f} |")
    if kp["n"]:
        print(f"key points: right of decided {kp['right']}/{kp['decided']} = "
              f"{kp['right'] / max(1, kp['decided']):.3f}; unclear {kp['unclear']}/{kp['n']} = "
              f"{kp['unclear'] / kp['n']:.2f}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
