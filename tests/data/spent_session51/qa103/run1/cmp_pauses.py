import json, sys
a = json.load(open(sys.argv[1])); t = json.load(open(sys.argv[2]))
if 'answers' in a: a = a['answers'][0]
tp = [(s, d) for s, d in t['silences_ge_0_3']]
mp = [(round(p['start'], 2), round(p['end'] - p['start'], 2)) for p in a['delivery']['pauses']]
print('tool pauses', len(mp), 'truth silences>=0.3', len(tp))
for s, d in mp:
    m = [x for x in tp if abs(x[0] - s) < 0.4 or (x[0] <= s <= x[0] + x[1])]
    tag = 'OK' if m and abs(m[0][1] - d) <= 0.2 else ('OFF' if m else 'NO-TRUTH')
    if tag != 'OK' or d >= 1: print(tag, (s, d), m)
for x in tp:
    if not any(abs(x[0] - s) < 0.4 or (s <= x[0] <= s + d) for s, d in mp):
        print('MISSED', x)
