"""Targeted before/after of a triad-reading change: only the tuning-round answers (never an
evaluation set) whose words the change can touch, analysed by meaning and settled as the report
does; writes their labels, triad values (bench and report view) and slots to OUT.json, to diff two
checkouts (e.g. a `git archive` of main, then .).

    python bench/facts_targeted.py CODE_ROOT OUT.json --words qa25|qa26|s23|REGEX [--spent]

`--words` names the answers to read: `qa25` (session 22's QA25 mechanisms: a level tagged
"before", the work's time "instead of" another plan's, a drop "stopped by", "by N points, to"),
`qa26` (a number right after "after": QA26 F1), `s23` (session 23: a topic said before a
pronoun subject or after "for" / "in terms of", a change verb with no direction before an
amount, money saved "in … costs"), or any regular expression. `--spent` reads the spent unseen
rounds too (`facts_tuning.spent_rounds`). The triad's values as the bank shows them
(`facts.triad_values`: metric, baseline, after, change, outcome) are written too.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

WORDS = {
    "qa25": r"took.{0,40}(instead of|rather than)|(%|percent|\d)[^.]{0,15}\b(before|previously|"
            r"beforehand|at the start|originally|earlier)\b[,.]|\b(stop|end|eliminat|remov|prevent|"
            r"avoid|block|shr|los|halt|curb|trimm|slash|lower)\w* by\b|\bby [^.]{0,20}points?,? to\b|"
            r"\bby [^.]{0,20}(%|percent)",
    "qa26": r"\bafter (?:about |around |roughly |just |only |like )?(?:\d|one|two|three|four|five|"
            r"six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|"
            r"ninety)\b",
    "s23": r"[a-z], (?:we|i|it|they|that|this) [^.]{0,40}\b(?:from|by|to|at) |(?:^|[.,] )(?:and |so )?"
           r"(?:for|in terms of|as for|regarding) [a-z ]{3,40}\b(?:it|we|they) |\b(?:sav|los|cost|"
           r"spen|paid)\w*\b[^.]{0,30}\d[^.]{0,40}\b(?:in|on) [^.]{0,25}(?:costs?|spend|bills?|"
           r"expenses?|fees?|budgets?)\b|\b(?:went|moved|got|came|brought)\b[^.]{0,25}\d+(?:\.\d+)?"
           r" ?(?:%|percent|points?)",
}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("code", type=Path, help="checkout whose code reads the answers")
    ap.add_argument("out", type=Path, help="JSON written")
    ap.add_argument("--words", required=True, help="qa25, qa26, s23 or a regular expression")
    ap.add_argument("--spent", action="store_true", help="read the spent unseen rounds too")
    args = ap.parse_args(argv)
    code = args.code.resolve()
    sys.path[:0] = [str(code), str(code / "bench")]
    from facts_tuning import round_cases
    from structure_accuracy import TRIAD

    from voice_coach.analysis.facts import reconcile, triad_values
    from voice_coach.analysis.structure import analyze_structure
    from voice_coach.embedder import load_meaning_model

    rx = re.compile(WORDS.get(args.words, args.words), re.I)
    model = load_meaning_model()
    res = {}
    for name, c in round_cases(code, args.spent):
        if not rx.search(c.text):
            continue
        s = analyze_structure(c.text, kind=c.kind, key_points=c.key_points, model=model,
                              method="meaning")
        r = reconcile(s, kind=c.kind or s.kind)
        t = triad_values(c.text)
        res[f"{name}/{c.id}"] = {"labels": [c.labels.get(f"metric_triad.{k}") for k in TRIAD],
                                 "bench": [getattr(s.metric_triad, k) for k in TRIAD],
                                 "report": [getattr(r.metric_triad, k) for k in TRIAD],
                                 "slots": list(r.metric_triad.slots),
                                 "values": [getattr(t, k) for k in ("metric", "baseline", "after",
                                                                    "change", "outcome")]}
    args.out.write_text(json.dumps(res, indent=0))
    print(f"{len(res)} answers → {args.out}")


if __name__ == "__main__":
    main()
