"""STAR-L accuracy and the Action share on stories told in the present, before/after, from the
answer dumps of `bench/meaning_cv.py --dump` (leave-one-round-out predictions).

Usage: python bench/tense_shares.py BEFORE.jsonl AFTER.jsonl

Rows per held-out round: the answers told in the present (`retell.told_in_present`: the
speaker's own verbs more often present than past), then every answer of the round, then each
answer retold in the historic present / the present continuous (`--retold-test`; ids
"ID@present", "ID@continuous"). Columns: answers right of N per STAR-L part, and the mean
Action share of the answer over the answers labelled with an Action.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from retell import told_in_present  # noqa: E402

PARTS = ("situation", "task", "action", "result", "learning")


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def group(rows: Iterable[dict]) -> dict[tuple[str, str], list[dict]]:
    """(round, which) → answers; which: "present-told", "all", "retold present", …"""
    out: dict[tuple[str, str], list[dict]] = {}
    for d in rows:
        if "@" in d["id"]:
            out.setdefault((d["round"], "retold " + d["id"].split("@")[1]), []).append(d)
            continue
        out.setdefault((d["round"], "all"), []).append(d)
        if told_in_present(d["text"]):
            out.setdefault((d["round"], "present-told"), []).append(d)
    for (r, which), items in list(out.items()):
        out.setdefault(("pooled", which), []).extend(items)
    return out


def cells(items: list[dict]) -> list[str]:
    row = []
    for p in PARTS:
        key = f"star.{p}"
        lab = [d for d in items if key in d["labels"]]
        row.append(f"{sum(d['labels'][key] == d['pred'][key] for d in lab)}/{len(lab)}")
    acts = [d["share"]["action"] or 0.0 for d in items if d["labels"].get("star.action")]
    row.append(f"{100 * sum(acts) / len(acts):.0f} %" if acts else "–")
    return row


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit(__doc__.split("\n\n")[1])
    before, after = (group(load(Path(p))) for p in sys.argv[1:3])
    print("| round | answers | " + " | ".join(f"{p} before → after" for p in PARTS)
          + " | Action share before → after |")
    print("|---|---|" + "---|" * (len(PARTS) + 1))
    order = ("present-told", "all", "retold present", "retold continuous")
    for key in sorted(after, key=lambda k: (k[0] == "pooled", k[0], order.index(k[1]))):
        if key not in before:
            continue
        b, a = cells(before[key]), cells(after[key])
        print(f"| {key[0]} | {key[1]} ({len(after[key])}) | "
              + " | ".join(f"{x} → {y}" for x, y in zip(b, a)) + " |")


if __name__ == "__main__":
    main()
