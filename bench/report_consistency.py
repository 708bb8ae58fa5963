"""Self-contradicting reports over the labelled answers (issue 13, "one set of facts").

Every answer of the structure data sets (rounds M1–M8 included; the key-point rounds 5–8 are
their answers again) and the key-point tuning set is analysed with `analyze_text`
against its own bank question when it names one (`question_id` / `question`), else one of its
kind (behavioural: lp-deliver-results-1, technical: ml-overfitting-1, coding: code-kmeans-1),
rendered with the real terminal view, and checked for the contradictions users reported: a STAR
part or triad slot ✓ next to the key point that restates it "missed"; "Situation and Task took
N %" next to "S ✗ T ✗"; STAR-L or the metric triad in a technical/coding view; "room for the
missing detail" with no key point missing; a share shown for an absent part; and the lines that
talk about numbers (QA7 F08): "a measurable result" covered next to a triad with no number or
"0 quantified results", a triad ✓ with nothing shown for it, a number in the triad line with "0
quantified results", a "put numbers on it" tip next to a number read, a follow-up asking for the
number before the change when no number after it was said, a baseline and an after ✓ on fewer
than two quantified results (QA8 F17/F32); and an introduction whose structure
and content, both read from its key points, disagree (QA7 F17).

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
        *sorted(DATA.glob("structure_round_m*/*.toml")), DATA / "key_points_tuning.toml",
        *sorted((DATA / "structure_eval").glob("*.toml")),
        *sorted((DATA / "structure_eval" / "answers").glob("*.toml"))]
QUESTIONS = {"behavioral": "lp-deliver-results-1", "technical": "ml-overfitting-1",
             "coding": "code-kmeans-1"}
CHECKS = ("STAR part / triad slot ✓ vs its key point missed", "set-up share with S ✗ T ✗",
          "STAR-L / triad in a technical or coding view", "room for detail, nothing missed",
          "share shown for an absent part", "key point covered while its fact is ✗",
          "set-up tip with A ✗", "measured result ✓ vs 'a measurable result' missed",
          "structure 100 next to a structure tip", "off topic? with 2+ key points covered",
          "'a measurable result' covered, no number read", "triad ✓ with nothing shown",
          "number in the triad, '0 quantified results'", "'put numbers on it' next to a number",
          "baseline asked, no number after it", "intro: structure and content disagree",
          "baseline ✓ and after ✓, under 2 quantified results")
NO_NUMBER_TIPS = ("put numbers on it", "The result has no number")


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


def contradictions(report: AnswerReport, kind: str, category: str | None = None) -> list[str]:
    """The CHECKS this report fails (`category`: the question's, "intro" is no story)."""
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
            # a long set-up is coached by its share, not called missing (QA7 F02): "short
            # situation …" covered next to "Situation and Task took 51 %" is one reading
            ("short situation" in covered and not star["task"].present)
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
            (tri.after or tri.baseline or tri.evidence) and "a measurable result" in missed:
        found.append(CHECKS[7])
    if report.scores.structure == 100 and any(
            f.area in ("star", "technical") and f.severity != "good" for f in report.feedback):
        found.append(CHECKS[8])
    if len(s.key_points.covered) >= 2 and any(f.area == "relevance" and f.severity == "warn"
                                              for f in report.feedback):  # "not checked" is info
        found.append(CHECKS[9])
    found += _number_lines(report, view)
    n_points = len(s.key_points.covered) + len(s.key_points.missed) + len(s.key_points.unclear)
    if kind == "behavioral" and category == "intro" and n_points and \
            report.scores.structure != report.scores.content:
        found.append(CHECKS[15])
    return found


def _number_lines(report: AnswerReport, view: str) -> list[str]:
    """The checks of the lines that talk about numbers: the key point, the triad line, the
    "N quantified results" count, the metrics tip and the follow-up (QA7 F08)."""
    s = report.structure
    tri = s.metric_triad
    triad_line = next((ln for ln in view.splitlines() if ln.startswith("metric triad:")), "")
    number_read = bool(tri.baseline or tri.after or tri.evidence)
    tips = " ".join(f.message for f in report.feedback if f.area == "metrics")
    found = []
    if any("measurable result" in k for k in s.key_points.covered) and (
            not number_read or not s.quantified_results):
        found.append(CHECKS[10])
    if triad_line and "✓" in triad_line and "(" not in triad_line:
        found.append(CHECKS[11])
    if tri.evidence and not s.quantified_results:
        found.append(CHECKS[12])
    if (tri.baseline or tri.after) and any(t in tips for t in NO_NUMBER_TIPS):
        found.append(CHECKS[13])
    if report.follow_up_key == "no_baseline" and not (tri.after or tri.evidence):
        found.append(CHECKS[14])
    if tri.baseline and tri.after and s.quantified_results < 2:
        found.append(CHECKS[16])  # two slots filled from one number (QA8 F17/F32)
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
        own = a.get("question_id") or a.get("question")
        question = bank.get(own) if own in bank else None
        kind = question.kind if question else a.get("kind") or "behavioral"
        if kind not in QUESTIONS:
            continue
        question = question or bank.get(QUESTIONS[kind])
        n += 1
        report = analyze_text(a["text"], cfg=cfg, question=question)
        # a technical question about something you did is coached as a story: judge the report
        # by the kind it was coached as
        for c in contradictions(report, report.kind or kind, question.category):
            counts[c] += 1
    print(f"{n} answers\n\n| contradiction | reports |\n|---|---|")
    for c, v in counts.items():
        print(f"| {c} | {v} |")


if __name__ == "__main__":
    main()
