# compare a saved answer JSON (review --export json or analyze --json) with my ground truth
import json, sys
key, path = sys.argv[1], sys.argv[2]
idx = int(sys.argv[3]) if len(sys.argv) > 3 else 0
T = json.load(open('/work/evaldata54/qa121/run1/inputs/truth.json'))[key]
d = json.load(open(path)); a = d['answers'][idx] if 'answers' in d else d
dl = a['delivery']; tr = a['transcript']
print(f"{key}: truth words {T['words']} span {T['span']} wpm {T['wpm']} | tool words {dl['word_count']} wpm {dl['wpm']} "
      f"artic {dl['articulation_wpm']} span {dl['speech_start_s']}-{dl['speech_end_s']} lead-in {dl['lead_in_s']} "
      f"fillers {dl['filler_count']} longest {dl['longest_pause_s']} unrec {tr['unrecognised']} dur {dl['duration_s']}")
print(" tool fillers:", [(f['text'], f['start'], f.get('source')) for f in dl['fillers']])
tp = [(p['start'], p['end'], p['duration']) for p in dl['pauses']]
gt = [tuple(g) for g in T['gaps_ge_0_3']]
used = set()
for g in gt:
    m = [p for p in tp if p[0] < g[1] and p[1] > g[0]]
    s = '  MISSING' if not m else ''
    for p in m: used.add(p)
    if g[2] >= 0.45 or not m or any(abs(p[2]-g[2]) > 0.2 for p in m):
        print(f"  gt {g} -> tool {m}{s}")
extra = [p for p in tp if p not in used]
print(" tool pauses with no gap in the audio:", extra)
print(f" gt gaps>=0.3: {len(gt)}  tool pauses: {len(tp)}")
print(" background_voice:", dl.get('background_voice'), " quiet_speech:", dl.get('quiet_speech'))
