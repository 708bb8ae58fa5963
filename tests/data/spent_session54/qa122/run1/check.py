import json, sys, re
name, path = sys.argv[1], sys.argv[2]
idx = int(sys.argv[3]) if len(sys.argv)>3 else 0
T = json.load(open('/work/evaldata54/qa122/run1/truth_all.json'))[name]
d = json.load(open(path)); a = d['answers'][idx]
dl = a['delivery']; words = a['transcript']['words']
print(f"== {name}: tool words={dl['word_count']} (transcript tokens {len(words)}) truth words={T['words']}  wpm tool={dl['wpm']:.1f} truth(all)={T['wpm_all']} truth(no fillers)={T['wpm_nofill']}  diff={100*(dl['wpm']-T['wpm_all'])/T['wpm_all']:+.1f}%")
print(f"   lead-in {dl['lead_in_s']} speech {dl['speech_start_s']}-{dl['speech_end_s']} truth {T['first']}-{T['last']}")
print("   unrecognised:", a['transcript'].get('unrecognised'), " unheard:", a.get('unheard'), " no_speech:", a.get('no_speech'))
# coverage
segs = dl['speech_segments']; ws=[(w['start'],w['end']) for w in words]
step=0.05; tot=0; cov=0; un=[]
for s in segs:
    t=s['start']
    while t < s['end']:
        tot+=1
        if any(w0-0.35 <= t <= w1+0.35 for w0,w1 in ws): cov+=1
        else: un.append(t)
        t+=step
groups=[]
for t in un:
    if groups and t-groups[-1][1] <= 0.6: groups[-1][1]=t+step; groups[-1][2]+=step
    else: groups.append([t,t+step,step])
print(f"   coverage {cov/tot:.3f}; uncovered groups (start, span, speech s) >=0.4s speech: {[(round(g[0],1),round(g[1]-g[0],1),round(g[2],1)) for g in groups if g[2]>=0.4]}")
# pauses
tp = sorted([(p['start'],p['duration']) for p in dl['pauses']], key=lambda x:-x[1])
print("   tool pauses (top):", [(round(s,2),round(x,2)) for s,x in tp[:8]], " n=",len(tp))
print("   truth gaps (top):", T['long_gaps'][:8], " n>=0.3=",T['n_gaps_ge_0_3'])
for s,g in T['long_gaps']:
    if g < 1.0: continue
    m=[p for p in dl['pauses'] if abs(p['start']-s)<1.0]
    print(f"     truth {g:.2f}s @{s:.2f} -> tool {[(round(p['start'],2),round(p['duration'],2)) for p in m]}", "OK" if m and abs(m[0]['duration']-g)<=0.2 else "MISMATCH")
# fillers
print(f"   fillers tool={dl['filler_count']} truth={T['fillers']} {T['filler_list']} eee={T['eee']}")
print("   tool filler list:", [(f['text'], round(f['start'],2), f.get('source')) for f in dl['fillers']])
FILL=re.compile(r"^(uh|um|hmm|mm+|er|ah|uhm|erm|hm)$", re.I)
tf=[(w['text'].strip(), w['start']) for w in words if FILL.match(re.sub(r'[^\w]','',w['text']))]
print("   filler tokens in transcript:", tf)
print("   feedback:")
for f in a['feedback']: print("     -", f['area'], f['severity'], f['message'][:220])
