import sys, tomllib
from voice_coach.config import Config
from voice_coach.pipeline import analyze_text
from voice_coach.questions import load_bank
bank = load_bank(); cfg = Config()
A = tomllib.load(open(sys.argv[1], "rb"))["answer"]; L = tomllib.load(open(sys.argv[2], "rb"))
keys = sys.argv[3].split(",")
for a in A:
    r = analyze_text(a["text"], cfg=cfg, question=bank.get(a["question_id"]))
    t = r.structure.metric_triad
    got = {"baseline": t.baseline, "after": t.after, "business_outcome": t.business_outcome}
    want = L[a["id"]]["metric_triad"]
    bad = [k for k in keys if bool(got[k]) != bool(want[k])]
    if bad:
        print("==", a["id"], a["question_id"], " ".join(f"{k}: want {want[k]} got {got[k]}" for k in bad))
        print("   slots:", t.slots)
        print("   ", a["text"][:1500].replace("\n", " "))
