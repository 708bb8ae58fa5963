"""How well the follow-up judge agrees with a labeller: per label (supplied / specific /
switched_story) accuracy, precision and recall.

Usage: python bench/follow_ups_accuracy.py [--set DIR] [--details] [--no-embeddings] [--code DIR]
                                           [--signals]

A set is a folder with `items.toml` (`[[item]]`: id, question_id, answer, follow_up_key,
follow_up, reply) and `labels.toml` (one table per id: supplied, specific, switched_story).
Default: tests/data/follow_ups_tuning (the tuning half; the frozen half is run by the lead with
`--set`). Each item goes through the real pipeline: the first answer as answer 1 to its bank
question (`pipeline.analyze_text`), the reply as answer 2 judged on its follow-up
(`pipeline.FollowUpOf` with the first answer's report) — exactly what `practice` does with a
transcript. A reply the judge cannot check (`follow_up_check.not_checked`) makes no claim: the
table shows the labels both on every item (not checked counted as ✗) and on checked items only.
Prints a Markdown table; `--details` lists every disagreement. `--code DIR` judges with the
`voice_coach` package of another checkout (e.g. an export of an older commit, to measure the
code before a change); code older than `follow_up_check.switched_story` is read through its
story bank's own decision of a switched reply (`stories.tells_own_story` on the reply's STAR
parts).

`--signals` compares the two measures of how much of the first answer a reply shares, as
separators of the switched_story label (ROC AUC, 1.0 = every switched reply shares less than
every other one): the share of the reply's content features the first answer has
(`analysis.story_switch.shared_share`, what the judge uses) and the cosine of the two texts'
all-MiniLM-L6-v2 embeddings (`voice_coach.embedder`); and lists each item's signals.
"""

from __future__ import annotations

import argparse
import os
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import md_table  # noqa: E402

DEFAULT_SET = ROOT / "tests" / "data" / "follow_ups_tuning"
LABELS = ("supplied", "specific", "switched_story")


@dataclass(frozen=True)
class Judged:
    """One item: the labeller's call and the judge's."""

    id: str
    key: str
    question_id: str
    reply: str
    note: str
    truth: dict[str, bool]
    said: dict[str, bool]
    not_checked: bool


def load_set(folder: Path) -> tuple[list[dict], dict[str, dict]]:
    """(items, labels by id) of a set folder; every item must have a label."""
    items = tomllib.loads((folder / "items.toml").read_text(encoding="utf-8"))["item"]
    labels = tomllib.loads((folder / "labels.toml").read_text(encoding="utf-8"))
    missing = [it["id"] for it in items if it["id"] not in labels]
    if missing:
        raise SystemExit(f"{folder}/labels.toml has no label for {', '.join(missing)}")
    return items, labels


def judge_items(items: list[dict], labels: dict[str, dict]) -> list[Judged]:
    """Run each item through the pipeline and pair the judge's call with the label."""
    import dataclasses

    from voice_coach.config import Config
    from voice_coach.pipeline import FollowUpOf, analyze_text
    from voice_coach.questions import load_bank

    cfg, bank = Config(), load_bank()
    out = []
    for it in items:
        q = bank.get(it["question_id"])
        main = dataclasses.replace(analyze_text(it["answer"], cfg=cfg, question=q), n=1)
        reply = analyze_text(it["reply"], cfg=cfg, question=q, follow_up=FollowUpOf(
            it["follow_up_key"], main, (), (q.text, it["follow_up"])))
        c = reply.follow_up_check
        lab = labels[it["id"]]
        switched = getattr(c, "switched_story", None)
        if switched is None:  # code before the field: its story bank's decision
            from voice_coach.stories import tells_own_story
            switched = tells_own_story(
                type("Facts", (), {"star_present": {p: v.present for p, v in
                                                    reply.structure.star.items()}})())
        out.append(Judged(
            it["id"], it["follow_up_key"], it["question_id"], it["reply"], lab.get("note", ""),
            {k: bool(lab[k]) for k in LABELS},
            {"supplied": c.supplied, "specific": c.specific, "switched_story": bool(switched)},
            c.not_checked))
    return out


def scores(judged: list[Judged], label: str) -> dict[str, float | int | None]:
    """n, accuracy, precision, recall and the confusion counts of one label."""
    tp = sum(j.truth[label] and j.said[label] for j in judged)
    fp = sum(not j.truth[label] and j.said[label] for j in judged)
    fn = sum(j.truth[label] and not j.said[label] for j in judged)
    tn = len(judged) - tp - fp - fn
    return {"n": len(judged), "accuracy": (tp + tn) / len(judged) if judged else None,
            "precision": tp / (tp + fp) if tp + fp else None,
            "recall": tp / (tp + fn) if tp + fn else None,
            "tp": tp, "fp": fp, "fn": fn, "tn": tn}


def table(judged: list[Judged]) -> str:
    """The Markdown table: every label on all items and on checked items only."""
    checked = [j for j in judged if not j.not_checked]
    rows = []
    for label in LABELS:
        for name, group in (("all", judged), ("checked", checked)):
            s = scores(group, label)
            rows.append([label, name, s["n"], s["accuracy"], s["precision"], s["recall"],
                         s["tp"], s["fp"], s["fn"], s["tn"]])
    return md_table(["label", "items", "n", "accuracy", "precision", "recall", "TP", "FP", "FN",
                     "TN"], rows)


def details(judged: list[Judged]) -> str:
    """One line per disagreement: id, key, which label, labelled → judged, the labeller's note."""
    lines = []
    for j in judged:
        wrong = [f"{k} {'✓' if j.truth[k] else '✗'}→{'✓' if j.said[k] else '✗'}"
                 for k in LABELS if j.truth[k] != j.said[k]]
        if wrong:
            nc = " (not checked)" if j.not_checked else ""
            note = f" — {j.note}" if j.note else ""
            lines.append(f"- {j.id} {j.key} [{j.question_id}]{nc}: {', '.join(wrong)}{note}\n"
                         f"  reply: {' '.join(j.reply.split())[:160]}")
    return "\n".join(lines) or "(no disagreements)"


def _auc(switched: list[float], other: list[float]) -> float | None:
    """P(a switched reply's value < another reply's), ties half: how well a low value
    separates switched replies."""
    if not switched or not other:
        return None
    wins = sum((a < b) + 0.5 * (a == b) for a in switched for b in other)
    return wins / (len(switched) * len(other))


def signals(items: list[dict], labels: dict[str, dict]) -> str:
    """The switch signals of every item and the AUC of the two sharing measures."""
    from voice_coach.analysis.story_switch import (denied_story, new_work, own_work, shared_share,
                                                   switch_cue, words_shared)
    from voice_coach.analysis.structure import analyze_structure
    from voice_coach.embedder import load_meaning_model

    model = load_meaning_model()
    rows, share, cosine = [], {True: [], False: []}, {True: [], False: []}
    for it in items:
        sw = bool(labels[it["id"]]["switched_story"])
        sh, n = shared_share(it["reply"], it["answer"])
        e = model.embedder.embed([" ".join(it["answer"].split()), " ".join(it["reply"].split())])
        cos = float(e[0] @ e[1])
        own = analyze_structure(" ".join(it["reply"].split()), model=model).star_present
        setup = all(own[p] for p in ("situation", "task", "action"))
        share[sw].append(sh)
        cosine[sw].append(cos)
        rows.append([it["id"], it["follow_up_key"], "✓" if sw else "",
                     switch_cue(it["reply"]) or denied_story(it["reply"], it["answer"]),
                     new_work(it["reply"], it["answer"]), own_work(it["reply"], it["answer"]),
                     round(sh, 3), words_shared(it["reply"], it["answer"]), n, round(cos, 3),
                     "✓" if setup else ""])
    auc = md_table(["measure", "AUC (switched shares less)", "switched", "others"], [
        ["shared content features", _auc(share[True], share[False]), len(share[True]),
         len(share[False])],
        ["MiniLM cosine", _auc(cosine[True], cosine[False]), len(cosine[True]),
         len(cosine[False])]])
    return auc + "\n\n" + md_table(["id", "key", "switched (label)", "cue", "new work",
                                     "own new work", "shared", "words shared", "features",
                                     "cosine", "own set-up"], rows)


def report(folder: Path, with_details: bool = False) -> tuple[str, list[Judged]]:
    """(the Markdown report, every item judged) of one set folder."""
    items, labels = load_set(folder)
    judged = judge_items(items, labels)
    n_nc = sum(j.not_checked for j in judged)
    text = (f"Follow-up judge against labels: {folder} — {len(judged)} items, "
            f"{n_nc} not checked\n\n" + table(judged))
    if with_details:
        text += "\n\nDisagreements:\n\n" + details(judged)
    return text, judged


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--set", type=Path, default=DEFAULT_SET, metavar="DIR",
                   help="folder with items.toml and labels.toml (default: the tuning half)")
    p.add_argument("--details", action="store_true", help="list every disagreement")
    p.add_argument("--signals", action="store_true",
                   help="AUC of the two sharing measures and every item's switch signals")
    p.add_argument("--code", type=Path, metavar="DIR",
                   help="judge with the voice_coach package of this checkout")
    p.add_argument("--no-embeddings", action="store_true",
                   help="rules-only analysis (VOICE_COACH_NO_EMBEDDINGS=1)")
    args = p.parse_args(argv)
    if args.code is not None:
        sys.path.insert(0, str(args.code.resolve()))
    if args.no_embeddings:
        os.environ["VOICE_COACH_NO_EMBEDDINGS"] = "1"
    if args.signals:
        print(signals(*load_set(args.set)))
        return 0
    print(report(args.set, args.details)[0])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
