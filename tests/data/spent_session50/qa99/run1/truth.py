import numpy as np, soundfile as sf, sys, json
W='/tmp/qa99/wav'
out={}
for n in sys.argv[1:]:
    x,sr=sf.read(f'{W}/{n}.wav'); fr=int(0.01*sr); k=len(x)//fr
    e=20*np.log10(np.sqrt((x[:k*fr].reshape(k,fr)**2).mean(1))+1e-9)
    act=e>e.max()-45
    idx=np.where(act)[0]; first=idx[0]*0.01; last=(idx[-1]+1)*0.01
    gaps=[]; i=idx[0]
    runs=[]; s=None
    for j in range(idx[0],idx[-1]+1):
        if not act[j]:
            if s is None: s=j
        else:
            if s is not None:
                if (j-s)*0.01>=0.3: gaps.append((round(s*0.01,2),round((j-s)*0.01,2)))
                s=None
    out[n]=dict(dur=round(len(x)/sr,2),first=first,last=last,span=round(last-first,2),gaps=sorted(gaps,key=lambda g:-g[1]))
    print(n,'dur',out[n]['dur'],'first',first,'last',round(last,2),'span',out[n]['span'])
    print('  gaps>=0.3 (start,len) longest first:',out[n]['gaps'][:10], 'count',len(gaps))
json.dump(out,open('/work/evaldata50/qa99/run1/truth.json','w'),indent=1)
