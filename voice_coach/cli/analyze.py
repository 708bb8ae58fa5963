"""`voice-coach analyze FILE`: report for an audio file or a plain-text transcript."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from voice_coach.cli import common
from voice_coach.clock import SAMPLE_RATE
from voice_coach.errors import AudioError
from voice_coach.report import render_answer_terminal
from voice_coach.report_model import AnswerReport


def register(sub) -> None:
    p = common.add_command(sub, "analyze", "analyse an audio answer (WAV/FLAC/…) or a .txt transcript",
                           run)
    p.add_argument("file", metavar="FILE", help="audio file, or a .txt transcript")
    p.add_argument("--question", metavar="ID", help="question id the answer responds to")
    common.add_model_options(p)
    p.add_argument("--json", action="store_true", help="print the JSON report on stdout")


def run(args: argparse.Namespace) -> int:
    from voice_coach import pipeline
    from voice_coach.audio import TEXT_SUFFIXES

    cfg = common.apply_model_options(common.load_config(args), args)
    question = common.find_question(args.question) if args.question else None
    path = Path(args.file)
    err = common.console(stderr=True)
    if path.suffix.lower() in TEXT_SUFFIXES:
        report = pipeline.analyze_text(common.read_transcript(path), cfg=cfg, question=question)
    else:
        # A short file is loaded (and validated) before the model loads; a long one streams.
        audio = pipeline.load_short_audio(path)
        transcriber = common.load_transcriber_with_status(cfg, err)
        length = (f"{len(audio) / SAMPLE_RATE:.1f} s of audio" if audio is not None
                  else "long file, streamed in windows")
        with err.status(f"Transcribing {path.name} ({length})…"):
            t0 = time.monotonic()
            report = pipeline.analyze_file(path, cfg=cfg, transcriber=transcriber,
                                           question=question, audio=audio)
        _check_speech(report, path)
        err.print(f"[dim]analysed in {time.monotonic() - t0:.1f} s[/dim]")
    if args.json:
        json.dump(report.to_json(), sys.stdout, indent=2, allow_nan=False)
        sys.stdout.write("\n")
    else:
        render_answer_terminal(report, common.console(), why_no_follow_up=True)
        err.print(f"[dim]{not_saved_note(path.suffix.lower() in TEXT_SUFFIXES, args.question)}[/dim]")
    return 0


def not_saved_note(typed: bool, question_id: str | None) -> str:
    """What `analyze` leaves out: it saves nothing, so the answer joins no session, story bank or
    progress; a recording does when practised from the file (QA34 F9)."""
    if typed:
        return ("Not saved: `analyze` keeps no session, so a typed answer is not in your story "
                "bank or progress — say it aloud with `voice-coach practice` to add it.")
    q = f" --question {question_id}" if question_id else ""
    return ("Not saved: `analyze` keeps no session — `voice-coach practice"
            f"{q} --input FILE` saves this recording to your sessions and story bank.")


def _check_speech(report: AnswerReport, path: Path) -> None:
    """A file with no speech at all (digital silence, room noise) is a user mistake, not a report.

    "No speech" means the VAD found no speech region: a word Whisper writes into pure noise
    (e.g. "Yeah." at probability 0.002) is a hallucination, not speech.
    """
    if report.delivery is None or not report.delivery.speech_segments:
        dur = (report.audio.duration_s if report.audio is not None else None) or 0.0
        raise AudioError(f"no speech found in {path} ({dur:.1f} s of silence or noise) — "
                         "check that it is the right file and that the microphone was on")
