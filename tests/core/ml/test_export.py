"""Export to TorchScript and ONNX, checked against the original model; `imgstudio export`."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import onnxruntime
import pytest
import torch

from imgstudio.cli import main
from imgstudio.core.ml import export
from imgstudio.core.ml.checkpoint import CheckpointError, save_model
from imgstudio.core.ml.export import ExportError, ExportFailedError, export_model, read_onnx_metadata, sample_batch
from imgstudio.core.ml.infer import load_model
from imgstudio.core.ml.models import ModelConfig, build_model

CLASSES = ["circle", "square", "triangle", "star", "cross"]


def make_model_file(path: Path, name: str = "small-cnn", image_size: int = 32, channels: int = 3) -> Path:
    """A freshly initialised model saved as a model file with the metadata load_model requires."""
    torch.manual_seed(0)
    config = ModelConfig(name, len(CLASSES), channels, image_size)
    model, _ = build_model(config)
    metadata = {
        "task": "classify",
        "architecture": name,
        "model_config": {
            "name": name,
            "num_classes": len(CLASSES),
            "in_channels": channels,
            "image_size": image_size,
        },
        "classes": CLASSES,
        "image_size": image_size,
        "channels": channels,
        "mean": [0.5] * channels,
        "std": [0.25] * channels,
    }
    return save_model(path, model, metadata)


@pytest.fixture(scope="module")
def model_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_model_file(tmp_path_factory.mktemp("export") / "small.safetensors")


@pytest.fixture(scope="module")
def fresh_batch(model_file: Path) -> tuple[torch.Tensor, np.ndarray]:
    """Images the export check never saw (another seed, batch of 3) and the original's top-1."""
    model = load_model(model_file, device="cpu")
    batch = sample_batch(model, 3, seed=7)
    with torch.no_grad():
        return batch, model.module(batch).argmax(dim=1).numpy()


def _check_result(result: dict, fmt: str, out: Path) -> None:
    assert result["format"] == fmt and result["out"] == str(out)
    assert result["same_top1"] is True
    assert result["max_abs_diff"] <= result["tolerance"]
    assert result["batch_sizes_checked"] == [4, 1]
    assert result["bytes"] == out.stat().st_size > 0


def _assert_metadata(meta: dict) -> None:
    assert meta["classes"] == CLASSES
    assert (meta["image_size"], meta["channels"]) == (32, 3)
    assert meta["mean"] == [0.5] * 3 and meta["std"] == [0.25] * 3


@pytest.mark.filterwarnings("ignore:`torch.jit.load` is deprecated:FutureWarning")
def test_torchscript_export_matches_and_carries_metadata(model_file, fresh_batch, tmp_path):
    out = tmp_path / "model.pt"
    _check_result(export_model(model_file, "torchscript", out), "torchscript", out)
    extra = {export.TORCHSCRIPT_META_FILE: ""}
    loaded = torch.jit.load(str(out), map_location="cpu", _extra_files=extra)
    _assert_metadata(json.loads(extra[export.TORCHSCRIPT_META_FILE]))
    batch, top1 = fresh_batch
    with torch.no_grad():
        assert np.array_equal(loaded(batch).argmax(dim=1).numpy(), top1)


def test_onnx_export_matches_with_dynamic_batch_and_metadata(model_file, fresh_batch, tmp_path):
    out = tmp_path / "model.onnx"
    result = export_model(model_file, "onnx", out)
    _check_result(result, "onnx", out)
    assert result["opset"] >= export.DYNAMO_MIN_OPSET and "note" not in result  # the dynamo exporter worked
    _assert_metadata(read_onnx_metadata(out))
    session = onnxruntime.InferenceSession(str(out), providers=["CPUExecutionProvider"])
    batch, top1 = fresh_batch  # batch of 3: neither size the check used
    logits = session.run(["logits"], {"input": batch.numpy()})[0]
    assert logits.shape == (3, len(CLASSES)) and np.array_equal(logits.argmax(axis=1), top1)


def test_article_cnn_exports_to_onnx(tmp_path):
    model_file = make_model_file(tmp_path / "article.safetensors", "article-cnn", image_size=32)
    result = export_model(model_file, "onnx", tmp_path / "article.onnx", batch_size=2)
    assert result["same_top1"] and result["max_abs_diff"] <= result["tolerance"]
    assert result["batch_sizes_checked"] == [2, 1]


def test_legacy_onnx_exporter_when_dynamo_fails(model_file, tmp_path, monkeypatch):
    def broken(*args: object) -> None:
        raise RuntimeError("no dynamo today")

    monkeypatch.setattr(export, "_onnx_dynamo", broken)
    out = tmp_path / "legacy.onnx"
    result = export_model(model_file, "onnx", out, batch_size=1)
    assert "no dynamo today" in result["note"] and "legacy" in result["note"]
    assert result["batch_sizes_checked"] == [1, 2] and result["same_top1"]
    _assert_metadata(read_onnx_metadata(out))


def test_export_over_the_model_file_is_refused(model_file):
    before = model_file.read_bytes()
    for fmt in ("onnx", "torchscript"):
        with pytest.raises(ExportError, match="refusing to overwrite the model file"):
            export_model(model_file, fmt, model_file.parent / ".." / model_file.parent.name / model_file.name)
    assert model_file.read_bytes() == before


def test_bad_arguments_are_refused(model_file, tmp_path):
    with pytest.raises(ExportError, match="unknown export format 'tflite'; choose one of: onnx, torchscript"):
        export_model(model_file, "tflite", tmp_path / "m.tflite")
    with pytest.raises(ExportError, match="opset applies to ONNX"):
        export_model(model_file, "torchscript", tmp_path / "m.pt", opset=17)
    with pytest.raises(ExportError, match="batch size"):
        export_model(model_file, "onnx", tmp_path / "m.onnx", batch_size=0)
    with pytest.raises(CheckpointError, match="not found"):
        export_model(tmp_path / "missing.safetensors", "onnx", tmp_path / "m.onnx")
    assert list(tmp_path.iterdir()) == []


def test_failed_check_writes_nothing(model_file, tmp_path, monkeypatch):
    monkeypatch.setattr(export, "RELATIVE_TOLERANCE", -1.0)  # no export can pass
    out = tmp_path / "model.pt"
    with pytest.raises(ExportFailedError, match="does not match the original: max"):
        export_model(model_file, "torchscript", out)
    assert list(tmp_path.iterdir()) == []


def test_cli_export_end_to_end(model_file, tmp_path, capsys, monkeypatch):
    out = tmp_path / "cli.pt"
    args = ["export", "--model", str(model_file), "--format", "torchscript", "--out", str(out)]
    assert main([*args, "--batch-size", "3"]) == 0
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert result["format"] == "torchscript" and result["same_top1"] and result["batch_sizes_checked"] == [3, 1]
    assert out.is_file()
    onnx_out = tmp_path / "cli.onnx"
    onnx_args = ["export", "--model", str(model_file), "--format", "onnx", "--out", str(onnx_out)]
    assert main([*onnx_args, "--opset", "17"]) == 0
    captured = capsys.readouterr()
    result = json.loads(captured.out.strip().splitlines()[-1])
    assert result["opset"] == 17 and result["same_top1"] and onnx_out.is_file()
    assert "note: opset 17 is below 18" in captured.err

    assert main(["export", "--model", str(tmp_path / "nope"), "--format", "onnx", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "not found" in err and "Traceback" not in err
    assert main(["export", "--model", str(model_file), "--format", "onnx", "--out", str(model_file)]) == 2
    assert "refusing to overwrite" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:  # argparse refuses an unknown format
        main(["export", "--model", str(model_file), "--format", "tflite", "--out", str(out)])
    assert exit_info.value.code == 2

    monkeypatch.setattr(export, "RELATIVE_TOLERANCE", -1.0)
    assert main([*args[:-1], str(tmp_path / "bad.pt")]) == 1
    assert "does not match" in capsys.readouterr().err and not (tmp_path / "bad.pt").exists()
