"""Lead's tool: story grouping P/R on one unseen set with the shipped options.
    PYTHONPATH=CODE python stories.py SETFOLDER"""
import sys
from pathlib import Path
sys.path.insert(0, "bench")
from stories_grouping import GroupingOptions, group, load_set, pairwise  # noqa: E402

data = load_set(Path(sys.argv[1]))
pred = group(data, GroupingOptions())
p, r, tp, npred, ntrue = pairwise(pred, data.truth)
print(f"tellings {len(data.texts)} stories {len(set(data.truth))} groups {len(set(pred))} "
      f"P {p:.3f} ({tp}/{npred}) R {r:.3f} ({tp}/{ntrue})")
groups = {}
for i, g in enumerate(pred):
    groups.setdefault(g, []).append(i)
for g, ix in groups.items():
    truths = sorted({data.truth[i] for i in ix})
    if len(truths) > 1:
        print("merged:", truths)
