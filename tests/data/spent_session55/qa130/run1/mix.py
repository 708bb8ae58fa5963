import wave, numpy as np
def rd(p):
    w=wave.open(p); sr=w.getframerate(); x=np.frombuffer(w.readframes(w.getnframes()),dtype=np.int16).astype(float); return sr,x
def wr(p,sr,x):
    w=wave.open(p,'wb'); w.setnchannels(1); w.setsampwidth(2); w.setframerate(sr); w.writeframes(np.clip(x,-32767,32767).astype(np.int16).tobytes()); w.close()
def act_rms(x,sr):
    hop=int(sr*0.01); f=x[:len(x)//hop*hop].reshape(-1,hop); e=np.abs(f).max(1); a=f[e>300]; return np.sqrt((a**2).mean())
rng=np.random.default_rng(7)
sr,x=rd('/tmp/qa130/a5.wav'); s=act_rms(x,sr)
# pinkish noise: white filtered
n=rng.standard_normal(len(x)); n=np.convolve(n,np.ones(3)/3,'same'); n*= s/np.sqrt((n**2).mean())/10**(15/20)
wr('/tmp/qa130/a5n.wav',sr,x+n); print('a5 speech rms',s,'noise rms',np.sqrt((n**2).mean()),'SNR',20*np.log10(s/np.sqrt((n**2).mean())))
sr,x=rd('/tmp/qa130/a6.wav'); s=act_rms(x,sr); sr2,b=rd('/tmp/qa130/bg.wav'); assert sr2==sr
b2=np.zeros(len(x)); off=int(3*sr); L=min(len(b),len(x)-off); b2[off:off+L]=b[:L]
g=s/act_rms(b,sr)/10**(22/20); b2*=g
wr('/tmp/qa130/a6v.wav',sr,x+b2); print('a6 bg at -22 dB, bg from 3.0 s to',(off+L)/sr)
