"""Collect per-answer STAR evidence rows + current verdicts + labels over spent rounds. coll.py OUT.pkl SHARD N"""
import sys, glob, pickle, tomllib
import numpy as np
import voice_coach.analysis.structure as st
from voice_coach.config import Config
from voice_coach.pipeline import analyze_text
from voice_coach.questions import load_bank
cap = {}
o_sev = st.star_evidence
def sev(*a, **kw):
    r = o_sev(*a, **kw); cap['e'] = np.array(r); cap['rules'] = dict(a[7]); cap['present0'] = dict(a[8]); cap['hyp'] = a[9]; return r
st.star_evidence = sev
o_vote = st.clause_votes
def vote(row, head, *a, **kw):
    r = o_vote(row, head, *a, **kw); cap.setdefault('rows', []).append((np.array(row), r)); return r
st.clause_votes = vote
bank = load_bank(); cfg = Config()
shard, n = int(sys.argv[2]), int(sys.argv[3])
out = []; k = 0
for lf in sorted(glob.glob("/work/main/tests/data/spent_session*/round*/labels_*.toml")):
    if "round36" in lf: continue
    af = lf.replace("labels_", "")
    try:
        A = tomllib.load(open(af, "rb"))["answer"]
    except FileNotFoundError:
        print("no answers for", lf); continue
    L = tomllib.load(open(lf, "rb"))
    for a in A:
        if a["id"] not in L: continue
        k += 1
        if k % n != shard: continue
        cap.clear()
        s = analyze_text(a["text"], cfg=cfg, question=bank.get(a["question_id"])).to_json()["structure"]
        star = s.get("star") or {}
        out.append(dict(round=lf.split('/')[-2] + '/' + lf.split('/')[-1], id=a["id"], kind=s.get("kind"),
                        e=cap.get('e'), rules=cap.get('rules'), present0=cap.get('present0'), hyp=cap.get('hyp'),
                        got={p: bool((star.get(p) or {}).get("present")) for p in st.STAR_PARTS},
                        want=dict(L[a["id"]]["star"]), rows=cap.get('rows', [])))
pickle.dump(out, open(sys.argv[1], "wb"))
print(len(out))
