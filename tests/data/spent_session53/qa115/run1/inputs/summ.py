import json,sys
d=json.load(open(sys.argv[1]))
a=d['answers'][int(sys.argv[2]) if len(sys.argv)>2 else 0] if 'answers' in d else d
t=a['transcript']; dl=a['delivery']
print('unrecognised',t.get('unrecognised'))
print('words',dl['word_count'],'wpm',dl['wpm'],'artic',dl['articulation_wpm'],'start',dl['speech_start_s'],'end',dl['speech_end_s'],'leadin',dl['lead_in_s'],'dur',dl['duration_s'])
ws=t['words']; print('n transcript words',len(ws))
ps=dl['pauses']
print('pauses>=0.45', [(p['start'],p['duration']) for p in ps if p['duration']>=0.45])
print('n pauses',len(ps),'long',dl['long_pause_count'],'sil',dl['silence_count'],'longest',dl['longest_pause_s'])
fl=dl['fillers']
print('fillers',dl['filler_count'],len(fl),dl['fillers_per_min'],[(f['text'],round(f['start'],1),f['source']) for f in fl])
print('quiet',dl['quiet_speech'],'bg',dl['background_voice'])
for f in a['feedback']: print(' FB',f['area'],f.get('at_s'),f['message'][:220])
print('scores',a['scores'])
