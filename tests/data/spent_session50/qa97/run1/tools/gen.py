"""Generate Tomás's answers with espeak-ng and record the ground truth (from the clean signal)."""
import json, re, subprocess, sys, wave
import numpy as np
IN = "/work/evaldata50/qa97/run1/inputs"; OUT = "/tmp/qa97/wav"
SPEC = {  # id: (question, voice, rate, extra)
 "a1": ("lp-ownership-3", "en-us", 140, None),
 "a2": ("forecast-demand-1", "en-gb", 160, None),
 "a3": ("scale-inference-1", "en-us+f3", 175, None),
 "a4": ("code-kmeans-1", "en-gb-scotland", 150, None),
 "a5": ("lp-customer-obsession-3", "en-029", 170, "noise15"),
 "a6": ("ml-overfitting-1", "en-gb+m4", 130, None),
 "a7": ("lp-are-right-a-lot-2", "en-us", 150, "bgvoice20"),
 "a8": ("lp-dive-deep-1", "en-gb", 150, None),
 "a10": ("lp-learn-be-curious-1", "en-us", 145, None),
 "a9": ("ml-bias-variance-1", "en-us+f3", 165, None),
}
FILLERS = {"uh", "um", "hmm", "eh", "er", "ah"}
def read(p):
    with wave.open(p) as w:
        sr = w.getframerate(); x = np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16).astype(np.float64)
    return sr, x
def write(p, sr, x):
    x = np.clip(np.round(x), -32768, 32767).astype(np.int16)
    with wave.open(p, "wb") as w:
        w.setnchannels(1); w.setsampwidth(2); w.setframerate(sr); w.writeframes(x.tobytes())
def truth(sr, x):
    hop = int(sr * 0.01); n = len(x) // hop; fs = hop / sr
    pk = np.array([np.abs(x[i*hop:(i+1)*hop]).max() for i in range(n)])
    act = pk > 30  # ~ -60 dBFS; espeak silence is ~0
    idx = np.where(act)[0]; first, last = idx[0], idx[-1]
    pauses = []; i = first
    while i <= last:
        if not act[i]:
            j = i
            while j <= last and not act[j]: j += 1
            d = (j - i) * fs
            if d >= 0.3: pauses.append((round(i*fs, 2), round(j*fs, 2), round(d, 2)))
            i = j
        else: i += 1
    return first*fs, (last+1)*fs, pauses
def words(ssml):
    t = re.sub(r"<[^>]+>", " ", ssml); t = t.replace("[[E:]]", " eh ").replace("-", " ")
    toks = re.findall(r"[A-Za-zÀ-ÿ']+", t)
    return toks
res = {}
for aid in (sys.argv[1:] or SPEC):
    q, v, r, extra = SPEC[aid]
    raw = f"{OUT}/{aid}_clean.wav"
    subprocess.run(["espeak-ng", "-m", "-v", v, "-s", str(r), "-w", raw, "-f", f"{IN}/{aid}.ssml"], check=True)
    sr, x = read(raw)
    s0, s1, pauses = truth(sr, x)
    toks = words(open(f"{IN}/{aid}.ssml").read())
    fil = [w.lower() for w in toks if w.lower() in FILLERS]
    y = x.copy()
    if extra == "noise15":
        rng = np.random.default_rng(15)
        hop = int(sr*0.01); fr = x[:len(x)//hop*hop].reshape(-1, hop)
        sp = fr[np.abs(fr).max(1) > 30]; p_s = np.mean(sp**2)
        y = x + rng.normal(0, np.sqrt(p_s / 10**(15/10)), len(x))
    if extra == "bgvoice20":
        bg = f"{OUT}/{aid}_bgraw.wav"
        subprocess.run(["espeak-ng", "-v", "en-gb+f2", "-s", "160", "-w", bg, "-f", f"{IN}/{aid}_bg.txt"], check=True)
        _, b = read(bg); b = np.tile(b, int(np.ceil(len(x)/len(b))))[:len(x)]
        rms = lambda a: np.sqrt(np.mean(a[np.abs(a) > 30]**2))
        y = x + b * (rms(x) / rms(b)) * 10**(-20/20)
    fin = f"{OUT}/{aid}.wav"; write(fin, sr, y)
    nw = len(toks); nf = len(fil); span = s1 - s0
    res[aid] = dict(question=q, voice=v, rate=r, extra=extra, dur=round(len(x)/sr, 2), speech_start=round(s0, 2),
                    speech_end=round(s1, 2), words=nw, words_no_fillers=nw-nf, fillers=nf, filler_list=fil,
                    wpm_all=round(nw/span*60, 1), wpm_no_fillers=round((nw-nf)/span*60, 1),
                    pauses=pauses, longest=sorted(pauses, key=lambda p: -p[2])[:6])
    print(aid, json.dumps(res[aid]))
old = {}
try: old = json.load(open("/work/evaldata50/qa97/run1/truth.json"))
except Exception: pass
old.update(res); json.dump(old, open("/work/evaldata50/qa97/run1/truth.json", "w"), indent=1)
