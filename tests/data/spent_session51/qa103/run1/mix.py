import wave, numpy as np, sys
def rd(p):
    with wave.open(p) as w: return w.getframerate(), np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16).astype(float)
def wr(p, sr, x):
    with wave.open(p, 'w') as w:
        w.setnchannels(1); w.setsampwidth(2); w.setframerate(sr); w.writeframes(np.clip(x, -32767, 32767).astype(np.int16).tobytes())
def speech_rms(x, sr):
    fr = int(sr*0.02); n = len(x)//fr; e = np.array([np.sqrt(np.mean(x[i*fr:(i+1)*fr]**2)) for i in range(n)])
    return np.sqrt(np.mean(e[e > 150]**2))
src, other, db, out = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
sr, x = rd(src); sr2, y = rd(other); assert sr == sr2
y = np.resize(y, len(x)) if len(y) >= len(x) else np.concatenate([y, np.zeros(len(x)-len(y))])
rx, ry = speech_rms(x, sr), speech_rms(y, sr)
y = y * (rx / ry) / 10**(db/20)
wr(out, sr, x + y)
print(out, 'speech rms', round(rx), 'other scaled rms', round(speech_rms(y, sr) if db < 60 else 0), 'ratio dB', db)
