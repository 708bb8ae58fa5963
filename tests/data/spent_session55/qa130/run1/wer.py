import json,re,sys
def norm(s):
    s=s.lower(); s=re.sub(r"[^a-z0-9' ]"," ",s); return s.split()
def wer(r,h):
    d=list(range(len(h)+1))
    for i in range(1,len(r)+1):
        p=d[:]; d[0]=i
        for j in range(1,len(h)+1):
            d[j]=min(p[j]+1,d[j-1]+1,p[j-1]+(r[i-1]!=h[j-1]))
    return d[-1]/len(r)
ref=norm(re.sub(r'\{[\d.]+\}','',open('texts/a7.txt').read()))
rt=json.load(open('out/a7rt.json'))['answers'][0]
an=json.load(open('out/a7_analyze.json'))
def txt(a): return ' '.join(w['text'] for w in a['transcript']['words'])
for name,a in (('realtime',rt),('analyze',an)):
    h=norm(txt(a)); print(name,'WER vs my text (numbers as digits count as errors)',round(wer(ref,h),3),'words',a['delivery']['word_count'],'wpm',round(a['delivery']['wpm'],1),'fillers',a['delivery']['filler_count'],'longest',a['delivery']['longest_pause_s'])
print('rt vs analyze',round(wer(norm(txt(an)),norm(txt(rt))),3))
open('out/a7_rt_transcript.txt','w').write(txt(rt)); open('out/a7_an_transcript.txt','w').write(txt(an))
print('analyze fillers',[(f['text'],f['start'],f['source']) for f in an['delivery']['fillers']])
print('analyze triad', json.dumps(an['structure'].get('triad') or {k:v for k,v in an['structure'].items() if 'triad' in k})[:800])
