"""Session 34 experiment (not shipped): a multiple-instance clause head for one answer label,
leave-one-round-out over the spent rounds. Run collect.py OUT.pkl ROUND_DIRS… then embed.py OUT.pkl,
then: mil.py bo|task|result C OUT.pkl"""
import pickle, sys, numpy as np
from sklearn.linear_model import LogisticRegression
D = pickle.load(open(sys.argv[3] if len(sys.argv) > 3 else '/tmp/spent.pkl', 'rb'))
LABS = ['action','hypothetical','learning','other','result','situation','task']
TARGET = sys.argv[1] if len(sys.argv) > 1 else 'bo'
C = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
def inst(d):
    rows = []
    for i, lab in zip(d['story_idx'], d['story_labels']):
        if i is None: continue
        oh = np.zeros(len(LABS)); 
        if lab in LABS: oh[LABS.index(lab)] = 1
        pos = np.array([i / max(1, len(d['clean']) - 1)])
        rows.append(np.concatenate([d['vec'][i], oh, pos]))
    return np.array(rows) if rows else np.zeros((0, 384 + len(LABS) + 1))
for d in D: d['X'] = inst(d)
rounds = sorted({d['round'] for d in D})
def fit(train):
    pos = [d for d in train if d['label'][TARGET] and len(d['X'])]
    neg = [d for d in train if not d['label'][TARGET] and len(d['X'])]
    Xn = np.vstack([d['X'] for d in neg])
    sel = [d['X'] for d in pos]  # start: all clauses of positives
    for it in range(4):
        Xp = np.vstack(sel)
        X = np.vstack([Xp, Xn]); y = np.r_[np.ones(len(Xp)), np.zeros(len(Xn))]
        clf = LogisticRegression(C=C, max_iter=2000, class_weight='balanced').fit(X, y)
        sel = [d['X'][[np.argmax(clf.decision_function(d['X']))]] for d in pos]
    return clf
def score(clf, d):
    return clf.decision_function(d['X']).max() if len(d['X']) else -10
tot = {'rule': 0, 'or': 0, 'lr': 0, 'mil': 0, 'n': 0}
for r in rounds:
    tr = [d for d in D if d['round'] != r]; te = [d for d in D if d['round'] == r]
    clf = fit(tr)
    # stacker on train: [rule, milscore] — use in-sample scores (optimistic) 
    S = np.array([[d['rule'][TARGET], score(clf, d)] for d in tr]); y = np.array([d['label'][TARGET] for d in tr])
    st = LogisticRegression().fit(S, y)
    Ste = np.array([[d['rule'][TARGET], score(clf, d)] for d in te]); yt = np.array([d['label'][TARGET] for d in te])
    rule = Ste[:, 0] > 0.5
    acc = lambda p: int((p == yt).sum())
    res = dict(rule=acc(rule), mil=acc(Ste[:, 1] > 0), lr=acc(st.predict(Ste) > 0.5), n=len(te))
    res['or'] = acc(rule | (Ste[:, 1] > 2))
    for k in tot: tot[k] += res[k]
    print(r.split('/')[-1], res)
print({k: (round(v / tot['n'], 3) if k != 'n' else v) for k, v in tot.items()})
