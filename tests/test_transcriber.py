"""Both Whisper backends on real audio: accuracy, word-time invariants, edge cases, parity."""

from __future__ import annotations

import numpy as np
import pytest
from tools import wer

from voice_coach.audio import load_audio
from voice_coach.errors import ModelNotFoundError, VoiceCoachError
from voice_coach.transcriber import (
    BACKENDS,
    FILLER_PROMPT,
    SAMPLE_RATE,
    Transcript,
    Word,
    _words_in_order,
    compression_ratio,
    is_hallucination,
    load_transcriber,
)


@pytest.fixture(scope="module", params=BACKENDS)
def transcriber(request: pytest.FixtureRequest):
    return load_transcriber(request.param, "tiny.en")


@pytest.fixture(scope="module")
def jfk(clip) -> np.ndarray:
    return load_audio(clip("jfk"))


@pytest.fixture(scope="module")
def jfk_result(transcriber, jfk) -> Transcript:
    return transcriber.transcribe(jfk)


@pytest.mark.slow
def test_jfk_wer(jfk_result: Transcript, manifest, transcriber) -> None:
    assert jfk_result.backend == transcriber.backend and jfk_result.model == "tiny.en"
    assert wer(manifest["jfk"]["transcript"], jfk_result.text) <= 0.10


@pytest.mark.slow
def test_words_monotonic_and_inside_audio(jfk_result: Transcript, jfk: np.ndarray) -> None:
    duration = jfk.size / SAMPLE_RATE
    words = jfk_result.words
    assert len(words) >= 20
    for w in words:
        assert w.text == w.text.strip() and w.text
        assert 0.0 <= w.start <= w.end <= duration
        assert 0.0 <= w.probability <= 1.0
    for a, b in zip(words, words[1:]):
        assert a.start <= b.start and a.end <= b.start + 1e-6
    # "Americans" is spoken around 1.3-2.2 s in the clip.
    americans = next(w for w in words if w.text.lower().startswith("americans"))
    assert 1.0 <= americans.start <= 2.0
    seg_words = [w for s in jfk_result.segments for w in s.words]
    assert seg_words == words


@pytest.mark.slow
def test_offset_shifts_every_time(transcriber, jfk: np.ndarray, jfk_result: Transcript) -> None:
    shifted = transcriber.transcribe(jfk, offset_s=100.0)
    assert shifted.text == jfk_result.text
    for a, b in zip(jfk_result.words, shifted.words):
        assert b.start == pytest.approx(a.start + 100.0, abs=1e-6)
        assert b.end == pytest.approx(a.end + 100.0, abs=1e-6)


@pytest.mark.slow
@pytest.mark.parametrize("audio", [np.zeros(0, np.float32), np.zeros(SAMPLE_RATE * 3, np.float32),
                                   np.zeros(100, np.float32)], ids=["empty", "silence", "tiny"])
def test_empty_or_silent_audio_gives_empty_transcript(transcriber, audio: np.ndarray) -> None:
    result = transcriber.transcribe(audio, initial_prompt=FILLER_PROMPT)
    assert result.text == "" and result.words == [] and result.segments == []


@pytest.mark.slow
def test_low_noise_does_not_hallucinate(transcriber) -> None:
    noise = (np.random.default_rng(7).standard_normal(SAMPLE_RATE * 5) * 0.01).astype(np.float32)
    assert len(transcriber.transcribe(noise, initial_prompt=FILLER_PROMPT).words) <= 1


@pytest.mark.slow
def test_filler_prompt_is_not_echoed(transcriber, jfk: np.ndarray, manifest) -> None:
    result = transcriber.transcribe(jfk, initial_prompt=FILLER_PROMPT)
    assert wer(manifest["jfk"]["transcript"], result.text) <= 0.10


def test_unknown_backend_lists_valid_ones() -> None:
    with pytest.raises(VoiceCoachError, match="faster-whisper, openai-whisper"):
        load_transcriber("whisper.cpp")


@pytest.mark.parametrize("backend", BACKENDS)
def test_missing_model_path(tmp_path, backend: str) -> None:
    with pytest.raises(ModelNotFoundError):
        load_transcriber(backend, str(tmp_path / "missing-model"))


def test_same_signature() -> None:
    import inspect

    from voice_coach.transcriber import FasterWhisperTranscriber, OpenAIWhisperTranscriber

    a = inspect.signature(FasterWhisperTranscriber.transcribe)
    b = inspect.signature(OpenAIWhisperTranscriber.transcribe)
    assert a == b


@pytest.mark.slow
def test_greedy_fp32_parity_between_backends(jfk: np.ndarray) -> None:
    """The converted checkpoint is exact: greedy fp32 text is character-identical."""
    fw = load_transcriber("faster-whisper", "tiny.en", beam_size=1, compute_type="float32")
    ow = load_transcriber("openai-whisper", "tiny.en", beam_size=1)
    a, b = fw.transcribe(jfk), ow.transcribe(jfk)
    assert a.text == b.text
    assert [w.text for w in a.words] == [w.text for w in b.words]
    starts = np.array([w.start for w in a.words]) - np.array([w.start for w in b.words])
    assert np.max(np.abs(starts)) <= 0.1


@pytest.mark.slow
def test_base_model_faster_whisper(jfk: np.ndarray, manifest) -> None:
    base = load_transcriber("faster-whisper", "base", beam_size=1)
    assert wer(manifest["jfk"]["transcript"], base.transcribe(jfk).text) <= 0.10


# --- pure helpers --------------------------------------------------------------------------

@pytest.mark.parametrize("text,start,end,probs,expected", [
    ("And so my fellow Americans, ask not", 0.0, 2.2, (0.9, 0.8), False),
    ("Thank you very much.", 39.23, 39.71, (0.02, 0.98, 0.31, 0.99), True),  # 42 chars/s
    ("Thank you.", 39.35, 39.71, (0.01, 0.98), True),  # stock phrase, near-zero word
    ("Thank you.", 60.0, 60.8, (0.85, 0.97), False),  # a real, confident closing
    ("a little bit of " * 12, 29.0, 45.0, (), True),  # repetition loop
    ("OK.", 1.0, 1.05, (0.9,), False),  # too short to judge by rate
])
def test_is_hallucination(text: str, start: float, end: float, probs: tuple,
                          expected: bool) -> None:
    assert is_hallucination(text, start, end, probs) is expected


def test_compression_ratio_flags_loops() -> None:
    assert compression_ratio("the quick brown fox jumps over the lazy dog") < 1.5
    assert compression_ratio("you know " * 30) > 2.4


def test_repeats_at_one_instant_are_kept_true_duplicates_dropped() -> None:
    """"uh, uh, uh" stamped at one instant is three fillers; a word emitted twice over the
    same audio (a segment repeating the previous one's last word) is one."""
    from voice_coach.transcriber import _build, is_duplicate

    stacked = [(" liner.", 4.26, 4.5, 0.9), (" Uh,", 4.5, 5.84, 0.4), (" uh,", 5.84, 5.84, 0.2),
               (" uh,", 5.84, 5.84, 0.2)]
    t = _build([(4.0, 5.84, "liner. Uh, uh, uh,", stacked)], offset_s=0.0, duration_s=8.0,
               backend="x", model="y")
    assert [w.text for w in t.words] == ["liner.", "Uh,", "uh,", "uh,"]
    segs = [(0.0, 2.0, "we shipped it", [(" we", 0.2, 0.5, 0.9), (" shipped", 0.5, 1.0, 0.9),
                                         (" it", 1.0, 1.6, 0.9)]),
            (1.4, 3.0, "it today", [(" it", 1.1, 1.5, 0.5), (" today", 1.6, 2.2, 0.9)])]
    t = _build(segs, offset_s=0.0, duration_s=4.0, backend="x", model="y")
    assert [w.text for w in t.words] == ["we", "shipped", "it", "today"]
    assert t.text == "we shipped it today"
    said_twice = [Word("uh", 1.0, 1.2, 0.9), Word("uh", 1.5, 1.7, 0.9)]
    assert not is_duplicate(*said_twice)
    assert not is_duplicate(Word("uh", 1.0, 1.0, 0.9), Word("uh", 1.0, 1.0, 0.9))


def test_words_in_order_clamps_overlaps_and_end() -> None:
    words = [Word("a", 0.0, 0.5, 1.0), Word("b", 0.4, 0.3, 1.0), Word("c", 0.9, 12.0, 1.0)]
    fixed = _words_in_order(words, end_s=11.0)
    assert [(w.start, w.end) for w in fixed] == [(0.0, 0.5), (0.5, 0.5), (0.9, 11.0)]
