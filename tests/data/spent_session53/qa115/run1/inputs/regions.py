import sys, wave, numpy as np
w=wave.open(sys.argv[1]); sr=w.getframerate(); x=np.frombuffer(w.readframes(w.getnframes()),dtype=np.int16).astype(float)/32768
t0,t1=float(sys.argv[2]),float(sys.argv[3]); hop=int(sr*0.01); HT=hop/sr
db=[20*np.log10(np.sqrt(np.mean(x[i*hop:(i+1)*hop]**2))+1e-9) for i in range(int(t0/HT),int(t1/HT))]
act=[d>-45 for d in db]; out=[]; s=None
for k,a in enumerate(act+[False]):
    if a and s is None: s=k
    if not a and s is not None: out.append((round(t0+s*HT,2),round(t0+k*HT,2))); s=None
print(out)
