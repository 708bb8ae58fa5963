import json, sys
truth = json.load(open('inputs/truth.json'))
k, path = sys.argv[1], sys.argv[2]
d = json.load(open(path)); t = truth[k]
dl = d['delivery']
print(f"== {k} {t['voice']} {t['rate']} {t['question']}")
print('words: truth', t['words'], 'tool', dl['word_count'], '| wpm truth', t['wpm_all_words'], 'tool', round(dl['wpm'],1), f"err {100*(dl['wpm']-t['wpm_all_words'])/t['wpm_all_words']:+.1f}%",
      '| span truth', round(t['last_speech']-t['first_speech'],2), 'tool', round(dl['speech_end_s']-dl['speech_start_s'],2), '| lead-in truth', t['first_speech'], 'tool', dl['lead_in_s'])
print('fillers truth std', t['fillers_std'], 'persona', t['persona_fillers'], '| tool count', dl['filler_count'])
for f in dl['fillers']: print('   F', f.get('text'), f.get('start'), f.get('end'), f.get('source'))
print('unrecognised', d['transcript'].get('unrecognised'), '| background_voice', dl.get('background_voice'), '| quiet', dl.get('quiet_speech'))
tg = [tuple(x) for x in t['gaps']]; tp = [(p['start'], p['duration']) for p in dl['pauses']]
print('pauses truth (start,dur):', tg)
print('pauses tool  (start,dur):', [(round(a,2), round(b,2)) for a,b in tp])
for s, du in tg:
    m = [p for p in tp if abs(p[0]-s) < 0.4]
    if not m: print(f'   MISSING truth pause {s} {du}')
    elif abs(m[0][1]-du) > 0.2: print(f'   OFF truth {s} {du} -> tool {m[0]}')
for s, du in tp:
    if not [g for g in tg if abs(g[0]-s) < 0.4]: print(f'   EXTRA tool pause {round(s,2)} {round(du,2)}')
