"""The real device path (sounddevice → PortAudio → ALSA → PulseAudio) through a virtual mic.

Speech rendered by espeak-ng is played into a PulseAudio null sink in real time and recorded
from its monitor by `MicrophoneSource` + `record_answer`, the same code a user's microphone
runs. See tests/virtual_mic.py.
"""

from __future__ import annotations

import subprocess
import threading

import numpy as np
import pytest
import soundfile as sf

from virtual_mic import virtual_mic  # noqa: F401  (fixture)
from voice_coach.audio import (
    SAMPLE_RATE,
    MicrophoneSource,
    list_input_devices,
    load_audio,
    resolve_input_device,
)
from voice_coach.config import Config, VoiceOptions
from voice_coach.errors import DeviceError
from voice_coach.recorder import StopEvent, record_answer
from voice_coach.speaker import Speaker
from tests.tools import rms

pytestmark = [pytest.mark.virtual_mic, pytest.mark.slow]

ANSWER_TEXT = ("I would start with a simple baseline, then measure recall at ten "
               "on a held out month of data.")
TRAILING_SILENCE_S = 1.5  # answer ends after this much silence (answer.stop_on_silence_s)


@pytest.fixture(scope="module")
def answer_wav(tmp_path_factory):
    """A ~4 s espeak-ng clip at 22.05 kHz (the virtual mic resamples like a real one)."""
    p = tmp_path_factory.mktemp("vmic") / "answer.wav"
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "160", "-w", str(p), ANSWER_TEXT],
                   check=True, capture_output=True)
    return p


def test_device_lookup_by_name_and_index(virtual_mic):
    names = [d.name for d in list_input_devices()]
    assert "pulse" in names, names
    dev = resolve_input_device("pulse")
    assert dev.name == "pulse" and dev.channels >= 1
    assert resolve_input_device("PULSE") == dev  # case-insensitive
    assert resolve_input_device(dev.index) == dev
    assert resolve_input_device(str(dev.index)) == dev
    assert resolve_input_device(None).is_default


def test_bogus_device_names_give_device_error(virtual_mic):
    with pytest.raises(DeviceError, match=r"no input device matches 'no-such-mic'.*pulse"):
        MicrophoneSource("no-such-mic")
    with pytest.raises(DeviceError, match="no input device with index 999"):
        MicrophoneSource(999)


def test_record_spoken_answer_from_virtual_mic(virtual_mic, answer_wav, tmp_path):
    clip = load_audio(answer_wav)
    clip_s = clip.size / SAMPLE_RATE
    cfg = Config().with_value("answer.stop_on_silence_s", TRAILING_SILENCE_S)
    statuses = []

    def on_status(st):
        if not statuses:  # the stream is running: the candidate starts speaking
            virtual_mic.play(answer_wav)
        statuses.append(st)

    with MicrophoneSource("pulse") as src:
        assert src.device_rate_hz == SAMPLE_RATE and src.channels == 1
        rec = record_answer(src, tmp_path / "answer-01.wav", cfg=cfg, on_status=on_status)

    assert rec.ended_by == "silence"
    assert rec.speech_seen
    # the clip, plus start-up latency, plus the trailing silence that ended the answer
    assert clip_s + TRAILING_SILENCE_S - 0.5 <= rec.duration_s <= clip_s + TRAILING_SILENCE_S + 3.0
    audio, rate = sf.read(rec.path, dtype="float32")
    assert rate == SAMPLE_RATE
    assert audio.size / rate == pytest.approx(rec.duration_s, abs=1e-6)
    loud = audio[np.abs(audio) > 0.01]
    assert rms(audio) > 0.03, rms(audio)
    assert np.abs(audio).max() > 0.2
    assert loud.size / rate > 0.4 * clip_s  # speech fills most of the clip's length
    speaking_s = sum(st.speaking for st in statuses) * 0.1
    assert 0.5 * clip_s <= speaking_s <= clip_s + 0.5
    assert max(st.level_dbfs for st in statuses) > -30.0


def test_devices_command_lists_the_virtual_mic(virtual_mic, capsys):
    from voice_coach.cli import main

    assert main(["devices"]) == 0
    out = capsys.readouterr().out
    assert "pulse" in out and "default" in out and "Output device: yes" in out


def test_speaker_say_plays_through_output_and_waits(virtual_mic, tmp_path):
    """`say` speaks into the default output (the sink), blocking until it has been played.

    The microphone is opened at 48 kHz here, so this also covers the resampling path of a
    device that cannot record at 16 kHz.
    """
    speaker = Speaker(VoiceOptions())
    stop = StopEvent()
    result = {}
    with MicrophoneSource("pulse", device_rate_hz=48000) as src:
        assert src.device_rate_hz == 48000 and src.sample_rate == SAMPLE_RATE
        t = threading.Thread(
            target=lambda: result.update(rec=record_answer(
                src, tmp_path / "heard.wav", cfg=Config(), stop_event=stop)),
            name="test-recorder")
        t.start()
        try:
            spoken = speaker.say("Tell me about a time you disagreed with your manager.")
        finally:
            stop.set("enter")
            t.join(timeout=10)
    assert spoken is True
    rec = result["rec"]
    assert rec.ended_by == "enter"
    audio, rate = sf.read(rec.path, dtype="float32")
    assert rate == SAMPLE_RATE
    assert rms(audio) > 0.02, "the spoken question was not heard on the sink"
    assert rec.speech_seen


def test_second_recording_on_an_open_source_starts_now(virtual_mic, tmp_path):
    """Audio captured between two recordings (here: speech) is not part of the second one."""
    hello = tmp_path / "hello.wav"
    subprocess.run(["espeak-ng", "-w", str(hello), "Hello there, I am speaking between answers."],
                   check=True, capture_output=True)
    cfg = Config().with_value("answer.target_s", 1.0).with_value("answer.max_s", 1.0)
    with MicrophoneSource("pulse") as src:
        first = record_answer(src, tmp_path / "one.wav", cfg=cfg)
        assert virtual_mic.play(hello).wait(timeout=20) == 0  # spoken while not recording
        second = record_answer(src, tmp_path / "two.wav", cfg=cfg)
    assert first.duration_s == second.duration_s == pytest.approx(1.0)
    assert rms(sf.read(second.path, dtype="float32")[0]) < 0.005
    assert not second.speech_seen
