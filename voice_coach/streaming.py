"""Incremental transcription while an answer is being recorded.

Three activities (python-sounddevice `rec_gui.py` style):

* the recorder's thread calls `StreamingTranscriber.feed(block)`: it copies the block onto an
  unbounded queue and returns at once — it never blocks and never runs a model;
* a named worker thread ("voice-coach-stream") takes blocks off the queue, runs a streaming
  Silero VAD (`voice_coach.analysis.vad.StreamingVad`) over them and, when `ChunkPolicy` says a
  chunk of speech has finished (a pause after speech), transcribes that chunk **once**, with
  the previous text as Whisper's prompt and word times offset to the recording's timeline;
* the caller reads `partial_text()` (committed text so far — e.g. for end phrases) and, after
  recording, calls `finish()`, which waits for the worker to transcribe only the remaining
  tail and returns the whole `Transcript`.

Re-transcribing a growing buffer every second (whisper_streaming's LocalAgreement) costs about
1.3 CPU-seconds per second of audio on a 2-core machine and still lags 2–3 s; cutting at pauses
leaves only the last chunk for after the answer (see docs/transcription.md). Chunks with no
speech are never sent to Whisper, so long silences cannot produce hallucinated text.

Blocking: `feed` never blocks; `finish` blocks until the tail is transcribed; `close` joins the
worker with a timeout. The transcriber object must not be used by another thread meanwhile.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np

from voice_coach.transcriber import SAMPLE_RATE, Segment, Transcript, Transcriber, Word

log = logging.getLogger(__name__)

MIN_CHUNK_S = 8.0  # a pause cuts a chunk only once it holds this much speech (context for Whisper)
SILENCE_CUT_S = 0.5  # silence after speech that ends a chunk of ≥ MIN_CHUNK_S
FLUSH_SILENCE_S = 1.5  # silence after which even a short chunk is cut (e.g. "That's my answer.")
MAX_CHUNK_S = 25.0  # never let a chunk outgrow Whisper's 30 s window
GAP_S = 0.2  # shortest silence used as a fallback cut point inside an over-long chunk
LEAD_S = 1.0  # silence kept before a chunk's first speech; older silence is never transcribed
PROMPT_CONTEXT_CHARS = 400  # committed text handed to Whisper as the next chunk's prompt
FORGET_MIN_S = 10.0  # audio before the current chunk is released in steps of at least this
JOIN_TIMEOUT_S = 10.0  # close(): how long to wait for the worker to stop
THREAD_NAME = "voice-coach-stream"


class Cut(NamedTuple):
    """A finished chunk to transcribe: [start_s, end_s), seconds from the start."""

    start_s: float
    end_s: float


class ChunkInfo(NamedTuple):
    """One transcribed chunk, seconds from the start of the recording."""

    start_s: float
    end_s: float
    transcribe_s: float  # wall-clock seconds Whisper took
    in_finish: bool  # transcribed after `finish()` was called (the tail)
    n_words: int


@dataclass
class ChunkPolicy:
    """Decides where finished speech chunks end. Pure: no audio, no model, no clock.

    Feed it the streaming VAD's view after each block (`update`); it returns a `Cut` when the
    current chunk should be transcribed. Every cut lies inside a silence, so no word is split,
    except when a chunk reaches `max_chunk_s` without any pause at all. Silence before a chunk's
    first speech is dropped except the last `LEAD_S`, so silence alone is never transcribed.

    Attributes:
        min_chunk_s: a chunk is cut at a pause ≥ `silence_cut_s` once it is at least this long.
        silence_cut_s: pause that ends a long-enough chunk, seconds.
        flush_silence_s: pause that ends any chunk that holds speech, seconds.
        max_chunk_s: hard upper bound of a chunk, seconds.
        chunk_start_s: where the current chunk starts (advanced by each cut).
    """

    min_chunk_s: float = MIN_CHUNK_S
    silence_cut_s: float = SILENCE_CUT_S
    flush_silence_s: float = FLUSH_SILENCE_S
    max_chunk_s: float = MAX_CHUNK_S
    chunk_start_s: float = 0.0
    _gap_cut_s: float | None = field(default=None, repr=False)  # latest pause ≥ GAP_S
    _best_gap: tuple[float, float] = field(default=(0.0, 0.0), repr=False)  # (silence, mid)

    def __post_init__(self) -> None:
        if not 0 < self.silence_cut_s <= self.flush_silence_s:
            raise ValueError("need 0 < silence_cut_s <= flush_silence_s, got "
                             f"{self.silence_cut_s} and {self.flush_silence_s}")
        if not 0 <= self.min_chunk_s < self.max_chunk_s:
            raise ValueError("need 0 <= min_chunk_s < max_chunk_s, got "
                             f"{self.min_chunk_s} and {self.max_chunk_s}")

    def has_speech(self, t_s: float, silence_s: float, speech_seen: bool) -> bool:
        """Whether speech was heard since the current chunk started."""
        return speech_seen and t_s - silence_s > self.chunk_start_s

    def update(self, t_s: float, silence_s: float, speech_seen: bool) -> Cut | None:
        """Take the detector's state at time `t_s` (current silence `silence_s`, seconds).

        Returns:
            The finished chunk, or None to keep going.
        """
        if not self.has_speech(t_s, silence_s, speech_seen):
            self.chunk_start_s = max(self.chunk_start_s, t_s - LEAD_S)
            return None
        speech_end_s = t_s - silence_s
        mid_silence_s = t_s - silence_s / 2
        if silence_s >= GAP_S:
            self._gap_cut_s = mid_silence_s
        if silence_s > self._best_gap[0]:
            self._best_gap = (silence_s, mid_silence_s)
        long_enough = speech_end_s - self.chunk_start_s >= self.min_chunk_s
        cut: float | None = None
        if silence_s >= self.flush_silence_s or (long_enough and silence_s >= self.silence_cut_s):
            cut = mid_silence_s
        elif t_s - self.chunk_start_s >= self.max_chunk_s:
            # Over-long chunk: cut at the latest usable pause, else the longest one, else now.
            cut = self._gap_cut_s if self._gap_cut_s is not None else (
                self._best_gap[1] if self._best_gap[0] > 0 else t_s)
        if cut is None:
            return None
        chunk = Cut(self.chunk_start_s, cut)
        self.chunk_start_s = cut
        self._gap_cut_s = None
        self._best_gap = (0.0, 0.0)
        return chunk


_FINISH = object()  # queue marker: transcribe the tail and report
_STOP = object()  # queue marker: exit the worker


class StreamingTranscriber:
    """Transcribe an answer chunk by chunk while it is recorded.

    Args:
        transcriber: a loaded `Transcriber` (used only by the worker thread until `finish`).
        sample_rate: rate of the fed blocks; must be 16000.
        min_chunk_s / silence_cut_s / flush_silence_s / max_chunk_s: see `ChunkPolicy`.
        initial_prompt: prepended to every chunk's prompt (e.g. `FILLER_PROMPT`).
        context_chars: how much already-committed text (characters) follows it in the prompt;
            0 = none.
        vad_options: `voice_coach.config.VadOptions`; defaults when None.
        vad_model: a loaded `SileroVad` to share; loaded in the worker when None.
    """

    def __init__(self, transcriber: Transcriber, *, sample_rate: int = SAMPLE_RATE,
                 min_chunk_s: float = MIN_CHUNK_S, silence_cut_s: float = SILENCE_CUT_S,
                 flush_silence_s: float = FLUSH_SILENCE_S, max_chunk_s: float = MAX_CHUNK_S,
                 initial_prompt: str | None = None,
                 context_chars: int = PROMPT_CONTEXT_CHARS, vad_options: Any = None,
                 vad_model: Any = None) -> None:
        if sample_rate != SAMPLE_RATE:
            raise ValueError(f"streaming transcription needs {SAMPLE_RATE} Hz blocks, got "
                             f"{sample_rate} Hz; resample with voice_coach.audio.resample")
        self.transcriber = transcriber
        self.sample_rate = sample_rate
        self.initial_prompt = initial_prompt
        self.context_chars = context_chars
        self.policy = ChunkPolicy(min_chunk_s, silence_cut_s, flush_silence_s, max_chunk_s)
        self._vad_options = vad_options
        self._vad_model = vad_model
        self._queue: queue.Queue[Any] = queue.Queue()
        self._lock = threading.Lock()
        self._blocks: list[np.ndarray] = []
        self._n_samples = 0  # samples fed so far (the recording's timeline)
        self._base = 0  # timeline index of the first sample still held in `_blocks`
        self._words: list[Word] = []
        self._segments: list[Segment] = []
        self._texts: list[str] = []
        self._chunks: list[ChunkInfo] = []
        self._error: BaseException | None = None
        self._finishing = False
        self._finished = threading.Event()
        self._progress = threading.Condition()  # guards the two counters below
        self._n_fed = 0
        self._n_done = 0
        self._stop = threading.Event()
        self._closed = False
        self._thread = threading.Thread(target=self._run, name=THREAD_NAME, daemon=True)
        self._thread.start()

    # --- caller side ------------------------------------------------------------------------

    def feed(self, block: np.ndarray) -> None:
        """Queue one block of mono float32 samples (copied); returns immediately."""
        if self._finishing or self._stop.is_set():
            log.debug("block fed after finish()/close() ignored")
            return
        a = np.array(block, dtype=np.float32, copy=True)
        if a.ndim == 2:
            a = a.mean(axis=1) if a.shape[1] > 1 else a.reshape(-1)
        with self._progress:
            self._n_fed += 1
        self._queue.put_nowait(a.reshape(-1))

    def partial_text(self) -> str:
        """Text of the chunks transcribed so far."""
        with self._lock:
            return " ".join(self._texts)

    def chunks(self) -> list[ChunkInfo]:
        """The chunks transcribed so far, in order."""
        with self._lock:
            return list(self._chunks)

    def wait_idle(self, timeout_s: float | None = None) -> bool:
        """Block until every fed block has been processed; True unless the timeout passed."""
        with self._progress:
            return self._progress.wait_for(
                lambda: self._n_done >= self._n_fed or self._error is not None, timeout_s)

    def finish(self, timeout_s: float | None = None) -> Transcript:
        """Transcribe what is left after the last cut and return the whole transcript.

        Blocks until the worker has processed every fed block and the tail.

        Raises:
            TimeoutError: `timeout_s` passed first.
            Exception: whatever the transcriber raised in the worker.
        """
        if not self._finishing:
            self._finishing = True
            self._queue.put_nowait(_FINISH)
        deadline = None if timeout_s is None else time.monotonic() + timeout_s
        while not self._finished.wait(0.5):
            if not self._thread.is_alive():
                break
            if deadline is not None and time.monotonic() > deadline:
                raise TimeoutError(f"streaming transcription did not finish in {timeout_s} s")
        if self._error is not None:
            raise self._error
        return self._transcript()

    def close(self) -> None:
        """Stop the worker (sentinel + join with a timeout). Idempotent."""
        if self._closed:
            return
        self._closed = True
        self._stop.set()
        self._queue.put_nowait(_STOP)
        self._thread.join(JOIN_TIMEOUT_S)
        if self._thread.is_alive():
            log.warning("streaming worker still busy after %.0f s; leaving it", JOIN_TIMEOUT_S)

    def __enter__(self) -> StreamingTranscriber:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- worker side ------------------------------------------------------------------------

    def _transcript(self) -> Transcript:
        with self._lock:
            return Transcript(text=" ".join(self._texts), words=list(self._words),
                              segments=list(self._segments),
                              backend=getattr(self.transcriber, "backend", ""),
                              model=getattr(self.transcriber, "model_name", ""))

    def _audio(self, start: int, end: int) -> np.ndarray:
        """Samples [start, end) of the recording's timeline (only those not yet forgotten)."""
        if len(self._blocks) > 1:
            self._blocks = [np.concatenate(self._blocks)]
        if not self._blocks:
            return np.zeros(0, np.float32)
        return self._blocks[0][max(0, start - self._base):max(0, end - self._base)]

    def _forget_before(self, index: int) -> None:
        """Drop held samples before timeline `index` (the current chunk's start): they can never
        be transcribed again, so a long drill keeps only the current chunk in memory."""
        if index - self._base < FORGET_MIN_S * self.sample_rate:
            return
        data = self._audio(self._base, self._n_samples)
        self._blocks = [data[index - self._base:].copy()]
        self._base = index

    def _prompt(self) -> str | None:
        with self._lock:
            committed = " ".join(self._texts)
        context = committed[-self.context_chars:] if self.context_chars > 0 else ""
        if context and len(committed) > self.context_chars:
            context = context.split(" ", 1)[-1]  # start at a word boundary
        parts = [p for p in (self.initial_prompt, context) if p]
        return " ".join(parts) or None

    def _transcribe_chunk(self, cut: Cut, in_finish: bool) -> None:
        start = max(0, int(round(cut.start_s * self.sample_rate)))
        end = min(self._n_samples, int(round(cut.end_s * self.sample_rate)))
        if end <= start:
            return
        t0 = time.perf_counter()
        result = self.transcriber.transcribe(self._audio(start, end), initial_prompt=self._prompt(),
                                             offset_s=start / self.sample_rate)
        took = time.perf_counter() - t0
        info = ChunkInfo(start / self.sample_rate, end / self.sample_rate, took, in_finish,
                         len(result.words))
        log.debug("chunk %.2f–%.2f s: %d words in %.2f s", info.start_s, info.end_s,
                  info.n_words, took)
        with self._lock:
            self._chunks.append(info)
            if result.text:
                self._texts.append(result.text)
                self._words.extend(result.words)
                self._segments.extend(result.segments)

    def _run(self) -> None:
        from voice_coach.analysis.vad import StreamingVad

        try:
            if self._vad_options is None:
                from voice_coach.config import VadOptions

                self._vad_options = VadOptions()
            vad = StreamingVad(self._vad_options, self._vad_model, sample_rate=self.sample_rate)
            while True:
                item = self._queue.get()
                if item is _STOP:
                    return
                if item is _FINISH:
                    state = vad.state
                    if self.policy.has_speech(state.t_s, state.silence_s, state.speech_seen):
                        tail = Cut(self.policy.chunk_start_s, self._n_samples / self.sample_rate)
                        self._transcribe_chunk(tail, in_finish=True)
                    self._finished.set()
                    continue
                self._blocks.append(item)
                self._n_samples += item.size
                state = vad.process(item)
                cut = self.policy.update(state.t_s, state.silence_s, state.speech_seen)
                if cut is not None:
                    self._transcribe_chunk(cut, in_finish=self._finishing)
                self._forget_before(int(self.policy.chunk_start_s * self.sample_rate))
                with self._progress:
                    self._n_done += 1
                    self._progress.notify_all()
        except BaseException as e:  # handed to the caller by finish()
            log.debug("streaming worker failed", exc_info=True)
            self._error = e
            self._finished.set()
            with self._progress:
                self._progress.notify_all()
