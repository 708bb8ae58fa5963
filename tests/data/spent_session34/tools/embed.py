import pickle, sys, numpy as np
from voice_coach.embedder import load_meaning_model
m = load_meaning_model()
D = pickle.load(open(sys.argv[1], 'rb'))
for d in D:
    d['vec'] = m.embedder.embed(d['clean']) if d['clean'] else np.zeros((0, 384), np.float32)
    d['star_p'] = m.star.proba(d['vec']) if len(d['vec']) else np.zeros((0, 7))
pickle.dump(D, open(sys.argv[1], 'wb'))
print(m.star.labels)
