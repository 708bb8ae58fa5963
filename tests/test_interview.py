"""End to end: `practice` and `interview` driven by FileSource answers, saved sessions checked."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
import soundfile as sf
from tools import sigint_default, wait_for_recording

from report_schema import check_report
from voice_coach.cli import main

pytestmark = pytest.mark.slow


def _sessions(rec: Path) -> list[Path]:
    return sorted(p for p in rec.iterdir() if p.is_dir())


def _mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


def test_practice_from_file_saves_answer_and_report(_private_recordings, clip, capsys):
    rc = main(["practice", "--question", "ml-overfitting-1", "--input", str(clip("syn_rate120_20s")),
               "--no-voice", "--no-follow-up"])
    out = capsys.readouterr().out
    assert rc == 0
    assert "Question 1" in out and "Round summary" in out
    [session] = _sessions(_private_recordings)
    meta = json.loads((session / "session.json").read_text())
    assert meta["status"] == "complete" and meta["mode"] == "practice"
    wav = session / "answer-01.wav"
    info = sf.info(str(wav))
    assert info.samplerate == 16000 and abs(info.duration - 22.53) < 0.2
    report = json.loads((session / "answer-01.json").read_text())
    check_report(report, audio=True)
    assert report["question"]["id"] == "ml-overfitting-1"
    assert report["n"] == 1 and report["recording"]["ended_by"] == "end_of_input"
    assert "overfitting" in report["transcript"]["text"].lower()
    assert report["delivery"]["word_count"] > 30
    # --no-follow-up: no follow-up is asked, so neither the screen nor a report names one
    assert report["follow_up"] is None and report["follow_up_key"] is None
    assert "follow-up:" not in out.lower()
    assert "follow-up" not in (session / "report.md").read_text().lower()
    assert report["timings"]["feedback_latency_s"] is not None
    for name in ("report.md", "report.html"):
        assert (session / name).stat().st_size > 0
    assert _mode(session) == 0o700
    for f in session.iterdir():
        assert _mode(f) == 0o600, f


def test_practice_follow_up_uses_second_input(_private_recordings, clip, capsys):
    rc = main(["practice", "--question", "lp-dive-deep-1", "--input", str(clip("mfa_putty")),
               "--input", str(clip("jfk")), "--no-voice"])
    assert rc == 0
    [session] = _sessions(_private_recordings)
    first = json.loads((session / "answer-01.json").read_text())
    assert first["follow_up"], "a weak answer must get a follow-up question"
    second = json.loads((session / "answer-02.json").read_text())
    assert second["follow_up_of"] == 1
    assert second["question"]["text"] == first["follow_up"]
    assert "Follow-up 2" in capsys.readouterr().out


def test_follow_up_answer_is_judged_by_its_rubric_and_improves_the_main_answer(
        _private_recordings, tmp_path, capsys):
    """A vague spoken story, then a spoken follow-up reply that supplies what a follow-up asks
    for: the reply is saved with its `follow_up_kind` and scored on its rubric, and the main
    answer's saved report (and report.md) show what the follow-up added."""
    from tools import require_tool

    from voice_coach.demo import ScriptedAnswer, synthesize
    from voice_coach.report import md_escape

    require_tool("espeak-ng", "espeak", install="apt-get install -y espeak-ng")
    main_wav = synthesize(ScriptedAnswer((
        ("So, we had a launch coming up and we were not sure about the data.", 0.8),
        ("We talked about it a lot and we decided to go ahead.", 0.8),
        ("We just shipped it and it was fine I think.", 0.0))), tmp_path / "main.wav")
    reply_wav = synthesize(ScriptedAnswer((
        ("First I pulled the logs and I fixed the broken rows myself.", 0.5),
        ("The launch went out two weeks early, and sign ups grew from ten percent to eighteen "
         "percent.", 0.0))), tmp_path / "reply.wav")
    rc = main(["practice", "--question", "lp-bias-for-action-1", "--input", str(main_wav),
               "--input", str(reply_wav), "--no-voice"])
    assert rc == 0
    [session] = _sessions(_private_recordings)
    first = json.loads((session / "answer-01.json").read_text())
    second = json.loads((session / "answer-02.json").read_text())
    check_report(first, audio=True)
    check_report(second, audio=True)
    assert first["follow_up_key"] and first["follow_up_kind"] is None
    assert second["follow_up_kind"] == first["follow_up_key"]
    check = second["follow_up_check"]
    assert check["kind"] == first["follow_up_key"] and check["supplied"], check
    assert second["scores"]["overall"] >= 70, second["scores"]
    assert not any(f["message"].startswith(("No Situation", "No Result", "No Learning"))
                   for f in second["feedback"])
    assert second["follow_up"] != second["question"]["text"]
    block = first["with_follow_up"]
    assert block["kind"] == first["follow_up_key"] and block["supplied"] and block["n"] == 2
    assert block["scores"]["overall"] > first["scores"]["overall"]
    md = (session / "report.md").read_text()
    assert md_escape(f"with the follow-up (answer 2): {check['label']} ✓") in md


def test_interview_round_with_file_answers(_private_recordings, clip, capsys):
    # What is tested is the round (six questions of three kinds, each answer saved and reported,
    # the summary and its three fixes), not how long answers are: six short real clips (50 s of
    # audio, was 161 s; Whisper, VAD and prosody cost grows with the audio). Answers longer than
    # Whisper's 30 s window stay covered (test_streaming: syn_star_60s; test_recovery: 40 s).
    names = ["jfk", "mfa_putty", "mfa_um", "mfa_uh", "mfa_youknow", "mfa_surround"]
    argv = ["interview", "--round", "amazon-ml", "--seed", "3", "--no-voice", "--no-follow-up"]
    for n in names:
        argv += ["--input", str(clip(n))]
    assert main(argv) == 0
    [session] = _sessions(_private_recordings)
    meta = json.loads((session / "session.json").read_text())
    assert meta["status"] == "complete" and meta["mode"] == "interview"
    answers = sorted(session.glob("answer-*.json"))
    assert len(answers) == 6
    kinds = {json.loads(a.read_text())["question"]["kind"] for a in answers}
    assert {"behavioral", "technical", "coding"} <= kinds
    out = capsys.readouterr().out
    assert "Round summary" in out
    assert "follow-up:" not in out.lower()
    assert all(json.loads(a.read_text())["follow_up"] is None for a in answers)
    # The round ends with the three things to fix, each with what to practise.
    fixes = out.split("The 3 things to fix:")[1].split("Saved to")[0]
    commands = [ln.strip()[2:] for ln in fixes.splitlines() if ln.strip().startswith("→ ")]
    assert len(commands) == 3 and all(c.startswith("voice-coach ") for c in commands)
    md = (session / "report.md").read_text()
    assert "## Things to fix" in md and md.count("Practise: `voice-coach") == 3


def test_too_few_inputs_is_a_clear_error(clip, capsys):
    rc = main(["interview", "--round", "amazon-ml", "--input", str(clip("jfk")), "--no-voice"])
    assert rc == 2
    assert "--input" in capsys.readouterr().err


def test_sigint_mid_answer_keeps_interrupted_session(_private_recordings, clip):
    env = dict(os.environ)
    proc = subprocess.Popen(
        [sys.executable, "-m", "voice_coach", "practice", "--question", "ml-overfitting-1",
         "--input", str(clip("syn_long_silence_90s")), "--realtime", "--no-voice"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, preexec_fn=sigint_default)
    wait_for_recording(_private_recordings, 4.0)  # 4 s into the answer
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert b"Traceback" not in err
    [session] = _sessions(_private_recordings)
    meta = json.loads((session / "session.json").read_text())
    assert meta["status"] == "interrupted"
    info = sf.info(str(session / "answer-01.wav"))
    assert info.duration >= 4.0


def test_an_input_file_the_round_never_used_is_named(_private_recordings, clip, capsys):
    """QA6 F11: an extra --input file is said to be unused (not silently dropped); QA6 F12: the
    round summary has no unexplained analysis-latency column. The answer's length plays no part:
    a 6 s clip (was the 22.5 s syn_rate120_20s)."""
    rc = main(["practice", "--question", "ml-overfitting-1", "--input", str(clip("mfa_putty")),
               "--input", str(clip("jfk")), "--no-voice", "--no-follow-up"])
    out = capsys.readouterr().out
    assert rc == 0 and "Round summary" in out
    flat = " ".join(out.split())
    assert "1 --input file not used (jfk.flac)" in flat and "follow-ups are off" in flat
    assert "feedback s" not in flat and "feedbacks" not in flat


def test_a_round_waits_for_its_warm_up_threads_before_it_ends():
    """An early end (disk full, Ctrl-C) must not exit while the text warm-up is mid-call in a
    native runtime: `settle` joins the warm-up thread `also` started."""
    import threading
    import time

    from voice_coach.interview import _Warmup

    def side() -> threading.Thread:
        t = threading.Thread(target=time.sleep, args=(0.3,), daemon=True)
        t.start()
        return t

    w = _Warmup(lambda: "model", also=side)
    assert w.get() == "model"
    w.settle()
    assert w._side is not None and not w._side.is_alive()



class _QuietUI:
    """The `RoundUI` surface, drawing nothing; notes when the recording finished."""

    finished_at = 0.0

    def question(self, n, text, *, follow_up, spoken): ...
    def recording_started(self, n): ...
    def status(self, status): ...
    def answer_report(self, report): ...
    def summary(self, session_id, reports, path): ...

    def recording_finished(self, recording):
        self.finished_at = time.monotonic()


def test_settled_clauses_are_embedded_while_a_live_answer_is_recorded(tmp_path, clip,
                                                                     monkeypatch):
    from voice_coach import interview
    from voice_coach.analysis.structure import SPAN_WINDOWS, clean_clauses
    from voice_coach.audio import FileSource
    from voice_coach.config import Config
    from voice_coach.embedder import shared_meaning_model
    from voice_coach.questions import load_bank
    from voice_coach.store import Store
    from voice_coach.transcriber import load_transcriber

    monkeypatch.setattr(interview, "SETTLED_EVERY_S", 1.0)
    embedded: list[tuple[float, list[str]]] = []

    def embed_settled_clauses(text, embedder):  # the real one; what it embedded is noted
        n = real(text, embedder)
        embedded.append((time.monotonic(), [c for _, _, c in clean_clauses(text.split())][:n]))
        return n

    real = interview.embed_settled_clauses
    monkeypatch.setattr(interview, "embed_settled_clauses", embed_settled_clauses)
    embedder = shared_meaning_model().embedder
    cfg = Config()
    session = Store(tmp_path / "rec").new_session("practice", "p", cfg.to_dict())
    q = load_bank().get("lp-dive-deep-1")
    ui = _QuietUI()
    interview.warm_analysis(cfg, q).join()  # as a round does before its first question
    report = interview.ask_and_record(
        n=1, question=q, text=q.text, follow_up=False, session=session, cfg=cfg,
        transcriber=load_transcriber(), speaker=None,
        source=FileSource(clip("syn_star_60s"), realtime=True), ui=ui)
    assert report.transcript.text
    before_end = [c for t, clauses in embedded if t <= ui.finished_at for c in clauses]
    assert len(before_end) >= 2  # clauses of the answer were embedded before it ended
    assert all(embedder.is_cached(c, SPAN_WINDOWS) for c in before_end)
    # and the question's key points while it was asked
    assert all(embedder.is_cached(k, SPAN_WINDOWS) for k in q.key_points)
