"""Where the report's "missed" key points come from, and how often each source is right.

Usage: python bench/key_point_missed_cv.py [--miss-rate R ...] [--details] [--add NAME=PATH ...]
       [--cache FILE]

Leave-one-round-out over the labelled key-point sets (`scripts/train_key_points.py` SETS; the
frozen evaluation set is never read): for each set the key-point head and its limits are trained
on the other sets exactly as `train_key_points.fit` trains them, and every labelled key point of
the held-out set is judged as the report judges it (the head's verdict, definitions by the
definition rule, then `facts.reconcile`). The answers are analysed once without the head; the
head's verdicts are put in and reconciled per fold (the same verdicts as `analyze_structure` with
that head, at a fraction of the time).

Prints, per set and pooled: accuracy of the decided verdicts, false credits (covered, labelled
missed), misses (said missed, labelled covered), the precision of "missed" (said), and "not
clearly heard" (made), for
- "main": the decision before session 9 (a fact that is ✗ makes its key point missed; a
  definition the rule does not find is missed; the head's "missed" limit at `MAIN_MISS_RATE`);
- "facts unsure, chosen per fold": a fact whose absence made a key point "missed" wrongly more
  often than rightly on the other sets (at least `MIN_SAID` times) makes it not clearly heard —
  the choice itself left out with the held-out set;
- "facts and definitions": main's head with the shipped fact and definition decision;
- "session 9": the shipped fact and definition decision with session 9's head: without the
  question-clause evidence (`key_points.FEATURES` "ask_cosine", "ask_margin" left at 0, which
  trains the same head as without them) and its "missed" limit at `SESSION9_MISS_RATE`;
- "session 10": session 10's decision: as "shipped" but a fact's absence makes its key point
  "missed" whatever the point's own evidence says, the head's limit at `SESSION10_MISS_RATE`;
- "shipped": a fact's absence makes its point "missed" only when the point's own verdict (the
  head's, before the facts) agrees, else not clearly heard (`facts.ABSENCE_CONTESTED_BY`);
  `facts.weak_absences` (`vocabulary.KEY_POINT_ABSENCE_UNSURE`, the same rule on all
  sets, and ownership when "I" is said but "we" more often) and a definition the rule does not
  find but the head reads as covered not clearly heard (`structure._judge_key_points`), the
  head's limit at `train_key_points.MAX_MISS_RATE`, over all `FEATURES`.
"main" and "facts …" use session 9's evidence too. Then where main's wrong and right "missed"
verdicts come from (the fact that is ✗, the head, the definition rule), per fact the precision
of "missed" (the table the rule reads), and per voice.
--miss-rate also measures the head's "missed" limit at other rates of made points below it
(`train_key_points.MAX_MISS_RATE`); --details lists the shipped decision's wrong misses.
--add NAME=PATH holds out one more labelled set (key_points_tuning.toml format, e.g. a spent
round merged into a scratch folder by scripts/import_key_point_labels.py) and trains the other
folds' heads with it too.
"""

from __future__ import annotations

import argparse
import dataclasses
import pickle
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import train_key_points as tk  # noqa: E402
from voice_coach.analysis import facts as facts_module  # noqa: E402
from voice_coach.analysis.facts import (  # noqa: E402
    fact_values, is_hypothetical, reconcile,
)
from voice_coach.analysis.point_facts import key_point_facts, key_point_implied_by  # noqa: E402
from voice_coach.analysis.key_points import COVERED, FEATURES, MISSED, UNCLEAR  # noqa: E402
from voice_coach.analysis.structure import (  # noqa: E402
    analyze_structure, answer_key_point_evidence, is_definition,
)
from voice_coach.analysis.vocabulary import KEY_POINT_ABSENCE_UNSURE  # noqa: E402
from voice_coach.embedder import load_meaning_model  # noqa: E402
from voice_coach.questions import load_bank  # noqa: E402
from voice_coach.report_model import KeyPoints  # noqa: E402

MIN_SAID = 10  # a fact's "missed" precision is read only over at least this many verdicts
TARGET = 0.5  # below this precision a fact's absence says "not clearly heard"
BANK = load_bank()
MAIN_MISS_RATE = 0.03  # the head's "missed" limit before session 9 (`tk.MAX_MISS_RATE` since)
SESSION9_MISS_RATE = 0.02
SESSION10_MISS_RATE = 0.015
ASK = [FEATURES.index("ask_cosine"), FEATURES.index("ask_margin")]


@dataclasses.dataclass
class Answer:
    set: str
    voice: str
    id: str
    question_id: str
    labels: dict[str, bool]
    structure: object  # analysed without the head
    features: np.ndarray  # the head's evidence, one row per key point of the question


@dataclasses.dataclass(frozen=True)
class Verdict:
    set: str
    voice: str
    id: str
    key_point: str
    made: bool
    got: str
    source: str  # what said it: "fact:<facts ✗>", "definition", "head", "hypothetical story"
    absent: tuple[str, ...]  # the facts the key point restates that are ✗


def analyse(names: Iterable[str]) -> list[Answer]:
    bank = load_bank()
    model = dataclasses.replace(load_meaning_model(), points=None)
    out = []
    for name in names:
        for a in tk.answers(name):
            q = bank.get(a["question"])
            s = analyze_structure(a["text"], kind=q.kind, key_points=q.key_points, model=model,
                                  question=q.text)
            ev = answer_key_point_evidence(a["text"], q.key_points, model, q.text)
            labels = {k: True for k in a["covered"]} | {k: False for k in a["missed"]}
            out.append(Answer(name, a.get("voice", name), a["id"], q.id, labels, s, ev.features))
    return out


def training_points(answers: list[Answer]) -> list[tk.Point]:
    """`train_key_points.points`, from the analysed answers."""
    bank = load_bank()
    return [tk.Point(a.set, a.voice, a.id, kp, a.labels[kp], row)
            for a in answers for kp, row in zip(bank.get(a.question_id).key_points, a.features)
            if kp in a.labels and tk.is_content(kp, bank.get(a.question_id).text)]


def judge(a: Answer, head, unsure: Callable | None, definitions_unclear: bool,
          contested: frozenset[str] | None = frozenset()) -> list[Verdict]:
    """The report's verdicts for `a` with `head`; `unsure`: the facts whose absence says "not
    clearly heard" in a structure (`facts.weak_absences`), None: the shipped rule; `contested`:
    the point's own verdicts that make a fact's absence "not clearly heard"
    (`facts.ABSENCE_CONTESTED_BY`; empty: before session 11), None: the shipped rule."""
    q, s0 = BANK.get(a.question_id), a.structure
    states = {k: COVERED for k in s0.key_points.covered} | {k: MISSED for k in s0.key_points.missed}
    if len(q.key_points) >= 2:
        p = head.proba(a.features)
        for kp, x in zip(q.key_points, p):
            v = COVERED if x >= head.covered_from else MISSED if x < head.missed_below else UNCLEAR
            if is_definition(kp, q.text):
                v = COVERED if kp in s0.key_points.covered else (
                    UNCLEAR if definitions_unclear and v == COVERED else MISSED)
            states[kp] = v
    kps = KeyPoints(*(tuple(k for k, v in states.items() if v == x) for x in (COVERED, MISSED)),
                    tuple(k for k, v in states.items() if v == UNCLEAR),
                    tuple("" for v in states.values() if v == UNCLEAR))
    saved, saved_contested = facts_module.weak_absences, facts_module.ABSENCE_CONTESTED_BY
    facts_module.weak_absences = unsure or saved
    facts_module.ABSENCE_CONTESTED_BY = saved_contested if contested is None else contested
    try:
        s = reconcile(dataclasses.replace(s0, key_points=kps), kind=q.kind, category=q.category)
    finally:
        facts_module.weak_absences = saved
        facts_module.ABSENCE_CONTESTED_BY = saved_contested
    got = ({k: COVERED for k in s.key_points.covered} | {k: UNCLEAR for k in s.key_points.unclear}
           | {k: MISSED for k in s.key_points.missed})
    fv = fact_values(s)
    hypothetical = q.kind == "behavioral" and is_hypothetical(s)
    out = []
    for kp, made in a.labels.items():
        absent = tuple(f for f in key_point_facts(kp) if f in fv and not fv[f])
        source = ("hypothetical story" if hypothetical else f"fact:{'+'.join(absent)}" if absent
                  else "fact (implied)" if key_point_implied_by(kp) and got[kp] != states[kp]
                  else "definition" if is_definition(kp, q.text) else "head")
        out.append(Verdict(a.set, a.voice, a.id, kp, made, got[kp], source, absent))
    return out


def unsure_facts(verdicts: Iterable[Verdict]) -> frozenset[str]:
    """Facts whose absence said "missed" at least `MIN_SAID` times, right less than `TARGET`."""
    said, right = Counter(), Counter()
    for v in verdicts:
        if v.got == MISSED and v.absent and v.source.startswith("fact:"):
            for f in v.absent:
                said[f] += 1
                right[f] += not v.made
    return frozenset(f for f in said if said[f] >= MIN_SAID and right[f] / said[f] < TARGET)


def table(verdicts: list[Verdict], key: Callable[[Verdict], str]) -> list[str]:
    groups: dict[str, list[Verdict]] = defaultdict(list)
    for v in verdicts:
        groups[key(v)].append(v)
        groups["**all**"].append(v)
    lines = []
    for name, vs in groups.items():
        n = len(vs)
        unclear = [v for v in vs if v.got == UNCLEAR]
        decided = n - len(unclear)
        ok = sum((v.got == COVERED) == v.made for v in vs if v.got != UNCLEAR)
        fc = sum(v.got == COVERED and not v.made for v in vs)
        said = [v for v in vs if v.got == MISSED]
        wrong = sum(v.made for v in said)
        prec = f"{(len(said) - wrong) / len(said):.2f} ({len(said)})" if said else "– (0)"
        lines.append(f"{name} ({n}) | {ok / max(decided, 1):.3f} | {fc} | {wrong} | {prec} | "
                     f"{len(unclear)} = {len(unclear) / n:.0%} ({sum(v.made for v in unclear)})")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--miss-rate", action="append", type=float, default=[],
                    help="also measure the head's missed limit at this rate of made points")
    ap.add_argument("--details", action="store_true", help="list the shipped wrong misses")
    ap.add_argument("--add", action="append", default=[], metavar="NAME=PATH",
                    help="also hold out (and train on, in the other folds) this labelled set "
                    "(key_points_tuning.toml format, e.g. a spent round merged by "
                    "scripts/import_key_point_labels.py into a scratch folder)")
    ap.add_argument("--cache", type=Path, help="keep the analysed answers in this file (a "
                    "scratch file outside the repository; delete it when the code changes)")
    args = ap.parse_args(argv)
    for item in args.add:
        name, _, path = item.partition("=")
        if not path or not Path(path).is_file():
            print(f"--add {item}: expected NAME=PATH of a labelled key-point file")
            return 2
        tk.SETS[name] = Path(path)
    names = tk.available_sets()
    if args.cache and args.cache.exists():
        answers = pickle.loads(args.cache.read_bytes())
    else:
        try:
            answers = analyse(names)
        except Exception as e:  # noqa: BLE001 - one line, whatever is missing
            print(f"the embedding model is not installed ({e}); nothing to measure")
            return 1
        if args.cache:
            args.cache.write_bytes(pickle.dumps(answers))
    points = training_points(answers)
    # session 9's evidence: the question-clause columns at 0
    old = [dataclasses.replace(a, features=a.features.copy()) for a in answers]
    for a in old:
        a.features[:, ASK] = 0.0
    old_points = training_points(old)

    def heads(rate: float, pts: list[tk.Point] = points) -> dict:
        saved = tk.MAX_MISS_RATE
        tk.MAX_MISS_RATE = rate
        try:
            return {n: tk.fit([p for p in pts if p.set != n]) for n in names}
        finally:
            tk.MAX_MISS_RATE = saved

    before = heads(MAIN_MISS_RATE, old_points)
    session9 = heads(SESSION9_MISS_RATE, old_points)
    session10 = heads(SESSION10_MISS_RATE)
    fold = heads(tk.MAX_MISS_RATE)
    answers, shipped_answers = old, answers
    main_v = [v for a in answers for v in judge(a, before[a.set], lambda s: frozenset(), False)]
    per_fold = {n: unsure_facts(v for v in main_v if v.set != n) for n in names}
    methods = {
        "main": main_v,
        "facts unsure, chosen per fold": [v for a in answers for v in judge(
            a, before[a.set], lambda s, f=per_fold[a.set]: f, False)],
        "facts and definitions": [v for a in answers for v in judge(
            a, before[a.set], None, True)],
        "session 9": [v for a in answers for v in judge(a, session9[a.set], None, True)],
        "session 10": [v for a in shipped_answers for v in judge(a, session10[a.set], None, True)],
        "shipped": [v for a in shipped_answers for v in judge(a, fold[a.set], None, True,
                                                               None)],
    }
    for rate in args.miss_rate:
        other = heads(rate)
        methods[f"shipped, head missed limit at {rate:.3f}"] = [
            v for a in shipped_answers for v in judge(a, other[a.set], None, True, None)]
    print(f"Leave-one-round-out over {', '.join(names)}; every labelled key point. Facts unsure "
          "per fold: " + "; ".join(f"{n}: {', '.join(sorted(f)) or '–'}"
                                    for n, f in per_fold.items())
          + f"; shipped: {', '.join(sorted(KEY_POINT_ABSENCE_UNSURE))}, ownership when \"I\" "
          "is said but \"we\" more often (`facts.weak_absences`)\n")
    head = ("| method | set | accuracy (decided) | false credits | misses | precision of "
            "\"missed\" (said) | not clearly heard (made) |\n|---|---|---|---|---|---|---|")
    print(head)
    for method, vs in methods.items():
        for line in table(vs, lambda v: v.set):
            print(f"| {method} | {line} |")
    print("\nWhere main's \"missed\" verdicts come from (wrong = the point was made):\n")
    print("| source | wrong | right | precision |\n|---|---|---|---|")
    src = Counter((v.source, v.made) for v in main_v if v.got == MISSED)
    for s in sorted({s for s, _ in src}, key=lambda s: -src[(s, True)] - src[(s, False)]):
        w, r = src[(s, True)], src[(s, False)]
        print(f"| {s} | {w} | {r} | {r / (w + r):.2f} |")
    print("\nPer fact, main's \"missed\" from that fact being ✗, by set (right / said):\n")
    print("| fact | " + " | ".join(names) + " | all |\n|---|" + "---|" * (len(names) + 1))
    said = defaultdict(Counter)
    for v in main_v:
        if v.got == MISSED and v.source.startswith("fact:"):
            for f in v.absent:
                said[f][(v.set, "n")] += 1
                said[f][(v.set, "r")] += not v.made
    for f, c in sorted(said.items(), key=lambda kv: -sum(kv[1][(n, "n")] for n in names)):
        cells = [f"{c[(n, 'r')]}/{c[(n, 'n')]}" for n in names]
        cells.append(f"{sum(c[(n, 'r')] for n in names)}/{sum(c[(n, 'n')] for n in names)}")
        print(f"| {f} | " + " | ".join(cells) + " |")
    print("\nPer voice:\n")
    print(head)
    for method in ("main", "session 9", "session 10", "shipped"):
        for line in table(methods[method], lambda v: v.voice):
            print(f"| {method} | {line} |")
    if args.details:
        print()
        for v in methods["shipped"]:
            if v.got == MISSED and v.made:
                print(f"{v.id}: {v.source}: {v.key_point!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
