"""The built-in synthetic detection set ``synthetic:shapes-detect``, generated on the spot (no download).

Each image holds one to ``max_objects`` shapes (the classes of :mod:`imgstudio.core.ml.shapes`)
in random colours, sizes, positions and rotations on a noisy textured background. Shapes may
overlap a little, but every one keeps at least :data:`MIN_VISIBLE` of its area in view. Boxes
are exact: the tight box of the pixels at least half covered by the *visible* part of each
shape. Item ``index`` of split ``split`` with seed ``seed`` is always the same image.

Targets follow torchvision's detection convention: ``{"boxes": float32 N x 4 (x1, y1, x2, y2)
in pixels, "labels": int64 N}`` with labels 1..5 (0 is the background, so label ``k`` is
``CLASSES[k - 1]``).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import torch
from torch.utils.data import Dataset

from imgstudio.core.ml import shapes

NAME = "shapes-detect"
SOURCE = f"synthetic:{NAME}"
CLASSES = shapes.SHAPE_CLASSES
"""Object classes; label ``k`` (1-based, 0 = background) is ``CLASSES[k - 1]``."""
DESCRIPTION = (
    "one to four shapes (circle, square, triangle, star, cross) per image in random colours, sizes, "
    "positions and rotations on a noisy background, with exact boxes; generated from the seed, no download"
)
DETECTION_SETS: dict[str, str] = {NAME: DESCRIPTION}
"""Built-in synthetic detection sets, addressed as ``synthetic:<name>``."""
DEFAULT_IMAGE_SIZE = 128
DEFAULT_MAX_OBJECTS = 4
MIN_IMAGE_SIZE = 32
MIN_VISIBLE = 0.8
"""Each shape keeps at least this fraction of its area uncovered by the shapes drawn after it."""

_STREAM = 0xDE7  # appended to the random seed: this set never shares a stream with synthetic:shapes
_RADIUS = (0.07, 0.2)  # a shape's radius, as a fraction of the image side
_PLACEMENT_TRIES = 30


@dataclass(frozen=True)
class DetectionSample:
    """One rendered image with its objects."""

    image: np.ndarray
    """uint8 H x W x 3 RGB."""
    boxes: np.ndarray
    """float32 N x 4, (x1, y1, x2, y2) in pixels: pixel columns x1 .. x2 - 1 hold the object."""
    labels: np.ndarray
    """int64 N, 1-based class indices."""
    masks: np.ndarray
    """float32 N x H x W, the visible part of each object (anti-aliased coverage in [0, 1])."""


def _check_split(split: str) -> None:
    """A ValueError naming the known splits when ``split`` is not one of them."""
    if split not in shapes.SPLIT_IDS:
        raise ValueError(f"unknown split {split!r} (known: {', '.join(shapes.SPLIT_IDS)})")


def _visible_fractions(masks: list[np.ndarray], areas: list[float], new_mask: np.ndarray) -> list[float]:
    """Visible fraction of each earlier shape once ``new_mask`` is drawn on top of them."""
    return [float((m * (1.0 - new_mask)).sum()) / area for m, area in zip(masks, areas, strict=True)]


def _place_shape(
    rng: np.random.Generator, cls_name: str, size: int, masks: list[np.ndarray], areas: list[float]
) -> np.ndarray | None:
    """Mask of a randomly placed shape that leaves every earlier shape visible enough, or None."""
    extent = shapes.shape_extent(cls_name)
    for _ in range(_PLACEMENT_TRIES):
        radius = rng.uniform(*_RADIUS) * size
        margin = extent * radius + 1.0  # the whole shape lies inside the image
        centre = rng.uniform(margin, size - margin, 2)
        theta = rng.uniform(0, 2 * np.pi)
        mask = shapes.shape_mask(cls_name, centre, radius, theta, size)
        if min(_visible_fractions(masks, areas, mask), default=1.0) >= MIN_VISIBLE:
            return mask
    return None


def _tight_box(mask: np.ndarray) -> tuple[float, float, float, float]:
    """(x1, y1, x2, y2) of the pixels at least half covered by ``mask``."""
    x, y, w, h = cv2.boundingRect((mask >= 0.5).astype(np.uint8))
    return float(x), float(y), float(x + w), float(y + h)


def render_detection_sample(
    rng: np.random.Generator, size: int = DEFAULT_IMAGE_SIZE, max_objects: int = DEFAULT_MAX_OBJECTS
) -> DetectionSample:
    """A ``size`` x ``size`` image with 1..``max_objects`` shapes drawn from ``rng``, and their boxes."""
    if size < MIN_IMAGE_SIZE:
        raise ValueError(f"image size {size} is too small for shapes-detect (at least {MIN_IMAGE_SIZE})")
    if max_objects < 1:
        raise ValueError(f"max_objects must be at least 1, got {max_objects}")
    img, _ = shapes.random_background(rng, size)
    masks: list[np.ndarray] = []
    areas: list[float] = []
    labels: list[int] = []
    for _ in range(int(rng.integers(1, max_objects + 1))):
        cls_index = int(rng.integers(len(CLASSES)))
        mask = _place_shape(rng, CLASSES[cls_index], size, masks, areas)
        if mask is None:
            continue
        under = (img.astype(np.float64) * mask[:, :, None]).sum(axis=(0, 1)) / mask.sum()
        fill = shapes.shaded_fill(shapes.contrasting_colour(rng, under), rng, size)
        img = cv2.blendLinear(fill, img, mask, 1.0 - mask)
        masks = [m * (1.0 - mask) for m in masks]
        masks.append(mask)
        areas.append(float(mask.sum()))
        labels.append(cls_index + 1)
    img = shapes.add_pixel_noise(img, rng)
    return DetectionSample(
        image=img,
        boxes=np.array([_tight_box(m) for m in masks], np.float32).reshape(-1, 4),
        labels=np.array(labels, np.int64),
        masks=np.stack(masks).astype(np.float32),
    )


def shapes_detect_item(
    seed: int, split: str, index: int, size: int = DEFAULT_IMAGE_SIZE, max_objects: int = DEFAULT_MAX_OBJECTS
) -> DetectionSample:
    """Item ``index`` of a split of ``synthetic:shapes-detect``: the same sample on every call and machine."""
    _check_split(split)
    rng = np.random.default_rng([seed, shapes.SPLIT_IDS[split], index, _STREAM])
    return render_detection_sample(rng, size, max_objects)


def image_to_tensor(img: np.ndarray) -> torch.Tensor:
    """uint8 H x W x 3 image as the float32 3 x H x W tensor in [0, 1] that detectors take."""
    return torch.from_numpy(np.ascontiguousarray(img.transpose(2, 0, 1))).float().div_(255.0)


class ShapesDetectionDataset(Dataset):
    """``count`` items of a split of ``synthetic:shapes-detect``: ``(image 3 x S x S in [0, 1], target)``.

    Items are rendered when asked for (about a millisecond at 128 px), so the set needs no storage.
    """

    classes = CLASSES

    def __init__(
        self,
        count: int,
        split: str = "train",
        *,
        seed: int = 0,
        image_size: int = DEFAULT_IMAGE_SIZE,
        max_objects: int = DEFAULT_MAX_OBJECTS,
    ) -> None:
        if count < 1:
            raise ValueError(f"count must be at least 1, got {count}")
        _check_split(split)
        self.count = count
        self.split = split
        self.seed = seed
        self.image_size = image_size
        self.max_objects = max_objects

    def __len__(self) -> int:
        return self.count

    def sample(self, index: int) -> DetectionSample:
        """The rendered sample behind item ``index`` (uint8 image, boxes, labels, masks)."""
        if not 0 <= index < self.count:
            raise IndexError(f"index {index} out of range for {self.count} items")
        return shapes_detect_item(self.seed, self.split, index, self.image_size, self.max_objects)

    def __getitem__(self, index: int) -> tuple[torch.Tensor, dict[str, torch.Tensor]]:
        s = self.sample(index)
        return image_to_tensor(s.image), {"boxes": torch.from_numpy(s.boxes), "labels": torch.from_numpy(s.labels)}


def synthetic_detection_dataset(
    source: str,
    split: str,
    count: int,
    *,
    seed: int = 0,
    image_size: int = DEFAULT_IMAGE_SIZE,
) -> ShapesDetectionDataset:
    """The data set behind ``synthetic:<name>`` (only ``synthetic:shapes-detect`` exists)."""
    name = source.removeprefix("synthetic:")
    if name not in DETECTION_SETS:
        raise ValueError(
            f"unknown synthetic detection set {source!r} (known: synthetic:{', synthetic:'.join(DETECTION_SETS)})"
        )
    return ShapesDetectionDataset(count, split, seed=seed, image_size=image_size)


def collate_detection(
    batch: list[tuple[torch.Tensor, dict[str, torch.Tensor]]],
) -> tuple[list[torch.Tensor], list[dict[str, torch.Tensor]]]:
    """DataLoader ``collate_fn`` for detection: a list of images and a list of targets (torchvision's form)."""
    images = [image for image, _ in batch]
    targets = [target for _, target in batch]
    return images, targets
