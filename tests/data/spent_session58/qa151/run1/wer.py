import json,re,sys
from whisper.normalizers import EnglishTextNormalizer
N=EnglishTextNormalizer()
def ed(a,b):
    d=list(range(len(b)+1))
    for i in range(1,len(a)+1):
        p=d[:]; d[0]=i
        for j in range(1,len(b)+1): d[j]=min(p[j]+1,d[j-1]+1,p[j-1]+(a[i-1]!=b[j-1]))
    return d[-1]
ref=re.sub(r'<[^>]+>',' ',open(sys.argv[1]).read())
r=N(ref).split()
for p in sys.argv[2:]:
    d=json.load(open(p)); a=d['answers'][0] if 'answers' in d else d
    h=N(' '.join(w['text'] for w in a['transcript']['words'])).split()
    print(p,'ref',len(r),'hyp',len(h),'WER %.3f'%(ed(r,h)/len(r)))
    print('  fillers',[(f.get('text'),round(f['start'],2),f.get('source')) for f in a['delivery']['fillers']])
