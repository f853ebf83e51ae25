"""Use a saved model: load it from its file alone, and classify images.

The model file's metadata says how to convert any image (size, channels,
normalisation); the conversion is the data sets' own ``preprocess_for_model``.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch

from imgstudio.core.io import ImageReadError, atomic_write_bytes, read_image
from imgstudio.core.jobs import JobContext
from imgstudio.core.ml.checkpoint import CheckpointError, load_model_file, load_weights_into, require_metadata
from imgstudio.core.ml.models import ModelConfig, build_model
from imgstudio.core.ml.preprocess import preprocess_for_model


@dataclass
class LoadedModel:
    """A model ready for inference, with what its file says about inputs and classes."""

    module: torch.nn.Module
    meta: dict[str, Any]
    device: torch.device

    @property
    def classes(self) -> list[str]:
        return list(self.meta["classes"])

    @property
    def image_size(self) -> int:
        return int(self.meta["image_size"])

    @property
    def channels(self) -> int:
        return int(self.meta["channels"])

    def preprocess(self, img: Any) -> torch.Tensor:
        """One image (the app's array convention) to the model's input tensor (C x S x S)."""
        return preprocess_for_model(img, self.image_size, self.channels, self.meta["mean"], self.meta["std"])


def load_model(path: str | os.PathLike[str], device: str = "auto") -> LoadedModel:
    """Rebuild the architecture named in the file and load its weights (no code is run)."""
    path = Path(path)
    weights, meta = load_model_file(path)
    task = meta.get("task")
    if task in ("generate", "detect"):
        command = "imgstudio generate --model" if task == "generate" else "imgstudio detect --detector"
        raise CheckpointError(f"{path}: a {task} model, not a classifier (use `{command} {path}`)")
    required = ("task", "model_config", "classes", "image_size", "channels", "mean", "std")
    require_metadata(path, meta, required, "model")
    config = ModelConfig(**meta["model_config"], pretrained=False)
    what = f"the architecture {config.name}"
    module, target = load_weights_into(path, weights, lambda: build_model(config)[0], what, device)
    return LoadedModel(module, meta, target)


@dataclass
class Prediction:
    """Top-k classes of one image, or why it could not be read."""

    path: str
    top: list[tuple[str, float]]
    error: str = ""

    @property
    def label(self) -> str:
        return self.top[0][0] if self.top else ""

    @property
    def confidence(self) -> float:
        return self.top[0][1] if self.top else 0.0

    def as_dict(self) -> dict[str, Any]:
        if self.error:
            return {"path": self.path, "error": self.error}
        return {
            "path": self.path,
            "label": self.label,
            "confidence": round(self.confidence, 6),
            "top": [{"label": label, "confidence": round(p, 6)} for label, p in self.top],
        }


@torch.inference_mode()
def probabilities(model: LoadedModel, batch: torch.Tensor) -> torch.Tensor:
    """Softmax over the classes for a batch of preprocessed images."""
    logits = model.module(batch.to(model.device))
    return torch.softmax(logits.float(), dim=1).cpu()


def _batches(paths: Iterable[str | os.PathLike[str]], size: int) -> Iterator[list[str]]:
    chunk: list[str] = []
    for p in paths:
        chunk.append(str(p))
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def predict_paths(
    model: LoadedModel,
    paths: Iterable[str | os.PathLike[str]],
    *,
    top_k: int = 5,
    batch_size: int = 32,
    ctx: JobContext | None = None,
    total: int = 0,
) -> Iterator[Prediction]:
    """Stream predictions for image files in order; unreadable files yield an error entry."""
    ctx = ctx or JobContext()
    k = max(1, min(top_k, len(model.classes)))
    done = 0
    for chunk in _batches(paths, batch_size):
        ctx.check()
        tensors: list[torch.Tensor] = []
        readable: list[int] = []
        results: list[Prediction | None] = [None] * len(chunk)
        for i, p in enumerate(chunk):
            try:
                img, _ = read_image(p)
                tensors.append(model.preprocess(img))
                readable.append(i)
            except ImageReadError as exc:
                results[i] = Prediction(p, [], exc.reason)
        if tensors:
            probs = probabilities(model, torch.stack(tensors))
            values, indices = probs.topk(k, dim=1)
            for i, vals, idxs in zip(readable, values.tolist(), indices.tolist(), strict=True):
                top = [(model.classes[c], float(v)) for v, c in zip(vals, idxs, strict=True)]
                results[i] = Prediction(chunk[i], top)
        yield from (r for r in results if r is not None)
        done += len(chunk)
        ctx.progress(done, max(total, done), Path(chunk[-1]).name)


def write_predictions_csv(
    path: str | os.PathLike[str], predictions: Iterable[Prediction], top_k: int, *, overwrite: bool = True
) -> Path:
    """``path,label,confidence`` then the other top-k as label_i, confidence_i (atomic write).

    The CLI's ``predict --csv`` and the GUI's export both write through here.
    """
    header = ["path", "label", "confidence"]
    for i in range(2, top_k + 1):
        header += [f"label_{i}", f"confidence_{i}"]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for prediction in predictions:
        row: list[object] = [prediction.path]
        for label, confidence in prediction.top:
            row += [label, f"{confidence:.6f}"]
        writer.writerow(row)
    atomic_write_bytes(path, buffer.getvalue().encode("utf-8"), overwrite=overwrite)
    return Path(path)


def write_predictions_json(
    path: str | os.PathLike[str], predictions: Iterable[Prediction], *, overwrite: bool = True
) -> Path:
    """A JSON list of :meth:`Prediction.as_dict` (unreadable files keep their error), atomically."""
    data = [prediction.as_dict() for prediction in predictions]
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    atomic_write_bytes(path, text.encode("utf-8"), overwrite=overwrite)
    return Path(path)
