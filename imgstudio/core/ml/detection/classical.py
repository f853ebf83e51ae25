"""Detectors that work offline out of the box: OpenCV's bundled Haar cascades and HOG people.

Images come in as core/io arrays (H x W x C, RGB, any supported dtype) and are converted
here to what OpenCV expects. Boxes come back in pixels of the given image with a score:

- Haar: the cascade's last-stage weight of the grouped window (``detectMultiScale3``
  with reject levels). Larger is surer; it is not a probability and can be below 0.
- HOG: the linear SVM's margin of the grouped window. Larger is surer; 0 is the
  classifier's own boundary (``hit_threshold`` moves it).
"""

from __future__ import annotations

import dataclasses
import functools
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from imgstudio.core.io import to_uint8
from imgstudio.core.ml.detection.boxes import Box
from imgstudio.core.params import Param


@dataclass(frozen=True)
class HaarSettings:
    """``detectMultiScale`` parameters of a Haar cascade (the Recognise tab's controls)."""

    scale_factor: float = 1.1
    """How much the search window grows per step (> 1; smaller finds more, slower)."""
    min_neighbors: int = 5
    """Overlapping hits needed to keep a box (higher: fewer false alarms; OpenCV's own default is 3)."""
    min_size: tuple[int, int] = (0, 0)
    """Smallest box (width, height) in pixels; 0 means the cascade's own window."""
    max_size: tuple[int, int] = (0, 0)
    """Largest box (width, height) in pixels; 0 means no limit."""
    equalize_histogram: bool = False
    """Spread the gray levels first (helps dim photos, but adds false alarms on textures)."""

    def validate(self) -> None:
        if not self.scale_factor > 1.0:
            raise ValueError(f"scale factor must be above 1, not {self.scale_factor}")
        if self.min_neighbors < 0:
            raise ValueError(f"min neighbours must be 0 or more, not {self.min_neighbors}")
        if min(*self.min_size, *self.max_size) < 0:
            raise ValueError("min and max size must be 0 or more pixels")


@dataclass(frozen=True)
class HogSettings:
    """``HOGDescriptor.detectMultiScale`` parameters of the people detector."""

    win_stride: tuple[int, int] = (8, 8)
    """Step of the sliding window in pixels (a multiple of 8; smaller finds more, slower)."""
    padding: tuple[int, int] = (8, 8)
    """Pixels added around the image so that people at the border fit a window."""
    scale: float = 1.05
    """Image pyramid step (> 1; smaller finds more sizes, slower)."""
    hit_threshold: float = 0.0
    """SVM margin a window needs to count (higher: fewer false alarms)."""
    group_threshold: float = 2.0
    """Overlapping windows needed to keep a box after grouping."""

    def validate(self) -> None:
        if min(self.win_stride) <= 0 or any(v % 8 for v in self.win_stride):
            raise ValueError(f"window stride must be positive multiples of 8, not {self.win_stride}")
        if min(self.padding) < 0:
            raise ValueError("padding must be 0 or more pixels")
        if not self.scale > 1.0:
            raise ValueError(f"scale must be above 1, not {self.scale}")
        if self.group_threshold < 0:
            raise ValueError("group threshold must be 0 or more")


Settings = HaarSettings | HogSettings

SETTINGS_PARAMS: dict[str, tuple[Param, ...]] = {
    "haar": (
        Param(
            "scale_factor",
            "float",
            1.1,
            min=1.01,
            max=2.0,
            step=0.01,
            help="Window growth per step (smaller finds more, slower)",
        ),
        Param(
            "min_neighbors",
            "int",
            5,
            label="Min neighbours",
            min=0,
            max=30,
            help="Overlapping hits a box needs (higher: fewer false alarms)",
        ),
        Param(
            "min_size",
            "int",
            0,
            label="Min size (px)",
            min=0,
            max=2000,
            help="Smallest box side; 0: the cascade's own window",
        ),
        Param("max_size", "int", 0, label="Max size (px)", min=0, max=8000, help="Largest box side; 0: no limit"),
        Param(
            "equalize_histogram",
            "bool",
            False,
            label="Equalise histogram",
            help="Spread the gray levels first (dim photos)",
        ),
    ),
    "hog": (
        Param(
            "win_stride",
            "int",
            8,
            label="Window stride (px)",
            min=8,
            max=32,
            step=8,
            help="Step of the sliding window (smaller finds more, slower)",
        ),
        Param(
            "padding",
            "int",
            8,
            label="Padding (px)",
            min=0,
            max=32,
            step=8,
            help="Pixels added around the image for people at the border",
        ),
        Param(
            "scale",
            "float",
            1.05,
            min=1.01,
            max=1.5,
            step=0.01,
            help="Image pyramid step (smaller finds more sizes, slower)",
        ),
        Param(
            "hit_threshold",
            "float",
            0.0,
            min=-1.0,
            max=3.0,
            step=0.05,
            help="SVM margin a window needs (higher: fewer false alarms)",
        ),
        Param("group_threshold", "int", 2, min=0, max=10, help="Overlapping windows a box needs after grouping"),
    ),
}
"""The settings of each detector kind as parameter specs (the Recognise tab builds its controls from them)."""

_PAIRS = ("min_size", "max_size", "win_stride", "padding")


def settings_values(settings: Settings) -> dict[str, Any]:
    """``settings`` as the flat values of :data:`SETTINGS_PARAMS` (square sizes as one number)."""
    values = dataclasses.asdict(settings)
    return {k: (v[0] if k in _PAIRS else v) for k, v in values.items()}


def settings_from_values(kind: str, values: dict[str, Any]) -> Settings:
    """Settings of a detector ``kind`` ("haar" or "hog") from flat values (missing: defaults)."""
    cls = HaarSettings if kind == "haar" else HogSettings
    known = {p.name for p in SETTINGS_PARAMS[kind]}
    fields = {k: ((int(v), int(v)) if k in _PAIRS else v) for k, v in values.items() if k in known}
    return cls(**fields)


@dataclass(frozen=True)
class ClassicalDetector:
    """One bundled detector: its registry name, the label of its boxes and what it finds."""

    name: str
    label: str
    description: str
    kind: str  # "haar" or "hog"
    source: str  # the cascade file name, or the HOG model name

    def default_settings(self) -> Settings:
        return HaarSettings() if self.kind == "haar" else HogSettings()


_HAAR_NAMES = {
    "frontalface_default": ("haar-face", "face", "frontal faces (OpenCV's default face cascade)"),
    "frontalface_alt": ("haar-face-alt", "face", "frontal faces, alternative cascade"),
    "frontalface_alt2": ("haar-face-alt2", "face", "frontal faces, second alternative cascade"),
    "frontalface_alt_tree": ("haar-face-alt-tree", "face", "frontal faces, tree cascade (strict, slower)"),
    "profileface": ("haar-profile-face", "face", "faces in profile (one side; mirror the image for the other)"),
    "eye": ("haar-eye", "eye", "eyes (best on a face crop)"),
    "eye_tree_eyeglasses": ("haar-eye-glasses", "eye", "eyes, also behind glasses"),
    "lefteye_2splits": ("haar-left-eye", "eye", "left eyes"),
    "righteye_2splits": ("haar-right-eye", "eye", "right eyes"),
    "smile": ("haar-smile", "smile", "smiles (best on a face crop; false alarms elsewhere)"),
    "fullbody": ("haar-full-body", "person", "whole standing people"),
    "upperbody": ("haar-upper-body", "upper body", "head and shoulders"),
    "lowerbody": ("haar-lower-body", "lower body", "legs of standing people"),
    "frontalcatface": ("haar-cat-face", "cat face", "cat faces"),
    "frontalcatface_extended": ("haar-cat-face-extended", "cat face", "cat faces, extended features"),
    "russian_plate_number": ("haar-plate-rus", "licence plate", "Russian licence plates"),
    "license_plate_rus_16stages": ("haar-plate-rus-16", "licence plate", "Russian licence plates, 16 stages"),
}

_HOG_MODELS = {
    "hog-people": ("default", "standing people at least 64x128 px (Dalal-Triggs HOG + linear SVM)"),
    "hog-people-daimler": ("daimler", "standing people at least 48x96 px (Daimler HOG + linear SVM)"),
}


def _haar_folder() -> Path:
    return Path(cv2.data.haarcascades)


@functools.cache
def _registry() -> dict[str, ClassicalDetector]:
    """Every Haar cascade bundled with this OpenCV, then the HOG detectors."""
    found: dict[str, ClassicalDetector] = {}
    files = sorted(_haar_folder().glob("haarcascade_*.xml")) if _haar_folder().is_dir() else []
    stems = {f.stem.removeprefix("haarcascade_"): f.name for f in files}
    for stem in sorted(stems, key=lambda s: (list(_HAAR_NAMES).index(s) if s in _HAAR_NAMES else len(_HAAR_NAMES), s)):
        fallback = stem.replace("_", "-")
        name, label, description = _HAAR_NAMES.get(stem, (f"haar-{fallback}", fallback, f"{fallback} (Haar cascade)"))
        found[name] = ClassicalDetector(name, label, f"Haar cascade: {description}", "haar", stems[stem])
    for name, (model, description) in _HOG_MODELS.items():
        found[name] = ClassicalDetector(name, "person", f"HOG: {description}", "hog", model)
    return found


def classical_detectors() -> dict[str, str]:
    """Registry name -> one-line description of every classical detector this OpenCV ships."""
    return {name: spec.description for name, spec in _registry().items()}


def classical_detector(name: str) -> ClassicalDetector:
    """The detector registered as ``name``; a ``KeyError`` lists the names there are."""
    try:
        return _registry()[name]
    except KeyError:
        raise KeyError(f"unknown detector '{name}' (available: {', '.join(_registry())})") from None


@functools.cache
def _cascade(file_name: str) -> tuple[cv2.CascadeClassifier, threading.Lock]:
    """A loaded cascade and the lock that keeps two threads from running it at once."""
    path = _haar_folder() / file_name
    cascade = cv2.CascadeClassifier()
    # read from memory first: OpenCV's own file opening fails on non-ASCII install paths on Windows
    storage = cv2.FileStorage(path.read_text(encoding="utf-8"), cv2.FILE_STORAGE_READ | cv2.FILE_STORAGE_MEMORY)
    if not cascade.read(storage.getFirstTopLevelNode()):
        cascade = cv2.CascadeClassifier(str(path))  # the old cascade format loads only by path
    if cascade.empty():
        raise RuntimeError(f"{path}: OpenCV cannot load this cascade")
    return cascade, threading.Lock()


def _hog(model: str) -> cv2.HOGDescriptor:
    if model == "daimler":
        hog = cv2.HOGDescriptor((48, 96), (16, 16), (8, 8), (8, 8), 9)
        hog.setSVMDetector(cv2.HOGDescriptor_getDaimlerPeopleDetector())
    else:
        hog = cv2.HOGDescriptor()
        hog.setSVMDetector(cv2.HOGDescriptor_getDefaultPeopleDetector())
    return hog


def to_gray(image: np.ndarray) -> np.ndarray:
    """A 2-D uint8 gray image from a core/io array (RGB order, so RGB weights)."""
    img = to_uint8(image)
    if img.ndim == 2:
        return img
    if img.shape[2] == 1:
        return np.ascontiguousarray(img[:, :, 0])
    return cv2.cvtColor(img, cv2.COLOR_RGBA2GRAY if img.shape[2] == 4 else cv2.COLOR_RGB2GRAY)


def _to_bgr(image: np.ndarray) -> np.ndarray:
    img = to_uint8(image)
    if img.ndim == 2 or img.shape[2] == 1:
        return np.ascontiguousarray(img.reshape(img.shape[0], img.shape[1]))
    return cv2.cvtColor(img, cv2.COLOR_RGBA2BGR if img.shape[2] == 4 else cv2.COLOR_RGB2BGR)


def _boxes(rects: object, weights: object, label: str) -> list[Box]:
    rows = np.asarray(rects, dtype=np.float64).reshape(-1, 4)
    scores = np.asarray(weights, dtype=np.float64).reshape(-1)
    return [Box(x, y, w, h, label, float(s)) for (x, y, w, h), s in zip(rows.tolist(), scores.tolist(), strict=True)]


def _detect_haar(spec: ClassicalDetector, image: np.ndarray, settings: HaarSettings) -> list[Box]:
    gray = to_gray(image)
    if settings.equalize_histogram:
        gray = cv2.equalizeHist(gray)
    cascade, lock = _cascade(spec.source)
    with lock:
        rects, _levels, weights = cascade.detectMultiScale3(
            gray,
            scaleFactor=settings.scale_factor,
            minNeighbors=settings.min_neighbors,
            minSize=tuple(settings.min_size),
            maxSize=tuple(settings.max_size),
            outputRejectLevels=True,
        )
    return _boxes(rects, weights, spec.label)


def _detect_hog(spec: ClassicalDetector, image: np.ndarray, settings: HogSettings) -> list[Box]:
    hog = _hog(spec.source)
    win_w, win_h = hog.winSize
    if image.shape[0] < win_h or image.shape[1] < win_w:
        return []  # no window fits (and OpenCV 4.x corrupts memory on such images)
    rects, weights = hog.detectMultiScale(
        _to_bgr(image),
        hitThreshold=settings.hit_threshold,
        winStride=tuple(settings.win_stride),
        padding=tuple(settings.padding),
        scale=settings.scale,
        groupThreshold=settings.group_threshold,
    )
    return _boxes(rects, weights, spec.label)


def detect_classical(name: str, image: np.ndarray, settings: Settings | None = None) -> list[Box]:
    """Run the classical detector ``name`` on a core/io image; boxes best score first."""
    spec = classical_detector(name)
    settings = settings if settings is not None else spec.default_settings()
    settings.validate()
    if spec.kind == "haar" and isinstance(settings, HaarSettings):
        boxes = _detect_haar(spec, image, settings)
    elif spec.kind == "hog" and isinstance(settings, HogSettings):
        boxes = _detect_hog(spec, image, settings)
    else:
        raise TypeError(f"{name} does not take {type(settings).__name__}")
    return sorted(boxes, key=lambda b: -(b.score or 0.0))
