"""Make an espeak-ng answer from a spec text and compute the ground truth.
Spec: plain text; [p=1.5] marks a break of 1.5 s. Usage: gen.py NAME VOICE RATE"""
import sys, re, subprocess, json, wave
import numpy as np
name, voice, rate = sys.argv[1], sys.argv[2], int(sys.argv[3])
d = '/work/evaldata51/qa103/run1/'
src = open(d + name + '.txt').read().strip()
ssml = '<speak>' + re.sub(r'\[p=([\d.]+)\]', lambda m: '<break time="%dms"/>' % int(float(m.group(1)) * 1000), src) + '</speak>'
wav = '/tmp/qa103/' + name + '.wav'
subprocess.run(['espeak-ng', '-v', voice, '-s', str(rate), '-m', '-w', wav, ssml], check=True)
plain = re.sub(r'\[p=[\d.]+\]', ' ', src)
words = re.findall(r"[A-Za-z0-9][A-Za-z0-9'%.-]*", plain)
words = [w.rstrip('.') for w in words if w.rstrip('.')]
FILL = {'uh', 'um', 'er', 'hmm', 'ah', 'mm', 'erm'}
fillers = [w for w in words if w.lower() in FILL]
breaks = [float(x) for x in re.findall(r'\[p=([\d.]+)\]', src)]
with wave.open(wav) as w:
    sr = w.getframerate(); x = np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16).astype(float)
dur = len(x) / sr
# silences from 10 ms frame energy
fr = int(sr * 0.01); n = len(x) // fr
e = np.array([np.sqrt(np.mean(x[i*fr:(i+1)*fr] ** 2)) for i in range(n)])
sp = e > 150
idx = np.where(sp)[0]; s0, s1 = idx[0] * 0.01, (idx[-1] + 1) * 0.01
sil = []; i = idx[0]
while i < idx[-1]:
    if not sp[i]:
        j = i
        while not sp[j]: j += 1
        if (j - i) * 0.01 >= 0.3: sil.append((round(i * 0.01, 2), round((j - i) * 0.01, 2)))
        i = j
    else: i += 1
gt = dict(name=name, voice=voice, rate=rate, duration=round(dur, 2), speech_start=s0, speech_end=round(s1, 2),
          words_all=len(words), words_no_fillers=len(words) - len(fillers), fillers=len(fillers),
          filler_list=fillers, breaks=breaks,
          wpm_all=round(len(words) / ((s1 - s0) / 60), 1), wpm_no_fillers=round((len(words) - len(fillers)) / ((s1 - s0) / 60), 1),
          silences_ge_0_3=sil, silences_ge_1=[s for s in sil if s[1] >= 1.0])
json.dump(gt, open(d + name + '.truth.json', 'w'), indent=1)
print(json.dumps({k: v for k, v in gt.items() if k != 'silences_ge_0_3'}))
print('n silences >=0.3:', len(sil), 'max five:', sorted(sil, key=lambda s: -s[1])[:6])
