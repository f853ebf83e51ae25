"""Annotation formats: COCO JSON, Pascal VOC XML and YOLO txt, found by path and converted.

The Recognise tab, the training data sets and ``imgstudio annotations convert`` all read
and write through here. Boxes stay in pixels of the original image in between (see
:mod:`~imgstudio.core.ml.detection.boxes`); each format module documents its own pixel
convention. Problems with boxes are reported by :func:`validate_annotations`, never fixed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from imgstudio.core.ml.detection.annotation_io import AnnotationError
from imgstudio.core.ml.detection.boxes import AnnotationSet, validate_annotations
from imgstudio.core.ml.detection.coco import read_coco, write_coco
from imgstudio.core.ml.detection.voc import read_voc, voc_files, write_voc
from imgstudio.core.ml.detection.yolo import CLASSES_FILE, read_yolo, write_yolo, yolo_label_files

__all__ = [
    "FORMATS",
    "AnnotationError",
    "ConversionReport",
    "convert_annotations",
    "detect_format",
    "read_annotations",
    "source_files",
    "write_annotations",
]

FORMATS = ("coco", "voc", "yolo")
"""Format names, as the CLI's ``--to`` takes them."""


def detect_format(path: str | Path) -> str:
    """``coco`` for a .json file, ``voc`` for an .xml file or a folder of them, ``yolo`` for a
    folder with classes.txt; anything else is an :class:`AnnotationError` saying what is expected."""
    path = Path(path)
    if not path.exists():
        raise AnnotationError(path, "not found")
    suffix = path.suffix.lower()
    if path.is_file() and suffix in (".json", ".xml"):
        return "coco" if suffix == ".json" else "voc"
    if path.is_dir():
        if (path / CLASSES_FILE).is_file():
            return "yolo"
        if voc_files(path):
            return "voc"
    raise AnnotationError(
        path,
        "cannot tell the annotation format: expected a COCO .json file, "
        "a Pascal VOC .xml file or folder of them, or a YOLO folder with classes.txt",
    )


def read_annotations(path: str | Path, fmt: str | None = None, *, images: str | Path | None = None) -> AnnotationSet:
    """Read annotations in ``fmt`` (found from the path when None).

    ``images`` is the image folder: YOLO needs it for image sizes (it is looked for beside
    the labels otherwise), VOC uses it only for files without a ``<size>``.
    """
    fmt = fmt or detect_format(path)
    if fmt == "coco":
        return read_coco(path)
    if fmt == "voc":
        return read_voc(path, images=images)
    if fmt == "yolo":
        return read_yolo(path, images=images)
    raise ValueError(f"unknown annotation format '{fmt}' (use one of: {', '.join(FORMATS)})")


def source_files(path: str | Path, fmt: str) -> list[Path]:
    """The annotation files a source consists of (never overwritten by a conversion)."""
    path = Path(path)
    if fmt == "yolo":
        return [path / CLASSES_FILE, *yolo_label_files(path)]
    if fmt == "voc":
        return voc_files(path)
    return [path]


def write_annotations(
    annotations: AnnotationSet,
    fmt: str,
    dest: str | Path,
    *,
    overwrite: bool = False,
    protect: tuple[Path, ...] = (),
) -> list[Path]:
    """Write ``annotations`` as ``fmt`` to ``dest`` (a .json file for COCO, else a folder).

    All target files are checked first: existing ones are refused unless ``overwrite``,
    ``protect`` ones always; nothing is written when any is refused. Each file is atomic.
    """
    if fmt == "coco":
        return write_coco(annotations, dest, overwrite=overwrite, protect=protect)
    if fmt == "voc":
        return write_voc(annotations, dest, overwrite=overwrite, protect=protect)
    if fmt == "yolo":
        return write_yolo(annotations, dest, overwrite=overwrite, protect=protect)
    raise ValueError(f"unknown annotation format '{fmt}' (use one of: {', '.join(FORMATS)})")


@dataclass
class ConversionReport:
    """What a conversion read and wrote, and the problems it found in the boxes."""

    source_format: str
    target_format: str
    images: int
    boxes: int
    classes: list[str]
    files: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The CLI's summary line: counts, classes, files written and the number of problems."""
        return {
            "from": self.source_format,
            "to": self.target_format,
            "images": self.images,
            "boxes": self.boxes,
            "classes": self.classes,
            "files_written": len(self.files),
            "problems": len(self.problems),
        }


def convert_annotations(
    src: str | Path,
    to: str,
    out: str | Path,
    *,
    images: str | Path | None = None,
    overwrite: bool = False,
    source_format: str | None = None,
) -> ConversionReport:
    """Read ``src`` (format found from the path unless given), write it as ``to`` at ``out``.

    Boxes with problems (outside the image, empty or negative) are written as they are and
    listed in the report, so nothing is silently kept or dropped. The source files are
    never overwritten, even with ``overwrite``.
    """
    if to not in FORMATS:
        raise ValueError(f"unknown annotation format '{to}' (use one of: {', '.join(FORMATS)})")
    fmt = source_format or detect_format(src)
    annotations = read_annotations(src, fmt, images=images)
    problems = validate_annotations(annotations)
    protect = tuple(source_files(src, fmt))
    files = write_annotations(annotations, to, out, overwrite=overwrite, protect=protect)
    return ConversionReport(
        fmt, to, len(annotations.images), annotations.box_count, list(annotations.classes), files, problems
    )
