"""QA19 F11–F13: `progress` agrees with `review`.

F11: an answer whose follow-up reply supplied what was asked counts re-scored with it in the
session score `review` lists ("82*"); `progress` showed the answer's own score (79) and plotted
it. F12: progress labelled rows with the first answer's time, review with the session's start
(its id), so the two could not be matched up. F13: at 80 columns two headers were cut
("pauses/…", "filler…").
"""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from review_fixtures import make_report

from voice_coach.store import Store
from tests.test_review_cli import add_session
from tests.test_narrow_terminal import run_cli
from tests.tools import run_main


@pytest.fixture
def rec(_private_recordings):
    return Store(_private_recordings)


def _merged(report: dict, overall: int) -> dict:
    report["with_follow_up"] = {"kind": "no_result", "label": "result", "supplied": True,
                                "scores": {"delivery": None, "structure": 90, "content": 80,
                                           "overall": overall}, "n": 2, "counted": True}
    return report


def _rows(out: str) -> list[list[str]]:
    return [line.split() for line in out.splitlines() if line.startswith("2026-11-")]


def test_progress_shows_the_score_review_counts(capsys, rec):
    plain = add_session(rec, title="plain", when=(2026, 11, 20, 9, 0),
                        answers=[make_report(1, overall=64)])
    followed = add_session(rec, title="followed", when=(2026, 11, 21, 9, 0),
                           answers=[_merged(make_report(1, overall=71), 86),
                                    make_report(2, overall=40, follow_up_of=1)])
    code, review, _ = run_main(capsys, "review")
    assert code == 0 and "86*" in review
    code, out, _ = run_main(capsys, "progress")
    assert code == 0
    first, second = _rows(out)
    assert first[-1] == "64"  # no follow-up merged: the answer's own score, unmarked
    assert second[-1] == "86*", out  # as review counts it, marked
    assert second[-2] == "90", out  # the structure score that goes with it
    assert "with what a follow-up supplied" in " ".join(out.split())
    assert plain.id and followed.id


def test_a_reply_that_supplied_nothing_leaves_the_answer_score(capsys, rec):
    report = _merged(make_report(1, overall=71), 86)
    report["with_follow_up"]["counted"] = False  # the reply did not give what was asked
    add_session(rec, title="unsupplied", when=(2026, 11, 22, 9, 0),
                answers=[report, make_report(2, overall=40, follow_up_of=1)])
    code, out, _ = run_main(capsys, "progress")
    (row,) = _rows(out)
    assert row[-1] == "71" and "with what a follow-up supplied" not in out


def test_progress_rows_are_labelled_with_the_session_start(capsys, rec):
    report = make_report(1, overall=70)
    report["created_at"] = "2026-11-23T10:07:41+00:00"  # analysed minutes after the start
    s = add_session(rec, title="late answer", when=(2026, 11, 23, 10, 2), answers=[report])
    code, out, _ = run_main(capsys, "progress")
    hhmm = re.search(r"_(\d\d)(\d\d)_", s.id)
    (row,) = _rows(out)
    assert row[1].startswith(f"{hhmm[1]}:{hhmm[2]}:"), (s.id, out)  # the time in its id


def test_progress_headers_are_whole_at_80_columns(tmp_path):
    root = tmp_path / "rec"
    add_session(Store(root), title="narrow", when=(2026, 11, 24, 9, 0),
                answers=[_merged(make_report(1, overall=71), 86),
                         make_report(2, overall=40, follow_up_of=1)])
    out = run_cli(root, "progress", columns=80)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert all(len(ln) <= 80 for ln in lines), out.stdout
    assert "…" not in "".join(ln for ln in lines if "wpm" in ln or "/min" in ln), out.stdout
    assert "pauses" in out.stdout and "fillers" in out.stdout and "/min" in out.stdout
    assert "86*" in out.stdout
