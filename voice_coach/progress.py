"""Progress over sessions: one typed row per session, every column a mean over the same answers.

Pure: takes the store's indexed `AnswerRecord`s, returns `ProgressRow`s (oldest first). The CLI
prints them as a table and `report.progress_png` plots them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from voice_coach.store import AnswerRecord

__all__ = ["ProgressRow", "progress_rows"]


@dataclass(frozen=True)
class ProgressRow:
    """One session's means (None = no answer of the session has that metric)."""

    session: str
    date: str  # YYYY-MM-DD
    at: str  # ISO time the session started (its id's time; else its first answer's)
    label: str  # date and time to the second, unique among the rows
    answers: int  # main answers, the n of every mean
    replies: int  # follow-up replies: counted, in no mean
    wpm: float | None
    long_pauses_per_min: float | None
    longest_pause_s: float | None
    fillers_per_min: float | None
    structure: float | None
    # structure and overall: each answer as its session counts it (with its follow-up's facts)
    overall: float | None
    with_follow_up: int = 0  # answers whose overall has what their follow-up supplied merged in


def _mean(values: Iterable[float | None]) -> float | None:
    nums = [float(v) for v in values if v is not None]
    return sum(nums) / len(nums) if nums else None


def _label(iso: str) -> str:
    """'2026-11-25T14:03:07+00:00' → '2026-11-25 14:03:07': date and time to the second, so
    rows (and the plot's x labels) of sessions recorded in the same minute differ."""
    return iso[:19].replace("T", " ") if len(iso) >= 19 else (iso or "—")


def progress_rows(records: Sequence[AnswerRecord],
                  started: Mapping[str, str] | None = None) -> list[ProgressRow]:
    """One row per session (oldest first): means of its answers' key metrics, every column over
    the same answers (n). Follow-up replies are counted (`replies`) but in no mean: a reply is
    judged on its own small rubric, and a column that mixed them in would average something
    other than the scores beside it. An answer's structure and overall scores are the ones its
    session counts (`AnswerRecord.counted_overall`: re-scored with what its follow-up supplied,
    as `review` shows it, QA19 F11). `started`: session id → the ISO time the session started, which labels its row
    (the time in its id, as `review` lists it, QA19 F12); else its first answer's time."""
    started = started or {}
    by_session: dict[str, list[AnswerRecord]] = defaultdict(list)
    for r in records:
        by_session[r.session_id].append(r)
    rows = []
    for sid, recs in by_session.items():
        answers = [r for r in recs if r.follow_up_of is None]
        at = started.get(sid) or recs[0].created_at
        rows.append(ProgressRow(
            session=sid, date=at[:10], at=at, label=_label(at),
            answers=len(answers), replies=len(recs) - len(answers),
            wpm=_mean(r.wpm for r in answers),
            long_pauses_per_min=_mean(r.long_pauses_per_min for r in answers),
            longest_pause_s=max((r.longest_pause_s for r in answers
                                 if r.longest_pause_s is not None), default=None),
            fillers_per_min=_mean(r.fillers_per_min for r in answers),
            structure=_mean(r.structure_score if r.counted_structure is None
                            else r.counted_structure for r in answers),
            overall=_mean(r.overall if r.counted_overall is None else r.counted_overall
                          for r in answers),
            with_follow_up=sum(bool(r.with_follow_up) for r in answers)))
    rows.sort(key=lambda r: (r.at, r.session))
    seen: dict[str, int] = defaultdict(int)
    out = []
    for r in rows:  # sessions started in the same second still get distinct labels
        seen[r.label] += 1
        out.append(replace(r, label=f"{r.label} #{seen[r.label]}") if seen[r.label] > 1 else r)
    return out
