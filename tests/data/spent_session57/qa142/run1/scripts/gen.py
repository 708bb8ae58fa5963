"""Generate espeak-ng answers from texts/*.txt ({1.5} = SSML break of 1.5 s) and write ground truth."""
import json, re, subprocess, sys, wave
import numpy as np
from pathlib import Path

RUN = Path("/work/evaldata57/qa142/run1")
WAV = Path("/tmp/qa142/wav")
SPEC = {
  "A1": dict(voice="en-us", rate=160, q="lp-ownership-3"),
  "A2": dict(voice="en-gb", rate=175, q="ml-overfitting-1"),
  "A3": dict(voice="en-gb-scotland", rate=140, q="code-kmeans-1"),
  "A4": dict(voice="en-us+f3", rate=167, q="lp-dive-deep-1"),
  "A5": dict(voice="en-029", rate=150, q="forecast-demand-1", noise_snr=15),
  "A6": dict(voice="en-gb+m4", rate=165, q="lp-customer-obsession-3", second="A6b", second_db=-20),
  "A7": dict(voice="en-us", rate=145, q="intro-tell-me-about-yourself-1"),
  "A8": dict(voice="en-us+f3", rate=130, q="llm-measure-1"),
  "A9": dict(voice="en-gb-x-rp", rate=180, q="code-knn-1"),
}
FILLERS = {"uh", "um", "er", "hmm", "ah", "mm"}

def synth(text, voice, rate, out):
    ssml = "<speak>" + re.sub(r"\{([\d.]+)\}", lambda m: f'<break time="{int(float(m.group(1))*1000)}ms"/>', text) + "</speak>"
    tmp = out.with_suffix(".ssml"); tmp.write_text(ssml)
    subprocess.run(["espeak-ng", "-m", "-v", voice, "-s", str(rate), "-w", str(out), "-f", str(tmp)], check=True)

def read(p):
    with wave.open(str(p)) as w:
        sr = w.getframerate(); x = np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16).astype(np.float32) / 32768
    return x, sr

def write(p, x, sr):
    y = np.clip(x, -1, 1); y = (y * 32767).astype(np.int16)
    with wave.open(str(p), "wb") as w:
        w.setnchannels(1); w.setsampwidth(2); w.setframerate(sr); w.writeframes(y.tobytes())

def silences(x, sr, min_gap=0.3, db=-50):
    hop = int(sr * 0.005); n = len(x) // hop
    fr = x[: n * hop].reshape(n, hop)
    active = 20 * np.log10(np.sqrt((fr ** 2).mean(1)) + 1e-9) > db
    idx = np.flatnonzero(active)
    first, last = idx[0] * hop / sr, (idx[-1] + 1) * hop / sr
    gaps = []
    run = None
    for i in range(idx[0], idx[-1] + 1):
        if not active[i]:
            run = i if run is None else run
        elif run is not None:
            s, e = run * hop / sr, i * hop / sr
            if e - s >= min_gap: gaps.append((round(s, 2), round(e, 2), round(e - s, 2)))
            run = None
    return first, last, gaps, active, hop

out = {}
for aid, s in SPEC.items():
    if len(sys.argv) > 1 and aid not in sys.argv[1:]: continue
    text = (RUN / "texts" / f"{aid}.txt").read_text().strip()
    clean = WAV / f"{aid}_clean.wav"
    synth(text, s["voice"], s["rate"], clean)
    x, sr = read(clean)
    first, last, gaps, active, hop = silences(x, sr)
    final = WAV / f"{aid}.wav"
    if "noise_snr" in s:
        rng = np.random.default_rng(1)
        sp = np.sqrt((x[np.repeat(active, hop)[: len(x)] if len(active)*hop >= len(x) else np.r_[np.repeat(active, hop), np.zeros(len(x)-len(active)*hop, bool)]] ** 2).mean())
        n = rng.standard_normal(len(x)).astype(np.float32); n *= sp / 10 ** (s["noise_snr"] / 20) / np.sqrt((n ** 2).mean())
        write(final, x + n, sr)
    elif "second" in s:
        b = WAV / f"{s['second']}_clean.wav"
        synth((RUN / "texts" / f"{s['second']}.txt").read_text().strip(), "en-us+f2", 170, b)
        y, _ = read(b)
        y = np.tile(y, int(np.ceil(len(x) / len(y))) + 1)[: len(x)]
        g = 10 ** (s["second_db"] / 20) * np.sqrt((x[np.abs(x) > 1e-4] ** 2).mean()) / np.sqrt((y[np.abs(y) > 1e-4] ** 2).mean())
        write(final, x + g * y, sr)
    else:
        write(final, x, sr)
    words = [t for t in re.sub(r"\{[\d.]+\}", " ", text).split() if re.search(r"[A-Za-z]", t)]
    toks = [re.sub(r"[^a-z]", "", w.lower()) for w in words]
    fillers = [t for t in toks if t in FILLERS]
    breaks = [float(b) for b in re.findall(r"\{([\d.]+)\}", text)]
    dur = len(x) / sr
    nw = len(words); nf = len(fillers)
    out[aid] = dict(**s, duration=round(dur, 2), first_speech=round(first, 2), last_speech=round(last, 2),
                    words=nw, fillers=nf, filler_kinds={k: fillers.count(k) for k in sorted(set(fillers))},
                    breaks=breaks, gt_pauses_ge_0_3=gaps,
                    wpm_all_words=round(nw / (last - first) * 60, 1), wpm_no_fillers=round((nw - nf) / (last - first) * 60, 1))
    print(aid, json.dumps(out[aid]))
gt = RUN / "ground_truth.json"
old = json.loads(gt.read_text()) if gt.exists() else {}
old.update(out); gt.write_text(json.dumps(old, indent=1))
