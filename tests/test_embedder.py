"""The ONNX sentence embedder's per-text cache (real model): cached results are the same bits,
in the caller's order, only uncached texts run, and threads may share it."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from voice_coach.analysis.structure import SPAN_WINDOWS
from voice_coach.embedder import OnnxEmbedder, model_files

TEXTS = ["I led the migration of our billing system to a new provider",
         "we cut costs by twenty percent",
         "the team was small",
         "so I organised weekly reviews with finance and engineering to keep everyone aligned "
         "while the old system was still running and customers were still being billed on it"]


@pytest.fixture(scope="module")
def fresh():
    """A new embedder per call (empty cache), sharing nothing with the process-wide one."""
    files = model_files()
    return lambda: OnnxEmbedder(*files)


def _same(a, b) -> None:
    for x, y in zip(a, b):
        assert x.dtype == y.dtype and x.shape == y.shape
        assert np.array_equal(x, y)


def test_a_cache_hit_gives_the_same_bits_in_the_callers_order(fresh):
    cold = fresh().embed_spans(TEXTS, SPAN_WINDOWS)
    warm = fresh()
    warm.embed_spans(TEXTS[::-1], SPAN_WINDOWS)
    _same(cold, warm.embed_spans(TEXTS, SPAN_WINDOWS))
    assert np.array_equal(warm.embed(TEXTS), cold.vectors)


def test_only_uncached_texts_run_and_the_result_matches_one_cold_run(fresh):
    e = fresh()
    e.embed_spans(TEXTS[:2], SPAN_WINDOWS)
    assert e.computed == 2
    mixed = e.embed_spans(TEXTS + [TEXTS[0]], SPAN_WINDOWS)
    assert e.computed == 4  # the two new texts, the repeat and the cached ones not again
    _same(mixed, fresh().embed_spans(TEXTS + [TEXTS[0]], SPAN_WINDOWS))
    assert e.is_cached(TEXTS[3], SPAN_WINDOWS) and not e.is_cached(TEXTS[3], ())


def test_threads_share_the_cache(fresh):
    e = fresh()
    expected = fresh().embed_spans(TEXTS, SPAN_WINDOWS)
    results = [None] * 4

    def run(k: int) -> None:
        results[k] = e.embed_spans(TEXTS, SPAN_WINDOWS)

    threads = [threading.Thread(target=run, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for r in results:
        _same(r, expected)


def test_no_texts(fresh):
    run = fresh().embed_spans([], SPAN_WINDOWS)
    assert run.vectors.shape == (0, 384) and run.span_vectors.shape == (0, 384)
    assert run.span_chars.shape == (0, 2) and run.span_rows.dtype == np.int64
