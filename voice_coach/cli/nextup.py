"""`voice-coach next`: what to practise next, and why (spaced repetition over your answers)."""

from __future__ import annotations

import argparse
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from voice_coach.cli import common
from voice_coach.cli.stories import read_plan
from voice_coach.questions import load_bank
from voice_coach.scheduler import Suggestion, choose_next, sync
from voice_coach.store import Store

SHOWN = 3  # suggestions listed


def register(sub) -> None:
    p = common.add_command(
        sub, "next", "what to practise next, and why (weak answers come back sooner)", run_next,
        description="Pick what to practise next from your saved answers: answers scored low "
        "and skills you missed come back sooner (FSRS spaced repetition); principles and "
        "categories you never practised count as due; a block made by `voice-coach plan` "
        "comes first. `practice` with no --question or --category asks the first of these.")
    p.add_argument("--kind", choices=("behavioral", "technical", "coding"), help="only this kind")
    p.add_argument("--category", metavar="C", help="only this category")
    p.add_argument("--prompts", metavar="DIR", help="question bank folder (default: prompts/)")


def suggestions(args: argparse.Namespace, *, kind: str | None, category: str | None,
                limit: int = SHOWN) -> list[Any]:
    """Bring the schedule up to date with the saved answers and rank what is due."""
    bank = load_bank(Path(args.prompts) if args.prompts else None)
    if category is not None:
        bank.filter(category=category)  # an unknown category is an error with a suggestion
    store = Store(common.recordings_dir(args))
    state = sync(store)
    now = datetime.now(timezone.utc)
    found = choose_next(state, bank, now, kind=kind, category=category, limit=limit)
    planned = _planned(store, bank, now, kind=kind, category=category, args=args)
    if planned:
        ids = {p.question_id for p in planned}
        found = planned + [s for s in found if s.question_id not in ids]
    return found[:limit], bank


def _planned(store: Store, bank: Any, now: datetime, *, kind: str | None,
             category: str | None, args: argparse.Namespace) -> list[Any]:
    """The block made by `voice-coach plan` comes first: its unanswered questions up to today,
    in plan order, when there is a plan (those that match the filters), each with its reason
    told from the story bank as it is now."""
    from voice_coach.plan import planned_due, reason_text, story_ids

    plan = read_plan(Path(store.root))
    if plan is None:
        return []
    due = planned_due(plan, store.answer_records(), now.astimezone().date())
    ids = stories = None
    if any(pq.story or pq.principle for _, pq in due):
        from voice_coach.cli.stories import load_story_bank

        stories = load_story_bank(store, common.load_config(args), bank)
        ids = story_ids(stories)
    out = []
    for day, pq in due:
        if pq.question_id not in bank:
            continue
        q = bank.get(pq.question_id)
        if (kind is None or q.kind == kind) and (category is None or q.category == category):
            out.append(Suggestion(q.id, f"planned: day {day.day} of your block ({day.date}) — "
                                        f"{reason_text(pq, ids, stories)}", now, False, False))
    return out


def run_next(args: argparse.Namespace) -> int:
    from rich.text import Text

    found, bank = suggestions(args, kind=args.kind, category=args.category)
    con = common.console()
    if not found:
        con.print("Nothing to suggest: no question matches. Try without --kind/--category.")
        return 0
    first, rest = found[0], found[1:]
    q = bank.get(first.question_id)
    con.print(Text("Next: ", style="bold").append(first.question_id, style="bold cyan")
              .append(f" — {first.reason}"))
    con.print(Text(f"  {q.text}", style="italic"))
    con.print(f"  practise: voice-coach practice --question {first.question_id}")
    if rest:
        con.print(Text("Then:", style="bold"))
        for s in rest:
            con.print(f"  {s.question_id} — {s.reason}")
    return 0
