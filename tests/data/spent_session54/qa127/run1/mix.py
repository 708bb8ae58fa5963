import numpy as np, soundfile as sf, sys
W='/tmp/qa127/wav/'
x,sr=sf.read(W+'a6clean.wav')
act=np.abs(x)>1e-3
rms=np.sqrt(np.mean(x[act]**2))
rng=np.random.default_rng(1)
n=rng.standard_normal(len(x)); n*=rms/10**(15/20)/np.sqrt(np.mean(n**2))
y=x+n; y/=max(1,np.abs(y).max()/0.99)
sf.write(W+'a6.wav',y,sr)
print('a6 speech rms',rms,'noise rms',np.sqrt(np.mean(n**2)))
x,sr=sf.read(W+'a8clean.wav'); b,sr2=sf.read(W+'a8bg.wav'); assert sr==sr2
rx=np.sqrt(np.mean(x[np.abs(x)>1e-3]**2)); rb=np.sqrt(np.mean(b[np.abs(b)>1e-3]**2))
b=b*rx/rb*10**(-20/20)
off=int(12*sr); y=x.copy(); L=min(len(b),len(y)-off); y[off:off+L]+=b[:L]
sf.write(W+'a8.wav',y,sr); print('a8 bg at -20 dB from 12.0 s for',L/sr,'s')
