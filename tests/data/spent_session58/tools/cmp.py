import json, sys
def load(s):
    d = {}
    for f in s.split(","): d.update(json.load(open(f)))
    return d
a, b = load(sys.argv[1]), load(sys.argv[2])
for i in sorted(a):
    for k in a[i]["want"]:
        ga, gb, w = a[i]["got"][k], b[i]["got"][k], a[i]["want"][k]
        if ga != gb: print(("FIXED " if gb == w else "LOST  ") + i, k, "want", w)
