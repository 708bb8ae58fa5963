import json,re,sys
NUM={'0.6':'zero point six','4.1':'four point one','2000':'two thousand','2,000':'two thousand','11':'eleven','30':'thirty','%':'percent','mr':'mister','ok':'okay','startup':'start up','meters':'metres','ly':'li'}
def norm(s):
    s=s.lower().replace('%',' percent ').replace('mr.','mr')
    s=re.sub(r'(\d)\.(\d)',lambda m:m.group(1)+' point '+m.group(2),s)
    toks=re.findall(r"[a-z0-9']+",s.replace('-',' '))
    out=[]
    for t in toks:
        t={'0':'zero','1':'one','2':'two','3':'three','4':'four','5':'five','6':'six','11':'eleven','30':'thirty','2000':'two thousand','mr':'mister','ok':'okay','startup':'start up','meters':'metres','ly':'li'}.get(t,t)
        out+=t.split()
    return [t for t in out if t not in ('uh','um','hmm','en','like','mm')]
def wer(r,h):
    d=list(range(len(h)+1))
    for i in range(1,len(r)+1):
        p=d[:]; d[0]=i
        for j in range(1,len(h)+1):
            d[j]=min(p[j]+1,d[j-1]+1,p[j-1]+(r[i-1]!=h[j-1]))
    return d[-1]/len(r)
ref=norm(open(sys.argv[1]).read())
for f in sys.argv[2:]:
    d=json.load(open(f)); a=d['answers'][0] if 'answers' in d else d
    print(f, 'WER %.3f'%wer(ref,norm(a['transcript']['text'])), len(ref))
