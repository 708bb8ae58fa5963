"""Phone recordings (.m4a, .mp3, .ogg, .webm, .opus): read through PyAV, quietly, at 16 kHz mono.

Fixtures are real compressed files made at test time by encoding a bundled clip with PyAV.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from voice_coach.audio import (SAMPLE_RATE, audio_file_duration_s, encode_audio, iter_audio_windows,
                               load_audio)
from voice_coach.errors import AudioError

REPO = Path(__file__).resolve().parents[1]

# (file suffix, encoder, encoder rate Hz): what phones and browsers produce.
PHONE_FORMATS = [
    (".m4a", "aac", 44100),
    (".mp3", "libmp3lame", 44100),
    (".ogg", "libopus", 48000),
    (".webm", "libopus", 48000),
    (".opus", "libopus", 48000),
]


def encode(src: Path, dst: Path, codec: str, rate_hz: int, *, channels: int = 1) -> Path:
    """Encode the audio of `src` into `dst` (container chosen by the suffix)."""
    data, sr = sf.read(str(src), dtype="float32", always_2d=True)
    encode_audio(np.repeat(data[:, :1], channels, axis=1), sr, dst, codec=codec, rate_hz=rate_hz)
    return dst


def envelope(audio: np.ndarray, frame: int = 1600) -> np.ndarray:
    n = audio.size // frame
    return np.sqrt((audio[: n * frame].reshape(n, frame) ** 2).mean(axis=1))


@pytest.mark.parametrize("suffix,codec,rate_hz", PHONE_FORMATS)
def test_phone_formats_load_as_16k_mono_matching_the_source(clip, tmp_path, suffix, codec,
                                                            rate_hz):
    original = load_audio(clip("jfk"))
    phone = encode(clip("jfk"), tmp_path / f"memo{suffix}", codec, rate_hz, channels=2)
    got = load_audio(phone)
    assert got.dtype == np.float32 and got.ndim == 1
    # Encoders add a little priming/padding; the length stays within 0.1 s of the source.
    assert abs(got.size - original.size) < 0.1 * SAMPLE_RATE, (got.size, original.size)
    n = min(got.size, original.size)
    a, b = envelope(original[:n]), envelope(got[:n])
    assert np.corrcoef(a, b)[0, 1] > 0.95  # the same speech, in the same place
    header_s = audio_file_duration_s(phone)
    assert header_s is not None and abs(header_s - original.size / SAMPLE_RATE) < 0.2


def test_phone_file_streams_in_windows_like_a_wav(clip, tmp_path):
    phone = encode(clip("jfk"), tmp_path / "memo.m4a", "aac", 44100)
    whole = load_audio(phone)
    windows = list(iter_audio_windows(phone, 4.0))
    assert len(windows) >= 3
    assert windows[0][0] == 0.0
    np.testing.assert_allclose(np.concatenate([w for _, w in windows]), whole, atol=1e-6)


def test_damaged_mp3_is_read_with_one_warning_not_decoder_noise(clip, tmp_path, caplog):
    good = encode(clip("jfk"), tmp_path / "good.mp3", "libmp3lame", 44100).read_bytes()
    damaged = tmp_path / "damaged.mp3"
    rng = np.random.default_rng(0)
    damaged.write_bytes(good[:30000] + rng.integers(0, 256, 2000, dtype=np.uint8).tobytes()
                        + good[-40000:])
    with caplog.at_level("WARNING"):
        got = load_audio(damaged)
    assert got.size > 5 * SAMPLE_RATE
    assert [r.message for r in caplog.records if "damaged" in r.message]


@pytest.mark.parametrize("name,content", [("memo.m4a", b"not audio\x00\x01" * 50),
                                          ("memo.webm", b"\x1a\x45\xdf\xa3" + b"\x00" * 300),
                                          ("memo.mp3", b"ID3" + b"\xff" * 10)])
def test_unreadable_phone_file_names_a_conversion_command(tmp_path, name, content):
    p = tmp_path / name
    p.write_bytes(content)
    with pytest.raises(AudioError) as e:
        load_audio(p)
    msg = str(e.value)
    assert "\n" not in msg
    assert f"ffmpeg -i {name} -ar 16000 -ac 1 memo.wav" in msg


def run_cli(*argv: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-m", "voice_coach", *argv], capture_output=True,
                          text=True, timeout=600, cwd=REPO, env=env)


@pytest.mark.slow
def test_analyze_a_damaged_phone_mp3_end_to_end_without_decoder_output(clip, tmp_path):
    good = encode(clip("jfk"), tmp_path / "good.mp3", "libmp3lame", 44100).read_bytes()
    damaged = tmp_path / "memo.mp3"
    damaged.write_bytes(good[:30000] + bytes(range(256)) * 4 + good[30000:])
    out = run_cli("analyze", "--recordings", str(tmp_path / "rec"), "--json", str(damaged))
    assert out.returncode == 0, out.stderr
    words = " ".join(w["text"] for w in json.loads(out.stdout)["transcript"]["words"]).lower()
    assert "country" in words
    # Nothing from a decoder (mpg123's "Note: Illegal Audio-MPEG-Header…", FFmpeg's "[mp3 @…]").
    noise = [ln for ln in out.stderr.splitlines()
             if ln.startswith(("Note:", "Warning:", "[")) or "Illegal" in ln or "@ 0x" in ln]
    assert noise == [], out.stderr
    assert len(out.stderr.strip().splitlines()) <= 2, out.stderr


@pytest.mark.slow
def test_analyze_an_m4a_memo(clip, tmp_path):
    memo = encode(clip("jfk"), tmp_path / "memo.m4a", "aac", 44100)
    out = run_cli("analyze", "--recordings", str(tmp_path / "rec"), "--json", str(memo))
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    words = " ".join(w["text"] for w in report["transcript"]["words"]).lower()
    assert "ask not what your country" in words.replace(",", "")
    assert [ln for ln in out.stderr.splitlines() if not ln.startswith("analysed in")] == []


def test_unreadable_m4a_is_one_line_from_the_cli(tmp_path):
    bad = tmp_path / "memo.m4a"
    bad.write_bytes(b"hello\x00\x01" * 100)  # not text: a text file is named as one (QA6 F30)
    out = run_cli("analyze", "--recordings", str(tmp_path / "rec"), str(bad))
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in out.stderr
    assert "ffmpeg -i memo.m4a -ar 16000 -ac 1 memo.wav" in lines[0]
