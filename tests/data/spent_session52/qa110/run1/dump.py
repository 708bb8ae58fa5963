import json, sys
d=json.load(open(sys.argv[1]))
dl=d['delivery']
print({k:dl[k] for k in dl if not isinstance(dl[k],(list,dict))})
print('pauses>=0.3', [(round(p['start'],2), round(p['duration'],2)) for p in dl['pauses'] if p['duration']>=0.3])
print('fillers', [(f.get('text') or f.get('word') or f.get('token'), round(f.get('start',0),2), f.get('source')) for f in dl['fillers']])
print('unrec', d['transcript'].get('unrecognised'))
for k in ('background_voice','quiet_speech'):
    print(k, dl.get(k))
print('text:', d['transcript']['text'])
