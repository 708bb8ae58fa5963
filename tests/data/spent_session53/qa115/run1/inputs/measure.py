import sys, re, json, wave, numpy as np
FILL_LIKE = {'a9':0,'a1':1,'a2':1,'a3':1,'a4':0,'a5':1,'a6':1,'a7':0,'a8':2}
FILL_PHRASE = {'a8':2}  # "you know", "I mean"
def gaps(path, thr_db=-45, min_gap=0.3):
    w=wave.open(path); sr=w.getframerate(); x=np.frombuffer(w.readframes(w.getnframes()),dtype=np.int16).astype(float)/32768
    hop=int(sr*0.01); HT=hop/sr; n=len(x)//hop
    e=np.array([np.sqrt(np.mean(x[i*hop:(i+1)*hop]**2))+1e-9 for i in range(n)])
    db=20*np.log10(e); act=db>thr_db
    idx=np.where(act)[0]; first=idx[0]*HT; last=(idx[-1]+1)*HT
    out=[]; i=idx[0]
    run=None
    for k in range(idx[0], idx[-1]+1):
        if not act[k]:
            if run is None: run=k
        else:
            if run is not None:
                d=(k-run)*HT
                if d>=min_gap: out.append((round(run*HT,2), round(d,2)))
                run=None
    return len(x)/sr, first, last, out
res={}
for a in sys.argv[1:]:
    txt=re.sub(r'<[^>]+>','',open(a+'.ssml').read())
    open(a+'.txt','w').write(txt.strip()+'\n')
    toks=re.findall(r"[A-Za-z0-9']+(?:-[A-Za-z0-9']+)*-?",txt)
    low=[t.lower() for t in toks]
    uh=low.count('uh'); um=low.count('um'); hmm=low.count('hmm'); en=low.count('en')
    fill=uh+um+hmm+FILL_LIKE[a]+FILL_PHRASE.get(a,0)
    dur,first,last,g=gaps('/tmp/qa115/wav/%s.wav'%a)
    span=last-first
    res[a]=dict(words=len(toks), words_no_fillers=len(toks)-uh-um-hmm-en, uh=uh, um=um, hmm=hmm, like_filler=FILL_LIKE[a], phrase=FILL_PHRASE.get(a,0), en=en, fillers=fill,
       dur=round(dur,2), first=first, last=round(last,2), span=round(span,2), wpm=round(len(toks)/span*60,1), wpm_nofill=round((len(toks)-uh-um-hmm-en)/span*60,1),
       long_gaps=sorted([x for x in g if x[1]>=0.45], key=lambda x:-x[1])[:8], n_gaps_ge03=len(g), breaks=re.findall(r'break time="(\d+)ms"',open(a+'.ssml').read()))
    print(a, json.dumps(res[a]))
json.dump(res, open('truth.json','w'), indent=1)
