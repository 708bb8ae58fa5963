import numpy as np, soundfile as sf, json, sys
W='/tmp/qa99/wav'
def rd(n):
    x,sr=sf.read(f'{W}/{n}.wav'); return x.astype(np.float64),sr
def active_rms(x,sr):
    fr=int(0.02*sr); n=len(x)//fr; e=np.sqrt((x[:n*fr].reshape(n,fr)**2).mean(1))
    thr=e.max()*0.03; return np.sqrt((e[e>thr]**2).mean())
rng=np.random.default_rng(7)
# a5 noise SNR 15 dB (vs active speech rms)
x,sr=rd('a5'); r=active_rms(x,sr); nrms=r/10**(15/20)
n=rng.standard_normal(len(x))*nrms
# pinkish: simple lowpass mix
sf.write(f'{W}/a5n.wav',np.clip(x+n,-1,1),sr,subtype='PCM_16')
# a6 faint second voice at -20 dB, start at 14 s
x,sr=rd('a6'); b,_=rd('a6b_raw'); rb=active_rms(b,sr); r=active_rms(x,sr)
b=b*(r/rb)/10**(20/20); y=x.copy(); o=int(14*sr); y[o:o+len(b)]+=b[:len(y)-o]
sf.write(f'{W}/a6v.wav',np.clip(y,-1,1),sr,subtype='PCM_16')
