"""Self-contradicting reports over the labelled answers (issue 13, "one set of facts").

Every answer of the structure data sets is analysed with `analyze_text` against a bank question
of its kind (behavioural: lp-deliver-results-1, technical: ml-overfitting-1, coding:
code-kmeans-1), rendered with the real terminal view, and checked for the contradictions users
reported: a STAR part or triad slot ✓ next to the key point that restates it "missed"; "Situation
and Task took N %" next to "S ✗ T ✗"; STAR-L or the metric triad in a technical/coding view;
"room for the missing detail" with no key point missing; a share shown for an absent part.

    python bench/report_consistency.py            # prints a Markdown table
    python bench/report_consistency.py --no-eval  # without the frozen evaluation set

The answers were not used to write the reconciliation rules (they are the analysis' tuning,
hold-out and frozen evaluation sets).
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from voice_coach.config import Config  # noqa: E402
from voice_coach.pipeline import analyze_text  # noqa: E402
from voice_coach.report_model import AnswerReport  # noqa: E402
from voice_coach.questions import load_bank  # noqa: E402
from voice_coach.report import render_answer_terminal  # noqa: E402

DATA = ROOT / "tests" / "data"
SETS = [DATA / "structure_cases.toml", DATA / "structure_holdout.toml",
        *sorted((DATA / "structure_eval").glob("*.toml")),
        *sorted((DATA / "structure_eval" / "answers").glob("*.toml"))]
QUESTIONS = {"behavioral": "lp-deliver-results-1", "technical": "ml-overfitting-1",
             "coding": "code-kmeans-1"}
CHECKS = ("STAR part / triad slot ✓ vs its key point missed", "set-up share with S ✗ T ✗",
          "STAR-L / triad in a technical or coding view", "room for detail, nothing missed",
          "share shown for an absent part", "key point covered while its fact is ✗",
          "set-up tip with A ✗", "measured result ✓ vs 'a measurable result' missed",
          "structure 100 next to a structure tip", "off topic? with 2+ key points covered")


def _answers() -> list[dict]:
    out = []
    for path in SETS:
        if path.exists():
            data = tomllib.loads(path.read_text())
            out += [a for a in data.get("case", []) + data.get("answer", []) if a.get("text")]
    return out


def _view(report: AnswerReport) -> str:
    from rich.console import Console

    with open("/dev/null", "w") as sink:
        console = Console(record=True, width=300, color_system=None, file=sink)
        render_answer_terminal(report, console)
        return console.export_text()


def contradictions(report: AnswerReport, kind: str) -> list[str]:
    """The CHECKS this report fails."""
    s = report.structure
    star, tri = s.star, s.metric_triad
    missed = " ".join(s.key_points.missed).lower()
    msgs = [f.message for f in report.feedback]
    view = _view(report)
    setup = star["situation"].present or star["task"].present
    setup_tip = any("Situation and Task took" in m for m in msgs)
    covered = " ".join(s.key_points.covered).lower()
    found = []
    if kind == "behavioral" and (
            (tri.business_outcome and "business outcome" in missed)
            or (star["learning"].present and "what you learned" in missed)
            or (tri.baseline and tri.after and star["result"].present
                and "before and after number" in missed)
            or (star["situation"].present and star["task"].present and not setup_tip
                and "short situation" in missed)
            or (s.scale_evidence and "scale of the" in missed)):
        found.append(CHECKS[0])
    if kind == "behavioral" and (
            ("short situation" in covered and (not star["task"].present or setup_tip))
            or (not tri.business_outcome and "business outcome" in covered)
            or (not star["learning"].present and "what you learned" in covered)):
        found.append(CHECKS[5])
    if setup_tip and not star["action"].present:
        found.append(CHECKS[6])
    if any("Situation and Task took" in m for m in msgs) and not setup:
        found.append(CHECKS[1])
    if kind != "behavioral" and ("STAR-L" in view or "metric triad" in view):
        found.append(CHECKS[2])
    if any("room for the missing detail" in m for m in msgs) and not s.key_points.missed:
        found.append(CHECKS[3])
    if re.search(r"\b[STARL] ✗ \d+%", view):
        found.append(CHECKS[4])
    if kind == "behavioral" and star["result"].present and \
            (tri.after or tri.baseline or tri.business_outcome) and "a measurable result" in missed:
        found.append(CHECKS[7])
    if report.scores.structure == 100 and any(
            f.area in ("star", "technical") and f.severity != "good" for f in report.feedback):
        found.append(CHECKS[8])
    if len(s.key_points.covered) >= 2 and any(f.area == "relevance" for f in report.feedback):
        found.append(CHECKS[9])
    return found


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if "--no-eval" in args:  # the tuning and hold-out sets only
        SETS[:] = [p for p in SETS if "structure_eval" not in p.parts]
    bank = load_bank()
    cfg = Config()
    counts = dict.fromkeys(CHECKS, 0)
    n = 0
    for a in _answers():
        kind = a.get("kind") or "behavioral"
        if kind not in QUESTIONS:
            continue
        n += 1
        report = analyze_text(a["text"], cfg=cfg, question=bank.get(QUESTIONS[kind]))
        for c in contradictions(report, kind):
            counts[c] += 1
    print(f"{n} answers\n\n| contradiction | reports |\n|---|---|")
    for c, v in counts.items():
        print(f"| {c} | {v} |")


if __name__ == "__main__":
    main()
