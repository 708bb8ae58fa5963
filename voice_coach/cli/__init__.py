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
_COMMAND_MODULES = ("session", "drill", "analyze", "review", "questions", "devices", "settings")


def build_parser() -> argparse.ArgumentParser:
    import importlib

    parser = argparse.ArgumentParser(
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


def main(argv: list[str] | None = None) -> int:
    for key, value in _OFFLINE_ENV.items():
        os.environ.setdefault(key, value)
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if getattr(args, "verbose", False) else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        return int(args.func(args) or 0)
    except VoiceCoachError as e:
        print(f"voice-coach: error: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print("voice-coach: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
