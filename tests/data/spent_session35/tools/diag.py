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
A = {a['id']: a for a in tomllib.load(open(sys.argv[1], 'rb'))['answer']}
L = tomllib.load(open(sys.argv[2], 'rb'))
for i in sys.argv[3:]:
    log.clear(); cl.clear()
    s = analyze_text(A[i]['text'], cfg=cfg, question=bank.get(A[i]['question_id'])).to_json()['structure']
    print('=====', i, A[i]['question_id'], 'label', {k: v for k, v in L[i]['star'].items()}, 'got', {p: (s['star'].get(p) or {}).get('present') for p in st.STAR_PARTS})
    pp = MM.parts.proba(np.array(ev['e'])) if 'e' in ev else []
    print('   part_proba', dict(zip(st.STAR_PARTS, [round(float(x),2) for x in pp])), 'rules', ev.get('rules'))
    it = iter(log)
    for c, al in zip(cl['norm'], cl['allowed']):
        if not al: print('   --', c[:110]); continue
        probs, (lab, parts), nt = next(it)
        print(f"   {lab[:5]:5} {','.join(p[:3] for p in parts):12} T={probs.get('task',0):.2f} L={probs.get('learning',0):.2f} nt={int(bool(nt))} | {c[:110]}")
