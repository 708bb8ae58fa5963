"""Error analysis of the metric triad (baseline, after, business outcome, complete) over ALL
labelled tuning material, by mechanism, and a per-round before -> after of a triad change.

Usage: python bench/triad_mechanisms.py capture CACHE [--shard I/N]
       python bench/triad_mechanisms.py score CACHE [--errors] [--gold-clauses] [--json OUT]
                                                    [--before EARLIER.json]
       python bench/triad_mechanisms.py mechanisms CACHE [--show N]

`capture` runs `analyze_structure` by meaning once per answer labelled with a triad field (the
tuning rounds `bench/triad_errors.rounds` lists, and the spent unseen rounds
`tests/data/spent_session*/round*` and `tuning_hp`, each its own round; never an evaluation set)
and stores per answer (`CACHE/<sha1>.json`): its labels, the triad as `analyze_structure` gives it
(what `bench/structure_accuracy.py` scores) and as the report shows it (`facts.reconcile`), and the
story clauses with the STAR labels `detect_metric_triad` was called with.

`score` re-runs only `detect_metric_triad` on the stored story clauses with the code as it is now
(milliseconds per answer), so a change to the triad's reading is measured per round without
re-embedding. It prints right answers per round for the four fields, before -> after: the stored
run (or `--before`, the `--json` of a run of the code before a change) beside the current
code, and with `--errors` every disagreement with its evidence and the
story clauses. `--gold-clauses` replaces each story clause's head label by the hand label of the
clause it overlaps most (rounds with clause labels, `clauses*.toml`): how many errors the head's
clause labels cause rather than the triad's patterns.

`mechanisms` puts every disagreement of the stored run in one bucket by cues of its story
(`mechanism`: a relative change only, a level said with "was", "used to"/"before", a metric's own
change with no business word, a consequence in words …) and prints the counts: a first sort that
a hand reading of samples then checks (docs/structure.md, session 25).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

FIELDS = ("baseline", "after", "business_outcome", "complete")


def all_rounds() -> list[tuple[str, Path, Path | None, Path | None]]:
    """(round, answers, labels, clause labels) of every labelled tuning set."""
    from facts_tuning import spent_rounds
    from triad_errors import rounds

    out = [(name, path, None, None) for name, path in rounds().items()]
    for f, labels in spent_rounds(ROOT).values():
        folder = f.parent
        clauses = next((c for c in (folder / f"clauses_{f.name}", folder / "clauses.toml")
                        if c.exists()), None)
        out.append((folder.name if folder.name != "tuning_hp" else "hp19", f, labels, clauses))
    return out


def _key(kind: str | None, text: str) -> str:
    return hashlib.sha1(f"{kind}|{text}".encode()).hexdigest()


def _triad(t) -> dict[str, bool]:
    return {"baseline": t.baseline, "after": t.after, "business_outcome": t.business_outcome,
            "complete": t.complete}


def capture(cache: Path, shard: tuple[int, int]) -> None:
    from structure_accuracy import load_cases

    import voice_coach.analysis.structure as st
    from voice_coach.analysis.facts import reconcile
    from voice_coach.embedder import load_meaning_model

    re._MAXCACHE = 100_000  # speed only
    cache.mkdir(parents=True, exist_ok=True)
    model = load_meaning_model()
    calls: list = []
    real = st.detect_metric_triad

    def spy(clauses, labels=(), roles=False):
        out = real(clauses, labels, roles=roles)
        calls.append((list(clauses), list(labels), roles, out))
        return out

    st.detect_metric_triad = spy
    todo = []
    for name, path, labels, clause_file in all_rounds():
        for c in load_cases(path, labels):
            if any(f"metric_triad.{k}" in c.labels for k in FIELDS):
                todo.append((name, c, clause_file))
    todo = [x for n, x in enumerate(todo) if n % shard[1] == shard[0]]
    for name, c, clause_file in todo:
        out = cache / f"{_key(c.kind, c.text)}.json"
        if out.exists():
            continue
        calls.clear()
        s = st.analyze_structure(c.text, kind=c.kind, key_points=c.key_points, model=model,
                                 method="meaning")
        mine = [x for x in calls if x[2] and x[3] == s.metric_triad]
        story, labs = (mine[-1][0], mine[-1][1]) if mine else ([], [])
        out.write_text(json.dumps({
            "round": name, "id": c.id, "kind": c.kind, "read_kind": s.kind, "text": c.text,
            "clause_file": str(clause_file.relative_to(ROOT)) if clause_file else None,
            "want": {k: c.labels.get(f"metric_triad.{k}") for k in FIELDS},
            "bench": _triad(s.metric_triad),
            "report": _triad(reconcile(s, kind=c.kind or s.kind).metric_triad),
            "evidence": list(s.metric_triad.evidence), "found": bool(mine),
            "story": story, "labels": labs,
        }))


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))


_HAND: dict[str, dict[str, list[tuple[str, str]]]] = {}


def hand_clauses(clause_file: str) -> dict[str, list[tuple[str, str]]]:
    if clause_file not in _HAND:
        with (ROOT / clause_file).open("rb") as f:
            data = tomllib.load(f)
        by: dict[str, list[tuple[str, str]]] = {}
        for c in data.get("clause", []):
            by.setdefault(c["answer"], []).append((c["text"], c["label"]))
        _HAND[clause_file] = by
    return _HAND[clause_file]


def gold_labels(rec: dict) -> list[str | None] | None:
    """The hand label of the hand clause each story clause overlaps most, or None."""
    if not rec.get("clause_file"):
        return None
    hand = hand_clauses(rec["clause_file"]).get(rec["id"])
    if not hand:
        return None
    out = []
    for c, lab in zip(rec["story"], rec["labels"]):
        w = _words(c)
        best = max(hand, key=lambda h: len(w & _words(h[0])) / (len(w) or 1))
        gold = best[1] if best[1] in ("situation", "task", "action", "result", "learning") \
            else lab if lab == "hypothetical" else None
        out.append(gold)
    return out


def score(cache: Path, errors: bool, gold: bool, dump: Path | None,
          before: Path | None = None) -> None:
    import voice_coach.analysis.structure as st

    recs = [json.loads(p.read_text()) for p in sorted(cache.glob("*.json"))]
    then = {(r["round"], r["id"]): r["after"] for r in json.loads(before.read_text())} \
        if before else {}
    rounds: dict[str, dict] = {}
    pooled = {f: [0, 0, 0] for f in FIELDS}
    rows = []
    for r in sorted(recs, key=lambda r: (r["round"], r["id"])):
        labels = r["labels"]
        if gold:
            g = gold_labels(r)
            if g is not None:
                labels = g
        now = st.detect_metric_triad(r["story"], labels, roles=True) if r["story"] else None
        got = _triad(now) if now is not None else {k: False for k in FIELDS}
        if not r["found"]:
            got = dict(r["bench"])  # the triad was not read from a story (stays as stored)
        tally = rounds.setdefault(r["round"], {f: [0, 0, 0] for f in FIELDS})
        was = then.get((r["round"], r["id"]), r["bench"])
        for f in FIELDS:
            want = r["want"].get(f)
            if want is None:
                continue
            for t in (tally[f], pooled[f]):
                t[2] += 1
                t[0] += was[f] == want
                t[1] += got[f] == want
            if errors and f != "complete" and got[f] != want:
                print(f"{r['round']} {r['id']} {f} {'FP' if got[f] else 'FN'} "
                      f"(before {'ok' if was[f] == want else 'wrong'}) "
                      f"evidence={list(now.evidence) if now else r['evidence']}")
                for c, lab in zip(r["story"], labels):
                    print(f"    [{lab}] {c}")
        rows.append({"round": r["round"], "id": r["id"], "want": r["want"], "before": was,
                     "after": got})
    print("\n| round | n | " + " | ".join(FIELDS) + " |")
    print("|---|---|" + "---|" * len(FIELDS))
    for name, tally in [*sorted(rounds.items()), ("pooled", pooled)]:
        cells = [f"{b}->{a}/{n}" for b, a, n in (tally[f] for f in FIELDS)]
        print(f"| {name} | {tally['baseline'][2]} | " + " | ".join(cells) + " |")
    if dump:
        dump.write_text(json.dumps(rows))


# --- mechanisms: each disagreement of the stored run put in one bucket by cues of its story ---
_NUM = re.compile(r"\d|\bhalf\b|\bhalved\b|\bdoubled?\b|\btwice\b|\bthird\b|\bquarter\b")
_REL = re.compile(r"\b(?:half|halved|doubled?|twice|a third|a quarter|\d+(?:\.\d+)? ?(?:x|times)\b"
                  r"|by (?:about |around |roughly |some(?:thing)? |like )*\d"
                  r"|\d+(?:\.\d+)? ?(?:%|percent|points?|bips|basis points) "
                  r"(?:fewer|less|lower|higher|more|better|worse|up|down|"
                  r"drop|reduction|improvement|increase|decrease|lift|uplift)|(?:up|down) "
                  r"(?:about |around |roughly )?\d)")
_TAGGED = re.compile(r"\bused to\b[^.]*\d|\d[^.]{0,40}\bbefore\b|\bbefore\b[^.]{0,40}\d"
                     r"|\bwhen we started\b|\bat the start\b|\boriginally\b|\bback then\b")
_WAS = re.compile(r"\b(?:was|were|had|is|at|sitting at|around)\b (?:\S+ ){0,4}?\d")
_PAST_LEVEL = re.compile(r"\b(?:was|were)\b (?:\S+ ){0,3}?(?:\d|less than|under|below|above|over)")
_BIZ = re.compile(r"\b(?:revenue|cost|costs|saving|saved|save|money|customers?|users?|complain\w*|"
                  r"tickets?|churn|retention|conversion|sales|gmv|margin|profit|budget|contract|"
                  r"renew\w*|clients?|patients?|farmers?|players?|sellers?|buyers?|agents?|"
                  r"doctors?|"
                  r"nurses?|teachers?|hours?|days?|weeks?|minutes?)\b|[$€£]")
_MODEL = re.compile(r"\b(?:auc|f1|precision|recall|accuracy|map|ndcg|bleu|wer|loss|perplexity|"
                    r"kappa|"
                    r"latency|p ?9[59]|p ?50|throughput|error rate|false positives?)\b")


def mechanism(r: dict, f: str, side: str) -> str:
    """The bucket of one disagreement (field `f`, `side` "FP" or "FN"), by cues of the story."""
    story, labels, got = r["story"], r["labels"], r["bench"]
    text = " ".join(story)
    results = [c for c, lab in zip(story, labels) if lab == "result"]
    if not _NUM.search(text):
        return "no number in the story (label noise, or number words unread)"
    if f == "baseline" and side == "FN":
        if _TAGGED.search(text):
            return 'baseline tagged ("used to", "before", "when we started")'
        if not got["after"] and not _REL.search(text):
            return "no after read either (the pair unread, or label noise)"
        if _REL.search(text):
            return 'relative change only ("halved", "by 40%", "3x")'
        if _WAS.search(text):
            return 'level said as "was/is/at X", not tied to the after'
        return "other"
    if f == "baseline":
        if r["want"]["after"] is False and got["after"]:
            return "a pair read where the labels see none (setting, scale, plan, problem)"
        return "a level read as the baseline, the labels disagree"
    if f == "after" and side == "FN":
        if _REL.search(text):
            return 'relative change only ("halved", "by 40%", "3x", "up 2 points")'
        if any(_PAST_LEVEL.search(c) for c in results):
            return 'level said in the past in a Result clause ("it was 0.83")'
        if _PAST_LEVEL.search(text):
            return "level said in the past outside a Result clause"
        return "other"
    if f == "after":
        return "a number read as the after, the labels disagree (setting, scale, problem, plan)"
    if side == "FN":
        if got["after"] and not any(_BIZ.search(c) for c in results):
            return "the metric's own change, no business word (user-facing metric?)"
        if got["after"]:
            return "a business word beside a metric change, not read as the outcome"
        if not any(ch.isdigit() for ch in " ".join(results)):
            return "a consequence in words, no number"
        return "a business consequence with a number, no before/after"
    if _MODEL.search(text):
        return "a model or system metric read as the outcome"
    return "other false alarm"


def mechanisms(cache: Path, show: int) -> None:
    """Count the stored run's disagreements per field, side and mechanism (`mechanism`)."""
    import collections

    recs = [json.loads(p.read_text()) for p in sorted(cache.glob("*.json"))]
    count: collections.Counter = collections.Counter()
    ex: dict = collections.defaultdict(list)
    for r in recs:
        for f in FIELDS[:3]:
            want = r["want"][f]
            if want is None or r["bench"][f] == want:
                continue
            side = "FP" if r["bench"][f] else "FN"
            key = (f, side, mechanism(r, f, side))
            count[key] += 1
            ex[key].append(f"{r['round']}/{r['id']}")
    print("| field | side | mechanism | answers | e.g. |")
    print("|---|---|---|---|---|")
    for (f, side, m), n in sorted(count.items(), key=lambda x: (x[0][0], x[0][1], -x[1])):
        print(f"| {f} | {side} | {m} | {n} | {', '.join(ex[(f, side, m)][:show])} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("capture")
    c.add_argument("cache", type=Path)
    c.add_argument("--shard", default="0/1")
    s = sub.add_parser("score")
    s.add_argument("cache", type=Path)
    s.add_argument("--errors", action="store_true")
    s.add_argument("--gold-clauses", action="store_true")
    s.add_argument("--json", type=Path, help="write each answer's triad here")
    s.add_argument("--before", type=Path, help="a --json of an earlier run: the before column")
    k = sub.add_parser("mechanisms")
    k.add_argument("cache", type=Path)
    k.add_argument("--show", type=int, default=2, help="example answers per bucket")
    args = ap.parse_args()
    if args.cmd == "capture":
        i, n = (int(x) for x in args.shard.split("/"))
        capture(args.cache, (i, n))
    elif args.cmd == "mechanisms":
        mechanisms(args.cache, args.show)
    else:
        score(args.cache, args.errors, args.gold_clauses, args.json, args.before)


if __name__ == "__main__":
    main()
