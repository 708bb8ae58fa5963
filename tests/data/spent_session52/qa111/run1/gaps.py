# my own ground-truth gap finder: silences >= MIN s where |x| < thr (espeak writes near-digital silence)
import sys, wave, numpy as np
MIN=float(sys.argv[2]) if len(sys.argv)>2 else 0.3
w=wave.open(sys.argv[1]); sr=w.getframerate(); x=np.frombuffer(w.readframes(w.getnframes()),dtype=np.int16).astype(float)
if w.getnchannels()>1: x=x.reshape(-1,w.getnchannels()).mean(1)
fr=int(sr*0.01); n=len(x)//fr; e=np.array([np.abs(x[i*fr:(i+1)*fr]).max() for i in range(n)])
thr=float(sys.argv[3]) if len(sys.argv)>3 else 300
sil=e<thr
gaps=[];i=0
while i<n:
    if sil[i]:
        j=i
        while j<n and sil[j]: j+=1
        gaps.append((i*0.01,j*0.01)); i=j
    else: i+=1
first=next(g[1] for g in gaps if g[0]==0) if gaps and gaps[0][0]==0 else 0
last=gaps[-1][0] if gaps and gaps[-1][1]>=n*0.01-0.011 else n*0.01
inner=[(a,b) for a,b in gaps if a>0 and b<n*0.01-0.011 and b-a>=MIN]
print(f"dur={len(x)/sr:.2f} speech {first:.2f}-{last:.2f} span={last-first:.2f}")
for a,b in sorted(inner,key=lambda g:-(g[1]-g[0]))[:12]: print(f"  gap {a:7.2f}-{b:7.2f} = {b-a:.2f}")
print("  n gaps>=%.1f:"%MIN,len(inner))
