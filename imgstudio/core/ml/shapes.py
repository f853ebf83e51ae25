"""The built-in synthetic "shapes" data set, generated on the spot (no download).

Each image is one shape (circle, square, triangle, star, cross) in a random colour, size,
position and rotation on a textured, noisy random background, drawn anti-aliased at the
requested size. Item ``index`` of split ``split`` with seed ``seed`` is always the same
image, so the set needs no storage and is identical on every machine.
"""

from __future__ import annotations

import os
from pathlib import Path

import cv2
import numpy as np

from imgstudio.core.io import write_image

SHAPE_CLASSES = ("circle", "square", "triangle", "star", "cross")
DESCRIPTION = (
    "one shape (circle, square, triangle, star, cross) in a random colour, size, position and rotation "
    "on a noisy textured background; generated from the seed, no download"
)
PLAIN_DESCRIPTION = (
    "one bright shape (circle, square, triangle, star, cross), near the centre with a random colour, "
    "size and rotation, on a dark plain background: a generator learns it in minutes on a CPU"
)
STYLES = ("noisy", "plain")
"""``noisy``: the "shapes" set; ``plain``: the "shapes-plain" set."""
SPLIT_IDS = {"train": 0, "val": 1, "test": 2}
"""Each split draws from its own random stream, so splits never share an image."""

_SUBPIXEL_BITS = 4  # OpenCV fixed-point coordinates: 1/16 pixel
_MIN_CONTRAST = 90.0  # RGB distance between the shape and the background's mean colour
_MIN_LUMA_CONTRAST = 50.0  # and a luminance difference, so the shape survives conversion to gray
_LUMA = np.array([0.299, 0.587, 0.114])


def _outline(cls_name: str) -> np.ndarray:
    """Unit-radius outline of a shape (N x 2, centred at 0), before rotation."""
    if cls_name == "circle":
        angles = np.linspace(0.0, 2 * np.pi, 64, endpoint=False)
        return 0.85 * np.stack([np.cos(angles), np.sin(angles)], axis=1)
    if cls_name == "square":
        return 0.75 * np.array([[-1, -1], [1, -1], [1, 1], [-1, 1]], dtype=np.float64)
    if cls_name == "triangle":
        angles = -np.pi / 2 + np.arange(3) * 2 * np.pi / 3
        return np.stack([np.cos(angles), np.sin(angles)], axis=1)
    if cls_name == "star":
        angles = -np.pi / 2 + np.arange(10) * np.pi / 5
        radii = np.where(np.arange(10) % 2 == 0, 1.0, 0.42)
        return np.stack([radii * np.cos(angles), radii * np.sin(angles)], axis=1)
    if cls_name == "cross":
        a, b = 0.28, 0.9  # half arm width, arm length
        return np.array(
            [[-a, -b], [a, -b], [a, -a], [b, -a], [b, a], [a, a], [a, b], [-a, b], [-a, a], [-b, a], [-b, -a], [-a, -a]]
        )
    raise ValueError(f"unknown shape '{cls_name}' (known: {', '.join(SHAPE_CLASSES)})")


def shape_extent(cls_name: str) -> float:
    """Farthest outline point from a shape's centre, as a multiple of its radius (a square's corners exceed 1)."""
    return float(np.linalg.norm(_outline(cls_name), axis=1).max())


def _smooth_field(grid: np.ndarray, size: int) -> np.ndarray:
    """A small float RGB grid upscaled (bilinear) to a ``size`` x ``size`` uint8 image."""
    small = np.clip(grid, 0, 255).astype(np.uint8)
    return cv2.resize(small, (size, size), interpolation=cv2.INTER_LINEAR)


def random_background(rng: np.random.Generator, size: int) -> tuple[np.ndarray, np.ndarray]:
    """RGB background (a four-colour gradient with blurry random blobs) and its mean colour.

    Built on a small grid and upscaled once, so it costs about the same at any size.
    """
    corners = rng.uniform(0, 255, (2, 2, 3))
    cells = int(rng.integers(3, 9))
    u = np.linspace(0.0, 1.0, cells)[:, None]
    top = corners[0, 0] + (corners[0, 1] - corners[0, 0]) * u
    bottom = corners[1, 0] + (corners[1, 1] - corners[1, 0]) * u
    grid = top[None] + (bottom - top)[None] * u[:, :, None]
    grid += rng.normal(0.0, rng.uniform(5, 20), grid.shape)
    return _smooth_field(grid, size), corners.mean(axis=(0, 1))


def contrasting_colour(rng: np.random.Generator, background_mean: np.ndarray) -> np.ndarray:
    """A random colour far enough from the background to be visible (in colour and in gray)."""
    for _ in range(30):
        colour = rng.uniform(0, 255, 3)
        diff = colour - background_mean
        if np.linalg.norm(diff) >= _MIN_CONTRAST and abs(diff @ _LUMA) >= _MIN_LUMA_CONTRAST:
            return colour
    return np.where(background_mean @ _LUMA > 127, 0.0, 255.0) * np.ones(3)  # black or white


def shape_mask(cls_name: str, centre: np.ndarray, radius: float, theta: float, size: int) -> np.ndarray:
    """Anti-aliased float32 ``size`` x ``size`` mask in [0, 1] of one shape.

    ``centre`` is (x, y) in pixels, ``radius`` the shape's outer radius in pixels (the shape fits
    in that circle) and ``theta`` its rotation in radians.
    """
    rot = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    points = _outline(cls_name) @ rot.T * radius + centre - 0.5
    fixed = np.round(points * (1 << _SUBPIXEL_BITS)).astype(np.int32)
    mask = np.zeros((size, size), np.uint8)
    cv2.fillPoly(mask, [fixed], 255, lineType=cv2.LINE_AA, shift=_SUBPIXEL_BITS)
    return mask.astype(np.float32) * np.float32(1 / 255)


def _shape_mask(cls_name: str, rng: np.random.Generator, size: int) -> np.ndarray:
    """Anti-aliased float32 mask in [0, 1] of one randomly placed, sized and rotated shape."""
    radius = rng.uniform(0.22, 0.42) * size
    centre = rng.uniform(radius, size - radius, 2)
    theta = rng.uniform(0, 2 * np.pi)
    return shape_mask(cls_name, centre, radius, theta, size)


def shaded_fill(colour: np.ndarray, rng: np.random.Generator, size: int) -> np.ndarray:
    """A ``size`` x ``size`` uint8 RGB fill of ``colour`` with a slight random shading gradient."""
    return _smooth_field(colour * (1.0 + rng.uniform(-0.15, 0.15, (2, 2, 1))), size)


def add_pixel_noise(img: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """``img`` (uint8) plus uniform per-pixel noise of a random amplitude (4 to 18 grey levels)."""
    amplitude = rng.uniform(4, 18)  # uniform per-pixel noise in [-amplitude, amplitude]
    noise = rng.integers(0, 256, img.shape, dtype=np.uint8)
    return cv2.addWeighted(img, 1.0, noise, 2 * amplitude / 255, -amplitude)


def _render_with_mask(cls_index: int, rng: np.random.Generator, size: int) -> tuple[np.ndarray, np.ndarray]:
    """The sample image of :func:`render_shape_sample` and the shape's anti-aliased mask."""
    if size < 8:
        raise ValueError(f"image size {size} is too small for shapes (at least 8)")
    bg, bg_mean = random_background(rng, size)
    colour = contrasting_colour(rng, bg_mean)
    fg = shaded_fill(colour, rng, size)
    mask = _shape_mask(SHAPE_CLASSES[cls_index], rng, size)
    img = cv2.blendLinear(fg, bg, mask, 1.0 - mask)
    return add_pixel_noise(img, rng), mask


def render_shape_sample(cls_index: int, rng: np.random.Generator, size: int) -> np.ndarray:
    """One ``size`` x ``size`` x 3 uint8 RGB image of shape ``SHAPE_CLASSES[cls_index]``."""
    return _render_with_mask(cls_index, rng, size)[0]


def render_plain_shape(cls_index: int, rng: np.random.Generator, size: int) -> np.ndarray:
    """One image of the "shapes-plain" set: a bright, saturated shape of radius 0.28 to 0.42 of
    the side, within 8 % of the centre, on a near-black plain background."""
    if size < 8:
        raise ValueError(f"image size {size} is too small for shapes (at least 8)")
    hsv = np.array([[[rng.uniform(0, 180), rng.uniform(150, 255), rng.uniform(200, 255)]]], np.uint8)
    colour = cv2.cvtColor(hsv, cv2.COLOR_HSV2RGB)[0, 0].astype(np.float32)
    background = np.float32(rng.uniform(0, 30))
    radius = rng.uniform(0.28, 0.42) * size
    centre = size / 2 + rng.uniform(-0.08, 0.08, 2) * size
    mask = shape_mask(SHAPE_CLASSES[cls_index], centre, radius, rng.uniform(0, 2 * np.pi), size)[..., None]
    return np.round(background + mask * (colour - background)).astype(np.uint8)


def shapes_item(seed: int, split: str, index: int, size: int, style: str = "noisy") -> tuple[np.ndarray, int]:
    """Item ``index`` of a split: (image, label); labels cycle so every class is balanced."""
    label = index % len(SHAPE_CLASSES)
    rng = np.random.default_rng([seed, SPLIT_IDS[split], index])
    if style == "plain":
        return render_plain_shape(label, rng, size), label
    if style != "noisy":
        raise ValueError(f"unknown shapes style '{style}' (known: {', '.join(STYLES)})")
    return render_shape_sample(label, rng, size), label


def shapes_item_with_box(
    seed: int, split: str, index: int, size: int
) -> tuple[np.ndarray, int, tuple[int, int, int, int]]:
    """:func:`shapes_item` (the very same image) plus the shape's bounding box (x, y, w, h) in pixels.

    The box holds every pixel that is at least half covered by the shape; the pointing game
    of the Explain feature checks whether a saliency map's peak falls inside it.
    """
    label = index % len(SHAPE_CLASSES)
    rng = np.random.default_rng([seed, SPLIT_IDS[split], index])
    img, mask = _render_with_mask(label, rng, size)
    x, y, w, h = cv2.boundingRect((mask >= 0.5).astype(np.uint8))
    return img, label, (int(x), int(y), int(w), int(h))


def make_shapes_folder(
    root: str | os.PathLike[str], per_class: int, image_size: int, seed: int = 0, *, overwrite: bool = False
) -> Path:
    """Write a folder-per-class copy of the shapes train split (``root/<class>/<class>_NNNN.png``)."""
    root = Path(root)
    n_classes = len(SHAPE_CLASSES)
    for cls_index, name in enumerate(SHAPE_CLASSES):
        for k in range(per_class):
            img, _ = shapes_item(seed, "train", k * n_classes + cls_index, image_size)
            write_image(root / name / f"{name}_{k:04d}.png", img, overwrite=overwrite)
    return root
