import wave, numpy as np
def rd(p):
    w=wave.open(p); sr=w.getframerate(); x=np.frombuffer(w.readframes(w.getnframes()),dtype=np.int16).astype(float)/32768; return sr,x
def wr(p,sr,x):
    w=wave.open(p,'wb'); w.setnchannels(1); w.setsampwidth(2); w.setframerate(sr); w.writeframes((np.clip(x,-1,1)*32767).astype(np.int16).tobytes()); w.close()
def act_rms(x,sr):
    hop=int(sr*0.01); f=x[:len(x)//hop*hop].reshape(-1,hop); r=np.sqrt((f**2).mean(1)); db=20*np.log10(r+1e-9); return np.sqrt((f[db>-45]**2).mean())
rng=np.random.default_rng(7)
sr,x=rd('/tmp/qa115/wav/a5.wav'); s=act_rms(x,sr)
n=rng.standard_normal(len(x)); n=n/np.sqrt((n**2).mean())*s*10**(-15/20)
wr('/tmp/qa115/wav/a5n.wav',sr,x+n); print('a5 speech rms dB',20*np.log10(s),'noise dB',20*np.log10(s)-15)
sr,x=rd('/tmp/qa115/wav/a7.wav'); s=act_rms(x,sr); sr2,b=rd('/tmp/qa115/wav/bg.wav'); assert sr2==sr
bb=np.tile(b, int(np.ceil(len(x)/len(b)))+1)[:len(x)]
bb=bb/act_rms(b,sr)*s*10**(-20/20)
wr('/tmp/qa115/wav/a7v.wav',sr,x+bb); print('a7 bg at -20 dB, bg dur',len(b)/sr)
