"""Issue 15 item 5, display side: 80-column terminals and distinct progress labels."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from review_fixtures import make_answer

from voice_coach.progress import progress_rows
from voice_coach.questions import load_bank
from voice_coach.store import Store

REPO = Path(__file__).resolve().parents[1]


def run_cli(root: Path, *argv: str, columns: int = 80) -> subprocess.CompletedProcess:
    env = dict(os.environ, VOICE_COACH_RECORDINGS=str(root), PYTHONPATH=str(REPO),
               COLUMNS=str(columns))
    return subprocess.run([sys.executable, "-m", "voice_coach", *argv], capture_output=True,
                          text=True, timeout=120, cwd=REPO, env=env)


def _cells(out: str) -> str:
    """The table's text with borders removed and runs of whitespace collapsed."""
    return " ".join(re.sub(r"[│┃┏┓┗┛┡┩┣┫━─╇╋┳┻└┘┌┐├┤┼]", " ", out).split())


def test_questions_at_80_columns_wrap_between_words_not_one_word_a_line(tmp_path):
    out = run_cli(tmp_path, "questions")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert all(len(ln) <= 80 for ln in lines)
    first = load_bank(None).filter()[0]
    # the first four words of the question stay together on one line
    assert any(" ".join(first.text.split()[:4]) in ln for ln in lines), out.stdout[:2000]


def _session(store: Store, mode: str, at: datetime, qid: str, overall: int) -> str:
    s = store.new_session(mode, qid, {}, now=at)
    s.add_question(1, {"id": qid, "text": "Tell me about a time…", "kind": "behavioral",
                       "category": "behavioral", "follow_up": False})
    s.save_answer(1, make_answer(1, question_id=qid, overall=overall))
    s.finish("complete")
    return s.id


def test_review_at_80_columns_never_splits_a_word(tmp_path):
    root = tmp_path / "rec"
    store = Store(root)
    at = datetime(2026, 11, 25, 14, 3, 7, tzinfo=timezone.utc)
    _session(store, "interview", at, "lp-dive-deep-1", 60)
    long = store.new_session("interview", "design search ranking with a long title", {}, now=at)
    long.answer_wav_path(1).write_bytes(b"")  # recorded, not analysed: a long status
    out = run_cli(root, "review")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert all(len(ln) <= 80 for ln in lines)
    for sid in (s.id for s in store.list_sessions()):
        assert any(sid in ln for ln in lines), (sid, out.stdout)  # ids whole, copyable
    words = " ".join(out.stdout.split())
    assert "interrupted, 1 pending analysis" in words, out.stdout
    assert words.count("interview") >= 2 and "intervi…" not in words


def test_progress_rows_and_plot_labels_are_distinct_within_a_minute(tmp_path):
    root = tmp_path / "rec"
    store = Store(root)
    t0 = datetime(2026, 11, 25, 14, 3, 5, tzinfo=timezone.utc)
    ids = [_session(store, "practice", t0 + timedelta(seconds=20 * i), "lp-dive-deep-1", 50 + i)
           for i in range(3)]
    rows = progress_rows(store.answer_records())
    assert [r.session for r in rows] == ids
    labels = [r.label for r in rows]  # the PNG's x tick labels are these
    assert len(set(labels)) == 3, labels
    out = run_cli(root, "progress")
    assert out.returncode == 0, out.stderr
    for label in labels:
        assert label in out.stdout
