import json, re, sys
NUM = {"100": "one hundred", "200": "two hundred", "300": "three hundred", "40": "forty", "8": "eight", "61": "sixty one", "84": "eighty four", "22": "twenty two", "14": "fourteen", "%": " percent"}
def norm(t):
    t = re.sub(r"\{[\d.]+\}", " ", t)
    t = re.sub(r"\((\w+)\?\)", r"\1", t)
    for k, v in NUM.items(): t = t.replace(k, " " + v + " ")
    t = t.lower().replace("-", " ")
    return re.sub(r"[^a-z' ]", " ", t).split()
def wer(r, h):
    d = list(range(len(h) + 1))
    for i in range(1, len(r) + 1):
        p, d[0] = d[0], i
        for j in range(1, len(h) + 1):
            p, d[j] = d[j], min(d[j] + 1, d[j - 1] + 1, p + (r[i - 1] != h[j - 1]))
    return d[len(h)] / len(r)
ref = norm(open(sys.argv[1]).read())
for f in sys.argv[2:]:
    d = json.load(open(f)); a = d["answers"][0] if "answers" in d else d
    hyp = norm(" ".join(w["text"] for w in a["transcript"]["words"]))
    print(f"{f}: WER {wer(ref, hyp):.3f}  ref {len(ref)} hyp {len(hyp)}")
