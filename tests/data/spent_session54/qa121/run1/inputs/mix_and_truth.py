# mixes noise / second voice, and measures ground truth from the clean espeak-ng signal
import numpy as np, wave, re, json, sys, os
W='/tmp/qa121/wav'; I='/work/evaldata54/qa121/run1/inputs'
def rd(p):
    w=wave.open(p); sr=w.getframerate(); x=np.frombuffer(w.readframes(w.getnframes()),dtype=np.int16).astype(np.float64)/32768; return x,sr
def wr(p,x,sr):
    y=np.clip(x,-1,1); w=wave.open(p,'wb'); w.setnchannels(1); w.setsampwidth(2); w.setframerate(sr); w.writeframes((y*32767).astype(np.int16).tobytes()); w.close()
def active(x,sr,thr_db=-45):
    fr=int(0.01*sr); n=len(x)//fr; e=np.array([np.sqrt(np.mean(x[i*fr:(i+1)*fr]**2))+1e-12 for i in range(n)])
    return 20*np.log10(e)>thr_db, fr/sr
def gaps(x,sr,min_gap=0.3):
    a,h=active(x,sr); idx=np.where(a)[0]; first=idx[0]*h; last=(idx[-1]+1)*h
    out=[]; i=idx[0]
    while i<=idx[-1]:
        if not a[i]:
            j=i
            while j<len(a) and not a[j]: j+=1
            if (j-i)*h>=min_gap: out.append((round(i*h,2),round(j*h,2),round((j-i)*h,2)))
            i=j
        else: i+=1
    return first,last,out
rng=np.random.default_rng(7)
# a5: white noise at SNR 15 dB vs active speech rms
x,sr=rd(f'{W}/a5_clean.wav'); a,h=active(x,sr); fr=int(h*sr)
sp=np.concatenate([x[i*fr:(i+1)*fr] for i in np.where(a)[0]]); rms=np.sqrt(np.mean(sp**2))
nz=rng.standard_normal(len(x)); nz=nz/np.sqrt(np.mean(nz**2))*rms*10**(-15/20); wr(f'{W}/a5.wav',x+nz,sr)
# a6: faint second voice, 20 dB below, at 4 s and again at 30 s
x,sr=rd(f'{W}/a6_clean.wav'); b,_=rd(f'{W}/a6_bg.wav')
ab,_=active(b,sr); spb=np.concatenate([b[i*fr:(i+1)*fr] for i in np.where(ab)[0]])
a,h=active(x,sr); sp=np.concatenate([x[i*fr:(i+1)*fr] for i in np.where(a)[0]])
g=np.sqrt(np.mean(sp**2))/np.sqrt(np.mean(spb**2))*10**(-20/20); y=x.copy()
for off in (4.0,30.0):
    o=int(off*sr); n=min(len(b),len(y)-o); y[o:o+n]+=g*b[:n]
wr(f'{W}/a6.wav',y,sr)
res={}
for k,src,txt in [('a1','a1.wav','a1_ownership.txt'),('a2','a2.wav','a2_overfit.txt'),('a3','a3.wav','a3_kmeans.txt'),('a4','a4.wav','a4_deliver_fast.txt'),('a5','a5_clean.wav','a5_divedeep_noise.txt'),('a6','a6_clean.wav','a6_forecast_2ndvoice.txt'),('a7','a7.wav','a7_llm_2min.txt'),('a8','a8.wav','a8_customer_slow.txt')]:
    x,sr=rd(f'{W}/{src}'); first,last,gp=gaps(x,sr)
    t=re.sub(r'<[^>]+>',' ',open(f'{I}/{txt}').read()); words=re.findall(r"[A-Za-z']+",t)
    res[k]=dict(dur=round(len(x)/sr,2),first=round(first,2),last=round(last,2),span=round(last-first,2),words=len(words),
               wpm=round(len(words)/((last-first)/60),1),gaps_ge_0_3=gp,long=[g for g in gp if g[2]>=0.45])
    print(k,json.dumps({kk:v for kk,v in res[k].items() if kk!='gaps_ge_0_3'}))
json.dump(res,open(f'{I}/truth.json','w'),indent=1)
