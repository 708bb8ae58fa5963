"""What to practise next: spaced repetition (FSRS, the `fsrs` package) over questions and skills.

Every answered question is a card, rated from the answer's overall score (low → Again/Hard,
high → Good/Easy); every skill an answer is judged on (`voice_coach.skills`) is a card too,
rated Good when shown and Again when missed. Cards low-rated come back sooner. `choose_next`
ranks what is due: weak cards first (last rated Again or Hard), then principles and
categories never practised, then the other due cards; when nothing is due, what comes due first.

State lives in `recordings/schedule.json` (0600, atomic writes). It is a cache of the saved
answers: `sync` reviews answers it has not seen, and rebuilds the whole state when the file is
missing or unreadable or an answer older than the last review turns up (FSRS needs reviews in
order). `choose_next` is pure: state, bank and clock in, suggestions out.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, NamedTuple

from voice_coach.errors import StorageError
from voice_coach.report_model import AnswerReport
from voice_coach.safefs import atomic_write_text
from voice_coach.skills import INTRO_CATEGORY, SKILLS, skill_outcomes, times
from voice_coach.store import Store

log = logging.getLogger(__name__)

__all__ = ["Outcome", "ScheduleState", "Suggestion", "choose_next", "outcome_from_report",
           "rating_for", "review", "sync", "STATE_FILENAME"]

STATE_FILENAME = "schedule.json"
STATE_VERSION = 1
# Overall score → FSRS rating: below 40 Again, below 60 Hard, below 80 Good, else Easy.
RATING_BOUNDS = ((40.0, "Again"), (60.0, "Hard"), (80.0, "Good"))
WEAK_RATINGS = ("Again", "Hard")


def _scheduler():
    """FSRS with day-sized steps (no minute learning steps: a question is practised again
    tomorrow, not in one minute) and no fuzzing, so schedules are reproducible."""
    import fsrs

    return fsrs.Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)


def rating_for(score: float) -> str:
    """The FSRS rating name for an overall score 0–100."""
    for bound, name in RATING_BOUNDS:
        if score < bound:
            return name
    return "Easy"


class Outcome(NamedTuple):
    """One saved answer, as the scheduler sees it."""

    session_id: str
    n: int
    at: datetime  # when it was answered (UTC)
    question_id: str
    category: str | None
    overall: float
    skills: Mapping[str, bool]

    @property
    def key(self) -> str:
        return f"{self.session_id}#{self.n}"


def _parse_time(text: str) -> datetime | None:
    try:
        t = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None
    return (t if t.tzinfo else t.astimezone()).astimezone(timezone.utc)


def outcome_from_report(session_id: str, created_at: str, report: AnswerReport
                        ) -> Outcome | None:
    """The scheduler's view of a saved answer; None for answers it does not schedule
    (follow-ups, answers without a question id or a score)."""
    q = report.question
    block = report.with_follow_up  # the score the session counts, as review shows it
    overall = block.counted_overall if block and block.counted_overall is not None \
        else report.scores.overall
    at = _parse_time(report.created_at or created_at)
    if report.follow_up_of is not None or q is None or q.id is None or overall is None \
            or at is None:
        return None
    return Outcome(session_id, report.n or 0, at, q.id, q.category, float(overall),
                   skill_outcomes(report))


@dataclass
class ScheduleState:
    """FSRS cards (as `fsrs.Card.to_dict()`), the answers already reviewed, and per card the
    history its reasons are told from."""

    cards: dict[str, dict[str, Any]] = field(default_factory=dict)
    history: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    applied: set[str] = field(default_factory=set)
    last_review: str | None = None  # ISO time of the newest answer reviewed

    def to_json(self) -> str:
        return json.dumps({"version": STATE_VERSION, "last_review": self.last_review,
                           "applied": sorted(self.applied), "cards": self.cards,
                           "history": self.history}, indent=1, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> ScheduleState:
        """Raises ValueError when the text is not a state this version wrote."""
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("version") != STATE_VERSION:
            raise ValueError("not a schedule state of version 1")
        return cls(cards=dict(data["cards"]), history=dict(data["history"]),
                   applied=set(data["applied"]), last_review=data.get("last_review"))


def _review_card(state: ScheduleState, key: str, rating: str, at: datetime) -> None:
    import fsrs

    card = fsrs.Card.from_dict(state.cards[key]) if key in state.cards else fsrs.Card(card_id=1)
    card, _ = _scheduler().review_card(card, fsrs.Rating[rating], at)
    state.cards[key] = card.to_dict()


def review(state: ScheduleState, outcomes: Iterable[Outcome]) -> ScheduleState:
    """Review every outcome's question card and skill cards, in time order (in place)."""
    for o in sorted(outcomes, key=lambda o: (o.at, o.session_id, o.n)):
        if o.key in state.applied:
            continue
        rating = rating_for(o.overall)
        _review_card(state, f"q:{o.question_id}", rating, o.at)
        missed = sorted(k for k, shown in o.skills.items() if not shown)
        state.history.setdefault(f"q:{o.question_id}", []).append(
            {"at": o.at.isoformat(), "answer": o.key, "overall": o.overall, "rating": rating,
             "missed": missed, "category": o.category})
        for skill, shown in o.skills.items():
            _review_card(state, f"skill:{skill}", "Good" if shown else "Again", o.at)
            state.history.setdefault(f"skill:{skill}", []).append(
                {"at": o.at.isoformat(), "question_id": o.question_id, "shown": shown,
                 "overall": o.overall})
        state.applied.add(o.key)
        state.last_review = max(state.last_review or "", o.at.isoformat())
    return state


# ---- what next ------------------------------------------------------------------------------

class Suggestion(NamedTuple):
    """Something to practise, and why."""

    question_id: str
    reason: str  # "due: you left out the baseline twice (scored 54 last time)"
    due: datetime
    weak: bool  # last rated Again or Hard
    new: bool  # a principle or category never practised


def _question_reason(history: Sequence[Mapping[str, Any]]) -> str:
    last = history[-1]
    counts: dict[str, int] = {}
    for h in history:
        for skill in h.get("missed") or []:
            counts[skill] = counts.get(skill, 0) + 1
    order = list(SKILLS)
    worst = sorted((s for s in counts if s in SKILLS),
                   key=lambda s: (-counts[s], order.index(s)))[:2]
    said = " and ".join(f"{SKILLS[s].missed} {times(counts[s])}" for s in worst)
    score = f"scored {last['overall']:.0f} last time"
    return f"you {said} ({score})" if said else score


def _skill_question(history: Sequence[Mapping[str, Any]]) -> str | None:
    """The question a skill was missed on with the lowest score (to practise it there)."""
    missed = [h for h in history if not h.get("shown")]
    return min(missed, key=lambda h: h.get("overall") or 0.0).get("question_id") if missed \
        else None


def _due(card: Mapping[str, Any]) -> datetime:
    return datetime.fromisoformat(card["due"])


def choose_next(state: ScheduleState, bank: Iterable[Any], now: datetime, *,
                kind: str | None = None, category: str | None = None,
                limit: int = 3) -> list[Suggestion]:
    """Up to `limit` suggestions, most urgent first.

    Due question cards and due skill cards (practised on the question the skill was last missed
    on) whose last rating was Again or Hard come first, by FSRS retrievability (lowest first);
    then a question for each principle and category never practised (bank order); then other
    due cards. When nothing is due, the cards that come due soonest.
    """
    import fsrs

    questions = {q.id: q for q in bank if (kind is None or q.kind == kind)
                 and (category is None or q.category == category)}
    sched = _scheduler()
    due_now: list[tuple[float, Suggestion]] = []
    later: list[Suggestion] = []
    seen: set[str] = set()

    def add(qid: str | None, reason: str, card: Mapping[str, Any], weak: bool) -> None:
        if qid is None or qid not in questions or qid in seen:
            return
        seen.add(qid)
        due = _due(card)
        if due <= now:
            r = sched.get_card_retrievability(fsrs.Card.from_dict(card), now)
            due_now.append((r, Suggestion(qid, "due: " + reason, due, weak, False)))
        else:
            later.append(Suggestion(qid, f"next due {due:%Y-%m-%d}: " + reason, due, weak, False))

    # Question cards first (their reasons are the most specific), then skill cards.
    cards = sorted(state.cards.items(),
                   key=lambda kv: (not kv[0].startswith("q:"), _due(kv[1]), kv[0]))
    for key, card in cards:
        history = state.history.get(key) or []
        if not history:
            continue
        if key.startswith("q:"):
            add(key[2:], _question_reason(history), card,
                history[-1].get("rating") in WEAK_RATINGS)
        elif key.startswith("skill:") and not history[-1].get("shown"):
            skill = key[len("skill:"):]
            if skill in SKILLS:
                missed = sum(not h.get("shown") for h in history)
                add(_skill_question(history),
                    f"you {SKILLS[skill].missed} {times(missed)} — {SKILLS[skill].fix}",
                    card, True)
    practised = [q for q in (questions.get(k[2:]) for k in state.cards if k.startswith("q:"))
                 if q is not None]
    new = _never_practised(list(questions.values()), practised, seen)
    due_now.sort(key=lambda rs: rs[0])
    weak = [s for _, s in due_now if s.weak]
    rest = [s for _, s in due_now if not s.weak]
    out = weak + new + rest
    if not out:
        out = sorted(later, key=lambda s: s.due)
    return out[:limit]


def _never_practised(questions: Sequence[Any], practised: Sequence[Any], seen: set[str]
                     ) -> list[Suggestion]:
    """One question per Leadership Principle and per category no practised question covers,
    in bank order with the intro questions first (a first session starts like a real one)."""
    done_p = {p for q in practised if q.category != INTRO_CATEGORY for p in q.principles}
    done_c = {q.category for q in practised}
    epoch = datetime.min.replace(tzinfo=timezone.utc)
    out = []
    for q in sorted(questions, key=lambda q: q.category != INTRO_CATEGORY):
        story = q.category != INTRO_CATEGORY  # an intro shows no principle, only itself
        fresh_p = [p for p in q.principles if p not in done_p] if story else []
        if q.id in seen or not (fresh_p or q.category not in done_c):
            continue
        what = f"principle {fresh_p[0]}" if fresh_p else f"category {q.category}"
        out.append(Suggestion(q.id, f"due: never practised — {what}", epoch, False, True))
        seen.add(q.id)
        done_p.update(q.principles if story else ())
        done_c.add(q.category)
    return out


# ---- state on disk --------------------------------------------------------------------------

def _outcomes(store: Store, skip: set[str]) -> tuple[list[Outcome], set[str]]:
    """Outcomes of every saved answer not in `skip` (reads only sessions that have one), and
    the keys of all the answers looked at (follow-ups included, so they are not read again)."""
    wanted: set[str] = set()
    keys: set[str] = set()
    for r in store.answer_records():
        key = f"{r.session_id}#{r.n}"
        if key not in skip:
            wanted.add(r.session_id)
            keys.add(key)
    out = []
    for sid in sorted(wanted):
        data = store.load_session(sid)
        created = data.meta.created_at or ""
        for report in data.answers:
            o = outcome_from_report(sid, created, report)
            if o is not None and o.key not in skip:
                out.append(o)
    return out, keys


def sync(store: Store) -> ScheduleState:
    """The schedule for `store`'s saved answers, brought up to date and saved (0600).

    Reviews new answers in time order; rebuilds from every saved answer when the state file is
    missing, unreadable, or an answer older than its last review appears.
    """
    path = Path(store.root) / STATE_FILENAME
    state = None
    if path.exists():
        try:
            state = ScheduleState.from_json(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError, TypeError) as e:
            log.warning("%s is unreadable (%s); rebuilding it from the saved answers", path, e)
    if state is not None:
        fresh, keys = _outcomes(store, state.applied)
        if any(state.last_review and o.at.isoformat() < state.last_review for o in fresh):
            log.debug("an answer older than the last review appeared; rebuilding %s", path)
            state = None
    if state is None:
        state = ScheduleState()
        fresh, keys = _outcomes(store, set())
    if keys or not path.exists():
        review(state, fresh)
        state.applied |= keys
        try:
            atomic_write_text(path, state.to_json())
        except StorageError as e:  # a read-only folder still gets its suggestions
            log.warning("the schedule was not saved (%s); it is rebuilt next time", e)
    return state
