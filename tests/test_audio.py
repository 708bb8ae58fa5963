"""Audio sources: FileSource blocks and pacing, the stream resampler, device listing and errors."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest
from tools import FakeClock

from voice_coach import audio
from voice_coach.audio import (
    BLOCK_S,
    BLOCK_SIZE,
    SAMPLE_RATE,
    AudioSource,
    FileSource,
    MicrophoneSource,
    StreamResampler,
    has_output_device,
    list_input_devices,
    load_audio,
    resolve_input_device,
    write_wav,
)
from voice_coach.errors import AudioError, DeviceError

REPO = Path(__file__).resolve().parents[1]


def test_file_source_yields_the_file_in_blocks(clip):
    expected = load_audio(clip("jfk"))
    with FileSource(clip("jfk")) as src:
        assert isinstance(src, AudioSource)
        assert src.sample_rate == SAMPLE_RATE and src.overflows == 0
        blocks = list(src.blocks())
    assert all(b.size == BLOCK_SIZE for b in blocks[:-1])
    assert 0 < blocks[-1].size <= BLOCK_SIZE
    assert all(b.dtype == np.float32 and b.ndim == 1 for b in blocks)
    np.testing.assert_array_equal(np.concatenate(blocks), expected)


def test_file_source_stop_ends_iteration(clip):
    with FileSource(clip("jfk")) as src:
        got = []
        for b in src.blocks():
            got.append(b)
            if len(got) == 3:
                src.stop()
    assert len(got) == 3


def test_file_source_missing_file_is_audio_error(tmp_path):
    with pytest.raises(AudioError, match="not found"):
        FileSource(tmp_path / "nope.wav")


def test_realtime_file_source_paces_like_a_microphone(clip):
    clock = FakeClock()
    src = FileSource(clip("jfk"), realtime=True, now=clock.now, wait=clock.wait)
    arrivals = []
    for i, _ in enumerate(src.blocks()):
        arrivals.append(clock.now())
        if i == 14:
            break
    # block i is delivered once it has been "captured": at (i + 1) × 0.1 s
    assert arrivals == pytest.approx([(i + 1) * BLOCK_S for i in range(15)])


def test_realtime_stop_from_another_thread_wakes_the_wait(clip):
    """`stop()` from another thread ends a real-time wait at once: every block here is due an
    hour away, so `blocks()` returns only if the (real) wait is woken."""
    calls = 0
    waiting = threading.Event()

    def now() -> float:
        nonlocal calls
        calls += 1
        if calls == 1:
            return 0.0  # the replay's start
        waiting.set()
        return -3600.0  # every block is due an hour from now

    src = FileSource(clip("jfk"), realtime=True, now=now)
    got: list[np.ndarray] = []
    consumer = threading.Thread(target=lambda: got.extend(src.blocks()))
    consumer.start()
    assert waiting.wait(60)
    src.stop()
    consumer.join(60)
    assert not consumer.is_alive()
    assert got == []


@pytest.mark.parametrize("from_hz", [48000, 44100, 22050, 8000])
def test_stream_resampler_is_continuous_across_blocks(from_hz):
    tone_hz = 440.0
    x = np.sin(2 * np.pi * tone_hz * np.arange(from_hz * 2) / from_hz).astype(np.float32)
    r = StreamResampler(from_hz)
    step = int(from_hz * 0.1)
    y = np.concatenate([r.process(x[i:i + step]) for i in range(0, x.size, step)])
    assert abs(y.size - 2 * SAMPLE_RATE) <= 2
    steady = y[SAMPLE_RATE // 4:]  # after the filter's start-up transient
    assert np.abs(steady).max() == pytest.approx(1.0, abs=0.02)
    # no clicks at block edges: the largest step is the sine's own largest step
    assert np.abs(np.diff(steady)).max() <= 2 * np.pi * tone_hz / SAMPLE_RATE * 1.05
    spectrum = np.abs(np.fft.rfft(steady))
    peak_hz = np.argmax(spectrum) * SAMPLE_RATE / steady.size
    assert peak_hz == pytest.approx(tone_hz, abs=2.0)


def test_stream_resampler_removes_content_above_new_nyquist():
    from_hz = 48000
    x = np.sin(2 * np.pi * 12000 * np.arange(from_hz) / from_hz).astype(np.float32)  # > 8 kHz
    y = StreamResampler(from_hz).process(x)
    assert np.sqrt(np.mean(y[4000:] ** 2)) < 0.01


def test_reblocker_makes_exact_blocks():
    rb = audio._Reblocker(BLOCK_SIZE)
    out = rb.push(np.ones(1000, np.float32)) + rb.push(np.ones(2500, np.float32))
    assert [b.size for b in out] == [BLOCK_SIZE, BLOCK_SIZE]


def test_device_listing_and_default_device_errors():
    """This machine (and CI) has no sound card unless the virtual mic is running."""
    devices = list_input_devices()
    assert all(d.channels > 0 and d.default_rate_hz > 0 for d in devices)
    assert sum(d.is_default for d in devices) <= 1
    if devices:
        pytest.skip("input devices present; the no-device path is covered on headless CI")
    assert has_output_device() is False  # no sound card at all: nothing to play on either
    with pytest.raises(DeviceError, match="voice-coach devices"):
        MicrophoneSource()
    with pytest.raises(DeviceError, match="voice-coach devices"):
        resolve_input_device("USB")


def _run_cli(args, env_extra=None):
    env = {**os.environ, "PYTHONPATH": str(REPO), **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "voice_coach", *args], capture_output=True,
                          text=True, env=env, cwd=REPO, timeout=60)


def test_devices_command_lists_inputs_and_output():
    r = _run_cli(["devices"])
    assert r.returncode == 0, r.stderr
    assert "Output device:" in r.stdout
    assert ("Input devices" in r.stdout) or ("No input devices found" in r.stdout)


def test_missing_portaudio_gives_one_line_with_the_fix(tmp_path):
    """sounddevice raises OSError at import when libportaudio is absent; emulate that import
    failure with a stand-in module that raises the same error (the code under test is ours)."""
    (tmp_path / "sounddevice.py").write_text(
        "raise OSError('PortAudio library not found')\n")
    r = _run_cli(["devices"], {"PYTHONPATH": f"{tmp_path}{os.pathsep}{REPO}"})
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "apt-get install libportaudio2" in lines[0], r.stderr
    assert "Traceback" not in r.stderr


def test_write_then_load_roundtrip(tmp_path):
    x = (np.sin(np.linspace(0, 100, SAMPLE_RATE)) * 0.5).astype(np.float32)
    p = write_wav(tmp_path / "x.wav", x)
    np.testing.assert_allclose(load_audio(p), x, atol=1.5 / 32768)


def test_a_transcript_named_like_audio_is_called_text_not_sent_to_ffmpeg(tmp_path):
    """QA6 F30: a text file named .wav gets "this is a text file", not an ffmpeg command that
    would fail too; real binary garbage still gets the conversion hint."""
    fake = tmp_path / "fake.wav"
    fake.write_text("I owned the fix. The error rate dropped from 18% to 7% — naïve café.\n",
                    encoding="utf-8")
    with pytest.raises(AudioError) as e:
        audio.load_audio(fake)
    assert "is a text file, not audio" in str(e.value) and "ffmpeg" not in str(e.value)
    assert "voice-coach analyze fake.txt" in str(e.value)
    noise = tmp_path / "noise.wav"
    noise.write_bytes(np.random.default_rng(3).integers(0, 256, 4000, dtype=np.uint8).tobytes())
    with pytest.raises(AudioError, match="ffmpeg"):
        audio.load_audio(noise)
