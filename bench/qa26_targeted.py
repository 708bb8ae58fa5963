"""Targeted before/after for QA26 F1 (session 22): only the tuning-round answers (never an evaluation
set) whose words say a number right after "after" (the QA26 F1 mechanism), analysed by meaning and reconciled; writes their labels,
triad values (bench and report view) and slots to OUT.json, to diff two checkouts.

    python bench/qa26_targeted.py CODE_ROOT OUT.json   # e.g. a `git archive` of main, then .
"""
import json, re, sys
from pathlib import Path
code = Path(sys.argv[1]); out = sys.argv[2]
sys.path[:0] = [str(code), str(code / "bench")]
from facts_tuning import tuning_rounds
from structure_accuracy import TRIAD, load_cases
from voice_coach.analysis.facts import reconcile
from voice_coach.analysis.structure import analyze_structure
from voice_coach.embedder import load_meaning_model
RX = re.compile(r"\bafter (?:about |around |roughly |just |only |like )?(?:\d|one|two|three|four|five|six|"
                r"seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety)\b", re.I)
rounds = tuning_rounds(code)
model = load_meaning_model()
res = {}
for name, path in rounds.items():
    for c in load_cases(path):
        if not RX.search(c.text):
            continue
        s = analyze_structure(c.text, kind=c.kind, key_points=c.key_points, model=model, method="meaning")
        r = reconcile(s, kind=c.kind or s.kind)
        res[f"{name}/{c.id}"] = {"labels": [c.labels.get(f"metric_triad.{k}") for k in TRIAD],
                                 "bench": [getattr(s.metric_triad, k) for k in TRIAD],
                                 "report": [getattr(r.metric_triad, k) for k in TRIAD],
                                 "slots": list(r.metric_triad.slots)}
json.dump(res, open(out, "w"), indent=0)
print(len(res))
