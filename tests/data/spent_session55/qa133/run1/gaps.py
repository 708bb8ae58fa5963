import sys, wave, numpy as np, re
f=sys.argv[1]
w=wave.open(f); sr=w.getframerate(); x=np.frombuffer(w.readframes(w.getnframes()),dtype=np.int16).astype(float)
dur=len(x)/sr
fr=int(0.01*sr); n=len(x)//fr
e=np.array([np.abs(x[i*fr:(i+1)*fr]).max() for i in range(n)])
th=float(sys.argv[2]) if len(sys.argv)>2 else 300
sp=e>th
idx=np.where(sp)[0]
first,last=idx[0]*0.01,(idx[-1]+1)*0.01
gaps=[];i=idx[0]
while i<=idx[-1]:
    if not sp[i]:
        j=i
        while not sp[j]: j+=1
        g=(j-i)*0.01
        if g>=0.3: gaps.append((round(i*0.01,2),round(g,2)))
        i=j
    else: i+=1
print(f"dur={dur:.2f} first={first:.2f} last={last:.2f} span={last-first:.2f}")
print("gaps>=0.3:",len(gaps)); print(sorted(gaps,key=lambda g:-g[1])[:8])
if len(sys.argv)>3:
    t=open(sys.argv[3]).read(); t=re.sub(r'<[^>]+>',' ',t)
    words=re.findall(r"[A-Za-z0-9'%\-]+",t)
    fill=[w for w in words if w.lower() in ('uh','um','ah','er','hmm','mm','eh')]
    print("words=",len(words),"fillers(uh/um/ah/er/hmm/mm/eh)=",len(fill),{k:[w.lower() for w in fill].count(k) for k in set(w.lower() for w in fill)})
    print("wpm all words over span=",round(len(words)/(last-first)*60,1),"wpm excl fillers=",round((len(words)-len(fill))/(last-first)*60,1))
