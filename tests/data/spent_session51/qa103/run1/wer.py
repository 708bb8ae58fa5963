import json, re, sys
def norm(s):
    s = s.lower().replace('%', ' percent').replace('-', ' ')
    s = re.sub(r'\[p=[\d.]+\]', ' ', s)
    return re.findall(r"[a-z0-9']+", s)
def wer(r, h):
    d = list(range(len(h) + 1))
    for i in range(1, len(r) + 1):
        p, d[0] = d[0], i
        for j in range(1, len(h) + 1):
            p, d[j] = d[j], min(d[j] + 1, d[j - 1] + 1, p + (r[i - 1] != h[j - 1]))
    return d[len(h)] / len(r)
ref = norm(open(sys.argv[1]).read())
for f in sys.argv[2:]:
    a = json.load(open(f)) if not f.endswith('.json.raw') else None
    if 'answers' in a: a = a['answers'][0]
    print(f, 'WER %.3f' % wer(ref, norm(a['transcript']['text'])), 'words', len(norm(a['transcript']['text'])))
