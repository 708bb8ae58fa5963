"""How often a key point is judged as a careful interviewer marks it.

Usage: python bench/key_points_accuracy.py [--set NAME ...] [--cv [voice|set]] [--train NAME ...]
                                          [--details]

Reads the labelled key-point sets (`scripts/train_key_points.py` SETS: tests/data/
key_points_tuning.toml, tests/data/key_points_round5/ … key_points_round7/; answers
with their question and every key point labelled covered or missed; default: every set there
is) and prints a Markdown table per set and voice: accuracy of the decided verdicts, false
credits (covered, labelled missed), misses (said missed, labelled covered), how many points
the report says are missed and the precision of that verdict (the share really missed: what a
user reads as criticism), and how many it says were not clearly heard (with the share of them
labelled covered). Methods: the words-only rule (`key_point_coverage`); the rules' verdict
(analysis by meaning without the key-point head, then `facts.reconcile`, which judges a key point
that restates a fact from that fact: the report without the head); the report's verdict with the
shipped head (in-sample: the head was trained on these sets). --cv replaces the last by the
honest number: for each voice the head is trained without that voice's answers
(leave-one-voice-out); --cv set trains it without the answer's whole set (leave-one-set-out: two
voices and their round held out at once); --train limits the sets the CV head learns from (to
measure what a set added). --details lists every disagreement of the last method. The frozen
evaluation set is never read.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import train_key_points as tk  # noqa: E402
from voice_coach.analysis.embed import MeaningModel  # noqa: E402
from voice_coach.analysis.facts import reconcile  # noqa: E402
from voice_coach.analysis.structure import (  # noqa: E402
    _norm, analyze_structure, key_point_coverage,
)
from voice_coach.embedder import load_meaning_model  # noqa: E402
from voice_coach.questions import load_bank  # noqa: E402


def judge(model: MeaningModel, answer: dict, bank) -> dict[str, str]:
    """The report's verdict per labelled key point: "covered" | "unclear" | "missed"."""
    q = bank.get(answer["question"])
    s = reconcile(analyze_structure(answer["text"], kind=q.kind, key_points=q.key_points,
                                    model=model, question=q.text), kind=q.kind,
                  category=q.category)
    kp = s.key_points
    return {k: "covered" for k in kp.covered} | {k: "unclear" for k in kp.unclear} | {
        k: "missed" for k in kp.missed}


def words_only(answer: dict, bank) -> dict[str, str]:
    covered, _ = key_point_coverage(_norm(answer["text"]), bank.get(answer["question"]).key_points)
    labelled = answer["covered"] + answer["missed"]
    return {k: "covered" if k in covered else "missed" for k in labelled}


def tally(t: Counter, got: str, want: bool) -> str | None:
    """Count one verdict; returns the kind of error, if any."""
    t["n"] += 1
    if got == "unclear":
        t["unclear"] += 1
        t["unclear_covered"] += want
        return None
    t["said_missed"] += got == "missed"
    if (got == "covered") == want:
        t["ok"] += 1
        t["said_missed_right"] += got == "missed"
        return None
    key = "false_credit" if got == "covered" else "miss"
    t[key] += 1
    return key


def row(name: str, method: str, t: Counter) -> str:
    decided = t["n"] - t["unclear"]
    prec = (f"{t['said_missed_right'] / t['said_missed']:.2f} ({t['said_missed']})"
            if t["said_missed"] else "– (0)")
    unclear = f"{t['unclear']} ({t['unclear_covered']} covered)" if t["unclear"] else "0"
    return (f"| {name} | {method} | {t['ok'] / max(decided, 1):.3f} ({t['ok']}/{decided}) | "
            f"{t['false_credit']} | {t['miss']} | {prec} | {unclear} |")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", action="append", choices=sorted(tk.SETS), help="measure this set")
    ap.add_argument("--cv", nargs="?", const="voice", choices=("voice", "set"),
                    help="head trained without the answer's voice (default) or set")
    ap.add_argument("--train", action="append", choices=sorted(tk.SETS),
                    help="with --cv: train the head on these sets only")
    ap.add_argument("--details", action="store_true", help="list every disagreement")
    args = ap.parse_args(argv)
    names = args.set or tk.available_sets()
    missing = [n for n in names if not tk.SETS[n].exists()]
    if missing:
        print(f"no such key-point set here: {', '.join(missing)}")
        return 1
    bank = load_bank()
    try:
        model = load_meaning_model()
    except Exception as e:  # noqa: BLE001 - one line, whatever is missing
        print(f"the embedding model is not installed ({e}); nothing to measure")
        return 1
    last = f"report, head left out (CV by {args.cv})" if args.cv else "report, head in-sample"
    heads = {}
    if args.cv:
        pts = tk.points(dataclasses.replace(model, points=None), args.train or tk.available_sets())
        group = (lambda p: p.voice) if args.cv == "voice" else (lambda p: p.set)
        for name in names:
            for a in tk.answers(name):
                g = a.get("voice", name) if args.cv == "voice" else name
                if g not in heads:
                    heads[g] = tk.fit([p for p in pts if group(p) != g])
    methods = ("words only", "rules, no head", last)
    tallies: dict[tuple[str, str], Counter] = {}
    wrong: list[str] = []
    for name in names:
        answers = tk.answers(name)
        several = len({a.get("voice", name) for a in answers}) > 1
        for a in answers:
            voice = a.get("voice", name)
            labelled = {kp: True for kp in a["covered"]} | {kp: False for kp in a["missed"]}
            head = heads[voice if args.cv == "voice" else name] if args.cv else model.points
            verdicts = (words_only(a, bank),
                        judge(dataclasses.replace(model, points=None), a, bank),
                        judge(dataclasses.replace(model, points=head), a, bank))
            for method, got in zip(methods, verdicts):
                for kp, want in labelled.items():
                    keys = [f"{name} (all)"] + [f"{name} (content)"] * tk.is_content(
                        kp, bank.get(a["question"]).text) + [
                        f"{name}/{voice}"] * several
                    for key in keys:
                        err = tally(tallies.setdefault((key, method), Counter()), got[kp], want)
                        if err and method == last and key.endswith("(all)") and args.details:
                            wrong.append(f"{a['id']}: {err} {kp!r}")
    print(f"Key points of the sets {', '.join(names)}: all labelled key points, the content "
          f"ones the head judges (no fact, no definition), and per voice\n")
    print("| set | method | accuracy (decided) | false credits | misses | precision of "
          "\"missed\" (said) | not clearly heard |")
    print("|---|---|---|---|---|---|---|")
    for (key, method), t in sorted(tallies.items(), key=lambda kv: (kv[0][0], methods.index(
            kv[0][1]))):
        print(row(key, method, t))
    if args.details:
        print()
        print("\n".join(wrong))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
