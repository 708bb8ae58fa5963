"""Options shared by every command and helpers to resolve them (config, recordings folder, consoles)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from voice_coach import config as config_mod
from voice_coach.errors import AudioError, ConfigError
from voice_coach.questions import load_bank

MAX_TRANSCRIPT_BYTES = 1_000_000  # a .txt transcript larger than this is refused


def common_parser(*, nested: bool = False) -> argparse.ArgumentParser:
    """Parent parser with the options every command accepts.

    `nested=True` is for sub-actions (`config show --config F`): their defaults are suppressed
    so they never overwrite a value given before the action name.
    """
    p = argparse.ArgumentParser(add_help=False)
    g = p.add_argument_group("common options")
    extra = {"default": argparse.SUPPRESS} if nested else {}
    g.add_argument("--recordings", metavar="DIR", **extra,
                   help="where sessions are saved (default: $VOICE_COACH_RECORDINGS or ./recordings)")
    g.add_argument("--config", metavar="FILE", **extra,
                   help="config TOML (default: $VOICE_COACH_CONFIG or RECORDINGS/config.toml)")
    g.add_argument("-v", "--verbose", action="store_true", help="debug logging on stderr", **extra)
    return p


def add_command(sub, name: str, help: str, func, description: str | None = None,
                *, checks_config_itself: bool = False) -> argparse.ArgumentParser:
    """Add a subcommand that accepts the common options and runs `func(args)`.

    Every command's config is loaded and validated by `main` before `func` runs (one error line
    for a broken file, whether or not this run would have read it); `checks_config_itself` is
    for the commands that must work on a broken or missing file (`config reset|path|set`,
    `calibrate --accept`) and load it themselves.
    """
    p = sub.add_parser(name, help=help, description=description or help, parents=[common_parser()])
    p.set_defaults(func=func, checks_config_itself=checks_config_itself)
    return p


def recordings_dir(args: argparse.Namespace) -> Path:
    return Path(args.recordings) if getattr(args, "recordings", None) else config_mod.default_recordings_dir()


def config_file(args: argparse.Namespace) -> Path:
    return config_mod.resolve_config_path(getattr(args, "config", None), recordings_dir(args))


def load_config(args: argparse.Namespace, *, allow_missing: bool = False) -> config_mod.Config:
    """Load and validate the config.

    An explicit --config that does not exist is an error (a typo must not silently mean
    defaults), unless the command is about to create it (`allow_missing`).
    """
    path = config_file(args)
    if getattr(args, "config", None) and not path.exists() and not allow_missing:
        raise ConfigError(f"config file not found: {path}")
    try:
        return config_mod.load(path)
    except ConfigError as e:
        raise ConfigError(f"{e} — {reset_hint(args, path, several=chr(10) in str(e))}") from e


def reset_hint(args: argparse.Namespace, path: Path, *, several: bool = False) -> str:
    """How to recover from a config file that cannot be used: fix it (`several` problems: fix
    them), or reset it (kept as .bak) — the command names the flag that finds this file."""
    import shlex

    where = ""  # the flag that found this file (the environment variables stay in the shell)
    if getattr(args, "config", None):
        where = f" --config {shlex.quote(str(path.absolute()))}"
    elif getattr(args, "recordings", None) and not os.environ.get(config_mod.CONFIG_ENV):
        where = f" --recordings {shlex.quote(str(path.parent.absolute()))}"
    return (f"fix {'them' if several else 'it'}, or run `voice-coach config reset{where} --yes` to start from the "
            f"defaults (the old file is kept as {path.name}{config_mod.BACKUP_SUFFIX})")


def console(stderr: bool = False):
    """A rich Console (imported lazily)."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


def add_model_options(p: argparse.ArgumentParser) -> None:
    """--backend / --model, overriding the config's [transcriber] section."""
    p.add_argument("--backend", metavar="B", help="faster-whisper (default) or openai-whisper")
    p.add_argument("--model", metavar="M", help="tiny.en (default), base, or a local model path")


def apply_model_options(cfg: config_mod.Config, args: argparse.Namespace) -> config_mod.Config:
    if getattr(args, "backend", None):
        cfg = cfg.with_value("transcriber.backend", args.backend, source="--backend")
    if getattr(args, "model", None):
        cfg = cfg.with_value("transcriber.model", args.model, source="--model")
    return cfg


def find_question(question_id: str, prompts: str | None = None):
    """Look a question up in the bank; unknown ids raise QuestionError with suggestions."""
    return load_bank(Path(prompts) if prompts else None).get(question_id)


def read_transcript(path: Path) -> str:
    """Read a UTF-8 transcript file; empty or unreadable → one-line error."""
    if not path.exists():
        raise AudioError(f"transcript file not found: {path}")
    if path.is_dir():
        raise AudioError(f"{path} is a folder, not a transcript file")
    size = path.stat().st_size
    if size > MAX_TRANSCRIPT_BYTES:
        raise AudioError(f"{path} is {size / 1e6:.1f} MB; transcripts are limited to "
                         f"{MAX_TRANSCRIPT_BYTES // 1_000_000} MB (a 20-minute answer is ~20 kB)")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise AudioError(f"{path} is not UTF-8 text") from e
    except OSError as e:
        raise AudioError(f"cannot read {path}: {e.strerror}") from e
    if "\x00" in text:
        raise AudioError(f"{path} looks like a binary file, not a UTF-8 text transcript")
    if not text.strip():
        raise AudioError(f"{path} is empty — nothing to analyse")
    return text


def load_transcriber_with_status(cfg: config_mod.Config, err_console):
    """Load the configured Whisper model once, with a spinner on stderr."""
    from voice_coach.transcriber import load_transcriber

    t = cfg.transcriber
    with err_console.status(f"Loading Whisper {t.model} ({t.backend})…"):
        return load_transcriber(t.backend, t.model, beam_size=t.beam_size)
