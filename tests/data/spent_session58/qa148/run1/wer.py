import json,re,sys
def norm(s):
    s=re.sub(r'<[^>]+>',' ',s).lower().replace('-',' ')
    return re.findall(r"[a-z0-9']+",s)
def wer(r,h):
    d=list(range(len(h)+1))
    for i in range(1,len(r)+1):
        p=d[:]; d[0]=i
        for j in range(1,len(h)+1): d[j]=min(p[j]+1,d[j-1]+1,p[j-1]+(r[i-1]!=h[j-1]))
    return d[-1]/len(r)
def txt(p):
    d=json.load(open(p)); a=d['answers'][0] if 'answers' in d else d; return a['transcript']['text']
ref=norm(open(sys.argv[1]).read())
for p in sys.argv[2:]:
    h=norm(txt(p)); print(p, 'WER vs my script %.3f'%wer(ref,h), 'hyp words',len(h))
if len(sys.argv)==4:
    print('WER realtime vs analyze %.3f'%wer(norm(txt(sys.argv[3])),norm(txt(sys.argv[2]))))
