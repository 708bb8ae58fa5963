import re, sys, json
NUM = {'0':'zero','1':'one','2':'two','3':'three','5':'five','6':'six','9':'nine'}
def norm(t):
    t = t.lower().replace('-', ' ').replace('%', ' percent').replace('$', '')
    t = re.sub(r"\[[^\]]*\]", ' ', t)
    t = re.sub(r"[^a-z0-9' ]", ' ', t)
    w = t.split()
    out = []
    for x in w:
        if x in NUM: x = NUM[x]
        out.append(x)
    return out
def ed(a, b):
    d = list(range(len(b)+1))
    for i in range(1, len(a)+1):
        p, d[0] = d[0], i
        for j in range(1, len(b)+1):
            p, d[j] = d[j], min(d[j]+1, d[j-1]+1, p + (a[i-1] != b[j-1]))
    return d[len(b)]
def text_of(p):
    d = json.load(open(p))
    a = d['answers'][0] if 'answers' in d else d
    return a['transcript']['text']
ref = norm(' '.join(l for l in open(sys.argv[1]) if not l.startswith(('#','@','['))))
for p in sys.argv[2:]:
    h = norm(text_of(p))
    print(p, 'ref', len(ref), 'hyp', len(h), 'WER %.3f' % (ed(ref, h)/len(ref)))
