import json,glob,re,sys
def norm(s):
    s=re.sub(r'<[^>]+>',' ',s).lower().replace('-',' ')
    s=re.sub(r'\([^)]*\?\)',' ',s)  # unsure words shown in parens
    s=s.replace('100','hundred').replace('centre','center').replace('summarise','summarize')
    return re.findall(r"[a-z0-9']+",s)
def wer(r,h):
    d=list(range(len(h)+1))
    for i in range(1,len(r)+1):
        p=d[:]; d[0]=i
        for j in range(1,len(h)+1):
            d[j]=min(p[j]+1,d[j-1]+1,p[j-1]+(r[i-1]!=h[j-1]))
    return d[-1]/len(r)
ref=norm(open('/work/evaldata54/qa127/run1/in/a7.ssml').read())
rt=json.load(open(glob.glob('/tmp/qa127/rec/*llm-user-impact-1/answer-01.json')[0]))
an=json.load(open('/work/evaldata54/qa127/run1/out/a7_analyze.json'))
for name,d in [('realtime',rt),('analyze',an)]:
    ws=' '.join(w['text'] for w in d['transcript']['words'])
    print(name,'WER %.3f'%wer(ref,norm(ws)),'unrecognised',d['transcript']['unrecognised'],'nwords',len(d['transcript']['words']))
