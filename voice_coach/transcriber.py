"""Speech recognition: the `Transcriber` protocol and its two Whisper backends.

`load_transcriber(backend, model)` returns a `FasterWhisperTranscriber` (CTranslate2, int8 on
CPU — the default) or an `OpenAIWhisperTranscriber` (the openai-whisper package, running a
checkpoint converted from the same CTranslate2 weights). Both return our own `Transcript` with
word timestamps; both decode deterministically (temperature 0, English). Weights are resolved
offline by `voice_coach.models`; faster_whisper / whisper / torch are imported only when a
backend is constructed. `transcribe` blocks for the duration of the inference (about 3–6 % of
the audio length for faster-whisper tiny.en on 2 cores); one call at a time per object.

Types are small NamedTuples like faster-whisper's; times are seconds from the start of the
audio plus the caller's `offset_s`.
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass, field, replace
from typing import Any, Iterable, NamedTuple, Protocol, Sequence

import numpy as np

from voice_coach import models
from voice_coach.clock import SAMPLE_RATE
from voice_coach.config import BACKENDS
from voice_coach.errors import AudioError, VoiceCoachError
from voice_coach.report_model import Word  # one word type for every stage (re-exported)

log = logging.getLogger(__name__)

LANGUAGE = "en"
MIN_AUDIO_S = 0.1  # shorter input is treated as empty
SILENT_PEAK = 1e-4  # peak amplitude below which input is digital silence (about -80 dBFS)
# Whisper drops "um"/"uh" unless the prompt shows them; this prompt makes it keep them.
FILLER_PROMPT = "Um, so, uh, I think, like, you know, hmm."
# Words Whisper "hears" in silence longer than this (seconds) are skipped (both backends).
HALLUCINATION_SILENCE_S = 2.0
# Hallucination guards applied to every segment (see `is_hallucination`).
MAX_CHARS_PER_S = 40.0  # fast real speech is ~20 characters/s; squeezed hallucinations are not
MAX_COMPRESSION_RATIO = 2.4  # Whisper's own repetition-loop threshold (gzip ratio of the text)
NO_SPEECH_THRESHOLD = 0.6  # Whisper's own: a window this likely to be silence (and decoded with
#                            low confidence) is skipped — unless `Decode.no_speech_gate` is off
MIN_CHARS_FOR_RATE = 8  # shorter texts ("OK.") are too short to judge by rate
# Whisper's stock phrases for silence/noise; a segment that is only one of these and has a
# near-zero-probability word is dropped (a real closing "Thank you." is decoded confidently).
STOCK_PHRASES = frozenset({"thank you", "thank you very much", "thanks for watching",
                           "thank you for watching", "thank you so much", "you", "bye"})
STOCK_PHRASE_MIN_P = 0.1


class UnrecognisedStretch(NamedTuple):
    """Detected speech that stayed without words after the fallback decode (seconds), with why
    when it is known (`recovery.REPEATED`: the only words heard there repeated earlier ones)."""

    start_s: float
    end_s: float
    reason: str | None = None


class Decode(NamedTuple):
    """Decoding choices for one call (the default is the first pass: greedy or the
    transcriber's beam, temperature 0, Whisper's no-speech gate on)."""

    beam_size: int | None = None  # None = the transcriber's own beam_size
    temperatures: tuple[float, ...] = (0.0,)  # more than one: Whisper's temperature fallback
    no_speech_gate: bool = True  # False: never skip a window as silence (the VAD heard speech)


FIRST_PASS = Decode()


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
    unrecognised: tuple[UnrecognisedStretch, ...] = ()  # set by `voice_coach.recovery`


class Transcriber(Protocol):
    backend: str
    model_name: str

    def transcribe(self, audio: np.ndarray, *, initial_prompt: str | None = None,
                   offset_s: float = 0.0, decode: Decode = FIRST_PASS) -> Transcript:
        """Transcribe mono float32 16 kHz audio; word times are offset by `offset_s`."""
        ...


def _as_audio(audio: np.ndarray) -> np.ndarray:
    a = np.asarray(audio, dtype=np.float32)
    if a.ndim == 2 and 1 in a.shape:
        a = a.reshape(-1)
    if a.ndim != 1:
        raise AudioError(f"transcribe needs mono audio (one channel), got shape {a.shape}")
    if a.size and not np.all(np.isfinite(a)):
        raise AudioError("audio contains NaN/inf samples — re-record or re-export the file")
    return np.ascontiguousarray(a)


def is_silent(audio: np.ndarray) -> bool:
    """True when `audio` is too short or too quiet for Whisper to hear anything real."""
    return audio.size < MIN_AUDIO_S * SAMPLE_RATE or float(np.max(np.abs(audio))) < SILENT_PEAK


def _words_in_order(words: Iterable[Word], end_s: float) -> list[Word]:
    """Clamp word times so they are non-decreasing, start ≤ end, and not past `end_s`."""
    out: list[Word] = []
    prev_end = -np.inf
    for w in words:
        start = min(max(w.start, prev_end if out else w.start), end_s)
        end = min(max(w.end, start), end_s)
        out.append(w._replace(start=start, end=end))
        prev_end = end
    return out


def compression_ratio(text: str) -> float:
    """gzip compression ratio of `text` (Whisper's measure of repetition loops)."""
    import zlib

    data = text.encode("utf-8")
    return len(data) / max(1, len(zlib.compress(data)))


def is_hallucination(text: str, start_s: float, end_s: float,
                     probabilities: Iterable[float] = ()) -> bool:
    """A decoded segment that cannot be real speech: a repetition loop, more characters than
    anyone can say in its time span (Whisper squeezes text it "hears" in trailing silence,
    e.g. "Thank you very much." into 0.4 s), or a stock phrase with a near-zero-probability
    word."""
    text = text.strip()
    if len(text) > 40 and compression_ratio(text) > MAX_COMPRESSION_RATIO:
        return True
    bare = " ".join("".join(c for c in text.lower() if c.isalpha() or c == " ").split())
    if bare in STOCK_PHRASES and min(probabilities, default=1.0) < STOCK_PHRASE_MIN_P:
        return True
    duration_s = max(end_s - start_s, 1e-3)
    return len(text) >= MIN_CHARS_FOR_RATE and len(text) / duration_s > MAX_CHARS_PER_S


DUPLICATE_OVERLAP = 0.5  # share of the shorter word two same-text words must overlap to be one


def _same_text(a: Word, b: Word) -> bool:
    return a.text.lower().strip(".,!?;:…") == b.text.lower().strip(".,!?;:…")


def is_duplicate(prev: Word, w: Word) -> bool:
    """True when `w` is `prev` emitted twice: the same text over the same audio (both words have
    a length and overlap by at least `DUPLICATE_OVERLAP` of the shorter one), as when a segment
    repeats the last word of the one before. Repeats at one instant ("uh, uh, uh" stamped with
    zero length) are not duplicates: a speaker says "uh, uh, uh" and each one counts."""
    la, lb = prev.end - prev.start, w.end - w.start
    if la <= 0.0 or lb <= 0.0 or not _same_text(prev, w):
        return False
    overlap = min(prev.end, w.end) - max(prev.start, w.start)
    return overlap >= DUPLICATE_OVERLAP * min(la, lb)


def _build(raw_segments: Iterable[tuple[float, float, str, list[tuple[str, float, float, float]]]],
           *, offset_s: float, duration_s: float, backend: str, model: str) -> Transcript:
    """Map backend segments (start, end, text, [(word, start, end, p)]) to a Transcript."""
    end_s = offset_s + duration_s
    segments: list[Segment] = []
    all_words: list[Word] = []
    last_raw: Word | None = None  # the previous kept word with Whisper's own times
    for start, end, text, raw_words in raw_segments:
        words = []
        dropped = False
        for t, s, e, p in raw_words:
            if not t.strip():
                continue
            w = Word(t.strip(), float(s) + offset_s, float(e) + offset_s, float(p))
            if last_raw is not None and is_duplicate(last_raw, w):
                dropped = True
                continue
            words.append(w)
            last_raw = w
        words = _words_in_order(words, end_s)
        if all_words and words and words[0].start < all_words[-1].end:
            words = _words_in_order([all_words[-1], *words], end_s)[1:]
        text = words_text(words) if dropped else text.strip()
        if not text:
            continue
        span = (words[0].start, words[-1].end) if words else (float(start), float(end))
        if is_hallucination(text, *span, [w.probability for w in words]):
            log.debug("dropped implausible segment %.2f-%.2f s: %r", *span, text[:80])
            continue
        seg_start, seg_end = float(start) + offset_s, float(end) + offset_s
        if words:
            seg_start, seg_end = min(seg_start, words[0].start), max(seg_end, words[-1].end)
        segments.append(Segment(seg_start, min(seg_end, end_s), text, tuple(words)))
        all_words.extend(words)
    text = " ".join(s.text for s in segments)
    return Transcript(text=text, words=all_words, segments=segments, backend=backend, model=model)


_ATTACHED = ("-", "%", ".", ",", "'", "?", "!", ":", ";")  # Whisper writes these on the word before


def words_text(words: Iterable[Word]) -> str:
    """The text of `words` as Whisper writes it: a space between words, none before a piece it
    attaches to the word before ("fine" "-tuning" → "fine-tuning", "0" ".83" → "0.83")."""
    out = ""
    for w in words:
        t = w.text.strip()
        out += t if not out or t.startswith(_ATTACHED) else " " + t
    return out


def edit_words(transcript: Transcript, drop: Iterable[int], add: Sequence[Word] = ()
               ) -> Transcript:
    """`transcript` without the words at indices `drop` of `transcript.words` and with the
    words `add` put in time order (each into the segment that holds its start, or the one
    nearest to it); a segment that changes gets its text from its words (as `_build` does for
    a duplicate)."""
    dropped = set(drop)
    if not dropped and not add:
        return transcript
    left = [transcript.words[i] for i in sorted(dropped)]
    segments = []
    for seg in transcript.segments:
        words = []
        for w in seg.words:
            if w in left:
                left.remove(w)
            else:
                words.append(w)
        segments.append(seg._replace(words=tuple(words)) if len(words) < len(seg.words) else seg)
    changed = {k for k, seg in enumerate(segments) if seg is not transcript.segments[k]}
    for w in add:
        if not segments:
            break
        k = min(range(len(segments)), key=lambda k: max(segments[k].start - w.start,
                                                        w.start - segments[k].end, 0.0))
        segments[k] = segments[k]._replace(
            words=tuple(sorted([*segments[k].words, w], key=lambda x: (x.start, x.end))),
            start=min(segments[k].start, w.start), end=max(segments[k].end, w.end))
        changed.add(k)
    segments = [seg._replace(text=words_text(seg.words)) if k in changed else seg
                for k, seg in enumerate(segments) if seg.words or k not in changed]
    kept = sorted([w for i, w in enumerate(transcript.words) if i not in dropped] + list(add),
                  key=lambda w: (w.start, w.end))
    text = ordered_text(segments, kept) if transcript.segments and not left \
        else words_text(kept)  # a word in no segment: the text from the words
    return replace(transcript, text=text, words=kept, segments=segments)


def ordered_text(segments: Sequence[Segment], words: Sequence[Word]) -> str:
    """The transcript's text: its segments' texts, or — when the segments' words are out of
    time order (Whisper's segment times collapsed over seconds of speech and a recovered word's
    segment sorts after them: QA115 F1) — `words` in time order, so every reader sees the words
    in the order they were said."""
    flat = [float(w.start) for seg in segments for w in seg.words]
    if flat == sorted(flat):
        return " ".join(seg.text for seg in segments if seg.text)
    return words_text(sorted(words, key=lambda w: (w.start, w.end)))


def empty_transcript(backend: str = "", model: str = "") -> Transcript:
    return Transcript(text="", words=[], segments=[], backend=backend, model=model)


class FasterWhisperTranscriber:
    """faster-whisper (CTranslate2) backend; int8 weights on CPU by default.

    Args:
        model: "tiny.en", "base" or a local CTranslate2 model folder.
        beam_size: beam width (1 = greedy).
        cpu_threads: CTranslate2 intra-op threads; 0 = min(4, CPU cores).
        compute_type: CTranslate2 compute type ("int8", "float32", ...).
    """

    backend = "faster-whisper"

    def __init__(self, model: str = "tiny.en", *, beam_size: int = 5, cpu_threads: int = 0,
                 compute_type: str = "int8") -> None:
        path = models.resolve_model(model, self.backend)
        models.set_offline_env()
        from faster_whisper import WhisperModel

        self.model_name = model
        self.beam_size = beam_size
        self.compute_type = compute_type
        self._lock = threading.Lock()
        threads = cpu_threads or min(4, os.cpu_count() or 1)  # no oversubscription on 2 cores
        self._model = WhisperModel(str(path), device="cpu", compute_type=compute_type,
                                   cpu_threads=threads, local_files_only=True)

    def transcribe(self, audio: np.ndarray, *, initial_prompt: str | None = None,
                   offset_s: float = 0.0, decode: Decode = FIRST_PASS) -> Transcript:
        """Transcribe mono float32 16 kHz `audio`; times are seconds + `offset_s`."""
        a = _as_audio(audio)
        if is_silent(a):
            return empty_transcript(self.backend, self.model_name)
        with self._lock:
            segments, _info = self._model.transcribe(
                a, language=LANGUAGE, task="transcribe",
                beam_size=decode.beam_size or self.beam_size, temperature=list(decode.temperatures),
                no_speech_threshold=NO_SPEECH_THRESHOLD if decode.no_speech_gate else None,
                word_timestamps=True, initial_prompt=initial_prompt or None,
                condition_on_previous_text=True, vad_filter=False,
                hallucination_silence_threshold=HALLUCINATION_SILENCE_S)
            raw = [(s.start, s.end, s.text, [(w.word, w.start, w.end, w.probability)
                                             for w in (s.words or [])])
                   for s in segments]
        return _build(raw, offset_s=offset_s, duration_s=a.size / SAMPLE_RATE,
                      backend=self.backend, model=self.model_name)


class OpenAIWhisperTranscriber:
    """openai-whisper backend (PyTorch, float32 on CPU) on weights converted from CTranslate2.

    Args:
        model: "tiny.en", "base", a CTranslate2 folder or an openai-whisper `.pt` file.
        beam_size: beam width (1 = greedy).
        cpu_threads: torch intra-op threads (process-wide); 0 = leave torch's default.
    """

    backend = "openai-whisper"

    def __init__(self, model: str = "tiny.en", *, beam_size: int = 5,
                 cpu_threads: int = 0) -> None:
        self.model_name = model
        self.beam_size = beam_size
        self._lock = threading.Lock()
        self._model = models.load_openai_model(model, device="cpu")
        if cpu_threads > 0:
            import torch

            torch.set_num_threads(cpu_threads)

    def transcribe(self, audio: np.ndarray, *, initial_prompt: str | None = None,
                   offset_s: float = 0.0, decode: Decode = FIRST_PASS) -> Transcript:
        """Transcribe mono float32 16 kHz `audio`; times are seconds + `offset_s`."""
        a = _as_audio(audio)
        if is_silent(a):
            return empty_transcript(self.backend, self.model_name)
        beam = decode.beam_size or self.beam_size
        with self._lock:
            result: dict[str, Any] = self._model.transcribe(
                a, language=LANGUAGE, task="transcribe", temperature=decode.temperatures,
                beam_size=beam if beam > 1 else None, best_of=None,
                no_speech_threshold=NO_SPEECH_THRESHOLD if decode.no_speech_gate else None,
                fp16=False, word_timestamps=True, initial_prompt=initial_prompt or None,
                condition_on_previous_text=True, verbose=None,
                hallucination_silence_threshold=HALLUCINATION_SILENCE_S)
        raw = [(s["start"], s["end"], s["text"],
                [(w["word"], w["start"], w["end"], w["probability"]) for w in s.get("words", [])])
               for s in result["segments"]]
        return _build(raw, offset_s=offset_s, duration_s=a.size / SAMPLE_RATE,
                      backend=self.backend, model=self.model_name)


# one class per `config.BACKENDS` name, in order (a name without a class fails at import)
_BACKENDS: dict[str, type] = dict(zip(BACKENDS, (FasterWhisperTranscriber,
                                                  OpenAIWhisperTranscriber), strict=True))


def load_transcriber(backend: str = "faster-whisper", model: str = "tiny.en", *,
                     beam_size: int = 5, cpu_threads: int = 0,
                     compute_type: str | None = None) -> Transcriber:
    """Load a Whisper backend once; reuse the returned object for every transcription.

    Args:
        backend: "faster-whisper" (default) or "openai-whisper".
        model: "tiny.en", "base", or a local model path (see `voice_coach.models`).
        beam_size: beam width; 1 = greedy.
        cpu_threads: inference threads; 0 = the library default.
        compute_type: faster-whisper only ("int8" default, "float32" for exact comparisons).

    Raises:
        VoiceCoachError: unknown backend (the message lists the valid ones).
        ModelNotFoundError: the weights are not installed; the message names the package.
    """
    if backend not in _BACKENDS:
        raise VoiceCoachError(f"unknown transcriber backend '{backend}': choose one of "
                              f"{', '.join(_BACKENDS)}")
    if beam_size < 1:
        raise VoiceCoachError(f"beam_size must be ≥ 1, got {beam_size}")
    if backend == "faster-whisper":
        return FasterWhisperTranscriber(model, beam_size=beam_size, cpu_threads=cpu_threads,
                                        compute_type=compute_type or "int8")
    if compute_type not in (None, "float32"):
        raise VoiceCoachError(f"compute_type '{compute_type}' is not supported by openai-whisper "
                              f"on CPU: it always runs float32")
    return OpenAIWhisperTranscriber(model, beam_size=beam_size, cpu_threads=cpu_threads)
