import json, sys
a = json.load(open(sys.argv[1]))
if 'answers' in a: a = a['answers'][0]
d = a['delivery']; t = a['transcript']
print({k: d.get(k) for k in ('word_count', 'wpm', 'articulation_wpm', 'speech_start', 'speech_end', 'lead_in_s', 'long_pause_count', 'fillers_per_min')})
print('unrecognised', t.get('unrecognised'), 'bg', d.get('background_voice'), 'quiet', d.get('quiet_speech'))
print('fillers', [(f['text'], f['start'], f['source']) for f in d['fillers']])
print('pauses>=0.45', [(round(p['start'], 2), round(p['end'] - p['start'], 2)) for p in d['pauses'] if p['end'] - p['start'] >= 0.45])
print('feedback', [(f['area'], f['message'][:140]) for f in a['feedback']])
