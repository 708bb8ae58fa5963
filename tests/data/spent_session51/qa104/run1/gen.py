#!/usr/bin/env python3
"""Render an answer spec to WAV: paragraphs spoken by espeak-ng, [P x.x] = exact silence of x.x s
inserted (edges of each espeak chunk trimmed at -55 dBFS). Also measures ground truth:
all gaps >= 0.3 s (energy), speech start/end, word counts, fillers."""
import sys, subprocess, re, json, wave, numpy as np, tempfile, os
SR = 22050
def render(text, voice, rate):
    with tempfile.TemporaryDirectory() as d:
        t = os.path.join(d, 't.txt'); w = os.path.join(d, 'o.wav')
        open(t, 'w').write(text)
        subprocess.run(['espeak-ng', '-v', voice, '-s', str(rate), '-w', w, '-f', t], check=True)
        with wave.open(w) as f:
            assert f.getframerate() == SR
            x = np.frombuffer(f.readframes(f.getnframes()), np.int16).astype(np.float32) / 32768
    # trim edges
    fr = 220; n = len(x) // fr
    e = np.array([np.sqrt(np.mean(x[i*fr:(i+1)*fr]**2) + 1e-12) for i in range(n)])
    on = np.where(20*np.log10(e) > -55)[0]
    return x[on[0]*fr:(on[-1]+1)*fr]
def gaps(x, min_gap=0.3, thr=-50):
    fr = 220; n = len(x)//fr
    e = 20*np.log10(np.array([np.sqrt(np.mean(x[i*fr:(i+1)*fr]**2)+1e-12) for i in range(n)]))
    sp = e > thr
    idx = np.where(sp)[0]
    start, end = idx[0]*fr/SR, (idx[-1]+1)*fr/SR
    out = []; i = idx[0]
    while i <= idx[-1]:
        if not sp[i]:
            j = i
            while not sp[j]: j += 1
            d = (j-i)*fr/SR
            if d >= min_gap: out.append((round(i*fr/SR, 2), round(d, 2)))
            i = j
        else: i += 1
    return start, end, out
FILLERS = r"\b(um+|uh+|er|ah|hmm+|mm+)\b"
def main(spec, outwav, lead=0.6, tail=0.8):
    voice, rate = 'en-gb', 170
    parts = [np.zeros(int(lead*SR), np.float32)]
    words = []
    for line in open(spec):
        line = line.strip()
        if not line or line.startswith('#'): continue
        m = re.match(r'@voice (\S+)', line)
        if m: voice = m.group(1); continue
        m = re.match(r'@rate (\d+)', line)
        if m: rate = int(m.group(1)); continue
        m = re.match(r'\[P ([\d.]+)\]', line)
        if m: parts.append(np.zeros(int(float(m.group(1))*SR), np.float32)); continue
        parts.append(render(line, voice, rate)); words += line.split()
    parts.append(np.zeros(int(tail*SR), np.float32))
    x = np.concatenate(parts)
    with wave.open(outwav, 'wb') as f:
        f.setnchannels(1); f.setsampwidth(2); f.setframerate(SR)
        f.writeframes((np.clip(x, -1, 1)*32767).astype(np.int16).tobytes())
    s, e, g = gaps(x)
    text = ' '.join(words).lower()
    hes = len(re.findall(FILLERS, text))
    disc = {k: len(re.findall(r'\b'+k+r'\b', text)) for k in ['like', 'you know', 'sort of', 'kind of', 'i mean', 'basically', 'actually']}
    nw = len([w for w in words if re.search(r'[A-Za-z0-9]', w)])
    info = dict(file=outwav, duration=round(len(x)/SR, 2), speech_start=round(s, 2), speech_end=round(e, 2),
                words=nw, hesitations=hes, discourse=disc,
                wpm_all_words=round(nw/((e-s)/60), 1), gaps_ge_0_3=g,
                long_gaps=[gg for gg in g if gg[1] >= 1.0])
    print(json.dumps(info))
if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
