"""Every "like" the filler rules count in the tuning text of tests/data (issue #12: fillers
counted as a person counts them) — one line per counted "like" with its context, and the total.

Reads every *.toml / *.json / *.txt under tests/data except the frozen evaluation sets
(`*_eval*`, structure_eval, key_points_eval, follow_ups_eval, stories_eval*) and spent_session*;
splits it into sentences of quoted strings. Run before and after a rule change and diff the
outputs to see which "like"s changed (labelled tuning: this text was read while writing rules).

Usage: PYTHONPATH=. .venv/bin/python bench/like_fillers_text.py > like.txt
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from voice_coach.analysis.fillers import filler_mask, normalize  # noqa: E402

FROZEN = re.compile(r"_eval|spent_session")
STRING = re.compile(r'"((?:[^"\\]|\\.){20,})"')


def main() -> None:
    seen: set[str] = set()
    total = 0
    for path in sorted((ROOT / "tests" / "data").rglob("*")):
        if path.suffix not in (".toml", ".json", ".txt") or FROZEN.search(str(path)):
            continue
        for m in STRING.finditer(path.read_text(errors="replace")):
            text = m.group(1)
            if " like" not in text.lower() and not text.lower().startswith("like") or text in seen:
                continue
            seen.add(text)
            toks = text.split()
            mask = filler_mask(toks)
            for i in (i for i, t in enumerate(toks) if normalize(t) == "like" and mask[i]):
                total += 1
                print(f"{path.relative_to(ROOT)}: …{' '.join(toks[max(0, i - 4):i + 5])}…")
    print(f"counted 'like' fillers: {total}")


if __name__ == "__main__":
    main()
