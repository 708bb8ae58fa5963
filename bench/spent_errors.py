"""Every judged label per spent round, and the errors of the weak labels by mechanism.

Usage:
  python bench/spent_errors.py dump OUT.jsonl [--round NAME ...] [--tuning] [--shard I/N]
  python bench/spent_errors.py report OUT.jsonl [MORE.jsonl ...] [--list LABEL ...]
  python bench/spent_errors.py compare BEFORE.jsonl AFTER.jsonl [--list] [--partial]

Material: the spent unseen rounds (`tests/data/spent_session*/round*` and `tuning_hp`, each
answers file with its `labels_<name>.toml`; never an evaluation set) and with `--tuning` the
tuning rounds of `bench/parts_rounds.py` (M1-M16 and the hold-out; in the meaning heads'
training, so in-sample). `dump` reads each answer as `bench/structure_accuracy.py`'s "by meaning"
column does (the question's kind and key points; `kind` read again without the question, as
`voice-coach analyze answer.txt`) and writes one JSON line per answer: the judged labels, what
was read, and the reading's clauses with their STAR-L labels. `report` prints per round and label
the share right, then every error of action / task / business outcome / learning / kind sorted
into ONE mechanism (the first that applies, `mechanism`), with the hand clause labels
(`clauses*.toml`) matched by word overlap. `compare` prints per round and label right answers
before -> after and (`--list`) each answer whose label moved; with `--partial` AFTER holds only
the answers a change can reach (`dump --ids`, e.g. those a new rule's pattern matches) and every
other answer counts as read alike.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

DATA = ROOT / "tests/data"
PARTS = ("situation", "task", "action", "result", "learning")
TRIAD = ("baseline", "after", "business_outcome", "complete")
JUDGED = ("kind", *(f"star.{p}" for p in PARTS), *(f"metric_triad.{t}" for t in TRIAD),
          "leadership_principles", "hypothetical")
WEAK = ("star.action", "star.task", "metric_triad.business_outcome", "star.learning", "kind")


def spent_sets() -> list[tuple[str, Path, Path]]:
    """(round, answers file, labels file) of every spent round, round named by its folder
    (`round25`, `tuning_hp`)."""
    out = []
    for folder in sorted(DATA.glob("spent_session*/*")):
        if not (folder.name.startswith("round") or folder.name == "tuning_hp"):
            continue
        if folder.name == "tuning_hp":
            out.append(("hp19", folder, folder / "labels.toml"))
            continue
        for f in sorted(folder.glob("*.toml")):
            if not f.name.startswith(("clauses", "keypoints", "labels")):
                out.append((folder.name, f, folder / f"labels_{f.name}"))
    return out


def tuning_sets() -> list[tuple[str, Path, Path | None]]:
    """(round, answers, labels or None) of the tuning rounds (in the heads' training)."""
    from parts_rounds import rounds

    return [(n, p, lab) for n, (p, lab) in rounds().items()]


def story_asked(case: Any) -> dict[str, bool]:
    """`analyze_structure`'s `story_asked` for a case, when the checkout knows it (session 26
    on; an older checkout is read as it was)."""
    import inspect

    from voice_coach.analysis.structure import analyze_structure

    known = "story_asked" in inspect.signature(analyze_structure).parameters
    return {"story_asked": getattr(case, "story_asked", True)} if known else {}


def dump(out: Path, only: list[str], tuning: bool, shard: tuple[int, int],
         ids: set[str] | None = None) -> None:
    """Read every answer of the chosen rounds; one JSON line each (see the module docstring)."""
    from structure_accuracy import load_cases

    from voice_coach.analysis.structure import analyze_structure
    from voice_coach.embedder import load_meaning_model

    model = load_meaning_model()
    sets = spent_sets() + (tuning_sets() if tuning else [])
    k, n = shard
    i = 0
    with out.open("w") as f:
        for name, path, lab in sets:
            if only and name not in only:
                continue
            for c in load_cases(path, lab):
                if ids is not None and c.id not in ids:
                    continue
                i += 1
                if i % n != k:
                    continue
                s = analyze_structure(c.text, kind=c.kind, key_points=c.key_points, model=model,
                                      method="meaning", **story_asked(c))
                d = s.to_dict()
                got: dict[str, Any] = {f"star.{p}": d["star"][p]["present"] for p in PARTS}
                got |= {f"metric_triad.{t}": d["metric_triad"][t] for t in TRIAD}
                got["leadership_principles"] = sorted(d["leadership_principles"])
                got["hypothetical"] = d["hypothetical"]
                got["kind"] = analyze_structure(c.text, model=model, method="meaning").kind
                f.write(json.dumps(dict(
                    round=name, id=c.id, text=c.text, qkind=c.kind, read_kind=s.kind,
                    want={k2: v for k2, v in c.labels.items() if k2 in JUDGED}, got=got,
                    clauses=[[cl.text, cl.label] for cl in s.clauses],
                    proba=list(s.star_proba), evidence=list(d["metric_triad"]["evidence"]))) + "\n")
                f.flush()
            print(name, file=sys.stderr, flush=True)


def load(paths: list[Path]) -> dict[tuple[str, str], dict[str, Any]]:
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for p in paths:
        for line in p.read_text().splitlines():
            r = json.loads(line)
            rows[(r["round"], r["id"])] = r
    return rows


def per_round(rows: dict[tuple[str, str], dict[str, Any]]) -> dict[str, dict[str, list[int]]]:
    """{round: {label: [right, total]}} plus the spent rounds pooled ("spent")."""
    out: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for (rnd, _), r in rows.items():
        for k, w in r["want"].items():
            for bucket in (rnd, "spent" if rnd.startswith(("round", "hp19")) else "tuning"):
                t = out[bucket][k]
                t[0] += r["got"][k] == w
                t[1] += 1
    return out


def table(rows: dict[tuple[str, str], dict[str, Any]]) -> None:
    acc = per_round(rows)
    print("| round | n | " + " | ".join(k.split(".")[-1] for k in JUDGED) + " |")
    print("|---|---|" + "---|" * len(JUDGED))
    for rnd in sorted(acc):
        n = max(t[1] for t in acc[rnd].values())
        cells = [f"{acc[rnd][k][0] / acc[rnd][k][1]:.2f}" if acc[rnd][k][1] else "–"
                 for k in JUDGED]
        print(f"| {rnd} | {n} | " + " | ".join(cells) + " |")


# --- mechanisms ------------------------------------------------------------------------------

_WORD = re.compile(r"[a-z']+")
_I = re.compile(r"\b(?:i|my|me|i'm|i've|i'd|myself)\b")
_WE = re.compile(r"\b(?:we|our|us|we're|we've|ourselves)\b")
_PRESENT = re.compile(r"\b(?:i|we|they|he|she) (?:just |then |also |basically |actually )?"
                      r"(?:go|say|take|build|write|check|find|tell|ask|make|start|put|run|see|"
                      r"look|try|call|add|change|decide|open|sit|get|give|send|push|do|"
                      r"realise|realize|propose|talk|move|pull|train|fix|use|set)\b")
_LESSON_WORD = re.compile(r"\b(?:learn|learned|learnt|lesson|taught|realised|realized|"
                          r"takeaway|next time|since then|now i|i always|i never)\b")
_MONEY = re.compile(r"(?:[$€£¥]|\b(?:dollars?|euros?|pounds?|rupiah|pesos?|cedis?|naira|"
                    r"rupees?|"
                    r"won|revenue|cost|costs|saved|saving|savings|million|thousand|profit|margin|"
                    r"gmv|sales)\b)")
_CUSTOMER = re.compile(r"\b(?:customers?|users?|clients?|merchants?|drivers?|patients?|players?|"
                       r"riders?|complaints?|churn|retention|adoption|nps|satisf\w*|trust|"
                       r"tickets?|cancell?ations?|conversion|orders?)\b")


def clause_labels() -> dict[str, list[tuple[str, str]]]:
    """Hand clause labels by answer id (spent rounds and the tuning rounds that have them)."""
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    files = [*DATA.glob("spent_session*/*/clauses*.toml"),
             *DATA.glob("structure_round_m*/clauses.toml")]
    for f in files:
        for c in tomllib.loads(f.read_text())["clause"]:
            out[c["answer"]].append((c["label"], c["text"]))
    return out


def questions_asked() -> dict[str, str]:
    """The question id each answer of every labelled round was written for."""
    out: dict[str, str] = {}
    for f in DATA.glob("**/*.toml"):
        try:
            answers = tomllib.loads(f.read_text()).get("answer")
        except (tomllib.TOMLDecodeError, UnicodeDecodeError):
            continue
        for a in answers if isinstance(answers, list) else ():
            if isinstance(a, dict) and a.get("id") and a.get("question_id"):
                out[a["id"]] = a["question_id"]
    return out


def _no_story_questions() -> set[str]:
    from voice_coach.questions import load_bank

    return {q.id for q in load_bank().questions if not getattr(q, "story", True)}


def _words(t: str) -> set[str]:
    return set(_WORD.findall(t.lower()))


def gold_clauses(answer: str, part: str, gold: dict[str, list[tuple[str, str]]]) -> list[str]:
    return [t for lab, t in gold.get(answer, []) if lab == part]


def read_clauses(r: dict[str, Any], part: str) -> list[str]:
    return [t for t, lab in r["clauses"] if lab == part]


def mechanism(r: dict[str, Any], label: str, gold: dict[str, list[tuple[str, str]]],
              unasked: bool = False) -> str:
    """One mechanism for a disagreement of `label` in answer row `r` (first that applies);
    `unasked`: the answer's question asks for no story (`Question.story` false)."""
    want, got = r["want"][label], r["got"][label]
    labels_want = r["want"]
    story = any(labels_want.get(f"star.{p}") for p in ("situation", "action", "result"))
    if unasked and label != "kind":
        return "no story asked (yourself / why Amazon / next role): " + (
            "part read" if got else "part missed")
    if label == "kind":
        return f"kind: {want} read as {got}" + ("" if story or want != "behavioral"
                                              else " (no story: intro / motive)")
    if r["got"].get("hypothetical") and not labels_want.get("hypothetical"):
        return "read as hypothetical"
    if label.startswith("star."):
        part = label.split(".")[1]
        if not want and not story:
            return "no story told (intro / motive / career) yet part read"
        if r["qkind"] in ("technical", "coding"):
            return "a technical answer's project"
        carrier = gold_clauses(r["id"], part, gold) if not got else read_clauses(r, part)
        if not carrier:
            return ("miss: no clause labelled (label from the whole)" if not got
                    else "FA: no clause read (decision)")
        text = " ".join(carrier).lower()
        side = "miss" if not got else "FA"
        if _WE.search(text) and not _I.search(text):
            return f"{side}: 'we'-only clause"
        if part in ("action", "task") and _PRESENT.search(text) and not got:
            return f"{side}: said in the present (historic present)"
        if part == "learning" and not got and not _LESSON_WORD.search(text):
            return f"{side}: lesson without 'learned/lesson' words"
        if not got:
            readas = Counter(lab for t, lab in r["clauses"]
                             if len(_words(t) & _words(text)) >= 0.5 * len(_words(t)))
            top = readas.most_common(1)[0][0] if readas else None
            return f"{side}: labelled clause read as {top}"
        glab = Counter(lab for lab, t in gold.get(r["id"], [])
                       if len(_words(t) & _words(text)) >= 0.5 * len(_words(text) or {1}))
        top = glab.most_common(1)[0][0] if glab else None
        return f"{side}: read clause labelled {top} by hand"
    # business outcome
    res = " ".join(t for t, lab in r["clauses"] if lab == "result").lower()
    if not got:
        if not res:
            return "miss: no Result clause read"
        if _MONEY.search(res):
            return "miss: money / business word in the Result, not read"
        if _CUSTOMER.search(res):
            return "miss: customer / user effect said, no money"
        if re.search(r"\d", res):
            return "miss: the metric's own change (number, no business word)"
        return "miss: an outcome in other words"
    ev = " ".join(r["evidence"]).lower()
    if not story:
        return "FA: no story told"
    return "FA: " + ("money read" if _MONEY.search(ev) else "customer word read"
                     if _CUSTOMER.search(ev) else "other evidence")


def report(paths: list[Path], listed: list[str]) -> None:
    rows = load(paths)
    table(rows)
    gold = clause_labels()
    asked, unasked = questions_asked(), _no_story_questions()
    for label in WEAK:
        by: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        for (rnd, aid), r in sorted(rows.items()):
            if label in r["want"] and r["want"][label] != r["got"][label]:
                by[mechanism(r, label, gold, asked.get(aid) in unasked)].append((rnd, aid, ""))
        spent = sum(1 for v in by.values() for x in v if x[0].startswith(("round", "hp19")))
        print(f"\n### {label}: {sum(map(len, by.values()))} errors ({spent} spent)\n")
        print("| mechanism | spent | tuning | examples |\n|---|---|---|---|")
        for m, v in sorted(by.items(), key=lambda kv: -len(kv[1])):
            s = [x for x in v if x[0].startswith(("round", "hp19"))]
            print(f"| {m} | {len(s)} | {len(v) - len(s)} | "
                  f"{', '.join(a for _, a, _ in (s or v)[:4])} |")
            if label in listed:
                for rnd, aid, _ in v:
                    r = rows[(rnd, aid)]
                    print(f"    - {rnd}/{aid}: want {r['want'][label]} got {r['got'][label]}")


def compare(before: Path, after: Path, listed: bool, partial: bool = False) -> None:
    a, b = load([before]), load([after])
    if partial:
        b = a | b
    common = {k: a[k] for k in a.keys() & b.keys()}
    ra, rb = per_round(common), per_round({k: b[k] for k in common})
    print("| round | label | before | after |\n|---|---|---|---|")
    for rnd in sorted(ra):
        for k in JUDGED:
            x, y = ra[rnd][k], rb[rnd][k]
            if x[1] and x[0] != y[0]:
                print(f"| {rnd} | {k} | {x[0]}/{x[1]} ({x[0] / x[1]:.3f}) | "
                      f"{y[0]}/{y[1]} ({y[0] / y[1]:.3f}) |")
    if listed:
        for key in sorted(common):
            for k in JUDGED:
                if k in a[key]["want"] and a[key]["got"][k] != b[key]["got"][k]:
                    fixed = b[key]["got"][k] == a[key]["want"][k]
                    print(f"- {'fixed ' if fixed else 'BROKEN'} {key[0]}/{key[1]} {k}: "
                          f"{a[key]['got'][k]} -> {b[key]['got'][k]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog=__doc__.split("\n", 2)[2])
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump", help="read every answer, one JSON line each")
    d.add_argument("out", type=Path)
    d.add_argument("--round", action="append", default=[], help="only these rounds")
    d.add_argument("--tuning", action="store_true", help="also the tuning rounds (in-sample)")
    d.add_argument("--shard", default="0/1", help="I/N: every N-th answer from the I-th")
    d.add_argument("--ids", type=Path, help="a file of answer ids, one a line: only those")
    r = sub.add_parser("report", help="per-round table and errors by mechanism")
    r.add_argument("dumps", type=Path, nargs="+")
    r.add_argument("--list", action="append", default=[], help="list every error of LABEL")
    c = sub.add_parser("compare", help="before -> after per round and label")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    c.add_argument("--list", action="store_true")
    c.add_argument("--partial", action="store_true",
                   help="AFTER holds only the answers a change can reach; the rest as BEFORE")
    args = ap.parse_args()
    if args.cmd == "dump":
        k, n = (int(x) for x in args.shard.split("/"))
        ids = set(args.ids.read_text().split()) if args.ids else None
        dump(args.out, args.round, args.tuning, (k, n), ids)
    elif args.cmd == "report":
        report(args.dumps, args.list)
    else:
        compare(args.before, args.after, args.list, args.partial)


if __name__ == "__main__":
    main()
