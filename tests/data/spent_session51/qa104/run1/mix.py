import sys, wave, numpy as np, subprocess, tempfile, os
def rd(p):
    with wave.open(p) as f: return f.getframerate(), np.frombuffer(f.readframes(f.getnframes()), np.int16).astype(np.float32)/32768
def wr(p, sr, x):
    with wave.open(p,'wb') as f:
        f.setnchannels(1); f.setsampwidth(2); f.setframerate(sr); f.writeframes((np.clip(x,-1,1)*32767).astype(np.int16).tobytes())
mode, inp, out, db = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
sr, x = rd(inp)
act = np.abs(x) > 0.003
fr=220; e=np.array([np.sqrt(np.mean(x[i*fr:(i+1)*fr]**2)) for i in range(len(x)//fr)])
speech_rms = np.sqrt(np.mean((e[e>10**(-50/20)])**2))
rng = np.random.default_rng(1)
if mode == 'noise':
    # pink-ish noise: white filtered by 1/f via cumulative-ish filter
    w = rng.standard_normal(len(x)).astype(np.float32)
    W = np.fft.rfft(w); f = np.arange(len(W)); f[0]=1; W = W/np.sqrt(f); n = np.fft.irfft(W, len(w)).astype(np.float32)
    n *= speech_rms / np.sqrt(np.mean(n**2)) * 10**(-db/20)
    y = x + n
else:
    txt = sys.argv[5]
    with tempfile.TemporaryDirectory() as d:
        t=os.path.join(d,'t.txt'); o=os.path.join(d,'o.wav'); open(t,'w').write(txt)
        subprocess.run(['espeak-ng','-v','en-us+f2','-s','150','-w',o,'-f',t],check=True)
        _, v = rd(o)
    v = np.tile(v, int(np.ceil(len(x)/len(v))))[:len(x)]
    fr=220; ev=np.array([np.sqrt(np.mean(v[i*fr:(i+1)*fr]**2)) for i in range(len(v)//fr)])
    vr = np.sqrt(np.mean((ev[ev>10**(-50/20)])**2))
    y = x + v * speech_rms/vr * 10**(-db/20)
wr(out, sr, y)
print(mode, 'speech_rms_dbfs', round(20*np.log10(speech_rms),1), 'rel_db', db)
