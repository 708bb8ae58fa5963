"""Structure-label accuracy over spent rounds 28-59 (57-59 held out in session 49, spent after it). usage: PYTHONPATH=CODE ev.py OUT.json SHARD NSHARDS"""
import sys, glob, json, tomllib, re, os
from voice_coach.config import Config
from voice_coach.pipeline import analyze_text
from voice_coach.questions import load_bank
D = "/work/main/tests/data/"
ROUNDS = ["spent_session28/round28", "spent_session29/round29", "spent_session31/round31",
          "spent_session32/round32", "spent_session32/round33", "spent_session34/round34",
          "spent_session35/round35", "spent_session35/round36", "spent_session36/round37",
          "spent_session37/round38", "spent_session37/round39",
          "spent_session40/round40", "spent_session41/round41", "spent_session42/round42", "spent_session43/round43",
          "spent_session44/round44", "spent_session44/round45",
          "spent_session45/round46", "spent_session45/round47", "spent_session46/round48", "spent_session46/round49", "spent_session46/round50", "spent_session47/round51", "spent_session47/round52", "spent_session47/round53",
          "spent_session48/round54", "spent_session48/round55", "spent_session48/round56",
          "spent_session49/round57", "spent_session49/round58", "spent_session49/round59",
          "spent_session50/round60", "spent_session50/round61", "spent_session50/round62",
          "spent_session51/round63", "spent_session51/round64", "spent_session51/round65",
          "spent_session52/round66", "spent_session52/round67", "spent_session52/round68",
          "spent_session53/round69", "spent_session53/round70", "spent_session53/round71",
          "spent_session54/round72", "spent_session54/round73", "spent_session54/round74",
          "spent_session55/round75", "spent_session55/round76", "spent_session55/round77",
          "spent_session56/round78", "spent_session56/round79", "spent_session56/round80",
          "spent_session57/round81", "spent_session57/round82", "spent_session57/round83"]
import voice_coach.analysis.structure as _st
if os.environ.get("TASKP"): _st.SURE_TASK_PROBA = float(os.environ["TASKP"])
bank = load_bank(); cfg = Config()
out = {}; k = 0
shard, n = int(sys.argv[2]), int(sys.argv[3])
for r in ROUNDS:
    for lf in sorted(glob.glob(f"{D}{r}/labels_*.toml")):
        name = re.sub(r"_[A-Z]$", "", os.path.basename(lf)[len("labels_"):-5])
        af = f"{D}{r}/{name}.toml"
        if not os.path.exists(af): af = f"{D}{r}/answers_{name}.toml"
        L = tomllib.load(open(lf, "rb"))
        for a in tomllib.load(open(af, "rb"))["answer"]:
            k += 1
            if k % n != shard: continue
            s = analyze_text(a["text"], cfg=cfg, question=bank.get(a["question_id"])).to_json()["structure"]
            star = s.get("star") or {}; tri = s.get("metric_triad") or {}
            lab = L[a["id"]]
            got = {**{p: bool((star.get(p) or {}).get("present")) for p in ("situation","task","action","result","learning")},
                   **{t: bool(tri.get(t)) for t in ("baseline","after","business_outcome")},
                   "principles": sorted(s.get("leadership_principles") or []), "hypothetical": bool(s.get("hypothetical"))}
            want = {**lab["star"], **{t: lab["metric_triad"][t] for t in ("baseline","after","business_outcome")},
                    "principles": sorted(lab.get("leadership_principles", [])), "hypothetical": lab["hypothetical"]}
            out[os.path.basename(lf) + ":" + a["id"]] = {"got": got, "want": want}
json.dump(out, open(sys.argv[1], "w"))
