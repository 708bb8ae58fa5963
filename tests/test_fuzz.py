"""Property-based tests (hypothesis) of the readers that take user files.

Each reader either returns its value or raises its one-line `VoiceCoachError`, never another
exception: the config TOML loader (any text, any table), `config set KEY VALUE`, the WAV
reader (random bytes, real WAV headers with mutated or truncated fields) and `repair_wav`,
the transcript reader through `voice-coach analyze x.txt` (random unicode and bytes), and
the session store's readers (session.json / answer JSON replaced by random bytes). The
question TOML loader is fuzzed in tests/test_questions.py. Examples are bounded (≤ 150 per
property, no deadline) so the file runs in well under a minute.
"""

from __future__ import annotations

import io
import json
import math
import struct
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from voice_coach import config as config_mod
from voice_coach.audio import load_audio
from voice_coach.errors import (AudioError, ConfigError, SessionError, StorageError,
                                VoiceCoachError)

FAST = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
SLOWER = settings(max_examples=60, deadline=None,
                  suppress_health_check=[HealthCheck.function_scoped_fixture,
                                         HealthCheck.too_slow])


def one_line(e: BaseException) -> None:
    msg = str(e)
    assert msg and "\n" not in msg, repr(msg)


def one_line_per_problem(e: BaseException, path: Path) -> None:
    """A config file with several problems names each on a line of its own (QA10 F10), every line
    naming the file, none of them a traceback."""
    lines = str(e).split("\n")
    assert lines and all(line.startswith(f"{path}: ") for line in lines), repr(str(e))
    assert len(set(lines)) == len(lines) and "Traceback" not in str(e), repr(str(e))


# ------------------------------------------------------------------------------- config

_SECTIONS = {f: list(config_mod.Config().to_dict()[f]) for f in config_mod.Config().to_dict()}
_KEYS = [f"{s}.{k}" for s, keys in _SECTIONS.items() for k in keys]
_scalars = st.one_of(st.integers(-10**20, 10**20), st.floats(allow_nan=True),
                     st.booleans(), st.text(max_size=20), st.lists(st.text(max_size=8),
                                                                    max_size=3))
_sections = st.sampled_from(list(_SECTIONS) + ["bogus", ""])


@st.composite
def _tables(draw):
    out = {}
    for sec in draw(st.lists(_sections, max_size=4, unique=True)):
        keys = _SECTIONS.get(sec, []) + ["bogus_key"]
        out[sec] = draw(st.dictionaries(st.sampled_from(keys), _scalars, max_size=5))
    if draw(st.booleans()):
        out[draw(_sections)] = draw(_scalars)  # a section that is not a table
    return out


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def _load_text(path: Path, data: bytes):
    path.write_bytes(data)
    return config_mod.load(path)


@FAST
@given(text=st.text(max_size=300) | st.binary(max_size=300).map(lambda b: b.decode("latin-1")))
def test_config_loader_any_text(scratch, text):
    try:
        cfg = _load_text(scratch / "any.toml", text.encode("utf-8", "surrogatepass"))
    except ConfigError as e:
        one_line_per_problem(e, scratch / "any.toml")
    else:
        assert isinstance(cfg, config_mod.Config)


@FAST
@given(data=st.binary(max_size=300))
def test_config_loader_any_bytes(scratch, data):
    try:
        _load_text(scratch / "bytes.toml", data)
    except ConfigError as e:
        one_line_per_problem(e, scratch / "bytes.toml")


@FAST
@given(table=_tables())
def test_config_loader_any_table(scratch, table):
    """Well-formed TOML with unknown/mistyped/out-of-range values: a Config that validates, or
    one line naming the file."""
    try:
        text = tomli_w.dumps(table)
    except (TypeError, ValueError):  # not representable as TOML (e.g. a top-level scalar)
        return
    path = scratch / "table.toml"
    try:
        cfg = _load_text(path, text.encode())
    except ConfigError as e:
        one_line_per_problem(e, path)
    else:
        config_mod.validate(cfg)
        for key in _KEYS:
            v = cfg.get(key)
            if isinstance(v, float):
                assert math.isfinite(v) and v >= 0


@FAST
@given(key=st.sampled_from(_KEYS + ["bogus", "silence.", ".x", "silence.bogus"]),
       value=st.text(max_size=30))
def test_config_set_any_value(key, value):
    try:
        cfg = config_mod.Config().with_value(key, value)
    except ConfigError as e:
        one_line(e)
    else:
        config_mod.validate(cfg)


# ---------------------------------------------------------------------------------- WAV

def _wav_bytes(seconds: float = 0.2, rate: int = 16000, subtype: str = "PCM_16") -> bytes:
    t = np.arange(int(seconds * rate)) / rate
    buf = io.BytesIO()
    sf.write(buf, (0.3 * np.sin(2 * np.pi * 220 * t)).astype(np.float32), rate,
             format="WAV", subtype=subtype)
    return buf.getvalue()


GOOD_WAV = _wav_bytes()
FLOAT_WAV = _wav_bytes(subtype="FLOAT")


def _check_audio_result(path: Path) -> None:
    try:
        audio = load_audio(path)
    except AudioError as e:
        one_line(e)
    else:
        assert audio.dtype == np.float32 and audio.ndim == 1 and audio.size > 0
        assert np.all(np.isfinite(audio))


@FAST
@given(data=st.binary(min_size=0, max_size=512))
def test_wav_reader_random_bytes(scratch, data):
    path = scratch / "random.wav"
    path.write_bytes(data)
    _check_audio_result(path)


@FAST
@given(base=st.sampled_from([GOOD_WAV, FLOAT_WAV]),
       edits=st.lists(st.tuples(st.integers(0, 63), st.integers(0, 255)), min_size=1,
                      max_size=6),
       cut=st.none() | st.integers(0, len(GOOD_WAV)))
def test_wav_reader_mutated_header(scratch, base, edits, cut):
    data = bytearray(base)
    for pos, value in edits:
        data[pos] = value
    path = scratch / "mutated.wav"
    path.write_bytes(bytes(data[:cut] if cut is not None else data))
    _check_audio_result(path)


_FIELDS = {  # offset → struct format of the canonical 44-byte header's numeric fields
    4: "<I", 16: "<I", 20: "<H", 22: "<H", 24: "<I", 28: "<I", 32: "<H", 34: "<H", 40: "<I",
}


@FAST
@given(field=st.sampled_from(sorted(_FIELDS)), value=st.integers(0, 2**32 - 1))
def test_wav_reader_header_fields(scratch, field, value):
    """Sizes, channel counts, rates and bit depths set to anything (0, huge, odd)."""
    fmt = _FIELDS[field]
    value = value % (2 ** (8 * struct.calcsize(fmt)))
    data = bytearray(GOOD_WAV)
    struct.pack_into(fmt, data, field, value)
    path = scratch / "field.wav"
    path.write_bytes(bytes(data))
    _check_audio_result(path)


@SLOWER
@given(edits=st.lists(st.tuples(st.integers(0, 63), st.integers(0, 255)), max_size=4),
       cut=st.integers(0, len(GOOD_WAV)))
def test_repair_wav_never_raises_anything_else(scratch, edits, cut):
    from voice_coach.recorder import repair_wav

    data = bytearray(GOOD_WAV[:cut])
    for pos, value in edits:
        if pos < len(data):
            data[pos] = value
    path = scratch / "repair.wav"
    path.write_bytes(bytes(data))
    try:
        seconds = repair_wav(path)
    except AudioError as e:
        one_line(e)
    else:
        assert seconds >= 0
        _check_audio_result(path)


# --------------------------------------------------------------------------- transcripts

@SLOWER
@given(data=st.text(max_size=400).map(lambda t: t.encode("utf-8", "surrogatepass"))
       | st.binary(max_size=400))
def test_analyze_transcript_any_content(scratch, capsys, data):
    from voice_coach.cli import main

    path = scratch / "answer.txt"
    path.write_bytes(data)
    capsys.readouterr()
    code = main(["analyze", str(path), "--json"])
    out, err = capsys.readouterr()
    if code == 0:
        report = json.loads(out)
        assert report["schema_version"] == 2 and report["delivery"] is None
        assert report["transcript"]["text"] == " ".join(report["transcript"]["text"].split())
    else:
        assert code == 2, (code, err)
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("voice-coach: error: "), err


# ------------------------------------------------------------------------ session store

@pytest.fixture(scope="module")
def saved_session(tmp_path_factory):
    from voice_coach.pipeline import analyze_text
    from voice_coach.store import Store

    root = tmp_path_factory.mktemp("store")
    store = Store(root)
    s = store.new_session("practice", "fuzzed", config_mod.Config().to_dict())
    s.save_answer(1, analyze_text("I reduced latency from 80 ms to 20 ms.",
                                  cfg=config_mod.Config()))
    s.finish()
    return root, s.id


@SLOWER
@given(name=st.sampled_from(["session.json", "answer-01.json"]),
       data=st.binary(max_size=200) | st.builds(
           lambda v: json.dumps(v).encode(),
           st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=10),
                        lambda c: st.lists(c, max_size=3)
                        | st.dictionaries(st.text(max_size=8), c, max_size=3), max_leaves=8)))
def test_store_reads_damaged_json(saved_session, name, data):
    """A damaged session file never breaks listing; loading it is data or a SessionError."""
    from voice_coach.store import Store

    root, sid = saved_session
    target = root / sid / name
    original = target.read_bytes()
    try:
        target.write_bytes(data)
        store = Store(root)
        try:
            store.list_sessions()
            store.load_session(sid)
        except (SessionError, StorageError) as e:
            one_line(e)
    finally:
        target.write_bytes(original)


def test_errors_are_voice_coach_errors():
    for cls in (AudioError, ConfigError, SessionError, StorageError):
        assert issubclass(cls, VoiceCoachError) and cls.exit_code == 2
