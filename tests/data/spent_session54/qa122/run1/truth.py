import wave, numpy as np, re, sys, json
FILL = {'uh','um','hmm','mmm','mm','er','ah'}
out={}
for name in sys.argv[1:]:
    txt=open(f'/work/evaldata54/qa122/run1/inputs/{name}.txt').read()
    plain=re.sub(r'<[^>]+>',' ',txt)
    toks=[t.strip('.,?!:;').lower() for t in plain.split()]
    toks=[t for t in toks if re.search('[a-z0-9]',t)]
    fills=[t for t in toks if t in FILL]; eee=[t for t in toks if t=='eee']
    w=wave.open(f'/tmp/qa122/wav/{name}.wav'); sr=w.getframerate()
    x=np.frombuffer(w.readframes(w.getnframes()),dtype=np.int16).astype(float)
    fr=int(0.005*sr); f=np.abs(x[:len(x)//fr*fr].reshape(-1,fr)).max(1); act=f>200
    idx=np.where(act)[0]; first=idx[0]*fr/sr; last=(idx[-1]+1)*fr/sr
    gaps=[]; i=idx[0]
    runs=np.diff(idx)
    for k,d in enumerate(runs):
        if d>1:
            s=(idx[k]+1)*fr/sr; e=idx[k+1]*fr/sr
            if e-s>=0.3: gaps.append((round(float(s),2),round(float(e-s),2)))
    n=len(toks); nf=len(fills)
    span=last-first
    out[name]=dict(words=n, fillers=nf, filler_list=fills, eee=len(eee), dur=round(len(x)/sr,2), first=round(float(first),2), last=round(float(last),2),
        wpm_all=round(float(n/span*60),1), wpm_nofill=round(float((n-nf-len(eee))/span*60),1),
        long_gaps=sorted(gaps,key=lambda g:-g[1])[:6], n_gaps_ge_0_3=len(gaps), n_gaps_ge_2=int(sum(g[1]>=2 for g in gaps)))
    print(name, json.dumps(out[name]))
json.dump(out,open('/work/evaldata54/qa122/run1/truth.json','w'),indent=1)
