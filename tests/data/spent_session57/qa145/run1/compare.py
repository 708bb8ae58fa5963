#!/usr/bin/env python3
"""compare.py GT.json REPORT.json [answer_index] -> tool vs ground truth"""
import json, sys
gt = json.load(open(sys.argv[1])); d = json.load(open(sys.argv[2]))
i = int(sys.argv[3]) if len(sys.argv) > 3 else 0
a = d["answers"][i] if "answers" in d else d
dl, tr = a["delivery"], a["transcript"]
print("duration", a["audio"]["duration_s"], "| speech", dl["speech_start_s"], "-", dl["speech_end_s"], " GT", gt["speech_first_s"], "-", gt["speech_last_s"])
print("words tool", dl["word_count"], "| transcript tokens", len(tr["words"]), "| GT all", gt["words_all"], "no-fillers", gt["words_no_fillers"])
span = dl["speech_end_s"] - dl["speech_start_s"]
print("wpm tool %.1f | GT no-fillers %.1f all %.1f | tool words/GT span %.1f | GT no-filler words / tool span %.1f" % (dl["wpm"], gt["wpm_no_fillers"], gt["wpm_all"], dl["word_count"]/gt["span_s"]*60, gt["words_no_fillers"]/span*60))
print("fillers tool", dl["filler_count"], [(f.get("word"), round(f.get("start", 0), 2), f.get("source")) for f in dl["fillers"]])
print("fillers GT", gt["fillers"], gt["filler_kinds"], "| so", gt["so"], "brah", gt["brah"])
print("unrecognised", tr["unrecognised"], "| quiet", dl.get("quiet_speech"), "| bg voice", dl.get("background_voice"))
tp = [(round(p["start"], 2), round(p["end"], 2), round(p["end"]-p["start"], 2)) for p in dl["pauses"]]
print("longest pause tool", dl["longest_pause_s"], "| long", dl["long_pause_count"], "silences", dl["silence_count"])
gs = gt["silences_ge_0.3"]
print("GT silences (start,end,len) / matched tool pause / diff")
used = set()
for s in gs:
    best = None
    for j, p in enumerate(tp):
        ov = min(s[1], p[1]) - max(s[0], p[0])
        if ov > 0 and (best is None or ov > best[0]): best = (ov, j)
    if best:
        p = tp[best[1]]; used.add(best[1])
        flag = "  <-- off >0.2" if abs(p[2]-s[2]) > 0.2 else ""
        print("  GT %6.2f-%6.2f %5.2f | tool %6.2f-%6.2f %5.2f | d %+.2f%s" % (s[0], s[1], s[2], p[0], p[1], p[2], p[2]-s[2], flag))
    else:
        print("  GT %6.2f-%6.2f %5.2f | MISSING" % tuple(s))
for j, p in enumerate(tp):
    if j not in used: print("  EXTRA tool pause", p)
