import json,sys
d=json.load(open(sys.argv[1]))
for a in d['answers']:
    t=a['transcript']; dl=a['delivery']
    print('keys transcript',list(t.keys()))
    print('keys delivery',[k for k in dl.keys()])
    print('unrecognised',t.get('unrecognised'))
    print('fillers',[(f.get('text') or f.get('word'),round(f.get('start',0),2),f.get('source'),f.get('counted',None)) for f in dl['fillers']])
    ps=sorted(dl['pauses'],key=lambda p:-p.get('duration',0))
    print('pauses',[(round(p['start'],2),round(p['duration'],2)) for p in ps[:6]])
    for k in ['wpm','articulation_wpm','word_count','words','lead_in_s','duration_s','filler_count','fillers_per_min','warnings','coverage','word_coverage']:
        if k in dl: print(k,dl[k] if not isinstance(dl[k],list) else len(dl[k]))
    for k in t:
        if k not in ('words','text'): print('transcript.',k,t[k])
