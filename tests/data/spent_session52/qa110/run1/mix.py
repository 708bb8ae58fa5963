import numpy as np, soundfile as sf
rng = np.random.default_rng(7)
def rms_active(x): a = x[np.abs(x) > 0.003]; return np.sqrt(np.mean(a**2))
# a6: pink-ish noise at SNR 15 dB (vs active speech RMS)
x, sr = sf.read("a6clean.wav")
w = rng.standard_normal(len(x)); f = np.fft.rfft(w); fr = np.fft.rfftfreq(len(x), 1/sr); f[1:] /= np.sqrt(fr[1:]); f[0]=0
n = np.fft.irfft(f, len(x)); n *= rms_active(x) / 10**(15/20) / np.sqrt(np.mean(n**2))
y = x + n; print("a6 SNR dB", 20*np.log10(rms_active(x)/np.sqrt(np.mean(n**2))), "peak", np.abs(y).max())
sf.write("a6.wav", y, sr, subtype="PCM_16")
# a7: faint second voice -20 dB, looped from 2 s
x, sr = sf.read("a7clean.wav"); b, sr2 = sf.read("a7bg.wav"); assert sr == sr2
bg = np.zeros(len(x)); pos = int(2*sr)
while pos < len(x):
    k = min(len(b), len(x)-pos); bg[pos:pos+k] += b[:k]; pos += len(b) + int(1*sr)
bg *= rms_active(x) / 10**(20/20) / rms_active(b)
y = x + bg; print("a7 bg rel dB", 20*np.log10(rms_active(bg)/rms_active(x)))
sf.write("a7.wav", y, sr, subtype="PCM_16")
