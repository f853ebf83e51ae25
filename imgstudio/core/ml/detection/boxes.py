"""Boxes, annotated images and annotation sets; IoU, non-maximum suppression, validation.

Coordinates are floats in pixels of the original image: ``x, y`` is the top-left corner,
``width, height`` the size, so the box spans ``[x, x + width) x [y, y + height)``. Ground
truth has ``score=None``; detections carry a score (larger is surer).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

EDGE_TOLERANCE = 1e-3
"""How far (in pixels) a box may poke out of the image before it is reported (float noise)."""


@dataclass(frozen=True)
class Box:
    """One axis-aligned box with a class label and, for detections, a score."""

    x: float
    y: float
    width: float
    height: float
    label: str
    score: float | None = None

    @property
    def x2(self) -> float:
        return self.x + self.width

    @property
    def y2(self) -> float:
        return self.y + self.height

    @property
    def area(self) -> float:
        return max(self.width, 0.0) * max(self.height, 0.0)

    def as_dict(self) -> dict[str, Any]:
        """``{"x", "y", "width", "height", "label", "score"}`` (the detection result JSON)."""
        return {
            "x": float(self.x),
            "y": float(self.y),
            "width": float(self.width),
            "height": float(self.height),
            "label": self.label,
            "score": None if self.score is None else float(self.score),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Box:
        score = data.get("score")
        return cls(
            float(data["x"]),
            float(data["y"]),
            float(data["width"]),
            float(data["height"]),
            str(data["label"]),
            None if score is None else float(score),
        )

    @classmethod
    def from_corners(cls, x1: float, y1: float, x2: float, y2: float, label: str, score: float | None = None) -> Box:
        return cls(float(x1), float(y1), float(x2 - x1), float(y2 - y1), label, score)


@dataclass
class ImageAnnotation:
    """The boxes of one image; ``path`` is as the annotation file names it (often relative)."""

    path: str
    width: int
    height: int
    boxes: list[Box] = field(default_factory=list)


@dataclass
class AnnotationSet:
    """Annotated images and the class names, in the order the source defines them."""

    images: list[ImageAnnotation]
    classes: list[str]

    @property
    def box_count(self) -> int:
        return sum(len(image.boxes) for image in self.images)


def boxes_to_xyxy(boxes: Iterable[Box]) -> np.ndarray:
    """An N x 4 float64 array of corners ``x1, y1, x2, y2``."""
    rows = [(b.x, b.y, b.x2, b.y2) for b in boxes]
    return np.asarray(rows, dtype=np.float64).reshape(-1, 4)


def iou_matrix(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Pairwise intersection over union of N x 4 and M x 4 corner arrays (N x M).

    Areas are ``width * height`` of the continuous boxes (COCO's convention, no ``+ 1``);
    a pair whose union is empty has IoU 0.
    """
    a = np.asarray(a, dtype=np.float64).reshape(-1, 4)
    b = np.asarray(b, dtype=np.float64).reshape(-1, 4)
    area_a = np.clip(a[:, 2] - a[:, 0], 0, None) * np.clip(a[:, 3] - a[:, 1], 0, None)
    area_b = np.clip(b[:, 2] - b[:, 0], 0, None) * np.clip(b[:, 3] - b[:, 1], 0, None)
    iw = np.minimum(a[:, None, 2], b[None, :, 2]) - np.maximum(a[:, None, 0], b[None, :, 0])
    ih = np.minimum(a[:, None, 3], b[None, :, 3]) - np.maximum(a[:, None, 1], b[None, :, 1])
    inter = np.clip(iw, 0, None) * np.clip(ih, 0, None)
    union = area_a[:, None] + area_b[None, :] - inter
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(union > 0, inter / np.where(union > 0, union, 1.0), 0.0)


def box_iou(a: Sequence[Box], b: Sequence[Box]) -> np.ndarray:
    """Pairwise IoU of two box lists (len(a) x len(b)), labels ignored."""
    return iou_matrix(boxes_to_xyxy(a), boxes_to_xyxy(b))


def nms_indices(xyxy: np.ndarray, scores: np.ndarray, iou_threshold: float) -> np.ndarray:
    """Indices of the boxes that survive greedy non-maximum suppression, best score first.

    A box is dropped when its IoU with a better-scoring kept box is above ``iou_threshold``.
    """
    xyxy = np.asarray(xyxy, dtype=np.float64).reshape(-1, 4)
    order = np.argsort(-np.asarray(scores, dtype=np.float64), kind="stable")
    keep: list[int] = []
    while order.size:
        best = int(order[0])
        keep.append(best)
        rest = order[1:]
        if rest.size == 0:
            break
        overlap = iou_matrix(xyxy[best : best + 1], xyxy[rest])[0]
        order = rest[overlap <= iou_threshold]
    return np.asarray(keep, dtype=np.int64)


def nms(boxes: Sequence[Box], iou_threshold: float, *, class_wise: bool = True) -> list[Box]:
    """The boxes kept by non-maximum suppression, best score first (per class by default).

    Boxes without a score count as score 1.
    """
    if not boxes:
        return []
    scores = np.asarray([1.0 if b.score is None else b.score for b in boxes], dtype=np.float64)
    xyxy = boxes_to_xyxy(boxes)
    if not class_wise:
        return [boxes[i] for i in nms_indices(xyxy, scores, iou_threshold)]
    kept: list[int] = []
    labels = np.asarray([b.label for b in boxes], dtype=object)
    for label in dict.fromkeys(labels.tolist()):
        idx = np.flatnonzero(labels == label)
        kept.extend(int(idx[i]) for i in nms_indices(xyxy[idx], scores[idx], iou_threshold))
    kept.sort(key=lambda i: (-scores[i], i))
    return [boxes[i] for i in kept]


def filter_boxes(
    boxes: Sequence[Box], *, min_score: float | None = None, iou_threshold: float | None = None
) -> list[Box]:
    """Boxes with at least ``min_score`` (None keeps all), then class-wise NMS at ``iou_threshold``.

    The Recognise tab's score and NMS-IoU sliders and the CLI's ``--score`` go through here.
    """
    kept = [b for b in boxes if min_score is None or (b.score if b.score is not None else math.inf) >= min_score]
    return nms(kept, iou_threshold) if iou_threshold is not None else kept


def describe_box(index: int, box: Box) -> str:
    """``box 3 'cat' (x=10, y=20, width=30, height=40)`` for messages (1-based index)."""
    return f"box {index + 1} '{box.label}' (x={box.x:g}, y={box.y:g}, width={box.width:g}, height={box.height:g})"


def box_problems(image: ImageAnnotation, classes: Sequence[str] | None = None) -> list[str]:
    """Readable problems of one image's boxes: outside the image, empty or negative, unknown label."""
    problems: list[str] = []
    if image.width <= 0 or image.height <= 0:
        problems.append(f"{image.path}: image size unknown or invalid ({image.width}x{image.height})")
    known = set(classes) if classes is not None else None
    for i, box in enumerate(image.boxes):
        where = f"{image.path}: {describe_box(i, box)}"
        values = (box.x, box.y, box.width, box.height)
        if not all(math.isfinite(v) for v in values):
            problems.append(f"{where} has a coordinate that is not a finite number")
            continue
        if box.width <= 0 or box.height <= 0:
            problems.append(f"{where} has zero or negative size")
        elif (
            image.width > 0
            and image.height > 0
            and (
                box.x < -EDGE_TOLERANCE
                or box.y < -EDGE_TOLERANCE
                or box.x2 > image.width + EDGE_TOLERANCE
                or box.y2 > image.height + EDGE_TOLERANCE
            )
        ):
            problems.append(f"{where} lies (partly) outside the {image.width}x{image.height} image")
        if known is not None and box.label not in known:
            problems.append(f"{where} has a label that is not in the class list")
        if box.score is not None and not math.isfinite(box.score):
            problems.append(f"{where} has a score that is not a finite number")
    return problems


def validate_annotations(annotations: AnnotationSet) -> list[str]:
    """Every problem of every image, in order (an empty list when all boxes are sound).

    Problems are reported, never fixed: the boxes stay as they are, for the user to decide.
    """
    problems: list[str] = []
    seen: set[str] = set()
    for image in annotations.images:
        if image.path in seen:
            problems.append(f"{image.path}: the image is annotated more than once")
        seen.add(image.path)
        problems.extend(box_problems(image, annotations.classes))
    return problems
