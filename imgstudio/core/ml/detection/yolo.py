"""YOLO txt: a folder with ``classes.txt`` (line N = class N, from 0) and one .txt per image,
each line ``class cx cy width height [score]`` normalised by the image size.

Normalised numbers need the image size, so reading looks the images up: in ``images``
when given, else beside the labels, else in the matching ``images`` folder of an
Ultralytics layout (``.../labels/train`` -> ``.../images/train``). Numbers are written
with 10 significant digits and pixels read back are rounded to 1/10000 px, so
whole-pixel boxes survive exactly. An image without boxes gets an empty .txt file (and
only images with a .txt file are read, as YOLO treats the rest as unlabelled).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

from imgstudio.core.ml.detection.annotation_io import (
    AnnotationError,
    annotation_files,
    find_image,
    image_size,
    read_text,
    write_per_image,
)
from imgstudio.core.ml.detection.boxes import AnnotationSet, Box, ImageAnnotation

CLASSES_FILE = "classes.txt"
PIXEL_DECIMALS = 4


def image_folders(labels: Path, images: str | Path | None) -> list[Path]:
    """Where the images of a YOLO label folder are looked for, in order."""
    if images is not None:
        return [Path(images)]
    folders = [labels]
    parts = list(labels.parts)
    if "labels" in parts:
        i = len(parts) - 1 - parts[::-1].index("labels")
        folders.append(Path(*parts[:i], "images", *parts[i + 1 :]))
    return folders


def read_classes(folder: Path) -> list[str]:
    """Class names from ``classes.txt``; a blank or repeated name is an error with its line."""
    path = folder / CLASSES_FILE
    if not path.is_file():
        raise AnnotationError(path, "not found: a YOLO folder needs classes.txt (one class name per line)")
    lines = read_text(path).splitlines()
    while lines and not lines[-1].strip():
        lines.pop()
    classes: list[str] = []
    for number, line in enumerate(lines, start=1):
        name = line.strip()
        if not name:
            raise AnnotationError(path, "empty class name (line N is class N - 1, so no blank lines)", number)
        if name in classes:
            raise AnnotationError(path, f"class name '{name}' appears twice", number)
        classes.append(name)
    return classes


def _parse_line(path: Path, number: int, line: str, classes: Sequence[str], size: tuple[int, int]) -> Box:
    tokens = line.split()
    if len(tokens) not in (5, 6):
        raise AnnotationError(path, f"expected 'class cx cy width height [score]', got {len(tokens)} values", number)
    try:
        class_id = int(tokens[0])
        values = [float(t) for t in tokens[1:]]
    except ValueError:
        raise AnnotationError(path, f"not a class number and numbers: '{line.strip()}'", number) from None
    if not all(math.isfinite(v) for v in values):
        raise AnnotationError(path, "a value is not a finite number", number)
    if not 0 <= class_id < len(classes):
        raise AnnotationError(path, f"class {class_id} is not in classes.txt (0..{len(classes) - 1})", number)
    (cx, cy, w, h), score = values[:4], (values[4] if len(values) == 5 else None)
    width, height = size
    corners = ((cx - w / 2) * width, (cy - h / 2) * height, (cx + w / 2) * width, (cy + h / 2) * height)
    x1, y1, x2, y2 = (round(v, PIXEL_DECIMALS) + 0.0 for v in corners)
    return Box.from_corners(x1, y1, x2, y2, classes[class_id], score)


def yolo_label_files(folder: Path) -> list[Path]:
    """The label .txt files of a YOLO folder (``classes.txt`` at its top excluded)."""
    return [f for f in annotation_files(folder, ".txt") if f != folder / CLASSES_FILE]


def read_yolo(folder: str | Path, *, images: str | Path | None = None) -> AnnotationSet:
    """Read a YOLO label folder; image sizes come from the images (see the module docstring)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise AnnotationError(folder, "not a folder (a YOLO source is a folder with classes.txt)")
    classes = read_classes(folder)
    searched = image_folders(folder, images)
    result = []
    for label_file in yolo_label_files(folder):
        relative = label_file.relative_to(folder).with_suffix("")
        image = find_image(searched, relative)
        if image is None:
            where = " or ".join(str(f) for f in searched)
            raise AnnotationError(label_file, f"no image '{relative.as_posix()}.*' in {where} (give the images folder)")
        size = image_size(image, label_file)
        text = read_text(label_file)
        boxes = [
            _parse_line(label_file, number, line, classes, size)
            for number, line in enumerate(text.splitlines(), start=1)
            if line.strip()
        ]
        path = (relative.parent / image.name).as_posix()
        result.append(ImageAnnotation(path, size[0], size[1], boxes))
    return AnnotationSet(result, classes)


def _number(value: float) -> str:
    return format(value, ".10g")


def yolo_text(image: ImageAnnotation, classes: Sequence[str]) -> str:
    """The label file of one image (empty when it has no boxes)."""
    if image.boxes and (image.width <= 0 or image.height <= 0):
        raise ValueError(f"{image.path}: image size unknown ({image.width}x{image.height}); YOLO needs it")
    ids = {name: i for i, name in enumerate(classes)}
    lines = []
    for box in image.boxes:
        if box.label not in ids:
            raise ValueError(f"{image.path}: label '{box.label}' is not in the class list")
        cx, cy = (box.x + box.width / 2) / image.width, (box.y + box.height / 2) / image.height
        fields = [str(ids[box.label]), *(_number(v) for v in (cx, cy, box.width / image.width))]
        fields.append(_number(box.height / image.height))
        if box.score is not None:
            fields.append(_number(box.score))
        lines.append(" ".join(fields) + "\n")
    return "".join(lines)


def write_yolo(
    annotations: AnnotationSet, folder: str | Path, *, overwrite: bool = False, protect: tuple[Path, ...] = ()
) -> list[Path]:
    """Write ``classes.txt`` and one .txt per image into ``folder``."""
    return write_per_image(
        annotations.images,
        folder,
        ".txt",
        lambda image: yolo_text(image, annotations.classes).encode("utf-8"),
        extra={CLASSES_FILE: "".join(f"{name}\n" for name in annotations.classes).encode("utf-8")},
        overwrite=overwrite,
        protect=protect,
    )
