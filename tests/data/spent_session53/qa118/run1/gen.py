import json, re, subprocess, sys, numpy as np, soundfile as sf
SPEC = {  # id: (voice, rate, question)
 'a1': ('en-gb', 140, 'lp-ownership-3'),
 'a2': ('en-us', 180, 'ml-overfitting-1'),
 'a3': ('en-029', 150, 'code-kmeans-1'),
 'a4': ('en-gb-scotland', 160, 'lp-customer-obsession-3'),
 'a5': ('en-us+f3', 130, 'forecast-demand-1'),
 'a6': ('en-gb+m4', 190, 'lp-are-right-a-lot-2'),
 'a7': ('en-us', 160, 'lp-invent-simplify-1'),
 'a8': ('en-gb', 150, 'recsys-cold-start-1'),
 'a9': ('en-029', 140, 'lp-ownership-1'),
 'a10': ('en-us+f3', 150, 'lp-ownership-2'),
}
STD = ['uh','um','hmm','er','ah','mm']
def truth(text):
    plain = re.sub(r'<[^>]+>', ' ', text)
    words = re.findall(r"[A-Za-z][A-Za-z'\-]*", plain)
    low = [w.lower().strip('-') for w in words]
    f = {k: low.count(k) for k in STD if low.count(k)}
    yk = len(re.findall(r'\byou know\b', plain.lower()))
    if yk: f['you know'] = yk
    persona = {k: low.count(k) for k in ['eh','ehm'] if low.count(k)}
    sts = len(re.findall(r'\bso to say\b', plain.lower()))
    if sts: persona['so to say'] = sts
    breaks = [int(b)/1000 for b in re.findall(r'<break time="(\d+)ms"', text)]
    return dict(words=len(words), fillers_std=f, fillers_std_total=sum(f.values()), persona_fillers=persona, breaks=breaks)
def gaps(path, thr=1e-3, min_gap=0.3):
    x, sr = sf.read(path)
    if x.ndim > 1: x = x.mean(1)
    hop = int(sr*0.01)
    n = len(x)//hop
    e = np.array([np.abs(x[i*hop:(i+1)*hop]).max() for i in range(n)])
    sp = e > thr
    idx = np.where(sp)[0]
    first, last = idx[0]*0.01, (idx[-1]+1)*0.01
    out=[]; i=idx[0]
    while i < idx[-1]:
        if not sp[i]:
            j=i
            while not sp[j]: j+=1
            d=(j-i)*0.01
            if d>=min_gap: out.append((round(i*0.01,2), round(d,2)))
            i=j
        else: i+=1
    return dict(duration=round(len(x)/sr,2), first_speech=round(first,2), last_speech=round(last,2), gaps=out)
if __name__ == '__main__':
    res = {}
    for k in (sys.argv[1:] or SPEC):
        voice, rate, q = SPEC[k]
        text = open(f'inputs/{k}.txt').read().strip()
        ssml = f'<speak>{text}</speak>'
        open(f'/tmp/qa118/wav/{k}.ssml','w').write(ssml)
        subprocess.run(['espeak-ng','-m','-v',voice,'-s',str(rate),'-w',f'/tmp/qa118/wav/{k}.wav','-f',f'/tmp/qa118/wav/{k}.ssml'], check=True)
        t = truth(text); g = gaps(f'/tmp/qa118/wav/{k}.wav')
        span = g['last_speech']-g['first_speech']
        t.update(voice=voice, rate=rate, question=q, **g)
        t['wpm_all_words'] = round(t['words']/span*60,1)
        t['long_gaps_ge1s'] = [x for x in g['gaps'] if x[1]>=1.0]
        t['top5_gaps'] = sorted(g['gaps'], key=lambda x:-x[1])[:5]
        res[k]=t
        print(k, voice, rate, q, 'dur', g['duration'], 'words', t['words'], 'wpm', t['wpm_all_words'], 'fillers', t['fillers_std'], t['persona_fillers'], 'breaks', t['breaks'], 'top gaps', t['top5_gaps'], 'n gaps>=0.3', len(g['gaps']))
    try: old = json.load(open('inputs/truth.json'))
    except Exception: old = {}
    old.update(res); json.dump(old, open('inputs/truth.json','w'), indent=1)
