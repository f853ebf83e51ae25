"""Evaluate a classifier on a labelled folder: accuracy, per-class precision/recall/F1,
the confusion matrix and, per image, what was predicted (for the confusion-matrix cells
and the gallery of mistakes)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from imgstudio.core.jobs import JobContext
from imgstudio.core.ml.datasets import index_folder
from imgstudio.core.ml.infer import LoadedModel, predict_paths


def confusion_matrix(true: np.ndarray, pred: np.ndarray, n_classes: int) -> np.ndarray:
    """Counts[true, predicted]."""
    matrix = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(matrix, (true, pred), 1)
    return matrix


def per_class_scores(matrix: np.ndarray, classes: list[str]) -> dict[str, dict[str, float]]:
    """Precision, recall, F1 and support per class (0 where undefined)."""
    tp = np.diag(matrix).astype(float)
    predicted = matrix.sum(axis=0).astype(float)
    actual = matrix.sum(axis=1).astype(float)
    precision = np.divide(tp, predicted, out=np.zeros_like(tp), where=predicted > 0)
    recall = np.divide(tp, actual, out=np.zeros_like(tp), where=actual > 0)
    denom = precision + recall
    f1 = np.divide(2 * precision * recall, denom, out=np.zeros_like(tp), where=denom > 0)
    return {
        name: {"precision": float(p), "recall": float(r), "f1": float(f), "support": int(s)}
        for name, p, r, f, s in zip(classes, precision, recall, f1, actual, strict=True)
    }


@dataclass
class Evaluation:
    """Everything an evaluation found; ``items`` are (path, true index, predicted index, confidence)."""

    classes: list[str]
    matrix: np.ndarray
    items: list[tuple[str, int, int, float]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        total = int(self.matrix.sum())
        return float(np.trace(self.matrix)) / total if total else 0.0

    def cell(self, true: int, pred: int) -> list[str]:
        """The images behind one confusion-matrix cell."""
        return [p for p, t, q, _ in self.items if t == true and q == pred]

    def mistakes(self, limit: int = 50) -> list[tuple[str, int, int, float]]:
        """Wrong predictions, most confident first."""
        wrong = [item for item in self.items if item[1] != item[2]]
        return sorted(wrong, key=lambda item: -item[3])[:limit]

    def as_dict(self) -> dict[str, Any]:
        return {
            "accuracy": self.accuracy,
            "images": int(self.matrix.sum()),
            "classes": self.classes,
            "per_class": per_class_scores(self.matrix, self.classes),
            "confusion_matrix": self.matrix.tolist(),
            "skipped": [{"path": p, "reason": r} for p, r in self.skipped],
        }


def evaluate_folder(
    model: LoadedModel, folder: str | os.PathLike[str], *, ctx: JobContext | None = None, batch_size: int = 32
) -> Evaluation:
    """Classify every image under ``folder/<class>/`` (classes must be the model's)."""
    index = index_folder(folder, classes=model.classes)
    result = Evaluation(model.classes, np.zeros((len(model.classes),) * 2, np.int64), skipped=list(index.skipped))
    lookup = {c: i for i, c in enumerate(model.classes)}
    for prediction, true in zip(
        predict_paths(model, index.paths, top_k=1, batch_size=batch_size, ctx=ctx, total=len(index.paths)),
        index.labels,
        strict=True,
    ):
        if prediction.error:
            result.skipped.append((prediction.path, prediction.error))
            continue
        pred = lookup[prediction.label]
        result.matrix[true, pred] += 1
        result.items.append((prediction.path, true, pred, prediction.confidence))
    return result
