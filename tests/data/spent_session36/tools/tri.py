import sys, json
sys.path.insert(0, '/work/main')
from voice_coach import pipeline
from voice_coach.config import Config
from voice_coach.questions import load_bank
qid = sys.argv[1]; text = open(sys.argv[2]).read() if len(sys.argv) > 2 and sys.argv[2].endswith('.txt') else sys.argv[2]
r = pipeline.analyze_text(text, cfg=Config(), question=load_bank().get(qid) if qid != '-' else None)
s = r.structure
print('STAR', {k: v for k, v in s.to_json().items() if k in ('star',)} if hasattr(s, 'to_json') else '')
t = s.metric_triad
print('triad b/a/o', t.baseline, t.after, t.business_outcome)
for sl in t.slots: print('  slot', sl)
print('scale', getattr(s, 'scale_evidence', None))
