"""Capture what `detect_metric_triad` is given per answer, then re-read the business outcome fast.

Usage: python bench/business_reread.py capture OUT.json [--spent] [--text REGEX]
       python bench/business_reread.py read CAPTURED.json[,MORE.json] [--list all|ID]

The business outcome by meaning is decided in `detect_metric_triad(clauses, labels, roles=True)`
from the normalised clauses and the head's clause labels. `capture` runs `analyze_structure` by
meaning once per answer labelled with `metric_triad.business_outcome` — the tuning rounds
`bench/triad_errors.rounds` lists, or with `--spent` the spent unseen rounds 18–20 and 22 under
`tests/data/spent_session18..22` — and stores those arguments (only answers whose text matches
`--text`, when given: the answers a rule change can touch). `read` calls `detect_metric_triad`
on them with the code on PYTHONPATH (run it with main's package, then with the branch's, for a
before → after of a change inside the triad's rules) and prints right answers, misses and false
alarms per round; `--list` prints each error with its clauses and labels. Never reads an
evaluation set.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

LABEL = "metric_triad.business_outcome"
SPENT = ((18, "round18", ("clinnlp", "gamedev")), (19, "round19", ("insurtech", "searchads")),
         (20, "round20", ("pharmang", "robodach")), (22, "round22", ("kenyaag", "seoulgame")))


def capture(out_path: Path, spent: bool, text: str | None) -> None:
    from structure_accuracy import load_cases
    from triad_errors import rounds

    import voice_coach.analysis.structure as st
    from voice_coach.embedder import load_meaning_model

    filt = re.compile(text, re.I) if text else None
    if spent:
        sets = []
        for sess, rnd, names in SPENT:
            r = ROOT / f"tests/data/spent_session{sess}/{rnd}"
            sets.append((f"r{sess}", [c for n in names
                                      for c in load_cases(r / f"{n}.toml", r / f"labels_{n}.toml")]))
    else:
        sets = [(n, load_cases(p)) for n, p in rounds().items()]
    calls = []
    orig = st.detect_metric_triad

    def record(clauses, labels=(), roles=False):
        got = orig(clauses, labels, roles)
        calls.append((list(clauses), list(labels), roles, got))
        return got

    st.detect_metric_triad = record
    model = load_meaning_model()
    out = json.loads(out_path.read_text()) if out_path.exists() else {}
    for name, cases in sets:
        for c in cases:
            if LABEL not in c.labels or (filt and not filt.search(c.text)) or f"{name}|{c.id}" in out:
                continue
            calls.clear()
            s = st.analyze_structure(c.text, kind=c.kind, key_points=c.key_points, model=model,
                                     method="meaning")
            hit = [x for x in calls if x[3] is s.metric_triad] or [x for x in calls if x[2]] or calls
            clauses, labels, roles, _ = hit[-1]
            out[f"{name}|{c.id}"] = {"round": name, "id": c.id, "want": c.labels[LABEL],
                                     "clauses": clauses, "labels": labels, "roles": roles,
                                     "complete": c.labels.get("metric_triad.complete")}
            if len(out) % 20 == 0:
                out_path.write_text(json.dumps(out))
    out_path.write_text(json.dumps(out))


def read(paths: str, show: str | None) -> None:
    import voice_coach.analysis.structure as st

    items = {}
    for p in paths.split(","):
        items.update(json.loads(Path(p).read_text()))
    tally = defaultdict(lambda: [0, 0, 0, 0])  # right, answers, misses, false alarms
    for key, it in sorted(items.items()):
        t = st.detect_metric_triad(it["clauses"], it["labels"], it["roles"])
        got, want = t.business_outcome, it["want"]
        row = tally[it["round"]]
        row[0] += got == want
        row[1] += 1
        row[2] += want and not got
        row[3] += got and not want
        if show and got != want and (show == "all" or show in key):
            print(f"\n### {key} {'FP' if got else 'FN'} {t.evidence}")
            for c, lab in zip(it["clauses"], it["labels"]):
                print(f"   [{lab}] {c}")
    total = [0, 0, 0, 0]
    for r, v in sorted(tally.items()):
        print(f"{r}: {v[0]}/{v[1]} = {v[0] / v[1]:.3f}  misses {v[2]}  false alarms {v[3]}")
        total = [a + b for a, b in zip(total, v)]
    print(f"pooled: {total[0]}/{total[1]} = {total[0] / total[1]:.3f}  misses {total[2]}  "
          f"false alarms {total[3]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("capture")
    c.add_argument("out", type=Path)
    c.add_argument("--spent", action="store_true", help="the spent unseen rounds 18-20 and 22")
    c.add_argument("--text", help="only answers whose text matches this regex")
    r = sub.add_parser("read")
    r.add_argument("captured")
    r.add_argument("--list", help="list the errors: all, or those whose key contains this")
    args = ap.parse_args()
    if args.cmd == "capture":
        capture(args.out, args.spent, args.text)
    else:
        read(args.captured, args.list)


if __name__ == "__main__":
    main()
