import re,sys,json
def norm(t):
    t=t.lower(); t=re.sub(r'\[[^\]]*\]',' ',t); t=re.sub(r'\(([^)]*)\?\)',' ',t)
    t=re.sub(r"[^a-z0-9' ]",' ',t.replace('-',' ')); return t.split()
def wer(r,h):
    d=list(range(len(h)+1))
    for i in range(1,len(r)+1):
        p=d[:]; d[0]=i
        for j in range(1,len(h)+1): d[j]=min(p[j]+1,d[j-1]+1,p[j-1]+(r[i-1]!=h[j-1]))
    return d[-1]/len(r)
def box(path):
    L=open(path).read().split('\n'); s=[i for i,l in enumerate(L) if 'transcript ─' in l][0]; e=[i for i,l in enumerate(L) if 'pauses ≥' in l][0]
    return ' '.join(l.strip('│ ').strip() for l in L[s+1:e])
ref=norm(re.sub(r'\{[\d.]+\}','',open(sys.argv[1]).read()))
for p in sys.argv[2:]:
    h=norm(box(p)); print(p, 'words',len(h),'WER',round(wer(ref,h),3))
