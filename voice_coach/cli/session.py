"""Interactive commands: `practice`, `interview`, `demo` — and the terminal UI they share."""

from __future__ import annotations

import argparse
import functools
import random
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from voice_coach.cli import common
from voice_coach.cli.nextup import suggestions
from voice_coach.errors import AudioError, DeviceError, QuestionError
from voice_coach.questions import load_bank, plan_round
from voice_coach.report import (
    finalize_session,
    follow_up_cell,
    render_answer_terminal,
    render_comparison_terminal,
)
from voice_coach.report_model import AnswerReport, RecordingInfo, SessionQuestion, counted
from voice_coach.skills import FIXES_PER_ROUND, round_fixes
from voice_coach.store import Store

LEVEL_FLOOR_DBFS = -60.0  # level meter range
METER_WIDTH = 20


def register(sub) -> None:
    p = common.add_command(sub, "practice", "answer one question aloud and get coached", run_practice)
    g = p.add_mutually_exclusive_group()
    g.add_argument("--category", metavar="C", help="pick from this category (see `questions`)")
    g.add_argument("--question", metavar="ID",
                   help="ask this question (default: what `voice-coach next` picks)")
    p.add_argument("--kind", choices=("behavioral", "technical", "coding"), help="pick this kind")
    _add_io_options(p)

    p = common.add_command(sub, "interview", "a full mock round with follow-ups and a summary",
                           run_interview)
    p.add_argument("--round", default="amazon-ml", metavar="R",
                   help="amazon-ml (default), amazon-aie or behavioral")
    _add_io_options(p)

    p = common.add_command(sub, "demo", "a full spoken round with a synthesized candidate "
                           "(no microphone needed)", run_demo)
    p.add_argument("--realtime", action="store_true",
                   help="play the candidate's answers at real speed (default: as fast as possible)")
    p.add_argument("--no-voice", action="store_true", help="show questions without speaking them")
    common.add_model_options(p)

    p = common.add_command(sub, "recover", "analyse answers that were recorded but never analysed "
                           "(after a crash or Ctrl-C)", run_recover)
    p.add_argument("session", nargs="?", metavar="SESSION", help="session id (default: all)")
    common.add_model_options(p)


def _add_io_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--input", metavar="FILE", action="append", default=[],
                   help="answer from an audio file instead of the microphone (repeat for "
                   "follow-ups / later questions; with --retry the attempts come first)")
    p.add_argument("--realtime", action="store_true",
                   help="with --input: play the file at real speed, as a live microphone would")
    p.add_argument("--no-voice", action="store_true", help="show questions without speaking them")
    p.add_argument("--no-follow-up", action="store_true", help="do not ask follow-up questions")
    p.add_argument("--device", metavar="D", help="microphone name or index (see `devices`)")
    p.add_argument("--seed", type=int, help="seed for reproducible question picks")
    p.add_argument("--prompts", metavar="DIR", help="question bank folder (default: prompts/)")
    add_retry_option(p)
    common.add_model_options(p)


def _retry_count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"expects a number of retries (0, 1, 2, …), "
                                         f"got {text!r}")
    return value


def add_retry_option(p: argparse.ArgumentParser) -> None:
    """--retry [N]: answer each question N more times (default 1) and compare the attempts."""
    p.add_argument("--retry", nargs="?", type=_retry_count, const=1, default=0, metavar="N",
                   help="answer each question again N times (default 1) and see what changed; "
                   "with --input, one file per attempt: the files go to the attempts first, and "
                   "a follow-up's reply is the file after the last attempt. At a terminal you "
                   "can also press r after the feedback to retry")


class TerminalUI:
    """Draws questions, the live recording meter, reports and the round summary."""

    def __init__(self, cfg, *, source_label: object | None = None, keys: _EnterKey | None = None,
                 fixes: bool = False):
        self.cfg = cfg
        self.console = common.console()
        self.source_label = source_label
        self.keys = keys
        self.fixes = fixes  # end with the three things to fix (a round)
        self.session_id: str | None = None  # known once the round has ended (summary)
        self.last_report: AnswerReport | None = None
        self.replies = 0  # follow-up replies heard this round
        self._live = None

    def question(self, n: int, text: str, *, follow_up: bool, spoken: bool | None) -> None:
        from rich.panel import Panel

        title = f"Follow-up {n}" if follow_up else f"Question {n}"
        note = {True: "", None: "  [dim](voice off)[/dim]",
                False: "  [dim](no audio output — read it)[/dim]"}[spoken]
        self.console.print()
        self.console.print(Panel(text, title=title + note, border_style="cyan"))

    def recording_started(self, n: int) -> None:
        from rich.live import Live
        from rich.text import Text

        how = (f"answering from {self.source_label}" if self.source_label else
               "speak now — press Enter or say \"that's my answer\" to finish")
        self.console.print(f"[bold red]● recording[/bold red] answer {n}: {how}")
        self._live = Live(Text(""), console=self.console, refresh_per_second=8, transient=True)
        self._live.start()

    def status(self, st: Any) -> None:
        from rich.text import Text

        if self._live is None:
            return
        level = max(0.0, min(1.0, (st.level_dbfs - LEVEL_FLOOR_DBFS) / -LEVEL_FLOOR_DBFS))
        bars = int(round(level * METER_WIDTH))
        line = Text()
        line.append(f"{int(st.elapsed_s // 60)}:{st.elapsed_s % 60:04.1f}  ", style="bold")
        line.append("▮" * bars, style="green" if st.speaking else "dim green")
        line.append("▯" * (METER_WIDTH - bars), style="dim")
        line.append(f"  silence {st.silence_s:4.1f} s", style="yellow" if st.nudge else "dim")
        if st.nudge:
            line.append("  keep thinking aloud — say what you are weighing", style="bold yellow")
        self._live.update(line)

    def recording_finished(self, recording: Any) -> None:
        if self._live is not None:
            self._live.stop()
            self._live = None
        why = {"stop": "stopped", "end_of_input": "end of file", "max_length": "time limit",
               "silence": "silence", "end_phrase": "end phrase"}.get(recording.ended_by,
                                                                      recording.ended_by)
        # the on-screen "keep thinking aloud" cue fires once per silence ≥ silence.long_silence_s:
        # named as the silences it counts, not as "nudges" next to the drill's spoken prompts
        n = len(recording.nudges_s)
        extra = f", {n} long silence{'s' if n > 1 else ''}" if n else ""
        self.console.print(f"[dim]answer recorded: {recording.duration_s:.1f} s ({why}{extra}); "
                           "analysing…[/dim]")

    def answer_report(self, report: AnswerReport) -> None:
        render_answer_terminal(report, self.console)
        self.last_report = report
        self.replies += bool(report.follow_up_kind)

    def interrupted(self, store: Store) -> None:
        """After Ctrl-C: say what was kept and the command that analyses it."""
        if self.session_id is None:
            return
        pending = store.load_session(self.session_id).pending
        if pending:
            self.console.print(f"[yellow]Interrupted: answer {', '.join(map(str, pending))} "
                               "recorded but not analysed — analyse it with: "
                               f"voice-coach recover {self.session_id}[/yellow]", soft_wrap=True)

    def attempt_comparison(self, comparison: Any) -> None:
        render_comparison_terminal(comparison, self.console)

    def offer_retry(self, question: Any, attempt: int) -> bool:
        """At a terminal: r + Enter answers the same question again, Enter goes on."""
        if self.keys is None or not self.keys.interactive:
            return False
        line = self.keys.next_line(lambda: self.console.print(
            f"[bold]r[/bold] ⏎ answer this question again (attempt {attempt + 1}) · ⏎ go on"))
        return line.strip().lower() in ("r", "retry")

    def summary(self, session_id: str, reports: Sequence[AnswerReport], path: Path) -> None:
        from rich.table import Table

        self.session_id = session_id
        if not reports:
            self.console.print(f"[yellow]No answer was completed. Session {session_id} kept as "
                               "interrupted.[/yellow]")
            return
        t = Table(title=f"Round summary — {session_id}")
        # QA6 F12: no analysis-latency column — it is a benchmark number (`make bench`), and a
        # user reads it as the answer's length
        for col in ("#", "question", "overall", "+ follow-up", "delivery", "structure", "wpm"):
            t.add_column(col)
        for r in reports:
            s, d = r.scores, r.delivery
            q = (r.question.text if r.question is not None else None) or ""
            if r.attempt is not None and r.attempt >= 2:
                q = f"(attempt {r.attempt}) {q}"
            t.add_row(str(r.n if r.n is not None else ""), q[:48] + ("…" if len(q) > 48 else ""),
                      _fmt(s.overall), follow_up_cell(r, reports), _fmt(s.delivery),
                      "reply" if r.follow_up_kind else _fmt(s.structure),
                      _fmt(d.wpm if d is not None else None))
        self.console.print(t)
        if self.fixes:
            self.round_fixes(reports)
        self.console.print(f"Saved to {path} — review with: voice-coach review {session_id}")

    def round_fixes(self, reports: Sequence[AnswerReport]) -> None:
        from rich.text import Text

        fixes = round_fixes(reports, cfg=self.cfg)
        if not fixes:
            self.console.print("Nothing to fix that this round could measure — well done.")
            return
        n = len(fixes)
        head = f"The {n} things to fix" if n == FIXES_PER_ROUND else \
            f"Only {n} thing{'s' if n > 1 else ''} to fix"
        self.console.print(Text(head + ":", style="bold"))
        for i, fix in enumerate(fixes, 1):
            self.console.print(f"  {i}. {fix.text()}")
            # the command is never broken across lines, so it can be copied
            self.console.print(f"     → {fix.practise}", soft_wrap=True)


def _fmt(v: Any) -> str:
    if v is None:
        return "—"
    return f"{v:.1f}" if isinstance(v, float) else str(v)


class _EnterKey:
    """Sets an event when Enter is pressed (only when stdin is a terminal); the lines typed are
    also queued for questions asked between answers (`next_line`)."""

    def __init__(self, event: Any):
        import queue

        self.event = event
        self.lines: queue.Queue[str] = queue.Queue()
        self.interactive = sys.stdin is not None and sys.stdin.isatty()
        if self.interactive:
            threading.Thread(target=self._wait, name="enter-key", daemon=True).start()

    def _wait(self) -> None:
        while True:
            line = sys.stdin.readline()
            if not line:
                self.interactive = False
                self.lines.put("")
                return
            self.lines.put(line)
            self.event.set("enter")

    def next_line(self, prompt: Callable[[], None]) -> str:
        """Drop the lines typed so far, show `prompt`, and return the next line typed. The drop
        comes before the prompt, so a quick answer to the prompt is never dropped with them."""
        import queue

        while True:
            try:
                self.lines.get_nowait()
            except queue.Empty:
                break
        prompt()
        return self.lines.get()


def _setup(args: argparse.Namespace):
    from voice_coach.speaker import Speaker

    cfg = common.apply_model_options(common.load_config(args), args)
    if getattr(args, "device", None):
        cfg = cfg.with_value("audio.device", args.device, source="--device")
    speaker = None if args.no_voice or not cfg.voice.enabled else Speaker(cfg.voice)
    store = Store(common.recordings_dir(args))
    return cfg, speaker, store


def _transcriber_factory(cfg):
    from voice_coach.transcriber import load_transcriber

    t = cfg.transcriber
    return lambda: load_transcriber(t.backend, t.model, beam_size=t.beam_size)


def _sources(args, cfg, n_main: int):
    """Answer sources: the --input files in order (one per attempt), else the microphone."""
    from voice_coach.audio import FileSource, MicrophoneSource, load_audio

    inputs = [Path(p) for p in args.input]
    for p in inputs:
        load_audio(p)  # fail before the round starts, not in the middle of it
    attempts = 1 + getattr(args, "retry", 0)
    if inputs and len(inputs) < n_main * attempts:
        asked = (f"{n_main} question(s) × {attempts} attempts = {n_main * attempts} answers"
                 if attempts > 1 else f"{n_main} questions")
        raise AudioError(f"this round asks {asked} but only {len(inputs)} --input "
                         f"file(s) were given")
    used = {"n": 0}
    label = _InputLabel(inputs) if inputs else None

    def source_for(n: int, q: Any):
        if not inputs:
            return MicrophoneSource(cfg.audio.device or None)
        path = inputs[used["n"]]
        used["n"] += 1
        label.current = path
        return FileSource(path, realtime=args.realtime)

    def remaining() -> int:
        return len(inputs) - used["n"]

    if not inputs:
        from voice_coach.audio import list_input_devices

        if not list_input_devices():
            raise DeviceError("no microphone found — plug one in and check `voice-coach devices`, "
                              "or answer from a file with --input FILE")
    return source_for, remaining, label


class _InputLabel:
    """The --input file the current answer comes from ("answering from b.wav")."""

    def __init__(self, paths: Sequence[Path]):
        self.paths = list(paths)
        self.current: Path | None = None

    def __str__(self) -> str:
        return self.current.name if self.current else ", ".join(p.name for p in self.paths)


def _run(args, questions: list[Any], mode: str, title: str) -> int:
    from voice_coach.interview import run_round

    cfg, speaker, store = _setup(args)
    source_for, remaining, label = _sources(args, cfg, len(questions))
    attempts = 1 + args.retry

    def want_follow_up(main_left: int) -> bool:
        """Ask follow-ups unless turned off; with --input files only while a file is left over
        for each attempt at the main questions still to come."""
        if args.no_follow_up:
            return False
        if label is None or remaining() > main_left * attempts:
            return True
        if ui.last_report is not None and ui.last_report.follow_up:
            ui.console.print("[yellow]follow-up skipped: no --input file is left for it (give "
                             "one more --input file to answer follow-ups)[/yellow]")
        return False

    from voice_coach.recorder import StopEvent

    stop = StopEvent()
    keys = _EnterKey(stop)
    ui = TerminalUI(cfg, source_label=label, keys=keys, fixes=mode == "interview")

    def retry(q: Any, attempt: int, report: AnswerReport) -> bool:
        """--retry N asks each question N more times; at a terminal the user may also press r
        after any attempt (with --input, while a file is left beyond what is still to come)."""
        main_left = len(questions) - questions.index(q) - 1
        if attempt >= attempts and (label is not None and remaining() <= main_left * attempts
                                    or not ui.offer_retry(q, attempt)):
            return False
        if label is not None and remaining():  # QA13 F08: say which file is which attempt
            name = label.paths[len(label.paths) - remaining()].name
            ui.console.print(f"[yellow]--retry: {name} is taken as attempt {attempt + 1} at this "
                             "question, not as a follow-up reply (the --input files go to the "
                             "attempts first; a follow-up's reply is the file after the last "
                             "attempt)[/yellow]", soft_wrap=True)
        return True

    try:
        run_round(questions, mode=mode, title=title, store=store, cfg=cfg,
                  transcriber=_transcriber_factory(cfg), speaker=speaker, source_for=source_for,
                  ui=ui, follow_ups=False if args.no_follow_up else want_follow_up,
                  stop_event=stop, retries=retry,
                  finalize=functools.partial(finalize_session, store))
    except KeyboardInterrupt:
        ui.interrupted(store)
        raise
    left = remaining()
    if label is not None and left:  # QA6 F11: a file given but never heard is said so
        names = ", ".join(p.name for p in label.paths[-left:])
        # QA9 F21: "at most one follow-up" read as if one had been asked
        why = ("follow-ups are off" if args.no_follow_up
               else "a question takes at most one follow-up" if ui.replies
               else "no follow-up question was asked")
        ui.console.print(f"[yellow]{counted(left, '--input file')} not used ({names}): the round "
                         f"asked for no more answers — {why}.[/yellow]")
    return 0


def run_practice(args: argparse.Namespace) -> int:
    bank = load_bank(Path(args.prompts) if args.prompts else None)
    if args.question:
        q = bank.get(args.question)
    elif args.category:
        q = bank.pick(random.Random(args.seed), category=args.category, kind=args.kind)
    else:
        found, _ = suggestions(args, kind=args.kind, category=None, limit=1)
        if not found:
            q = bank.pick(random.Random(args.seed), kind=args.kind)
        else:
            q = bank.get(found[0].question_id)
            common.console().print(f"[bold]Picked for you[/bold] ({q.id}): {found[0].reason}")
    return _run(args, [q], "practice", q.id)


def run_interview(args: argparse.Namespace) -> int:
    bank = load_bank(Path(args.prompts) if args.prompts else None)
    questions = plan_round(args.round, bank, random.Random(args.seed))
    return _run(args, questions, "interview", args.round)


def run_demo(args: argparse.Namespace) -> int:
    from voice_coach.audio import FileSource
    from voice_coach.demo import DEMO_ROUND, GENERIC_FOLLOW_UP, cached_answer, demo_answer_paths
    from voice_coach.interview import run_round

    args.input, args.device, args.no_follow_up = [], None, False
    cfg, speaker, store = _setup(args)
    bank = load_bank()
    questions = [bank.get(t.question_id) for t in DEMO_ROUND]
    err = common.console(stderr=True)
    with err.status("Synthesizing the demo candidate's answers (espeak-ng, cached)…"):
        paths = demo_answer_paths()
        generic = cached_answer(GENERIC_FOLLOW_UP)
    answered: set[str] = set()

    def source_for(n: int, q: Any):
        main, follow = paths[questions.index(q)]
        path = follow or generic if q.id in answered else main
        answered.add(q.id)
        return FileSource(path, realtime=args.realtime)

    common.console().print("[bold]voice-coach demo[/bold]: a synthesized candidate answers a "
                           "mock round; the interviewer's questions are rendered with pyttsx3.")
    ui = TerminalUI(cfg, source_label="the synthesized candidate (FileSource)", fixes=True)
    run_round(questions, mode="demo", title="demo-round", store=store, cfg=cfg,
              transcriber=_transcriber_factory(cfg), speaker=speaker, source_for=source_for,
              ui=ui, follow_ups=True, save_prompts=True,
              finalize=functools.partial(finalize_session, store))
    return 0


def run_recover(args: argparse.Namespace) -> int:
    """Repair and analyse every pending answer WAV; a session with none left becomes `complete`
    (marked `recovered`, so its report still says it was interrupted)."""
    from voice_coach import pipeline
    from voice_coach.audio import load_audio
    from voice_coach.recorder import repair_wav

    cfg = common.apply_model_options(common.load_config(args), args)
    store = Store(common.recordings_dir(args))
    ids = [args.session] if args.session else [s.id for s in store.list_sessions() if s.pending]
    out, err = common.console(), common.console(stderr=True)
    if not ids:
        out.print("Nothing to recover: every recorded answer has its report.")
        return 0
    bank = load_bank()
    transcriber = None
    for sid in ids:
        data = store.load_session(sid)
        session = store.open_session(sid)
        saved = {a.n: a for a in data.answers}
        asked = {q.n: q for q in data.meta.questions}
        for n in data.pending:
            wav = session.answer_wav_path(n)
            try:
                secs = repair_wav(wav)
                audio = load_audio(wav)
            except AudioError as e:
                err.print(f"{sid} answer {n}: skipped ({e})")
                continue
            entry = asked.get(n) or SessionQuestion(n)
            try:
                question = bank.get(entry.id) if entry.id else None
            except QuestionError:
                question = None
            if transcriber is None:
                transcriber = common.load_transcriber_with_status(cfg, err)
            # a follow-up reply is judged by its follow-up's rubric, as in the live round
            parent = saved.get(n - 1)
            kind = entry.follow_up_kind or (parent.follow_up_key if parent else None)
            follow_up = (pipeline.FollowUpOf(kind, parent, (), (entry.text or "",))
                         if entry.follow_up and kind else None)
            with err.status(f"{sid}: analysing answer {n} ({secs:.1f} s)…"):
                report = pipeline.analyze_audio(audio, cfg=cfg, transcriber=transcriber,
                                                question=question, audio_path=wav,
                                                follow_up=follow_up)
            report = pipeline.saved_answer(
                report, n=n, text=entry.text, follow_up=entry.follow_up,
                attempt=entry.attempt or 1, created_at=None,
                recording=RecordingInfo("interrupted", 0, ()))
            session.save_answer(n, report)
            saved[n] = report
            if follow_up is not None and parent is not None:
                saved[n - 1] = pipeline.merge_follow_up(parent, report, cfg, question)
                session.save_answer(n - 1, saved[n - 1])
            out.print(f"{sid}: answer {n} recovered ({secs:.1f} s of audio)")
        data = store.load_session(sid)
        if not data.pending and data.meta.status != "complete":
            session.meta["recovered"] = True  # the page says it was interrupted, then recovered
            session.finish("complete")
            data = store.load_session(sid)
            out.print(f"{sid}: complete — every recorded answer is analysed")
        finalize_session(store, sid)
    return 0
