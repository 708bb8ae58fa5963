"""Incremental transcription while an answer is being recorded.

Three activities (python-sounddevice `rec_gui.py` style):

* the recorder's thread calls `StreamingTranscriber.feed(block)`: it copies the block onto an
  unbounded queue and returns at once — it never blocks and never runs a model;
* a named worker thread ("voice-coach-stream") takes blocks off the queue, runs a streaming
  Silero VAD (`voice_coach.analysis.vad.StreamingVad`) over them and, when `ChunkPolicy` says a
  chunk of speech has finished (a pause after speech), transcribes that chunk once (the first
  pass: previous text as Whisper's prompt, so `partial_text()` is current within a pause).
  Finished chunks are then merged into windows of ≤ `WINDOW_S` (one Whisper window; every
  window boundary is a chunk cut, i.e. inside a pause) and, while the worker would otherwise
  wait for audio, the open window is decoded again as one piece with the batch options (the
  second pass); its words replace the first-pass words of exactly those chunks;
* the worker also feeds every block to a `SpeechStream`, which computes the batch VAD
  (`speech_and_quiet`) as the audio arrives, so `heard()` gives the report its speech regions
  with only the last ≤ 2 s of VAD left when the answer ends;
* the caller reads `partial_text()` (text so far — e.g. for end phrases) and, after recording,
  calls `finish()`, which waits for the worker to transcribe only what is left (the tail after
  the last cut, and the open window if the worker fell behind) and returns the `Transcript`.

Short chunks cost accuracy (Whisper sees 8–12 s instead of its 30 s window); the second pass
gets it back with CPU time that is idle while the candidate speaks. Which windows exist and how
each is decoded depends only on the audio, never on timing, so a file fed as fast as possible
gives the same final transcript as the same file spoken in real time. Re-transcribing a growing
buffer every second (whisper_streaming's LocalAgreement) costs about 1.3 CPU-seconds per second
of audio on a 2-core machine and still lags 2–3 s (see docs/transcription.md). Chunks with no
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

from voice_coach.analysis.vad import HeardSpeech, SileroVad, SpeechStream, StreamingVad
from voice_coach.config import VadOptions
from voice_coach.transcriber import SAMPLE_RATE, Transcript, Transcriber, Word

log = logging.getLogger(__name__)

MIN_CHUNK_S = 8.0  # a pause cuts a chunk only once it holds this much speech (context for Whisper)
SILENCE_CUT_S = 0.5  # silence after speech that ends a chunk of ≥ MIN_CHUNK_S
FLUSH_SILENCE_S = 1.5  # silence after which even a short chunk is cut (e.g. "That's my answer.")
MAX_CHUNK_S = 25.0  # never let a chunk outgrow Whisper's 30 s window
GAP_S = 0.2  # shortest silence used as a fallback cut point inside an over-long chunk
LEAD_S = 1.0  # silence kept before a chunk's first speech; older silence is never transcribed
TAIL_PAD_S = 0.5  # the last chunk ends this long after the last speech heard (the rest is
#                   silence); a live stream silent this long decodes it before finish() is called
PROMPT_CONTEXT_CHARS = 400  # committed text handed to Whisper as the next chunk's prompt
WINDOW_S = 28.0  # second pass: finished chunks merged into windows of at most this, seconds
WINDOW_CONTEXT_CHARS = 200  # second pass: end of the previous windows' text in the prompt
# A chunk keeps its first-pass words when the second pass lost them: tiny.en sometimes returns
# (almost) no words for 20 s of clear speech in one call. Lost = the first pass has
# ≥ LOST_MIN_WORDS words in the chunk and the second pass fewer than LOST_SHARE of that many.
LOST_MIN_WORDS = 4
LOST_SHARE = 0.5
FORGET_MIN_S = 10.0  # audio before the current chunk is released in steps of at least this
JOIN_TIMEOUT_S = 10.0  # close(): how long to wait for the worker to stop
THREAD_NAME = "voice-coach-stream"


class Cut(NamedTuple):
    """A finished chunk to transcribe: [start_s, end_s), seconds from the start."""

    start_s: float
    end_s: float


class ChunkInfo(NamedTuple):
    """One Whisper call of the stream, seconds from the start of the recording."""

    start_s: float
    end_s: float
    transcribe_s: float  # wall-clock seconds Whisper took
    in_finish: bool  # transcribed after `finish()` was called
    n_words: int


class WindowInfo(NamedTuple):
    """One second-pass decode: finished chunks [start_s, end_s) re-decoded as one piece."""

    start_s: float
    end_s: float
    transcribe_s: float  # wall-clock seconds Whisper took
    in_finish: bool  # decoded after `finish()` was called (the worker had fallen behind)
    n_words: int
    n_chunks: int  # first-pass chunks it replaces
    chunks_lost: int  # chunks whose speech it lost (`split_lost`); their first pass stands


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


class _Chunk(NamedTuple):
    """A first-pass chunk of the open window and its transcript."""

    cut: Cut
    transcript: Transcript


def split_lost(second: Transcript, chunks: list[_Chunk]) -> tuple[Transcript, int]:
    """The second-pass decode of `chunks` (consecutive, in order), except chunks whose speech it
    lost (see LOST_SHARE): those keep their first-pass words. Returns (transcript, chunks lost).
    A word belongs to the chunk its start lies in (the last chunk takes words clamped to its
    end)."""
    ends = [c.cut.end_s for c in chunks[:-1]]
    mine: list[list[Word]] = [[] for _ in chunks]
    for w in second.words:
        mine[next((i for i, e in enumerate(ends) if w.start < e), len(chunks) - 1)].append(w)
    lost = [len(c.transcript.words) >= LOST_MIN_WORDS
            and len(words) < LOST_SHARE * len(c.transcript.words)
            for c, words in zip(chunks, mine)]
    if not any(lost):
        return second, 0
    pieces = []
    for c, words, gone in zip(chunks, mine, lost):
        if gone:
            pieces.append(c.transcript)
            continue
        keep = set(words)
        segments = [sg._replace(words=ws, text=" ".join(w.text for w in ws))
                    for sg in second.segments
                    if (ws := tuple(w for w in sg.words if w in keep))]
        pieces.append(Transcript(" ".join(w.text for w in words), words, segments))
    return _joined(pieces, second), sum(lost)


def _prompt(initial: str | None, text: str, context_chars: int) -> str | None:
    """`initial` followed by the last `context_chars` characters of `text`, from a word start."""
    context = text[-context_chars:] if context_chars > 0 else ""
    if context and len(text) > context_chars:
        context = context.split(" ", 1)[-1]
    return " ".join(p for p in (initial, context) if p) or None


def _joined(parts: list[Transcript], like: Transcript) -> Transcript:
    """Consecutive transcripts as one (backend/model taken from `like`)."""
    return Transcript(text=" ".join(t.text for t in parts if t.text),
                      words=[w for t in parts for w in t.words],
                      segments=[sg for t in parts for sg in t.segments],
                      backend=like.backend, model=like.model)


class StreamingTranscriber:
    """Transcribe an answer chunk by chunk while it is recorded, then improve it window by
    window in the background (see the module docstring).

    Args:
        transcriber: a loaded `Transcriber` (used only by the worker thread until `finish`).
        sample_rate: rate of the fed blocks; must be 16000.
        min_chunk_s / silence_cut_s / flush_silence_s / max_chunk_s: see `ChunkPolicy`.
        initial_prompt: prepended to every chunk's and window's prompt (e.g. `FILLER_PROMPT`).
        context_chars: how much already-transcribed text (characters) follows it in the
            first pass's prompt; 0 = none.
        window_s: longest second-pass window, seconds; 0 turns the second pass off.
        window_context_chars: how much text of the closed windows follows it in a window's
            prompt (as one batch call conditions each 30 s window on the text before it).
        live: blocks arrive in real time (a microphone): the second pass uses only time the
            worker would spend waiting for audio, and chunks it had no time for keep their
            first pass, so a busy CPU never makes `finish()` wait for more than the tail.
            False (a file fed as fast as possible): every window gets its second pass, and the
            result depends only on the audio.
        vad_options: `voice_coach.config.VadOptions`; defaults when None.
        vad_model: a loaded `SileroVad` to share; loaded in the worker when None.
    """

    def __init__(self, transcriber: Transcriber, *, sample_rate: int = SAMPLE_RATE,
                 min_chunk_s: float = MIN_CHUNK_S, silence_cut_s: float = SILENCE_CUT_S,
                 flush_silence_s: float = FLUSH_SILENCE_S, max_chunk_s: float = MAX_CHUNK_S,
                 initial_prompt: str | None = None,
                 context_chars: int = PROMPT_CONTEXT_CHARS, window_s: float = WINDOW_S,
                 window_context_chars: int = WINDOW_CONTEXT_CHARS, live: bool = False,
                 vad_options: Any = None, vad_model: SileroVad | None = None) -> None:
        if sample_rate != SAMPLE_RATE:
            raise ValueError(f"streaming transcription needs {SAMPLE_RATE} Hz blocks, got "
                             f"{sample_rate} Hz; resample with voice_coach.audio.resample")
        if window_s and window_s < max_chunk_s:
            raise ValueError(f"window_s ({window_s}) must be 0 or ≥ max_chunk_s ({max_chunk_s})")
        self.transcriber = transcriber
        self.sample_rate = sample_rate
        self.initial_prompt = initial_prompt
        self.context_chars = context_chars
        self.window_s = window_s
        self.window_context_chars = window_context_chars
        self.live = live
        self.policy = ChunkPolicy(min_chunk_s, silence_cut_s, flush_silence_s, max_chunk_s)
        self._vad_options = vad_options
        self._vad_model = vad_model
        self._queue: queue.Queue[Any] = queue.Queue()
        self._lock = threading.Lock()  # guards the transcript state below
        self._blocks: list[np.ndarray] = []
        self._n_samples = 0  # samples fed so far (the recording's timeline)
        self._base = 0  # timeline index of the first sample still held in `_blocks`
        self._done: list[Transcript] = []  # closed windows (second pass) and the tail, in order
        self._open: list[_Chunk] = []  # first-pass chunks of the window still growing
        self._open_decode: tuple[int, Transcript] | None = None  # (chunks of `_open` covered,
        #                                                           their second pass)
        self._chunks: list[ChunkInfo] = []
        self._windows: list[WindowInfo] = []
        self._ahead: tuple[tuple[int, int, str | None], Transcript, ChunkInfo] | None = None
        #  the tail decoded while the speaker was silent: ((start, end sample, prompt), result)
        self._error: BaseException | None = None
        self._heard: HeardSpeech | None = None
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
        """Text transcribed so far (second pass where done, first pass after it)."""
        with self._lock:
            return " ".join(t.text for t in self._pieces() if t.text)

    def chunks(self) -> list[ChunkInfo]:
        """The first-pass chunks (and the tail) transcribed so far, in order."""
        with self._lock:
            return list(self._chunks)

    def windows(self) -> list[WindowInfo]:
        """Every second-pass decode so far, in order (a growing window may appear repeatedly)."""
        with self._lock:
            return list(self._windows)

    def heard(self) -> HeardSpeech | None:
        """The batch VAD (`speech_and_quiet`) of every block fed, computed as the blocks came
        (`SpeechStream`); None until `finish()` has returned."""
        return self._heard if self._finished.is_set() else None

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

    # --- transcript state (call with self._lock held) ------------------------------------------

    def _pieces(self) -> list[Transcript]:
        """The transcript in time order: closed windows, then the open window (its latest
        second pass, then the first pass of chunks that joined after it)."""
        if self._open_decode is None:
            return [*self._done, *(c.transcript for c in self._open)]
        n, decoded = self._open_decode
        return [*self._done, decoded, *(c.transcript for c in self._open[n:])]

    def _transcript(self) -> Transcript:
        with self._lock:
            pieces = self._pieces()
        return _joined(pieces, Transcript("", [], [], getattr(self.transcriber, "backend", ""),
                                          getattr(self.transcriber, "model_name", "")))

    # --- worker side ------------------------------------------------------------------------

    def _audio(self, start: int, end: int) -> np.ndarray:
        """Samples [start, end) of the recording's timeline (only those not yet forgotten)."""
        if len(self._blocks) > 1:
            self._blocks = [np.concatenate(self._blocks)]
        if not self._blocks:
            return np.zeros(0, np.float32)
        return self._blocks[0][max(0, start - self._base):max(0, end - self._base)]

    def _forget_before(self, index: int) -> None:
        """Drop held samples before timeline `index` (the open window's start): they are never
        transcribed again, so a long drill keeps at most a window and a chunk in memory."""
        if index - self._base < FORGET_MIN_S * self.sample_rate:
            return
        data = self._audio(self._base, self._n_samples)
        self._blocks = [data[index - self._base:].copy()]
        self._base = index

    def _prompt(self) -> str | None:
        """First-pass prompt: the initial prompt plus the end of the text so far."""
        with self._lock:
            committed = " ".join(t.text for t in self._pieces() if t.text)
        return _prompt(self.initial_prompt, committed, self.context_chars)

    def _decode(self, cut: Cut, prompt: str | None) -> tuple[Transcript, float, float, float]:
        """Whisper on [cut.start_s, cut.end_s): (transcript, start_s, end_s, wall seconds)."""
        start = max(0, int(round(cut.start_s * self.sample_rate)))
        end = min(self._n_samples, int(round(cut.end_s * self.sample_rate)))
        t0 = time.perf_counter()
        if end <= start:
            result = Transcript("", [], [], getattr(self.transcriber, "backend", ""),
                                getattr(self.transcriber, "model_name", ""))
        else:
            result = self.transcriber.transcribe(self._audio(start, end), initial_prompt=prompt,
                                                 offset_s=start / self.sample_rate)
        return result, start / self.sample_rate, end / self.sample_rate, time.perf_counter() - t0

    def _first_pass(self, cut: Cut, in_finish: bool) -> Transcript:
        result, start_s, end_s, took = self._decode(cut, self._prompt())
        info = ChunkInfo(start_s, end_s, took, in_finish, len(result.words))
        log.debug("chunk %.2f–%.2f s: %d words in %.2f s", start_s, end_s, info.n_words, took)
        with self._lock:
            self._chunks.append(info)
        return result

    def _add_chunk(self, cut: Cut, result: Transcript) -> None:
        """Put a first-pass chunk into the open window, closing the window first when the
        chunk would make it longer than `window_s`."""
        if self.window_s <= 0:
            with self._lock:
                self._done.append(result)
            return
        if self._open and cut.end_s - self._open[0].cut.start_s > self.window_s:
            self._close_window(in_finish=self._finishing)
        with self._lock:
            self._open.append(_Chunk(cut, result))

    def _decode_window(self, in_finish: bool) -> Transcript:
        """Second pass over the whole open window (the batch decode options)."""
        cut = Cut(self._open[0].cut.start_s, self._open[-1].cut.end_s)
        with self._lock:
            done = " ".join(t.text for t in self._done if t.text)
        result, start_s, end_s, took = self._decode(
            cut, _prompt(self.initial_prompt, done, self.window_context_chars))
        log.debug("window %.2f–%.2f s (%d chunks): %d words in %.2f s", start_s, end_s,
                  len(self._open), len(result.words), took)
        result, n_lost = split_lost(result, self._open)
        if n_lost:
            log.debug("window %.2f–%.2f s lost the speech of %d chunk(s); their first pass stays",
                      start_s, end_s, n_lost)
        with self._lock:
            self._windows.append(WindowInfo(start_s, end_s, took, in_finish, len(result.words),
                                            len(self._open), n_lost))
            self._open_decode = (len(self._open), result)
        return result

    def _window_due(self) -> bool:
        """Whether the open window has chunks its latest second pass does not cover."""
        covered = self._open_decode[0] if self._open_decode is not None else 0
        return len(self._open) > covered

    def _close_window(self, in_finish: bool) -> None:
        """Move the open window to the finished transcript: second pass where done (live) or
        always (not live)."""
        if not self._open:
            return
        if self._window_due() and not self.live:
            self._decode_window(in_finish)
        with self._lock:
            self._done.append(_joined(self._pieces()[len(self._done):], self._open[0].transcript))
            self._open, self._open_decode = [], None

    def _tail_cut(self, state: Any) -> Cut | None:
        """The speech after the last cut, up to the end of what was fed — live, only up to
        `TAIL_PAD_S` after the last speech heard, so the tail decoded ahead is the one
        `finish()` needs; None when it holds no speech."""
        if not self.policy.has_speech(state.t_s, state.silence_s, state.speech_seen):
            return None
        end_s = self._n_samples / self.sample_rate
        if self.live and state.silence_s >= TAIL_PAD_S:
            end_s = min(end_s, state.t_s - state.silence_s + TAIL_PAD_S)
        return Cut(self.policy.chunk_start_s, end_s)

    def _tail_key(self, cut: Cut) -> tuple[int, int, str | None]:
        """What a tail decode depends on: its samples and its prompt."""
        return (int(round(cut.start_s * self.sample_rate)),
                int(round(cut.end_s * self.sample_rate)), self._prompt())

    def _decode_ahead(self, state: Any) -> None:
        """Live and idle, the speaker silent for `TAIL_PAD_S`: decode the tail now, so that
        if the answer ends here `finish()` has nothing left to transcribe."""
        cut = self._tail_cut(state)
        if cut is None or state.silence_s < TAIL_PAD_S:
            return
        key = self._tail_key(cut)
        if self._ahead is not None and self._ahead[0] == key:
            return
        result, start_s, end_s, took = self._decode(cut, key[2])
        self._ahead = (key, result, ChunkInfo(start_s, end_s, took, False, len(result.words)))
        log.debug("tail %.2f–%.2f s decoded ahead: %d words in %.2f s", start_s, end_s,
                  len(result.words), took)

    def _finish_stream(self, vad: Any) -> None:
        """After the last block: the open window's second pass if still due, then the tail
        (first-pass style: it is all that is left to wait for; already decoded when the
        speaker fell silent before the end and nothing changed since, `_decode_ahead`)."""
        tail = self._tail_cut(vad.state)
        self._close_window(in_finish=True)
        if tail is None:
            return
        if self._ahead is not None and self._ahead[0] == self._tail_key(tail):
            result = self._ahead[1]
            with self._lock:
                self._chunks.append(self._ahead[2])
        else:
            result = self._first_pass(tail, in_finish=True)
        with self._lock:
            self._done.append(result)

    def _window_start_index(self) -> int:
        start_s = self._open[0].cut.start_s if self._open else self.policy.chunk_start_s
        return int(start_s * self.sample_rate)

    def _run(self) -> None:
        try:
            if self._vad_options is None:
                self._vad_options = VadOptions()
            vad = StreamingVad(self._vad_options, self._vad_model, sample_rate=self.sample_rate)
            speech = SpeechStream(self._vad_options, vad.model, sample_rate=self.sample_rate)
            while True:
                item = self._queue.get()
                if item is _STOP:
                    return
                if item is _FINISH:
                    self._heard = speech.finish()
                    self._finish_stream(vad)
                    self._finished.set()
                    continue
                self._blocks.append(item)
                self._n_samples += item.size
                state = vad.process(item)
                speech.add(item)
                cut = self.policy.update(state.t_s, state.silence_s, state.speech_seen)
                if cut is not None:
                    self._add_chunk(cut, self._first_pass(cut, in_finish=self._finishing))
                if self._window_due() and self._queue.empty() and not self._finishing:
                    self._decode_window(in_finish=False)  # idle: nothing else to do now
                elif self.live and self._queue.empty() and not self._finishing:
                    self._decode_ahead(state)
                self._forget_before(self._window_start_index())
                with self._progress:
                    self._n_done += 1
                    self._progress.notify_all()
        except BaseException as e:  # handed to the caller by finish()
            log.debug("streaming worker failed", exc_info=True)
            self._error = e
            self._finished.set()
            with self._progress:
                self._progress.notify_all()
