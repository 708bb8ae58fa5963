#!/usr/bin/env python3
"""noise: mix.py noise IN OUT SNR_DB   |   voice: mix.py voice IN BG_TEXT OUT REL_DB OFFSET_S"""
import sys, subprocess, tempfile, os, numpy as np, soundfile as sf
mode = sys.argv[1]
x, sr = sf.read(sys.argv[2], dtype="float64")
h = int(sr*0.01); fr = x[:len(x)//h*h].reshape(-1, h)
act = np.abs(fr).max(1) > 1e-3
speech_rms = np.sqrt((fr[act]**2).mean())
rng = np.random.default_rng(145)
if mode == "noise":
    out, snr = sys.argv[3], float(sys.argv[4])
    n = rng.standard_normal(len(x)); n *= speech_rms / 10**(snr/20) / np.sqrt((n**2).mean())
    y = x + n
else:
    bgtxt, out, rel, off = sys.argv[3], sys.argv[4], float(sys.argv[5]), float(sys.argv[6])
    with tempfile.TemporaryDirectory() as d:
        w = os.path.join(d, "b.wav")
        subprocess.run(["espeak-ng", "-v", "en-us+f2", "-s", "150", "-w", w, "-f", bgtxt], check=True)
        b, _ = sf.read(w, dtype="float64")
    bh = b[:len(b)//h*h].reshape(-1, h); bact = np.abs(bh).max(1) > 1e-3
    b *= speech_rms / 10**(-rel/20) / np.sqrt((bh[bact]**2).mean()) if False else speech_rms * 10**(rel/20) / np.sqrt((bh[bact]**2).mean())
    y = x.copy(); o = int(off*sr); m = min(len(b), len(y)-o); y[o:o+m] += b[:m]
    print(f"bg voice {m/sr:.1f} s from {off} s to {off+m/sr:.1f} s at {rel} dB")
y = y / max(1.0, np.abs(y).max()/0.9)
sf.write(out, y, sr, subtype="PCM_16"); print("speech rms", speech_rms, "->", out)
