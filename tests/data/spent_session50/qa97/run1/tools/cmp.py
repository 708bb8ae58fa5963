"""Compare a tool report (answer JSON: analyze --json or review --export json) with my ground truth."""
import json, sys
aid, path = sys.argv[1], sys.argv[2]
T = json.load(open("/work/evaldata50/qa97/run1/truth.json"))[aid]
d = json.load(open(path))
a = d["answers"][int(sys.argv[3]) if len(sys.argv) > 3 else 0] if "answers" in d else d
a = a.get("report", a) if isinstance(a.get("report"), dict) else a
tr, de = a["transcript"], a["delivery"]
print("keys delivery:", sorted(de.keys()))
print("unrecognised:", tr.get("unrecognised"))
ws = tr["words"]; print("n words in transcript.words:", len(ws), " delivery.word_count:", de.get("word_count"), " wpm:", de.get("wpm"), " artic:", de.get("articulation_wpm"))
print("speech start/end:", de.get("speech_start_s"), de.get("speech_end_s"), " truth:", T["speech_start"], T["speech_end"])
span = de["speech_end_s"] - de["speech_start_s"]
print(f"truth words {T['words']} (no fillers {T['words_no_fillers']}), truth wpm {T['wpm_all']} / no-fillers {T['wpm_no_fillers']}; tool wc/span*60 = {de.get('word_count',0)/span*60:.1f}")
print("fillers (count, per_min):", de.get("filler_count"), de.get("fillers_per_min"), " truth:", T["fillers"], T["filler_list"])
for f in de.get("fillers", []): print("   filler", f)
P = de.get("pauses", [])
print("tool pauses:", len(P))
tp = T["pauses"]
used = set()
for p in P:
    s, e = p.get("start"), p.get("end"); dur = p.get("duration", e - s)
    best = min(tp, key=lambda t: abs(t[0] - s) + abs(t[1] - e)) if tp else None
    tag = ""
    if best and abs(best[0] - s) < 0.6 and abs(best[1] - e) < 0.6:
        used.add(tuple(best)); err = dur - best[2]
        tag = f"truth {best[0]:.2f}-{best[1]:.2f} {best[2]:.2f}s  err {err:+.2f}" + ("  <-- >0.2" if abs(err) > 0.2 else "")
    else: tag = "NO TRUTH PAUSE  <-- extra"
    print(f"   {s:7.2f}-{e:7.2f} {dur:5.2f}s  {tag}")
for t in tp:
    if tuple(t) not in used: print("   MISSED truth pause", t)
print("longest_pause:", de.get("longest_pause_s"))
