import json, sys
d = json.load(open(sys.argv[1]))
ans = d['answers'] if 'answers' in d else [d]
for a in ans:
    de = a['delivery']; tr = a['transcript']
    print('words', de.get('word_count'), 'wpm', de.get('wpm'), 'artic', de.get('articulation_wpm'), 'lead_in', de.get('lead_in_s'),
          'speech', de.get('speech_start_s'), de.get('speech_end_s'))
    print('pauses:', [(round(p['start'],2), round(p.get('duration', p['end']-p['start']),2)) for p in de.get('pauses', [])])
    print('longest', de.get('longest_pause_s'), 'unrecognised', tr.get('unrecognised'))
    fl = de.get('fillers', [])
    print('fillers', len(fl), de.get('fillers_per_min'))
    for f in fl: print('   ', {k: f[k] for k in f if k in ('word','start','end','source','counted','text','at_s','kind')})
    print('bg voice', de.get('background_voice'), 'quiet', de.get('quiet_speech'))
