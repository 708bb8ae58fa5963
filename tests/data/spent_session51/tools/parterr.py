"""STAR part errors on spent rounds (labellers agree). usage: PART=task PYTHONPATH=CODE parterr.py OUT.json ROUND..."""
import sys, glob, json, tomllib, re, os
from voice_coach.config import Config
from voice_coach.pipeline import analyze_text
from voice_coach.questions import load_bank
D = "/work/main/tests/data/"
P = os.environ.get("PART", "task")
bank = load_bank(); cfg = Config(); out = {}
for r in sys.argv[2:]:
    by = {}
    for lf in sorted(glob.glob(f"{D}{r}/labels_*.toml")):
        name = re.sub(r"_[A-Z]$", "", os.path.basename(lf)[len("labels_"):-5])
        by.setdefault(name, []).append(tomllib.load(open(lf, "rb")))
    for name, Ls in by.items():
        af = f"{D}{r}/{name}.toml"
        if not os.path.exists(af): af = f"{D}{r}/answers_{name}.toml"
        for a in tomllib.load(open(af, "rb"))["answer"]:
            w = {L[a["id"]]["star"][P] for L in Ls}
            if len(w) != 1: continue
            want = w.pop()
            s = analyze_text(a["text"], cfg=cfg, question=bank.get(a["question_id"])).to_json()["structure"]
            part = (s.get("star") or {}).get(P) or {}
            got = bool(part.get("present"))
            out[a["id"]] = {"want": want, "got": got, "q": a["question_id"], "part": part, "text": a["text"], "kind": s.get("kind")}
json.dump(out, open(sys.argv[1], "w"), indent=1)
print(sum(v["want"] == v["got"] for v in out.values()), len(out))
