"""Command-line interface: argument parsing, progress display and wiring stages together.

Each command lives in a small submodule with `register(subparsers)`; heavy libraries
(whisper, torch, ctranslate2, matplotlib) are imported inside command bodies so that
`voice-coach --help` stays instant. `VoiceCoachError`s become one line on stderr and exit 2.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

from voice_coach import __version__
from voice_coach.errors import VoiceCoachError

# Submodules that register commands, in the order they appear in --help.
_COMMAND_MODULES = ("session", "nextup", "drill", "analyze", "review", "questions", "devices",
                    "settings", "stories")


class _Parser(argparse.ArgumentParser):
    """argparse with usage mistakes reported like every other error: one line, exit 2."""

    def error(self, message: str):  # type: ignore[override]
        self.exit(2, f"voice-coach: error: {message} (see `{self.prog} --help`)\n")


def build_parser() -> argparse.ArgumentParser:
    import importlib

    parser = _Parser(
        prog="voice-coach",
        description="A local, private mock interviewer that coaches thinking aloud. "
        "Nothing leaves your machine.",
    )
    parser.add_argument("--version", action="version", version=f"voice-coach {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in _COMMAND_MODULES:
        importlib.import_module(f"voice_coach.cli.{name}").register(sub)
    return parser


# Offline by design: libraries that could phone home are told not to, before any is imported.
_OFFLINE_ENV = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "HF_HUB_DISABLE_TELEMETRY": "1",
                "DO_NOT_TRACK": "1", "HF_DATASETS_OFFLINE": "1"}


class _HeldErrors(logging.Handler):
    """Holds ERROR records until the command ends: when it fails with a `VoiceCoachError` the
    one-line message covers them (e.g. the recorder's "writing … failed" before "disk is
    full"); when it succeeds they are printed then."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def flush_to_stderr(self) -> None:
        for record in self.records:
            print(f"voice-coach: error: {record.getMessage()}", file=sys.stderr)
        self.records.clear()


def _configure_logging(*, verbose: bool) -> _HeldErrors | None:
    """Debug logging with -v; else warnings as `voice-coach: warning: …` lines, errors held."""
    root = logging.getLogger()
    if root.handlers:  # already configured (embedding program, test runner): leave it alone
        return None
    if verbose:
        logging.basicConfig(level=logging.DEBUG, format="%(levelname)s %(name)s: %(message)s")
        return None
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("voice-coach: warning: %(message)s"))
    handler.addFilter(lambda record: record.levelno < logging.ERROR)
    held = _HeldErrors()
    root.setLevel(logging.WARNING)
    root.addHandler(handler)
    root.addHandler(held)
    return held


def main(argv: list[str] | None = None) -> int:
    for key, value in _OFFLINE_ENV.items():
        os.environ.setdefault(key, value)
    parser = build_parser()
    args = parser.parse_args(argv)
    held = _configure_logging(verbose=getattr(args, "verbose", False))
    try:
        if not getattr(args, "checks_config_itself", True):
            from voice_coach.cli import common

            common.load_config(args)  # QA13 F09: a broken config stops every command alike
        code = int(args.func(args) or 0)
    except VoiceCoachError as e:
        # The one-line message says what went wrong; ERROR records that led to it are dropped.
        if held is not None:
            held.records.clear()
        print(f"voice-coach: error: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print("voice-coach: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    finally:
        if held is not None:
            logging.getLogger().removeHandler(held)
            held.flush_to_stderr()
    return code
