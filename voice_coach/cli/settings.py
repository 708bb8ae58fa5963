"""CLI commands for settings: `config show|set|reset|path` and `calibrate`.

`config` reads and writes the TOML config (validated; written atomically, 0600). `calibrate`
records (or reads `--input FILE`) a short read-aloud passage, measures the room's noise floor,
the speaker's natural pace and pause lengths, and proposes thresholds with a one-line reason
each (the maths: `voice_coach.calibration`); `--accept` writes them. Whisper, the VAD and
sounddevice are imported inside `calibrate`.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from voice_coach import config as config_mod
from voice_coach.calibration import (
    CALIBRATION_PASSAGE,
    PASSAGE_MIN_OVERLAP,
    apply_proposals,
    measure,
    noise_floor_dbfs,
    passage_overlap,
    pitch_rows,
    propose_thresholds,
)
from voice_coach.cli import common
from voice_coach.clock import SAMPLE_RATE
from voice_coach.errors import AudioError, ConfigError

if TYPE_CHECKING:
    import numpy as np

DEFAULT_RECORD_S = 45.0  # longest passage recording from the microphone
ROOM_NOISE_S = 3.0  # seconds of silence recorded before the passage
END_SILENCE_S = 3.0  # the passage recording ends after this much silence following speech


def register(sub) -> None:
    p = common.add_command(sub, "config", "show or change the settings file", run_config,
                           checks_config_itself=True)
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    nested = [common.common_parser(nested=True)]  # `config show --config F` works too
    actions.add_parser("show", help="print the config (TOML) and where it lives", parents=nested)
    s = actions.add_parser("set", help="set KEY VALUE, e.g. `config set silence.pause_s 1.5`",
                           parents=nested)
    s.add_argument("key", metavar="KEY", help="section.name, or KEY=VALUE as `tune --set` takes")
    s.add_argument("value", nargs="?", metavar="VALUE",
                   help="the new value; for a list (answer.end_phrases) a phrase to add")
    s.add_argument("--replace", action="store_true",
                   help="for a list: replace it with VALUE (comma-separated) instead of adding")
    r = actions.add_parser("reset", help="write the defaults", parents=nested)
    r.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    actions.add_parser("path", help="print the config file's path", parents=nested)

    p = common.add_command(sub, "calibrate", "measure room noise and your natural pace and pauses; "
                           "propose thresholds", run_calibrate, checks_config_itself=True)
    p.add_argument("--input", metavar="FILE", help="a recording of the passage instead of the mic")
    p.add_argument("--seconds", type=float, default=DEFAULT_RECORD_S, metavar="N",
                   help=f"longest microphone recording (default {DEFAULT_RECORD_S:g})")
    p.add_argument("--device", metavar="D", help="microphone name or index")
    p.add_argument("--accept", action="store_true", help="write the proposed thresholds")
    common.add_model_options(p)


# ---- config ---------------------------------------------------------------------------------

def run_config(args: argparse.Namespace) -> int:
    path = common.config_file(args)
    if args.action == "path":
        print(path)
        return 0
    if args.action == "show":
        cfg = common.load_config(args)
        state = "" if path.exists() else " (not created yet: these are the defaults)"
        sys.stdout.write(f"# {path}{state}\n{config_mod.dumps(cfg)}")
        return 0
    if args.action == "set":
        key, value = _key_value(args.key, args.value)
        cfg = common.load_config(args, allow_missing=True)
        old = cfg.get(key)
        if isinstance(old, tuple) and not args.replace:
            added = [p.strip() for p in value.split(",") if p.strip()]
            value = old + tuple(p for p in added if p not in old)
        new = cfg.with_value(key, value, source=f"config set {key}")
        config_mod.save(new, path)
        print(f"{toml_line(key, new.get(key))}  (was {toml_value(old)}) — saved to {path}")
        return 0
    # reset
    if not args.yes:
        if not sys.stdin.isatty():
            raise ConfigError(f"refusing to reset {path} without confirmation: add --yes")
        if input(f"Replace {path} with the defaults? [y/N] ").strip().lower() not in ("y", "yes"):
            print("Nothing changed.")
            return 1
    kept = config_mod.backup(path)
    config_mod.save(config_mod.Config(), path)
    print(f"Defaults written to {path}" + (f" (the old file is kept as {kept})" if kept else ""))
    return 0


def _key_value(key: str, value: str | None) -> tuple[str, str]:
    """`config set KEY VALUE` or `config set KEY=VALUE` (as `tune --set`)."""
    if value is None:
        key, sep, value = key.partition("=")
        if not sep:
            raise ConfigError(f"config set expects KEY VALUE or KEY=VALUE (e.g. "
                              f"pace.max_wpm=170), got {key!r}")
    return key.strip(), value.strip()


def toml_value(value: Any) -> str:
    """`value` written as TOML (a list as ["a", "b"], not a Python tuple)."""
    import tomli_w

    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return tomli_w.dumps({"v": value})[4:].strip()


def toml_line(key: str, value: Any) -> str:
    return f"{key} = {toml_value(value)}"


# ---- calibrate: the command -----------------------------------------------------------------

def _answer_limits(cfg: config_mod.Config, max_s: float, stop_on_silence_s: float
                   ) -> config_mod.Config:
    """cfg with the answer bounded to `max_s` and ended by `stop_on_silence_s` (0 = never)."""
    answer = dataclasses.replace(cfg.answer, max_s=max_s, target_s=min(cfg.answer.target_s, max_s),
                                 stop_on_silence_s=stop_on_silence_s)
    return config_mod.validate(dataclasses.replace(cfg, answer=answer), "calibration")


def _record(cfg: config_mod.Config, device: str | None, seconds: float, con) -> np.ndarray:
    """Room noise then the read-aloud passage from the microphone, as one array."""
    import numpy as np

    from voice_coach.audio import MicrophoneSource, load_audio
    from voice_coach.recorder import record_answer

    with tempfile.TemporaryDirectory(prefix="voice-coach-calibrate-") as tmp:
        noise_cfg = _answer_limits(cfg, ROOM_NOISE_S, 0.0)
        talk_cfg = _answer_limits(cfg, max(seconds, 5.0), END_SILENCE_S)
        with MicrophoneSource(device or cfg.audio.device or None) as mic:
            con.print(f"[bold]Stay quiet for {ROOM_NOISE_S:g} s[/bold] (measuring the room)…")
            record_answer(mic, Path(tmp) / "noise.wav", cfg=noise_cfg)
            con.print("[bold]Now read the passage aloud[/bold] at your natural pace; "
                      f"recording stops after {END_SILENCE_S:g} s of silence "
                      f"(at most {seconds:g} s).")
            record_answer(mic, Path(tmp) / "passage.wav", cfg=talk_cfg)
        noise = load_audio(Path(tmp) / "noise.wav")
        passage = load_audio(Path(tmp) / "passage.wav")
    return np.concatenate([noise, passage])


def run_calibrate(args: argparse.Namespace) -> int:
    from rich.panel import Panel
    from rich.table import Table

    from voice_coach import pipeline
    from voice_coach.audio import load_audio

    saved_cfg = common.load_config(args, allow_missing=bool(args.accept))
    cfg = common.apply_model_options(saved_cfg, args)
    con = common.console()
    err = common.console(stderr=True)
    if args.seconds <= 0:
        raise ConfigError(f"--seconds must be greater than 0, got {args.seconds:g}")
    con.print(Panel(CALIBRATION_PASSAGE, title="read this aloud", title_align="left"))
    if args.input:
        audio = load_audio(args.input)
        source = str(args.input)
    else:
        audio = _record(cfg, args.device, args.seconds, con)
        source = "microphone"
    transcriber = common.load_transcriber_with_status(cfg, err)
    with err.status(f"Analysing {len(audio) / SAMPLE_RATE:.1f} s of audio…"):
        report = pipeline.analyze_audio(audio, cfg=cfg, transcriber=transcriber)
    if report.delivery is None or not report.delivery.word_count:
        raise AudioError(f"no speech found in {source}: read the passage aloud and try again")
    overlap = passage_overlap(report.transcript.text)
    if overlap < PASSAGE_MIN_OVERLAP:
        raise AudioError(f"{source} does not sound like the calibration passage (only "
                         f"{overlap:.0%} of its words are in it) — record yourself reading the "
                         "passage shown above and try again")
    cal = measure(report, noise_floor_dbfs(audio, SAMPLE_RATE))

    m = Table(title=f"Measured ({source}, {cal.duration_s:.1f} s)", title_justify="left",
              show_header=False, box=None, pad_edge=False)
    m.add_column(style="dim")
    m.add_column(justify="right")
    m.add_row("noise floor (quietest 10% of frames)", f"{cal.noise_floor_dbfs:.1f} dBFS")
    m.add_row("natural pace", f"{cal.wpm:.0f} wpm" if cal.wpm else "—")
    m.add_row("articulation rate", f"{cal.articulation_wpm:.0f} wpm"
              if cal.articulation_wpm else "—")
    m.add_row("pauses", str(cal.n_pauses))
    m.add_row("pause median / 90th percentile",
              f"{cal.pause_median_s:.2f} s / {cal.pause_p90_s:.2f} s"
              if cal.pause_median_s is not None else "—")
    for label, value in pitch_rows(report.prosody, cfg.prosody.monotone_st):
        m.add_row(label, value)
    con.print(m)

    proposals = propose_thresholds(cal, saved_cfg)
    t = Table(title="Proposed thresholds", title_justify="left", box=None, pad_edge=False,
              header_style="bold underline")
    for col in ("key", "current", "proposed", "why"):
        t.add_column(col, justify="right" if col in ("current", "proposed") else "left")
    for p in proposals:
        t.add_row(p.key, f"{p.current:g}", f"{p.value:g}", p.why,
                  style=None if p.value != p.current else "dim")
    con.print(t)
    path = common.config_file(args)
    new = apply_proposals(saved_cfg, proposals, "calibration")
    if args.accept:
        config_mod.save(new, path)
        con.print(f"Saved to {path}")
    else:
        con.print(f"Run again with --accept to write these to {path}, or set them one by one "
                  "with `voice-coach config set KEY VALUE`.", style="dim")
    return 0
