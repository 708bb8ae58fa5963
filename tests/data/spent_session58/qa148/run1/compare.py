import json,sys,re
truth=json.load(open('inputs/truth.json'))
def cmp(name,path,idx=0):
    t=truth[name]; d=json.load(open(path)); a=d['answers'][idx] if 'answers' in d else d
    dl=a['delivery']; tr=a['transcript']
    print(f'== {name}  ({path})')
    print(f" words tool {dl['word_count']} / truth {t['words']} (no fillers {t['words_nofill']})")
    print(f" wpm tool {dl['wpm']} artic {dl['articulation_wpm']} / truth {t['wpm']} (no fillers {t['wpm_nofill']})  speech {dl['speech_start_s']}-{dl['speech_end_s']} vs {t['speech_start']}-{t['speech_end']}")
    print(f" fillers tool {dl['filler_count']}: {' '.join(f['text']+'@'+str(f['start'])+('A' if f.get('source')=='acoustic' else '') for f in dl['fillers'])}")
    print(f"   truth {t['fillers']}: {t['filler_list']}")
    fw=[w for w in tr['words'] if re.sub(r'[^a-z]','',w.get('word',w.get('text','')).lower()) in ('uh','um','ah','hmm','er','mm','hm','uhm')]
    print(f"   filler-like words in transcript words: {len(fw)}")
    print(f" unrecognised: {tr['unrecognised']}  quiet {dl.get('quiet_speech')} bg {dl.get('background_voice')}")
    tp=t['gaps']; dp=[(p['start'],p['end'],p['duration']) for p in dl['pauses']]
    used=set()
    for g in sorted(tp,key=lambda z:-z[2]):
        m=[(i,p) for i,p in enumerate(dp) if i not in used and p[0]<g[1] and p[1]>g[0]]
        if m:
            i,p=max(m,key=lambda z:z[1][2]); used.add(i); flag='' if abs(p[2]-g[2])<=0.2 else '  <-- OFF'
            print(f"   gap {g} -> {p}{flag}")
        else: print(f"   gap {g} -> MISSING{'  <--' if g[2]>=0.5 else ''}")
    for i,p in enumerate(dp):
        if i not in used: print(f"   EXTRA tool pause {p}")
    print(' longest_pause', dl['longest_pause_s'], 'long_pause_count', dl['long_pause_count'],'silence_count',dl['silence_count'],'lead_in',dl['lead_in_s'])
    print(' timings', a.get('timings'))
    print(' feedback:'); [print('   ',f['area'],f['severity'],f.get('at_s'),f['message'][:300]) for f in a['feedback']]
if __name__=='__main__':
    cmp(sys.argv[1],sys.argv[2],int(sys.argv[3]) if len(sys.argv)>3 else 0)
