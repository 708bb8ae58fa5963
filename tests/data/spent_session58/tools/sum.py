import json, sys
d = {}
for f in sys.argv[1:]: d.update(json.load(open(f)))
keys = ["situation","task","action","result","learning","baseline","after","business_outcome","principles","hypothetical"]
print(len(d), " ".join(f"{k[:8]}={sum(v['got'][k]==v['want'][k] for v in d.values())/len(d):.3f}" for k in keys))
for k in ("task","learning"):
    fn = [i for i,v in d.items() if v['want'][k] and not v['got'][k]]; fp = [i for i,v in d.items() if not v['want'][k] and v['got'][k]]
    print(k, "FN", len(fn), "FP", len(fp))
