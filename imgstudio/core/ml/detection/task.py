"""The "detect" task: train a detector (``tiny-det`` by default) with the engine.

Data: ``synthetic:shapes-detect`` (``synthetic_train`` / ``synthetic_val`` images at
``image_size``) or an annotation source (a COCO .json file, a VOC folder, a YOLO folder; the
images beside it or in ``config.extra["images"]``) split at random by ``val_fraction`` with
the seed, each image scaled to ``image_size`` on its longer side. Training flips half the
images left-right (drawn from the engine's per-epoch torch RNG, so a resumed run repeats it).
Validation runs the detector on the val images and reports COCO mAP (``val_map50``,
``val_map50_95``) against their boxes. The model file's metadata names the detector, its
classes and input size, so :func:`~imgstudio.core.ml.detection.infer.load_detector` needs
nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import torch

from imgstudio import __version__
from imgstudio.core.ml.config import TASK_MONITORS, ConfigError, TrainConfig
from imgstudio.core.ml.datasets import DataError
from imgstudio.core.ml.detection.annotation_io import AnnotationError
from imgstudio.core.ml.detection.boxes import AnnotationSet, Box, ImageAnnotation
from imgstudio.core.ml.detection.dataset import (
    AnnotatedDetectionDataset,
    DetectionDataError,
    boxes_from_target,
    load_annotated_images,
    random_split,
)
from imgstudio.core.ml.detection.infer import detections_as_boxes
from imgstudio.core.ml.detection.metrics import evaluate_detections
from imgstudio.core.ml.detection.models import DETECTORS, build_detector
from imgstudio.core.ml.detection.synthetic import collate_detection, synthetic_detection_dataset
from imgstudio.core.ml.preprocess import ImageCache
from imgstudio.core.ml.tasks import Task

if TYPE_CHECKING:
    from imgstudio.core.ml.engine import Optimization

Target = dict[str, torch.Tensor]


def flip_batch(images: list[torch.Tensor], targets: list[Target]) -> tuple[list[torch.Tensor], list[Target]]:
    """Mirror a random half of the images left-right, boxes with them (torch's global RNG decides)."""
    flips = torch.rand(len(images)) < 0.5
    out_images, out_targets = [], []
    for image, target, flip in zip(images, targets, flips.tolist(), strict=True):
        if flip:
            width = image.shape[-1]
            boxes = target["boxes"].clone()
            boxes[:, 0], boxes[:, 2] = width - target["boxes"][:, 2], width - target["boxes"][:, 0]
            image, target = image.flip(-1), {**target, "boxes": boxes}
        out_images.append(image)
        out_targets.append(target)
    return out_images, out_targets


def _annotated_data(config: TrainConfig) -> tuple[AnnotatedDetectionDataset, AnnotatedDetectionDataset, list[str]]:
    """Train and val sets of an annotation source, split at random by ``val_fraction``."""
    images = config.extra.get("images")
    try:
        data = load_annotated_images(Path(config.data).expanduser(), images)
    except (AnnotationError, DetectionDataError) as exc:
        raise DataError(str(exc)) from exc
    classes = list(data.annotations.classes)
    if not classes:
        raise DataError(f"{config.data}: the annotations name no classes")
    count = len(data.annotations.images)
    if count < 2 or config.val_fraction <= 0:
        raise DataError(f"{config.data}: need at least 2 images and val_fraction above 0 (found {count} images)")
    train, val = random_split(count, config.val_fraction, config.seed)
    cache = ImageCache(int(config.cache_mb * 2**20))
    return (
        AnnotatedDetectionDataset(data, train, config.image_size, cache),
        AnnotatedDetectionDataset(data, val, config.image_size, cache),
        classes,
    )


def detection_data(config: TrainConfig) -> tuple[Any, Any, list[str], str]:
    """(train set, val set, class names, note) for ``config.data``."""
    if config.data.startswith("synthetic:"):
        try:
            train = synthetic_detection_dataset(
                config.data, "train", config.synthetic_train, seed=config.seed, image_size=config.image_size
            )
            val = synthetic_detection_dataset(
                config.data, "val", config.synthetic_val, seed=config.seed, image_size=config.image_size
            )
        except ValueError as exc:
            raise DataError(str(exc)) from exc
        return train, val, list(train.classes), ""
    train, val, classes = _annotated_data(config)
    dropped = train.dropped + val.dropped
    note = f"{dropped} boxes outside their image, empty or unlabelled were left out" if dropped else ""
    return train, val, classes, note


class DetectTask(Task):
    """Object detection: the detector's own summed losses, COCO mAP on the val images."""

    monitors = TASK_MONITORS["detect"]
    step_metrics = ("loss",)
    val_metrics = ("val_map50", "val_map50_95")
    collate_fn = staticmethod(collate_detection)

    def __init__(self, config: TrainConfig) -> None:
        if config.model not in DETECTORS:
            raise ConfigError(f"'{config.model}' is not a detector; choose one of: {', '.join(DETECTORS)}")
        if config.channels != 3:
            raise ConfigError("detectors take colour images: channels must be 3")
        self.config = config
        self.train_set, self.val_set, self.classes, data_note = detection_data(config)
        if len(self.val_set) == 0:
            raise DataError(f"{config.data}: no validation images")
        self.model, model_note = build_detector(config.model, len(self.classes), config.image_size, config.pretrained)
        self.note = "; ".join(n for n in (model_note, data_note) if n)

    def fit_step(self, batch: Any, optim: Optimization) -> dict[str, float]:
        images, targets = flip_batch(*batch)
        with optim.autocast():
            losses = self.model(images, targets)
        return {"loss": optim.step(sum(losses.values()))}

    def validate(self, batches: Iterable[Any]) -> dict[str, float]:
        truth: list[ImageAnnotation] = []
        found: dict[str, list[Box]] = {}
        for images, targets in batches:
            for image, target, output in zip(images, targets, self.model(images), strict=True):
                key = str(len(truth))
                gt = boxes_from_target(target["boxes"].cpu().numpy(), target["labels"].cpu().numpy(), self.classes)
                truth.append(ImageAnnotation(key, int(image.shape[-1]), int(image.shape[-2]), gt))
                found[key] = detections_as_boxes(output, self.classes)
        evaluation = evaluate_detections(AnnotationSet(truth, self.classes), found)
        return {"val_map50": evaluation.map50 or 0.0, "val_map50_95": evaluation.map50_95 or 0.0}

    def metadata(self) -> dict[str, Any]:
        return {
            "task": "detect",
            "architecture": self.config.model,
            "model_config": {
                "name": self.config.model,
                "num_classes": len(self.classes),
                "in_channels": 3,
                "image_size": self.config.image_size,
            },
            "classes": list(self.classes),
            "image_size": self.config.image_size,
            "channels": 3,
            "data": self.config.data,
            "imgstudio_version": __version__,
        }
