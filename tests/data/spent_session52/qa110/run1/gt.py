import re, sys, numpy as np, soundfile as sf
FILL = {"uh","um","hmm","er","ah","mm","eee"}
def words(path):
    t = open(path).read()
    t = re.sub(r"<[^>]+>", " ", t)
    toks = [w.strip(".,:;!?").lower() for w in t.split()]
    toks = [w for w in toks if w]
    return toks
def gaps(wav, thr=0.003, min_gap=0.25):
    x, sr = sf.read(wav)
    if x.ndim > 1: x = x.mean(1)
    env = np.abs(x) > thr
    # frame 10 ms
    hop = int(sr*0.01); n = len(x)//hop
    fr = np.array([env[i*hop:(i+1)*hop].any() for i in range(n)])
    idx = np.where(fr)[0]
    start, end = idx[0]*0.01, (idx[-1]+1)*0.01
    out = []; i = idx[0]
    runs = []
    cur = None
    for k in range(idx[0], idx[-1]+1):
        if not fr[k]:
            if cur is None: cur = k
        else:
            if cur is not None:
                d = (k-cur)*0.01
                if d >= min_gap: runs.append((round(cur*0.01,2), round(d,2)))
                cur = None
    return len(x)/sr, start, end, runs
if __name__ == "__main__":
    txt, wav = sys.argv[1], sys.argv[2]
    toks = words(txt)
    fills = [w for w in toks if w in FILL]
    dur, s, e, runs = gaps(wav)
    nw = len(toks); nf = len([w for w in fills if w!="eee"])
    print(f"{wav}: dur {dur:.2f}s speech {s:.2f}-{e:.2f} ({e-s:.2f}s) words {nw} (excl fillers {nw-len(fills)}) fillers {nf} {fills}")
    print(f"  wpm all-words/(speech span) {nw/(e-s)*60:.1f}; non-filler {(nw-len(fills))/(e-s)*60:.1f}; all/dur {nw/dur*60:.1f}")
    top = sorted(runs, key=lambda r:-r[1])[:8]
    print("  gaps>=0.25 (start,len) longest:", top)
    print("  n gaps>=0.3:", len([r for r in runs if r[1]>=0.3]), " >=2.0:", len([r for r in runs if r[1]>=2.0]))
