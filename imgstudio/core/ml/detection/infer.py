"""Use a trained detector: load it from its model file alone, find boxes, measure it.

Boxes always come back in pixels of the image given (the detector scales its input
itself), so the CLI, the Recognise tab and the evaluation see original-image pixels.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import torch

from imgstudio.core.io import ImageReadError, read_image
from imgstudio.core.jobs import JobContext
from imgstudio.core.ml.checkpoint import (
    CheckpointError,
    load_model_file,
    load_weights_into,
    read_metadata,
    require_metadata,
)
from imgstudio.core.ml.detection.boxes import AnnotationSet, Box, ImageAnnotation
from imgstudio.core.ml.detection.dataset import (
    DetectionDataError,
    boxes_from_target,
    load_annotated_images,
    rgb_uint8,
)
from imgstudio.core.ml.detection.metrics import DetectionEvaluation, evaluate_detections
from imgstudio.core.ml.detection.models import build_detector
from imgstudio.core.ml.detection.synthetic import ShapesDetectionDataset, image_to_tensor
from imgstudio.core.ml.infer import LoadedModel

BATCH = 16
SYNTHETIC_EVAL_SPLIT = "test"
"""The synthetic split an evaluation uses: never trained on, never validated on."""


class LoadedDetector(LoadedModel):
    """A detector ready for inference, with what its file says (classes, input size, architecture).

    It scales and normalises its input itself: give it whole images (see :func:`predict_boxes`).
    """

    @property
    def architecture(self) -> str:
        return str(self.meta["architecture"])


def is_detector_file(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a readable model file of a ``task: detect`` run."""
    path = Path(path)
    try:
        return path.is_file() and read_metadata(path.read_bytes(), path).get("task") == "detect"
    except (CheckpointError, OSError):
        return False


def load_detector(path: str | os.PathLike[str], device: str = "auto") -> LoadedDetector:
    """Rebuild the detector a ``task: detect`` model file names and load its weights (no code is run)."""
    path = Path(path)
    weights, meta = load_model_file(path)
    task = meta.get("task", "classify")
    if task != "detect":
        command = "imgstudio generate --model" if task == "generate" else "imgstudio predict --model"
        raise CheckpointError(f"{path}: a {task} model, not a detector (use `{command} {path}`)")
    require_metadata(path, meta, ("architecture", "classes", "image_size"), "detector")

    def build() -> torch.nn.Module:
        return build_detector(meta["architecture"], len(meta["classes"]), int(meta["image_size"]))[0]

    module, target = load_weights_into(path, weights, build, f"the detector {meta['architecture']}", device)
    return LoadedDetector(module, meta, target)


def detections_as_boxes(output: dict[str, torch.Tensor], classes: list[str]) -> list[Box]:
    """A detector's output dict (corners, 1-based labels, scores) as boxes."""
    corners = output["boxes"].float().cpu().tolist()
    labels, scores = output["labels"].cpu().tolist(), output["scores"].float().cpu().tolist()
    return [
        Box.from_corners(*xyxy, classes[int(k) - 1], float(s))
        for xyxy, k, s in zip(corners, labels, scores, strict=True)
    ]


@torch.inference_mode()
def predict_batch(detector: LoadedDetector, images: Sequence[np.ndarray]) -> list[list[Box]]:
    """The boxes found in each image (any size, the app's array convention), in its own pixels."""
    if not images:
        return []
    tensors = [image_to_tensor(rgb_uint8(img)).to(detector.device) for img in images]
    outputs = detector.module(tensors)
    return [detections_as_boxes(out, detector.classes) for out in outputs]


def predict_boxes(detector: LoadedDetector, image: np.ndarray) -> list[Box]:
    """The boxes found in one image, in pixels of that image, best score first."""
    boxes = predict_batch(detector, [image])[0]
    return sorted(boxes, key=lambda b: -(b.score or 0.0))


def _chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _synthetic_truth(source: str, image_size: int, count: int, seed: int) -> tuple[AnnotationSet, list[Any]]:
    """Ground truth and image loaders of ``count`` held-out synthetic images."""
    data = ShapesDetectionDataset(count, SYNTHETIC_EVAL_SPLIT, seed=seed, image_size=image_size)
    truth, loaders = [], []
    for i in range(count):
        s = data.sample(i)
        boxes = boxes_from_target(s.boxes, s.labels, list(data.classes))
        truth.append(ImageAnnotation(f"{source}/{SYNTHETIC_EVAL_SPLIT}/{i}", image_size, image_size, boxes))
        loaders.append(lambda s=s: s.image)
    return AnnotationSet(truth, list(data.classes)), loaders


def _file_loader(path: Path) -> Any:
    def load() -> np.ndarray:
        try:
            return read_image(path)[0]
        except ImageReadError as exc:
            raise DetectionDataError(f"{path}: {exc.reason}") from exc

    return load


def evaluate_detector(
    detector: LoadedDetector,
    annotation_source: str | os.PathLike[str],
    images: str | os.PathLike[str] | None = None,
    ctx: JobContext | None = None,
    *,
    synthetic_count: int = 500,
    seed: int = 1,
) -> DetectionEvaluation:
    """COCO mAP of ``detector`` on an annotation source (COCO file, VOC or YOLO folder).

    ``synthetic:shapes-detect`` evaluates on ``synthetic_count`` images of its held-out
    ``test`` split with ``seed``. Detections are compared in original-image pixels.
    """
    source = str(annotation_source)
    if source.startswith("synthetic:"):
        if source.removeprefix("synthetic:") != "shapes-detect":
            raise DetectionDataError(f"unknown synthetic detection set {source!r} (known: synthetic:shapes-detect)")
        truth, loaders = _synthetic_truth(source, detector.image_size, synthetic_count, seed)
    else:
        data = load_annotated_images(source, images)
        truth, loaders = data.annotations, [_file_loader(f) for f in data.files]
    found: dict[str, list[Box]] = {}
    done = 0
    for chunk in _chunks(list(zip(truth.images, loaders, strict=True)), BATCH):
        if ctx is not None:
            ctx.check()
            ctx.progress(done, len(loaders), "evaluating")
        predictions = predict_batch(detector, [load() for _, load in chunk])
        for (image, _), boxes in zip(chunk, predictions, strict=True):
            found[image.path] = boxes
        done += len(chunk)
    if ctx is not None:
        ctx.progress(done, len(loaders), "done")
    return evaluate_detections(truth, found)
