"""CLI commands for settings: `config show|set|reset|path` and `calibrate`.

`config` reads and writes the TOML config (validated; written atomically, 0600). `calibrate`
records (or reads `--input FILE`) a short read-aloud passage, measures the room's noise floor,
the speaker's natural pace and pause lengths, and proposes thresholds with a one-line reason
each; `--accept` writes them. Whisper, the VAD and sounddevice are imported inside `calibrate`.
"""

from __future__ import annotations

import argparse
import dataclasses
import math
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from voice_coach import config as config_mod
from voice_coach.cli import common
from voice_coach.errors import AudioError, ConfigError

if TYPE_CHECKING:
    import numpy as np

# ~60 words to read aloud at a natural pace; three sentences give natural pauses between them.
CALIBRATION_PASSAGE = (
    "Last spring our team rebuilt the recommendation service that suggests products to "
    "shoppers. The old model was slow, so we measured every step and found that most of the "
    "time went into loading features. We cached them, retrained the model on fresh data, and "
    "cut the response time in half while clicks went up by eight percent."
)
NOISE_FRAME_S = 0.03  # frame length for the noise-floor estimate
NOISE_QUANTILE = 0.10  # the noise floor is the mean power of the quietest 10% of frames
DEFAULT_RECORD_S = 45.0  # longest passage recording from the microphone
ROOM_NOISE_S = 3.0  # seconds of silence recorded before the passage
END_SILENCE_S = 3.0  # the passage recording ends after this much silence following speech

# How proposals relate to what was measured.
PAUSE_FACTOR = 1.5  # flag pauses 1.5x longer than your own 90th-percentile pause …
MIN_PAUSE_S = 2.0  # … but never below the 2 s coaching norm
LONG_SILENCE_FACTOR = 2.5  # "silence" = 2.5 x the long-pause threshold …
MIN_LONG_SILENCE_S = 5.0  # … and at least the 5 s coaching norm
PACE_SLOW_FACTOR = 0.80  # flag answers 20% slower …
PACE_FAST_FACTOR = 1.15  # … or 15% faster than your natural reading pace
PACE_MIN_BOUNDS_WPM = (90.0, 140.0)
# "Too fast" stays flagged above the coaching norm (the default pace.max_wpm, 165 wpm) whatever
# the reader's natural pace: a proposal never raises the limit past it.
PACE_MAX_BOUNDS_WPM = (150.0, config_mod.PaceOptions().max_wpm)
PASSAGE_MIN_OVERLAP = 0.5  # share of the recording's distinct words that must be in the passage
NOISY_DBFS = -45.0  # above this floor the room is noisy enough to raise the VAD threshold
VERY_NOISY_DBFS = -35.0


class Proposal(NamedTuple):
    key: str
    value: float
    current: Any
    why: str


class Calibration(NamedTuple):
    noise_floor_dbfs: float
    wpm: float | None
    articulation_wpm: float | None
    pause_median_s: float | None
    pause_p90_s: float | None
    n_pauses: int
    duration_s: float


def register(sub) -> None:
    p = common.add_command(sub, "config", "show or change the settings file", run_config)
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
                           "propose thresholds", run_calibrate)
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
    config_mod.save(config_mod.Config(), path)
    print(f"Defaults written to {path}")
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


# ---- calibrate: measurements (pure) ---------------------------------------------------------

def noise_floor_dbfs(audio: np.ndarray, sample_rate: int = 16000) -> float:
    """dBFS of the quietest 10% of 30 ms frames (mean power), -120 for digital silence."""
    import numpy as np

    frame = max(1, int(NOISE_FRAME_S * sample_rate))
    n = len(audio) // frame
    if n == 0:
        raise AudioError("the recording is too short to measure the noise floor")
    power = np.mean(audio[: n * frame].astype(np.float64).reshape(n, frame) ** 2, axis=1)
    quiet = np.sort(power)[: max(1, int(math.ceil(n * NOISE_QUANTILE)))]
    return float(10 * np.log10(max(float(np.mean(quiet)), 1e-12)))


def measure(report: dict[str, Any], noise_dbfs: float) -> Calibration:
    """Pace and pause statistics from an analysed read-aloud recording."""
    import numpy as np

    d = report.get("delivery") or {}
    pauses = sorted(float(p["duration"]) for p in d.get("pauses") or [])
    dur = float((report.get("audio") or {}).get("duration_s") or 0.0)
    return Calibration(
        noise_floor_dbfs=noise_dbfs, wpm=d.get("wpm"), articulation_wpm=d.get("articulation_wpm"),
        pause_median_s=float(np.median(pauses)) if pauses else None,
        pause_p90_s=float(np.percentile(pauses, 90)) if pauses else None,
        n_pauses=len(pauses), duration_s=dur)


def pitch_rows(prosody: dict[str, Any] | None, monotone_st: float) -> list[tuple[str, str]]:
    """(label, value) rows of the reader's own voice from a report's `prosody` block."""
    if not prosody:
        return []
    pitch = prosody.get("pitch") or {}
    if pitch.get("median_hz") is None:
        return [("your pitch", "not measurable (whispered or noisy?)")]
    return [("your pitch (median)", f"{pitch['median_hz']:.0f} Hz"),
            ("your pitch range (10th–90th pct)", f"{pitch['range_st']:.1f} semitones"),
            ("your pitch variation", f"±{pitch['variation_st']:.1f} semitones "
                                     f"(monotone below ±{monotone_st:g})")]


def _round5(x: float) -> float:
    """Nearest multiple of 5, halves up (172.5 → 175)."""
    return float(5 * math.floor(x / 5 + 0.5))


def _pace_proposal(wpm: float, factor: float, bounds: tuple[float, float]) -> tuple[float, str]:
    """A pace limit `factor` × the natural pace, rounded to 5 and kept within `bounds`; the
    reason states exactly that rule and its result."""
    raw = wpm * factor
    value = _round5(min(max(raw, bounds[0]), bounds[1]))
    why = f"natural pace {wpm:.0f} wpm {(factor - 1) * 100:+.0f}% = {raw:.0f}"
    if raw > bounds[1]:
        why += (f", capped at {bounds[1]:g}" + (" (the coaching norm: faster is hard to follow)"
                                                 if bounds is PACE_MAX_BOUNDS_WPM else ""))
    elif raw < bounds[0]:
        why += f", raised to {bounds[0]:g}"
    elif value != round(raw):
        why += ", rounded to 5"
    return value, why + f" → {value:g} wpm"


def passage_overlap(text: str, passage: str = CALIBRATION_PASSAGE) -> float:
    """Share (0–1) of the distinct words in `text` that occur in `passage`."""
    import re

    def words(t: str) -> set[str]:
        return set(re.findall(r"[a-z']+", t.lower()))

    said = words(text)
    return len(said & words(passage)) / len(said) if said else 0.0


def propose_thresholds(cal: Calibration, cfg: config_mod.Config) -> list[Proposal]:
    """Thresholds fitted to the measured voice and room, each with a one-line reason."""
    out: list[Proposal] = []
    if cal.pause_p90_s is not None:
        pause_s = max(MIN_PAUSE_S, round(cal.pause_p90_s * PAUSE_FACTOR, 1))
        out.append(Proposal(
            "silence.pause_s", pause_s, cfg.silence.pause_s,
            f"90% of your pauses ≤ {cal.pause_p90_s:.2f} s (median {cal.pause_median_s:.2f}): "
            f"{PAUSE_FACTOR:g}× that, at least {MIN_PAUSE_S:g} s"))
    else:
        pause_s = cfg.silence.pause_s
    long_s = max(MIN_LONG_SILENCE_S, round(pause_s * LONG_SILENCE_FACTOR, 1))
    out.append(Proposal("silence.long_silence_s", long_s, cfg.silence.long_silence_s,
                        f"{LONG_SILENCE_FACTOR:g}× the long-pause threshold, "
                        f"at least {MIN_LONG_SILENCE_S:g} s"))
    if isinstance(cal.wpm, (int, float)) and cal.wpm > 0:
        for key, factor, bounds in (("pace.min_wpm", PACE_SLOW_FACTOR, PACE_MIN_BOUNDS_WPM),
                                    ("pace.max_wpm", PACE_FAST_FACTOR, PACE_MAX_BOUNDS_WPM)):
            value, why = _pace_proposal(cal.wpm, factor, bounds)
            current = cfg.pace.min_wpm if key == "pace.min_wpm" else cfg.pace.max_wpm
            out.append(Proposal(key, value, current, why))
    if cal.noise_floor_dbfs > VERY_NOISY_DBFS:
        vad, why = 0.7, f"noisy room ({cal.noise_floor_dbfs:.0f} dBFS): less sensitive VAD"
    elif cal.noise_floor_dbfs > NOISY_DBFS:
        vad, why = 0.6, f"some background noise ({cal.noise_floor_dbfs:.0f} dBFS)"
    else:
        vad, why = 0.5, f"quiet room ({cal.noise_floor_dbfs:.0f} dBFS): default"
    out.append(Proposal("vad.threshold", vad, cfg.vad.threshold, why))
    return out


def apply_proposals(cfg: config_mod.Config, proposals: list[Proposal], source: str
                    ) -> config_mod.Config:
    """cfg with every proposal applied at once (validated together, so order does not matter)."""
    data = cfg.to_dict()
    for p in proposals:
        section, _, name = p.key.partition(".")
        data[section][name] = p.value
    return config_mod.from_dict(data, source)


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
    from voice_coach.audio import SAMPLE_RATE, load_audio

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
        # `measure`/`pitch_rows` still read the schema JSON (they move out of the CLI in #14)
        report = pipeline.analyze_audio(audio, cfg=cfg, transcriber=transcriber).to_json()
    if not (report.get("delivery") or {}).get("word_count"):
        raise AudioError(f"no speech found in {source}: read the passage aloud and try again")
    overlap = passage_overlap((report.get("transcript") or {}).get("text") or "")
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
    for label, value in pitch_rows(report.get("prosody"), cfg.prosody.monotone_st):
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
