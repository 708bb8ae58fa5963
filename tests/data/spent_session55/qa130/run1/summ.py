import json,sys
d=json.load(open(sys.argv[1])); 
for a in d['answers']:
    dl=a['delivery']
    segs=dl['speech_segments']; gaps=[(round(segs[i]['end'],2),round(segs[i+1]['start']-segs[i]['end'],2)) for i in range(len(segs)-1)]
    print('words',dl['word_count'],'wpm',round(dl['wpm'],1),'art',round(dl['articulation_wpm'],1),'fillers',dl['filler_count'],'start',dl['speech_start_s'],'end',dl['speech_end_s'],'longest',dl['longest_pause_s'],'long#',dl['long_pause_count'])
    print('fillers:',[(f['text'],f['start'],f['source']) for f in dl['fillers']])
    print('gaps>=0.3:',len([g for g in gaps if g[1]>=0.3]),'top:',sorted(gaps,key=lambda g:-g[1])[:6])
    print('bg',dl.get('background_voice'),'quiet',dl.get('quiet_speech'))
    print('unheard',json.dumps(a.get('unheard'))[:600],'no_speech',a.get('no_speech'))
    for k in dl:
        if k not in ('speech_segments','fillers','releases','onsets','pace_timeline','pauses'): pass
    print('delivery keys',[k for k in dl.keys()])
