import json,sys,wave,numpy as np
j,wav=sys.argv[1],sys.argv[2]
d=json.load(open(j))
for a in d['answers']:
    dl=a['delivery']
    print('wpm',dl['wpm'],'words',dl['word_count'],'span',dl['speech_start_s'],dl['speech_end_s'],'lead',dl['lead_in_s'],'fillers',dl['filler_count'],'longest',dl['longest_pause_s'])
    ps=sorted(dl['pauses'],key=lambda p:-(p.get('duration') or p.get('duration_s') or 0))[:6]
    print('top pauses',ps[:6])
    print('unrecognised',a['transcript'].get('unrecognised'),'unheard',a.get('unheard'),'no_speech',a.get('no_speech'),'bg',dl.get('background_voice'))
    print('fillers',[(f['text'],f['start'],f['source']) for f in dl['fillers']])
    w=wave.open(wav);sr=w.getframerate();x=np.frombuffer(w.readframes(w.getnframes()),np.int16).astype(float)
    hop=sr//100;fr=x[:len(x)//hop*hop].reshape(-1,hop);e=np.abs(fr).max(1)>300
    for f in dl['fillers']:
        i0=int(f['start']*100); i1=int(f['end']*100)
        # find burst containing start
        s=i0
        while s>0 and e[s-1]: s-=1
        t=i1
        while t<len(e) and e[t]: t+=1
        print('  %s %.2f-%.2f  audio burst %.2f-%.2f (%.2fs)'%(f['text'],f['start'],f['end'],s/100,t/100,(t-s)/100), 'speech' if e[i0:i1+1].any() else 'SILENT')
    print('feedback:'); [print('  ',x) for x in a['feedback']]
