"""Sessions on disk: folders, JSON files (the source of truth) and a rebuildable SQLite index.

Layout (see DESIGN.md "Sessions on disk")::

    recordings/
      index.sqlite3                    rebuildable index (sessions, answers, key metrics)
      2026-11-25_1403_amazon-ml-round/
        session.json                   mode, questions, config snapshot, status
        answer-01.wav  answer-01.json  audio + full report per answer
        report.md  report.html

Every folder is created 0700 and every file is written 0600 through `voice_coach.safefs`
(temp file + fsync + rename). A session is written with status "interrupted" when it is
created and flipped to "complete" by `Session.finish()`, so a crash at any moment leaves a
session that is listed as interrupted, never a lost one.

The index is a cache: it is rebuilt from the JSON files when it is missing, corrupt (not a
database, wrong schema) or stale (a folder was added, removed or changed since it was
indexed). Session ids are validated and resolved inside `recordings/`; raw paths are never
accepted. The store decides nothing about what is good: it only files and finds.
"""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
import hashlib
import json
import logging
import errno
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Iterator

from voice_coach.errors import SessionError, StorageError
from voice_coach.report_model import AnswerReport, SessionReport
from voice_coach.safefs import FILE_MODE, atomic_write_text, private_mkdir

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1  # session.json schema
INDEX_FILENAME = "index.sqlite3"
INDEX_SCHEMA_VERSION = 7  # PRAGMA user_version of index.sqlite3 (2: answers.attempt;
# 3: a session's overall_score is the mean of its answers, follow-up replies left out;
# 4: sessions.follow_ups, so `questions` counts the questions asked, not the replies;
# 5: sessions.retries, so `questions` counts a retried question once, and overall_score
#    takes each question's best attempt; 6: an answer counts with what its follow-up supplied
#    (`WithFollowUp.counts`), and sessions.with_follow_up says for how many questions;
# 7: answers.counted_overall / answers.with_follow_up, the score a session counts for an answer,
#    so `progress` shows the score `review` does, QA19 F11)
SESSION_FILENAME = "session.json"
MODES = ("practice", "interview", "demo", "drill", "analyze")
STATUSES = ("complete", "interrupted")
DEMO_MODE = "demo"  # `voice-coach demo`: a synthesized candidate's answers, not the user's
DEMO_TITLE = "demo-round"  # the demo's session title (older demos are recognised by it too)
PENDING_STATUS = "pending analysis"  # an answer whose WAV exists but whose report does not

# A session id: letters, digits, '.', '_' and '-', starting with a letter or digit.
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")
_ANSWER_JSON_RE = re.compile(r"^answer-(\d{2,})\.json$")
_ANSWER_WAV_RE = re.compile(r"^answer-(\d{2,})\.wav$")
_SLUG_MAX = 40

_INDEX_DDL = """
CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    mode TEXT NOT NULL,
    title TEXT NOT NULL,
    status TEXT NOT NULL,
    questions INTEGER NOT NULL,
    answers INTEGER NOT NULL,
    pending INTEGER NOT NULL,
    overall_score REAL,
    signature TEXT NOT NULL,
    follow_ups INTEGER NOT NULL DEFAULT 0,
    retries INTEGER NOT NULL DEFAULT 0,
    with_follow_up INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE answers (
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    n INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    question_id TEXT,
    question_text TEXT,
    category TEXT,
    kind TEXT,
    follow_up_of INTEGER,
    attempt INTEGER,
    duration_s REAL,
    word_count INTEGER,
    wpm REAL,
    articulation_wpm REAL,
    lead_in_s REAL,
    long_pause_count INTEGER,
    long_pauses_per_min REAL,
    longest_pause_s REAL,
    fillers_per_min REAL,
    delivery_score REAL,
    structure_score REAL,
    content_score REAL,
    overall REAL,
    counted_overall REAL,
    counted_structure REAL,
    with_follow_up INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (session_id, n)
);
CREATE INDEX answers_created ON answers(created_at);
"""
_ANSWER_COLUMNS = (
    "session_id", "n", "created_at", "question_id", "question_text", "category", "kind",
    "follow_up_of", "attempt", "duration_s", "word_count", "wpm", "articulation_wpm", "lead_in_s",
    "long_pause_count", "long_pauses_per_min", "longest_pause_s", "fillers_per_min",
    "delivery_score", "structure_score", "content_score", "overall", "counted_overall",
    "counted_structure", "with_follow_up",
)


@dataclass(frozen=True)
class SessionSummary:
    """One row of `list_sessions()`: what `review` shows in its table."""

    id: str
    created_at: str  # ISO 8601, local time with offset
    mode: str
    title: str
    status: str  # complete | interrupted
    questions: int  # questions asked (follow-up questions not counted)
    answers: int  # answers with a saved report (follow-up replies included)
    pending: int  # answers recorded (WAV) but not analysed yet
    overall_score: float | None  # mean over questions of each one's best attempt, an answer
    #                              scored with what its follow-up supplied when it supplied what
    #                              was asked (`WithFollowUp.counts`; a reply is no answer)
    follow_ups: int = 0  # follow-up questions asked
    retries: int = 0  # attempts after the first at a question (`--retry`)
    with_follow_up: int = 0  # questions whose score in overall_score has a follow-up merged in

    @property
    def demo(self) -> bool:
        """A `voice-coach demo` round (the synthesized candidate's, not the user's answers)."""
        return self.mode == DEMO_MODE


@dataclass(frozen=True)
class AnswerRecord:
    """One answer's key metrics, as indexed (what `progress` trends over)."""

    session_id: str
    n: int
    created_at: str
    question_id: str | None
    question_text: str | None
    category: str | None
    kind: str | None
    follow_up_of: int | None
    attempt: int | None  # 1, 2, … for retries of the same question in a session
    duration_s: float | None
    word_count: int | None
    wpm: float | None
    articulation_wpm: float | None
    lead_in_s: float | None
    long_pause_count: int | None
    long_pauses_per_min: float | None
    longest_pause_s: float | None
    fillers_per_min: float | None
    delivery_score: float | None
    structure_score: float | None
    content_score: float | None
    overall: float | None
    # the score a session counts for the answer (`session_overall`): with what its follow-up
    # supplied when the reply gave what was asked (then `with_follow_up` is 1), else `overall`
    counted_overall: float | None = None
    counted_structure: float | None = None  # the structure score that goes with it
    with_follow_up: int = 0


@dataclass(frozen=True)
class SessionData:
    """A session loaded from disk: its session.json and its answer reports (sorted by n)."""

    meta: SessionReport  # session.json
    answers: list[AnswerReport]
    id: str = ""
    path: Path | None = None
    pending: list[int] = field(default_factory=list)  # answer numbers with a WAV but no report


def slugify(title: str) -> str:
    """'Amazon ML round!' -> 'amazon-ml-round' (ASCII letters/digits and '-', ≤ 40 chars)."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return slug[:_SLUG_MAX].strip("-") or "session"


def _read_json(path: Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    if not isinstance(data, dict):
        raise ValueError("top level is not a JSON object")
    return data


def _dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _float(x: Any) -> float | None:
    """A finite number as float, anything else (None, text, NaN, a list…) as None."""
    if isinstance(x, bool) or not isinstance(x, (int, float)) or x != x or x in (
            float("inf"), float("-inf")):
        return None
    return float(x)


def session_overall(report: AnswerReport) -> tuple[float, bool] | None:
    """(the overall a session counts for an answer, whether it has the follow-up merged in): the
    score with what its follow-up supplied (`WithFollowUp.counted_overall`) when the reply
    supplied what was asked, else the answer's own; None without a score."""
    block = report.with_follow_up
    merged = _float(block.counted_overall) if block is not None else None
    if merged is not None:
        return merged, True
    own = _float(report.scores.overall)
    return None if own is None else (own, False)


class Session:
    """A session folder being written. Create with `Store.new_session` or `Store.open_session`."""

    def __init__(self, store: Store, path: Path, meta: dict[str, Any]):
        self.store = store
        self.path = path
        self.meta = meta

    @property
    def id(self) -> str:
        return self.path.name

    def answer_wav_path(self, n: int) -> Path:
        """Where answer `n`'s audio goes: answer-01.wav (the recorder writes it)."""
        return self.path / f"answer-{int(n):02d}.wav"

    def answer_json_path(self, n: int) -> Path:
        return self.path / f"answer-{int(n):02d}.json"

    def _write_meta(self) -> None:
        atomic_write_text(self.path / SESSION_FILENAME, _dumps(self.meta))

    def add_question(self, n: int, question: dict[str, Any]) -> None:
        """Record that question `n` was asked (written immediately)."""
        entry = {"n": int(n), **{k: v for k, v in question.items() if k != "n"}}
        qs = [q for q in self.meta["questions"] if q.get("n") != int(n)]
        qs.append(entry)
        self.meta["questions"] = sorted(qs, key=lambda q: q["n"])
        self._write_meta()

    def save_answer(self, n: int, report: AnswerReport) -> Path:
        """Write answer-NN.json atomically (the report's JSON, numbered `n`), then update
        session.json and the index."""
        path = self.answer_json_path(n)
        atomic_write_text(path, _dumps(dataclasses.replace(report, n=int(n)).to_json()))
        entry = {
            "n": int(n),
            "report": path.name,
            "audio": self.answer_wav_path(n).name if self.answer_wav_path(n).exists() else None,
            "question_id": report.question_id,
            "overall": report.scores.overall,
        }
        answers = [a for a in self.meta["answers"] if a.get("n") != int(n)]
        answers.append(entry)
        self.meta["answers"] = sorted(answers, key=lambda a: a["n"])
        self._write_meta()
        self.store.refresh(self.id)
        return path

    def write_file(self, name: str, text: str) -> Path:
        """Write a human-readable file (report.md, report.html) into the session, 0600."""
        if "/" in name or "\\" in name or name in ("", ".", "..") or name == SESSION_FILENAME:
            raise SessionError(f"invalid session file name {name!r}")
        return atomic_write_text(self.path / name, text)

    def finish(self, status: str = "complete") -> None:
        """Mark the session finished (status 'complete' unless told otherwise)."""
        if status not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES}, got {status!r}")
        self.meta["status"] = status
        self.meta["finished_at"] = datetime.now().astimezone().isoformat(timespec="seconds")
        self._write_meta()
        self.store.refresh(self.id)


class Store:
    """The recordings folder: create, find, list, load and delete sessions."""

    def __init__(self, root: str | os.PathLike):
        self.root = private_mkdir(Path(root))
        self.index_path = self.root / INDEX_FILENAME

    # ---- ids and paths -------------------------------------------------------------------

    def resolve(self, session_id: str) -> Path:
        """The folder of `session_id`, checked to be a valid id of an existing session.

        Raises:
            SessionError: the id has characters outside [A-Za-z0-9._-], contains '..' or a
                path separator, escapes the recordings folder, or names no session (the
                message suggests close ids).
        """
        sid = str(session_id)
        if not ID_RE.match(sid) or ".." in sid:
            raise SessionError(
                f"invalid session id {sid!r}: use an id from `voice-coach review` "
                "(letters, digits, '.', '_', '-'; no paths)")
        root = self.root.resolve()
        path = (root / sid).resolve()
        if path.parent != root:
            raise SessionError(f"invalid session id {sid!r}: it points outside {self.root}")
        if not (path / SESSION_FILENAME).is_file():
            known = [p.name for p in self._session_dirs()]
            close = difflib.get_close_matches(sid, known, n=3, cutoff=0.5)
            if not close:
                close = [k for k in known if sid in k][:3]
            hint = f" — did you mean {', '.join(close)}?" if close else \
                " — run `voice-coach review` to list sessions"
            raise SessionError(f"no session {sid!r} in {self.root}{hint}")
        return path

    def _session_dirs(self) -> list[Path]:
        out = []
        try:
            entries = sorted(self.root.iterdir())
        except OSError as e:
            raise StorageError(f"cannot read {self.root}: {e.strerror}") from e
        for p in entries:
            if ID_RE.match(p.name) and p.is_dir() and not p.is_symlink() \
                    and (p / SESSION_FILENAME).is_file():
                out.append(p)
        return out

    # ---- writing -------------------------------------------------------------------------

    def new_session(self, mode: str, title: str, config: dict[str, Any],
                    now: datetime | None = None) -> Session:
        """Create `YYYY-MM-DD_HHMM_<slug>` (suffix -2, -3… if taken) with status 'interrupted'."""
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, got {mode!r}")
        now = (now or datetime.now()).astimezone()
        base = f"{now:%Y-%m-%d_%H%M}_{slugify(title)}"
        for i in range(1, 1000):
            sid = base if i == 1 else f"{base}-{i}"
            path = self.root / sid
            try:
                path.mkdir(mode=0o700)
            except FileExistsError:
                continue
            except OSError as e:
                raise StorageError(f"cannot create {path}: {e.strerror}") from e
            break
        else:
            raise StorageError(f"too many sessions named {base} in {self.root}")
        private_mkdir(path)
        meta = {
            "schema_version": SCHEMA_VERSION,
            "id": sid,
            "created_at": now.isoformat(timespec="seconds"),
            "mode": mode,
            "title": title,
            "status": "interrupted",
            "questions": [],
            "answers": [],
            "config": config,
        }
        if mode == DEMO_MODE:
            meta["demo"] = True  # kept out of stories, brief, plan, next and progress
        session = Session(self, path, meta)
        session._write_meta()
        log.debug("created session %s", path)
        return session

    def _read_meta(self, session_id: str) -> tuple[Path, dict[str, Any]]:
        """(folder, session.json) of a session; an unreadable one is a one-line SessionError."""
        path = self.resolve(session_id)
        try:
            return path, _read_json(path / SESSION_FILENAME)
        except (OSError, ValueError) as e:
            raise SessionError(f"session {session_id!r} is unreadable ({e}); "
                               f"delete it with `voice-coach delete {session_id}`") from e

    def open_session(self, session_id: str) -> Session:
        """Re-open an existing session for writing (e.g. to analyse pending answers)."""
        path, meta = self._read_meta(session_id)
        meta.setdefault("questions", [])
        meta.setdefault("answers", [])
        return Session(self, path, meta)

    def delete(self, session_id: str) -> None:
        """Remove the session folder and its index rows."""
        path = self.resolve(session_id)
        try:
            shutil.rmtree(path)
        except OSError as e:
            raise StorageError(f"cannot delete {path}: {e.strerror}") from e
        try:
            with self._connect() as db:
                db.execute("DELETE FROM answers WHERE session_id = ?", (path.name,))
                db.execute("DELETE FROM sessions WHERE id = ?", (path.name,))
        except sqlite3.DatabaseError:
            self.rebuild_index()

    # ---- reading -------------------------------------------------------------------------

    def load_session(self, session_id: str) -> SessionData:
        """session.json plus every readable answer report (unreadable ones are logged, skipped)."""
        path, meta = self._read_meta(session_id)
        try:
            session = SessionReport.from_json(meta)
        except ValueError as e:  # ReportFormatError: a hand-edited session.json
            raise SessionError(f"session {session_id!r} is unreadable ({e}); "
                               f"delete it with `voice-coach delete {session_id}`") from e
        answers, pending = self._read_answers(path)
        return SessionData(meta=session, answers=answers, id=path.name, path=path,
                           pending=pending)

    def _read_answers(self, path: Path) -> tuple[list[AnswerReport], list[int]]:
        answers: dict[int, AnswerReport] = {}
        wavs: set[int] = set()
        for p in sorted(path.iterdir()):
            if m := _ANSWER_JSON_RE.match(p.name):
                n = int(m.group(1))
                try:
                    report = AnswerReport.from_json(_read_json(p))  # v1 files migrate here
                except (OSError, ValueError) as e:  # ReportFormatError is a ValueError
                    log.warning("skipping unreadable answer report %s: %s", p, e)
                    continue
                answers[n] = report if report.n is not None else dataclasses.replace(report, n=n)
            elif m := _ANSWER_WAV_RE.match(p.name):
                wavs.add(int(m.group(1)))
        pending = sorted(wavs - set(answers))
        return [answers[n] for n in sorted(answers)], pending

    def list_sessions(self) -> list[SessionSummary]:
        """All sessions, newest first, from the index (synchronised with the folders first)."""
        self.sync_index()
        with self._connect() as db:
            rows = db.execute(
                "SELECT id, created_at, mode, title, status, questions, answers, pending, "
                "overall_score, follow_ups, retries, with_follow_up FROM sessions "
                "ORDER BY created_at DESC, id DESC").fetchall()
        return [SessionSummary(*r) for r in rows]

    def answer_records(self, *, category: str | None = None, kind: str | None = None,
                       since: str | None = None, question_id: str | None = None,
                       include_demo: bool = False) -> list[AnswerRecord]:
        """Indexed answers, oldest first, optionally filtered (since = 'YYYY-MM-DD', inclusive);
        the demo's synthesized answers only with `include_demo`."""
        self.sync_index()
        sql = f"SELECT {', '.join(_ANSWER_COLUMNS)} FROM answers WHERE 1=1"
        params: list[Any] = []
        if not include_demo:
            sql += " AND session_id NOT IN (SELECT id FROM sessions WHERE mode = ?)"
            params.append(DEMO_MODE)
        for clause, value in (("question_id = ?", question_id),
                              ("lower(category) = lower(?)", category),
                              ("lower(kind) = lower(?)", kind),
                              ("substr(created_at, 1, 10) >= ?", since)):
            if value:
                sql += f" AND {clause}"
                params.append(value)
        sql += " ORDER BY created_at, session_id, n"
        with self._connect() as db:
            return [AnswerRecord(*r) for r in db.execute(sql, params).fetchall()]

    # ---- the index -----------------------------------------------------------------------

    @contextlib.contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """A connection to the index as one transaction (committed on success), then closed."""
        if not self.index_path.exists():
            fd = os.open(self.index_path, os.O_WRONLY | os.O_CREAT, FILE_MODE)
            os.close(fd)
        db = sqlite3.connect(self.index_path)
        try:
            with db:
                yield db
        finally:
            db.close()

    def _index_ok(self) -> bool:
        """True when index.sqlite3 exists, is a SQLite file and has our schema."""
        if not self.index_path.exists():
            return False
        try:
            with self._connect() as db:
                if db.execute("PRAGMA user_version").fetchone()[0] != INDEX_SCHEMA_VERSION:
                    return False
                tables = {r[0] for r in db.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table'")}
                if not {"sessions", "answers"} <= tables:
                    return False
                for table, wanted in (("sessions", {"id", "signature", "overall_score",
                                                    "follow_ups", "retries",
                                                    "with_follow_up"}),
                                      ("answers", set(_ANSWER_COLUMNS))):
                    cols = {r[1] for r in db.execute(f"PRAGMA table_info({table})")}
                    if not wanted <= cols:
                        return False
                db.execute("SELECT count(*) FROM answers").fetchone()
        except sqlite3.DatabaseError as e:
            log.warning("index %s is corrupt (%s); rebuilding it", self.index_path, e)
            return False
        return True

    def rebuild_index(self) -> None:
        """Throw the index away and rebuild it from the JSON files (atomically replaced)."""
        tmp = self.root / f".{INDEX_FILENAME}.{os.getpid()}.tmp"
        for p in (tmp, Path(f"{tmp}-journal")):
            p.unlink(missing_ok=True)
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
            os.close(fd)
            db = sqlite3.connect(tmp)
            try:
                with db:
                    db.executescript(_INDEX_DDL)
                    db.execute(f"PRAGMA user_version = {INDEX_SCHEMA_VERSION}")
                    for path in self._session_dirs():
                        self._index_folder(db, path)
            finally:
                db.close()
            os.replace(tmp, self.index_path)
            for suffix in ("-journal", "-wal", "-shm"):
                Path(f"{self.index_path}{suffix}").unlink(missing_ok=True)
        except (OSError, sqlite3.Error) as e:
            for p in (tmp, Path(f"{tmp}-journal")):
                p.unlink(missing_ok=True)
            why = e.strerror if isinstance(e, OSError) else str(e)
            if "full" in (why or "").lower() or getattr(e, "errno", None) == errno.ENOSPC:
                why = "the disk is full — free some space and try again"
            raise StorageError(f"cannot write {self.index_path}: {why}") from e
        log.debug("rebuilt index %s", self.index_path)

    def sync_index(self) -> None:
        """Bring the index up to date: rebuild if missing/corrupt, else re-index changed folders."""
        if not self._index_ok():
            self.rebuild_index()
            return
        try:
            self._update_index()
        except sqlite3.DatabaseError as e:
            log.warning("index update failed (%s); rebuilding it", e)
            self.rebuild_index()

    def _update_index(self) -> None:
        folders = {p.name: p for p in self._session_dirs()}
        with self._connect() as db:
            indexed = dict(db.execute("SELECT id, signature FROM sessions").fetchall())
            for sid in set(indexed) - set(folders):
                log.debug("index: %s removed", sid)
                db.execute("DELETE FROM answers WHERE session_id = ?", (sid,))
                db.execute("DELETE FROM sessions WHERE id = ?", (sid,))
            for sid, path in folders.items():
                try:
                    sig = _signature(path)
                except OSError:
                    sig = None
                if sig is None or indexed.get(sid) != sig:
                    log.debug("index: %s added or changed", sid)
                    self._index_folder(db, path)

    def refresh(self, session_id: str) -> None:
        """Re-index one session after it was written (cheap; falls back to a full rebuild)."""
        try:
            if not self._index_ok():
                self.rebuild_index()
                return
            with self._connect() as db:
                self._index_folder(db, self.root / session_id)
        except sqlite3.DatabaseError as e:
            log.warning("index update failed (%s); rebuilding it", e)
            self.rebuild_index()

    def _index_folder(self, db: sqlite3.Connection, path: Path) -> None:
        """(Re)write the rows of one session folder; unreadable folders are logged and skipped."""
        sid = path.name
        db.execute("DELETE FROM answers WHERE session_id = ?", (sid,))
        db.execute("DELETE FROM sessions WHERE id = ?", (sid,))
        try:
            sig = _signature(path)
            meta = _read_json(path / SESSION_FILENAME)
            answers, pending = self._read_answers(path)
        except (OSError, ValueError) as e:
            log.warning("skipping unreadable session folder %s: %s", path, e)
            return
        created = str(meta.get("created_at") or "")
        # first attempt's n → (the question's best overall, whether it has a follow-up merged
        # in) (QA6 F38)
        best: dict[Any, tuple[float, bool]] = {}
        first_of: dict[Any, Any] = {}  # question id → n of its latest first attempt
        for a in sorted(answers, key=lambda a: a.n or 0):
            if a.follow_up_of is not None:
                continue
            retry = (a.attempt or 1) >= 2 and a.question_id in first_of
            key = first_of[a.question_id] if retry else a.n
            if not retry:
                first_of[a.question_id] = a.n
            scored = session_overall(a)
            if not a.no_speech and scored is not None and scored[0] > best.get(key, (-1.0,))[0]:
                best[key] = scored
        overall = [v for v, _ in best.values()]
        with_follow_up = sum(merged for _, merged in best.values())
        retries = sum(a.follow_up_of is None and (a.attempt or 1) >= 2 for a in answers)
        questions = meta.get("questions") if isinstance(meta.get("questions"), list) else []
        asked = max(len(questions), len(answers) + len(pending))
        follow_ups = max(sum(isinstance(q, dict) and bool(q.get("follow_up")) for q in questions),
                         sum(a.follow_up_of is not None for a in answers))
        db.execute(
            "INSERT INTO sessions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (sid, created, DEMO_MODE if is_demo(meta) else str(meta.get("mode") or "?"),
             str(meta.get("title") or sid),
             str(meta.get("status") or "interrupted"),
             asked - follow_ups - retries, len(answers), len(pending),
             round(sum(overall) / len(overall), 1) if overall else None, sig, follow_ups,
             retries, with_follow_up))
        for a in answers:
            if a.no_speech:  # nothing was said: not an answer to trend or schedule
                continue
            rec = answer_record(sid, created, a)
            db.execute(f"INSERT INTO answers VALUES ({', '.join('?' * len(_ANSWER_COLUMNS))})",
                       dataclasses.astuple(rec))


def is_demo(meta: dict[str, Any]) -> bool:
    """Whether a session.json is a `voice-coach demo` round: its `demo` flag, or (sessions
    saved before the flag) its mode or the demo's title."""
    return meta.get("demo") is True or meta.get("mode") == DEMO_MODE \
        or meta.get("title") == DEMO_TITLE


def answer_record(session_id: str, created_at: str, report: AnswerReport) -> AnswerRecord:
    """The indexed key metrics of one answer report (None where the report has no usable value)."""
    d = report.delivery
    q = report.question
    start, end = (_float(d.speech_start_s), _float(d.speech_end_s)) if d else (None, None)
    span_min = (end - start) / 60.0 if start is not None and end is not None else None
    long_pauses = d.long_pause_count if d is not None else None
    per_min = round(long_pauses / span_min, 2) if span_min and long_pauses is not None else None
    counted = session_overall(report)
    merged = counted is not None and counted[1]
    return AnswerRecord(
        session_id=session_id,
        n=report.n or 0,
        created_at=report.created_at or created_at,
        question_id=q.id if q else None,
        question_text=q.text if q else None,
        category=q.category if q else None,
        kind=(q.kind if q else None) or report.kind,  # the bank's kind, as `review --kind`
        follow_up_of=report.follow_up_of,
        attempt=report.attempt,
        duration_s=_float(report.audio.duration_s) if report.audio else None,
        word_count=d.word_count if d else None,
        wpm=_float(d.wpm) if d else None,
        articulation_wpm=_float(d.articulation_wpm) if d else None,
        lead_in_s=_float(d.lead_in_s) if d else None,
        long_pause_count=long_pauses,
        long_pauses_per_min=per_min,
        longest_pause_s=_float(d.longest_pause_s) if d else None,
        fillers_per_min=_float(d.fillers_per_min) if d else None,
        delivery_score=_float(report.scores.delivery),
        structure_score=_float(report.scores.structure),
        content_score=_float(report.scores.content),
        overall=_float(report.scores.overall),
        counted_overall=counted[0] if counted is not None else None,
        counted_structure=_float(report.with_follow_up.scores.structure)
        if merged and report.with_follow_up and report.with_follow_up.scores
        else _float(report.scores.structure),
        with_follow_up=int(merged),
    )


def _signature(path: Path) -> str:
    """What the index remembers of a folder: names and mtimes of its JSON files, WAV names."""
    parts = []
    for p in sorted(path.iterdir()):
        if p.name == SESSION_FILENAME or _ANSWER_JSON_RE.match(p.name):
            parts.append(f"{p.name}:{p.stat().st_mtime_ns}:{p.stat().st_size}")
        elif _ANSWER_WAV_RE.match(p.name):
            parts.append(p.name)
    return hashlib.sha1("|".join(parts).encode()).hexdigest()
