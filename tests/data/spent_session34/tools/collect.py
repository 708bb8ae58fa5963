"""Collect per-answer story clauses (+labels, embedder text), rule verdicts and answer labels."""
import sys, glob, tomllib, pickle, os
import numpy as np
import voice_coach.analysis.structure as st
from voice_coach.config import Config
from voice_coach.pipeline import analyze_text
from voice_coach.questions import load_bank

cap = {}
o_ct = st._clause_texts
def ct(tokens):
    r = o_ct(tokens); cap.setdefault('all', []).append(r); return r
st._clause_texts = ct
o_dm = st.detect_metric_triad
def dm(cl, labels=(), **kw):
    r = o_dm(cl, labels, **kw)
    if kw.get('roles'): cap['story'] = (list(cl), list(labels))
    return r
st.detect_metric_triad = dm

def specs(paths):
    for d in paths:
        for lf in sorted(glob.glob(d + '/labels_*.toml')):
            af = lf.replace('labels_', '')
            yield d, af, lf

bank = load_bank(); cfg = Config()
out = []
for d, af, lf in specs(sys.argv[2:]):
    labels = tomllib.load(open(lf, 'rb'))
    for a in tomllib.load(open(af, 'rb'))['answer']:
        cap.clear()
        s = analyze_text(a['text'], cfg=cfg, question=bank.get(a['question_id'])).to_json()['structure']
        sc0 = set(cap.get('story', ([], []))[0])
        texts = max(cap.get('all', [[]]), key=lambda t: sum(st._norm(x[3]) in sc0 for x in t))
        norm = [st._norm(cue) for *_, cue in texts]
        clean = [c for _, _, c, _ in texts]
        sc, sl = cap.get('story', ([], []))
        idx = []; j = 0
        for c in sc:
            while j < len(norm) and norm[j] != c: j += 1
            idx.append(j if j < len(norm) else None); j += 1
        star = s.get('star') or {}
        out.append(dict(round=d, id=a['id'], kind=s.get('kind'), clean=clean, norm=norm,
                        story_idx=idx, story_labels=sl,
                        rule={'bo': bool((s.get('metric_triad') or {}).get('business_outcome')),
                              **{p: bool((star.get(p) or {}).get('present')) for p in st.STAR_PARTS}},
                        label={'bo': labels[a['id']]['metric_triad']['business_outcome'],
                               **labels[a['id']]['star']}))
pickle.dump(out, open(sys.argv[1], 'wb'))
print(len(out))
