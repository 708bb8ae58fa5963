"""Speech recognition: the `Transcriber` protocol and its Whisper backends (being built).

Types are small NamedTuples like faster-whisper's; times are seconds from the start of the audio.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple, Protocol

import numpy as np


class Word(NamedTuple):
    text: str  # as Whisper wrote it, leading space stripped
    start: float  # seconds from the start of the audio
    end: float
    probability: float


class Segment(NamedTuple):
    start: float
    end: float
    text: str
    words: tuple[Word, ...]


@dataclass(frozen=True)
class Transcript:
    text: str
    words: list[Word]
    segments: list[Segment] = field(default_factory=list)
    backend: str = ""
    model: str = ""


class Transcriber(Protocol):
    backend: str
    model_name: str

    def transcribe(self, audio: np.ndarray, *, initial_prompt: str | None = None,
                   offset_s: float = 0.0) -> Transcript:
        """Transcribe mono float32 16 kHz audio; word times are offset by `offset_s`."""
        ...
