import wave,numpy as np,sys
def segs(p,a,b,thr=-45):
    f=wave.open(p);sr=f.getframerate();x=np.frombuffer(f.readframes(f.getnframes()),np.int16).astype(float)/32768
    fr=int(sr*0.01);e=20*np.log10(np.array([np.sqrt(np.mean(x[i*fr:(i+1)*fr]**2))+1e-9 for i in range(len(x)//fr)]))
    sp=e>thr;out=[];i=int(a*100)
    while i<int(b*100):
        if sp[i]:
            j=i
            while sp[j]: j+=1
            out.append((i/100,j/100));i=j
        else:i+=1
    print(p,a,b,out)
segs(sys.argv[1],float(sys.argv[2]),float(sys.argv[3]))
