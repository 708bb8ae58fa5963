import numpy as np, soundfile as sf
def active_rms(x, sr):
    hop=int(sr*0.02); fr=[x[i:i+hop] for i in range(0,len(x)-hop,hop)]
    r=np.array([np.sqrt(np.mean(f**2)) for f in fr]); r=r[r>1e-3]
    return np.sqrt(np.mean(r**2))
# a7 + pink noise at SNR 15 dB
s, sr = sf.read('a7.wav'); n, _ = sf.read('pink.wav'); n = n[:len(s)]
ps = active_rms(s, sr); pn = np.sqrt(np.mean(n**2))
n = n * (ps/pn) * 10**(-15/20)
y = s + n; y = y/ max(1, np.abs(y).max()/0.99)
sf.write('a7_noisy.wav', y, sr, subtype='PCM_16')
print('a7 SNR', 20*np.log10(ps/np.sqrt(np.mean(n**2))))
# a8 + faint second voice in the 3 s pause (starts 17.53 s + 0.3 s) at -22 dB
s, sr = sf.read('a8.wav'); v, _ = sf.read('sv.wav')
pv = active_rms(v, sr); ps = active_rms(s, sr)
v = v * (ps/pv) * 10**(-22/20)
y = s.copy(); st = int((17.53+0.3)*sr); y[st:st+len(v)] += v
sf.write('a8_2ndvoice.wav', y, sr, subtype='PCM_16')
print('a8 second voice', 17.83, 17.83+len(v)/sr, 'rel dB', 20*np.log10(active_rms(v,sr)/ps))
