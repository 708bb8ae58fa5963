"""compare.py AID report.json [answer_index] -> pause matching, fillers, wpm vs ground truth."""
import json, re, sys
gt = json.load(open("/work/evaldata57/qa142/run1/ground_truth.json"))[sys.argv[1]]
d = json.load(open(sys.argv[2]))
a = d["answers"][int(sys.argv[3]) if len(sys.argv) > 3 else 0] if "answers" in d else d
dl = a["delivery"]; tr = a["transcript"]
print(f"== {sys.argv[1]}  voice={gt['voice']} rate={gt['rate']} dur={gt['duration']}s")
print(f"words: gt {gt['words']} (fillers {gt['fillers']})  tool {dl['word_count']}  transcript tokens {len(tr['words'])}")
span = gt['last_speech'] - gt['first_speech']
print(f"wpm: gt all-words {gt['wpm_all_words']}, without fillers {gt['wpm_no_fillers']}  tool {dl['wpm']:.1f}  err vs no-filler {100*(dl['wpm']-gt['wpm_no_fillers'])/gt['wpm_no_fillers']:+.1f}%")
print(f"tool speech {dl['speech_start_s']}–{dl['speech_end_s']}  gt {gt['first_speech']}–{gt['last_speech']}; tool-wpm timing check: tool words/gt span = {dl['word_count']/span*60:.1f}")
print(f"unrecognised: {tr.get('unrecognised')}  quiet: {dl.get('quiet_speech')}  background: {dl.get('background_voice')}")
tp = [(p['start'], p['end'], p['duration']) for p in dl['pauses']]
used = set(); miss = []
for s, e, du in gt['gt_pauses_ge_0_3']:
    best = None
    for i, (ts, te, td) in enumerate(tp):
        if i in used: continue
        if ts < e and te > s:
            best = i; break
    if best is None: miss.append((s, e, du)); print(f"  GT pause {s:.2f}-{e:.2f} ({du:.2f}) MISSING"); continue
    used.add(best); ts, te, td = tp[best]
    flag = "" if abs(ts - s) <= 0.2 and abs(te - e) <= 0.2 else "  <-- edge off >0.2"
    print(f"  GT {s:6.2f}-{e:6.2f} ({du:.2f})  tool {ts:6.2f}-{te:6.2f} ({td:.2f})  d_start {ts-s:+.2f} d_end {te-e:+.2f}{flag}")
for i, p in enumerate(tp):
    if i not in used: print(f"  EXTRA tool pause {p}")
print(f"longest pause tool {dl['longest_pause_s']}  gt {max([g[2] for g in gt['gt_pauses_ge_0_3']] or [0])}")
fl = dl['fillers']
kinds = {}
for f in fl: kinds[f['text'].lower()] = kinds.get(f['text'].lower(), 0) + 1
print(f"fillers: gt {gt['fillers']} {gt['filler_kinds']}  tool count {dl['filler_count']} {kinds}  per_min {dl['fillers_per_min']}")
print("  tool fillers:", [(f['text'], f['start'], f.get('source')) for f in fl])
toks = [re.sub(r"[^a-z]", "", w['text'].lower()) for w in tr['words']]
print(f"  filler tokens in transcript words: {sum(t in {'uh','um','er','hmm','ah','mm'} for t in toks)}")
print("scores:", a['scores'])
print("feedback:"); [print("  ", f.get('area'), '|', f.get('message')) for f in a['feedback']]
