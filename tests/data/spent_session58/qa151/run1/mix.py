import wave, numpy as np
from sil import load
def save(p,x,sr):
    w=wave.open(p,'wb'); w.setnchannels(1); w.setsampwidth(2); w.setframerate(sr)
    w.writeframes((np.clip(x,-1,1)*32767).astype(np.int16).tobytes()); w.close()
def rms_active(x,sr):
    fr=int(sr*0.02); f=x[:len(x)//fr*fr].reshape(-1,fr); r=np.sqrt((f**2).mean(1)); return np.sqrt((r[r>0.01]**2).mean())
rng=np.random.default_rng(151)
x,sr=load('/tmp/qa151/wav/a6c.wav')
# pink-ish noise
w=rng.standard_normal(len(x)); X=np.fft.rfft(w); fq=np.fft.rfftfreq(len(x),1/sr); X[1:]/=np.sqrt(fq[1:]); X[0]=0; n=np.fft.irfft(X,len(x))
s=rms_active(x,sr); n=n/np.sqrt((n**2).mean())*s/10**(15/20)
save('/tmp/qa151/wav/a6.wav',x+n,sr); print('a6 speech rms',s,'noise rms',np.sqrt((n**2).mean()),'SNR dB',20*np.log10(s/np.sqrt((n**2).mean())))
x,sr=load('/tmp/qa151/wav/a7c.wav'); b,_=load('/tmp/qa151/wav/bg7.wav')
s=rms_active(x,sr); bs=rms_active(b,sr); b=b/bs*s/10**(22/20)
st=int(24.5*sr); y=x.copy(); y[st:st+len(b)]+=b[:len(y)-st]
save('/tmp/qa151/wav/a7.wav',y,sr); print('a7 bg at 24.5-%.1f s, level -22 dB'%(24.5+len(b)/sr))
