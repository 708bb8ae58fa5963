import json,collections,sys
sh=json.load(open('/tmp/mcv/shipped.json')); g=json.load(open(sys.argv[1]))
g0=[r.strip() for r in open('/tmp/mcv/g2.log').read().split('spent_group0:')[1].split('\n')[0].split(',')]
g1=[r.strip() for r in open('/tmp/mcv/g2.log').read().split('spent_group1:')[1].split('\n')[0].split(',')]
groups={'spent_group0':g0,'spent_group1':g1}
def agg(d, rounds=None):
    t=collections.defaultdict(lambda:[0,0])
    for k,v in d.items():
        if rounds is not None and k.split(':')[0] not in rounds: continue
        for lab,(r,n,*_) in v['meaning'].items(): t[lab][0]+=r; t[lab][1]+=n
    return t
tot=collections.defaultdict(lambda:[0,0,0])
for gname in g:
    G=agg({gname:g[gname]}); S=agg(sh, set(groups[gname]))
    for lab in G:
        tot[lab][0]+=S[lab][0]; tot[lab][1]+=G[lab][0]; tot[lab][2]+=G[lab][1]
for lab,(s,gg,n) in tot.items(): print(f"{lab:32s} shipped {s}  new {gg} /{n}  diff {gg-s:+d}")
