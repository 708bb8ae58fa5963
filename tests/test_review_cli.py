"""review / progress / tune / delete, run in-process via `voice_coach.cli.main` on real sessions."""

from __future__ import annotations

import json
import re
from datetime import datetime

import numpy as np
import pytest
from review_fixtures import make_report, transcript_only

from voice_coach import config as config_mod
from voice_coach.config import Config
from voice_coach.report_model import AnswerReport
from voice_coach.store import Store
from tests.tools import run_main


@pytest.fixture
def rec(_private_recordings):
    return Store(_private_recordings)


def add_session(store: Store, title="Amazon ML round", when=(2026, 11, 25, 14, 3), answers=None,
                finish=True, mode="practice"):
    s = store.new_session(mode, title, Config().to_dict(), now=datetime(*when).astimezone())
    for i, report in enumerate(answers if answers is not None else [make_report(1)], start=1):
        s.add_question(i, report.get("question") or {"id": f"q{i}"})
        s.save_answer(i, AnswerReport.from_json(report))  # built as the JSON a session saves
    if finish:
        s.finish()
    return s


def assert_one_line_error(code, err, *needles):
    assert code == 2
    assert err.startswith("voice-coach: error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    for n in needles:
        assert n in err, err


# ---- review -----------------------------------------------------------------------------------

def test_review_list_empty(capsys, rec):
    code, out, _ = run_main(capsys, "review")
    assert code == 0 and "No sessions" in out and "voice-coach practice" in out


def test_review_list(capsys, rec):
    a = add_session(rec, answers=[make_report(1, overall=70), make_report(2, overall=80)])
    b = add_session(rec, title="behavioral drill", when=(2026, 11, 26, 9, 30), finish=False,
                    mode="interview")
    b.answer_wav_path(2).write_bytes(b"RIFF")  # recorded, not analysed
    code, out, _ = run_main(capsys, "review")
    assert code == 0
    lines = out.splitlines()
    row_a = next(line for line in lines if a.id in line)
    row_b = next(line for line in lines if b.id in line)
    assert lines.index(row_b) < lines.index(row_a)  # newest first
    assert "11-25 14:03" in row_a and "practice" in row_a and " 75 " in row_a \
        and "complete" in row_a
    assert "interview" in row_b and "interrupted" in row_b
    assert "pending" in out


@pytest.mark.parametrize("answers, score", [
    # (overall, follow_up_of) per saved answer → the session's score in the list
    ([(66, None), (23, 1)], " 66 "),  # a short reply that missed what it was asked
    ([(83, None), (100, 1)], " 83 "),  # a reply that supplied it
    ([(60, None), (90, 1), (40, 2), (80, None)], " 70 "),  # a reply to a reply; two answers
])
def test_review_session_score_leaves_follow_up_replies_out(capsys, rec, answers, score):
    """A follow-up reply is checked on its own small rubric; it is not an answer, so it does
    not pull the session's score up or down (QA3 D7)."""
    s = add_session(rec, answers=[make_report(n, overall=o, follow_up_of=f)
                                  for n, (o, f) in enumerate(answers, 1)])
    code, out, _ = run_main(capsys, "review")
    assert code == 0
    row = next(line for line in out.splitlines() if s.id in line)
    assert score in row, row


def test_review_rebuilds_an_index_that_averaged_replies(capsys, rec):
    s = add_session(rec, answers=[make_report(1, overall=66), make_report(2, overall=23,
                                                                            follow_up_of=1)])
    import sqlite3

    with sqlite3.connect(rec.index_path) as db:  # an index written before replies were left out
        db.execute("UPDATE sessions SET overall_score = 44.5")
        db.execute("PRAGMA user_version = 2")
    code, out, _ = run_main(capsys, "review")
    row = next(line for line in out.splitlines() if s.id in line)
    assert code == 0 and " 66 " in row and "44" not in row, row


def test_review_show(capsys, rec):
    s = add_session(rec, answers=[make_report(1), transcript_only(2)])
    code, out, _ = run_main(capsys, "review", s.id)
    assert code == 0
    flat = " ".join(out.replace("│", " ").split())
    assert "Amazon ML round" in out and s.id in out
    assert "Answer 1" in out and "Answer 2" in out
    assert "the threshold. [2.4 s] I added" in flat
    assert "follow-up: How did you validate the new threshold?" in flat
    assert "pace —" in flat  # the transcript-only answer


def test_review_export_json_and_md(capsys, rec):
    s = add_session(rec, answers=[make_report(1), make_report(2, follow_up_of=1)])
    code, out, _ = run_main(capsys, "review", s.id, "--export", "json")
    assert code == 0
    data = json.loads(out)
    assert data["session"]["id"] == s.id and data["session"]["status"] == "complete"
    assert [a["n"] for a in data["answers"]] == [1, 2]
    assert data["answers"][1]["follow_up_of"] == 1
    assert data["answers"][0]["delivery"]["speech_segments"]
    code, out, _ = run_main(capsys, "review", s.id, "--export", "md")
    assert code == 0 and out.startswith("# Amazon ML round")
    assert "**\\[2.4 s\\]**" in out


def test_review_open_writes_html(capsys, rec, monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    s = add_session(rec)
    code, out, _ = run_main(capsys, "review", s.id, "--open")
    assert code == 0
    html_path = s.path / "report.html"
    assert str(html_path) in out.replace("\n", "") and "No display" in out
    page = html_path.read_text()
    text = re.sub(r'<span class="w(?: filler)?"(?: data-s="[0-9.]+")?>([^<]*)</span>', r"\1", page)
    assert 'src="data:image/png;base64,' in page and "I owned the retraining pipeline" in text
    assert (s.path / "report.md").exists()
    assert oct(html_path.stat().st_mode & 0o777) == "0o600"


def test_review_play(capsys, rec):
    from voice_coach.audio import write_wav

    s = add_session(rec)
    code, _, err = run_main(capsys, "review", s.id, "--play", "3")
    assert_one_line_error(code, err, "no recording for answer 3")
    write_wav(s.answer_wav_path(1), np.zeros(8000, np.float32))
    code, out, err = run_main(capsys, "review", s.id, "--play", "1")
    assert code == 0, err
    assert "Playing answer 1" in out or "No audio output device" in out


@pytest.mark.parametrize("argv", [
    ["review", "../x"], ["review", "/etc"], ["review", "a/b"], ["review", ".."],
    ["review", "../../etc/passwd", "--export", "json"], ["delete", "../x", "--yes"],
    ["delete", "/etc", "--yes"], ["tune", "a/b"], ["review", "2026-11-25_1403_nope"],
])
def test_bad_ids_exit_2_with_one_line(capsys, rec, argv):
    add_session(rec)
    code, out, err = run_main(capsys, *argv)
    assert_one_line_error(code, err, "session")
    assert (rec.root / "2026-11-25_1403_amazon-ml-round").exists()


def test_unknown_id_suggests(capsys, rec):
    s = add_session(rec)
    code, _, err = run_main(capsys, "review", s.id[:-2])
    assert_one_line_error(code, err, "did you mean " + s.id)


def test_review_survives_corrupt_index(capsys, rec):
    s = add_session(rec)
    (rec.root / "index.sqlite3").write_bytes(b"garbage" * 100)
    code, out, _ = run_main(capsys, "review")
    assert code == 0 and s.id in out


# ---- delete -----------------------------------------------------------------------------------

def test_delete(capsys, rec, monkeypatch):
    s = add_session(rec)
    monkeypatch.setattr("sys.stdin", open("/dev/null"))
    code, _, err = run_main(capsys, "delete", s.id)
    assert_one_line_error(code, err, "--yes")
    assert s.path.exists()
    code, out, _ = run_main(capsys, "delete", s.id, "--yes")
    assert code == 0 and "Deleted" in out and not s.path.exists()
    code, out, _ = run_main(capsys, "review")
    assert s.id not in out


# ---- progress ---------------------------------------------------------------------------------

def test_progress(capsys, rec):
    add_session(rec, title="first", when=(2026, 11, 20, 10, 0),
                answers=[make_report(1, overall=50), make_report(2, overall=60)])
    add_session(rec, title="second", when=(2026, 11, 25, 10, 0),
                answers=[make_report(1, overall=80, category="technical", kind="technical")])
    code, out, _ = run_main(capsys, "progress")
    assert code == 0
    rows = [line for line in out.splitlines() if line.startswith("2026-11-")]
    assert len(rows) == 2
    assert rows[0].startswith("2026-11-20 10:00") and rows[0].split()[-1] == "55"
    assert rows[1].split()[-1] == "80"
    assert "135" in rows[0] and "2.4 s" in rows[0] and "4.6" in rows[0]
    png = rec.root / "progress.png"
    assert str(png) in out.replace("\n", "") and png.read_bytes()[:4] == b"\x89PNG"

    code, out, _ = run_main(capsys, "progress", "--kind", "technical")
    assert [line for line in out.splitlines() if line.startswith("2026-11-")][0].split()[-1] \
        == "80"
    code, out, _ = run_main(capsys, "progress", "--since", "2026-11-21", "--category", "behavioral")
    assert "No analysed answers" in out
    code, _, err = run_main(capsys, "progress", "--since", "last week")
    assert_one_line_error(code, err, "--since")

    add_session(rec, title="with a reply", when=(2026, 11, 27, 10, 0),
                answers=[make_report(1, overall=70), make_report(2, overall=10, follow_up_of=1)])
    code, out, _ = run_main(capsys, "progress", "--since", "2026-11-27")
    rows = [line for line in out.splitlines() if line.startswith("2026-11-27")]
    assert rows and rows[0].split()[-1] == "70", out  # the reply is no answer (QA3 D7)


def test_progress_columns_all_average_the_same_answers(capsys, rec):
    """QA4 F37: a session's follow-up reply is in none of its means (it was in wpm and pauses
    but not in the scores), and the table says how many replies there were."""
    slow = [("So um the result was that it got better.", 3.5),
            ("Uh we measured it again later.", 0.0)]
    add_session(rec, title="answer alone", when=(2026, 11, 20, 10, 0),
                answers=[make_report(1, overall=70)])
    add_session(rec, title="answer and reply", when=(2026, 11, 21, 10, 0),
                answers=[make_report(1, overall=70),
                         make_report(2, overall=98, follow_up_of=1, script=slow)])
    code, out, _ = run_main(capsys, "progress")
    assert code == 0
    alone, with_reply = (line.split()[2:] for line in out.splitlines()
                         if line.startswith("2026-11-2"))
    assert with_reply[:2] == ["1", "1"] and alone[:2] == ["1", "0"]  # n; +rep. counts the reply
    assert with_reply[2:] == alone[2:], out  # every mean is the answer's alone


# ---- tune -------------------------------------------------------------------------------------

def test_tune_lower_pause_threshold_adds_flags(capsys, rec):
    # pauses in the saved answer: 0.6, 2.4, 1.7, 0.4 s (VAD speech segments)
    s = add_session(rec, answers=[make_report(1), transcript_only(2)])
    code, out, err = run_main(capsys, "tune", "--set", "silence.pause_s=1.5")
    assert code == 0, err
    assert "silence.pause_s 2.0 → 1.5" in " ".join(out.split())
    assert f"{s.id} #1" in out
    assert "long pauses 1 → 2" in out
    assert f"{s.id} #2 (lp-dive-deep-1): no change" in out  # no audio: no delivery to change
    assert "2 answers re-scored" in out and "1 changed" in out
    assert "Add --save" in out
    assert not (rec.root / "config.toml").exists()


def test_tune_higher_threshold_removes_flags_and_save(capsys, rec):
    s = add_session(rec)
    code, out, err = run_main(capsys, "tune", s.id, "--set", "silence.pause_s=3",
                         "--set", "silence.long_silence_s=6", "--save")
    assert code == 0, err
    assert "long pauses 1 → 0" in out
    cfg = config_mod.load(rec.root / "config.toml")
    assert cfg.silence.pause_s == 3.0 and cfg.silence.long_silence_s == 6.0
    # under the saved config, re-scoring changes nothing
    code, out, _ = run_main(capsys, "tune", s.id)
    assert code == 0 and "0 changed" in out


def test_tune_reports_feedback_diff(capsys, rec):
    from voice_coach import pipeline

    report = make_report(1)
    s = add_session(rec, answers=[report])
    before = pipeline.rescore(AnswerReport.from_json(report), Config())
    after = pipeline.rescore(AnswerReport.from_json(report),
                             Config().with_value("silence.pause_s", 1.5))
    appeared = [f.message for f in after.feedback if f not in before.feedback]
    code, out, _ = run_main(capsys, "tune", s.id, "--set", "silence.pause_s=1.5")
    flat = " ".join(out.split())
    for msg in appeared:
        assert " ".join(msg.split()) in flat
    assert after.delivery.long_pause_count == 2


def test_tune_bad_settings(capsys, rec):
    add_session(rec)
    for argv, needle in ((["--set", "silence.pause_s"], "KEY=VALUE"),
                         (["--set", "silence.pause_s=-1"], "silence.pause_s"),
                         (["--set", "silence.bogus=1"], "silence.bogus"),
                         (["--set", "pace.min_wpm=500"], "pace.max_wpm"),
                         (["--save"], "--set")):
        code, _, err = run_main(capsys, "tune", *argv)
        assert_one_line_error(code, err, needle)


def test_tune_sets_a_band_in_one_go(capsys, rec):
    """QA8 F26: several --set are applied together and checked once, so a new pace band above
    the old maximum is accepted; a band that is wrong after all the changes is still refused."""
    s = add_session(rec)
    code, out, err = run_main(capsys, "tune", s.id, "--set", "pace.min_wpm=170",
                              "--set", "pace.max_wpm=200")
    assert code == 0, err
    assert "170" in out and "200" in out
    code, _, err = run_main(capsys, "tune", s.id, "--set", "pace.min_wpm=200",
                            "--set", "pace.max_wpm=100")
    assert_one_line_error(code, err, "pace.max_wpm")


def test_tune_counts_a_flag_that_turns_into_a_tick_as_gone(capsys, rec):
    """QA6 F28: a pace warning that becomes "✓ in the conversational range" under the new
    threshold is a flag that disappeared (counted and shown with "-"), not a rewording."""
    s = add_session(rec)  # the saved answer runs at 139 wpm
    code, _, err = run_main(capsys, "tune", s.id, "--set", "pace.min_wpm=140", "--save")
    assert code == 0, err
    code, out, err = run_main(capsys, "tune", s.id, "--set", "pace.min_wpm=120")
    assert code == 0, err
    flat = " ".join(out.split())
    assert re.search(r"- \[pace\] Pace 139 wpm", flat)
    assert "✓ [pace] Pace 139 wpm is in the conversational range" in flat
    assert "~ [pace]" not in flat
    assert re.search(r"flags: 0 new, 1 gone .*, 0 reworded", flat)
    # and back: the ✓ turns into a flag that appears
    run_main(capsys, "tune", s.id, "--set", "pace.min_wpm=120", "--save")
    code, out, _ = run_main(capsys, "tune", s.id, "--set", "pace.min_wpm=140")
    flat = " ".join(out.split())
    assert re.search(r"\+ \[pace\] Pace 139 wpm", flat)
    assert re.search(r"flags: 1 new, 0 gone", flat)


def test_review_list_names_questions_and_retries(capsys, rec):
    """QA6 F38: "1 question + 1 retry", not "2 Qs"; the score is the best attempt's."""
    import dataclasses

    from review_fixtures import make_answer

    s = rec.new_session("practice", "retry", Config().to_dict(),
                        now=datetime(2026, 11, 30, 3, 19))
    for n, overall in ((1, 74), (2, 71)):
        s.add_question(n, {"id": "lp-dive-deep-1", "text": "Tell me", "kind": "behavioral"})
        s.save_answer(n, dataclasses.replace(make_answer(n, overall=overall), attempt=n))
    s.finish()
    code, out, _ = run_main(capsys, "review")
    row = " ".join(next(line for line in out.splitlines() if s.id in line).split())
    assert code == 0 and "1 + 1 retry" in row and " 74 " in row, row
