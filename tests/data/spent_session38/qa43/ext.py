import re,sys
for f in sys.argv[1:]:
    lines=open(f).read().splitlines()
    out=[];on=False
    for l in lines:
        if '─ transcript ─' in l: on=True; continue
        if on and l.startswith('╰'): break
        if on: out.append(l.strip('│ ').rstrip())
    t=' '.join(out)
    t=re.sub(r'\[[^\]]*\]','',t); t=re.sub(r'\s+',' ',t).strip()
    open(f.replace('out_','w_'),'w').write(t+'\n')
