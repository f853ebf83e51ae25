"""Mean average precision with the COCO definition (as pycocotools computes it for boxes).

Per class and IoU threshold (0.50, 0.55, ..., 0.95): in every image the detections of the
class, best score first and at most ``max_detections`` of them, are matched greedily, each
to the unmatched ground-truth box of highest IoU at or above the threshold; matched ones
are true positives, the rest false positives. Over all images, sorted by score, this gives
a precision-recall curve; precision is made non-increasing and read at the 101 recall
points 0, 0.01, ..., 1 (0 where the recall is never reached); AP is their mean.

``map50`` is the mean AP at IoU 0.5, ``map50_95`` the mean over the ten thresholds. Classes
without ground truth have no AP (their detections cannot be scored: there is nothing to
find) and are excluded from the means, as in COCO; crowd regions are not modelled.

Two details differ from pycocotools by design, both far below any reported digit: the IoU
thresholds are the round numbers (pycocotools' ``np.linspace`` makes 0.6 into
0.6000000000000001, so an IoU of exactly 0.6 misses there), and precision is ``tp / (tp + fp)``
without its ``+ eps``, so perfect detections score exactly 1.0.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from imgstudio.core.ml.detection.boxes import AnnotationSet, Box, boxes_to_xyxy, iou_matrix

COCO_IOU_THRESHOLDS = np.round(np.linspace(0.5, 0.95, 10), 2)
RECALL_POINTS = np.linspace(0.0, 1.0, 101)
MAX_DETECTIONS = 100
"""Detections per image and class that count, best first (COCO's ``maxDets=100``)."""


def _match(ious: np.ndarray, threshold: float) -> np.ndarray:
    """Which detections (rows, best score first) match a ground-truth box (columns) at ``threshold``."""
    n_det, n_gt = ious.shape
    matched = np.zeros(n_det, dtype=bool)
    taken = np.zeros(n_gt, dtype=bool)
    least = min(threshold, 1 - 1e-10)
    for d in range(n_det):
        candidates = np.where(taken, -1.0, ious[d])
        if n_gt == 0 or candidates.max() < least:
            continue
        g = n_gt - 1 - int(np.argmax(candidates[::-1]))  # the last best, as pycocotools picks it
        taken[g] = True
        matched[d] = True
    return matched


def _precision_at_recall(tp: np.ndarray, fp: np.ndarray, n_gt: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Raw recall and precision along the ranked detections, and precision at the 101 recall points."""
    tp_sum, fp_sum = np.cumsum(tp, dtype=np.float64), np.cumsum(fp, dtype=np.float64)
    recall = tp_sum / n_gt
    precision = tp_sum / (tp_sum + fp_sum)  # never 0 / 0: each rank holds one detection
    envelope = np.maximum.accumulate(precision[::-1])[::-1] if precision.size else precision
    at_points = np.zeros(RECALL_POINTS.size)
    idx = np.searchsorted(recall, RECALL_POINTS, side="left")
    valid = idx < envelope.size
    at_points[valid] = envelope[idx[valid]]
    return recall, precision, at_points


@dataclass
class DetectionEvaluation:
    """AP per class and IoU threshold, with the precision-recall curves behind them.

    ``ap`` is K x T and ``precision`` K x T x 101 (at :data:`RECALL_POINTS`), NaN for
    classes without ground truth; ``curves[k][t]`` is the raw ``(recall, precision)`` along
    the ranked detections, for plotting.
    """

    classes: list[str]
    iou_thresholds: np.ndarray
    ap: np.ndarray
    precision: np.ndarray
    ground_truth: list[int]
    detections: list[int]
    images: int
    curves: list[list[tuple[np.ndarray, np.ndarray]]] = field(repr=False, default_factory=list)

    def _column(self, iou: float) -> int:
        hits = np.flatnonzero(np.isclose(self.iou_thresholds, iou))
        if not hits.size:
            raise ValueError(f"IoU {iou} is not one of the evaluated thresholds")
        return int(hits[0])

    @staticmethod
    def _mean(values: np.ndarray) -> float | None:
        finite = values[~np.isnan(values)]
        return float(finite.mean()) if finite.size else None

    @property
    def map50(self) -> float | None:
        """Mean AP at IoU 0.5 over classes with ground truth (None when there are none)."""
        return self._mean(self.ap[:, self._column(0.5)])

    @property
    def map50_95(self) -> float | None:
        """Mean AP over IoU 0.50:0.05:0.95 and classes with ground truth (None when there are none)."""
        return self._mean(self._row_means())

    def class_ap(self, iou: float | None = None) -> dict[str, float | None]:
        """AP per class at one IoU threshold, or averaged over all when ``iou`` is None."""
        values = self.ap[:, self._column(iou)] if iou is not None else self._row_means()
        return {name: None if math.isnan(v) else float(v) for name, v in zip(self.classes, values, strict=True)}

    def _row_means(self) -> np.ndarray:
        """AP averaged over the thresholds, per class (NaN without ground truth)."""
        return np.array([np.nan if np.isnan(row).all() else row.mean() for row in self.ap], dtype=np.float64)

    def pr_curve(self, label: str, iou: float = 0.5) -> tuple[np.ndarray, np.ndarray]:
        """Recall and precision along the ranked detections of ``label`` at ``iou``, for plotting."""
        return self.curves[self.classes.index(label)][self._column(iou)]

    def as_dict(self) -> dict[str, Any]:
        """``map50``, ``map50_95`` and per class ``ap50``, ``ap``, ground-truth and detection counts."""
        ap50, ap = self.class_ap(0.5), self.class_ap()
        return {
            "map50": self.map50,
            "map50_95": self.map50_95,
            "images": self.images,
            "per_class": {
                name: {"ap50": ap50[name], "ap": ap[name], "ground_truth": gt, "detections": dt}
                for name, gt, dt in zip(self.classes, self.ground_truth, self.detections, strict=True)
            },
        }


def evaluate_detections(
    ground_truth: AnnotationSet,
    detections: Mapping[str, Sequence[Box]],
    *,
    iou_thresholds: Sequence[float] = tuple(COCO_IOU_THRESHOLDS),
    max_detections: int = MAX_DETECTIONS,
) -> DetectionEvaluation:
    """COCO-style AP of ``detections`` (image path -> boxes with scores) against ``ground_truth``.

    Images of the ground truth without an entry have no detections; a path that is not in
    the ground truth is a ``ValueError`` (a detection there could be neither right nor wrong).
    """
    known = {image.path for image in ground_truth.images}
    stray = [path for path in detections if path not in known]
    if stray:
        raise ValueError(f"detections for images that are not in the ground truth: {', '.join(stray[:5])}")
    thresholds = np.asarray(iou_thresholds, dtype=np.float64)
    classes = list(ground_truth.classes)
    for boxes in detections.values():
        classes.extend(b.label for b in boxes if b.label not in classes)
    scores: list[list[np.ndarray]] = [[] for _ in classes]
    matches: list[list[np.ndarray]] = [[] for _ in classes]
    n_gt = np.zeros(len(classes), dtype=np.int64)
    for image in ground_truth.images:
        image_dets = detections.get(image.path, ())
        for k, name in enumerate(classes):
            gt = [b for b in image.boxes if b.label == name]
            dets = [b for b in image_dets if b.label == name]
            n_gt[k] += len(gt)
            if not dets:
                continue
            det_scores = np.asarray([-math.inf if b.score is None else b.score for b in dets], dtype=np.float64)
            order = np.argsort(-det_scores, kind="mergesort")[:max_detections]
            ious = iou_matrix(boxes_to_xyxy([dets[i] for i in order]), boxes_to_xyxy(gt))
            scores[k].append(det_scores[order])
            matches[k].append(np.stack([_match(ious, t) for t in thresholds], axis=1))
    ap = np.full((len(classes), thresholds.size), np.nan)
    precision = np.full((len(classes), thresholds.size, RECALL_POINTS.size), np.nan)
    curves: list[list[tuple[np.ndarray, np.ndarray]]] = []
    for k in range(len(classes)):
        all_scores = np.concatenate(scores[k]) if scores[k] else np.zeros(0)
        all_matches = np.concatenate(matches[k]) if matches[k] else np.zeros((0, thresholds.size), dtype=bool)
        ranked = all_matches[np.argsort(-all_scores, kind="mergesort")]
        row = []
        for t in range(thresholds.size):
            if n_gt[k] == 0:
                row.append((np.zeros(0), np.zeros(0)))
                continue
            recall, prec, at_points = _precision_at_recall(ranked[:, t], ~ranked[:, t], int(n_gt[k]))
            precision[k, t] = at_points
            ap[k, t] = at_points.mean()
            row.append((recall, prec))
        curves.append(row)
    counts = [sum(len(s) for s in per_class) for per_class in scores]
    return DetectionEvaluation(
        classes, thresholds, ap, precision, n_gt.tolist(), counts, len(ground_truth.images), curves
    )
