import re,sys,collections
F={'uh','um','ah','hmm','er','mm'}
for p in sys.argv[1:]:
    t=open(p).read(); t=re.sub(r'<[^>]+>',' ',t)
    toks=re.findall(r"[A-Za-z0-9']+(?:-[A-Za-z0-9']+)*",t)
    fill=[w.lower() for w in toks if w.lower() in F]
    print(p,'words',len(toks),'non-filler',len(toks)-len(fill),'fillers',len(fill),dict(collections.Counter(fill)),'eh',sum(w.lower()=='eh' for w in toks))
