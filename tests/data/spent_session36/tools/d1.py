"""Print per-clause STAR decisions for answers: diag.py ANSWERS.toml LABELS.toml id [id…]"""
import sys, tomllib
import voice_coach.analysis.structure as st
from voice_coach.config import Config
from voice_coach.pipeline import analyze_text
from voice_coach.questions import load_bank
log = []
o_cv = st.clause_votes
def cv(row, head, cue, *a, **kw):
    r = o_cv(row, head, cue, *a, **kw); log.append((dict(zip(head.labels, [round(float(x),2) for x in row])), r, kw.get('not_task'))); return r
st.clause_votes = cv
o_se = st.story_eligible
cl = {}
def se(raw, norm, kind):
    r = o_se(raw, norm, kind); cl['norm'] = list(norm); cl['allowed'] = r; return r
st.story_eligible = se
ev = {}
o_sev = st.star_evidence
def sev(*a, **kw):
    r = o_sev(*a, **kw); ev['e'] = r; ev['rules'] = a[7] if len(a) > 7 else kw.get('by_rules'); return r
st.star_evidence = sev
from voice_coach.embedder import load_meaning_model
import numpy as np
MM = load_meaning_model()
bank = load_bank(); cfg = Config()
qid, text = sys.argv[1], sys.argv[2]
log.clear(); cl.clear()
s = analyze_text(text, cfg=cfg, question=bank.get(qid) if qid != '-' else None).to_json()['structure']
print('got', {p: (s['star'].get(p) or {}).get('present') for p in st.STAR_PARTS})
print('triad', {k: v for k, v in s['metric_triad'].items()})
it = iter(log)
for c, al in zip(cl['norm'], cl['allowed']):
    if not al: print('   --', c[:110]); continue
    probs, (lab, parts), nt = next(it)
    print(f"   {str(lab)[:5]:5} {','.join(p[:3] for p in parts):12} | {c[:110]}")
