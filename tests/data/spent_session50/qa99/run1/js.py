import json,sys,glob
for f in sorted(glob.glob(sys.argv[1]+'/answer-*.json')):
    d=json.load(open(f)); dl=d['delivery']
    print(f, 'words',dl['word_count'],'wpm',dl['wpm'],'artic',dl.get('articulation_wpm'),'fillers',dl['filler_count'],'longest',dl['longest_pause_s'],'span',dl['speech_start_s'],dl['speech_end_s'])
    print('  fillers:',[(x['text'],x['start'],x['source']) for x in dl['fillers']])
    print('  unrecognised:',d['transcript'].get('unrecognised'),'bg',dl.get('background_voice'),'quiet',dl.get('quiet_speech'))
    ps=dl.get('pauses') or []
    print('  pauses>=1:',[(round(p['start'],2),round(p['duration'],2)) for p in ps if p['duration']>=1.0], 'n pauses',len(ps))
