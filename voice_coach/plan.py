"""A block of mock interview rounds on consecutive days (`voice-coach plan --days N`).

Pure logic, no I/O: the CLI passes the question bank, the story bank and the indexed answers,
and stores the result as JSON (`dumps` / `loads`). The guides ask candidates to "simulate a
block of mock interviews on consecutive days"; a plan here:

- cycles the guide's round types (`questions.ROUNDS`: Leadership Principles, Applied-AI,
  ML loop) over the days;
- fills the behavioural slots from one queue: questions answered weakly before (overall below
  `WEAK_OVERALL`, lowest first), then, alternating, a question for each story (on the
  principle it was told for before one only named, weakest story first — so every story is
  exercised) and a question for each principle without a story in the story bank's coverage
  that no planned retelling already asks for (one slot per principle: a retelling on it is
  its story);
- never asks two questions on one principle in a day; the other slots come from the round's
  own picker (seeded `random.Random`), weak technical questions first when they fit a slot.

`planned_due` is what `voice-coach next` (and `practice` with no question) follow, the
day's questions in order; `day_trend` gives the
block's day-by-day scores.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from voice_coach.questions import ROUNDS, Question, QuestionBank, plan_round
from voice_coach.stories import StoryBank, principle_gaps

__all__ = ["MAX_DAYS", "Plan", "PlanDay", "PlannedQuestion", "ROUND_CYCLE", "WEAK_OVERALL",
           "day_trend", "done_items", "dumps", "loads", "make_plan", "next_planned", "plan_lines",
           "planned_due",
           "reason_text", "story_ids"]

MAX_DAYS = 14
WEAK_OVERALL = 60.0  # an answered question whose mean overall score is below this is re-asked
ROUND_CYCLE = ("behavioral", "amazon-aie", "amazon-ml")  # the guides' rounds, in block order
PLAN_VERSION = 1
NO_STORY_YET = "no story yet for "  # the reason of a principle without a story, and its prefix
ASKED_AGAIN = " — asked again "  # … of one the block asked on an earlier day too


@dataclass(frozen=True)
class PlannedQuestion:
    question_id: str
    reason: str  # why it is in the plan ("weak last time: 48", "retell “…”")
    # a story to retell, by the key of its first telling ("<session id>#<n>"): story numbers
    # shift as stories are merged, split or regrouped, telling keys do not
    story: str = ""
    # a principle that had no story when the plan was made: the reason is told again from the
    # story bank as it is now (`reason_text`), so "no story yet" is never repeated after you told
    # one (QA7 F26)
    principle: str = ""


@dataclass(frozen=True)
class PlanDay:
    day: int  # 1-based
    date: str  # YYYY-MM-DD
    round: str  # a key of questions.ROUNDS
    questions: tuple[PlannedQuestion, ...]


@dataclass(frozen=True)
class Plan:
    start: str  # YYYY-MM-DD
    days: tuple[PlanDay, ...]
    created_at: str = ""  # ISO 8601; only answers given after it count as the block's progress
    # principles without a story the block could not ask, each with why: "Think Big: no
    # question in the bank asks for it" — shown under the plan, never dropped silently
    unplanned: tuple[str, ...] = ()

    def counts(self, record: Any) -> bool:
        """True when `record` (a `store.AnswerRecord`) was given after the plan was made."""
        if not self.created_at:
            return True
        try:
            return _instant(str(record.created_at)) > _instant(self.created_at)
        except ValueError:
            return False


def _instant(iso: str) -> datetime:
    """An ISO 8601 time as an aware datetime (a time without offset is local time)."""
    t = datetime.fromisoformat(iso)
    return t if t.tzinfo else t.astimezone()


def counted(record: Any) -> float | None:
    """An answer's overall as its session counts it: re-scored with what its follow-up reply
    supplied when that counts (`AnswerRecord.counted_overall`, review's "89*"), else its own
    (QA64 F8: the plan said 82 where review and progress said 89*)."""
    value = getattr(record, "counted_overall", None)
    value = record.overall if value is None else value
    return None if value is None else float(value)


def _answered(records: Iterable[Any], bank: QuestionBank) -> dict[str, list[float]]:
    """Every question of the bank answered before (not as a follow-up reply) → the overall
    scores of its answers as the session counts them (review's "90*": with what a follow-up
    supplied), in order; empty when no answer to it was scored."""
    scores: dict[str, list[float]] = {}
    for r in records:
        overall = counted(r)
        if r.question_id in bank and r.follow_up_of is None:
            scores.setdefault(r.question_id, []).extend([overall] if overall is not None else [])
    return scores


def overall_said(scores: Sequence[float]) -> str:
    """The overall scores behind a reason, as the user saw them: "overall 73", or "overall 73,
    80, 90; mean 81" — a mean is never shown as if it were a score (QA68 F5)."""
    if len(scores) == 1:
        return f"overall {scores[0]:.0f}"
    return f"overall {', '.join(f'{x:.0f}' for x in scores)}; mean {sum(scores) / len(scores):.0f}"


def _again(scores: Sequence[float]) -> str:
    """The reason of a round question answered before, asked again because the bank has no
    other of its kind: "answered before (overall 81) — round question"."""
    return ("answered before" + (f" ({overall_said(scores)})" if scores else "")
            + " — round question")


def _weak_questions(answered: Mapping[str, list[float]]) -> list[tuple[str, list[float]]]:
    """The answered questions whose mean overall score is below WEAK_OVERALL, lowest first."""
    return sorted(((q, v) for q, v in answered.items() if v and sum(v) / len(v) < WEAK_OVERALL),
                  key=lambda x: sum(x[1]) / len(x[1]))


def _behavioural_queue(bank: QuestionBank, stories: StoryBank, weak: Sequence[tuple[str, float]],
                       rng: random.Random) -> list[PlannedQuestion]:
    asking = [q for q in bank.filter("leadership", "behavioral")]
    by_principle: dict[str, list[Question]] = {}
    for q in asking:
        for p in q.principles:
            by_principle.setdefault(p, []).append(q)
    used: set[str] = set()
    queue: list[PlannedQuestion] = []
    for qid, scores in weak:
        if bank.get(qid).kind == "behavioral" and bank.get(qid).category == "leadership":
            queue.append(PlannedQuestion(qid, f"weak before ({overall_said(scores)}) — "
                                              "answer it again"))
            used.add(qid)
    if not queue and (weakest := _weakest_answered(stories, bank)) is not None:
        # nothing scored below WEAK_OVERALL: the weakest answer so far is still the one to
        # answer again first, before any retelling (QA28 F8)
        qid, scores = weakest
        queue.append(PlannedQuestion(qid, f"weakest so far ({overall_said(scores)}) — answer it "
                                          "again"))
        used.add(qid)
    story_items: list[PlannedQuestion] = []
    # the questions any story was told for: a retelling goes to one not answered yet when its
    # principles have one, else it says it was answered before (QA70 F7, QA68 F5)
    answered_by = {t.question_id: st for st in stories.stories for t in st.tellings}
    for s in sorted(stories.stories, key=lambda s: (s.scores.total, s.last_told, s.id)):
        # never the question a telling of it was judged not to answer (QA12 F07), nor one it
        # was already told for: a retelling is the story at a question it has not met (QA19 F10)
        told = {t.question_id for t in s.tellings}
        free = [q for q in asking if q.id not in used and q.id not in s.not_answered
                and q.id not in told]
        # a principle the story is only weak on comes first: the retelling that names it
        # makes the story strong there (QA28 F8); then the rest, strongest evidence first
        weak_on = [p for p in s.practice_principles
                   if stories.coverage.level.get((p, s.id)) == "weak"]
        ranked = list(dict.fromkeys(weak_on + list(s.practice_principles)))
        # a question led by one of the story's principles before one that only lists it second
        # (QA38 F9: "raise the bar when hiring" lists Highest Standards after Hire and Develop)
        options = [q for p in ranked for q in by_principle.get(p, [])
                   if q in free and q.principles[0] == p] \
            or [q for p in ranked for q in by_principle.get(p, []) if q in free]
        if not options and ranked:
            # every question on its principles is taken or was met already: one it was told
            # for again, never a question on a principle the story has nothing to say about
            # (QA38 F9: an allergen-quality story sent to a hiring question)
            options = [q for p in ranked for q in by_principle.get(p, [])
                       if q.id not in used and q.id not in s.not_answered]
        if not options and not ranked:
            options = free
        options = [q for q in options if q.id not in answered_by] \
            or [q for q in options if q.id in answered_by]
        if options:
            q = options[0] if s.practice_principles else rng.choice(options)
            used.add(q.id)
            also = [p for p in q.principles if stories.coverage.best_level(p) == "none"]
            before = answered_by.get(q.id)
            story_items.append(PlannedQuestion(
                q.id, f"retell “{s.title}”{_told_for(s)}{_also_asks(also)}"
                      + (f" — answered before with story {before.id}" if before else ""),
                s.tellings[0].key))
    retold = _retold_principles(story_items, bank)
    gap_items = [g for g in _gap_items(stories, bank, used) if g.principle not in retold]
    used.update(g.question_id for g in gap_items)
    for i in range(max(len(story_items), len(gap_items))):
        queue += story_items[i:i + 1] + gap_items[i:i + 1]
    return queue


def _weakest_answered(stories: StoryBank, bank: QuestionBank) -> tuple[str, list[float]] | None:
    """The leadership question of the story bank's tellings with the lowest overall score
    (its mean over the tellings that answered it) with those tellings' scores, or None when no
    telling is scored."""
    scores: dict[str, list[float]] = {}
    for s in stories.stories:
        for t in s.tellings:
            if t.question_id in bank and t.overall is not None and not t.is_reply \
                    and bank.get(t.question_id).category == "leadership":
                scores.setdefault(t.question_id, []).append(t.overall)
    weakest = min(scores.items(), key=lambda x: (sum(x[1]) / len(x[1]), x[0]), default=None)
    return weakest


def _gap_items(stories: StoryBank, bank: QuestionBank, used: set[str]) -> list[PlannedQuestion]:
    """A question for each principle the story bank has no story for (`principle_gaps`, the
    bank's own coverage), its question not already `used`."""
    return [PlannedQuestion(g.question_id, f"{NO_STORY_YET}{g.principle}", principle=g.principle)
            for g in principle_gaps(stories, bank)
            if g.level == "none" and g.question_id and g.question_id not in used]


def _retold_principles(items: Iterable[PlannedQuestion], bank: QuestionBank) -> set[str]:
    """The principles the plan's story retellings ask for: a story retold for a question on a
    principle without a story gives that principle a story in the plan, so the plan does not
    also call it "no story yet" (QA11 F11: Backbone retold on day 1, "no story yet" on day 2)."""
    return {p for pq in items if pq.story for p in bank.get(pq.question_id).principles}


ALSO_ASKS = " — it also asks for {}, which has no story yet"  # a retelling that covers a gap


def _also_asks(principles: Sequence[str]) -> str:
    """The reason's tail naming the principles without a story that a retelling's question also
    asks for: the plan covers them with the retelling, and says so (QA30 F5: Think Big was
    covered by a retelling at lp-invent-simplify-2 and shown nowhere)."""
    return ALSO_ASKS.format(" and ".join(principles)) if principles else ""


def _told_for(story: Any) -> str:
    """Where the story was first told, so a title made of the candidate's (or Whisper's) words
    is recognisable: " (first told for lp-ownership-1)", " (first told in a follow-up reply on
    lp-invent-simplify-1)"."""
    first = story.tellings[0]
    if not first.question_id:
        return ""
    reply = first.switched_from is not None or first.real_time_of is not None
    return f" (first told {'in a follow-up reply on' if reply else 'for'} {first.question_id})"


def make_plan(bank: QuestionBank, stories: StoryBank, records: Iterable[Any], *, days: int,
              start: date, rng: random.Random, created_at: str = "") -> Plan:
    """A block of `days` rounds from `start` (one a day).

    Args:
        bank: the question bank.
        stories: the story bank (stories to exercise, principles without a story).
        records: `store.AnswerRecord`s (which questions were answered weakly).
        days: 1 … MAX_DAYS.
        start: the first day.
        rng: seeded for a reproducible plan.
        created_at: ISO 8601 time the plan is made (answers before it are not progress).
    """
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f"days must be 1..{MAX_DAYS}, got {days}")
    answered = _answered(records, bank)
    weak = _weak_questions(answered)
    queue = _behavioural_queue(bank, stories, weak, rng)
    weak_tech = [(qid, m) for qid, m in weak if bank.get(qid).kind != "behavioral"]
    no_story = {g.principle for g in principle_gaps(stories, bank) if g.level == "none"}
    gap_day: dict[str, int] = {}  # a principle with no story → the day the block first asks it
    planned: set[str] = set()
    # principles every planned leadership question asks (queue items reserve theirs up front)
    block_principles: set[str] = {p for item in queue for p in bank.get(item.question_id).principles}
    out: list[PlanDay] = []
    for d in range(days):
        name = ROUND_CYCLE[d % len(ROUND_CYCLE)]
        picked = plan_round(name, bank, rng)
        day_qs: list[PlannedQuestion] = []
        principles_today: set[str] = set()
        for q in picked:
            choice: PlannedQuestion | None = None
            if q.category == "leadership":
                for i, item in enumerate(queue):
                    cand = bank.get(item.question_id)
                    if (item.question_id not in planned
                            and not principles_today & set(cand.principles)):
                        choice = queue.pop(i)
                        break
            elif q.kind != "behavioral":
                slot_cats = _slot_categories(name, q)
                for i, (qid, scores) in enumerate(weak_tech):
                    if bank.get(qid).category in slot_cats and qid not in planned:
                        choice = PlannedQuestion(qid, f"weak before ({overall_said(scores)})")
                        del weak_tech[i]
                        break
            if choice is None and q.id in answered \
                    and all(item.question_id != q.id for item in queue):
                # a question answered before is asked again only when the bank has no other of
                # its kind left (QA54 F8, QA56 F11: "round question" for one already told)
                q = _other_of_kind(q, bank, planned | {x.id for x in picked} | set(answered),
                                   rng) or q
            if choice is None and q.id in planned:
                # the round's question is planned already: another of its kind not planned
                # keeps the day as full as the others (QA28 F8: day 5 had 2 questions)
                q = _other_of_kind(q, bank, planned | {x.id for x in picked}, rng) or q
            if choice is None and q.category == "leadership" and q.id not in planned \
                    and not _fresh_principles(q, principles_today, block_principles, no_story):
                # the round's own leadership question asks a principle asked today or already
                # in the block: one that spreads the principles is asked instead (QA37 F11:
                # Best Employer twice on day 4, Think Big on days 3 and 5)
                q = _spreading(q, bank, planned | {x.id for x in picked} | set(answered),
                               principles_today, block_principles, no_story, rng) \
                    or _spreading(q, bank, planned | {x.id for x in picked}, principles_today,
                                  block_principles, no_story, rng) or q
            if choice is None:
                if q.id in planned:
                    continue
                # the round's own question may be one the queue holds for a reason (a principle
                # with no story yet, a story to retell): it is asked for that reason (QA27 F4)
                # — or it asks a principle with no story yet, which its reason names
                held = next((i for i, item in enumerate(queue) if item.question_id == q.id), None)
                # (… a principle the block asked before is named as asked again, QA126 F8:
                # "no story yet for Dive Deep" on days 4 and 5 read as a plan gone wrong)
                bare = next((p for p in q.principles if p in no_story), "") \
                    if q.category == "leadership" else ""
                again = f"{ASKED_AGAIN}(first on day {gap_day[bare]})" if bare in gap_day else ""
                choice = queue.pop(held) if held is not None \
                    else PlannedQuestion(q.id, f"{NO_STORY_YET}{bare}{again}", principle=bare) \
                    if bare \
                    else PlannedQuestion(q.id, _again(answered[q.id])) if q.id in answered \
                    else PlannedQuestion(q.id, "round question")
            planned.add(choice.question_id)
            if choice.reason.startswith(NO_STORY_YET) and choice.principle:
                gap_day.setdefault(choice.principle, d + 1)
            principles_today |= set(bank.get(choice.question_id).principles) \
                if bank.get(choice.question_id).category == "leadership" else set()
            block_principles |= set(bank.get(choice.question_id).principles) \
                if bank.get(choice.question_id).category == "leadership" else set()
            day_qs.append(choice)
        out.append(PlanDay(d + 1, (start + timedelta(days=d)).isoformat(), name, tuple(day_qs)))
    # a principle without a story that no placed retelling asks for and no placed question
    # covers yet (also one whose retelling found no slot) gets a day with room
    placed = [pq for d in out for pq in d.questions]
    covered = _retold_principles(placed, bank) | {pq.principle for pq in placed if pq.principle}
    out = _add_uncovered_principles(out, [g for g in _gap_items(stories, bank, set())
                                          if g.question_id not in planned
                                          and g.principle not in covered], bank)
    return Plan(start.isoformat(), tuple(
        replace(d, questions=tuple(sorted(d.questions, key=lambda p: not p.reason.startswith("weak"))))
        for d in out), created_at, _unplanned(out, stories, bank))


def _unplanned(days: Sequence[PlanDay], stories: StoryBank, bank: QuestionBank) -> tuple[str, ...]:
    """Each principle without a story that no planned question asks for, with why: no question
    in the bank lists it, or the block had no free slot for it (never dropped silently)."""
    asked = {p for d in days for pq in d.questions
             if bank.get(pq.question_id).category == "leadership"
             for p in bank.get(pq.question_id).principles}
    out = []
    for g in principle_gaps(stories, bank):
        if g.level != "none" or g.principle in asked:
            continue
        out.append(f"{g.principle}: no question in the bank asks for it — add one to prompts/ "
                   "(docs/questions.md)" if not g.question_id else
                   f"{g.principle}: no free slot in {len(days)} days — practise "
                   f"`{g.question_id}` or plan more days")
    return tuple(out)


def _add_uncovered_principles(days: list[PlanDay], gaps: Sequence[PlannedQuestion],
                              bank: QuestionBank) -> list[PlanDay]:
    """Principles without a story that found no free leadership slot are added to the day with
    the fewest questions that does not ask that principle already, as long as no day grows past
    the longest planned day (QA8 F19: a day with room asks a principle that has no story)."""
    days = list(days)
    longest = max((len(d.questions) for d in days), default=0)
    for gap in gaps:
        wanted = set(bank.get(gap.question_id).principles)
        fits = [i for i, d in enumerate(days) if len(d.questions) < longest
                and not wanted & {p for q in d.questions for p in bank.get(q.question_id).principles
                                 if bank.get(q.question_id).category == "leadership"}]
        if fits:
            i = min(fits, key=lambda i: (len(days[i].questions), -i))
            days[i] = replace(days[i], questions=days[i].questions + (gap,))
    return days


def _fresh_principles(q: Question, today: set[str], block: set[str],
                      no_story: set[str]) -> bool:
    """`q` asks no principle asked today, its first principle is not in the block yet, and no
    principle without a story it asks is planned already."""
    return not set(q.principles) & today and bool(q.principles) \
        and q.principles[0] not in block and not set(q.principles) & no_story & block


def _spreading(q: Question, bank: QuestionBank, taken: set[str], today: set[str],
               block: set[str], no_story: set[str], rng: random.Random) -> Question | None:
    """A leadership question like `q`, not `taken`, asking no principle asked today and led by
    a principle not yet in the block — one with no story first —, else one led by a principle
    that has a story; None when there is none."""
    free = [o for o in bank.filter(q.category, q.kind) if o.id not in taken and o.principles
            and not set(o.principles) & today]
    others = [o for o in free if _fresh_principles(o, today, block, no_story)]
    gaps = [o for o in others if o.principles[0] in no_story]
    # with every principle in the block already: one whose story exists, never a missing
    # principle planned a second time
    planned_gaps = no_story & block
    told = [o for o in free if not set(o.principles) & planned_gaps]
    pool = gaps or others or told or [o for o in free if o.principles[0] not in no_story]
    return rng.choice(pool) if pool else None


def _other_of_kind(q: Question, bank: QuestionBank, taken: set[str],
                   rng: random.Random) -> Question | None:
    """A question of `q`'s category and kind that is not `taken`, or None."""
    others = [o for o in bank.filter(q.category, q.kind) if o.id not in taken]
    return rng.choice(others) if others else None


def _slot_categories(round_name: str, q: Question) -> set[str]:
    for slot in ROUNDS[round_name].slots:
        if q.category in slot.categories:
            return set(slot.categories)
    return {q.category}


def _answers_by_slot(plan: Plan, records: Iterable[Any]) -> dict[tuple[int, str], list[Any]]:
    """(day number, question id) → the answers that count for that planned question.

    One rule for `planned_due`, `day_trend` and `plan --show`: an answer (not a follow-up reply,
    given after the plan was made) counts for the earliest planned day on or before its own date
    that asks its question and has no answer yet — so a catch-up answer today fills the day it
    was planned for; a further answer to a filled question joins its latest such day. A question
    no day up to the answer's date asks is answered early: the answer counts for the first later
    day that asks it (QA81 F5), never for a later repetition of a question already planned.
    """
    slots: dict[tuple[int, str], list[Any]] = {}
    recs = sorted((r for r in records if r.question_id and r.follow_up_of is None
                   and plan.counts(r)), key=lambda r: str(r.created_at))
    for r in recs:
        answered_on = str(r.created_at)[:10]
        asking = [d for d in plan.days
                  if any(pq.question_id == r.question_id for pq in d.questions)]
        days = [d.day for d in asking if d.date <= answered_on] or [d.day for d in asking[:1]]
        if not days:
            continue
        free = [d for d in days if (d, r.question_id) not in slots]
        slots.setdefault((free[0] if free else days[-1], r.question_id), []).append(r)
    return slots


def planned_due(plan: Plan, records: Iterable[Any],
                today: date) -> list[tuple[PlanDay, PlannedQuestion]]:
    """The planned questions of the block not yet answered, on days up to `today`, in plan
    order (the earliest day's first). Empty when everything due is done (or the block has not
    started). Which answer counts for which day: `_answers_by_slot`.
    """
    slots = _answers_by_slot(plan, records)
    return [(day, pq) for day in plan.days if day.date <= today.isoformat()
            for pq in day.questions if (day.day, pq.question_id) not in slots]


def next_planned(plan: Plan, records: Iterable[Any],
                 today: date) -> tuple[PlanDay, PlannedQuestion] | None:
    """The first of `planned_due`, or None when everything due is done."""
    due = planned_due(plan, records, today)
    return due[0] if due else None


def day_trend(plan: Plan, records: Iterable[Any]) -> list[tuple[str, int, int, float | None]]:
    """(date, planned questions of that day answered, planned, mean overall of those answers —
    None when none is done), by the rule of `_answers_by_slot` (a catch-up answer counts for the
    day it was planned for); unplanned questions and follow-up replies do not count."""
    slots = _answers_by_slot(plan, records)
    out = []
    for day in plan.days:
        wanted = {pq.question_id for pq in day.questions}
        answers = [r for q in wanted for r in slots.get((day.day, q), [])]
        done = sum(1 for q in wanted if (day.day, q) in slots)
        scores = [x for r in answers if (x := counted(r)) is not None]
        out.append((day.date, done, len(wanted), sum(scores) / len(scores) if scores else None))
    return out


def done_items(plan: Plan, records: Iterable[Any]) -> dict[tuple[int, str], float | None]:
    """(day number, question id) → the mean overall of the answers that count for that planned
    question (None: answered, unscored), by the rule of `_answers_by_slot`: what `plan --show`
    marks done (QA14 F20: "1/6 done" and no item marked)."""
    out: dict[tuple[int, str], float | None] = {}
    for slot, answers in _answers_by_slot(plan, records).items():
        scores = [x for r in answers if (x := counted(r)) is not None]
        out[slot] = sum(scores) / len(scores) if scores else None
    return out


# a planned retelling's reason as `_behavioural_queue` writes it: retell “title” (first told …)
_RETELL = re.compile(r"retell “(?P<title>.*)”(?P<rest>(?: \(first told [^()]*\))?)"
                     r"(?: — it also asks for (?P<also>.*), which has no story yet)?", re.S)


def reason_text(pq: PlannedQuestion, story_ids: Mapping[str, int] | None = None,
                stories: StoryBank | None = None) -> str:
    """Why a question is planned, told from the story bank as it is now: a story to retell by
    its number and title now (`story_ids`: telling key → story id, found by its first
    telling's key; the title from `stories`, e.g. one you gave it after the plan was made); a
    principle that had no story when the plan was made by what `stories` holds for it now."""
    reason = pq.reason
    story = stories.story_of(pq.story) if pq.story and stories is not None else None
    if story is not None and (m := _RETELL.fullmatch(reason)):
        # a principle the retelling also asks for is named while it still has no story
        also = [p for p in (m["also"] or "").split(" and ") if p
                and stories.coverage.best_level(p) == "none"]
        reason = f"retell “{story.title}”{m['rest']}{_also_asks(also)}"
    if pq.story and story_ids and pq.story in story_ids:
        return f"retell story {story_ids[pq.story]}: {reason.removeprefix('retell ')}"
    if pq.principle and stories is not None:
        now = _principle_reason(pq.principle, stories)
        # a principle asked again while it still has no story keeps saying so (QA126 F8)
        again = reason[reason.index(ASKED_AGAIN):] if ASKED_AGAIN in reason else ""
        return now + again if now.startswith(NO_STORY_YET) else now
    return reason


def _principle_reason(principle: str, stories: StoryBank) -> str:
    cov = stories.coverage
    level = cov.best_level(principle)
    if level == "none":
        return f"{NO_STORY_YET}{principle}"
    ids = [sid for sid in cov.story_ids if cov.level.get((principle, sid)) == level]
    named = ", ".join(f"{sid} “{story.title}”" if (story := stories.get(sid)) else str(sid)
                      for sid in ids[:2])
    noun = "story" if len(ids) == 1 else "stories"
    if level == "weak":
        return (f"{principle}: only weakly covered by {noun} {named} — retell it naming the "
                "principle and its result")
    return f"{principle}: covered by {noun} {named} — answer with it"


def plan_lines(plan: Plan, trend: Sequence[tuple[str, int, int, float | None]] = (),
               story_ids: Mapping[str, int] | None = None,
               stories: StoryBank | None = None,
               done: Mapping[tuple[int, str], float | None] | None = None) -> list[str]:
    """The plan as plain text lines, one heading per day (`story_ids`, `stories` as in
    `reason_text`); an item `done` (`done_items`) is marked "✓ done" with its score."""
    by_date = {t[0]: t for t in trend}
    lines = [f"Mock-interview block: {len(plan.days)} days from {plan.start}"]
    for day in plan.days:
        spec = ROUNDS[day.round]
        progress = ""
        if day.date in by_date:
            _, n_done, n_all, mean = by_date[day.date]
            progress = f"  [{n_done}/{n_all} done" + (f", mean {mean:.0f}]" if mean is not None
                                                       else "]")
        lines.append(f"Day {day.day} · {day.date} · {spec.title} ({day.round}){progress}")
        lines += [f"  {i}. {_done_mark(done, day.day, pq.question_id)}{pq.question_id} — "
                  f"{reason_text(pq, story_ids, stories)}"
                  for i, pq in enumerate(day.questions, 1)]
    lines += [f"Not planned: {why}" for why in plan.unplanned]
    return lines


def _done_mark(done: Mapping[tuple[int, str], float | None] | None, day: int, qid: str) -> str:
    """"✓ done (86) " for a planned question answered, "" otherwise."""
    if not done or (day, qid) not in done:
        return ""
    score = done[(day, qid)]
    return "✓ done " + (f"({score:.0f}) " if score is not None else "")


def story_ids(stories: StoryBank) -> dict[str, int]:
    """Telling key → the id of the story holding it now."""
    return {t.key: s.id for s in stories.stories for t in s.tellings}


def dumps(plan: Plan) -> str:
    return json.dumps({"plan_version": PLAN_VERSION, **asdict(plan)}, indent=2) + "\n"


def _principle_of(q: Mapping[str, Any]) -> str:
    """The principle a saved planned question was for; a plan saved before the field existed
    names it only in its reason ("no story yet for Are Right A Lot")."""
    if q.get("principle"):
        return str(q["principle"])
    reason = str(q.get("reason") or "")
    return reason.removeprefix(NO_STORY_YET) if reason.startswith(NO_STORY_YET) else ""


def loads(text: str) -> Plan:
    """Parse `dumps` output; ValueError when it is not a plan."""
    data = json.loads(text)
    if not isinstance(data, dict) or data.get("plan_version") != PLAN_VERSION:
        raise ValueError("not a voice-coach plan (version mismatch)")
    days = tuple(PlanDay(int(d["day"]), str(d["date"]), str(d["round"]),
                         tuple(PlannedQuestion(str(q["question_id"]), str(q["reason"]),
                                               str(q.get("story") or ""), _principle_of(q))
                               for q in d["questions"]))
                 for d in data["days"])
    return Plan(str(data["start"]), days, str(data.get("created_at") or ""),
                tuple(str(x) for x in data.get("unplanned") or ()))
