"""Speaker: real pyttsx3/espeak-ng rendering, the never-hang timeout, the text fallback."""

from __future__ import annotations

import os
import shlex
import stat
import sys
import time

import numpy as np
import pytest
import soundfile as sf

from voice_coach.audio import SAMPLE_RATE, has_output_device, load_audio
from voice_coach.config import VoiceOptions
from voice_coach.errors import VoiceCoachError
from voice_coach.speaker import CHILD_COMMAND_ENV, Speaker, TtsError
from tests.tools import rms

QUESTION = ("Tell me about a time you had to make a decision with incomplete data. "
            "What did you do, and what was the result for the customer?")


def expected_s(text: str, rate_wpm: int) -> float:
    return len(text.split()) / rate_wpm * 60.0


def test_render_to_file_writes_real_speech(tmp_path):
    speaker = Speaker(VoiceOptions())
    assert speaker.available()
    out = speaker.render_to_file(QUESTION, tmp_path / "q.wav")
    info = sf.info(out)
    assert (info.samplerate, info.channels, info.subtype) == (SAMPLE_RATE, 1, "PCM_16")
    audio = load_audio(out)
    dur_s = audio.size / SAMPLE_RATE
    # espeak-ng speaks a little faster than the nominal rate (measured ≈ 0.75–0.8×)
    assert 0.5 * expected_s(QUESTION, 165) <= dur_s <= 1.3 * expected_s(QUESTION, 165)
    assert rms(audio) > 0.03
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600


SHORT = "Tell me about a time you had to make a decision with incomplete data."


def test_rate_is_applied(tmp_path):
    slow = Speaker(VoiceOptions(rate_wpm=100)).render_to_file(SHORT, tmp_path / "slow.wav")
    fast = Speaker(VoiceOptions(rate_wpm=220)).render_to_file(SHORT, tmp_path / "fast.wav")
    slow_s, fast_s = sf.info(slow).duration, sf.info(fast).duration
    assert slow_s / fast_s == pytest.approx(220 / 100, rel=0.3)


def test_voice_by_id_tail_or_name_and_unknown_voice_falls_back(tmp_path):
    us = Speaker(VoiceOptions(voice="en-us")).render_to_file(SHORT, tmp_path / "us.wav")
    scot = Speaker(VoiceOptions(voice="Scotland")).render_to_file(SHORT, tmp_path / "sc.wav")
    unknown = Speaker(VoiceOptions(voice="no-such-voice")).render_to_file(SHORT, tmp_path / "x.wav")
    a, b = load_audio(us), load_audio(scot)
    assert a.size != b.size or not np.array_equal(a, b)  # two different voices
    assert rms(load_audio(unknown)) > 0.03


def test_timeout_from_words_and_rate():
    sp = Speaker(VoiceOptions(rate_wpm=120, timeout_margin_s=5.0))
    assert sp.timeout_s("one two three four five six") == pytest.approx(6 / 120 * 60 + 5.0)


@pytest.fixture
def stuck_engine(tmp_path, monkeypatch):
    """Replace the TTS child by one that hangs (test hook for the timeout path only)."""
    pidfile = tmp_path / "child.pid"
    code = ("import os, sys, time; open(os.environ['STUCK_PIDFILE'], 'w')"
            ".write(str(os.getpid())); time.sleep(120)")
    monkeypatch.setenv("STUCK_PIDFILE", str(pidfile))
    monkeypatch.setenv(CHILD_COMMAND_ENV, f"{shlex.quote(sys.executable)} -c {shlex.quote(code)}")
    return pidfile


def _assert_killed(pidfile):
    pid = int(pidfile.read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_stuck_engine_times_out_on_render(stuck_engine, tmp_path):
    sp = Speaker(VoiceOptions(rate_wpm=300, timeout_margin_s=1.0))
    t0 = time.monotonic()
    with pytest.raises(TtsError, match="did not finish") as ei:
        sp.render_to_file("Why Amazon?", tmp_path / "q.wav")
    assert time.monotonic() - t0 < sp.timeout_s("Why Amazon?") + 2.0
    assert isinstance(ei.value, VoiceCoachError) and "\n" not in str(ei.value)
    assert not (tmp_path / "q.wav").exists()
    _assert_killed(stuck_engine)


def test_stuck_engine_times_out_on_say(stuck_engine):
    sp = Speaker(VoiceOptions(rate_wpm=300, timeout_margin_s=1.0))
    t0 = time.monotonic()
    assert sp.say("Why Amazon?") is False
    assert time.monotonic() - t0 < sp.timeout_s("Why Amazon?") + 2.0
    _assert_killed(stuck_engine)


def test_say_disabled_returns_false_without_work():
    sp = Speaker(VoiceOptions(enabled=False))
    t0 = time.monotonic()
    assert sp.say(QUESTION) is False
    assert time.monotonic() - t0 < 0.05


def test_say_without_output_device_falls_back(monkeypatch):
    """Headless machine: no output device → False quickly, remembered for the next question."""
    if has_output_device():
        pytest.skip("an audio output device exists here; covered by the virtual-mic test")
    sp = Speaker(VoiceOptions())
    assert sp.say("Why Amazon?") is False
    t0 = time.monotonic()
    assert sp.say("And why this team?") is False
    assert time.monotonic() - t0 < 0.05


def test_render_empty_text_is_an_error(tmp_path):
    with pytest.raises(TtsError, match="empty"):
        Speaker(VoiceOptions()).render_to_file("  ", tmp_path / "q.wav")
