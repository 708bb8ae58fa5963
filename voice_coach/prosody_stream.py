"""Pitch and energy of an answer computed while it is recorded.

Like `voice_coach.streaming`: the recorder's thread calls `ProsodyStream.feed(block)`, which
copies the block onto a queue and returns at once; a named worker thread
("voice-coach-prosody") adds blocks to a `TrackBuilder` and computes every
`CHUNK_S` of finished cells, so when the answer ends only the last ≤ `CHUNK_S` is left for
`finish()`. The worker first warms librosa (its first YIN call loads compiled code, ~1 s),
so that cost never lands after the answer.

Blocking: `feed` never blocks; `finish` waits for the worker (with a timeout) and returns the
`ProsodyTrack`; `close` stops it. Measured in `make bench` (bench/bench_feedback.py).
"""

from __future__ import annotations

import logging
import queue
import threading
from typing import Any

import numpy as np

from voice_coach.analysis.prosody import (CELL_S, SAMPLE_RATE, ProsodyTrack, TrackBuilder,
                                          extract_track)

log = logging.getLogger(__name__)

CHUNK_S = 1.0  # audio computed at a time while recording (the most left for the end)
WARMUP_S = 0.5  # silent audio run through once before the first block
THREAD_NAME = "voice-coach-prosody"
JOIN_TIMEOUT_S = 10.0

_FINISH = object()


class ProsodyStream:
    """Build an answer's `ProsodyTrack` from blocks of 16 kHz mono float32 as they arrive."""

    def __init__(self) -> None:
        self._queue: queue.Queue[Any] = queue.Queue()
        self._builder = TrackBuilder()
        self._track: ProsodyTrack | None = None
        self._error: BaseException | None = None
        self._done = threading.Event()
        self._closed = False
        self._thread = threading.Thread(target=self._run, name=THREAD_NAME, daemon=True)
        self._thread.start()

    def feed(self, block: np.ndarray) -> None:
        """Queue a copy of one block; returns immediately."""
        if self._closed:
            return
        a = np.array(block, dtype=np.float32, copy=True)
        if a.ndim == 2:
            a = a.mean(axis=1) if a.shape[1] > 1 else a.reshape(-1)
        self._queue.put_nowait(a.reshape(-1))

    def wait_idle(self) -> None:
        """Block until every block fed so far has been processed."""
        self._queue.join()

    def finish(self, timeout_s: float = JOIN_TIMEOUT_S) -> ProsodyTrack | None:
        """The whole track, or None when the worker failed or did not finish in time (the
        caller then computes it from the saved audio)."""
        if not self._closed:
            self._closed = True
            self._queue.put_nowait(_FINISH)
        if not self._done.wait(timeout_s):
            log.warning("prosody worker did not finish in %.0f s", timeout_s)
            return None
        if self._error is not None:
            log.warning("prosody worker failed: %s", self._error)
            return None
        return self._track

    def close(self) -> None:
        """Stop the worker (idempotent)."""
        if not self._closed:
            self._closed = True
            self._queue.put_nowait(_FINISH)
        self._thread.join(JOIN_TIMEOUT_S)

    def __enter__(self) -> ProsodyStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _run(self) -> None:
        try:
            extract_track(np.zeros(int(WARMUP_S * SAMPLE_RATE), np.float32))
            min_cells = int(round(CHUNK_S / CELL_S))
            while True:
                item = self._queue.get()
                try:
                    if item is _FINISH:
                        self._track = self._builder.finish()
                        return
                    self._builder.add(item)
                    self._builder.process(min_cells)
                finally:
                    self._queue.task_done()
        except BaseException as e:  # handed to the caller by finish()
            log.debug("prosody worker failed", exc_info=True)
            self._error = e
        finally:
            self._done.set()
