"""record_answer: streaming to a crash-safe WAV, live status, nudges, end-of-answer, repair."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from tools import FakeClock, sigint_default

from voice_coach.audio import BLOCK_SIZE, SAMPLE_RATE, FileSource, load_audio, write_wav
from voice_coach.config import Config
from voice_coach.errors import AudioError, StorageError
from voice_coach.recorder import (
    FLUSH_INTERVAL_S,
    RmsVad,
    StopEvent,
    level_dbfs,
    record_answer,
    repair_wav,
)

REPO = Path(__file__).resolve().parents[1]
PCM16_TOL = 1.5 / 32768  # one 16-bit quantisation step, with rounding


def short_answer_cfg(max_s: float) -> Config:
    return Config().with_value("answer.target_s", min(max_s, 1.0)).with_value("answer.max_s", max_s)


def test_file_source_through_recorder_writes_identical_wav(clip, tmp_path):
    src_audio = load_audio(clip("syn_rate120_20s"))
    statuses, seen = [], []
    wav = tmp_path / "answer-01.wav"
    with FileSource(clip("syn_rate120_20s")) as src:
        rec = record_answer(src, wav, cfg=Config(), on_status=statuses.append,
                            block_listener=seen.append)
    assert rec.path == wav and rec.ended_by == "end_of_input"
    assert rec.duration_s == pytest.approx(src_audio.size / SAMPLE_RATE, abs=1e-9)
    assert rec.speech_seen and rec.overflows == 0 and rec.nudges_s == []
    info = sf.info(wav)
    assert (info.samplerate, info.channels, info.subtype, info.format) == (
        SAMPLE_RATE, 1, "PCM_16", "WAV")
    written, _ = sf.read(wav, dtype="float32")
    assert written.size == src_audio.size
    np.testing.assert_allclose(written, src_audio, atol=PCM16_TOL)
    np.testing.assert_array_equal(np.concatenate(seen), src_audio)  # listener got every block
    assert stat.S_IMODE(os.stat(wav).st_mode) == 0o600
    # one status per 0.1 s block, elapsed time counts audio
    assert len(statuses) == -(-src_audio.size // BLOCK_SIZE)
    assert statuses[9].elapsed_s == pytest.approx(1.0)
    assert statuses[-1].elapsed_s == pytest.approx(rec.duration_s)
    assert -70 < min(s.level_dbfs for s in statuses) < -50  # the -60 dBFS noise floor
    assert max(s.level_dbfs for s in statuses) > -30


def test_existing_answer_file_is_never_overwritten(clip, tmp_path):
    wav = tmp_path / "answer-01.wav"
    wav.write_bytes(b"earlier answer")
    with FileSource(clip("jfk")) as src, pytest.raises(StorageError):
        record_answer(src, wav, cfg=Config())
    assert wav.read_bytes() == b"earlier answer"


def test_max_length_stops_the_answer(clip, tmp_path):
    with FileSource(clip("syn_rate120_20s")) as src:
        rec = record_answer(src, tmp_path / "a.wav", cfg=short_answer_cfg(5.05))
    assert rec.ended_by == "max_length"
    assert rec.duration_s == pytest.approx(5.05)
    assert sf.info(rec.path).frames == int(5.05 * SAMPLE_RATE)


def test_long_silence_nudges_once_and_does_not_end_the_answer(clip, manifest, tmp_path):
    # syn_long_silence_90s has one 6.0 s silence (39.43–45.43 s); other pauses are ≤ 1.2 s.
    start, end = max(manifest["syn_long_silence_90s"]["pauses"], key=lambda p: p[1] - p[0])
    cfg = Config()
    statuses = []
    with FileSource(clip("syn_long_silence_90s")) as src:
        rec = record_answer(src, tmp_path / "a.wav", cfg=cfg, on_status=statuses.append)
    assert rec.ended_by == "end_of_input"  # a long silence alone does not cut the answer off
    expected = start + cfg.silence.long_silence_s
    assert len(rec.nudges_s) == 1
    assert expected - 0.2 <= rec.nudges_s[0] <= expected + 0.6
    nudging = [s.elapsed_s for s in statuses if s.nudge]
    assert nudging[0] == pytest.approx(rec.nudges_s[0])
    assert nudging[-1] <= end + 0.3  # the nudge clears when speech resumes
    assert max(s.silence_s for s in statuses) == pytest.approx(end - start, abs=0.5)


def test_stop_on_silence_when_configured(clip, manifest, tmp_path):
    start, _ = max(manifest["syn_long_silence_90s"]["pauses"], key=lambda p: p[1] - p[0])
    cfg = Config().with_value("answer.stop_on_silence_s", 4.0)
    with FileSource(clip("syn_long_silence_90s")) as src:
        rec = record_answer(src, tmp_path / "a.wav", cfg=cfg)
    assert rec.ended_by == "silence"
    assert start + 4.0 - 0.2 <= rec.duration_s <= start + 4.0 + 0.6


def test_lead_in_silence_does_not_nudge_or_stop(tmp_path):
    """Silence before the first word is thinking time, not a stall: no nudge, no stop."""
    rng = np.random.default_rng(0)
    audio = (rng.standard_normal(SAMPLE_RATE * 8) * 1e-3).astype(np.float32)  # 8 s of room noise
    path = write_wav(tmp_path / "quiet.wav", audio)
    cfg = Config().with_value("answer.stop_on_silence_s", 2.0)
    with FileSource(path) as src:
        rec = record_answer(src, tmp_path / "a.wav", cfg=cfg)
    assert rec.ended_by == "end_of_input" and rec.nudges_s == [] and not rec.speech_seen


def test_stop_event_ends_answer_with_callers_reason(clip, tmp_path):
    stop = StopEvent()

    def on_status(st):
        if st.elapsed_s >= 3.0:
            stop.set("end_phrase")

    with FileSource(clip("syn_rate120_20s")) as src:
        rec = record_answer(src, tmp_path / "a.wav", cfg=Config(), stop_event=stop,
                            on_status=on_status)
    assert rec.ended_by == "end_phrase"
    assert rec.duration_s == pytest.approx(3.0)


def test_plain_event_stops_with_reason_stop(clip, tmp_path):
    import threading

    stop = threading.Event()
    stop.set()
    with FileSource(clip("jfk")) as src:
        rec = record_answer(src, tmp_path / "a.wav", cfg=Config(), stop_event=stop)
    assert rec.ended_by == "stop" and rec.duration_s == 0.0
    assert sf.info(rec.path).frames == 0


def test_keyboard_interrupt_closes_wav_and_reraises(clip, tmp_path):
    def on_status(st):
        if st.elapsed_s >= 2.0:
            raise KeyboardInterrupt

    wav = tmp_path / "a.wav"
    with FileSource(clip("syn_rate120_20s")) as src, pytest.raises(KeyboardInterrupt) as ei:
        record_answer(src, wav, cfg=Config(), on_status=on_status)
    rec = ei.value.recording
    assert rec.ended_by == "interrupted" and rec.duration_s == pytest.approx(2.0)
    assert sf.info(wav).frames == 2 * SAMPLE_RATE  # header complete without repair


def test_realtime_replay_waits_for_every_block(clip, tmp_path):
    """Recording a real-time replay waits for each 0.1 s block as a microphone would: 3 s of
    audio take 3 s on the (injected) clock, in 30 waits."""
    audio = load_audio(clip("jfk"))[: 3 * SAMPLE_RATE]
    path = write_wav(tmp_path / "three.wav", audio)
    clock = FakeClock()
    with FileSource(path, realtime=True, now=clock.now, wait=clock.wait) as src:
        rec = record_answer(src, tmp_path / "a.wav", cfg=Config())
    assert rec.duration_s == pytest.approx(3.0)
    assert clock.now() == pytest.approx(3.0)
    assert len(clock.waits) == 3 * SAMPLE_RATE // BLOCK_SIZE


def test_rms_fallback_vad_finds_speech_and_silence(clip, manifest):
    gt = manifest["syn_rate120_20s"]
    audio = load_audio(clip("syn_rate120_20s"))
    vad = RmsVad(SAMPLE_RATE)
    states = [vad.process(audio[i:i + BLOCK_SIZE]) for i in range(0, audio.size, BLOCK_SIZE)]
    speech_t = [s.t_s for s in states if s.is_speech]
    assert speech_t[0] == pytest.approx(gt["speech_start_s"] + 0.1, abs=0.15)
    assert speech_t[-1] == pytest.approx(gt["speech_end_s"], abs=0.15)
    assert not states[5].speech_seen and states[-1].speech_seen


def test_level_dbfs():
    assert level_dbfs(np.full(100, 0.5, np.float32)) == pytest.approx(-6.02, abs=0.01)
    assert level_dbfs(np.zeros(100, np.float32)) == -100.0


# ---------------------------------------------------------------------------------------------
# repair_wav
# ---------------------------------------------------------------------------------------------


def _stale_header_copy(path: Path, out: Path, riff_size: int, data_size: int) -> Path:
    data = bytearray(path.read_bytes())
    data[4:8] = riff_size.to_bytes(4, "little")
    data[40:44] = data_size.to_bytes(4, "little")  # libsndfile's 44-byte PCM header
    out.write_bytes(bytes(data))
    return out


def test_repair_wav_recomputes_stale_sizes(tmp_path):
    audio = np.sin(np.linspace(0, 300, 16000 * 2)).astype(np.float32) * 0.5
    good = write_wav(tmp_path / "good.wav", audio)
    assert good.read_bytes()[36:40] == b"data"
    for riff, data in [(36, 0), (0xFFFFFFFF, 0xFFFFFFFF), (36 + 100, 100)]:
        bad = _stale_header_copy(good, tmp_path / f"bad{data}.wav", riff, data)
        assert repair_wav(bad) == pytest.approx(2.0)
        assert bad.read_bytes() == good.read_bytes()


def test_repair_wav_leaves_good_file_alone_and_drops_partial_frame(tmp_path):
    good = write_wav(tmp_path / "good.wav", np.zeros(16000, np.float32))
    before = good.read_bytes()
    assert repair_wav(good) == pytest.approx(1.0)
    assert good.read_bytes() == before
    # a write cut mid-sample, with a header from the last sync
    torn = _stale_header_copy(good, tmp_path / "torn.wav", 36 + 800, 800)
    with open(torn, "ab") as f:
        f.write(b"\x01")
    assert repair_wav(torn) == pytest.approx(1.0)
    assert sf.info(torn).frames == 16000


def test_repair_wav_rejects_non_wav(tmp_path):
    p = tmp_path / "x.wav"
    p.write_bytes(b"not a wav file at all, just text")
    with pytest.raises(AudioError, match="not a RIFF/WAVE"):
        repair_wav(p)
    (tmp_path / "short.wav").write_bytes(b"RIFF")
    with pytest.raises(AudioError, match="too short"):
        repair_wav(tmp_path / "short.wav")


# ---------------------------------------------------------------------------------------------
# Crash safety: a real recording process killed mid-answer
# ---------------------------------------------------------------------------------------------

CHILD = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    from voice_coach.audio import FileSource
    from voice_coach.config import Config
    from voice_coach.recorder import record_answer

    def on_status(st):
        print(f"{st.elapsed_s:.3f}", flush=True)

    try:
        with FileSource(sys.argv[1], realtime=True) as src:
            record_answer(src, Path(sys.argv[2]), cfg=Config(), on_status=on_status)
    except KeyboardInterrupt as e:
        r = e.recording
        print(json.dumps({"ended_by": r.ended_by, "duration_s": r.duration_s}), flush=True)
        sys.exit(130)
""")


def _record_in_child(tmp_path: Path, source: Path, kill_after_s: float, sig: int):
    """Record `source` in real time in a child process; send `sig` once it has recorded
    `kill_after_s`. Returns (last elapsed the child reported, remaining stdout lines, rc)."""
    wav = tmp_path / "answer-01.wav"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(source), str(wav)], cwd=REPO,
                            env=env, stdout=subprocess.PIPE, text=True,
                            preexec_fn=sigint_default)
    last = 0.0
    try:
        for line in proc.stdout:
            last = float(line)
            if last >= kill_after_s:
                proc.send_signal(sig)
                break
        rest = proc.stdout.read().splitlines()
        rc = proc.wait(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return wav, last, rest, rc


@pytest.mark.slow
def test_sigkill_mid_answer_loses_at_most_one_second(clip, tmp_path):
    source = clip("syn_rate120_20s")
    wav, last_elapsed, _, rc = _record_in_child(tmp_path, source, 3.3, signal.SIGKILL)
    assert rc == -signal.SIGKILL
    # readable as is: the header was synced at most FLUSH_INTERVAL_S before the kill
    assert sf.info(wav).frames / SAMPLE_RATE >= last_elapsed - FLUSH_INTERVAL_S - 0.2
    recovered_s = repair_wav(wav)
    assert last_elapsed - 1.0 <= recovered_s <= last_elapsed + 0.2, (last_elapsed, recovered_s)
    audio, rate = sf.read(wav, dtype="float32")
    assert audio.size / rate == pytest.approx(recovered_s)
    np.testing.assert_allclose(audio, load_audio(source)[: audio.size], atol=PCM16_TOL)
    assert repair_wav(wav) == recovered_s  # idempotent


@pytest.mark.slow
def test_sigint_mid_answer_leaves_a_valid_wav(clip, tmp_path):
    wav, last_elapsed, rest, rc = _record_in_child(tmp_path, clip("syn_rate120_20s"), 2.0,
                                                   signal.SIGINT)
    assert rc == 130
    result = json.loads(rest[-1])
    assert result["ended_by"] == "interrupted"
    assert last_elapsed <= result["duration_s"] <= last_elapsed + 0.3
    info = sf.info(wav)  # readable as is: the header was finalised on the way out
    assert info.frames / info.samplerate == pytest.approx(result["duration_s"])
    before = wav.read_bytes()
    assert repair_wav(wav) == pytest.approx(result["duration_s"])
    assert wav.read_bytes() == before
