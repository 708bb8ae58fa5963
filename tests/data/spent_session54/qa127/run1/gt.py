import numpy as np, soundfile as sf, re, json
W='/tmp/qa127/wav/'; I='/work/evaldata54/qa127/run1/in/'
files={'a1':('a1.wav','a1.ssml'),'a2':('a2.wav','a2.ssml'),'a3':('a3.wav','a3.txt'),'a4':('a4.wav','a4.ssml'),
 'a5':('a5.wav','a5.ssml'),'a6':('a6clean.wav','a6.txt'),'a7':('a7.wav','a7.ssml'),'a8':('a8clean.wav','a8.txt'),'a9':('a9.wav','a9.ssml'),'a10':('a10.wav','a10_all.txt'),'a11':('a11.wav','a11.ssml')}
FILL={'uh','um','hmm','mmm','eh','er','ah','mm'}
out={}
for k,(w,t) in files.items():
    x,sr=sf.read(W+w)
    hop=int(sr*0.01); fr=len(x)//hop
    e=np.array([np.sqrt(np.mean(x[i*hop:(i+1)*hop]**2)) for i in range(fr)])
    act=e>0.003
    idx=np.where(act)[0]; first=idx[0]*0.01; last=(idx[-1]+1)*0.01
    gaps=[]; i=idx[0]
    run=None
    for j in range(idx[0],idx[-1]+1):
        if not act[j]:
            if run is None: run=j
        else:
            if run is not None:
                d=(j-run)*0.01
                if d>=0.3: gaps.append((round(run*0.01,2),round(d,2)))
                run=None
    txt=re.sub(r'<[^>]+>',' ',open(I+t).read())
    words=re.findall(r"[A-Za-z']+",txt)
    fl=[w for w in words if w.lower() in FILL]
    span=last-first
    out[k]=dict(dur=round(len(x)/sr,2),first=round(first,2),last=round(last,2),words=len(words),fillers=len(fl),filler_list=' '.join(fl),
      wpm_all=round(len(words)/span*60,1),wpm_nofill=round((len(words)-len(fl))/span*60,1),
      long_gaps=sorted(gaps,key=lambda g:-g[1])[:6], n_gaps_ge03=len(gaps))
    print(k,json.dumps(out[k]))
json.dump(out,open('/work/evaldata54/qa127/run1/groundtruth.json','w'),indent=1)
