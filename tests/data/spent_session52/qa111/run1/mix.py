import wave, numpy as np, sys
def rd(p):
    w=wave.open(p); sr=w.getframerate(); x=np.frombuffer(w.readframes(w.getnframes()),dtype=np.int16).astype(float); return sr,x
def wr(p,sr,x):
    x=np.clip(x,-32767,32767).astype(np.int16); w=wave.open(p,'wb'); w.setnchannels(1); w.setsampwidth(2); w.setframerate(sr); w.writeframes(x.tobytes()); w.close()
def active_rms(x,sr):
    fr=int(sr*0.02); f=x[:len(x)//fr*fr].reshape(-1,fr); r=np.sqrt((f**2).mean(1)); return np.sqrt((r[r>r.max()*0.05]**2).mean())
mode=sys.argv[1]
if mode=='noise':
    sr,x=rd(sys.argv[2]); snr=float(sys.argv[4]); rng=np.random.default_rng(1)
    w=rng.standard_normal(len(x)); # pink-ish: 1/f via cumulative filtering
    W=np.fft.rfft(w); f=np.arange(len(W)); f[0]=1; W/=np.sqrt(f); n=np.fft.irfft(W,len(x))
    n*=active_rms(x,sr)/np.sqrt((n**2).mean())/10**(snr/20)
    wr(sys.argv[3],sr,x+n); print('noise rms',np.sqrt((n**2).mean()),'speech rms',active_rms(x,sr))
else:
    sr,x=rd(sys.argv[2]); sr2,b=rd(sys.argv[3]); at=float(sys.argv[5]); db=float(sys.argv[6])
    b=b*active_rms(x,sr)/active_rms(b,sr2)/10**(db/20); y=x.copy(); i=int(at*sr); y[i:i+len(b)]+=b[:len(y)-i]
    wr(sys.argv[4],sr,y); print('bg at',at,'len',len(b)/sr,'rel dB',-db)
