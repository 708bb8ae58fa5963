"""Task and Action errors by mechanism over every labelled round, from `task_errors.py` dumps.

Usage:
  python bench/task_errors.py dump T.jsonl                       # the tuning rounds (in-sample)
  python bench/task_errors.py dump S.jsonl --spent --no-tuning   # spent rounds 18-24 (unseen)
  python bench/star_errors.py report T.jsonl S.jsonl [--part task --part action] [--list] [--levers]
  python bench/star_errors.py event T.jsonl S.jsonl [--c 0.1] [--limit 0.5] [--choose] [--list]

Each answer's reading is replayed from the dump as the run time makes it (a part is present when
the gate found it and the answer-level decision keeps it from 0.5 or a clause is sure of it,
`structure.sure_parts`), and each disagreement with the answer label is given ONE mechanism, the
first that applies in this order (a miss: labelled present, read absent; a false alarm: the
other way round):

- `hypothetical`: the answer was read as a hypothetical telling (no part at all), or the
  labelled clause of the part says what the speaker would / usually does;
- `no story told`: a false alarm in an answer whose labels carry no Situation, Action nor Result
  (introductions, career motives, "why this company");
- `no clause labelled`: the answer label says present but no clause of the answer is labelled
  with the part (task implied by the question or the story as a whole) — or absent while a
  clause is labelled with it (the two label files disagree): label noise either way;
- `a technical answer's project`: the answer is read as technical or coding, where a clause
  tells a story part only in narrative form — a project cited in passing ("we did exactly this
  for our support bot") is labelled with its parts, or read with parts it is not labelled with;
- `we, not I`: the clause that carries the part (the labelled one for a miss, the one the
  reading found it in for a false alarm) says "we / our / us" and no "I / my / me";
- `someone else's`: the carrying clause names another person or team as the subject
  ("my manager asked", "the client wanted", "they …") and no "I / my / me";
- `goal as a problem / set-up` (Task) or `step as a finding / state` (Action): a miss whose
  labelled clause the clause head reads as Situation or Result; a false alarm whose carrying
  clause is labelled Situation or Result;
- `task vs action boundary`: a miss whose labelled clause the head reads as the other of the two;
  a false alarm whose carrying clause is labelled as the other;
- `decision dropped it`: a miss the gate found (a clause carries it, the limits kept it) but the
  answer-level decision dropped (p < 0.5, no sure clause);
- `other`: the rest (the head reads the labelled clause as other / learning, under its limit).

`--levers` replays the decision threshold and the sure probability of each part, chosen
leave-one-round-out. `event` measures a learned answer-level "no specific event told" head (a
logistic regression over the whole answer's evidence, every part's `STAR_EVIDENCE`, fitted on
the answers whose labels carry no Situation, Task, Action nor Result): each round read by a head
fitted on all the other rounds, every part present only when the head is under its limit;
`--choose` picks C and the limit per held-out round on the other rounds (nested LORO). Measured
in session 25, not shipped (docs/structure.md).

Clause labels are matched to the reading's clauses by word overlap (the labellers split the
answers themselves). The tuning rounds are in the shipped heads' training (in-sample clause
probabilities); the spent rounds are not.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import clause_labels, overlap  # noqa: E402

DATA = ROOT / "tests/data"
PARTS = ("situation", "task", "action", "result", "learning")
I_WORDS = re.compile(r"\b(?:i|i'm|i've|i'd|i'll|me|my|myself|mine)\b")
WE_WORDS = re.compile(r"\b(?:we|we're|we've|we'd|we'll|our|ours|us|ourselves)\b")
OTHERS = re.compile(r"\b(?:he|she|they|them|his|her|their|manager|boss|lead|director|vp|ceo|cto|"
                    r"client|customer|customers|stakeholder|stakeholders|team|product|pm|head|"
                    r"someone|somebody|people|everyone|nobody)\b")
WOULD = re.compile(r"\b(?:would|i'd|we'd|usually|normally|typically|generally|tend to|always)\b")
SPENT_CLAUSES = ("spent_session18/round18", "spent_session19/round19", "spent_session19/tuning_hp",
                 "spent_session20/round20", "spent_session22/round22", "spent_session23/round23",
                 "spent_session24/round24")


STORY = ("situation", "task", "action", "result")


def asked(r: dict) -> bool:
    """The answer the no-event head would be asked about: behavioural, no hypothetical telling."""
    return r["kind"] == "behavioral" and not r["hypothetical"] and bool(r["evidence"])


def no_event(r: dict) -> bool:
    """The labels give the answer no Situation, Task, Action nor Result."""
    return not any(r["labels"][p] for p in STORY)


def fit(rows: list[dict], c: float = 0.1):
    """A no-event head fitted on `rows`: a logistic regression (L2, `c`) over the answer's whole
    evidence (`structure.star_evidence`, every part, flattened), standardised; returns
    P(no event told) as a function of one answer's evidence."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    rows = [r for r in rows if asked(r) and all(r["labels"][p] is not None for p in STORY)]
    x = np.array([np.ravel(r["evidence"]) for r in rows], np.float64)
    y = np.array([no_event(r) for r in rows])
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    lr = LogisticRegression(C=c, max_iter=5000).fit((x - mean) / scale, y)
    w, b = lr.coef_[0], float(lr.intercept_[0])
    return lambda ev: float(1.0 / (1.0 + np.exp(-(((np.ravel(ev) - mean) / scale) @ w + b))))


def question_ids() -> dict[str, str]:
    """Answer id → its question id (empty when the answer has none), tuning and spent rounds."""
    files = [*DATA.glob("structure_round_m*/**/*.toml"), DATA / "structure_holdout.toml"]
    for d in SPENT_CLAUSES:
        files += [*(DATA / d).glob("*.toml")]
    out: dict[str, str] = {}
    for f in files:
        try:
            data = tomllib.loads(f.read_text())
        except (tomllib.TOMLDecodeError, UnicodeDecodeError):
            continue
        for a in [*data.get("answer", []), *data.get("case", [])]:
            if isinstance(a, dict) and "id" in a and (a.get("question_id") or a["id"] not in out):
                out[a["id"]] = a.get("question_id") or ""  # a key-point file has no question_id
    return out


def sure(r: dict, part: str, s: float) -> bool:
    """A clause of the answer is sure of `part` from clause probability `s`."""
    cl = r["clauses"]
    if r["kind"] != "behavioral" or r["hypothetical"] or not cl["labels"]:
        return False
    j = r["heads"].index(part)
    return any(lab == part and part in ps and pr[j] >= s
               for lab, ps, pr in zip(cl["labels"], cl["parts"], r["proba"]))


def said(r: dict, part: str, t: float = 0.5, s: float | None = None) -> bool:
    """The part present as the run time reads it, replayed from the dump: the gate found it and
    the decision keeps it from `t`, or a clause is sure of it (from `s`; None: as shipped)."""
    k = PARTS.index(part)
    if not r["gate"][part]:
        return False
    if r["p"] is None or r["p"][k] >= t:
        return True
    return part in r["sure"] if s is None else sure(r, part, s)


def owner(text: str) -> str:
    t = text.lower()
    if I_WORDS.search(t):
        return "I"
    if WE_WORDS.search(t):
        return "we"
    if OTHERS.search(t):
        return "others"
    return "none"


def shared_bucket(r: dict, part: str, text: str, read_as: str) -> str | None:
    """The mechanism a miss and a false alarm share, from the clause `text` the error rests on
    and what that clause is read as (`read_as`: the head's top part for a miss, the hand clause
    label for a false alarm); None when none applies."""
    if WOULD.search(text.lower()) and read_as == "hypothetical":
        return "hypothetical"
    if r["kind"] in ("technical", "coding"):
        return "a technical answer's project"
    who = owner(text)
    if who in ("we", "others"):
        return "we, not I" if who == "we" else "someone else's"
    if read_as in ("situation", "result"):
        return "goal as a problem / set-up" if part == "task" else "step as a finding / state"
    if read_as == {"task": "action", "action": "task"}.get(part):
        return "task vs action boundary"
    return None


def mechanism(r: dict, part: str, clab: dict[str, list[tuple[str, str]]]) -> tuple[str, str]:
    """(mechanism, the clause it rests on) of one error of `part` (see the module docstring)."""
    want = r["labels"][part]
    mine = clab.get(r["id"], [])
    labelled_story = any(r["labels"][p] for p in ("situation", "action", "result"))
    heads, cl, pr = r["heads"], r["clauses"], r["proba"] or []
    j = heads.index(part)
    if want:
        told = [x for lab, x in mine if lab == part]
        if r["hypothetical"]:
            return "hypothetical", told[0] if told else ""
        if mine and not told:
            return "no clause labelled", ""
        if not mine:
            return "no clause labels (round without them)", ""
        best, text, top = None, told[0], None
        for t in told:  # the labelled clause the head reads likeliest as the part
            i = max(range(len(cl["raw"])), key=lambda i: overlap(t, cl["raw"][i]))
            if best is None or pr[i][j] > pr[best][j]:
                best, text = i, t
        top = heads[max(range(len(pr[best])), key=lambda k: pr[best][k])]
        found = shared_bucket(r, part, text, top)
        if found:
            return found, text
        if r["gate"][part]:
            return "decision dropped it", text
        return f"other (head reads it {top})", text
    # a false alarm
    idx = [i for i, ps in enumerate(cl["parts"] or []) if part in ps] or \
        ([max(range(len(pr)), key=lambda i: pr[i][j])] if pr else [])
    i = max(idx, key=lambda i: pr[i][j]) if idx else None
    text = cl["raw"][i] if i is not None else ""
    if not labelled_story:
        return "no story told", text
    if any(lab == part for lab, _ in mine):
        return "no clause labelled", text  # a clause labelled with it, the answer label not
    lab = max(mine, key=lambda x: overlap(text, x[1]))[0] if mine and text else "?"
    return shared_bucket(r, part, text, lab) or f"other (labelled {lab})", text


def load(paths: list[Path]) -> list[dict]:
    rows: dict = {}
    for f in paths:
        for line in f.open():
            x = json.loads(line)
            rows[(x["round"], x["id"])] = x
    return list(rows.values())


def spent(name: str) -> bool:
    return name.startswith(("r1", "r2", "hp"))


def report(rows: list[dict], parts: list[str], listing: bool) -> None:
    clab = clause_labels(SPENT_CLAUSES)
    for part in parts:
        lab = [r for r in rows if r["labels"][part] is not None]
        tally: Counter = Counter()
        seen: dict = defaultdict(list)
        n = Counter()
        right = Counter()
        for r in lab:
            grp = "spent" if spent(r["round"]) else "tuning"
            n[grp] += 1
            got, want = said(r, part), r["labels"][part]
            right[grp] += got == want
            if got == want:
                continue
            mech, text = mechanism(r, part, clab)
            kind = "miss" if want else "false alarm"
            tally[(mech, kind, grp)] += 1
            seen[(mech, kind)].append(f"{r['round']}/{r['id']} | {text[:110]}")
        print(f"\n### {part}: right spent {right['spent']}/{n['spent']}, "
              f"tuning {right['tuning']}/{n['tuning']} (in-sample)\n")
        print("| mechanism | misses (spent / tuning) | false alarms (spent / tuning) | total |")
        print("|---|---|---|---|")
        mechs = Counter()
        for (m, _, _), c in tally.items():
            mechs[m] += c
        for m, tot in mechs.most_common():
            print(f"| {m} | {tally[(m, 'miss', 'spent')]} / {tally[(m, 'miss', 'tuning')]} | "
                  f"{tally[(m, 'false alarm', 'spent')]} / {tally[(m, 'false alarm', 'tuning')]} "
                  f"| {tot} |")
        if listing:
            for (m, kind), xs in sorted(seen.items()):
                print(f"\n{part} · {m} · {kind}")
                for x in xs:
                    print("   ", x)


def levers(rows: list[dict], part: str) -> None:
    """Per round, `part` right before -> after for the decision threshold and the sure
    probability, each chosen leave-one-round-out (best mean per-round accuracy on the others)."""
    from voice_coach.analysis.structure import SURE_CLAUSE_PROBA, SURE_TASK_PROBA
    base_s = SURE_TASK_PROBA if part == "task" else SURE_CLAUSE_PROBA
    by: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        if r["labels"][part] is not None:
            by[r["round"]].append(r)
    names = sorted(by, key=lambda x: (spent(x), len(x), x))

    def right(rs, g):
        return sum(said(r, part, *g) == r["labels"][part] for r in rs)

    for title, k, grid in (
            ("decision threshold", 0, [(t, base_s) for t in (0.3, 0.35, 0.4, 0.45, 0.5, 0.55,
                                                             0.6, 0.65)]),
            ("sure probability", 1, [(0.5, x) for x in (0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9,
                                                        0.95, 1.01)])):
        base = (0.5, base_s)

        def choose(on):
            score = {g: sum(right(by[o], g) / len(by[o]) for o in on) for g in grid}
            return max(grid, key=lambda g: (round(score[g], 9), -abs(g[k] - base[k])))

        print(f"\n{part}, {title}: right per round; LORO = chosen on the other rounds\n")
        print("| round | n | before | " + " | ".join(str(g[k]) for g in grid)
              + " | LORO value | LORO after |")
        print("|---|---|---|" + "---|" * len(grid) + "---|---|")
        pooled = Counter()
        for rd in names:
            g = choose([o for o in names if o != rd])
            b, a = right(by[rd], base), right(by[rd], g)
            grp = "spent" if spent(rd) else "tuning"
            pooled[(grp, "b")] += b
            pooled[(grp, "a")] += a
            print(f"| {rd} | {len(by[rd])} | {b} | " + " | ".join(str(right(by[rd], x))
                                                               for x in grid)
                  + f" | {g[k]} | {a} |")
        for grp in ("tuning", "spent"):
            rs = [x for x in names if (spent(x) if grp == "spent" else not spent(x))]
            print(f"| {grp} pooled | {sum(len(by[x]) for x in rs)} | {pooled[(grp, 'b')]} | "
                  + " | ".join(str(sum(right(by[x], g) for x in rs)) for g in grid)
                  + f" | | {pooled[(grp, 'a')]} |")


GRID_C = (0.03, 0.1, 0.3)
GRID_LIMIT = (0.5, 0.6, 0.7, 0.8)


def choose_setting(by: dict[str, list[dict]], rounds: list[str]) -> tuple[float, float]:
    """(C, limit) with the best mean per-round share of right part labels (every STAR-L part),
    each of `rounds` read by a head fitted on the others (ties: the larger limit, the smaller C —
    the head that flags fewer answers)."""
    score: Counter = Counter()
    for c in GRID_C:
        for o in rounds:
            head = fit([r for x in rounds if x != o for r in by[x]], c)
            ps = [head(r["evidence"]) if asked(r) else -1.0 for r in by[o]]
            n = sum(r["labels"][p] is not None for r in by[o] for p in PARTS) or 1
            for lim in GRID_LIMIT:
                right = sum((said(r, p) and not pr >= lim) == r["labels"][p]
                            for r, pr in zip(by[o], ps) for p in PARTS
                            if r["labels"][p] is not None)
                score[(c, lim)] += right / n / len(rounds)
    return max(score, key=lambda g: (round(score[g], 9), g[1], -g[0]))


def event_loro(rows: list[dict], c: float, fixed_limit: float, listing: bool,
               choose: bool = False, intro_only: bool = False) -> None:
    """Every STAR-L part per round, before -> after the no-event head (`structure.no_event_told`)
    fitted leave-one-round-out: each round read by a head fitted on all the other rounds."""
    by: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by[r["round"]].append(r)
    names = sorted(by, key=lambda x: (spent(x), len(x), x))
    print(f"\nno-event head, leave-one-round-out ("
          + ("C and limit chosen on the other rounds, each read by a head fitted without it"
             if choose else f"C {c}, limit {fixed_limit}")
          + "): right per round, before -> after\n")
    print("| round | n | flagged (no event labelled) | " + " | ".join(PARTS) + " |")
    print("|---|---|---|" + "---|" * len(PARTS))
    tot: Counter = Counter()
    changes = []
    chosen = []
    qids = question_ids() if intro_only else {}
    for rd in names:
        c_rd, limit = (c, fixed_limit) if not choose else choose_setting(by, [o for o in names
                                                                             if o != rd])
        chosen.append(f"{rd} C {c_rd} limit {limit}")
        head = fit([r for o in names if o != rd for r in by[o]], c_rd)
        cells, flag, ok = [], 0, 0
        for r in by[rd]:
            r["_none"] = asked(r) and head(r["evidence"]) >= limit and (
                not intro_only or qids.get(r["id"], "").startswith("intro-"))
            flag += r["_none"]
            ok += r["_none"] and not any(r["labels"][p] for p in PARTS[:4] if r["labels"][p])
            if r["_none"]:
                changes.append(f"{rd}/{r['id']} labels "
                               + "".join(p[0] for p in PARTS if r["labels"][p]))
        grp = "spent" if spent(rd) else "tuning"
        for p in PARTS:
            lab = [r for r in by[rd] if r["labels"][p] is not None]
            b = sum(said(r, p) == r["labels"][p] for r in lab)
            af = sum((said(r, p) and not r["_none"]) == r["labels"][p] for r in lab)
            tot[(grp, p, "b")] += b
            tot[(grp, p, "a")] += af
            tot[(grp, p, "n")] += len(lab)
            cells.append(f"{b} → {af}" if af != b else f"{b}")
        tot[(grp, "flag")] += flag
        tot[(grp, "ok")] += ok
        print(f"| {rd} | {len(by[rd])} | {flag} ({ok}) | " + " | ".join(cells) + " |")
    for grp in ("tuning", "spent"):
        print(f"| {grp} pooled | | {tot[(grp, 'flag')]} ({tot[(grp, 'ok')]}) | " + " | ".join(
            f"{tot[(grp, p, 'b')]} → {tot[(grp, p, 'a')]} of {tot[(grp, p, 'n')]}"
            for p in PARTS) + " |")
    if choose:
        print("\nchosen per held-out round: " + "; ".join(chosen))
    if listing:
        print("\nflagged (labels: the parts labelled present):")
        for x in changes:
            print("   ", x)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("report")
    r.add_argument("dumps", type=Path, nargs="+")
    r.add_argument("--part", action="append", choices=PARTS)
    r.add_argument("--list", action="store_true")
    r.add_argument("--levers", action="store_true", help="also the two levers, LORO")
    e = sub.add_parser("event", help="the no-event head leave-one-round-out, every part")
    e.add_argument("dumps", type=Path, nargs="+")
    e.add_argument("--c", type=float, default=0.1)
    e.add_argument("--limit", type=float, default=0.5)
    e.add_argument("--list", action="store_true")
    e.add_argument("--intro-only", action="store_true",
                   help="the head asked only about answers to the bank's intro questions")
    e.add_argument("--choose", action="store_true",
                   help="C and limit chosen per held-out round on the other rounds (nested)")
    args = ap.parse_args()
    rows = load(args.dumps)
    if args.cmd == "event":
        event_loro(rows, args.c, args.limit, args.list, args.choose, args.intro_only)
        return
    report(rows, args.part or ["task", "action"], args.list)
    if args.levers:
        for part in args.part or ["task", "action"]:
            levers(rows, part)


if __name__ == "__main__":
    main()
