"""Detection results: the per-image JSON, CSV export and copies of images with boxes drawn.

One image's result is ``{"path": ..., "boxes": [{"x", "y", "width", "height", "label",
"score"}, ...]}`` in pixels of the original image; ``imgstudio detect`` prints it and
the Recognise tab exports it. Annotated images are new files written through core/io,
never over the original.
"""

from __future__ import annotations

import csv
import io
import json
import os
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from imgstudio.core.io import ImageReadError, atomic_write_bytes, read_image, to_uint8, write_image
from imgstudio.core.jobs import JobContext
from imgstudio.core.ml.detection.boxes import Box, filter_boxes

CSV_COLUMNS = ("path", "label", "score", "x", "y", "width", "height")


@dataclass
class DetectionResult:
    """The boxes found in one image (``error`` says why an image could not be read)."""

    path: str
    boxes: list[Box] = field(default_factory=list)
    error: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """The detection result JSON object of this image."""
        data: dict[str, Any] = {"path": self.path, "boxes": [box.as_dict() for box in self.boxes]}
        if self.error is not None:
            data["error"] = self.error
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DetectionResult:
        return cls(str(data["path"]), [Box.from_dict(b) for b in data.get("boxes", [])], data.get("error"))


def write_results_json(
    path: str | os.PathLike[str], results: Iterable[DetectionResult], *, overwrite: bool = True
) -> Path:
    """A JSON list of result objects, written atomically."""
    text = json.dumps([r.as_dict() for r in results], ensure_ascii=False, indent=1) + "\n"
    atomic_write_bytes(path, text.encode("utf-8"), overwrite=overwrite)
    return Path(path)


def write_results_csv(
    path: str | os.PathLike[str], results: Iterable[DetectionResult], *, overwrite: bool = True
) -> Path:
    """One row per box: ``path,label,score,x,y,width,height`` (images without boxes get no row)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for result in results:
        for box in result.boxes:
            score = "" if box.score is None else f"{box.score:.6g}"
            writer.writerow([result.path, box.label, score, *(f"{v:g}" for v in (box.x, box.y, box.width, box.height))])
    atomic_write_bytes(path, buffer.getvalue().encode("utf-8"), overwrite=overwrite)
    return Path(path)


def label_colour(label: str) -> tuple[int, int, int]:
    """A bright RGB colour that is always the same for the same label."""
    hue = zlib.crc32(label.encode("utf-8")) % 180
    hsv = np.array([[[hue, 220, 255]]], dtype=np.uint8)
    r, g, b = cv2.cvtColor(hsv, cv2.COLOR_HSV2RGB)[0, 0]
    return int(r), int(g), int(b)


def box_caption(box: Box) -> str:
    return box.label if box.score is None else f"{box.label} {box.score:.2f}"


def draw_boxes(image: np.ndarray, boxes: Sequence[Box], *, thickness: int | None = None) -> np.ndarray:
    """An 8-bit RGB copy of ``image`` with each box, its label and score drawn on it."""
    img = to_uint8(image)
    if img.ndim == 2 or img.shape[2] == 1:
        canvas = cv2.cvtColor(img.reshape(img.shape[:2]), cv2.COLOR_GRAY2RGB)
    else:
        canvas = np.ascontiguousarray(img[:, :, :3]).copy()
    height, width = canvas.shape[:2]
    line = thickness or max(1, round(max(height, width) / 500))
    font_scale = max(0.4, line * 0.45)
    for box in boxes:
        colour = label_colour(box.label)
        p1 = (round(box.x), round(box.y))
        p2 = (round(box.x2) - 1, round(box.y2) - 1)
        cv2.rectangle(canvas, p1, p2, colour, line, cv2.LINE_8)  # axis-aligned: crisp, no blending
        caption = box_caption(box)
        (text_w, text_h), base = cv2.getTextSize(caption, cv2.FONT_HERSHEY_SIMPLEX, font_scale, line)
        label_h = text_h + base + 2
        top = p1[1] - label_h if p1[1] >= label_h else p1[1]  # above the box, or inside it at the top edge
        cv2.rectangle(canvas, (p1[0], top), (p1[0] + text_w + 2, top + label_h), colour, cv2.FILLED)
        text_colour = (0, 0, 0) if sum(colour) > 380 else (255, 255, 255)
        origin = (p1[0] + 1, top + text_h + 1)
        cv2.putText(canvas, caption, origin, cv2.FONT_HERSHEY_SIMPLEX, font_scale, text_colour, line, cv2.LINE_AA)
    return canvas


def write_annotated_image(
    source: str | os.PathLike[str],
    boxes: Sequence[Box],
    out: str | os.PathLike[str],
    *,
    overwrite: bool = False,
) -> Path:
    """Read ``source``, draw ``boxes`` on a copy and write it to ``out`` (never over ``source``)."""
    image, _ = read_image(source)
    return write_image(out, draw_boxes(image, boxes), overwrite=overwrite, protect=(source,))


def detect_paths(
    detect: Callable[[np.ndarray], list[Box]],
    paths: Sequence[str | os.PathLike[str]],
    *,
    min_score: float | None = None,
    ctx: JobContext | None = None,
) -> Iterator[DetectionResult]:
    """Run ``detect`` on each image file in turn; unreadable files give a result with ``error``.

    The CLI and the Recognise tab's folder run both go through here; ``ctx`` reports
    progress and lets the run be paused or cancelled between images.
    """
    for done, path in enumerate(paths):
        if ctx is not None:
            ctx.check()
            ctx.progress(done, len(paths), Path(path).name)
        try:
            image, _ = read_image(path)
        except ImageReadError as exc:
            yield DetectionResult(str(path), [], exc.reason)
            continue
        yield DetectionResult(str(path), filter_boxes(detect(image), min_score=min_score))
    if ctx is not None:
        ctx.progress(len(paths), len(paths), "done")
