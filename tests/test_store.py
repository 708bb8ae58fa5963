"""Session store: real folders, real JSON, real SQLite index."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import time
from datetime import datetime

import pytest
from review_fixtures import make_answer, make_report

from voice_coach.config import Config
from voice_coach.errors import SessionError
from voice_coach.report_model import AnswerReport
from voice_coach.store import INDEX_FILENAME, SessionData, Store, slugify

NOW = datetime(2026, 11, 25, 14, 3).astimezone()


def mode_of(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "rec")


def make_session(store: Store, title="Amazon ML round", n_answers=2, finish=True, now=NOW,
                 **kw):
    s = store.new_session("practice", title, Config().to_dict(), now=now)
    for n in range(1, n_answers + 1):
        s.add_question(n, {"id": f"q{n}", "text": "Tell me", "kind": "behavioral"})
        s.save_answer(n, make_answer(n, overall=60 + n, **kw))
    if finish:
        s.finish()
    return s


def test_slugify():
    assert slugify("Amazon ML round!") == "amazon-ml-round"
    assert slugify("../../etc") == "etc"
    assert slugify("???") == "session"
    assert len(slugify("x" * 200)) <= 40


def test_new_session_layout_and_modes(store):
    s = store.new_session("interview", "Amazon ML round", {"silence": {"pause_s": 2.0}}, now=NOW)
    assert s.id == "2026-11-25_1403_amazon-ml-round"
    meta = json.loads((s.path / "session.json").read_text())
    assert meta["schema_version"] == 1 and meta["id"] == s.id
    assert meta["status"] == "interrupted"  # until finish()
    assert meta["mode"] == "interview" and meta["questions"] == [] and meta["answers"] == []
    assert meta["config"] == {"silence": {"pause_s": 2.0}}
    datetime.fromisoformat(meta["created_at"])
    assert s.answer_wav_path(1) == s.path / "answer-01.wav"
    assert mode_of(store.root) == 0o700
    assert mode_of(s.path) == 0o700
    assert mode_of(s.path / "session.json") == 0o600
    # a second session in the same minute gets a suffix
    s2 = store.new_session("practice", "Amazon ML round", {}, now=NOW)
    assert s2.id == "2026-11-25_1403_amazon-ml-round-2"
    with pytest.raises(ValueError):
        store.new_session("karaoke", "x", {})


def test_save_list_load(store):
    s = make_session(store)
    for name in ("answer-01.json", "answer-02.json", INDEX_FILENAME):
        p = store.root / name if name == INDEX_FILENAME else s.path / name
        assert mode_of(p) == 0o600, name
    sessions = store.list_sessions()
    assert len(sessions) == 1
    summ = sessions[0]
    assert (summ.id, summ.mode, summ.title, summ.status) == (
        s.id, "practice", "Amazon ML round", "complete")
    assert summ.questions == 2 and summ.answers == 2 and summ.pending == 0
    assert summ.overall_score == pytest.approx(61.5)

    data = store.load_session(s.id)
    assert isinstance(data, SessionData)
    assert [a.n for a in data.answers] == [1, 2]
    assert data.answers[0].delivery.long_pause_count == 1
    saved = json.loads((s.path / "answer-01.json").read_text())
    assert saved == data.answers[0].to_json() and saved["schema_version"] == 2
    assert [q.id for q in data.meta.questions] == ["q1", "q2"]
    assert [a.report for a in data.meta.answers] == ["answer-01.json", "answer-02.json"]

    recs = store.answer_records()
    assert len(recs) == 2
    r = recs[0]
    assert r.session_id == s.id and r.n == 1 and r.category == "behavioral"
    assert r.wpm == pytest.approx(135, abs=1)
    assert r.long_pause_count == 1 and r.longest_pause_s == pytest.approx(2.4)
    assert r.long_pauses_per_min == pytest.approx(1 / ((26.95 - 1.5) / 60), rel=0.05)
    assert r.overall == 61 and r.structure_score == 80


def test_answer_record_filters(store):
    make_session(store, title="old", now=datetime(2026, 10, 1, 9, 0).astimezone())
    make_session(store, title="new", category="technical", kind="technical")
    assert len(store.answer_records()) == 4
    assert len(store.answer_records(category="technical")) == 2
    assert len(store.answer_records(kind="BEHAVIORAL")) == 2
    assert len(store.answer_records(since="2026-11-01")) == 2
    assert store.answer_records(since="2027-01-01") == []


def test_crash_leaves_interrupted_session_and_pending_wav(store):
    s = make_session(store, n_answers=1, finish=False)
    s.answer_wav_path(2).write_bytes(b"RIFF....WAVE")  # recorded, never analysed
    summ = store.list_sessions()[0]
    assert summ.status == "interrupted" and summ.answers == 1 and summ.pending == 1
    data = store.load_session(s.id)
    assert data.pending == [2]
    # recovery re-opens the session and finishes it
    again = store.open_session(s.id)
    again.save_answer(2, make_answer(2))
    again.finish()
    summ = store.list_sessions()[0]
    assert (summ.status, summ.answers, summ.pending) == ("complete", 2, 0)


def test_delete(store):
    s = make_session(store)
    keep = make_session(store, title="keep")
    store.delete(s.id)
    assert not s.path.exists()
    assert [x.id for x in store.list_sessions()] == [keep.id]
    with sqlite3.connect(store.root / INDEX_FILENAME) as db:
        assert db.execute("SELECT count(*) FROM answers WHERE session_id = ?",
                          (s.id,)).fetchone()[0] == 0
    with pytest.raises(SessionError):
        store.delete(s.id)


@pytest.mark.parametrize("bad", ["../x", "/etc", "a/b", "..", ".", "", "x/../../etc",
                                 "..\\x", "-rf", "a b", "ses\x00sion", "~root"])
def test_path_traversal_ids_rejected(store, bad):
    make_session(store)
    with pytest.raises(SessionError) as e:
        store.resolve(bad)
    assert "\n" not in str(e.value)


def test_symlink_escape_rejected(store, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "session.json").write_text("{}")
    (store.root / "evil").symlink_to(outside)
    with pytest.raises(SessionError):
        store.resolve("evil")
    assert store.list_sessions() == []


def test_unknown_id_suggests_close_ids(store):
    s = make_session(store)
    with pytest.raises(SessionError, match="did you mean " + s.id):
        store.resolve(s.id[:-3])
    with pytest.raises(SessionError, match="voice-coach review"):
        store.resolve("nothing-like-it")


def test_index_rebuilt_when_deleted(store):
    make_session(store)
    (store.root / INDEX_FILENAME).unlink()
    assert len(store.list_sessions()) == 1
    assert (store.root / INDEX_FILENAME).exists()
    assert mode_of(store.root / INDEX_FILENAME) == 0o600


def test_index_rebuilt_when_corrupt(store):
    make_session(store)
    (store.root / INDEX_FILENAME).write_bytes(os.urandom(4096))
    sessions = store.list_sessions()
    assert len(sessions) == 1 and sessions[0].answers == 2
    assert len(store.answer_records()) == 2
    with sqlite3.connect(store.root / INDEX_FILENAME) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_index_rebuilt_when_wrong_schema(store):
    make_session(store)
    idx = store.root / INDEX_FILENAME
    idx.unlink()
    with sqlite3.connect(idx) as db:
        db.execute("CREATE TABLE sessions (x TEXT)")
    assert len(store.list_sessions()) == 1


def test_stale_index_after_folder_added_changed_removed(store, tmp_path):
    s = make_session(store)
    assert len(store.list_sessions()) == 1
    # a folder copied in from elsewhere (e.g. another machine) shows up
    other = Store(tmp_path / "elsewhere")
    t = make_session(other, title="copied", now=datetime(2026, 11, 26, 9, 0).astimezone())
    os.rename(t.path, store.root / t.id)
    ids = [x.id for x in store.list_sessions()]
    assert ids == [t.id, s.id]  # newest first
    # a session.json edited by hand is re-read
    meta_path = s.path / "session.json"
    meta = json.loads(meta_path.read_text())
    meta["title"] = "renamed"
    time.sleep(0.01)
    meta_path.write_text(json.dumps(meta))
    assert {x.title for x in store.list_sessions()} == {"renamed", "copied"}
    # a folder removed by hand disappears
    import shutil

    shutil.rmtree(store.root / t.id)
    assert [x.id for x in store.list_sessions()] == [s.id]


def test_unreadable_folders_are_skipped(store, caplog):
    good = make_session(store)
    bad = store.root / "2026-01-01_0000_broken"
    bad.mkdir()
    (bad / "session.json").write_text("{not json")
    (store.root / "not-a-session").mkdir()  # no session.json: ignored
    sessions = store.list_sessions()
    assert [x.id for x in sessions] == [good.id]
    assert "broken" in caplog.text
    with pytest.raises(SessionError, match="unreadable"):
        store.load_session("2026-01-01_0000_broken")
    # a corrupt answer report is skipped; its WAV makes it "pending analysis"
    (good.path / "answer-02.json").write_text("[1, 2")
    good.answer_wav_path(2).write_bytes(b"RIFF")
    data = store.load_session(good.id)
    assert [a.n for a in data.answers] == [1] and data.pending == [2]


def test_write_file(store):
    s = make_session(store, n_answers=0)
    p = s.write_file("report.md", "# hi\n")
    assert p.read_text() == "# hi\n" and mode_of(p) == 0o600
    for bad in ("../x.md", "a/b.md", "session.json", ".."):
        with pytest.raises(SessionError):
            s.write_file(bad, "x")


def test_odd_report_values_do_not_break_the_index(store, caplog):
    s = store.new_session("analyze", "odd", {})
    s.save_answer(1, make_answer(1))
    s.save_answer(2, make_answer(2))
    s.save_answer(3, make_answer(3))
    # files edited by hand: odd values in one, next to nothing in another
    odd = make_report(1)
    odd["delivery"]["wpm"] = "fast"
    odd["question"] = "not a dict"
    (s.path / "answer-01.json").write_text(json.dumps(odd))
    odd["question"] = make_report(1)["question"]
    with pytest.raises(ValueError, match="delivery.wpm must be a number"):
        AnswerReport.from_json(odd)
    (s.path / "answer-02.json").write_text(json.dumps({"schema_version": 1}))  # nearly empty
    nan = make_report(3)
    nan["scores"]["overall"] = float("nan")
    (s.path / "answer-03.json").write_text(json.dumps(nan))
    store.rebuild_index()
    with caplog.at_level("WARNING"):
        rec = store.answer_records()
        data = store.load_session(s.id)
    # the malformed ones are named, with what is wrong, and left out; the rest is indexed
    assert "answer-01.json: report.question must be an object" in caplog.text
    assert "answer-03.json: report.scores.overall must be a whole number" in caplog.text
    assert [r.n for r in rec] == [2] and [a.n for a in data.answers] == [2]
    assert rec[0].wpm is None and rec[0].long_pause_count is None and rec[0].overall is None
    assert store.list_sessions()[0].overall_score is None


def test_a_retried_question_is_one_question_scored_by_its_best_attempt(store):
    """QA6 F38: one question answered twice (`--retry`) lists as 1 question + 1 retry, and the
    session's score is the better attempt (74), not the mean with the first try (72.5)."""
    import dataclasses

    s = store.new_session("practice", "retry", Config().to_dict(), now=NOW)
    for n, overall in ((1, 74), (2, 71)):
        s.add_question(n, {"id": "lp-dive-deep-1", "text": "Tell me", "kind": "behavioral"})
        s.save_answer(n, dataclasses.replace(make_answer(n, overall=overall), attempt=n))
    s.finish()
    [summ] = store.list_sessions()
    assert (summ.questions, summ.retries, summ.answers) == (1, 1, 2)
    assert summ.overall_score == pytest.approx(74)
