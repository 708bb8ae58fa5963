"""Old and new code give the same outputs: `analyze_text` on every answer text of the spent
sessions' tuning data (tests/data/spent_session*/**.toml), each twice in one process (the second
time from the embedder's cache), and the embedder's vectors and spans, in a baseline checkout
(e.g. `git archive main` unpacked) and in this one. Exits 1 on the first difference.

    python bench/equality_check.py --baseline /tmp/speedbase
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

from common import PY, ROOT

QUESTION = "lp-dive-deep-1"
MIN_WORDS = 20


def answer_texts(root: Path = ROOT) -> list[str]:
    """Every string of at least `MIN_WORDS` words in the spent sessions' toml files, once."""
    found: dict[str, None] = {}

    def walk(value: object) -> None:
        if isinstance(value, str) and len(value.split()) >= MIN_WORDS:
            found[value] = None
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for path in sorted((root / "tests" / "data").glob("spent_session*/**/*.toml")):
        walk(tomllib.loads(path.read_text()))
    return list(found)


def digest(value: object) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=repr).encode()).hexdigest()


def outputs(texts: list[str], passes: int) -> list[str]:
    """Per text and pass: a digest of its report (timings dropped) and of its embeddings."""
    from voice_coach.analysis.structure import SPAN_WINDOWS, clean_clauses
    from voice_coach.config import Config
    from voice_coach.embedder import shared_meaning_model
    from voice_coach.pipeline import analyze_text
    from voice_coach.questions import load_bank

    question = load_bank().get(QUESTION)
    embedder = shared_meaning_model().embedder
    cfg = Config()
    out = []
    for _ in range(passes):
        for i, text in enumerate(texts):
            report = dataclasses.asdict(analyze_text(text, cfg=cfg,
                                                     question=question if i % 2 else None))
            report.pop("timings", None)
            clauses = [c for _, _, c in clean_clauses(text.split())]
            run = embedder.embed_spans(clauses + [text[:200]], SPAN_WINDOWS)
            out.append(digest(report) + hashlib.sha256(b"".join(
                a.tobytes() for a in run)).hexdigest())
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--baseline", type=Path, required=True)
    ap.add_argument("--limit", type=int, default=0, help="only N texts, evenly spread (0: all)")
    ap.add_argument("--worker", choices=["old", "new"], help=argparse.SUPPRESS)
    args = ap.parse_args()
    texts = answer_texts()
    if args.limit:
        texts = texts[::max(1, len(texts) // args.limit)][:args.limit]
    if args.worker:
        print(json.dumps(outputs(texts, 1 if args.worker == "old" else 2)))
        return
    runs = {}
    for name, root in (("old", args.baseline), ("new", ROOT)):
        env = dict(os.environ, PYTHONPATH=str(root))
        runs[name] = json.loads(subprocess.run(
            [PY, str(Path(__file__).resolve()), "--baseline", str(args.baseline), "--limit",
             str(args.limit), "--worker", name], cwd=root, env=env, check=True,
            capture_output=True, text=True).stdout)
    old, new = runs["old"], runs["new"]
    n = len(texts)
    bad = [i for i in range(n) if not old[i] == new[i] == new[n + i]]
    print(f"{n} answer texts, new code twice (second from the cache): "
          f"{n - len(bad)} identical, {len(bad)} different")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
