"""Business-outcome errors on spent rounds (both labellers agree). usage: PYTHONPATH=CODE outerr.py OUT.json ROUND..."""
import sys, glob, json, tomllib, re, os
from voice_coach.config import Config
from voice_coach.pipeline import analyze_text
from voice_coach.questions import load_bank
D = "/work/main/tests/data/"
bank = load_bank(); cfg = Config(); out = {}
for r in sys.argv[2:]:
    files = sorted(glob.glob(f"{D}{r}/labels_*.toml"))
    by = {}
    for lf in files:
        name = re.sub(r"_[A-Z]$", "", os.path.basename(lf)[len("labels_"):-5])
        by.setdefault(name, []).append(tomllib.load(open(lf, "rb")))
    for name, Ls in by.items():
        af = f"{D}{r}/{name}.toml"
        if not os.path.exists(af): af = f"{D}{r}/answers_{name}.toml"
        for a in tomllib.load(open(af, "rb"))["answer"]:
            w = {L[a["id"]]["metric_triad"]["business_outcome"] for L in Ls}
            if len(w) != 1: continue
            want = w.pop()
            s = analyze_text(a["text"], cfg=cfg, question=bank.get(a["question_id"])).to_json()["structure"]
            tri = s.get("metric_triad") or {}
            got = bool(tri.get("business_outcome"))
            out[a["id"]] = {"want": want, "got": got, "q": a["question_id"], "tri": tri, "text": a["text"]}
json.dump(out, open(sys.argv[1], "w"), indent=1)
print(sum(v["want"] == v["got"] for v in out.values()), len(out))
