import sys, wave, numpy as np
def load(p):
    w=wave.open(p); sr=w.getframerate(); x=np.frombuffer(w.readframes(w.getnframes()),dtype=np.int16).astype(float)/32768
    return x,sr
def gaps(x,sr,thr=0.01,min_gap=0.3):
    fr=int(sr*0.01); T=fr/sr; n=len(x)//fr
    e=np.array([np.abs(x[i*fr:(i+1)*fr]).max() for i in range(n)])
    act=e>thr; idx=np.where(act)[0]
    first,last=idx[0]*T,(idx[-1]+1)*T
    out=[];i=idx[0]
    while i<idx[-1]:
        if not act[i]:
            j=i
            while not act[j]: j+=1
            if (j-i)*T>=min_gap: out.append((i*T,j*T,(j-i)*T))
            i=j
        else: i+=1
    return first,last,out
if __name__=="__main__":
    for p in sys.argv[1:]:
        x,sr=load(p); f,l,g=gaps(x,sr)
        print(p, "dur %.2f first %.2f last %.2f span %.2f"%(len(x)/sr,f,l,l-f))
        print("  gaps>=0.3:",len(g), " >=1.0:", [(round(a,2),round(d,2)) for a,b,d in g if d>=1.0])
        print("  top5:", sorted([round(d,2) for a,b,d in g],reverse=True)[:6])
