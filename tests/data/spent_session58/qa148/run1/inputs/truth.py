"""Ground truth from what I put in: words, fillers, pauses (measured in the clean WAV), mixes."""
import re, json, sys, wave
import numpy as np
W='/tmp/qa148/wav'
FILL={'uh','um','ah','hmm','er','mm'}
def read(p):
    w=wave.open(p); sr=w.getframerate(); x=np.frombuffer(w.readframes(w.getnframes()),dtype=np.int16).astype(np.float64)/32768; return x,sr
def write(p,x,sr):
    w=wave.open(p,'wb'); w.setnchannels(1); w.setsampwidth(2); w.setframerate(sr); w.writeframes((np.clip(x,-1,1)*32767).astype(np.int16).tobytes()); w.close()
def active(x,sr,thr_db=-45):
    f=int(0.01*sr); n=len(x)//f; e=np.array([np.sqrt(np.mean(x[i*f:(i+1)*f]**2))+1e-12 for i in range(n)])
    return 20*np.log10(e)>thr_db, 0.01
def gaps(x,sr,min_gap=0.3):
    a,h=active(x,sr); idx=np.where(a)[0]; s,e=idx[0]*h,(idx[-1]+1)*h
    g=[]; i=idx[0]
    run=None
    for k in range(idx[0],idx[-1]+1):
        if not a[k]:
            if run is None: run=k
        else:
            if run is not None:
                d=(k-run)*h
                if d>=min_gap: g.append((round(run*h,2),round(k*h,2),round(d,2)))
                run=None
    return s,e,g
def rms_speech(x,sr):
    a,h=active(x,sr); f=int(h*sr); seg=np.concatenate([x[i*f:(i+1)*f] for i in np.where(a)[0]]); return np.sqrt(np.mean(seg**2))
# mixes
x,sr=read(f'{W}/a5_clean.wav'); rng=np.random.default_rng(5)
n=rng.standard_normal(len(x)); n*= rms_speech(x,sr)/np.sqrt(np.mean(n**2))/10**(15/20)
write(f'{W}/a5.wav',x+n,sr)
x,sr=read(f'{W}/a8_clean.wav'); b,_=read(f'{W}/a8_bg_raw.wav')
bb=np.zeros_like(x); pos=int(1.0*sr)
while pos<len(x):
    k=min(len(b),len(x)-pos); bb[pos:pos+k]=b[:k]; pos+=k+int(0.7*sr)
bb*= rms_speech(x,sr)/rms_speech(b,sr)/10**(25/20)
write(f'{W}/a8.wav',x+bb,sr)
out={}
for a in ['a1','a2','a3','a4','a5','a6','a7','a8']:
    t=open(f'{a}.txt').read(); plain=re.sub(r'<[^>]+>',' ',t)
    toks=re.findall(r"[A-Za-z']+(?:-[a-z]+)?-?",plain)
    words=len(toks); fl=[w.lower() for w in toks if w.lower().strip('-') in FILL]
    clean = f'{W}/{a}_clean.wav' if a in ('a5','a8') else f'{W}/{a}.wav'
    x,sr=read(clean); s,e,g=gaps(x,sr)
    dur=len(x)/sr
    out[a]=dict(words=words,words_nofill=words-len(fl),fillers=len(fl),filler_list=' '.join(fl),dur=round(dur,2),speech_start=round(s,2),speech_end=round(e,2),
      wpm=round(words/((e-s)/60),1),wpm_nofill=round((words-len(fl))/((e-s)/60),1),
      long=[gg for gg in sorted(g,key=lambda z:-z[2])[:6]], n_gaps=len(g), gaps=g)
json.dump(out,open('truth.json','w'),indent=1)
for a,v in out.items():
    print(a,{k:v[k] for k in ['words','fillers','filler_list','dur','speech_start','speech_end','wpm','wpm_nofill','n_gaps']}); print('   longest',v['long'])
