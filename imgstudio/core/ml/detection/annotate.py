"""An annotation session: a folder of images and the boxes being drawn on them (no Qt).

The box editor edits one image at a time through here; every save writes the target
(a COCO .json file, a Pascal VOC folder or a YOLO folder) through the format writers in
:mod:`~imgstudio.core.ml.detection.formats`. A failed save is a message, never lost work:
the edits stay in memory, marked unsaved, and the next :meth:`AnnotationSession.save`
tries again. An existing target that cannot be read is never written over.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import numpy as np

from imgstudio.core.io import ImageReadError, list_images, read_image
from imgstudio.core.ml.detection.boxes import AnnotationSet, Box, ImageAnnotation, box_problems, validate_annotations
from imgstudio.core.ml.detection.formats import FORMATS, AnnotationError, read_annotations, write_annotations
from imgstudio.core.ml.detection.voc import voc_files
from imgstudio.core.ml.detection.yolo import CLASSES_FILE

__all__ = ["AnnotationSession", "SaveResult", "clamp_box", "editable_boxes", "target_format"]


@dataclass
class SaveResult:
    """What one :meth:`AnnotationSession.save` did: ``ok``, a one-line message, the files written."""

    ok: bool
    message: str
    files: list[Path] = field(default_factory=list)


def target_format(target: str | Path, fmt: str | None = None) -> str:
    """The format of an annotation target: ``fmt`` when given, else ``coco`` for a .json path,
    ``yolo`` for a folder with classes.txt, ``voc`` for a folder of .xml files."""
    target = Path(target)
    if fmt is not None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown annotation format '{fmt}' (use one of: {', '.join(FORMATS)})")
        return fmt
    if target.suffix.lower() == ".json":
        return "coco"
    if (target / CLASSES_FILE).is_file():
        return "yolo"
    if target.is_dir() and voc_files(target):
        return "voc"
    raise ValueError(f"{target}: cannot tell the annotation format of a new or empty folder; choose coco, voc or yolo")


def clamp_box(box: Box, width: float, height: float) -> Box:
    """``box`` with its corners moved inside a ``width`` x ``height`` image (may become empty)."""
    x1, x2 = (min(max(v, 0.0), float(width)) for v in (box.x, box.x2))
    y1, y2 = (min(max(v, 0.0), float(height)) for v in (box.y, box.y2))
    return dataclasses.replace(box, x=x1, y=y1, width=max(x2 - x1, 0.0), height=max(y2 - y1, 0.0))


def _check_class_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise ValueError("a class name cannot be empty")
    if any(c in name for c in "\r\n\t"):
        raise ValueError("a class name cannot contain line breaks or tabs")
    return name


class AnnotationSession:
    """The images of ``images`` (sorted) and their boxes, saved to ``target`` in ``fmt``.

    Index ``i`` is the i-th image of :attr:`paths`. Existing annotations of the target are
    loaded; annotated images that are not in the folder are kept and written back as they
    are. Problems found on loading (unreadable target, boxes outside their image, ...) are
    in :attr:`load_messages`.
    """

    def __init__(
        self, images: str | Path, target: str | Path, fmt: str | None = None, *, recursive: bool = False
    ) -> None:
        self.image_folder = Path(images)
        self.target = Path(target)
        self.format = target_format(self.target, fmt)
        self.paths: list[Path] = list_images(self.image_folder, recursive=recursive)
        keys = [p.relative_to(self.image_folder).as_posix() for p in self.paths]
        self._entries = [ImageAnnotation(key, 0, 0, []) for key in keys]
        self._others: list[ImageAnnotation] = []
        self._classes: list[str] = []
        self._annotated: set[int] = set()
        self._dirty: set[int] = set()
        self._classes_dirty = False
        self._blocked: str | None = None
        self._current = 0
        self.load_messages: list[str] = []
        self.last_error: str | None = None
        self._load(keys)

    # -- loading ---------------------------------------------------------------------------------

    def _target_has_annotations(self) -> bool:
        if self.format == "coco":
            return self.target.exists()
        if self.format == "yolo":
            return (self.target / CLASSES_FILE).exists()
        return self.target.exists() and (self.target.is_file() or bool(voc_files(self.target)))

    def _load(self, keys: list[str]) -> None:
        if not self._target_has_annotations():
            return
        try:
            loaded = read_annotations(self.target, self.format, images=self.image_folder)
        except (AnnotationError, ValueError, OSError) as exc:
            self._blocked = f"cannot read the existing annotations ({exc}); they are not written over"
            self.load_messages.append(self._blocked)
            return
        self._classes = list(loaded.classes)
        by_key = {key: i for i, key in enumerate(keys)}
        names: dict[str, list[int]] = {}
        for i, key in enumerate(keys):
            names.setdefault(PurePosixPath(key).name, []).append(i)
        for image in loaded.images:
            path = image.path.replace("\\", "/").removeprefix("./")
            index = by_key.get(path)
            if index is None and len(names.get(PurePosixPath(path).name, [])) == 1:
                index = names[PurePosixPath(path).name][0]
            if index is None or index in self._annotated:
                self._others.append(image)
                continue
            self._entries[index] = image
            self._annotated.add(index)
        self._add_classes(box.label for image in loaded.images for box in image.boxes)
        self._classes_dirty = False
        if self._others:
            self.load_messages.append(
                f"{len(self._others)} annotated image(s) are not in {self.image_folder}; they are kept as they are"
            )
        self.load_messages.extend(validate_annotations(loaded))

    # -- images ----------------------------------------------------------------------------------

    @property
    def image_count(self) -> int:
        return len(self.paths)

    @property
    def current(self) -> int:
        """Index of the image being edited (0 when there are no images)."""
        return self._current

    @current.setter
    def current(self, index: int) -> None:
        self._current = min(max(int(index), 0), max(self.image_count - 1, 0))

    def relative_path(self, index: int) -> str:
        """The image's path relative to the image folder, with ``/`` separators."""
        return self.paths[index].relative_to(self.image_folder).as_posix()

    def image_size(self, index: int) -> tuple[int, int]:
        """(width, height) of the image; read from the file when not known yet."""
        entry = self._entries[index]
        if entry.width <= 0 or entry.height <= 0:
            _, info = read_image(self.paths[index])
            self._set_size(index, info.width, info.height)
        return self._entries[index].width, self._entries[index].height

    def load_image(self, index: int) -> np.ndarray:
        """The image's pixels (through core/io); raises :class:`ImageReadError` with a reason."""
        pixels, info = read_image(self.paths[index])
        self._set_size(index, info.width, info.height)
        return pixels

    def _set_size(self, index: int, width: int, height: int) -> None:
        entry = self._entries[index]
        if (entry.width, entry.height) == (width, height):
            return
        if entry.width > 0 and entry.height > 0:
            self.load_messages.append(
                f"{entry.path}: the annotations say {entry.width}x{entry.height}, the image is {width}x{height};"
                " the image's size is used"
            )
            self._dirty.add(index)
        entry.width, entry.height = width, height

    # -- boxes and classes -----------------------------------------------------------------------

    def boxes(self, index: int) -> list[Box]:
        """A copy of the boxes of image ``index``."""
        return list(self._entries[index].boxes)

    def set_boxes(self, index: int, boxes: Iterable[Box]) -> bool:
        """Replace the boxes of image ``index`` (new labels join the classes); False if unchanged."""
        boxes = list(boxes)
        entry = self._entries[index]
        self._annotated.add(index)
        if boxes == entry.boxes:
            return False
        entry.boxes = boxes
        self._add_classes(box.label for box in boxes)
        self._dirty.add(index)
        return True

    @property
    def classes(self) -> list[str]:
        """Class names in order (YOLO class ids and the editor's number keys follow it)."""
        return list(self._classes)

    def add_class(self, name: str) -> bool:
        """Add a class name at the end; False if it is there already. Raises ValueError if invalid."""
        name = _check_class_name(name)
        if name in self._classes:
            return False
        self._classes.append(name)
        self._classes_dirty = True
        return True

    def _add_classes(self, labels: Iterable[str]) -> None:
        for label in labels:
            if label not in self._classes:
                self._classes.append(label)
                self._classes_dirty = True

    def is_annotated(self, index: int) -> bool:
        """Whether the image has annotations in the target (or will have after the next save)."""
        return index in self._annotated

    @property
    def annotated_count(self) -> int:
        """How many images have annotations (saved or about to be)."""
        return len(self._annotated)

    def problems(self, index: int) -> list[str]:
        """Readable problems of one image's boxes (outside the image, empty, unknown label)."""
        entry = self._entries[index]
        if entry.width <= 0 or entry.height <= 0:
            return []
        return box_problems(entry, self._classes)

    def validate(self) -> list[str]:
        """Problems of every annotated image, in order."""
        return validate_annotations(self._annotation_set(sorted(self._annotated), others=True))

    # -- saving ----------------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        """Whether there are edits that are not in the target yet."""
        return bool(self._dirty) or self._classes_dirty

    def _annotation_set(self, indices: Sequence[int], *, others: bool) -> AnnotationSet:
        images = [self._entries[i] for i in indices] + (self._others if others else [])
        return AnnotationSet(images, list(self._classes))

    def save(self) -> SaveResult:
        """Write the unsaved edits to the target (atomically, never over an image file).

        COCO rewrites its one file; VOC and YOLO write the files of the edited images (and
        YOLO its classes.txt). On failure the edits stay unsaved and the message says why.
        """
        if not self.dirty:
            return SaveResult(True, "nothing to save")
        if self._blocked is not None:
            if self.target.exists():
                return self._failed(self._blocked)
            self._blocked = None  # the unreadable target was moved away: writing is safe now
        dirty = sorted(self._dirty)
        try:
            for index in dirty:
                self.image_size(index)
            if self.format == "coco":
                annotations = self._annotation_set(sorted(self._annotated), others=True)
            else:
                annotations = self._annotation_set(dirty, others=False)
            files = write_annotations(annotations, self.format, self.target, overwrite=True, protect=self._protect())
        except OSError as exc:
            return self._failed(f"{exc.filename}: {exc.strerror}" if exc.filename and exc.strerror else str(exc))
        except (AnnotationError, ImageReadError, ValueError) as exc:
            return self._failed(str(exc))
        self._dirty.difference_update(dirty)
        self._classes_dirty = False
        self.last_error = None
        return SaveResult(True, f"saved {len(dirty)} image(s) to {self.target}", files)

    def _protect(self) -> tuple[Path, ...]:
        """The images a save could hit: named like the target or with an annotation file's suffix
        (the writers refuse them; checking only these keeps saves fast on big folders)."""
        suffixes = (".json", ".xml", ".txt")
        return tuple(p for p in self.paths if p.name == self.target.name or p.suffix.lower() in suffixes)

    def _failed(self, reason: str) -> SaveResult:
        self.last_error = f"not saved: {reason}"
        return SaveResult(False, self.last_error)


def editable_boxes(boxes: Iterable[Box], width: float, height: float) -> list[Box]:
    """Boxes made into ground truth for editing: score dropped, clamped to the image, and
    the ones left empty or with a coordinate that is not a number dropped (e.g. predictions)."""
    kept = []
    for box in boxes:
        if not all(math.isfinite(v) for v in (box.x, box.y, box.width, box.height)):
            continue
        box = clamp_box(dataclasses.replace(box, score=None), width, height)
        if box.width > 0 and box.height > 0:
            kept.append(box)
    return kept
