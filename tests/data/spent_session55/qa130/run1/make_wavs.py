import re, subprocess, wave, json, sys
import numpy as np
spec = {
 'a1': ('en-us',150,'lp-ownership-3'),
 'a2': ('en-gb',170,'ml-overfitting-1'),
 'a3': ('en-gb-scotland',140,'code-kmeans-1'),
 'a4': ('en-029',165,'scale-inference-1'),
 'a5': ('en-us+f3',160,'lp-customer-obsession-3'),
 'a6': ('en-gb+m4',130,'lp-are-right-a-lot-2'),
 'a7': ('en-us',140,'lp-ownership-1'),
 'a8': ('en-gb-x-rp',165,'intro-tell-me-about-yourself-1'),
}
FILL = re.compile(r"^(uh|um|hmm|er|ah|mm)$")
def gaps(path, min_gap=0.3):
    w = wave.open(path); sr = w.getframerate(); x = np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16).astype(float)
    hop = int(sr*0.01); n = len(x)//hop
    e = np.array([np.abs(x[i*hop:(i+1)*hop]).max() for i in range(n)])
    act = e > 300
    idx = np.where(act)[0]
    first, last = idx[0]*0.01, (idx[-1]+1)*0.01
    gl = []; run = 0; start=None
    for i in range(idx[0], idx[-1]+1):
        if not act[i]:
            if start is None: start = i
        else:
            if start is not None:
                d = (i-start)*0.01
                if d >= min_gap: gl.append((round(start*0.01,2), round(d,2)))
                start = None
    return len(x)/sr, first, last, gl
out = {}
for k,(v,r,q) in spec.items():
    if len(sys.argv)>1 and k not in sys.argv[1:]: continue
    t = open(f'texts/{k}.txt').read().strip()
    ssml = '<speak>' + re.sub(r'\{([\d.]+)\}', lambda m: f'<break time="{int(float(m.group(1))*1000)}ms"/>', t) + '</speak>'
    open(f'texts/{k}.ssml','w').write(ssml)
    f = f'/tmp/qa130/{k}.wav'
    subprocess.run(['espeak-ng','-v',v,'-s',str(r),'-m','-w',f,'-f',f'texts/{k}.ssml'], check=True)
    plain = re.sub(r'\{[\d.]+\}','',t)
    words = re.findall(r"[A-Za-z']+", plain)
    fill = [w for w in words if FILL.match(w.lower())]
    dur, first, last, gl = gaps(f)
    out[k] = dict(voice=v, rate=r, q=q, dur=round(dur,2), first=first, last=round(last,2), words=len(words), fillers=len(fill), words_no_fill=len(words)-len(fill),
                  wpm=round(len(words)/((last-first)/60),1), wpm_nofill=round((len(words)-len(fill))/((last-first)/60),1),
                  breaks=re.findall(r'\{([\d.]+)\}', t), gaps_ge1=[g for g in gl if g[1]>=1.0], n_gaps_03=len(gl), top_gaps=sorted(gl,key=lambda g:-g[1])[:6])
    print(k, json.dumps(out[k]))
json.dump(out, open('truth.json' if len(sys.argv)==1 else 'truth_part.json','w'), indent=1)
