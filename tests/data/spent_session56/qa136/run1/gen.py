import re, subprocess, wave, json, sys
import numpy as np
D='/work/evaldata56/qa136/run1/inputs'; W='/tmp/qa136/wav'
import os; os.makedirs(W, exist_ok=True)
spec = {
 'a1': ('en-us',160,'lp-ownership-3'),
 'a2': ('en-gb',140,'ml-overfitting-1'),
 'a3': ('en-gb-scotland',150,'code-kmeans-1'),
 'a4': ('en-029',190,'lp-invent-simplify-1'),
 'a5': ('en-us+f3',170,'ml-metrics-1'),
 'a6': ('en-gb+m4',130,'lp-customer-obsession-3'),
 'a7': ('en-us',140,'scale-inference-1'),
 'a8': ('en-us+m3',175,'lp-hire-develop-1'),
}
def read(p):
    w=wave.open(p); sr=w.getframerate(); x=np.frombuffer(w.readframes(w.getnframes()),dtype=np.int16).astype(np.float64)/32768; return x,sr
def write(p,x,sr):
    w=wave.open(p,'wb'); w.setnchannels(1); w.setsampwidth(2); w.setframerate(sr); w.writeframes((np.clip(x,-1,1)*32767).astype(np.int16).tobytes()); w.close()
def gaps(x,sr,thr_db=-45,min_gap=0.3):
    hop=int(sr*0.005); n=len(x)//hop
    e=np.array([np.sqrt(np.mean(x[i*hop:(i+1)*hop]**2)+1e-12) for i in range(n)])
    act=20*np.log10(e)>thr_db
    idx=np.where(act)[0]; first=idx[0]*hop/sr; last=(idx[-1]+1)*hop/sr
    g=[];i=idx[0]
    while i<idx[-1]:
        if not act[i]:
            j=i
            while not act[j]: j+=1
            d=(j-i)*hop/sr
            if d>=min_gap: g.append((round(i*hop/sr,2),round(d,2)))
            i=j
        else: i+=1
    return first,last,g,act,hop
out={}
for k,(v,r,q) in spec.items():
    t=open(f'{D}/{k}.txt').read().strip()
    ssml='<speak>'+re.sub(r'\{([\d.]+)\}',lambda m:f'<break time="{int(float(m.group(1))*1000)}ms"/>',t)+'</speak>'
    open(f'{W}/{k}.ssml','w').write(ssml)
    subprocess.run(['espeak-ng','-m','-v',v,'-s',str(r),'-w',f'{W}/{k}.wav','-f',f'{W}/{k}.ssml'],check=True)
    plain=re.sub(r'\{[\d.]+\}','',t)
    words=re.findall(r"[A-Za-z][A-Za-z'-]*",plain)
    toks=[w.lower() for w in words]
    fill={f:toks.count(f) for f in ['uh','um','ah','hmm']}
    x,sr=read(f'{W}/{k}.wav')
    first,last,g,act,hop=gaps(x,sr)
    out[k]=dict(voice=v,rate=r,question=q,dur=round(len(x)/sr,2),span=round(last-first,2),first=round(first,2),words=len(words),wpm_span=round(len(words)/((last-first)/60),1),fillers_core=fill,breaks=[float(b) for b in re.findall(r'\{([\d.]+)\}',t)],gaps_ge_1s=[gg for gg in g if gg[1]>=1.0],n_gaps_ge_0_3=len(g),gaps_all=g)
# noise a5 at SNR 15 dB (vs active speech power)
x,sr=read(f'{W}/a5.wav'); _,_,_,act,hop=gaps(x,sr)
mask=np.repeat(act,hop); mask=np.pad(mask,(0,len(x)-len(mask)))
ps=np.mean(x[mask]**2); rng=np.random.default_rng(1)
nz=rng.standard_normal(len(x)); # pinkish: lowpass by cumulative smoothing
nz=np.convolve(nz,np.ones(4)/4,'same'); nz*=np.sqrt(ps/10**1.5/np.mean(nz**2))
write(f'{W}/a5n.wav',x+nz,sr)
out['a5']['noise']='gaussian (lightly low-passed), SNR 15 dB vs active speech'
# faint 2nd voice for a6 at -22 dB
subprocess.run(['espeak-ng','-v','en-us+f2','-s','150','-w',f'{W}/bg.wav','-f',f'{D}/bg.txt'],check=True)
x,sr=read(f'{W}/a6.wav'); b,sr2=read(f'{W}/bg.wav'); assert sr==sr2
b=np.tile(b,int(np.ceil(len(x)/len(b))))[:len(x)]
_,_,_,act,hop=gaps(x,sr); mask=np.repeat(act,hop); mask=np.pad(mask,(0,len(x)-len(mask)))
_,_,_,actb,_=gaps(b,sr); maskb=np.repeat(actb,hop); maskb=np.pad(maskb,(0,len(b)-len(maskb)))
ps=np.mean(x[mask]**2); pb=np.mean(b[maskb]**2); b*=np.sqrt(ps/pb/10**2.2)
write(f'{W}/a6v.wav',x+b,sr)
out['a6']['second_voice']='en-us+f2 150 wpm, continuous, 22 dB below'
json.dump(out,open('/work/evaldata56/qa136/run1/truth.json','w'),indent=1)
for k,o in out.items(): print(k,{kk:o[kk] for kk in o if kk!='gaps_all'})
