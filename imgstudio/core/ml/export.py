"""Export a saved model to ONNX or TorchScript, checked against the original.

The exported file carries the model's metadata (classes, input size, channels,
normalisation): TorchScript as the extra file ``imgstudio.json``, ONNX as the
``imgstudio`` entry of ``metadata_props``. Before anything is written, the exported
bytes are loaded back (``torch.jit.load`` / onnxruntime) and their logits compared with
the original model's on a sample batch of rendered shapes, at two batch sizes (the batch
axis is dynamic). A file that fails the check is never written; the write is atomic.

ONNX goes through torch's dynamo-based exporter (opset 18 and later); the legacy
TorchScript-based exporter is used for older opsets or when the dynamo exporter fails,
and the result says so in ``note``.
"""

from __future__ import annotations

import io
import json
import os
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import torch

from imgstudio.core.io import atomic_write_bytes
from imgstudio.core.jobs import JobContext
from imgstudio.core.ml import shapes
from imgstudio.core.ml.infer import LoadedModel, load_model

FORMATS = ("onnx", "torchscript")
"""Export formats, by the name the CLI takes."""
TORCHSCRIPT_META_FILE = "imgstudio.json"
"""Name of the extra file holding the metadata inside a TorchScript archive."""
ONNX_META_KEY = "imgstudio"
"""Key of the metadata in an ONNX model's ``metadata_props``."""
INPUT_NAME, OUTPUT_NAME = "input", "logits"
DYNAMO_MIN_OPSET = 18
"""The dynamo exporter has no implementations below this opset (torch converts, often not at all)."""
RELATIVE_TOLERANCE = 1e-4
"""Largest allowed |exported - original| logit difference, relative to the logits' scale (at least 1)."""
_SAMPLE_SEED = 20240601
_SAMPLE_RENDER_SIZE = 32  # shapes need a few pixels; preprocessing resizes to the model's size


class ExportError(ValueError):
    """An export was refused (arguments, target file); the message is one line."""


class ExportFailedError(ExportError):
    """The exporter failed or the exported model does not match the original; nothing was written."""


Runner = Callable[[torch.Tensor], np.ndarray]
"""Runs an exported model on a batch and returns its logits."""


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text[:300]}" if text else type(exc).__name__


@contextmanager
def _quiet_exporters() -> Iterator[None]:
    """Hide torch's deprecation chatter about the exporters we chose on purpose."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", FutureWarning)
        yield


def export_metadata(model: LoadedModel) -> dict[str, Any]:
    """What an exported file must say to be used alone: classes, input size, channels, normalisation."""
    meta = model.meta
    return {
        "format": "imgstudio-export",
        "task": meta.get("task", "classify"),
        "architecture": meta.get("architecture", meta["model_config"].get("name", "")),
        "classes": model.classes,
        "image_size": model.image_size,
        "channels": model.channels,
        "mean": [float(v) for v in meta["mean"]],
        "std": [float(v) for v in meta["std"]],
        "input": INPUT_NAME,
        "output": OUTPUT_NAME,
        "layout": "NCHW float32, (value / 255 - mean) / std",
    }


def sample_batch(model: LoadedModel, n: int, seed: int = _SAMPLE_SEED) -> torch.Tensor:
    """``n`` rendered shape images, preprocessed as the model's metadata says (n x C x S x S)."""
    images = [shapes.shapes_item(seed, "test", i, _SAMPLE_RENDER_SIZE)[0] for i in range(n)]
    return torch.stack([model.preprocess(img) for img in images])


# -- TorchScript -------------------------------------------------------------------------------


def _export_torchscript(
    module: torch.nn.Module, example: torch.Tensor, meta: dict[str, Any], opset: int | None
) -> tuple[bytes, dict[str, Any]]:
    """Trace ``module`` and serialise it with the metadata as an extra file (``opset`` unused)."""
    try:
        with _quiet_exporters(), torch.no_grad():
            traced = torch.jit.trace(module, example, check_trace=False)
            buffer = io.BytesIO()
            extra = {TORCHSCRIPT_META_FILE: json.dumps(meta, ensure_ascii=False)}
            torch.jit.save(traced, buffer, _extra_files=extra)
    except Exception as exc:  # a model torch.jit cannot trace
        raise ExportFailedError(f"TorchScript export failed: {_one_line(exc)}") from exc
    return buffer.getvalue(), {}


def read_torchscript(data: bytes) -> tuple[torch.jit.ScriptModule, dict[str, Any]]:
    """Load TorchScript bytes on the CPU with their embedded imgstudio metadata."""
    extra = {TORCHSCRIPT_META_FILE: ""}
    with _quiet_exporters():
        module = torch.jit.load(io.BytesIO(data), map_location="cpu", _extra_files=extra)
    return module.eval(), json.loads(extra[TORCHSCRIPT_META_FILE] or "{}")


def _torchscript_runner(data: bytes) -> Runner:
    module, _ = read_torchscript(data)

    def run(batch: torch.Tensor) -> np.ndarray:
        with torch.no_grad():
            return module(batch).numpy()

    return run


# -- ONNX --------------------------------------------------------------------------------------


def _onnx_dynamo(module: torch.nn.Module, example: torch.Tensor, opset: int | None) -> Any:
    """ModelProto from the dynamo-based exporter, batch axis dynamic."""
    kwargs = {} if opset is None else {"opset_version": opset}
    program = torch.onnx.export(
        module,
        (example,),
        input_names=[INPUT_NAME],
        output_names=[OUTPUT_NAME],
        dynamic_shapes=({0: torch.export.Dim("batch")},),
        dynamo=True,
        verbose=False,
        **kwargs,
    )
    return program.model_proto


def _onnx_legacy(module: torch.nn.Module, example: torch.Tensor, opset: int | None) -> Any:
    """ModelProto from the legacy TorchScript-based exporter, batch axis dynamic."""
    import onnx

    buffer = io.BytesIO()
    kwargs = {} if opset is None else {"opset_version": opset}
    torch.onnx.export(
        module,
        (example,),
        buffer,
        input_names=[INPUT_NAME],
        output_names=[OUTPUT_NAME],
        dynamic_axes={INPUT_NAME: {0: "batch"}, OUTPUT_NAME: {0: "batch"}},
        dynamo=False,
        verbose=False,
        **kwargs,
    )
    return onnx.load_from_string(buffer.getvalue())


def onnx_opset(proto: Any) -> int:
    """The default-domain operator set version of an ONNX ModelProto."""
    return next(int(o.version) for o in proto.opset_import if o.domain in ("", "ai.onnx"))


def _onnx_proto(module: torch.nn.Module, example: torch.Tensor, opset: int | None) -> tuple[Any, str]:
    """(ModelProto, note): dynamo exporter first, the legacy one for old opsets or when dynamo fails."""
    note = ""
    with _quiet_exporters(), torch.no_grad():
        if opset is None or opset >= DYNAMO_MIN_OPSET:
            try:
                return _onnx_dynamo(module, example, opset), ""
            except Exception as exc:  # any exporter failure: try the other exporter, say why
                note = f"dynamo exporter failed ({_one_line(exc)}); used the legacy TorchScript-based exporter"
        else:
            note = f"opset {opset} is below {DYNAMO_MIN_OPSET}: used the legacy TorchScript-based exporter"
        try:
            return _onnx_legacy(module, example, opset), note
        except Exception as exc:
            raise ExportFailedError(f"ONNX export failed: {_one_line(exc)}" + (f" ({note})" if note else "")) from exc


def _export_onnx(
    module: torch.nn.Module, example: torch.Tensor, meta: dict[str, Any], opset: int | None
) -> tuple[bytes, dict[str, Any]]:
    """Serialised ONNX model with the metadata under ``metadata_props['imgstudio']``, and its opset."""
    proto, note = _onnx_proto(module, example, opset)
    used = onnx_opset(proto)
    if opset is not None and used != opset:
        note = "; ".join(filter(None, [note, f"opset {opset} was asked, the exporter produced {used}"]))
    for entry in [p for p in proto.metadata_props if p.key == ONNX_META_KEY]:
        proto.metadata_props.remove(entry)
    prop = proto.metadata_props.add()
    prop.key, prop.value = ONNX_META_KEY, json.dumps(meta, ensure_ascii=False)
    try:
        data = proto.SerializeToString()
    except ValueError as exc:  # protobuf refuses models over 2 GB
        raise ExportFailedError(f"ONNX model too large to write as one file ({_one_line(exc)})") from exc
    return data, {"opset": used} | ({"note": note} if note else {})


def read_onnx_metadata(path_or_bytes: str | os.PathLike[str] | bytes) -> dict[str, Any]:
    """The imgstudio metadata of an exported ONNX file (or its bytes); {} when absent."""
    import onnx

    data = path_or_bytes if isinstance(path_or_bytes, bytes) else Path(path_or_bytes).read_bytes()
    props = {p.key: p.value for p in onnx.load_from_string(data).metadata_props}
    return json.loads(props.get(ONNX_META_KEY, "{}"))


def _onnx_runner(data: bytes) -> Runner:
    import onnxruntime

    session = onnxruntime.InferenceSession(data, providers=["CPUExecutionProvider"])

    def run(batch: torch.Tensor) -> np.ndarray:
        return session.run([OUTPUT_NAME], {INPUT_NAME: batch.numpy()})[0]

    return run


# -- the check and the job ---------------------------------------------------------------------


def compare_outputs(module: torch.nn.Module, runner: Runner, batches: list[torch.Tensor]) -> tuple[float, float, bool]:
    """(max |difference|, tolerance, same top-1 everywhere) of exported vs original logits."""
    max_diff, scale, same_top1 = 0.0, 1.0, True
    for batch in batches:
        with torch.no_grad():
            expected = module(batch).numpy()
        got = np.asarray(runner(batch))
        if got.shape != expected.shape:
            raise ExportFailedError(f"exported model gives logits of shape {got.shape}, expected {expected.shape}")
        max_diff = max(max_diff, float(np.abs(got - expected).max()))
        scale = max(scale, float(np.abs(expected).max()))
        same_top1 = same_top1 and bool((got.argmax(axis=1) == expected.argmax(axis=1)).all())
    return max_diff, RELATIVE_TOLERANCE * scale, same_top1


Exporter = Callable[[torch.nn.Module, torch.Tensor, dict[str, Any], int | None], tuple[bytes, dict[str, Any]]]
_EXPORTERS: dict[str, tuple[Exporter, Callable[[bytes], Runner]]] = {
    "onnx": (_export_onnx, _onnx_runner),
    "torchscript": (_export_torchscript, _torchscript_runner),
}
"""Per format: (bytes and result extras from the module, a runner loaded back from those bytes)."""


def _check_target(model_path: Path, out: Path) -> None:
    """Refuse to write over the model file (by path or as the same file) or onto a folder."""
    if out.resolve() == model_path.resolve() or (out.exists() and model_path.exists() and out.samefile(model_path)):
        raise ExportError(f"{out}: refusing to overwrite the model file itself; choose another --out")
    if out.is_dir():
        raise ExportError(f"{out}: is a folder; give a file name for --out")


def _check_arguments(fmt: str, batch_size: int, opset: int | None) -> str:
    fmt = str(fmt).lower()
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    if not 1 <= int(batch_size) <= 1024:
        raise ExportError(f"batch size must be between 1 and 1024, got {batch_size}")
    if opset is not None and fmt != "onnx":
        raise ExportError("--opset applies to ONNX export only")
    if opset is not None and opset < 7:
        raise ExportError(f"opset must be 7 or later, got {opset}")
    return fmt


def export_model(
    model_path: str | os.PathLike[str],
    fmt: str,
    out: str | os.PathLike[str],
    *,
    batch_size: int = 4,
    opset: int | None = None,
    ctx: JobContext | None = None,
) -> dict[str, Any]:
    """Export the model file to ``fmt`` at ``out``, check it against the original, write it atomically.

    Raises :class:`ExportError` for refused arguments, :class:`ExportFailedError` when the
    export or its check fails (nothing is written then), and ``CheckpointError`` for a
    missing or unusable model file.
    """
    ctx = ctx or JobContext()
    model_path, out = Path(model_path), Path(out)
    fmt = _check_arguments(fmt, batch_size, opset)
    _check_target(model_path, out)
    total = 4
    ctx.progress(0, total, f"loading {model_path.name}")
    model = load_model(model_path, device="cpu")
    module, meta = model.module, export_metadata(model)
    sizes = [batch_size, 1] if batch_size != 1 else [1, 2]
    # torch.export treats a size-1 example dimension as static: trace with at least 2 images
    sample = sample_batch(model, max(sizes))
    ctx.check()
    ctx.progress(1, total, f"exporting to {fmt}")
    exporter, loader = _EXPORTERS[fmt]
    data, extras = exporter(module, sample, meta, opset)
    ctx.check()
    ctx.progress(2, total, "checking the exported model")
    try:
        runner = loader(data)
    except Exception as exc:  # the runtime refuses what the exporter wrote
        raise ExportFailedError(f"the exported {fmt} model cannot be loaded back: {_one_line(exc)}") from exc
    max_diff, tolerance, same_top1 = compare_outputs(module, runner, [sample[:n] for n in sizes])
    if not (max_diff <= tolerance and same_top1):
        raise ExportFailedError(
            f"exported {fmt} model does not match the original: max |diff| {max_diff:.3g} "
            f"(tolerance {tolerance:.3g}), same top-1: {same_top1}; nothing written"
        )
    ctx.check()
    ctx.progress(3, total, f"writing {out.name}")
    atomic_write_bytes(out, data, overwrite=True)
    ctx.progress(total, total, "done")
    result: dict[str, Any] = {
        "format": fmt,
        "out": str(out),
        "max_abs_diff": max_diff,
        "tolerance": tolerance,
        "same_top1": same_top1,
        "batch_sizes_checked": sizes,
        "bytes": len(data),
    }
    return result | extras
