"""Streaming transcription: the pure chunk policy, the worker thread, and parity with batch."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import jiwer
import numpy as np
import pytest
from tools import wer

from voice_coach.audio import BLOCK_SIZE, FileSource, load_audio, write_wav
from voice_coach.streaming import (
    LEAD_S,
    TAIL_PAD_S,
    THREAD_NAME,
    ChunkPolicy,
    Cut,
    StreamingTranscriber,
)
from voice_coach.transcriber import (
    FILLER_PROMPT,
    SAMPLE_RATE,
    Segment,
    Transcript,
    Word,
    load_transcriber,
)


def run_policy(policy: ChunkPolicy, states: list[tuple[float, float, bool]]) -> list[Cut]:
    return [c for t, sil, seen in states if (c := policy.update(t, sil, seen)) is not None]


def speech_then_silence(speech_s: float, silence_s: float, start_s: float = 0.0,
                        step_s: float = 0.1) -> list[tuple[float, float, bool]]:
    """Detector states every `step_s`: voiced until start+speech, then a growing silence."""
    out = []
    n_speech = int(round(speech_s / step_s))
    n_silence = int(round(silence_s / step_s))
    for i in range(1, n_speech + 1):
        out.append((start_s + i * step_s, 0.0, True))
    for j in range(1, n_silence + 1):
        out.append((start_s + (n_speech + j) * step_s, j * step_s, True))
    return out


# --- ChunkPolicy (pure) ---------------------------------------------------------------------

def test_policy_never_cuts_without_speech() -> None:
    policy = ChunkPolicy(min_chunk_s=2, silence_cut_s=0.5, flush_silence_s=1.0, max_chunk_s=10)
    states = [(0.1 * i, 0.1 * i, False) for i in range(1, 400)]
    assert run_policy(policy, states) == []
    assert not policy.has_speech(40.0, 40.0, False)


def test_policy_cuts_long_chunk_at_short_pause() -> None:
    policy = ChunkPolicy(min_chunk_s=2, silence_cut_s=0.5, flush_silence_s=1.0, max_chunk_s=10)
    cuts = run_policy(policy, speech_then_silence(3.0, 3.0))
    assert cuts == [(0.0, pytest.approx(3.25))]  # middle of the 0.5 s of silence that triggered it
    assert policy.chunk_start_s == pytest.approx(6.0 - LEAD_S)  # trailing silence skipped


def test_policy_waits_for_flush_silence_on_short_chunk() -> None:
    policy = ChunkPolicy(min_chunk_s=4, silence_cut_s=0.5, flush_silence_s=1.5, max_chunk_s=10)
    assert run_policy(policy, speech_then_silence(1.0, 1.4)) == []
    policy = ChunkPolicy(min_chunk_s=4, silence_cut_s=0.5, flush_silence_s=1.5, max_chunk_s=10)
    assert run_policy(policy, speech_then_silence(1.0, 1.6)) == [(0.0, pytest.approx(1.75))]


def test_policy_splits_continuous_speech_at_max_at_latest_pause() -> None:
    policy = ChunkPolicy(min_chunk_s=9, silence_cut_s=0.5, flush_silence_s=1.0, max_chunk_s=10)
    states = speech_then_silence(4.0, 0.3) + speech_then_silence(8.0, 0.0, start_s=4.3)
    cuts = run_policy(policy, states)
    assert cuts == [(0.0, pytest.approx(4.15))]


def test_policy_hard_cut_when_no_pause_at_all() -> None:
    policy = ChunkPolicy(min_chunk_s=2, silence_cut_s=0.5, flush_silence_s=1.0, max_chunk_s=10)
    cuts = run_policy(policy, speech_then_silence(25.0, 0.0))
    assert cuts == [(0.0, pytest.approx(10.0)), (pytest.approx(10.0), pytest.approx(20.0))]


def test_policy_one_cut_per_silence() -> None:
    policy = ChunkPolicy(min_chunk_s=2, silence_cut_s=0.5, flush_silence_s=1.0, max_chunk_s=10)
    states = speech_then_silence(3.0, 8.0) + speech_then_silence(3.0, 2.0, start_s=11.0)
    # The 8 s silence is skipped except the last LEAD_S before the next speech.
    assert run_policy(policy, states) == [(0.0, pytest.approx(3.25)),
                                          (pytest.approx(11.0 - LEAD_S), pytest.approx(14.25))]


@pytest.mark.parametrize("kwargs", [dict(silence_cut_s=0), dict(silence_cut_s=2, flush_silence_s=1),
                                    dict(min_chunk_s=30, max_chunk_s=25)])
def test_policy_rejects_bad_options(kwargs: dict) -> None:
    with pytest.raises(ValueError):
        ChunkPolicy(**kwargs)


# --- worker thread with a stand-in transcriber ---------------------------------------------

class ChunkEcho:
    """Stand-in Transcriber: one word per chunk, spanning it, named after its start time."""

    backend = "echo"
    model_name = "none"

    def __init__(self, fail: bool = False) -> None:
        self.calls: list[tuple[float, float, str | None, str]] = []
        self.fail = fail

    def transcribe(self, audio: np.ndarray, *, initial_prompt: str | None = None,
                   offset_s: float = 0.0) -> Transcript:
        self.calls.append((offset_s, audio.size / SAMPLE_RATE, initial_prompt,
                           threading.current_thread().name))
        if self.fail:
            raise RuntimeError("model exploded")
        end = offset_s + audio.size / SAMPLE_RATE
        w = Word(f"w{offset_s:.1f}", offset_s, end, 1.0)
        return Transcript(w.text, [w], [Segment(offset_s, end, w.text, (w,))])


def tone_answer(bursts_s: list[tuple[float, float]], total_s: float,
                speech: np.ndarray) -> np.ndarray:
    """Silence with real speech pasted at the given (start, length) places."""
    out = np.zeros(int(total_s * SAMPLE_RATE), np.float32)
    for start, length in bursts_s:
        n = int(length * SAMPLE_RATE)
        i = int(start * SAMPLE_RATE)
        out[i:i + n] = speech[:n]
    return out


@pytest.fixture(scope="module")
def jfk(clip) -> np.ndarray:
    return load_audio(clip("jfk"))


def feed_all(streamer: StreamingTranscriber, audio: np.ndarray) -> float:
    t0 = time.perf_counter()
    for i in range(0, audio.size, BLOCK_SIZE):
        streamer.feed(audio[i:i + BLOCK_SIZE])
    return time.perf_counter() - t0


def test_worker_chunks_at_pauses_with_offsets_and_prompt(jfk: np.ndarray) -> None:
    # JFK's first words (speech ≈ 0.0-1.9 s of the paste) at 1 s, 6 s and 12 s; the last paste
    # is cut short, so the recording ends in speech.
    audio = tone_answer([(1.0, 2.2), (6.0, 2.2), (12.0, 1.5)], 13.5, jfk[int(0.3 * SAMPLE_RATE):])
    echo = ChunkEcho()
    with StreamingTranscriber(echo, initial_prompt="Um.", min_chunk_s=1.0, window_s=0) as s:
        feed_all(s, audio)
        assert s.wait_idle(30)
        before = s.chunks()
        assert s.partial_text() == " ".join(f"w{c.start_s:.1f}" for c in before)
        result = s.finish(30)
    assert len(before) == 2 and not any(c.in_finish for c in before)
    tail = s.chunks()[2:]
    assert len(tail) == 1 and tail[0].in_finish and tail[0].end_s == pytest.approx(13.5)
    # Leading silence beyond LEAD_S is skipped; cuts fall inside the pauses.
    assert 0.0 <= before[0].start_s <= 1.0 and 2.9 < before[0].end_s < 6.0
    assert 2.9 < before[1].start_s < 6.0 and 7.9 < before[1].end_s < 12.0
    assert 7.9 < tail[0].start_s < 12.0
    assert [c[3] for c in echo.calls] == [THREAD_NAME] * 3
    first = f"w{before[0].start_s:.1f}"
    assert echo.calls[0][2] == "Um." and echo.calls[1][2] == f"Um. {first}"
    assert [w.start for w in result.words] == [c.start_s for c in s.chunks()]
    assert result.text == " ".join(f"w{c.start_s:.1f}" for c in s.chunks())


def test_silence_is_never_transcribed() -> None:
    echo = ChunkEcho()
    with StreamingTranscriber(echo) as s:
        noise = (np.random.default_rng(1).standard_normal(SAMPLE_RATE * 20) * 0.003)
        feed_all(s, noise.astype(np.float32))
        result = s.finish(30)
    assert echo.calls == [] and result.text == "" and result.words == []


def test_finish_without_audio_and_close_twice() -> None:
    s = StreamingTranscriber(ChunkEcho())
    assert s.finish(10).words == []
    assert s.finish(10).text == ""  # idempotent
    s.close()
    s.close()
    assert not any(t.name == THREAD_NAME and t.is_alive() for t in threading.enumerate()
                   if t is s._thread)
    s.feed(np.zeros(1600, np.float32))  # after close: ignored, no error


def test_worker_error_reaches_finish(jfk: np.ndarray) -> None:
    with StreamingTranscriber(ChunkEcho(fail=True)) as s:
        feed_all(s, jfk)
        with pytest.raises(RuntimeError, match="model exploded"):
            s.finish(30)


def test_feed_never_blocks_on_a_busy_worker(jfk: np.ndarray) -> None:
    class Slow(ChunkEcho):
        def transcribe(self, audio, **kw):
            time.sleep(0.3)
            return super().transcribe(audio, **kw)

    with StreamingTranscriber(Slow(), min_chunk_s=1.0, flush_silence_s=1.0) as s:
        spent = feed_all(s, np.tile(jfk, 2))
        assert spent < 0.5  # 22 s of audio queued while the worker sleeps
        s.finish(60)


# --- second pass: finished chunks re-decoded in windows -------------------------------------

BURSTS = [(1.0 + 3.9 * i, 2.2) for i in range(10)]  # JFK's first words, 1.7 s pauses between
ANSWER_S = BURSTS[-1][0] + 1.2  # ends inside the last burst: a tail is left for finish()
WORDS_PER_BURST = 4
EXPECTED = [f"b{i}.{k}" for i in range(len(BURSTS)) for k in range(WORDS_PER_BURST)]
WINDOWED = dict(initial_prompt="Um.", min_chunk_s=1.0, max_chunk_s=5.0, window_s=10.0)


class BurstWords:
    """Stand-in Transcriber that hears the pasted bursts: four words for each burst starting
    inside the audio it gets ("b0.0" … "b0.3", "b1.0", ...), in the burst's first second. A
    word's probability is the number of the call that made it. A second-pass call (one that
    gets several bursts) hears nothing of the bursts in `lose`, as tiny.en sometimes does."""

    backend = "bursts"
    model_name = "none"

    def __init__(self, bursts: list[tuple[float, float]], lose: frozenset[int] = frozenset()
                 ) -> None:
        self.bursts = bursts
        self.lose = lose
        self.calls: list[tuple[float, float, str | None]] = []

    def transcribe(self, audio: np.ndarray, *, initial_prompt: str | None = None,
                   offset_s: float = 0.0) -> Transcript:
        end_s = offset_s + audio.size / SAMPLE_RATE
        self.calls.append((offset_s, end_s, initial_prompt))
        heard = [i for i, (start, _) in enumerate(self.bursts) if offset_s <= start < end_s]
        if len(heard) > 1:
            heard = [i for i in heard if i not in self.lose]
        n = len(self.calls) - 1
        words = [Word(f"b{i}.{k}", self.bursts[i][0] + 0.25 * k,
                      min(self.bursts[i][0] + 0.25 * k + 0.2, end_s), float(n))
                 for i in heard for k in range(WORDS_PER_BURST)]
        text = " ".join(w.text for w in words)
        segments = [Segment(offset_s, end_s, text, tuple(words))] if words else []
        return Transcript(text, words, segments)


def final_windows(s: StreamingTranscriber) -> list:
    """The last decode of each window (a growing window is decoded again as chunks join it)."""
    last = {}
    for w in s.windows():
        last[w.start_s] = w
    return sorted(last.values())


def burst_answer(jfk: np.ndarray) -> np.ndarray:
    """The BURSTS answer: it ends inside the last burst."""
    audio = tone_answer(BURSTS[:-1], ANSWER_S, jfk[int(0.3 * SAMPLE_RATE):])
    start = int(BURSTS[-1][0] * SAMPLE_RATE)
    audio[start:] = jfk[int(0.3 * SAMPLE_RATE):][:audio.size - start]
    return audio


def stream_bursts(jfk: np.ndarray, hear: BurstWords, *, idle_after_each_block: bool,
                  live: bool = False, audio: np.ndarray | None = None, **options) -> tuple:
    audio = burst_answer(jfk) if audio is None else audio
    with StreamingTranscriber(hear, live=live, **{**WINDOWED, **options}) as s:
        if idle_after_each_block:  # as in real time: the worker waits for audio after each block
            for i in range(0, audio.size, BLOCK_SIZE):
                s.feed(audio[i:i + BLOCK_SIZE])
                assert s.wait_idle(30)
        else:
            feed_all(s, audio)
        result = s.finish(60)
    return s, result


def test_second_pass_replaces_chunks_once_and_in_order(jfk: np.ndarray) -> None:
    hear = BurstWords(BURSTS)
    s, result = stream_bursts(jfk, hear, idle_after_each_block=False)
    assert [w.text for w in result.words] == EXPECTED
    assert all(a.end <= b.start for a, b in zip(result.words, result.words[1:]))
    assert result.text == " ".join(w.text for w in result.words)
    windows = final_windows(s)
    chunks = s.chunks()
    tail = chunks[-1]
    assert tail.in_finish and tail.end_s == pytest.approx(ANSWER_S)
    # Windows cover the first-pass chunks before the tail in order, start and end where
    # chunks do, hold ≤ window_s, and most span chunk boundaries.
    starts, ends = [c.start_s for c in chunks], [c.end_s for c in chunks]
    assert windows[0].start_s == chunks[0].start_s and windows[-1].end_s <= tail.start_s
    assert all(a.end_s <= b.start_s for a, b in zip(windows, windows[1:]))
    assert all(w.start_s in starts and w.end_s in ends for w in windows)
    assert all(w.end_s - w.start_s <= WINDOWED["window_s"] for w in windows)
    assert sum(w.n_chunks for w in windows) == len(chunks) - 1
    assert sum(w.n_chunks >= 2 for w in windows) >= 3
    assert not any(w.chunks_lost for w in windows)
    # Every word before the tail comes from a second-pass call on its window; the tail's
    # from the tail's own call.
    for w in result.words:
        offset_s, end_s, prompt = hear.calls[int(w.probability)]
        if w.start >= tail.start_s:
            assert (offset_s, end_s) == pytest.approx((tail.start_s, tail.end_s))
        else:
            window = next(x for x in windows if x.start_s <= w.start < x.end_s)
            assert (offset_s, end_s) == pytest.approx((window.start_s, window.end_s))
            # Its prompt: the initial prompt, then the end of the windows before it.
            before = [x.text for x in result.words if x.start < window.start_s]
            assert prompt == "Um." if not before else prompt.startswith("Um. b0.0 ") and \
                prompt.endswith(" " + before[-1])


def test_second_pass_done_while_idle_leaves_only_the_tail(jfk: np.ndarray) -> None:
    fast, fast_result = stream_bursts(jfk, BurstWords(BURSTS), idle_after_each_block=False)
    live, live_result = stream_bursts(jfk, BurstWords(BURSTS), idle_after_each_block=True,
                                      live=True)
    # The final transcript does not depend on when the worker had time.
    assert [(w.text, w.start, w.end) for w in live_result.words] == \
        [(w.text, w.start, w.end) for w in fast_result.words]
    assert [(w.start_s, w.end_s, w.n_chunks) for w in final_windows(live)] == \
        [(w.start_s, w.end_s, w.n_chunks) for w in final_windows(fast)]
    # Fed as in real time, the growing window was decoded while the worker waited for audio:
    # nothing but the tail's first pass is left for finish().
    assert len(live.windows()) > len(final_windows(live))
    assert not any(w.in_finish for w in live.windows())
    assert [c.in_finish for c in live.chunks()] == [False] * (len(live.chunks()) - 1) + [True]


def test_live_tail_is_decoded_while_the_speaker_is_silent(jfk: np.ndarray) -> None:
    """Live, the answer ending after a second of silence (the candidate pressing Enter): the
    last chunk was decoded while the speaker was silent, so finish() transcribes nothing; it
    ends TAIL_PAD_S after the speech, and the transcript is the same whether the worker had
    time for it or not."""
    audio = np.concatenate([burst_answer(jfk), np.zeros(SAMPLE_RATE, np.float32)])
    runs = {idle: stream_bursts(jfk, BurstWords(BURSTS), idle_after_each_block=idle, live=True,
                                audio=audio, min_chunk_s=4.0) for idle in (True, False)}
    s, result = runs[True]
    tail = s.chunks()[-1]
    assert not any(c.in_finish for c in s.chunks())
    assert tail.start_s < BURSTS[-1][0] < ANSWER_S + TAIL_PAD_S - 0.1 <= tail.end_s \
        <= ANSWER_S + TAIL_PAD_S + 0.1
    assert [w.text for w in result.words] == EXPECTED
    assert [(w.text, w.start, w.end) for w in runs[False][1].words] == \
        [(w.text, w.start, w.end) for w in result.words]


@pytest.mark.parametrize("lose", [frozenset(range(len(BURSTS))), frozenset({1, 5})])
def test_chunks_the_second_pass_loses_keep_their_first_pass(jfk: np.ndarray,
                                                            lose: frozenset[int]) -> None:
    hear = BurstWords(BURSTS, lose=lose)
    s, result = stream_bursts(jfk, hear, idle_after_each_block=False)
    assert [w.text for w in result.words] == EXPECTED
    chunks = s.chunks()
    windows = final_windows(s)
    assert sum(w.chunks_lost for w in windows) == sum(
        any(c.start_s <= BURSTS[i][0] < c.end_s for i in lose) and w.n_chunks > 1
        for w in windows for c in chunks if w.start_s <= c.start_s < w.end_s)
    for w in result.words:  # lost bursts from their chunk's first pass, the rest from windows
        offset_s, end_s, _ = hear.calls[int(w.probability)]
        burst = int(w.text[1:].split(".")[0])
        from_chunk = any((c.start_s, c.end_s) == pytest.approx((offset_s, end_s)) for c in chunks)
        window = next(x for x in windows + [chunks[-1]] if x.start_s <= w.start < x.end_s)
        assert from_chunk == (burst in lose or window is chunks[-1]
                              or getattr(window, "n_chunks", 1) == 1)


def test_live_stream_that_falls_behind_never_waits_for_windows(jfk: np.ndarray) -> None:
    # Blocks queued faster than the worker takes them: in live mode the second pass only runs
    # when the worker waits for audio, so finish() has nothing but the tail to do, and every
    # word is still there once, in order.
    s, result = stream_bursts(jfk, BurstWords(BURSTS), idle_after_each_block=False, live=True)
    assert [w.text for w in result.words] == EXPECTED
    assert not any(w.in_finish for w in s.windows())
    assert [c.in_finish for c in s.chunks()][-1]


def test_window_must_hold_a_chunk() -> None:
    with pytest.raises(ValueError, match="window_s"):
        StreamingTranscriber(ChunkEcho(), max_chunk_s=25.0, window_s=20.0)


HANG_S = 3600  # only a guard against a hung worker; a loaded machine may be very slow


# --- real Whisper --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def tiny():
    return load_transcriber("faster-whisper", "tiny.en")


@pytest.mark.slow
def test_stream_matches_batch_on_star_answer(tiny, clip, manifest) -> None:
    audio = load_audio(clip("syn_star_60s"))
    batch = tiny.transcribe(audio, initial_prompt=FILLER_PROMPT)
    with StreamingTranscriber(tiny, initial_prompt=FILLER_PROMPT) as s:
        feed_all(s, audio)
        assert s.wait_idle(HANG_S)
        committed = s.partial_text()
        n_before = len(s.chunks())
        stream = s.finish(HANG_S)
    chunks = s.chunks()
    stream_vs_batch = wer(batch.text, stream.text)
    print(f"stream-vs-batch WER {stream_vs_batch:.3f}; {len(chunks)} chunks; "
          f"{chunks[-1].end_s - chunks[-1].start_s:.1f} s tail")
    assert stream_vs_batch <= 0.10
    assert wer(manifest["syn_star_60s"]["transcript"], stream.text) <= 0.20
    # finish() transcribed only what came after the last cut.
    assert n_before >= 4
    assert all(c.in_finish for c in chunks[n_before:]) and len(chunks) - n_before <= 1
    assert stream.text.startswith(committed)
    assert not any(w.in_finish for w in s.windows())  # the second pass was done while idle
    # Chunks are ordered and disjoint; words are ordered and inside the recording.
    assert all(a.end_s <= b.start_s for a, b in zip(chunks, chunks[1:]))
    duration = audio.size / SAMPLE_RATE
    for a, b in zip(stream.words, stream.words[1:]):
        assert a.start <= a.end <= b.start + 1e-6
    assert 0.0 <= stream.words[0].start and stream.words[-1].end <= duration


@pytest.mark.slow
def test_long_silence_is_not_filled_with_text(tiny, clip) -> None:
    # 30-52 s of the clip: speech, the 6 s silence (39.4-45.4 s), speech.
    audio = load_audio(clip("syn_long_silence_90s"))[30 * SAMPLE_RATE:52 * SAMPLE_RATE]
    with StreamingTranscriber(tiny, initial_prompt=FILLER_PROMPT) as s:
        feed_all(s, audio)
        stream = s.finish(180)
    assert len(stream.words) >= 30
    assert not [w for w in stream.words if 10.0 < w.start < 15.0]
    assert "thank you" not in stream.text.lower()


REAL_CLIPS = ["mfa_acoustic_corpus", "mfa_surround", "jfk", "mfa_crossword"]  # 61.6 s, real voices


@pytest.mark.slow
def test_live_transcript_is_as_good_as_batch_on_a_real_minute(clip, manifest,
                                                              tmp_path: Path) -> None:
    from whisper.normalizers import EnglishTextNormalizer

    from voice_coach import pipeline
    from voice_coach.config import Config

    cfg = Config()  # the product's decode (greedy, filler prompt), as `analyze` and `practice`
    tr = load_transcriber(cfg.transcriber.backend, cfg.transcriber.model,
                          beam_size=cfg.transcriber.beam_size)
    path = write_wav(tmp_path / "answer.wav",
                     np.concatenate([load_audio(clip(c)) for c in REAL_CLIPS]))
    reference = " ".join(manifest[c]["transcript"] for c in REAL_CLIPS)
    batch = pipeline.transcribe_audio(load_audio(path), tr, cfg)  # what `analyze` does
    with StreamingTranscriber(tr, initial_prompt=FILLER_PROMPT, vad_options=cfg.vad) as live:
        for block in FileSource(path).blocks():  # as fast as possible, same blocks as live
            live.feed(block)
        live_t = live.finish(HANG_S)
    norm = EnglishTextNormalizer()
    wers = {name: jiwer.wer(norm(reference), norm(t.text))
            for name, t in (("batch", batch), ("live", live_t))}
    print({k: round(v, 3) for k, v in wers.items()}, [tuple(w[:2]) for w in live.windows()])
    assert wers["live"] <= wers["batch"] + 0.03
    windows = {w.start_s: w for w in live.windows()}.values()
    assert any(w.n_chunks > 1 and not w.chunks_lost for w in windows)
    words = live_t.words
    assert all(a.start <= b.start for a, b in zip(words, words[1:]))
    assert not [(a.text, a.start) for a, b in zip(words, words[1:])
                if a.text == b.text and abs(a.start - b.start) < 0.05]  # nothing twice
