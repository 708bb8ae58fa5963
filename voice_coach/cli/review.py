"""CLI commands over saved sessions: review, progress, tune, delete.

`review` lists sessions or shows one (terminal, `--open` HTML, `--play N`, `--export md|json`);
`progress` trends key metrics across sessions (table + recordings/progress.png); `tune`
re-scores saved answers under changed thresholds without re-transcribing and shows what
changes; `delete` removes a session. matplotlib, sounddevice and the analysis stages are
imported inside the commands that need them.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from pathlib import Path
from typing import Any, NamedTuple

from voice_coach import config as config_mod
from voice_coach.cli import common
from voice_coach.cli.stories import read_plan
from voice_coach.clock import SAMPLE_RATE
from voice_coach.compare import attempt_facts, compare_attempts, session_comparisons
from voice_coach.errors import (
    ConfigError,
    DeviceError,
    QuestionError,
    SessionError,
    VoiceCoachError,
)
from voice_coach.progress import progress_rows
from voice_coach.questions import canonical_kind, load_bank
from voice_coach.report import (
    finalize_session,
    fmt_num,
    progress_png,
    render_answer_terminal,
    render_comparison_terminal,
    render_session_markdown,
    session_config,
)
from voice_coach.report_model import AnswerReport, counted
from voice_coach.safefs import atomic_write_bytes
from voice_coach.store import Store

log = logging.getLogger(__name__)

PROGRESS_PNG = "progress.png"


def register(sub) -> None:
    p = common.add_command(sub, "review", "list saved sessions, or show one session's answers",
                           run_review)
    p.add_argument("session", nargs="?", metavar="SESSION", help="session id (from the list)")
    p.add_argument("--open", action="store_true",
                   help="write report.html (and report.md) into the session and open it")
    p.add_argument("--play", type=int, metavar="N", help="play answer N's recording")
    p.add_argument("--export", choices=("md", "json"), help="print the session as md or json")

    p = common.add_command(sub, "progress", "trends across sessions (table + PNG plot)",
                           run_progress)
    p.add_argument("--category", metavar="C", help="only questions of this category")
    p.add_argument("--kind", metavar="K", help="only questions of this kind: behavioral (or behavioural), technical, coding")
    p.add_argument("--since", metavar="YYYY-MM-DD", help="only sessions on or after this date")
    p.add_argument("--question", metavar="ID",
                   help="one question's history: every attempt at it, across sessions")

    p = common.add_command(sub, "tune", "re-score saved answers under changed thresholds "
                           "(no re-transcription) and show what changes", run_tune)
    p.add_argument("session", nargs="?", metavar="SESSION", help="only this session")
    p.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", dest="settings",
                   help="a threshold to change, e.g. silence.pause_s=1.5 (repeatable)")
    p.add_argument("--save", action="store_true", help="write the new values to the config")

    p = common.add_command(sub, "delete", "delete a saved session (folder and index rows)",
                           run_delete)
    p.add_argument("session", metavar="SESSION", help="session id")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")


def _store(args: argparse.Namespace):
    return Store(common.recordings_dir(args))


# ---- review ---------------------------------------------------------------------------------

def _date(iso: str) -> str:
    """'2026-11-25T14:03:00+00:00' → '2026-11-25 14:03'."""
    return iso[:16].replace("T", " ") if iso else "—"


def _short_date(iso: str) -> str:
    """'2026-11-25T14:03:00+00:00' → '11-25 14:03' (the year is in the id)."""
    return iso[5:16].replace("T", " ") if iso else "—"


def run_review(args: argparse.Namespace) -> int:
    store = _store(args)
    if not args.session:
        if args.open or args.play is not None or args.export:
            raise SessionError("--open, --play and --export need a SESSION id: "
                               "run `voice-coach review` to list them")
        return _list(store)
    data = store.load_session(args.session)
    if args.export:
        return _export(data, args.export)
    if args.play is not None:
        return _play(data, args.play)
    if args.open:
        return _open(store, data)
    _show(data)
    return 0


def _list(store) -> int:
    from rich.table import Table

    con = common.console()
    sessions = store.list_sessions()
    if not sessions:
        con.print(f"No sessions in {store.root} yet — run `voice-coach practice` to record one.")
        return 0
    if con.width < max(len(s.id) for s in sessions) + LIST_OTHER_COLUMNS_WIDTH:
        _list_narrow(store, sessions, con)
        return 0
    table = Table(title=f"Sessions in {store.root}", title_justify="left", box=None,
                  pad_edge=False, header_style="bold underline")
    table.add_column("date", no_wrap=True)
    table.add_column("id", no_wrap=True)
    table.add_column("mode", no_wrap=True)
    table.add_column("Qs", justify="right")  # "6 + 6 follow-ups" wraps between words
    table.add_column("score", justify="right")
    table.add_column("status", min_width=len("interrupted,"))  # wraps between words
    for s in sessions:
        status = s.status
        if s.pending:
            status += f", {s.pending} pending analysis"
        style = "yellow" if s.status != "complete" or s.pending else None
        table.add_row(_short_date(s.created_at), s.id, _mode(s), _questions(s),
                      _score(s), status, style="dim" if s.demo else style)
    con.print(table)
    _demo_note(sessions, con)
    _score_note(sessions, con)
    con.print("Show one with `voice-coach review ID`; `--open` for the HTML report.",
              style="dim")
    return 0


LIST_OTHER_COLUMNS_WIDTH = 47  # date, mode, "Qs", score and the longest status word, with gaps


def _questions(s, noun: str = "") -> str:
    """The questions a session asked, its retries and follow-up questions apart ("1 question +
    1 retry", "6 + 6 follow-ups"); with `noun`, the count of questions takes it."""
    out = counted(s.questions, noun) if noun else str(s.questions)
    if s.retries:
        out += f" + {s.retries} retr{'y' if s.retries == 1 else 'ies'}"
    return out + (f" + {counted(s.follow_ups, 'follow-up')}" if s.follow_ups else "")


DEMO_NOTE = ("demo*: the synthesized candidate of `voice-coach demo`, not your answers — "
             "left out of stories, brief, plan, next and progress.")


def _mode(s) -> str:
    """The mode column: a demo round marked as not the user's."""
    return "demo*" if s.demo else s.mode


SCORE_NOTE = ("* with what a follow-up supplied: an answer whose follow-up reply gave what was "
              "asked counts re-scored with it (its report's \"with the follow-up\" scores).")


def _score(s) -> str:
    """The score column: the session's mean overall, marked * when a follow-up's supplied facts
    are merged into some answer's score (`SessionSummary.with_follow_up`)."""
    return fmt_num(s.overall_score) + ("*" if s.with_follow_up and s.overall_score is not None
                                       else "")


def _score_note(sessions, con) -> None:
    if any(s.with_follow_up and s.overall_score is not None for s in sessions):
        con.print(SCORE_NOTE, style="dim", highlight=False, markup=False)


def _demo_note(sessions, con) -> None:
    if any(s.demo for s in sessions):
        con.print(DEMO_NOTE, style="dim", highlight=False, markup=False)


def _list_narrow(store, sessions, con) -> None:
    """The session list for a narrow terminal: the id whole on one line, the rest below it,
    wrapped between words (a table would squeeze columns until words split)."""
    from rich.text import Text

    con.print(Text(f"Sessions in {store.root}", style="italic"))
    for s in sessions:
        status = s.status + (f", {s.pending} pending analysis" if s.pending else "")
        style = "yellow" if s.status != "complete" or s.pending else None
        con.print(Text(f"{_short_date(s.created_at)}  {s.id}", style="bold"), no_wrap=True,
                  crop=False, soft_wrap=True)
        con.print(Text(f"    {_mode(s)} · {_questions(s, 'question')} · "
                       f"score {_score(s)} · {status}", style=style))
    _demo_note(sessions, con)
    _score_note(sessions, con)
    con.print("Show one with `voice-coach review ID`; `--open` for the HTML report.",
              style="dim")


def _show(data) -> None:
    from rich.text import Text

    con = common.console()
    meta = data.meta
    cfg = session_config(meta)
    comparisons = session_comparisons(data.answers)
    con.print(Text(meta.title or data.id, style="bold"))
    con.print(Text(f"{data.id} · {_date(meta.created_at or '')} · "
                   f"{meta.mode or '?'} · {meta.status or '?'}", style="dim"))
    if meta.is_demo:
        con.print(Text(DEMO_NOTE, style="yellow"))
    if not data.answers and not data.pending:
        con.print("This session has no answers.")
    for report in data.answers:
        con.print()
        render_answer_terminal(report, con, cfg)
        if report.n in comparisons:
            render_comparison_terminal(comparisons[report.n], con)
    for n in data.pending:
        con.print(Text(f"Answer {n}: recorded (answer-{n:02d}.wav) but pending analysis — "
                       f"run `voice-coach recover {data.id}`.", style="yellow"))


def _export(data, fmt: str) -> int:
    if fmt == "md":
        sys.stdout.write(render_session_markdown(data))
    else:
        json.dump({"session": data.meta.to_json(), "answers": [a.to_json() for a in data.answers],
                   "pending": data.pending},
                  sys.stdout, indent=2, ensure_ascii=False, allow_nan=False)
        sys.stdout.write("\n")
    return 0


def _has_display() -> bool:
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _open(store, data) -> int:
    con = common.console()
    with con.status("Writing report.html…"):
        path = finalize_session(store, data.id)
    con.print(f"Report: {path}")
    if _has_display():
        import webbrowser

        if webbrowser.open(path.resolve().as_uri()):
            return 0
        con.print("Could not start a browser; open the file above yourself.", style="dim")
    else:
        con.print("No display found; open the file above in a browser.", style="dim")
    return 0


def _play(data, n: int) -> int:
    from voice_coach.audio import has_output_device, load_audio

    wav = data.path / f"answer-{n:02d}.wav"
    if not wav.is_file():
        have = sorted(int(p.stem.split("-")[1]) for p in data.path.glob("answer-*.wav"))
        raise SessionError(f"session {data.id} has no recording for answer {n}"
                           + (f" (recorded: {', '.join(map(str, have))})" if have else ""))
    if not has_output_device():
        common.console().print(f"No audio output device found; the recording is {wav}")
        return 0
    import sounddevice as sd

    audio = load_audio(wav)
    con = common.console()
    con.print(f"Playing answer {n} ({len(audio) / SAMPLE_RATE:.1f} s) — Ctrl+C to stop")
    try:
        sd.play(audio, SAMPLE_RATE)
        sd.wait()
    except sd.PortAudioError as e:
        raise DeviceError(f"cannot play audio ({e}); the recording is {wav}") from e
    finally:
        sd.stop()
    return 0


# ---- progress -------------------------------------------------------------------------------

def _check_progress_filters(args: argparse.Namespace, store) -> None:
    """--kind accepts British spelling; a --kind or --category that is neither in the bank nor
    in a saved answer is one "did you mean" line (exit 2), as in `practice`, rather than an
    empty table."""
    import difflib

    if args.kind:
        args.kind = canonical_kind(args.kind)
    if args.category:
        known = {r.category for r in store.answer_records() if r.category}
        try:
            known |= set(load_bank(None).categories())
        except VoiceCoachError as e:  # no usable bank: the saved answers' categories only
            log.debug("question bank unavailable for progress: %s", e)
        if args.category not in known:
            close = difflib.get_close_matches(args.category, sorted(known), n=1, cutoff=0.6)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            raise QuestionError(f"unknown category '{args.category}'{hint} "
                                f"(categories: {', '.join(sorted(known))})")


def run_progress(args: argparse.Namespace) -> int:
    from rich.table import Table

    if args.since:
        try:
            time.strptime(args.since, "%Y-%m-%d")
        except ValueError as e:
            raise ConfigError(f"--since must be a date like 2026-11-25, got {args.since!r}") from e
    cfg = common.load_config(args)
    store = _store(args)
    _check_progress_filters(args, store)
    if args.question:
        return _question_history(store, args)
    records = store.answer_records(category=args.category, kind=args.kind, since=args.since)
    con = common.console()
    if not records:
        filters = ", ".join(f"{k} {v}" for k, v in (("category", args.category),
                                                     ("kind", args.kind), ("since", args.since))
                            if v)
        con.print(f"No analysed answers in {store.root}" + (f" matching {filters}" if filters
                                                             else "") + ".")
        return 0
    rows = progress_rows(records, {s.id: s.created_at for s in store.list_sessions()})
    table = Table(title="Progress per session (started at): every column is a mean over its "
                  "answers (n); follow-up replies (+rep.) are in none; pauses/min counts long "
                  "pauses; longest = the longest pause", title_justify="left", box=None,
                  pad_edge=False, header_style="bold underline")
    # two-line headers, so the table fits 80 columns without cutting a name (QA19 F13)
    for col in ("date", "n", "+rep.", "wpm", "pauses\n/min", "longest", "fillers\n/min",
                "struct.", "overall"):
        table.add_column(col, justify="left" if col == "date" else "right",
                         no_wrap=True)
    for r in rows:
        table.add_row(r.label, str(r.answers), str(r.replies), fmt_num(r.wpm),
                      fmt_num(r.long_pauses_per_min, 2), fmt_num(r.longest_pause_s, 1, "s"),
                      fmt_num(r.fillers_per_min, 1), fmt_num(r.structure),
                      fmt_num(r.overall) + ("*" if r.with_follow_up and r.overall is not None
                                            else ""))
    con.print(table)
    if any(r.with_follow_up and r.overall is not None for r in rows):
        con.print(SCORE_NOTE, highlight=False, markup=False)
    with con.status("Plotting…"):
        path = atomic_write_bytes(store.root / PROGRESS_PNG, progress_png(rows, cfg))
    con.print(f"Plot: {path}")
    _print_block_trend(store, con)
    return 0


def _question_history(store, args: argparse.Namespace) -> int:
    """`progress --question ID`: one row per answer to that question (oldest first), with what
    changed from one attempt to the next."""
    from rich.table import Table

    qid = args.question
    records = [r for r in store.answer_records(question_id=qid, since=args.since)
               if r.follow_up_of is None]
    con = common.console()
    if not records:
        common.find_question(qid)  # an unknown id is an error with suggestions
        con.print(f"No analysed answers to {qid} in {store.root} yet — practise it: "
                  f"voice-coach practice --question {qid}")
        return 0
    table = Table(title=f"{qid}: every answer, oldest first", title_justify="left", box=None,
                  pad_edge=False, header_style="bold underline")
    for col in ("#", "date", "try", "wpm", "lead-in", "fillers/min", "struct.", "overall"):
        table.add_column(col, justify="left" if col == "date" else "right", no_wrap=True)
    previous = None
    sessions: dict[str, Any] = {}
    changes: list[str] = []
    for i, r in enumerate(records, 1):
        if r.session_id not in sessions:
            loaded = store.load_session(r.session_id).answers
            sessions[r.session_id] = {a.n: a for a in loaded}
        facts = attempt_facts(sessions[r.session_id].get(r.n) or AnswerReport())
        if previous is not None:
            what = compare_attempts(previous, facts).headline().partition(": ")[2]
            changes.append(f"#{i} vs #{i - 1} ({r.session_id}, answer {r.n}): {what}")
        previous = facts
        table.add_row(str(i), _short_date(r.created_at), str(r.attempt or 1), fmt_num(r.wpm),
                      fmt_num(r.lead_in_s, 1, "s"), fmt_num(r.fillers_per_min, 1),
                      fmt_num(r.structure_score), fmt_num(r.overall))
    con.print(table)
    for line in changes:
        con.print(line)
    return 0


def _print_block_trend(store, con) -> None:
    """The `plan` block's day-by-day trend, when a block was planned."""
    from voice_coach import plan as plan_mod

    block = read_plan(store.root)
    if block is None:
        return
    con.print(f"Mock-interview block from {block.start} (`voice-coach plan --show`):")
    for day, (d, done, total, mean) in zip(block.days, plan_mod.day_trend(
            block, store.answer_records())):
        con.print(f"  day {day.day} {d} {day.round}: {done}/{total} planned questions answered, "
                  f"mean overall {fmt_num(mean)}", highlight=False, markup=False)


# ---- tune -----------------------------------------------------------------------------------

# Settings a re-score cannot apply: it re-uses each answer's saved transcript and speech regions.
NEEDS_AUDIO = {"transcriber": "re-transcription", "vad": "re-running speech detection on the audio"}


def _check_rescorable(key: str, value: str) -> None:
    section = key.partition(".")[0]
    if section in NEEDS_AUDIO:
        raise ConfigError(f"{key} cannot be re-scored without {NEEDS_AUDIO[section]} (`tune` "
                          f"re-uses saved transcripts) — set it for new answers with "
                          f"`voice-coach config set {key}={value}`, or re-analyse a file with "
                          "`voice-coach analyze FILE`")


def parse_settings(settings: list[str], cfg):
    """Apply KEY=VALUE strings to `cfg` (validated); return (new config, {key: (old, new)})."""
    changes = {}
    new = cfg
    for item in settings:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise ConfigError(f"--set expects KEY=VALUE (e.g. silence.pause_s=1.5), got {item!r}")
        key = key.strip()
        new = new.with_value(key, value.strip(), source=f"--set {item}", check=False)
        _check_rescorable(key, value.strip())
        changes[key] = (cfg.get(key), new.get(key))
    config_mod.validate(new, "--set")
    return new, changes


def _question_lookup():
    """question id → Question from the bank (None when unknown or no bank)."""
    cache: dict[str, Any] = {}
    try:
        bank = load_bank(None)
    except (ImportError, VoiceCoachError) as e:  # no usable bank: rescore without question data
        log.debug("question bank unavailable for tune: %s", e)
        bank = None

    def get(qid: str | None):
        if not qid or bank is None:
            return None
        if qid not in cache:
            try:
                cache[qid] = bank.get(qid)
            except VoiceCoachError:
                cache[qid] = None
        return cache[qid]

    return get


def _flags(report: AnswerReport, good: bool = False) -> list[tuple[str, str]]:
    """(area, message) of the report's flags (warn and info lines); with `good`, of its ✓
    lines instead — a flag that turns into a ✓ has disappeared (QA6 F28)."""
    return [(f.area, f.message) for f in report.feedback if (f.severity == "good") == good]


def _paired(appeared: list[tuple[str, str]],
            gone: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """Lines of one area on both sides whose wording changed ("1 long pause" → "2 long
    pauses"): one changed line, not one gone and one new (removed from both lists)."""
    changed = []
    for area in dict.fromkeys(a for a, _ in appeared):
        olds = [m for a, m in gone if a == area]
        news = [m for a, m in appeared if a == area]
        for o, n in zip(olds, news, strict=False):
            changed.append((area, o, n))
            gone.remove((area, o))
            appeared.remove((area, n))
    return changed


PAUSE_AREAS = ("pauses", "silence")  # lines that count pauses against the silence thresholds


def _recounted(appeared: list[tuple[str, str]], old: AnswerReport,
               new: AnswerReport) -> list[tuple[str, str, str]]:
    """New pause lines that only count again pauses the old scoring already counted (QA15 F09):
    under thresholds no stricter (no more pauses ≥ `silence.pause_s`), a [pauses] line can
    appear only because a silence became a long pause — the same pauses, named on another
    line. They are shown as reworded, not new (removed from `appeared`)."""
    a, b = old.delivery, new.delivery
    if a is None or b is None or b.long_pause_count > a.long_pause_count:
        return []
    was = (f"the same pauses, counted before as {a.long_pause_count} long pauses, "
           f"{a.silence_count} of them silences (named on other lines)")
    out = [(area, was, msg) for area, msg in appeared if area in PAUSE_AREAS]
    for area, _, msg in out:
        appeared.remove((area, msg))
    return out


DELIVERY_DIFF_KEYS = (("long_pause_count", "long pauses", 0), ("silence_count", "silences", 0),
                      ("wpm", "wpm", 0), ("fillers_per_min", "fillers/min", 1),
                      ("filler_count", "fillers", 0), ("lead_in_s", "lead-in s", 1))


class ReportDiff(NamedTuple):
    """What changed between two scorings of one answer."""

    appeared: list[tuple[str, str]]  # (area, message) flags only the new scoring has
    gone: list[tuple[str, str]]
    changed: list[tuple[str, str, str]]  # (area, old message, new message)
    metrics: list[tuple[str, Any, Any, int]]  # (label, old, new, digits) delivery numbers
    scores: list[tuple[str, int | None, int | None]]
    good_new: tuple[tuple[str, str], ...] = ()  # ✓ lines only the new scoring has (not flags)
    good_lost: tuple[tuple[str, str], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.appeared or self.gone or self.changed or self.metrics or self.scores
                    or self.good_new or self.good_lost)


def diff_reports(old: AnswerReport, new: AnswerReport) -> ReportDiff:
    """What changed between two scorings of one answer: flags, delivery counts, scores."""
    old_flags, new_flags = _flags(old), _flags(new)
    appeared = [f for f in new_flags if f not in old_flags]
    gone = [f for f in old_flags if f not in new_flags]
    changed = _paired(appeared, gone)
    changed += _recounted(appeared, old, new)
    old_good, new_good = _flags(old, good=True), _flags(new, good=True)
    good_new = [f for f in new_good if f not in old_good]
    good_lost = [f for f in old_good if f not in new_good]
    changed += _paired(good_new, good_lost)
    metrics = []
    for key, label, digits in DELIVERY_DIFF_KEYS:
        a = getattr(old.delivery, key) if old.delivery is not None else None
        b = getattr(new.delivery, key) if new.delivery is not None else None
        if a != b and not (isinstance(a, float) and isinstance(b, float)
                           and round(a, digits) == round(b, digits)):
            metrics.append((label, a, b, digits))
    os_, ns = old.scores.to_dict(), new.scores.to_dict()
    scores = [(key, os_[key], ns[key]) for key in os_ if os_[key] != ns[key]]
    return ReportDiff(appeared, gone, changed, metrics, scores, tuple(good_new), tuple(good_lost))


def _saved_drift(saved, before) -> str | None:
    """A line when the re-score under the current config (tune's "before") does not give the
    scores the saved report shows — the config or the analysis changed since it was saved —
    so a change is never read as the effect of `--set` alone."""
    pairs = [(k, getattr(saved.scores, k), getattr(before.scores, k))
             for k in ("delivery", "structure", "content", "overall")]
    moved = [(k, a, b) for k, a, b in pairs if a != b]
    if not moved:
        return None
    return ("  the saved report shows " + ", ".join(f"{k} {fmt_num(a)}" for k, a, _ in moved)
            + "; re-scored under the current config (before any --set) it is "
            + ", ".join(f"{k} {fmt_num(b)}" for k, _, b in moved)
            + " (the config or voice-coach changed since it was saved)")


def run_tune(args: argparse.Namespace) -> int:
    from rich.text import Text

    from voice_coach import pipeline

    con = common.console()
    cfg = common.load_config(args)
    new_cfg, changes = parse_settings(args.settings, cfg)
    if args.save and not changes:
        raise ConfigError("--save needs at least one --set KEY=VALUE")
    store = _store(args)
    ids = [args.session] if args.session else [s.id for s in reversed(store.list_sessions())]
    if changes:
        con.print("Re-scoring saved answers under: " + ", ".join(
            f"{k} {old!r} → {new!r}" for k, (old, new) in changes.items())
            + " (shown as current config → new values; no re-transcription)")
    else:
        con.print("No --set given: re-scoring under the current config (nothing should change).",
                  style="dim")
    question_of = _question_lookup()
    t0 = time.monotonic()
    n_answers = n_changed = n_up = n_down = n_mod = 0
    for sid in ids:
        data = store.load_session(sid)
        texts = {a.n: a.transcript.text for a in data.answers}
        for report in data.answers:
            qid = report.question_id
            q = question_of(qid)
            first = texts.get(report.follow_up_of)
            before = pipeline.rescore(report, cfg, question=q, parent_text=first)
            after = pipeline.rescore(report, new_cfg, question=q, parent_text=first)
            d = diff_reports(before, after)
            n_answers += 1
            head = f"{sid} #{report.n if report.n is not None else '?'}"
            if qid:
                head += f" ({qid})"
            drift = _saved_drift(report, before)
            if not d:
                con.print(Text(f"{head}: no change", style="dim"))
                if drift:
                    con.print(Text(drift, style="dim"))
                continue
            n_changed += 1
            n_up += len(d.appeared)
            n_down += len(d.gone)
            n_mod += len(d.changed)
            con.print(Text(head, style="bold"))
            if drift:
                con.print(Text(drift, style="dim"))
            if d.metrics:
                con.print("  " + "; ".join(f"{label} {fmt_num(a, dg)} → {fmt_num(b, dg)}"
                                           for label, a, b, dg in d.metrics))
            if d.scores:
                parts = []
                for key, a, b in d.scores:
                    delta = f" ({b - a:+g})" if isinstance(a, (int, float)) and \
                        isinstance(b, (int, float)) else ""
                    parts.append(f"{key} {fmt_num(a)} → {fmt_num(b)}{delta}")
                con.print("  scores: " + ", ".join(parts))
            for area, msg in d.appeared:
                con.print(Text(f"  + [{area}] {msg}", style="red"))
            for area, msg in d.gone:
                con.print(Text(f"  - [{area}] {msg}", style="green"))
            for area, msg in d.good_new:
                con.print(Text(f"  ✓ [{area}] {msg}", style="green"))
            for area, msg in d.good_lost:
                con.print(Text(f"  no longer ✓ [{area}] {msg}", style="dim"))
            for area, was, now in d.changed:
                con.print(Text(f"  ~ [{area}] {now}", style="yellow"))
                con.print(Text(f"      was: {was}", style="dim"))
    con.print(f"{counted(n_answers, 'answer')} re-scored in {time.monotonic() - t0:.1f} s; "
              f"{n_changed} changed — flags: {n_up} new, {n_down} gone (incl. turned ✓), "
              f"{n_mod} reworded.")
    if args.save:
        path = config_mod.save(new_cfg, common.config_file(args))
        con.print(f"Saved {', '.join(changes)} to {path}")
    elif changes:
        con.print("Add --save to keep these values.", style="dim")
    return 0


# ---- delete ---------------------------------------------------------------------------------

def run_delete(args: argparse.Namespace) -> int:
    store = _store(args)
    path = store.resolve(args.session)
    if not args.yes:
        if not sys.stdin.isatty():
            raise SessionError(f"refusing to delete {args.session} without confirmation: "
                               "add --yes")
        answer = input(f"Delete {path} and everything in it? [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("Nothing deleted.")
            return 1
    store.delete(args.session)
    print(f"Deleted {Path(path).name}")
    return 0
