import pickle, numpy as np, sys
from sklearn.linear_model import LogisticRegression
from voice_coach.analysis.structure import STAR_PARTS, STAR_EVIDENCE
d = pickle.load(open('/work/exp35/coll_0.pkl','rb')) + pickle.load(open('/work/exp35/coll_1.pkl','rb'))
d = [x for x in d if x['e'] is not None and len(x['e'])]
print(len(d), 'answers with evidence')
rounds = sorted({x['round'] for x in d})
for part in ('task', 'learning', 'situation', 'result'):
    j = STAR_PARTS.index(part)
    X = np.array([x['e'][j] for x in d]); y = np.array([x['want'][part] for x in d])
    cur = np.array([x['got'][part] for x in d])
    pred = np.zeros(len(d), bool); proba = np.zeros(len(d))
    for r in rounds:
        te = np.array([x['round'] == r for x in d])
        mu, sd = X[~te].mean(0), X[~te].std(0) + 1e-6
        clf = LogisticRegression(C=float(sys.argv[1]) if len(sys.argv) > 1 else 1.0, max_iter=5000).fit((X[~te]-mu)/sd, y[~te])
        proba[te] = clf.predict_proba((X[te]-mu)/sd)[:, 1]
    pred = proba >= 0.5
    # carry gate: can any clause carry? approximated by 'hyp' false
    print(f"{part:10} current {np.mean(cur==y):.3f}  LORO-LR {np.mean(pred==y):.3f}  FN {np.sum(y & ~pred)} FP {np.sum(~y & pred)} (current FN {np.sum(y & ~cur)} FP {np.sum(~y & cur)})")
    if part == 'task':
        # per round
        for r in rounds:
            te = np.array([x['round'] == r for x in d])
            print(f"   {r:45} n={te.sum():3} cur {np.mean(cur[te]==y[te]):.3f} lr {np.mean(pred[te]==y[te]):.3f}")
