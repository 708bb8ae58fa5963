#!/usr/bin/env python3
"""Build a spoken answer from a marked-up text: chunks separated by [p=SECONDS] markers are
synthesised separately with espeak-ng, edge-trimmed, and joined with exact digital silence.
Writes WAV + ground-truth JSON (words, fillers, inserted pauses, measured silences >= 0.3 s)."""
import json, re, subprocess, sys, tempfile, os
import numpy as np, soundfile as sf

FILLERS = {"uh", "um", "er", "erm", "hmm", "ah", "mm"}
SR = 22050

def synth(text, voice, rate):
    with tempfile.TemporaryDirectory() as d:
        t = os.path.join(d, "t.txt"); w = os.path.join(d, "o.wav")
        open(t, "w").write(text)
        subprocess.run(["espeak-ng", "-v", voice, "-s", str(rate), "-w", w, "-f", t], check=True)
        x, sr = sf.read(w, dtype="float32")
        assert sr == SR, sr
    a = np.abs(x); thr = 1e-3
    idx = np.where(a > thr)[0]
    return x[idx[0]: idx[-1] + 1]

def silences(x, sr, min_s=0.3, thr=1e-3, hop=0.005):
    h = int(sr * hop); hop = h / sr; n = len(x) // h
    act = np.array([np.abs(x[i*h:(i+1)*h]).max() > thr for i in range(n)])
    sp = np.where(act)[0]
    first, last = sp[0]*hop, (sp[-1]+1)*hop
    out = []; i = sp[0]
    while i <= sp[-1]:
        if not act[i]:
            j = i
            while j < n and not act[j]: j += 1
            if (j - i) * hop >= min_s: out.append([round(i*hop, 3), round(j*hop, 3), round((j-i)*hop, 3)])
            i = j
        else: i += 1
    return first, last, out

def tokens(text):
    return [t for t in re.sub(r"[^\w' ]+", " ", text.lower()).split() if t]

def main(src, out_wav, voice, rate, lead=0.6, tail=1.0):
    raw = open(src).read()
    parts = re.split(r"\[p=([0-9.]+)\]", raw)
    chunks = parts[0::2]; pauses = [float(p) for p in parts[1::2]]
    sig = [np.zeros(int(lead*SR), np.float32)]; inserted = []; t = lead
    for k, ch in enumerate(chunks):
        ch = ch.strip()
        if ch:
            y = synth(ch, voice, rate); sig.append(y); t += len(y)/SR
        if k < len(pauses):
            before = " ".join(tokens(ch)[-3:])
            after = " ".join(tokens(chunks[k+1])[:3])
            inserted.append({"at_s": round(t, 3), "len_s": pauses[k], "after": before, "before": after})
            sig.append(np.zeros(int(pauses[k]*SR), np.float32)); t += pauses[k]
    sig.append(np.zeros(int(tail*SR), np.float32))
    x = np.concatenate(sig); x = x / np.abs(x).max() * 0.7
    sf.write(out_wav, x, SR, subtype="PCM_16")
    text = re.sub(r"\[p=[0-9.]+\]", " ", raw)
    toks = tokens(text)
    fill = [w for w in toks if w in FILLERS]
    first, last, sil = silences(x, SR)
    span = last - first
    gt = {"file": os.path.basename(out_wav), "voice": voice, "rate": rate, "duration_s": round(len(x)/SR, 3),
          "speech_first_s": round(first, 3), "speech_last_s": round(last, 3), "span_s": round(span, 3),
          "words_all": len(toks), "words_no_fillers": len(toks) - len(fill),
          "fillers": len(fill), "filler_kinds": {f: fill.count(f) for f in sorted(set(fill))},
          "so": toks.count("so"), "brah": toks.count("brah"),
          "wpm_all": round(len(toks)/span*60, 1), "wpm_no_fillers": round((len(toks)-len(fill))/span*60, 1),
          "inserted_pauses": inserted, "silences_ge_0.3": sil,
          "longest_silences": sorted(sil, key=lambda s: -s[2])[:6]}
    json.dump(gt, open(out_wav[:-4] + ".gt.json", "w"), indent=1)
    print(json.dumps({k: v for k, v in gt.items() if k not in ("silences_ge_0.3",)}, indent=None))
    print("silences>=0.3:", len(sil), [s[2] for s in sil])

if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]))
