import json, re, sys
def norm(t):
    t = re.sub(r'<[^>]+>', ' ', t).lower().replace('-', ' ')
    return re.findall(r"[a-z0-9']+", t)
def wer(r, h):
    d = list(range(len(h)+1))
    for i in range(1, len(r)+1):
        p = d[:]; d[0] = i
        for j in range(1, len(h)+1):
            d[j] = min(p[j]+1, d[j-1]+1, p[j-1]+(r[i-1] != h[j-1]))
    return d[len(h)]/len(r)
ref = norm(open(sys.argv[1]).read())
for p in sys.argv[2:]:
    d = json.load(open(p)); a = d['answers'][0] if 'answers' in d else d
    h = norm(a['transcript']['text'])
    print(p, 'WER vs my text (digits not normalised)', round(wer(ref, h), 3))
