"""Detection training data from annotation files: images found, scaled, boxes kept in step.

An annotation source (a COCO .json file, a Pascal VOC folder, a YOLO folder) names its images
relative to a folder: the COCO file's folder, the VOC folder, the YOLO folder (or its
``images`` twin), or the ``images`` folder the user gives. :class:`AnnotatedDetectionDataset`
scales each image so that its longer side is ``image_size`` (boxes scaled with it) and returns
``(image 3 x H x W in [0, 1], {"boxes", "labels"})`` as the synthetic set does.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import torch
from torch.utils.data import Dataset

from imgstudio.core.io import ImageReadError, read_image, to_uint8
from imgstudio.core.ml.detection.annotation_io import find_image
from imgstudio.core.ml.detection.boxes import AnnotationSet, Box, ImageAnnotation
from imgstudio.core.ml.detection.formats import detect_format, read_annotations
from imgstudio.core.ml.detection.synthetic import image_to_tensor
from imgstudio.core.ml.detection.yolo import image_folders
from imgstudio.core.ml.preprocess import ImageCache


class DetectionDataError(ValueError):
    """Annotated images cannot be used (missing image, no boxes, ...); the message names the file."""


def rgb_uint8(image: np.ndarray) -> np.ndarray:
    """Any image of the app's convention as uint8 H x W x 3 RGB (grey repeated, alpha dropped)."""
    img = to_uint8(image)
    if img.ndim == 2:
        img = img[:, :, None]
    if img.shape[2] == 1:
        return np.repeat(img, 3, axis=2)
    return np.ascontiguousarray(img[:, :, :3])


def image_roots(source: str | Path, fmt: str, images: str | Path | None = None) -> list[Path]:
    """The folders the image paths of an annotation source are relative to, in search order."""
    if images is not None:
        return [Path(images)]
    source = Path(source)
    if fmt == "yolo":
        return image_folders(source, None)
    return [source.parent if source.is_file() else source]


def resolve_image(roots: list[Path], relative: str) -> Path | None:
    """The image file ``relative`` names: exactly under a root, else with any image extension."""
    for root in roots:
        exact = root / relative
        if exact.is_file():
            return exact
    return find_image(roots, Path(relative).with_suffix(""))


@dataclass
class AnnotatedImages:
    """An annotation set with the file behind each image (``files[i]`` for ``annotations.images[i]``)."""

    annotations: AnnotationSet
    files: list[Path]
    source: str


def load_annotated_images(source: str | Path, images: str | Path | None = None) -> AnnotatedImages:
    """Read an annotation source and find every image it names (a missing one is an error naming it)."""
    fmt = detect_format(source)
    annotations = read_annotations(source, fmt, images=images)
    if not annotations.images:
        raise DetectionDataError(f"{source}: no annotated images")
    roots = image_roots(source, fmt, images)
    files = []
    for image in annotations.images:
        found = resolve_image(roots, image.path)
        if found is None:
            where = " or ".join(str(r) for r in roots)
            raise DetectionDataError(f"{source}: image '{image.path}' not found in {where} (give the images folder)")
        files.append(found)
    return AnnotatedImages(annotations, files, str(source))


def usable_boxes(image: ImageAnnotation, classes: list[str]) -> tuple[np.ndarray, np.ndarray, int]:
    """Corners (N x 4) and 1-based labels of the boxes a detector can learn, and how many were dropped.

    Boxes are clipped to the image; empty ones, non-finite ones and unknown labels are dropped.
    """
    rows, labels, dropped = [], [], 0
    for box in image.boxes:
        values = (box.x, box.y, box.x2, box.y2)
        if box.label not in classes or not all(math.isfinite(v) for v in values):
            dropped += 1
            continue
        x1, x2 = np.clip([box.x, box.x2], 0, image.width)
        y1, y2 = np.clip([box.y, box.y2], 0, image.height)
        if x2 - x1 < 1 or y2 - y1 < 1:
            dropped += 1
            continue
        rows.append((x1, y1, x2, y2))
        labels.append(classes.index(box.label) + 1)
    return np.asarray(rows, np.float32).reshape(-1, 4), np.asarray(labels, np.int64), dropped


def scaled_to(image: np.ndarray, size: int) -> tuple[np.ndarray, float]:
    """``image`` scaled so that its longer side is ``size`` pixels, and the factor used."""
    h, w = image.shape[:2]
    scale = size / max(h, w)
    if scale == 1.0:
        return image, 1.0
    new = (max(1, round(w * scale)), max(1, round(h * scale)))
    interpolation = cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR
    return cv2.resize(image, new, interpolation=interpolation), scale


class AnnotatedDetectionDataset(Dataset):
    """Some images of an :class:`AnnotatedImages` at ``image_size`` (longer side), with their boxes."""

    def __init__(
        self, data: AnnotatedImages, indices: list[int], image_size: int, cache: ImageCache | None = None
    ) -> None:
        self.data = data
        self.indices = list(indices)
        self.image_size = image_size
        self.cache = cache or ImageCache(0)
        classes = list(data.annotations.classes)
        self.targets = [usable_boxes(data.annotations.images[i], classes) for i in self.indices]
        self.dropped = sum(t[2] for t in self.targets)

    def __len__(self) -> int:
        return len(self.indices)

    def image(self, index: int) -> tuple[np.ndarray, float]:
        """Item ``index``'s image (uint8 RGB at ``image_size``) and its scale from the original."""
        i = self.indices[index]
        path = self.data.files[i]
        original = self.data.annotations.images[i]
        cached = self.cache.get(i)
        if cached is None:
            try:
                img, _ = read_image(path)
            except ImageReadError as exc:
                raise DetectionDataError(f"{path}: {exc.reason}") from exc
            cached, _ = scaled_to(rgb_uint8(img), self.image_size)
            self.cache.put(i, cached)
        return cached, cached.shape[1] / max(1, original.width or cached.shape[1])

    def __getitem__(self, index: int) -> tuple[torch.Tensor, dict[str, torch.Tensor]]:
        img, scale = self.image(index)
        boxes, labels, _ = self.targets[index]
        return image_to_tensor(img), {"boxes": torch.from_numpy(boxes * scale), "labels": torch.from_numpy(labels)}


def random_split(count: int, val_fraction: float, seed: int) -> tuple[list[int], list[int]]:
    """Train and val indices: a seeded random ``val_fraction`` of ``count`` items (at least one each)."""
    order = np.random.default_rng(seed).permutation(count).tolist()
    n_val = min(count - 1, max(1, round(count * val_fraction))) if val_fraction > 0 else 0
    return sorted(order[n_val:]), sorted(order[:n_val])


def boxes_from_target(boxes: np.ndarray, labels: np.ndarray, classes: list[str]) -> list[Box]:
    """Ground-truth boxes from corners and 1-based labels."""
    return [Box.from_corners(*map(float, b), classes[int(k) - 1]) for b, k in zip(boxes, labels, strict=True)]
