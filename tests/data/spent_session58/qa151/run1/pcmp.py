import json,sys
from sil import load,gaps
for n,wav,js in [('a1','a1','a1'),('a2','a2','a2'),('a3','a3','a3'),('a4','a4','a4'),('a5','a5','a5'),('a6','a6c','a6'),('a7','a7c','a7'),('a8rt','a8','a8rt'),('a8an','a8','a8an'),('a9','a9','a9')]:
    x,sr=load('/tmp/qa151/wav/%s.wav'%wav); f,l,g=gaps(x,sr,min_gap=0.3)
    d=json.load(open(js+'.json')); a=d['answers'][0] if 'answers' in d else d
    tp=[(p['start'],p['duration']) for p in a['delivery']['pauses']]
    miss=[(round(s,2),round(du,2)) for s,e,du in g if not any(abs(ts-s)<0.25 for ts,td in tp)]
    extra=[(round(ts,2),round(td,2)) for ts,td in tp if not any(abs(ts-s)<0.25 for s,e,du in g)]
    off=[(round(s,2),round(du,2),round(td,2)) for s,e,du in g for ts,td in tp if abs(ts-s)<0.25 and abs(td-du)>0.2]
    print(n,'truth',len(g),'tool',len(tp),'missed',miss,'extra',extra,'off>0.2',off)
