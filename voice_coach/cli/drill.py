"""`voice-coach drill think-aloud`: one long coding/design answer, spoken interviewer prompts when
you go quiet, and a think-aloud summary (speech/silence timeline with prompts and markers)."""

from __future__ import annotations

import argparse
import functools
import random
from pathlib import Path
from typing import Any

from voice_coach.analysis.vocabulary import MARKER_LETTERS
from voice_coach.analysis.vocabulary import MARKER_SHORT as LEGEND
from voice_coach.cli import common
from voice_coach.cli.session import TerminalUI, _EnterKey, add_retry_option
from voice_coach.clock import format_clock
from voice_coach.errors import AudioError, ConfigError, DeviceError, QuestionError
from voice_coach.questions import load_bank
from voice_coach.report import THINK_ALOUD_BAR_WIDTH, finalize_session, timeline_bar
from voice_coach.report_model import AnswerReport, percent
from voice_coach.store import Store


DRILL_CATEGORIES = ("coding", "ml-design")
# One letter per reasoning marker on the timeline (at the first time it was heard).


def register(sub) -> None:
    """Add `drill` (with its `think-aloud` mode) to the `voice-coach` parser."""
    p = sub.add_parser("drill", help="focused drills: think-aloud for coding and design answers",
                       description="Focused drills. Modes: think-aloud.")
    modes = p.add_subparsers(dest="drill_mode", metavar="MODE", required=True)
    t = common.add_command(
        modes, "think-aloud",
        "talk through a coding or ML-design problem for up to N minutes; the interviewer "
        "prompts you when you go quiet", run_think_aloud,
        description="Talk through a coding or ML-design problem for up to N minutes. When you "
        "are silent for --prompt-after seconds the interviewer asks a short nudge (spoken and "
        "shown; its interval is excluded from your analysis). Ends on Enter, an end phrase "
        "(\"that's my answer\"), the time limit, or the end of --input.")
    t.add_argument("--question", metavar="ID", help="this question (default: a random coding or "
                   "ml-design question)")
    t.add_argument("--minutes", type=float, metavar="N",
                   help="time limit in minutes (default: config drill.minutes, 10)")
    t.add_argument("--prompt-after", type=float, metavar="S",
                   help="seconds of silence before the interviewer prompts; 0 = never "
                   "(default: config drill.prompt_after_s, 15)")
    t.add_argument("--input", metavar="FILE", action="append", default=[],
                   help="answer from an audio file instead of the microphone (repeat: one file "
                   "per attempt with --retry)")
    t.add_argument("--realtime", action="store_true",
                   help="with --input: play the file at real speed, as a live microphone would")
    t.add_argument("--no-voice", action="store_true",
                   help="show the question and prompts without speaking them")
    t.add_argument("--device", metavar="D", help="microphone name or index (see `devices`)")
    t.add_argument("--seed", type=int, help="seed for a reproducible question pick")
    t.add_argument("--prompts", metavar="DIR", help="question bank folder (default: prompts/)")
    add_retry_option(t)
    common.add_model_options(t)


class DrillUI(TerminalUI):
    """The practice UI plus the interviewer's prompts, printed above the live meter."""

    def interviewer_prompt(self, event: Any) -> None:
        from rich.text import Text

        line = Text()
        line.append(f"{format_clock(event.at_s)}  interviewer: ", style="bold magenta")
        line.append(event.text, style="magenta")
        (self._live.console if self._live is not None else self.console).print(line)


def render_think_aloud(report: AnswerReport, console, width: int = THINK_ALOUD_BAR_WIDTH) -> None:
    """The end-of-drill summary: timeline bar, legend and the think-aloud table."""
    from rich.table import Table
    from rich.text import Text

    from voice_coach.analysis.think_aloud import MARKER_LABELS

    ta = report.think_aloud
    if ta is None:
        return
    console.print()
    console.print(Text("Think-aloud timeline", style="bold"))
    console.print(Text("0:00 ") + Text(timeline_bar(ta, width)) +
                  Text(f" {format_clock(ta.duration_s)}"))
    console.print(Text("     █ speech  ▄ some speech  · silence  ! interviewer prompt",
                       style="dim"))
    console.print(Text("     " + "  ".join(f"{letter} {LEGEND[name]}"
                                           for name, letter in MARKER_LETTERS.items()),
                       style="dim"))

    t = Table(title="Think-aloud", show_header=False, box=None, pad_edge=False)
    t.add_column("metric", style="bold")
    t.add_column("value")
    cov = ta.narration_coverage
    t.add_row("narration coverage", f"{percent(cov)} of the answer time" if cov is not None
              else "— (no speech)")
    t.add_row("answer time", f"{_secs(ta.answer_time_s)} (speaking "
              f"{_secs(ta.speaking_s)}, lead-in {_secs(ta.lead_in_s)})")
    t.add_row("narration pace", f"{_num(ta.narration_wpm)} wpm")
    if ta.narration_wpm_timeline:
        t.add_row("pace per 30 s", " ".join(_num(w.wpm) for w in ta.narration_wpm_timeline))
    st = ta.silent_stretches
    t.add_row("silent stretches", f"≥5 s: {st.count_5s}   ≥10 s: "
              f"{st.count_10s}   ≥20 s: {st.count_20s}")
    for s in st.items[:8]:
        after = f" after '{s.preceding_words}'" if s.preceding_words else ""
        flag = " (prompted)" if s.prompted else ""
        t.add_row("", f"{format_clock(s.start)}  {s.duration:.1f} s{after}{flag}")
    ls = ta.longest_silence
    if ls is not None:
        after = f" after '{ls.preceding_words}'" if ls.preceding_words else ""
        t.add_row("longest silence", f"{ls.duration:.1f} s{ls.prompt_note} at "
                  f"{format_clock(ls.start)}{after}")
    prompts = ta.prompts
    t.add_row("prompts needed", str(len(prompts)) + ("  (" + ", ".join(
        f"{format_clock(p.at_s)} {p.text}" for p in prompts[:4]) + ")" if prompts else ""))
    for name, m in ta.markers.items():
        label = MARKER_LABELS.get(name, name)
        if m.present:
            ev = (m.evidence or ("",))[0]
            t.add_row(f"{MARKER_LETTERS.get(name, '?')} {label}",
                      f"✓ {format_clock(m.first_at_s)} \"{ev}\"")
        else:
            t.add_row(f"{MARKER_LETTERS.get(name, '?')} {label}", "— not heard")
    console.print(t)


def _secs(x: Any) -> str:
    return f"{x:.0f} s" if isinstance(x, (int, float)) else "—"


def _num(x: Any) -> str:
    return f"{x:.0f}" if isinstance(x, (int, float)) else "—"


def _check_speech(path: Path, audio: Any, cfg: Any) -> None:
    """A file with no speech at all is a user mistake, told in one line as `analyze` tells it:
    no drill is run on it and no session is saved."""
    from voice_coach.analysis.vad import detect_speech
    from voice_coach.clock import SAMPLE_RATE

    if not detect_speech(audio, cfg.vad):
        raise AudioError(f"no speech found in {path} ({len(audio) / SAMPLE_RATE:.1f} s of silence "
                         "or noise) — check that it is the right file and that the microphone "
                         "was on")


def pick_question(args: argparse.Namespace):
    """--question ID, else a random coding or ml-design question (seeded by --seed)."""
    bank = load_bank(Path(args.prompts) if args.prompts else None)
    if args.question:
        question = bank.get(args.question)
        if question.kind == "behavioral":
            raise QuestionError(
                f"{question.id} is a behavioural question; the think-aloud drill is for coding "
                f"and technical problems worked aloud — answer it with `voice-coach practice "
                f"--question {question.id}`, or drop --question for a coding or ML-design problem")
        return question
    cats = [c for c in DRILL_CATEGORIES if c in bank.categories()]
    return bank.pick(random.Random(args.seed), category=cats or None,
                     kind=None if cats else "coding")


def run_think_aloud(args: argparse.Namespace) -> int:
    import threading

    from voice_coach.audio import FileSource, MicrophoneSource
    from voice_coach.drill import run_drill
    from voice_coach.recorder import StopEvent
    from voice_coach.speaker import Speaker

    cfg = common.apply_model_options(common.load_config(args), args)
    if args.device:
        cfg = cfg.with_value("audio.device", args.device, source="--device")
    if args.prompt_after is not None:
        cfg = cfg.with_value("drill.prompt_after_s", args.prompt_after, source="--prompt-after")
    minutes = cfg.drill.minutes if args.minutes is None else args.minutes
    if not minutes > 0:
        raise ConfigError(f"--minutes must be more than 0, got {minutes}")
    question = pick_question(args)
    attempts = 1 + args.retry
    inputs = [Path(p) for p in args.input]
    if inputs:
        from voice_coach.audio import load_audio

        if len(inputs) < attempts:
            raise AudioError(f"--retry {args.retry} drills the question {attempts} times but only "
                             f"{len(inputs)} --input file(s) were given")
        for p in inputs:  # fail before the drill starts, not in the middle of it
            _check_speech(p, load_audio(p), cfg)
        source = FileSource(inputs[0], realtime=args.realtime)
        label = ", ".join(p.name for p in inputs)
    else:
        from voice_coach.audio import list_input_devices

        if not list_input_devices():
            raise DeviceError("no microphone found — plug one in and check `voice-coach devices`, "
                              "or answer from a file with --input FILE")
        source = MicrophoneSource(cfg.audio.device or None)
        label = None
    speaker = None if args.no_voice or not cfg.voice.enabled else Speaker(cfg.voice)
    store = Store(common.recordings_dir(args))
    out = common.console()
    transcriber = common.load_transcriber_with_status(cfg, common.console(stderr=True))
    out.print(f"[bold]Think-aloud drill[/bold] — up to {minutes:g} min. "
              + (f"The interviewer prompts after {cfg.drill.prompt_after_s:g} s of silence."
                 if cfg.drill.prompt_after_s > 0 else "Interviewer prompts are off."))
    stop: threading.Event = StopEvent()
    keys = _EnterKey(stop)
    ui = DrillUI(cfg, source_label=label, keys=keys)

    def next_source(attempt: int):
        if inputs:
            return FileSource(inputs[attempt - 1], realtime=args.realtime)
        return MicrophoneSource(cfg.audio.device or None)

    def retry(q: Any, attempt: int, report: AnswerReport) -> bool:
        if attempt < attempts:
            return True
        if inputs and attempt >= len(inputs):  # no file left for another attempt
            return False
        return ui.offer_retry(q, attempt)

    report, sid = run_drill(question, store=store, cfg=cfg, transcriber=transcriber, speaker=speaker,
                       source=source, ui=ui, minutes=minutes, stop_event=stop, retries=retry,
                       source_for_attempt=next_source,
                       finalize=functools.partial(finalize_session, store))
    if report.no_speech:  # nothing heard in any attempt: no drill to show (kept as interrupted)
        raise AudioError(f"no speech heard in the drill — check the microphone (`voice-coach "
                         f"devices`); the silent recording is kept as {sid}, not complete "
                         f"(`voice-coach delete {sid}` removes it)")
    render_think_aloud(report, out)
    out.print(f"Saved to {store.root / sid} — review with: voice-coach review {sid}")
    return 0
