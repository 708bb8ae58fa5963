"""Thresholds and settings: defaults, TOML load/save, strict validation.

One frozen dataclass per TOML section; `Config` groups them. Values are validated once at
load; variants are derived with `with_value` (which uses `dataclasses.replace`). Errors are
one line naming the key and the file. This module never reads audio.
"""

from __future__ import annotations

import dataclasses
import math
import os
import re
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple, get_type_hints

from voice_coach.errors import ConfigError
from voice_coach.safefs import atomic_write_bytes, atomic_write_text

CONFIG_ENV = "VOICE_COACH_CONFIG"
RECORDINGS_ENV = "VOICE_COACH_RECORDINGS"
CONFIG_FILENAME = "config.toml"

BACKENDS = ("faster-whisper", "openai-whisper")
# Longest recording voice-coach records or analyses, seconds (20 min). Longer files are refused
# by `audio.load_audio` (bounded memory, see docs/reliability.md), so answers and drills are
# capped here too, or a recording could be made that cannot be analysed.
MAX_RECORDING_S = 1200.0
INT_AS_TEXT = "int_as_text"  # field metadata: a TOML integer is taken as its text (a device index)


@dataclass(frozen=True)
class SilenceOptions:
    """Silence thresholds, seconds."""

    min_gap_s: float = 0.3  # shortest silence between speech counted as a pause
    pause_s: float = 2.0  # a "long pause": flagged and placed on the timeline
    long_silence_s: float = 5.0  # "silence kills": live nudge while recording
    lead_in_max_s: float = 8.0  # time to first word flagged above this (behavioural)
    lead_in_coding_max_s: float = 20.0  # coding questions allow a stated thinking pause


@dataclass(frozen=True)
class PaceOptions:
    """Speaking-pace norms, words per minute, and the pace-timeline window."""

    min_wpm: float = 120.0
    max_wpm: float = 165.0
    window_s: float = 15.0  # sliding window for the pace timeline
    step_s: float = 5.0  # hop between windows


@dataclass(frozen=True)
class FillerOptions:
    """Filler-word limit and detection."""

    max_per_min: float = 5.0
    acoustic: bool = True  # also count hesitations heard in the audio that Whisper did not write
    #                       (on since session 25: on held-out sets it adds 0.09-0.19 recall at a
    #                       precision no lower than Whisper's alone, docs/robustness.md)
    # your own filler words, counted wherever Whisper writes them ("este", "o sea", "pues"); a
    # one-letter word ("a") counts only when set off by a comma or full stop ("A, the result")
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class VadOptions:
    """Speech/silence segmentation (Silero VAD) options."""

    threshold: float = 0.5  # speech probability above which a window is speech
    min_speech_ms: int = 100  # shorter speech blips are dropped
    speech_pad_ms: int = 0  # padding added around speech regions (each ms shrinks every pause by 2 ms)


@dataclass(frozen=True)
class AnswerOptions:
    """How an answer is bounded, seconds."""

    target_s: float = 120.0  # default target length when a question sets none
    max_s: float = 180.0  # hard stop
    stop_on_silence_s: float = 0.0  # end the answer after this much silence; 0 = never
    end_phrases: tuple[str, ...] = ("that's my answer", "i'm done", "that is my answer")


@dataclass(frozen=True)
class VoiceOptions:
    """Interviewer text-to-speech (pyttsx3)."""

    enabled: bool = True
    rate_wpm: int = 165
    voice: str = ""  # pyttsx3 voice id or name substring; "" = system default
    timeout_margin_s: float = 5.0  # extra time before a stuck TTS engine is abandoned


@dataclass(frozen=True)
class TranscriberOptions:
    """Speech recognition backend and model."""

    backend: str = "faster-whisper"
    model: str = "tiny.en"  # tiny.en | base | a local path
    beam_size: int = 1  # greedy: measured RTF 0.024 vs 0.039 (beam 5), WER 0.117 vs 0.110, same filler recall
    filler_prompt: bool = True  # prime Whisper with fillers so "um"/"uh" are kept


@dataclass(frozen=True)
class AudioOptions:
    """Microphone selection."""

    # a name substring or an index (`device = 3` or "3"); "" = the system default input
    device: str = field(default="", metadata={INT_AS_TEXT: True})


@dataclass(frozen=True)
class DrillOptions:
    """Think-aloud drill."""

    prompt_after_s: float = 15.0  # interviewer nudge after this much silence; 0 = off
    minutes: float = 10.0


@dataclass(frozen=True)
class ProsodyOptions:
    """Voice prosody flags (docs/prosody.md says how each default was measured)."""

    enabled: bool = True  # pitch/energy analysis of audio answers
    monotone_window_s: float = 8.0  # judge pitch variation over windows this long
    monotone_st: float = 1.0  # a window varying less than this (semitones, std) is monotone
    fade_db: float = 10.0  # a sentence's last 0.4 s this much quieter (half as loud) trails off
    uptalk_st: float = 2.5  # a statement's last 0.3 s rising this much (semitones) is uptalk


@dataclass(frozen=True)
class Config:
    silence: SilenceOptions = field(default_factory=SilenceOptions)
    pace: PaceOptions = field(default_factory=PaceOptions)
    fillers: FillerOptions = field(default_factory=FillerOptions)
    vad: VadOptions = field(default_factory=VadOptions)
    answer: AnswerOptions = field(default_factory=AnswerOptions)
    voice: VoiceOptions = field(default_factory=VoiceOptions)
    transcriber: TranscriberOptions = field(default_factory=TranscriberOptions)
    audio: AudioOptions = field(default_factory=AudioOptions)
    drill: DrillOptions = field(default_factory=DrillOptions)
    prosody: ProsodyOptions = field(default_factory=ProsodyOptions)

    def to_dict(self) -> dict[str, dict[str, Any]]:
        """Plain dict (TOML/JSON-ready; tuples become lists)."""
        out: dict[str, dict[str, Any]] = {}
        for sec in fields(self):
            values = dataclasses.asdict(getattr(self, sec.name))
            out[sec.name] = {k: list(v) if isinstance(v, tuple) else v for k, v in values.items()}
        return out

    def get(self, key: str) -> Any:
        section, name = _split_key(key, self)
        return getattr(getattr(self, section), name)

    def with_value(self, key: str, value: Any, *, source: str = "command line",
                   check: bool = True) -> Config:
        """A copy with `key` ("section.name") set to `value` (parsed from text if a str).

        `check=False` leaves the cross-field checks (e.g. pace.min_wpm < pace.max_wpm) to the
        caller, who sets several keys and then calls `validate` once on the result.
        """
        section, name = _split_key(key, self)
        current = getattr(self, section)
        parsed = _coerce(value, current, name, key, source)
        new = replace(self, **{section: replace(current, **{name: parsed})})
        return validate(new, source) if check else new


def _split_key(key: str, cfg: Config) -> tuple[str, str]:
    section, _, name = key.partition(".")
    sections = {f.name: f for f in fields(cfg)}
    if section not in sections or not name:
        raise ConfigError(f"unknown config key '{key}': sections are {', '.join(sections)}")
    names = [f.name for f in fields(getattr(cfg, section))]
    if name not in names:
        raise ConfigError(f"unknown config key '{key}': [{section}] has {', '.join(names)}")
    return section, name


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _bool_from_text(text: str) -> bool:
    low = text.lower()
    if low in ("true", "yes", "on", "1"):
        return True
    if low in ("false", "no", "off", "0"):
        return False
    raise ValueError(text)


class _Kind(NamedTuple):
    """How one field type is checked, converted and parsed from command-line text."""

    name: str  # in error messages: "'pace.max_wpm' must be float"
    accepts: Callable[[Any], bool]
    convert: Callable[[Any], Any]
    from_text: Callable[[str], Any] | None  # None: a string is the value itself


_KINDS: dict[Any, _Kind] = {
    bool: _Kind("bool", lambda v: isinstance(v, bool), bool, _bool_from_text),
    int: _Kind("int", lambda v: _is_number(v) and isinstance(v, int), int, int),
    float: _Kind("float", _is_number, float, float),
    str: _Kind("str", lambda v: isinstance(v, str), str, None),
    tuple[str, ...]: _Kind(
        "a list of strings",
        lambda v: isinstance(v, (list, tuple)) and all(isinstance(x, str) for x in v), tuple,
        lambda text: tuple(p.strip() for p in text.split(",") if p.strip())),
}


def _coerce(value: Any, section: Any, name: str, key: str, source: str, *,
            parse_text: bool = True) -> Any:
    """Turn a TOML value or a command-line string into the type of `section`'s field `name`, or
    raise ConfigError.

    `parse_text` allows a string for a non-string field ("1.5" → 1.5): true for command-line
    values, false for TOML, where `pause_s = "2"` is a wrong type.
    """
    kind = _KINDS[get_type_hints(type(section))[name]]
    bad = ConfigError(f"{source}: '{key}' must be {kind.name}, got {value!r}")
    if (_is_number(value) and isinstance(value, int)
            and {f.name: f for f in fields(section)}[name].metadata.get(INT_AS_TEXT)):
        value = str(value)
    if isinstance(value, str) and kind.from_text is not None:
        if not parse_text:
            raise bad
        try:
            value = kind.from_text(value.strip())
        except ValueError as e:
            raise bad from e
    if not kind.accepts(value):
        raise bad
    return kind.convert(value)


def validate(cfg: Config, source: str = "config", *, earlier: Sequence[str] = (),
             skip: frozenset[str] = frozenset()) -> Config:
    """Check ranges and orderings; raise ConfigError naming the key and `source` — every
    problem found, one line each and one per key (after the `earlier` lines of `from_dict`). A
    check on a key already named (or in `skip`: its value was refused) is made from the other
    key of the pair, if any."""
    problems = list(earlier)

    named = set(skip)  # one problem per key: its first
    broken: set[str] = set()  # non-finite or negative: no ordering is judged against it

    def fail(key: str, why: str, other: tuple[str, str] | None = None) -> None:
        if other is not None and (key in broken or other[0] in broken):
            return
        if key in named:
            if key not in skip or other is None or other[0] in named:
                return
            key, why = other  # its value was refused: the pair is judged on the other key
        elif other is not None and other[0] not in named and _is_default(cfg, key) \
                and not _is_default(cfg, other[0]):
            key, why = other  # the pair is named by the key that was set (QA12 F16)
        named.add(key)
        problems.append(f"{source}: '{key}' {why} (got {cfg.get(key)!r})")

    for sec in fields(cfg):
        for f in fields(getattr(cfg, sec.name)):
            v = getattr(getattr(cfg, sec.name), f.name)
            if isinstance(v, float) and not math.isfinite(v):
                fail(f"{sec.name}.{f.name}", "must be a finite number")
                broken.add(f"{sec.name}.{f.name}")
            elif isinstance(v, (int, float)) and not isinstance(v, bool) and v < 0:
                fail(f"{sec.name}.{f.name}", "must not be negative")
                broken.add(f"{sec.name}.{f.name}")
    s = cfg.silence
    if s.min_gap_s <= 0:
        fail("silence.min_gap_s", "must be greater than 0")
    if not s.min_gap_s <= s.pause_s:
        fail("silence.pause_s", f"must be at least {_ref(cfg, 'silence.min_gap_s')}",
             ("silence.min_gap_s", f"must be at most {_ref(cfg, 'silence.pause_s')}"))
    if not s.pause_s <= s.long_silence_s:
        fail("silence.long_silence_s", f"must be at least {_ref(cfg, 'silence.pause_s')}",
             ("silence.pause_s", f"must be at most {_ref(cfg, 'silence.long_silence_s')}"))
    p = cfg.pace
    if p.min_wpm >= p.max_wpm:
        fail("pace.max_wpm", f"must be greater than {_ref(cfg, 'pace.min_wpm')}",
             ("pace.min_wpm", f"must be less than {_ref(cfg, 'pace.max_wpm')}"))
    if p.window_s <= 0:
        fail("pace.window_s", "must be greater than 0")
    if p.step_s <= 0:
        fail("pace.step_s", "must be greater than 0")
    if not 0 < cfg.vad.threshold < 1:
        fail("vad.threshold", "must be between 0 and 1")
    a = cfg.answer
    if a.max_s <= 0:
        fail("answer.max_s", "must be greater than 0")
    if a.target_s > a.max_s:
        fail("answer.target_s", f"must not exceed {_ref(cfg, 'answer.max_s')}",
             ("answer.max_s", f"must be at least {_ref(cfg, 'answer.target_s')}"))
    if a.max_s > MAX_RECORDING_S:
        fail("answer.max_s", f"must be at most {MAX_RECORDING_S:.0f} s (20 minutes)")
    if cfg.drill.minutes * 60 > MAX_RECORDING_S:
        fail("drill.minutes", f"must be at most {MAX_RECORDING_S / 60:.0f}")
    if cfg.transcriber.backend not in BACKENDS:
        fail("transcriber.backend", f"must be one of {', '.join(BACKENDS)}")
    if cfg.transcriber.beam_size < 1:
        fail("transcriber.beam_size", "must be at least 1")
    pr = cfg.prosody
    if not 2 <= pr.monotone_window_s <= 60:
        fail("prosody.monotone_window_s", "must be between 2 and 60 seconds")
    for name in ("monotone_st", "fade_db", "uptalk_st"):
        if getattr(pr, name) <= 0:
            fail(f"prosody.{name}", "must be greater than 0")
    if not 50 <= cfg.voice.rate_wpm <= 400:
        fail("voice.rate_wpm", "must be between 50 and 400")
    bad_words = [w for w in cfg.fillers.words if not _FILLER_WORDS.fullmatch(w.strip())]
    if bad_words:
        fail("fillers.words", "entries must be one to three words of letters each, e.g. "
             f"\"este\" or \"o sea\" — not {bad_words[0]!r}")
    if problems:
        raise ConfigError("\n".join(problems))
    return cfg


# one filler entry: one to three words of letters (inner ' or - allowed), any alphabet
_FILLER_WORDS = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*(?: [^\W\d_]+(?:['-][^\W\d_]+)*){0,2}")


def _is_default(cfg: Config, key: str) -> bool:
    return bool(cfg.get(key) == _DEFAULTS.get(key))


def _ref(cfg: Config, key: str) -> str:
    """The other key of a pair as an error names it: "pace.max_wpm = 165 (the default)"."""
    value = cfg.get(key)
    shown = f"{value:g}" if isinstance(value, float) else str(value)
    return f"{key} = {shown}" + (" (the default)" if _is_default(cfg, key) else "")


def from_dict(data: dict[str, Any], source: str) -> Config:
    """Build a validated Config from a parsed TOML dict; unknown keys and wrong types are errors
    — all of them named, one line each, with the range and ordering problems of the rest."""
    cfg = Config()
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: expected a TOML table at the top level")
    sections = {f.name for f in fields(cfg)}
    kwargs: dict[str, Any] = {}
    problems: list[str] = []
    refused: set[str] = set()
    for sec_name, sec_values in data.items():
        if sec_name not in sections:
            problems.append(f"{source}: unknown section [{sec_name}] "
                            f"(known: {', '.join(sorted(sections))})")
            continue
        if not isinstance(sec_values, dict):
            problems.append(f"{source}: '{sec_name}' must be a [section] table")
            continue
        current = getattr(cfg, sec_name)
        known = {f.name: f for f in fields(current)}
        updates = {}
        for k, v in sec_values.items():
            key = f"{sec_name}.{k}"
            if k not in known:
                problems.append(f"{source}: unknown key '{key}' "
                                f"(known in [{sec_name}]: {', '.join(known)})")
                continue
            try:
                updates[k] = _coerce(v, current, k, key, source, parse_text=False)
            except ConfigError as e:
                problems.append(str(e))
                refused.add(key)
        kwargs[sec_name] = replace(current, **updates)
    return validate(replace(cfg, **kwargs), source, earlier=problems, skip=frozenset(refused))


_DEFAULTS = Config()


def default_recordings_dir() -> Path:
    """`VOICE_COACH_RECORDINGS`, else ./recordings."""
    return Path(os.environ.get(RECORDINGS_ENV) or "recordings")


def config_path(explicit: str | os.PathLike | None = None,
                recordings: str | os.PathLike | None = None) -> Path:
    """Where the config lives: explicit path, else `VOICE_COACH_CONFIG`, else recordings/config.toml."""
    if explicit:
        return Path(explicit)
    if os.environ.get(CONFIG_ENV):
        return Path(os.environ[CONFIG_ENV])
    return Path(recordings) if recordings else default_recordings_dir()


def resolve_config_path(explicit: str | os.PathLike | None = None,
                        recordings: str | os.PathLike | None = None) -> Path:
    p = config_path(explicit, recordings)
    if not explicit and not os.environ.get(CONFIG_ENV):
        p = p / CONFIG_FILENAME
    return p


def load(path: str | os.PathLike | None) -> Config:
    """Load and validate a TOML config; a missing file means defaults."""
    if path is None:
        return Config()
    p = Path(path)
    if not p.exists():
        return Config()
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise ConfigError(f"{p}: cannot read config ({e.strerror})") from e
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as e:
        raise ConfigError(f"{p}: config is not UTF-8 text") from e
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{p}: invalid TOML: {e}") from e
    return from_dict(data, str(p))


def dumps(cfg: Config) -> str:
    import tomli_w

    return tomli_w.dumps(cfg.to_dict())


BACKUP_SUFFIX = ".bak"  # `config reset` keeps the replaced file next to it with this suffix


def backup(path: str | os.PathLike) -> Path | None:
    """Copy an existing config file to `<name>.bak` (atomically, 0600) before it is replaced;
    None when there is no file."""
    p = Path(path)
    if not p.exists():
        return None
    try:
        data = p.read_bytes()
    except OSError as e:
        raise ConfigError(f"{p}: cannot read config to back it up ({e.strerror})") from e
    return atomic_write_bytes(p.with_name(p.name + BACKUP_SUFFIX), data)


def save(cfg: Config, path: str | os.PathLike) -> Path:
    """Write the config atomically (temp file + fsync + rename), mode 0600."""
    return atomic_write_text(path, dumps(validate(cfg, str(path))))
