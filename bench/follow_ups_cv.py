"""Leave-one-set-out numbers of the follow-up judge: each tuning set in turn is the held-out
set, reported per label (supplied / specific / switched_story) next to the pooled other sets.

Usage: python bench/follow_ups_cv.py [--sets DIR ...] [--code DIR]
       python bench/follow_ups_cv.py --learned [--cache FILE]

The judge (`voice_coach.follow_ups`, its rubric file and `analysis.story_switch`) has no fitted
parameters: what is "tuned" is the rubric mechanisms, changed by reading disagreements on some
sets. So "tune on two, report on the third" means: a change is made looking at two sets only,
and this table's held-out row is the number that change earned on the set it never looked at.
Every set is run through the real pipeline by `bench/follow_ups_accuracy.py` (not-checked
replies count as ✗). Prints a Markdown table.

`--learned` measures the learned decision (`scripts/train_follow_up_head.py`) against the rules,
leave-one-set-out: for each set, the head is trained on the other sets only (its feature set
and C chosen by leave-one-set-out inside them, never by the held-out set) and judges the
held-out set; the rules' call is the judge's own. Every label, every set and pooled; the
head's call is shown as the judge would apply it (a switched reply supplies nothing, specific
only when supplied), with each label's model alone, and — added after the table showed the head
better only on switched_story, so a post-hoc row — the rules with the head's switched_story.
Not shipped: the judge reads no head (docs/follow_ups.md, session 15).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import md_table  # noqa: E402
from bench.follow_ups_accuracy import LABELS, judge_items, load_set, scores  # noqa: E402

DATA = ROOT / "tests" / "data"
DEFAULT_SETS = tuple(DATA / n for n in ("follow_ups_tuning", "follow_ups_tuning_2",
                                        "follow_ups_tuning_3", "follow_ups_tuning_4",
                                        "follow_ups_tuning_5", "follow_ups_tuning_6",
                                        "follow_ups_tuning_7", "follow_ups_tuning_8",
                                        "follow_ups_tuning_9", "follow_ups_tuning_10",
                                        "follow_ups_tuning_11", "follow_ups_tuning_12"))


def _cell(s: dict) -> str:
    acc, p = s["accuracy"], s["precision"]
    if acc is None:  # no item (the other sets of a single set)
        return "–"
    return f"{acc:.3f} (P {'–' if p is None else f'{p:.2f}'}, FP {s['fp']}, FN {s['fn']})"


def cv_table(sets: list[Path]) -> str:
    """One row per held-out set (and the pooled rest beside it), one column per label."""
    judged = {}
    for folder in sets:
        judged[folder.name] = judge_items(*load_set(folder))
    rows = []
    for name, held in judged.items():
        rest = [j for other, js in judged.items() if other != name for j in js]
        for group, js in (("held out", held), ("other sets", rest)):
            rows.append([name, group, len(js), *(_cell(scores(js, lab)) for lab in LABELS)])
    pooled = [j for js in judged.values() for j in js]
    rows.append(["all sets", "pooled", len(pooled), *(_cell(scores(pooled, lab)) for lab in LABELS)])
    return md_table(["set", "rows", "n", *LABELS], rows)


def learned_table(sets: list[Path], cache: Path | None = None) -> str:
    """Leave-one-set-out: rules vs the head trained on the other sets, per set and pooled."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import train_follow_up_head as th

    rows = th.load_rows(cache, sets)
    calls: dict[str, list[tuple[th.Row, dict, dict]]] = {}
    chosen = []
    for folder in sets:
        held = [r for r in rows if r.set == folder.name]
        head = th.fit([r for r in rows if r.set != folder.name])
        chosen.append(f"{folder.name}: " + ", ".join(f"{k} {v[0]}, C {v[1]:g}"
                                                      for k, v in head.c.items()))
        calls[folder.name] = [(r, th.decide(head, r), th.decide(head, r, joint=False),
                               th.rules_with_learned_switch(head, r)) for r in held]

    def acc(group, label, which):
        said = [(r.truth[label], (r.rules if which == 0 else c[which - 1])[label])
                for r, *c in group]
        right = sum(t == s for t, s in said)
        fp = sum(s and not t for t, s in said)
        fn = sum(t and not s for t, s in said)
        return f"{right / len(said):.3f} (FP {fp}, FN {fn})"

    out = []
    table_rows = []
    groups = list(calls.items()) + [("pooled", [c for g in calls.values() for c in g])]
    for name, group in groups:
        for which, code in ((0, "rules"), (1, "learned"), (2, "learned, labels alone"),
                            (3, "rules + learned switch (post hoc)")):
            table_rows.append([name, len(group), code,
                               *(acc(group, lab, which) for lab in LABELS)])
    out.append(md_table(["held-out set", "n", "judge", *LABELS], table_rows))
    out.append("Feature set and C chosen by inner leave-one-set-out (per held-out set):\n\n"
               + "\n".join(f"- {c}" for c in chosen))
    return "\n\n".join(out)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sets", type=Path, nargs="+", metavar="DIR",
                   help="set folders (default: the follow_ups_tuning sets present)")
    p.add_argument("--code", type=Path, metavar="DIR",
                   help="judge with the voice_coach package of this checkout")
    p.add_argument("--learned", action="store_true",
                   help="the learned decision vs the rules, leave-one-set-out")
    p.add_argument("--cache", type=Path, metavar="FILE",
                   help="with --learned: keep the collected features in this file")
    args = p.parse_args(argv)
    if args.learned:
        sets = args.sets or [d for d in DEFAULT_SETS if (d / "items.toml").exists()]
        print(learned_table(sets, args.cache))
        return 0
    if args.code is not None:
        sys.path.insert(0, str(args.code.resolve()))
    sets = args.sets or [d for d in DEFAULT_SETS if (d / "items.toml").exists()]
    print(cv_table(sets))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
