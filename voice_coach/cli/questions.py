"""CLI command: questions — browse the question bank (list with filters, or show one).

Imports only the light `voice_coach.questions` (tomllib, difflib) and rich, inside the command.
"""

from __future__ import annotations

import argparse
import random

from voice_coach.cli import common
from voice_coach.questions import ROUNDS, load_bank, plan_round

TEXT_PREVIEW_CHARS = 70
WIDE_TABLE_COLUMNS = 140  # below this terminal width `questions` lists in the narrow layout


def register(sub) -> None:
    """Add `voice-coach questions` to the parser."""
    p = common.add_command(
        sub, "questions", "browse the interview question bank",
        run_questions,
        description="List the question bank (filter by category, kind or a search word), "
        "show one question with its key points and follow-ups, or preview a mock round.")
    p.add_argument("--category", metavar="C", help="only this category (e.g. core-ml, leadership)")
    p.add_argument("--kind", metavar="K", help="only this kind: behavioral, technical or coding")
    p.add_argument("--search", metavar="WORD",
                   help="only questions whose id, text, key points or principles contain WORD")
    p.add_argument("--show", metavar="ID", help="show one question in full")
    p.add_argument("--round", metavar="NAME",
                   help="preview the questions of a mock round (amazon-ml, amazon-aie, behavioral)")
    p.add_argument("--seed", type=int, default=None, help="random seed for --round")
    p.add_argument("--prompts", metavar="DIR",
                   help="question bank folder or file (default: $VOICE_COACH_PROMPTS or prompts/)")


def _preview(text: str, limit: int = TEXT_PREVIEW_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _table(questions, title: str, width: int = 200):
    from rich.table import Table
    from rich.text import Text

    if width < WIDE_TABLE_COLUMNS:
        # Narrow terminal: the question goes under its id, in the one column that may wrap,
        # so it wraps at word boundaries over most of the width instead of one word per line.
        table = Table(title=title, title_justify="left", expand=True)
        table.add_column("question", ratio=1, overflow="fold")
        table.add_column("kind", no_wrap=True)
        table.add_column("category", no_wrap=True)
        for q in questions:
            cell = Text(q.id, style="bold")
            cell.append("\n" + _preview(q.text), style="")
            if q.principles:
                cell.append("\n" + ", ".join(q.principles), style="dim")
            table.add_row(cell, q.kind, q.category)
        return table
    table = Table(title=title, title_justify="left")
    table.add_column("id", no_wrap=True, style="bold")
    table.add_column("kind", no_wrap=True)
    table.add_column("category", no_wrap=True)
    table.add_column("principles")
    table.add_column("question")
    for q in questions:
        table.add_row(q.id, q.kind, q.category, ", ".join(q.principles), _preview(q.text))
    return table


def _panel(q):
    from rich.panel import Panel
    from rich.text import Text

    body = Text()
    body.append(q.text + "\n\n")
    minutes, seconds = divmod(round(q.target_s), 60)
    body.append(f"kind: {q.kind}    category: {q.category}    "
                f"target: {q.target_s:.0f} s ({minutes}:{seconds:02d})\n", style="dim")
    if q.principles:
        body.append("principles: " + ", ".join(q.principles) + "\n", style="dim")
    if q.key_points:
        body.append("\nKey points a strong answer covers:\n", style="bold")
        for kp in q.key_points:
            body.append(f"  • {kp}\n")
    if q.follow_ups:
        body.append("\nFollow-ups (asked when the answer lacks…):\n", style="bold")
        for key, text in q.follow_ups.items():
            body.append(f"  {key}: ", style="cyan")
            body.append(text + "\n")
    body.append(f"\nsource: {q.source}", style="dim")
    return Panel(body, title=q.id, title_align="left")


def run_questions(args: argparse.Namespace) -> int:
    bank = load_bank(args.prompts)
    out = common.console()
    if args.show:
        out.print(_panel(bank.get(args.show)))
        return 0
    if args.round:
        seed = args.seed if args.seed is not None else random.SystemRandom().randrange(10**6)
        questions = plan_round(args.round, bank, random.Random(seed))
        spec = ROUNDS[args.round]
        out.print(_table(questions, f"{spec.title}: {spec.description}", out.width))
        out.print(f"{len(questions)} questions (seed {seed}; "
                  f"repeat with --round {args.round} --seed {seed})")
        return 0
    questions = bank.filter(category=args.category, kind=args.kind, search=args.search)
    if not questions:
        out.print("0 questions match; try fewer filters "
                  f"(categories: {', '.join(bank.categories())})")
        return 0
    out.print(_table(questions, "Question bank", out.width))
    noun = "question" if len(questions) == 1 else "questions"
    out.print(f"{len(questions)} {noun} of {len(bank)} "
              "(show one in full with --show ID)")
    return 0
