"""Audio files and audio sources.

Owns reading/writing/resampling audio files (internal format: mono float32 at 16 kHz, the
rate Whisper expects) and the `AudioSource` protocol with `MicrophoneSource` (sounddevice)
and `FileSource` (a file replayed as if it were a live microphone). Never transcribes.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO, NamedTuple, Protocol, runtime_checkable

import numpy as np

from voice_coach.clock import SAMPLE_RATE, format_clock
from voice_coach.config import MAX_RECORDING_S
from voice_coach.errors import AudioError, DeviceError
from voice_coach.safefs import atomic_write_bytes

log = logging.getLogger(__name__)

BLOCK_S = 0.1  # seconds of audio per block delivered by a source
BLOCK_SIZE = int(SAMPLE_RATE * BLOCK_S)  # 1600 samples
# Longest file `load_audio` accepts, seconds (20 min: bounded memory, see docs/reliability.md).
MAX_AUDIO_S = MAX_RECORDING_S
READ_BLOCK_FRAMES = 1 << 16  # frames decoded per block when reading a file (~4 s at 16 kHz)
PCM16_SCALE = 32768  # float [-1, 1) ↔ int16, the scale soundfile reads back with


def as_pcm16(audio: np.ndarray) -> np.ndarray:
    """`audio` (float, nominally [-1, 1)) on the 16-bit grid a WAV stores, as float32.

    Every sample voice-coach analyses goes through this once (`load_audio`, the recorder), so
    the samples analysed are exactly the samples saved: a file, its saved recording and the
    blocks streamed from it are bit-identical. Without it `practice --input FILE` (the file
    written to a 16-bit WAV and read back: resampling overshoot clipped, every sample rounded)
    and `analyze FILE` fed Whisper slightly different audio, and tiny.en's greedy decode turns
    a difference of one least-significant bit into different words (QA5 F43).
    """
    pcm = np.clip(np.rint(audio * PCM16_SCALE), -PCM16_SCALE, PCM16_SCALE - 1)
    return (pcm / PCM16_SCALE).astype(np.float32)
MIN_FILE_RATE_HZ = 1000  # sample rates a file may have
MAX_FILE_RATE_HZ = 384000


def resample(audio: np.ndarray, from_hz: int, to_hz: int = SAMPLE_RATE) -> np.ndarray:
    """Band-limited polyphase resampling of a mono float32 signal (scipy if present, else linear)."""
    if from_hz == to_hz or audio.size == 0:
        return audio.astype(np.float32, copy=False)
    from math import gcd

    try:
        from scipy.signal import resample_poly
    except ImportError:  # pragma: no cover - scipy ships with the dependencies
        n_out = int(round(audio.size * to_hz / from_hz))
        x_old = np.arange(audio.size) / from_hz
        x_new = np.arange(n_out) / to_hz
        return np.interp(x_new, x_old, audio).astype(np.float32)
    g = gcd(from_hz, to_hz)
    return resample_poly(audio, to_hz // g, from_hz // g).astype(np.float32)


def to_mono(data: np.ndarray) -> np.ndarray:
    """Average channels of a (frames, channels) array into one float32 channel."""
    if data.ndim == 2:
        data = data.mean(axis=1)
    return data.astype(np.float32, copy=False)


# Files libsndfile decodes quietly and exactly; everything else (MP3, M4A/AAC, WebM, MP4…) goes
# through PyAV (FFmpeg), whose log output is switched off so no decoder chatter reaches the
# terminal (libsndfile's MP3 decoder prints resync notes on stderr, so MP3 goes to PyAV too).
SOUNDFILE_SUFFIXES = frozenset({".wav", ".flac", ".ogg", ".oga", ".opus", ".aif", ".aiff"})


def conversion_hint(p: Path) -> str:
    """The command that turns `p` into a WAV voice-coach reads."""
    out = f"{p.stem}-16k.wav" if p.suffix.lower() == ".wav" else f"{p.stem}.wav"
    return f"convert it first: ffmpeg -i {p.name} -ar 16000 -ac 1 {out}"


TEXT_SNIFF_BYTES = 4096  # how much of an unreadable file is looked at to tell text from audio


def looks_like_text(p: Path) -> bool:
    """True when the start of `p` is UTF-8 text (no NUL byte, decodes, mostly printable): a
    transcript saved under an audio name, which no converter will turn into sound."""
    try:
        with p.open("rb") as fh:
            head = fh.read(TEXT_SNIFF_BYTES)
    except OSError:
        return False
    if not head or b"\x00" in head:
        return False
    text = head.decode("utf-8", errors="ignore")  # a cut multi-byte character at the end
    if len(text.encode("utf-8")) < len(head) - 3:
        return False
    return sum(c.isprintable() or c.isspace() for c in text) >= 0.95 * len(text)


def _unreadable(p: Path, e: BaseException | str) -> AudioError:
    if looks_like_text(p):
        return AudioError(f"{p} is a text file, not audio — if it is a transcript, name it "
                          f"{p.stem}.txt and run `voice-coach analyze {p.stem}.txt`")
    return AudioError(f"cannot read {p} as audio ({_one_line(e)}) — {conversion_hint(p)}")


def _uses_soundfile(p: Path) -> bool:
    return p.suffix.lower() in SOUNDFILE_SUFFIXES


TEXT_SUFFIXES = (".txt", ".md", ".text")  # transcripts: `voice-coach analyze` reads them


def _check_path(p: Path) -> None:
    if not p.exists():
        raise AudioError(f"audio file not found: {p}")
    if p.is_dir():
        raise AudioError(f"{p} is a folder, not an audio file")
    if p.suffix.lower() in TEXT_SUFFIXES:
        raise AudioError(f"{p} is a written transcript, and this needs a recording — to coach "
                         f"the text use `voice-coach analyze {p.name} --question ID`")
    if p.stat().st_size == 0:
        raise AudioError(f"{p} is empty (0 bytes) — record or choose another file")


def _too_long(p: Path, max_duration_s: float) -> AudioError:
    return AudioError(f"{p} is longer than {format_clock(max_duration_s)}, the longest "
                      f"recording voice-coach analyses — cut out the answer first, e.g. "
                      f"`sox IN OUT trim 0 {format_clock(max_duration_s)}`")


def _quiet_av():
    """Import PyAV with FFmpeg's own logging off (errors still arrive as exceptions)."""
    import av

    av.logging.set_level(None)
    return av


def _av_duration_s(p: Path) -> float | None:
    """Duration the container header states, seconds (None when it does not say)."""
    av = _quiet_av()
    try:
        with av.open(str(p)) as c:
            streams = c.streams.audio
            if not streams:
                return None
            st = streams[0]
            if st.duration is not None and st.time_base is not None:
                return float(st.duration * st.time_base)
            return c.duration / 1e6 if c.duration else None
    except (av.error.FFmpegError, OSError, ValueError):
        return None


def _av_blocks(p: Path, sample_rate: int = SAMPLE_RATE) -> Iterator[np.ndarray]:
    """Decode the first audio stream of `p` with PyAV as mono float32 blocks at `sample_rate`.

    Packets the decoder rejects (a damaged stretch of a phone memo) are skipped and counted in
    one warning, rather than ending the read.

    Raises:
        AudioError: not a media file, or no audio stream, or nothing decodable.
    """
    av = _quiet_av()
    from av.audio.resampler import AudioResampler

    try:
        container = av.open(str(p))
    except (av.error.FFmpegError, OSError, ValueError) as e:
        raise _unreadable(p, e) from e
    with container:
        if not container.streams.audio:
            raise _unreadable(p, "no audio stream")
        stream = container.streams.audio[0]
        resampler = AudioResampler(format="flt", layout="mono", rate=sample_rate)
        bad_packets = 0
        good_packets = 0
        try:
            for packet in container.demux(stream):
                try:
                    frames = packet.decode()
                except av.error.InvalidDataError:
                    bad_packets += 1
                    continue
                good_packets += 1
                for frame in frames:
                    for out in resampler.resample(frame):
                        yield out.to_ndarray().reshape(-1).astype(np.float32, copy=False)
            for out in resampler.resample(None):
                yield out.to_ndarray().reshape(-1).astype(np.float32, copy=False)
        except (av.error.FFmpegError, ValueError) as e:
            raise _unreadable(p, e) from e
        if bad_packets and not good_packets:
            raise _unreadable(p, "the decoder rejected every packet")
        if bad_packets:
            log.warning("%s: skipped %d damaged packet(s) of %d while decoding", p, bad_packets,
                        bad_packets + good_packets)


def load_audio(path: str | Path, sample_rate: int = SAMPLE_RATE, *,
               max_duration_s: float = MAX_AUDIO_S) -> np.ndarray:
    """Read an audio file as mono float32 at `sample_rate`.

    WAV, FLAC, OGG and AIFF go through libsndfile; phone formats (M4A/AAC, MP3, WebM, MP4…)
    through PyAV with FFmpeg's logging off. The file is decoded in blocks and mixed to mono
    block by block, so memory stays about twice the mono signal at the file's rate, whatever
    its channel count. A file longer than `max_duration_s` is refused before it is decoded
    (checked again while decoding, for formats whose header does not say). A WAV whose header
    promises more data than the file holds (a recording cut by a crash) is read up to where the
    data ends, with a warning.

    Raises:
        AudioError: the file is missing, empty, not audio, longer than `max_duration_s`, has an
            unsupported sample rate, or holds no valid samples. The message names an ffmpeg
            command that converts the file when it cannot be decoded.
    """
    p = Path(path)
    _check_path(p)
    if not _uses_soundfile(p):
        return _load_with_av(p, sample_rate, max_duration_s)
    import soundfile as sf

    unreadable = (sf.LibsndfileError, RuntimeError, TypeError, ValueError, OverflowError)
    try:
        info = sf.info(str(p))
    except unreadable as e:
        raise _unreadable(p, e) from e
    rate = int(info.samplerate)
    if not MIN_FILE_RATE_HZ <= rate <= MAX_FILE_RATE_HZ:
        raise AudioError(f"{p} has an unsupported sample rate of {rate} Hz — use "
                         f"{MIN_FILE_RATE_HZ}–{MAX_FILE_RATE_HZ} Hz (16000 Hz is best)")
    too_long = _too_long(p, max_duration_s)
    if 0 < info.frames < 2**62 and info.frames / rate > max_duration_s:
        raise too_long
    max_frames = int(max_duration_s * rate)
    parts: list[np.ndarray] = []
    n_frames = 0
    try:
        with sf.SoundFile(str(p)) as f:
            for block in f.blocks(blocksize=READ_BLOCK_FRAMES, dtype="float32", always_2d=True):
                n_frames += block.shape[0]
                if n_frames > max_frames:
                    raise too_long
                parts.append(to_mono(block).copy())
    except unreadable as e:
        raise _unreadable(p, e) from e
    if n_frames == 0:
        raise AudioError(f"{p} contains no audio samples")
    if "should be" in (info.extra_info or ""):
        log.warning("%s is truncated (its header promises more audio than the file holds); "
                    "analysing the %.1f s that are there", p, n_frames / rate)
    mono = np.concatenate(parts) if len(parts) > 1 else parts[0]
    del parts
    if not np.all(np.isfinite(mono)):
        raise AudioError(f"{p} contains invalid samples (NaN/inf)")
    return as_pcm16(resample(mono, rate, sample_rate))


def _load_with_av(p: Path, sample_rate: int, max_duration_s: float) -> np.ndarray:
    header_s = _av_duration_s(p)
    if header_s is not None and header_s > max_duration_s:
        raise _too_long(p, max_duration_s)
    max_samples = int(max_duration_s * sample_rate)
    parts: list[np.ndarray] = []
    n = 0
    for block in _av_blocks(p, sample_rate):
        n += block.size
        if n > max_samples:
            raise _too_long(p, max_duration_s)
        parts.append(block)
    if n == 0:
        raise AudioError(f"{p} contains no audio samples")
    mono = np.concatenate(parts)
    if not np.all(np.isfinite(mono)):
        raise AudioError(f"{p} contains invalid samples (NaN/inf)")
    return as_pcm16(mono)


def _one_line(e: BaseException) -> str:
    return " ".join(str(e).split())


def duration_s(audio: np.ndarray, sample_rate: int = SAMPLE_RATE) -> float:
    """Length of `audio` in seconds."""
    return audio.shape[0] / float(sample_rate)


def write_wav(path: str | Path, audio: np.ndarray, sample_rate: int = SAMPLE_RATE) -> Path:
    """Write 16-bit PCM WAV atomically with private permissions."""
    import io

    import soundfile as sf

    buf = io.BytesIO()
    sf.write(buf, np.clip(audio, -1.0, 1.0), sample_rate, subtype="PCM_16", format="WAV")
    return atomic_write_bytes(path, buf.getvalue())


# ---------------------------------------------------------------------------------------------
# Audio sources: a live microphone or a file replayed as if it were one.
#
# Three activities run concurrently while recording (python-sounddevice `rec_gui.py`):
#   * the PortAudio callback thread (MicrophoneSource only) — copies each block into a queue
#     and counts overflows, nothing else; it never blocks;
#   * the consumer (`blocks()`, iterated by the recorder on the calling thread) — blocks on the
#     queue with a timeout;
#   * the recorder's WAV writer thread (see `voice_coach.recorder`).
# ---------------------------------------------------------------------------------------------

# A live source that delivers nothing for this many blocks is considered dead (the PortAudio
# callback stopped): 20 × 0.1 s = 2 s.
STALL_BLOCKS = 20
# Opening a device can take a while before the first block arrives (measured up to ~2 s on
# ALSA's PulseAudio plugin); `MicrophoneSource.__enter__` waits this long for it.
FIRST_BLOCK_TIMEOUT_S = 8.0
PORTAUDIO_FIX = ("PortAudio is not installed — install it: sudo apt-get install libportaudio2 "
                 "(macOS: brew install portaudio)")


@runtime_checkable
class AudioSource(Protocol):
    """Something that delivers mono float32 blocks at `sample_rate` Hz, like a microphone.

    Use as a context manager (starts/stops the underlying stream). `blocks()` yields arrays of
    `BLOCK_SIZE` samples (the last block of a file may be shorter) until `stop()` is called or
    the input is exhausted. `overflows` counts input overruns
    (blocks the system dropped because the consumer was too slow).
    """

    sample_rate: int
    overflows: int

    def __enter__(self) -> AudioSource: ...

    def __exit__(self, *exc: object) -> None: ...

    def blocks(self) -> Iterator[np.ndarray]: ...

    def stop(self) -> None: ...


class DeviceInfo(NamedTuple):
    """One input device as PortAudio reports it."""

    index: int
    name: str
    channels: int  # maximum input channels
    default_rate_hz: float
    is_default: bool  # the system's default input device


def _sounddevice():
    """Import sounddevice (which loads PortAudio) or raise DeviceError naming the fix."""
    try:
        import sounddevice as sd
    except OSError as e:  # "PortAudio library not found"
        raise DeviceError(PORTAUDIO_FIX) from e
    except ImportError as e:
        raise DeviceError("the sounddevice package is missing — reinstall voice-coach "
                          "(pip install sounddevice)") from e
    return sd


def _default_input_index(sd) -> int:
    try:
        idx = sd.default.device[0]
    except (TypeError, IndexError):  # pragma: no cover - older sounddevice
        idx = sd.default.device
    if idx is None or int(idx) < 0:
        try:
            idx = sd.query_devices(kind="input")["index"]
        except sd.PortAudioError:
            return -1
    return int(idx)


def list_input_devices() -> list[DeviceInfo]:
    """All devices with at least one input channel, in PortAudio's order.

    Raises:
        DeviceError: PortAudio is missing.
    """
    sd = _sounddevice()
    default = _default_input_index(sd)
    out = []
    for i, d in enumerate(sd.query_devices()):
        if d["max_input_channels"] > 0:
            out.append(DeviceInfo(i, d["name"], int(d["max_input_channels"]),
                                  float(d["default_samplerate"]), i == default))
    return out


def has_output_device() -> bool:
    """True if PortAudio reports a device that can play sound (False if PortAudio is missing)."""
    try:
        sd = _sounddevice()
    except DeviceError:
        return False
    return any(d["max_output_channels"] > 0 for d in sd.query_devices())


def _describe(devices: list[DeviceInfo]) -> str:
    return "; ".join(f"[{d.index}] {d.name}" for d in devices)


def resolve_input_device(device: str | int | None) -> DeviceInfo:
    """Find one input device by index, exact name or case-insensitive name substring.

    `None` or "" selects the system default input device.

    Raises:
        DeviceError: PortAudio is missing, there is no input device, or `device` matches
            none or several input devices (the message lists them).
    """
    inputs = list_input_devices()
    if not inputs:
        raise DeviceError("no microphone found — connect one, then run `voice-coach devices` "
                          "to check it is listed")
    if device is None or (isinstance(device, str) and not device.strip()):
        for d in inputs:
            if d.is_default:
                return d
        return inputs[0]
    if isinstance(device, int) or device.strip().isdigit():
        idx = int(device)
        for d in inputs:
            if d.index == idx:
                return d
        raise DeviceError(f"no input device with index {idx} — available inputs: "
                          f"{_describe(inputs)} (see `voice-coach devices`)")
    query = device.strip().lower()
    exact = [d for d in inputs if d.name.lower() == query]
    if len(exact) == 1:
        return exact[0]
    matches = [d for d in inputs if query in d.name.lower()]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise DeviceError(f"input device name {device!r} is ambiguous: {_describe(matches)} — "
                          "pass the index or a longer name")
    raise DeviceError(f"no input device matches {device!r} — available inputs: "
                      f"{_describe(inputs)} (see `voice-coach devices`)")


class StreamResampler:
    """Resample a stream of blocks from `from_hz` to `to_hz` without clicks at block edges.

    A stateful low-pass (Butterworth, below the lower Nyquist rate) followed by linear
    interpolation whose phase carries over between blocks. Good enough for speech analysis and
    Whisper; used only when a device cannot open at 16 kHz.
    """

    CUTOFF_FRACTION = 0.45  # low-pass cut-off as a fraction of the lower of the two rates
    ORDER = 8

    def __init__(self, from_hz: int, to_hz: int = SAMPLE_RATE):
        from scipy.signal import butter, sosfilt_zi

        self.from_hz, self.to_hz = int(from_hz), int(to_hz)
        self._step = self.from_hz / self.to_hz  # input samples per output sample
        cutoff_hz = self.CUTOFF_FRACTION * min(self.from_hz, self.to_hz)
        self._sos = butter(self.ORDER, cutoff_hz, fs=self.from_hz, output="sos")
        self._zi = sosfilt_zi(self._sos) * 0.0
        self._pos = 0.0  # position of the next output sample, in input samples from `_prev`
        self._prev = np.zeros(1, dtype=np.float64)  # last filtered input sample

    def process(self, block: np.ndarray) -> np.ndarray:
        from scipy.signal import sosfilt

        if self.from_hz == self.to_hz:
            return block.astype(np.float32, copy=False)
        y, self._zi = sosfilt(self._sos, block.astype(np.float64), zi=self._zi)
        x = np.concatenate([self._prev, y])  # x[0] is the previous block's last sample
        last = x.size - 1
        n_out = int(np.floor((last - self._pos) / self._step)) + 1 if last >= self._pos else 0
        t = self._pos + self._step * np.arange(n_out)
        out = np.interp(t, np.arange(x.size), x)
        self._pos = self._pos + self._step * n_out - last
        self._prev = x[-1:]
        return out.astype(np.float32)


class _Reblocker:
    """Cut a stream of arbitrary-length arrays into blocks of exactly `size` samples."""

    def __init__(self, size: int = BLOCK_SIZE):
        self.size = size
        self._buf = np.zeros(0, dtype=np.float32)

    def push(self, data: np.ndarray) -> list[np.ndarray]:
        self._buf = np.concatenate([self._buf, data.astype(np.float32, copy=False)])
        n = self._buf.size // self.size
        out = [self._buf[i * self.size:(i + 1) * self.size] for i in range(n)]
        self._buf = self._buf[n * self.size:]
        return out


class MicrophoneSource:
    """A live input device through sounddevice/PortAudio, delivering 16 kHz mono float32 blocks.

    The PortAudio callback only copies each block into a `queue.Queue` and counts overflows;
    `blocks()` (the consumer) resamples and re-blocks when the device cannot run at 16 kHz.

    Args:
        device: index, exact name or name substring of an input device; None = system default.
        sample_rate: rate of the delivered blocks, Hz.
        device_rate_hz: open the device at this rate and resample; None = `sample_rate` if the
            device supports it, else the device's default rate.

    Raises:
        DeviceError: PortAudio missing, no input device, ambiguous/unknown name, or the device
            cannot be opened (busy, unsupported settings).
    """

    def __init__(self, device: str | int | None = None, *, sample_rate: int = SAMPLE_RATE,
                 device_rate_hz: int | None = None):
        self.sample_rate = int(sample_rate)
        self.overflows = 0
        self.device = resolve_input_device(device)
        self._stop = threading.Event()
        self._queue: queue.Queue[np.ndarray | None] = queue.Queue()
        self._stream = None
        self._first: np.ndarray | None = None
        self.device_rate_hz, self.channels = self._choose_settings(device_rate_hz)

    def _choose_settings(self, device_rate_hz: int | None) -> tuple[int, int]:
        """(rate, channels) the device accepts: 16 kHz mono if possible, else its default rate."""
        sd = _sounddevice()
        d = self.device
        if device_rate_hz:
            rates = [int(device_rate_hz)]
        else:
            rates = [self.sample_rate, int(d.default_rate_hz)]
        channel_options = [1] if d.channels < 2 else [1, min(2, d.channels)]
        last_error: Exception | None = None
        for rate in rates:
            for ch in channel_options:
                try:
                    sd.check_input_settings(device=d.index, channels=ch, samplerate=rate,
                                            dtype="float32")
                except (sd.PortAudioError, ValueError) as e:
                    last_error = e
                    continue
                return rate, ch
        raise DeviceError(f"input device [{d.index}] {d.name} cannot record ({last_error}) — "
                          "choose another with --device (see `voice-coach devices`)")

    def _callback(self, indata, frames, time_info, status) -> None:
        # Runs on PortAudio's thread: copy and count, nothing else.
        if status.input_overflow:
            self.overflows += 1
        self._queue.put(indata.copy())

    def __enter__(self) -> MicrophoneSource:
        sd = _sounddevice()
        blocksize = int(round(self.device_rate_hz * BLOCK_S))
        try:
            self._stream = sd.InputStream(device=self.device.index, channels=self.channels,
                                          samplerate=self.device_rate_hz, dtype="float32",
                                          blocksize=blocksize, callback=self._callback)
            self._stream.start()
        except sd.PortAudioError as e:
            self._stream = None
            raise DeviceError(f"cannot open input device [{self.device.index}] "
                              f"{self.device.name} ({e}) — is it busy? choose another with "
                              "--device (see `voice-coach devices`)") from e
        # Some devices take a while to deliver (measured ~2 s for the first stream a process
        # opens on ALSA's PulseAudio plugin, and nothing is captured meanwhile): return only
        # once the microphone is live, so "speak now" is true when the caller shows it.
        try:
            self._first = self._queue.get(timeout=FIRST_BLOCK_TIMEOUT_S)
        except queue.Empty:
            self.__exit__()
            raise DeviceError(f"the microphone [{self.device.index}] {self.device.name} "
                              f"delivered no audio within {FIRST_BLOCK_TIMEOUT_S:.0f} s — check "
                              "it is connected and not used by another program") from None
        log.debug("microphone [%d] %s live at %d Hz, %d channel(s)", self.device.index,
                  self.device.name, self.device_rate_hz, self.channels)
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
        if self._stream is not None:
            self._stream.close(ignore_errors=True)
            self._stream = None

    def stop(self) -> None:
        """End `blocks()` (safe from any thread); the stream is closed by `__exit__`."""
        self._stop.set()
        self._queue.put(None)
        if self._stream is not None:
            self._stream.stop(ignore_errors=True)

    def _drop_backlog(self) -> None:
        """Discard blocks captured before now (keeps a pending stop sentinel)."""
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return
            if item is None:
                self._queue.put(None)
                return

    def blocks(self) -> Iterator[np.ndarray]:
        """Blocks captured from the moment the device went live (first call) or from now
        (later calls on the same open source, e.g. a second recording), until `stop()`."""
        if self._stream is None:
            raise DeviceError("MicrophoneSource must be used inside `with` (stream not started)")
        resampler = StreamResampler(self.device_rate_hz, self.sample_rate)
        reblocker = _Reblocker(int(round(self.sample_rate * BLOCK_S)))
        stall_s = STALL_BLOCKS * BLOCK_S
        data, self._first = self._first, None  # the block that proved the device is live
        if data is None:  # a later answer on the same stream: start from now
            self._drop_backlog()
        while not self._stop.is_set():
            if data is None:
                try:
                    data = self._queue.get(timeout=stall_s)
                except queue.Empty:
                    raise DeviceError(f"the microphone [{self.device.index}] {self.device.name} "
                                      f"stopped delivering audio for {stall_s:.0f} s — check "
                                      "it is connected and not used by another program") from None
                if data is None:
                    break
            mono, data = to_mono(data), None
            yield from reblocker.push(resampler.process(mono))


class FileSource:
    """A file replayed as if it were a live microphone (same blocks, same consumer code).

    Args:
        path: any file `load_audio` reads.
        realtime: deliver each block when a microphone would have (paced against `now`),
            else as fast as the consumer takes them.
        now: the clock pacing real-time delivery, seconds (monotonic).
        wait: waits up to the given seconds for the next block; True when `stop()` ended the
            wait. Default: a wait that `stop()` wakes at once. Tests inject both to replay
            without sleeping.

    Raises:
        AudioError: the file is missing or not audio.
    """

    overflows = 0

    def __init__(self, path: str | Path, *, realtime: bool = False,
                 now: Callable[[], float] = time.monotonic,
                 wait: Callable[[float], bool] | None = None):
        self.path = Path(path)
        self.realtime = realtime
        self.sample_rate = SAMPLE_RATE
        self.audio = load_audio(self.path)
        self._stop = threading.Event()
        self._now = now
        self._wait = wait or self._stop.wait

    @property
    def duration_s(self) -> float:
        return duration_s(self.audio)

    def __enter__(self) -> FileSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        """End `blocks()` (safe from any thread; wakes a real-time wait at once)."""
        self._stop.set()

    def blocks(self) -> Iterator[np.ndarray]:
        t0 = self._now()
        for start in range(0, self.audio.size, BLOCK_SIZE):
            block = self.audio[start:start + BLOCK_SIZE]
            if self.realtime:
                # A microphone hands over a block once it has been captured.
                due = t0 + (start + block.size) / self.sample_rate
                if self._wait(max(0.0, due - self._now())) or self._stop.is_set():
                    return
            elif self._stop.is_set():
                return
            yield block.copy()


def audio_file_duration_s(path: str | Path) -> float | None:
    """Duration from the file header without decoding (None when the header does not say)."""
    p = Path(path)
    if not _uses_soundfile(p):
        return _av_duration_s(p)
    import soundfile as sf

    try:
        info = sf.info(str(p))
    except (sf.LibsndfileError, RuntimeError, TypeError, ValueError, OverflowError):
        return None
    if 0 < info.frames < 2**62 and info.samplerate > 0:
        return info.frames / float(info.samplerate)
    return None


WINDOW_CUT_SEARCH_S = 5.0  # a window ends at the quietest frame of its last seconds
WINDOW_CUT_FRAME_S = 0.03  # frame length for that search


def quiet_cut(data: np.ndarray, target: int, sample_rate: int = SAMPLE_RATE) -> int:
    """Sample index ≤ `target` at the centre of the quietest frame in the last
    `WINDOW_CUT_SEARCH_S` before it, so a cut falls into a pause rather than through a word."""
    frame = max(1, int(WINDOW_CUT_FRAME_S * sample_rate))
    lo = max(0, target - int(WINDOW_CUT_SEARCH_S * sample_rate))
    n_frames = (target - lo) // frame
    if n_frames < 1:
        return target
    tail = data[lo: lo + n_frames * frame].astype(np.float64)
    energy = (tail.reshape(n_frames, frame) ** 2).sum(axis=1)
    return max(1, lo + int(np.argmin(energy)) * frame + frame // 2)


def split_at_quiet(audio: np.ndarray, window_s: float, *,
                   sample_rate: int = SAMPLE_RATE) -> Iterator[tuple[float, np.ndarray]]:
    """Cut an in-memory signal into windows of at most `window_s`, each ending in its quietest
    frame near the end; yields (offset_s, window) views."""
    target = int(window_s * sample_rate)
    start = 0
    while audio.size - start > target:
        cut = start + quiet_cut(audio[start:start + target], target, sample_rate)
        yield start / sample_rate, audio[start:cut]
        start = cut
    if audio.size - start > 0:
        yield start / sample_rate, audio[start:]


def iter_audio_windows(path: str | Path, window_s: float, *,
                       sample_rate: int = SAMPLE_RATE) -> Iterator[tuple[float, np.ndarray]]:
    """Stream a long file as (offset_s, mono float32 window at `sample_rate`) pairs.

    Memory stays at about one window whatever the file's length; windows end at a quiet frame
    (`quiet_cut`). Offsets are seconds from the start of the file.

    Raises:
        AudioError: the file cannot be decoded.
    """
    p = Path(path)
    target = int(window_s * sample_rate)
    offset = 0
    buf: list[np.ndarray] = []
    n_buf = 0
    try:
        for out in _decoded_blocks(p, sample_rate):
            buf.append(out)
            n_buf += out.size
            while n_buf >= target:
                data = np.concatenate(buf)
                cut = quiet_cut(data, target, sample_rate)
                yield offset / sample_rate, as_pcm16(data[:cut])
                offset += cut
                buf, n_buf = [data[cut:]], data.size - cut
    except (RuntimeError, TypeError, ValueError, OverflowError) as e:
        raise _unreadable(p, e) from e
    if n_buf:
        yield offset / sample_rate, as_pcm16(np.concatenate(buf))


def _decoded_blocks(p: Path, sample_rate: int) -> Iterator[np.ndarray]:
    """Mono float32 blocks of `p` at `sample_rate`, from libsndfile or PyAV (see `load_audio`)."""
    if not _uses_soundfile(p):
        yield from _av_blocks(p, sample_rate)
        return
    import soundfile as sf

    with sf.SoundFile(str(p)) as f:
        resampler = StreamResampler(int(f.samplerate), sample_rate)
        for block in f.blocks(blocksize=READ_BLOCK_FRAMES, dtype="float32", always_2d=True):
            yield resampler.process(to_mono(block))


OPUS_RATE_HZ = 48000  # Opus encodes at 48 kHz
REPLAY_BITRATE_BPS = 24000  # speech stays clear; ~3 kB per second of answer


def encode_audio(audio: np.ndarray, sample_rate: int, dst: str | Path | BinaryIO, *,
                 codec: str, rate_hz: int, container: str | None = None,
                 bitrate_bps: int | None = None) -> None:
    """Float32 audio, `(n,)` mono or `(n, 2)` stereo at `sample_rate` Hz, encoded with PyAV's
    `codec` at `rate_hz` into `dst`: a path (container chosen by its suffix) or a binary file
    object (then `container` names it, e.g. "webm").

    Raises:
        AudioError: the audio is empty or PyAV cannot encode it.
    """
    if audio.size == 0:
        raise AudioError("no audio to encode")
    av = _quiet_av()
    from av.audio.resampler import AudioResampler

    planes = np.ascontiguousarray(np.atleast_2d(audio.T), dtype=np.float32)  # (channels, n)
    layout = "mono" if planes.shape[0] == 1 else "stereo"
    frame = av.AudioFrame.from_ndarray(planes, format="fltp", layout=layout)
    frame.sample_rate = sample_rate
    try:
        with av.open(str(dst) if isinstance(dst, (str, Path)) else dst, "w",
                     format=container) as out:
            stream = out.add_stream(codec, rate=rate_hz)
            stream.layout = layout
            if bitrate_bps is not None:
                stream.bit_rate = bitrate_bps
            resampler = AudioResampler(format=stream.codec_context.format.name, layout=layout,
                                       rate=rate_hz)
            for f in resampler.resample(frame) + resampler.resample(None):
                for packet in stream.encode(f):
                    out.mux(packet)
            for packet in stream.encode(None):
                out.mux(packet)
    except (av.error.FFmpegError, ValueError) as e:
        raise AudioError(f"cannot encode audio as {codec} ({_one_line(e)})") from e


def encode_opus_webm(audio: np.ndarray, sample_rate: int = SAMPLE_RATE, *,
                     bitrate_bps: int = REPLAY_BITRATE_BPS) -> bytes:
    """Mono float32 audio as an Opus-in-WebM file, in memory (for a page that plays it).

    Raises:
        AudioError: the audio is empty or PyAV cannot encode Opus.
    """
    import io

    buf = io.BytesIO()
    encode_audio(np.clip(audio, -1.0, 1.0), sample_rate, buf, codec="libopus",
                 rate_hz=OPUS_RATE_HZ, container="webm", bitrate_bps=bitrate_bps)
    return buf.getvalue()
