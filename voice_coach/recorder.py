"""Capture one spoken answer from an `AudioSource` into a crash-safe WAV file.

Owns: streaming the blocks to disk while recording, the live status (elapsed time, level,
current silence, "keep thinking aloud" nudge), and end-of-answer detection. Never analyses
or transcribes; never prints (the CLI draws `RecorderStatus`).

Concurrency (python-sounddevice `rec_gui.py` pattern):
  * the calling thread runs the consumer loop: it reads source blocks, queues them for the
    writer, hands them to `block_listener` (must not block) and to a streaming VAD, and calls
    `on_status` once per block (10×/s);
  * a named writer thread owns the open WAV: it appends 16-bit PCM as blocks arrive and every
    `FLUSH_INTERVAL_S` rewrites the header sizes and fsyncs, so after a `kill -9` the file is
    readable as is up to ≤ 0.5 s before the end, and `repair_wav` (recompute the sizes from the
    file length) recovers everything that reached the file. Stopping is flag → sentinel → join with a timeout, in `finally`.
Only the writer's queue get and the final join block (both with timeouts).
"""

from __future__ import annotations

import logging
import math
import os
import queue
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from voice_coach.analysis.vad import StreamingVad
from voice_coach.audio import BLOCK_S, PCM16_SCALE, AudioSource, as_pcm16
from voice_coach.config import Config, VadOptions
from voice_coach.errors import AudioError, ModelNotFoundError, StorageError
from voice_coach.safefs import open_private_new

log = logging.getLogger(__name__)

FLUSH_INTERVAL_S = 0.5  # header rewrite + fsync at least this often (crash loss ≤ 1 s)
WRITER_JOIN_TIMEOUT_S = 10.0  # how long closing the WAV may take before we give up on it
SILENT_DBFS = -100.0  # level reported for digital silence

# Why a recording ended (`Recording.ended_by`). A caller that stops the recording through
# `StopEvent.set(reason)` may pass its own reason (e.g. "enter", "end_phrase").
ENDED_STOP = "stop"
ENDED_END_OF_INPUT = "end_of_input"
ENDED_MAX_LENGTH = "max_length"
ENDED_SILENCE = "silence"
ENDED_INTERRUPTED = "interrupted"


class StopEvent(threading.Event):
    """A `threading.Event` that also carries why it was set (`Recording.ended_by`)."""

    def __init__(self) -> None:
        super().__init__()
        self.reason = ENDED_STOP

    def set(self, reason: str = ENDED_STOP) -> None:  # type: ignore[override]
        self.reason = reason
        super().set()

    def clear(self) -> None:
        super().clear()
        self.reason = ENDED_STOP


@dataclass(frozen=True)
class RecorderStatus:
    """Live state of the recording, delivered ~10×/s to `on_status`."""

    elapsed_s: float  # audio recorded so far
    level_dbfs: float  # RMS level of the latest block (SILENT_DBFS for digital silence)
    silence_s: float  # length of the current silence (0 while speaking)
    speaking: bool  # the latest block is speech
    nudge: bool  # the current silence after speech has passed silence.long_silence_s


@dataclass(frozen=True)
class Recording:
    """A finished (or interrupted) answer on disk."""

    path: Path
    duration_s: float
    ended_by: str  # stop | end_of_input | max_length | silence | interrupted | caller's reason
    overflows: int
    nudges_s: list[float] = field(default_factory=list)  # times the nudge fired
    speech_seen: bool = False


@dataclass(frozen=True)
class VadState:
    """What a streaming VAD reports after each block (same fields as analysis.vad.VadState)."""

    is_speech: bool
    silence_s: float
    speech_seen: bool
    t_s: float


def level_dbfs(block: np.ndarray) -> float:
    """RMS level of `block` in dB relative to full scale."""
    if block.size == 0:
        return SILENT_DBFS
    rms = float(np.sqrt(np.mean(np.square(block, dtype=np.float64))))
    return max(SILENT_DBFS, 20.0 * math.log10(rms)) if rms > 0 else SILENT_DBFS


class RmsVad:
    """Fallback streaming speech detector: a block is speech when it is `MARGIN_DB` above the
    tracked noise floor (and above `MIN_SPEECH_DBFS`). Used only if `analysis.vad` is missing."""

    MARGIN_DB = 12.0  # speech must be this much louder than the noise floor
    MIN_SPEECH_DBFS = -50.0  # never call quieter blocks speech
    FLOOR_RISE_DB_PER_S = 1.0  # the floor follows a louder room this slowly

    def __init__(self, sample_rate: int):
        self.sample_rate = sample_rate
        self._floor_db: float | None = None
        self._t_s = 0.0
        self._last_speech_end_s = 0.0
        self._speech_seen = False

    def process(self, block: np.ndarray) -> VadState:
        dt = block.size / self.sample_rate
        db = level_dbfs(block)
        if self._floor_db is None:
            self._floor_db = db
        self._floor_db = min(db, self._floor_db + self.FLOOR_RISE_DB_PER_S * dt)
        self._t_s += dt
        speech = db >= max(self._floor_db + self.MARGIN_DB, self.MIN_SPEECH_DBFS)
        if speech:
            self._speech_seen = True
            self._last_speech_end_s = self._t_s
        silence = 0.0 if speech else self._t_s - self._last_speech_end_s
        return VadState(speech, silence, self._speech_seen, self._t_s)


def default_vad(opts: VadOptions, sample_rate: int):
    """The project's streaming VAD (`analysis.vad.StreamingVad`), else (no VAD model) `RmsVad`."""
    try:
        return StreamingVad(opts)
    except ModelNotFoundError as e:  # the live meter must not stop a recording
        log.warning("%s; using a simple level-based silence meter instead", e)
        return RmsVad(sample_rate)


_WAV_HEADER = struct.Struct("<4sI4s4sIHHIIHH4sI")  # canonical 44-byte PCM header
_RIFF_SIZE_OFFSET = 4
_DATA_SIZE_OFFSET = 40


def _pcm16_header(sample_rate: int, data_bytes: int) -> bytes:
    bytes_per_frame = 2  # mono, 16-bit
    return _WAV_HEADER.pack(b"RIFF", 36 + data_bytes, b"WAVE", b"fmt ", 16, 1, 1, sample_rate,
                            sample_rate * bytes_per_frame, bytes_per_frame, 16, b"data",
                            data_bytes)


class _WavWriter:
    """Writer thread: owns the open WAV and writes blocks from a queue until a None sentinel.

    The file is a canonical 44-byte-header mono PCM-16 WAV. Samples are appended with
    `os.write` as they arrive (so a killed process loses only what is still queued); every
    `FLUSH_INTERVAL_S` the RIFF and data sizes in the header are rewritten and the file is
    fsync'ed, so even after a power loss the header is at most that stale (`repair_wav`
    fixes it).
    """

    def __init__(self, path: Path, sample_rate: int):
        self.path = path
        self.sample_rate = sample_rate
        self._fd = open_private_new(path)  # mode x: never overwrite an earlier answer
        try:
            os.write(self._fd, _pcm16_header(sample_rate, 0))
            os.fsync(self._fd)
            dir_fd = os.open(path.parent, os.O_RDONLY)  # make the new name itself durable
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
        except OSError as e:
            os.close(self._fd)
            raise StorageError(f"cannot write {path}: {e.strerror}") from e
        self.frames = 0
        self.error: BaseException | None = None
        self.queue: queue.Queue[np.ndarray | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name=f"wav-writer:{path.name}")
        self._thread.start()

    def _sync(self) -> None:
        data_bytes = self.frames * 2
        os.pwrite(self._fd, struct.pack("<I", 36 + data_bytes), _RIFF_SIZE_OFFSET)
        os.pwrite(self._fd, struct.pack("<I", data_bytes), _DATA_SIZE_OFFSET)
        os.fsync(self._fd)

    def _write(self, block: np.ndarray) -> None:
        pcm = np.clip(np.rint(block * PCM16_SCALE), -PCM16_SCALE, PCM16_SCALE - 1)
        data = pcm.astype("<i2").tobytes()
        while data:  # os.write may write less than asked
            data = data[os.write(self._fd, data):]
        self.frames += block.size

    def _run(self) -> None:
        last_sync = time.monotonic()
        dirty = False
        try:
            while True:
                try:
                    block = self.queue.get(timeout=FLUSH_INTERVAL_S)
                except queue.Empty:
                    pass  # nothing new: still sync what was written
                else:
                    if block is None:
                        break
                    self._write(block)
                    dirty = True
                if dirty and time.monotonic() - last_sync >= FLUSH_INTERVAL_S:
                    self._sync()
                    last_sync, dirty = time.monotonic(), False
            self._sync()
        except OSError as e:  # disk full, I/O error
            self.error = e
            log.error("writing %s failed: %s", self.path, e)
            self._drain()
        finally:
            os.close(self._fd)

    def _drain(self) -> None:
        """After a write error keep taking blocks (so the consumer never blocks) until None."""
        while self.queue.get() is not None:
            pass

    def close(self) -> None:
        """Sentinel → join (with a timeout)."""
        self.queue.put(None)
        self._thread.join(timeout=WRITER_JOIN_TIMEOUT_S)
        if self._thread.is_alive():
            log.error("the WAV writer for %s did not finish within %.0f s", self.path,
                      WRITER_JOIN_TIMEOUT_S)

    def check(self) -> None:
        if self.error is not None:
            raise StorageError(f"cannot write {self.path}: {self.error}") from self.error


def record_answer(
    source: AudioSource,
    wav_path: Path,
    *,
    cfg: Config,
    stop_event: threading.Event | None = None,
    on_status: Callable[[RecorderStatus], None] | None = None,
    block_listener: Callable[[np.ndarray], None] | None = None,
    vad=None,
) -> Recording:
    """Record one answer from `source` into a new 16-bit WAV at `wav_path`, streaming to disk.

    The answer ends when `stop_event` is set (reason from `StopEvent.reason`, else "stop"),
    the source is exhausted ("end_of_input"), `cfg.answer.max_s` of audio is reached
    ("max_length"), or — only if `cfg.answer.stop_on_silence_s` > 0 — that much silence follows
    speech ("silence"). A nudge fires (once per silence) when silence after speech reaches
    `cfg.silence.long_silence_s`; its times (s from the start) are in `Recording.nudges_s`.

    Args:
        source: an entered `AudioSource` (MicrophoneSource or FileSource).
        wav_path: new file (never overwritten), created 0600.
        cfg: thresholds.
        stop_event: set by another thread (Enter key, end phrase) to end the answer.
        on_status: called on this thread once per block with the live `RecorderStatus`.
        block_listener: receives every block (e.g. streaming transcription); must not block.
        vad: streaming VAD with `process(block) -> VadState`; default `default_vad`.

    Returns:
        The `Recording`.

    Raises:
        StorageError: the file exists or cannot be written.
        KeyboardInterrupt: re-raised after the WAV is closed properly; the exception carries
            the partial `Recording` (ended_by "interrupted") as its `recording` attribute.
    """
    wav_path = Path(wav_path)
    sr = int(source.sample_rate)
    if vad is None:
        vad = default_vad(cfg.vad, sr)
    long_silence_s = cfg.silence.long_silence_s
    stop_on_silence_s = cfg.answer.stop_on_silence_s
    max_samples = int(round(cfg.answer.max_s * sr))

    writer = _WavWriter(wav_path, sr)
    n_samples = 0
    nudges_s: list[float] = []
    nudged_this_silence = False
    speech_seen = False
    ended_by = ENDED_END_OF_INPUT
    blocks = iter(source.blocks())
    interrupted: KeyboardInterrupt | None = None
    try:
        for block in blocks:
            if stop_event is not None and stop_event.is_set():
                ended_by = getattr(stop_event, "reason", ENDED_STOP)
                break
            # What is saved is what is streamed and analysed: the WAV's 16-bit samples.
            block = as_pcm16(block[: max_samples - n_samples])
            writer.check()
            writer.queue.put(block)
            n_samples += block.size
            if block_listener is not None:
                block_listener(block)
            state = vad.process(block)
            elapsed_s = n_samples / sr
            speech_seen = speech_seen or state.speech_seen
            if state.is_speech:
                nudged_this_silence = False
            nudge = state.speech_seen and not state.is_speech and state.silence_s >= long_silence_s
            if nudge and not nudged_this_silence:
                nudged_this_silence = True
                nudges_s.append(round(elapsed_s, 3))
                log.debug("nudge at %.1f s (silence %.1f s)", elapsed_s, state.silence_s)
            if on_status is not None:
                on_status(RecorderStatus(elapsed_s, level_dbfs(block), state.silence_s,
                                         state.is_speech, nudge))
            if stop_event is not None and stop_event.is_set():
                ended_by = getattr(stop_event, "reason", ENDED_STOP)
                break
            if n_samples >= max_samples:
                ended_by = ENDED_MAX_LENGTH
                break
            if (stop_on_silence_s > 0 and state.speech_seen and not state.is_speech
                    and state.silence_s >= stop_on_silence_s):
                ended_by = ENDED_SILENCE
                break
    except KeyboardInterrupt as e:
        interrupted = e
        ended_by = ENDED_INTERRUPTED
    finally:
        close = getattr(blocks, "close", None)  # a generator: run its cleanup now
        if close is not None:
            close()
        writer.close()
    recording = Recording(wav_path, writer.frames / sr, ended_by, int(source.overflows),
                          nudges_s, speech_seen)
    if interrupted is not None:
        interrupted.recording = recording  # type: ignore[attr-defined]
        raise interrupted
    writer.check()
    log.info("recorded %.1f s to %s (ended by %s)", recording.duration_s, wav_path, ended_by)
    return recording


_RIFF_HEADER = struct.Struct("<4sI4s")
_CHUNK_HEADER = struct.Struct("<4sI")


def _looks_like_chunk(data: bytes) -> bool:
    return len(data) >= 8 and all(32 <= b < 127 for b in data[:4])


def repair_wav(path: str | Path) -> float:
    """Make a WAV whose writer was killed readable again and return its duration, seconds.

    Recomputes the RIFF and `data` chunk sizes from the file length when the header is stale
    (a trailing partial frame is ignored). A file with correct sizes is left untouched.

    Raises:
        AudioError: not a RIFF/WAVE file, or no `fmt `/`data` chunk (nothing recoverable).
    """
    p = Path(path)
    try:
        fd = os.open(p, os.O_RDWR)
    except OSError as e:
        raise AudioError(f"cannot open {p} to repair it: {e.strerror}") from e
    try:
        size = os.fstat(fd).st_size
        head = os.pread(fd, _RIFF_HEADER.size, 0)
        if len(head) < _RIFF_HEADER.size:
            raise AudioError(f"{p} is too short to be a WAV file ({size} bytes) — nothing to recover")
        riff, _, wave = _RIFF_HEADER.unpack(head)
        if riff != b"RIFF" or wave != b"WAVE":
            raise AudioError(f"{p} is not a RIFF/WAVE file — cannot repair it")
        pos = _RIFF_HEADER.size
        block_align = byte_rate = 0
        while pos + _CHUNK_HEADER.size <= size:
            cid, csize = _CHUNK_HEADER.unpack(os.pread(fd, _CHUNK_HEADER.size, pos))
            body = pos + _CHUNK_HEADER.size
            if cid == b"fmt ":
                fmt = os.pread(fd, 16, body)
                if len(fmt) < 16:
                    break
                _, _, _, byte_rate, block_align, _ = struct.unpack("<HHIIHH", fmt)
            elif cid == b"data":
                if not block_align or not byte_rate:
                    raise AudioError(f"{p} has no valid 'fmt ' chunk before its data — cannot repair it")
                declared_end = body + csize
                fits = declared_end <= size
                after = os.pread(fd, 8, declared_end + (csize & 1)) if fits else b""
                if fits and (declared_end + (csize & 1) >= size or _looks_like_chunk(after)):
                    data_bytes = csize  # header is consistent
                else:
                    data_bytes = (size - body) // block_align * block_align
                    os.pwrite(fd, struct.pack("<I", data_bytes), pos + 4)
                    os.pwrite(fd, struct.pack("<I", body + data_bytes - 8), 4)
                    os.fsync(fd)
                    log.info("repaired %s: data chunk %d → %d bytes", p, csize, data_bytes)
                return data_bytes / byte_rate
            pos = body + csize + (csize & 1)
        raise AudioError(f"{p} has no audio data chunk — nothing to recover")
    finally:
        os.close(fd)


__all__ = [
    "BLOCK_S", "FLUSH_INTERVAL_S", "Recording", "RecorderStatus", "RmsVad", "StopEvent",
    "VadState", "default_vad", "level_dbfs", "record_answer", "repair_wav",
]
