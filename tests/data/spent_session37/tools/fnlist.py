import json, glob, tomllib, sys, random
d = {}
for f in sys.argv[2:]: d.update(json.load(open(f)))
k = sys.argv[1]
texts = {}
for af in glob.glob("/work/main/tests/data/spent_session*/round*/*.toml"):
    if "labels_" in af: continue
    for a in tomllib.load(open(af, "rb")).get("answer", []): texts[a["id"]] = (a.get("question_id"), a.get("text", ""))
fn = sorted(i for i, v in d.items() if v["want"][k] and not v["got"][k])
random.seed(1); random.shuffle(fn)
for i in fn[:12]:
    print("==", i, texts[i][0]); print(texts[i][1][-700:].replace("\n", " "))
