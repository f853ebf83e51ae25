"""Generate the built-in sample images shipped with imgstudio.

All images are synthesised procedurally (no third-party artwork, no network),
deterministically from fixed seeds, using only numpy, OpenCV and Pillow.
Running the script twice produces byte-identical PNG files.

Usage::

    python tools/make_samples.py [output_dir]

The default output directory is ``imgstudio/resources/samples/``.
"""

from __future__ import annotations

import argparse
import io
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "imgstudio" / "resources" / "samples"

Color = tuple[float, float, float]
FloatImage = np.ndarray  # float32, H x W x 3, RGB in [0, 1]

# Sub-pixel precision (fractional bits) used for anti-aliased polygon drawing.
_SHIFT = 4


# --------------------------------------------------------------------------
# Generic helpers
# --------------------------------------------------------------------------


def fractal_noise(
    rng: np.random.Generator,
    shape: tuple[int, int],
    cells: tuple[float, float],
    octaves: int = 5,
    persistence: float = 0.5,
) -> np.ndarray:
    """Return smooth fractal value noise in [0, 1] of the given (h, w) shape.

    ``cells`` is the number of lattice cells (rows, cols) of the coarsest octave;
    each further octave doubles the lattice resolution.
    """
    h, w = shape
    total = np.zeros(shape, np.float32)
    amplitude, norm = 1.0, 0.0
    for octave in range(octaves):
        gy = max(1, round(cells[0] * 2**octave)) + 1
        gx = max(1, round(cells[1] * 2**octave)) + 1
        lattice = rng.random((gy, gx), dtype=np.float32)
        total += amplitude * cv2.resize(lattice, (w, h), interpolation=cv2.INTER_CUBIC)
        norm += amplitude
        amplitude *= persistence
    total /= norm
    lo, hi = float(total.min()), float(total.max())
    return (total - lo) / max(hi - lo, 1e-6)


def fractal_profile(rng: np.random.Generator, length: int, cells: float, octaves: int = 6) -> np.ndarray:
    """Return a 1-D fractal curve in [0, 1] (used for ridges and shore lines)."""
    return fractal_noise(rng, (1, length), (1, cells), octaves)[0]


def smoothstep(edge0: float, edge1: float, x: np.ndarray) -> np.ndarray:
    """Hermite interpolation between 0 and 1 as ``x`` goes from edge0 to edge1."""
    t = np.clip((x - edge0) / (edge1 - edge0), 0.0, 1.0)
    return t * t * (3.0 - 2.0 * t)


def blend(base: np.ndarray, color: np.ndarray | Color, alpha: np.ndarray) -> np.ndarray:
    """Alpha-blend ``color`` over ``base`` with a per-pixel (H x W) ``alpha``."""
    a = alpha[..., None]
    return base * (1.0 - a) + np.asarray(color, np.float32) * a


def gradient(t: np.ndarray, stops: Sequence[tuple[float, Color]]) -> np.ndarray:
    """Map scalar field ``t`` to RGB by piecewise-linear interpolation of colour stops."""
    positions = [p for p, _ in stops]
    channels = [np.interp(t, positions, [c[i] for _, c in stops]) for i in range(3)]
    return np.stack(channels, axis=-1).astype(np.float32)


def screen(img: FloatImage, light: np.ndarray, color: Color) -> FloatImage:
    """Screen-blend an additive light of intensity ``light`` (H x W) and tint ``color``."""
    return 1.0 - (1.0 - img) * (1.0 - light[..., None] * np.float32(color))


def fixed_point(points: np.ndarray, offset: tuple[float, float] = (0, 0)) -> np.ndarray:
    """Convert float (x, y) points to OpenCV fixed-point coordinates (``shift=_SHIFT``)."""
    return np.round((np.asarray(points, np.float64) - offset) * (1 << _SHIFT)).astype(np.int32)


def coverage_mask(
    shape: tuple[int, int], polygons: Sequence[np.ndarray], offset: tuple[float, float] = (0, 0)
) -> np.ndarray:
    """Rasterise polygons (float x, y points) into an anti-aliased [0, 1] mask."""
    mask = np.zeros(shape, np.uint8)
    cv2.fillPoly(mask, [fixed_point(p, offset) for p in polygons], 255, cv2.LINE_AA, shift=_SHIFT)
    return mask.astype(np.float32) / 255.0


def paint_polygons(img: FloatImage, polygons: Sequence[np.ndarray], color: Color, opacity: float = 1.0) -> None:
    """Paint anti-aliased filled polygons onto a float image, in place (bbox-local)."""
    pts = np.concatenate([np.asarray(p, np.float64) for p in polygons])
    h, w = img.shape[:2]
    x0, y0 = (max(0, int(v) - 2) for v in pts.min(axis=0))
    x1, y1 = (int(v) + 3 for v in pts.max(axis=0))
    x1, y1 = min(w, x1), min(h, y1)
    if x0 >= x1 or y0 >= y1:
        return
    mask = coverage_mask((y1 - y0, x1 - x0), polygons, offset=(x0, y0)) * opacity
    img[y0:y1, x0:x1] = blend(img[y0:y1, x0:x1], color, mask)


def radial_distance(shape: tuple[int, int], center: tuple[float, float]) -> np.ndarray:
    """Euclidean distance of every pixel centre from ``center`` (x, y)."""
    yy, xx = np.mgrid[0 : shape[0], 0 : shape[1]].astype(np.float32)
    return np.hypot(xx - center[0], yy - center[1])


def regular_polygon(center: tuple[float, float], radii: Sequence[float], n: int, rotation: float = -90.0) -> np.ndarray:
    """Points of a regular polygon; alternating ``radii`` produce stars."""
    k = n * len(radii)
    ang = np.deg2rad(rotation) + 2 * np.pi * np.arange(k) / k
    r = np.resize(np.asarray(radii, np.float64), k)
    return np.stack([center[0] + r * np.cos(ang), center[1] + r * np.sin(ang)], axis=1)


def cross_polygon(center: tuple[float, float], size: float, arm: float, rotation: float = 0.0) -> np.ndarray:
    """Points of a plus-shaped cross (12-gon), optionally rotated by ``rotation`` degrees."""
    s, a = size, arm
    offsets = [(-a, -s), (a, -s), (a, -a), (s, -a), (s, a), (a, a)]
    offsets += [(a, s), (-a, s), (-a, a), (-s, a), (-s, -a), (-a, -a)]
    ang = math.radians(rotation)
    rot = np.array([[math.cos(ang), math.sin(ang)], [-math.sin(ang), math.cos(ang)]])
    return np.asarray(offsets, np.float64) @ rot + center


def to_uint8(img: FloatImage) -> np.ndarray:
    """Quantise a float [0, 1] image to uint8 with rounding."""
    return np.clip(img * 255.0 + 0.5, 0, 255).astype(np.uint8)


def add_sensor_noise(rng: np.random.Generator, img: FloatImage, sigma: float) -> FloatImage:
    """Add mild luminance + chroma Gaussian noise (also dithers away banding)."""
    h, w = img.shape[:2]
    luma = rng.normal(0.0, sigma, (h, w, 1)).astype(np.float32)
    chroma = rng.normal(0.0, sigma * 0.5, (h, w, 3)).astype(np.float32)
    return img + luma + chroma


def encode(ext: str, img: np.ndarray, params: Sequence[int] = ()) -> bytes:
    """Encode an image with OpenCV (RGB/RGBA input is converted to BGR/BGRA)."""
    if img.ndim == 3:
        code = cv2.COLOR_RGB2BGR if img.shape[2] == 3 else cv2.COLOR_RGBA2BGRA
        img = cv2.cvtColor(img, code)
    ok, buf = cv2.imencode(ext, img, list(params))
    if not ok:
        raise RuntimeError(f"cv2.imencode failed for {ext}")
    return buf.tobytes()


PNG_PARAMS = (cv2.IMWRITE_PNG_COMPRESSION, 9)


# --------------------------------------------------------------------------
# landscape.jpg
# --------------------------------------------------------------------------

LAND_W, LAND_H = 1600, 1066
WATERLINE = 700
SUN = (1180.0, 170.0)
HAZE: Color = (0.78, 0.81, 0.86)


@dataclass(frozen=True)
class MountainLayer:
    """One silhouette layer of the mountain range (farther layers first)."""

    base: float  # mean crest height (y)
    amplitude: float  # crest height variation in pixels
    cells: float  # crest roughness (lattice cells across the width)
    color: Color
    haze: float  # aerial-perspective blend towards the horizon colour
    ridged: bool  # sharp peaks (True) or rolling hills (False)
    texture_cells: tuple[float, float]  # gullies (rocks) or canopy (forest)
    rock_scale: float = 1.0  # >1 gives finer rock texture (farther away)
    snowline: float | None = None  # rows above this y get snow


MOUNTAINS = (
    MountainLayer(440, 170, 2.6, (0.42, 0.43, 0.48), 0.32, True, (2, 45), 1.5, 360),
    MountainLayer(545, 120, 4.0, (0.36, 0.33, 0.30), 0.18, True, (3, 60), 1.0, 440),
    MountainLayer(640, 80, 3.2, (0.17, 0.26, 0.13), 0.10, False, (60, 90), 2.5),
)


def sky(rng: np.random.Generator, shape: tuple[int, int]) -> FloatImage:
    """Vertical afternoon sky gradient with soft, sun-lit clouds."""
    t = np.broadcast_to(np.linspace(0.0, 1.0, shape[0], dtype=np.float32)[:, None], shape)
    t = t * (LAND_H / WATERLINE)
    stops = [
        (0.0, (0.16, 0.34, 0.64)),
        (0.45, (0.40, 0.60, 0.83)),
        (0.80, (0.74, 0.80, 0.86)),
        (1.0, (0.97, 0.88, 0.74)),
    ]
    img = gradient(t, stops)
    clouds = fractal_noise(rng, shape, (6, 2), octaves=7, persistence=0.6)
    sun_clear = smoothstep(40.0, 260.0, radial_distance(shape, SUN))
    density = smoothstep(0.45, 0.85, clouds) ** 1.5 * (1.0 - smoothstep(0.3, 0.8, t)) * sun_clear
    relief = np.clip(0.5 + 3.0 * cv2.Sobel(clouds, cv2.CV_32F, 0, 1, ksize=5), 0, 1)
    cloud_color = gradient(relief, [(0.0, (1.0, 0.97, 0.92)), (1.0, (0.74, 0.77, 0.85))])
    density *= 0.85
    return blend(img, cloud_color, density)


def add_sun(img: FloatImage, center: tuple[float, float], radius: float) -> FloatImage:
    """Screen-blend a sun disc with a warm two-scale glow."""
    d = radial_distance(img.shape[:2], center)
    glow = 0.85 * np.exp(-((d / (radius * 2.5)) ** 2)) + 0.35 * np.exp(-d / (radius * 9.0))
    disc = smoothstep(radius + 1.5, radius - 1.5, d)
    return screen(img, np.clip(glow + disc, 0.0, 1.0), (1.0, 0.92, 0.74))


def ridge_line(rng: np.random.Generator, layer: MountainLayer, width: int) -> np.ndarray:
    """Return the y coordinate of the layer's crest for every column."""
    n = fractal_profile(rng, width, layer.cells, octaves=8)
    shape = 1.0 - np.abs(2.0 * n - 1.0) if layer.ridged else n
    return layer.base - layer.amplitude * (shape - 0.5) * 2.0


def face_light(rng: np.random.Generator, crest: np.ndarray, depth: np.ndarray) -> np.ndarray:
    """Large-scale sun/shade of mountain faces in [-1, 1], derived from the crest slope.

    Where the crest descends towards the sun (on the right) the face below is lit.
    Near the crest the shading follows small ridges; deeper down it follows
    the overall mountain shape. A noisy x-offset breaks up the vertical edges.
    """
    w = crest.size
    x = np.arange(w, dtype=np.float32)
    jitter = (fractal_noise(rng, depth.shape, (6, 20), octaves=4) - 0.5) * 50.0
    light = np.zeros(depth.shape, np.float32)
    weights = smoothstep(0.0, 260.0, depth)
    for sigma, weight in ((3.0, 1.0 - weights), (25.0, weights)):
        smooth = cv2.GaussianBlur(crest.reshape(1, -1).astype(np.float32), (0, 0), sigma)[0]
        slope = np.tanh(np.gradient(smooth) * 2.0)
        light += weight * np.interp(x[None, :] + jitter, x, slope).astype(np.float32)
    return light


def mountain_layer(rng: np.random.Generator, img: FloatImage, layer: MountainLayer, bottom: int) -> FloatImage:
    """Composite one textured, hazy, possibly snow-capped layer of mountains."""
    h, w = img.shape[:2]
    crest = ridge_line(rng, layer, w)
    yy = np.arange(h, dtype=np.float32)[:, None]
    depth = yy - crest[None, :]  # pixels below the crest
    alpha = np.clip(depth + 0.5, 0.0, 1.0) * (yy < bottom)

    light = face_light(rng, crest, depth)
    tex = fractal_noise(rng, (h, w), layer.texture_cells, octaves=5, persistence=0.6)
    rock_cells = (10 * layer.rock_scale, 16 * layer.rock_scale)
    rock = fractal_noise(rng, (h, w), rock_cells, octaves=6, persistence=0.62)
    relief = cv2.Sobel(rock, cv2.CV_32F, 1, 0, ksize=3) * (6.0 / layer.rock_scale)
    shade = 0.8 + 0.3 * light + 0.5 * (tex - 0.5) + 0.7 * (rock - 0.5) + relief
    color = np.float32(layer.color) * np.clip(shade, 0.2, 1.6)[..., None]
    color = blend(color, (0.75, 0.58, 0.40), 0.18 * np.clip(light, 0.0, 1.0))

    if layer.snowline is not None:
        snowy = smoothstep(8.0, -8.0, yy - layer.snowline + 140.0 * (tex - 0.5) - 30 * light)
        snowy *= smoothstep(0.25, 0.5, tex + 0.2 * light)
        snow_rgb = gradient(light, [(-1.0, (0.62, 0.68, 0.82)), (1.0, (1.0, 0.98, 0.94))])
        color = blend(color, snow_rgb * np.clip(0.95 + relief, 0.7, 1.05)[..., None], snowy)

    mist = layer.haze + (1.0 - layer.haze) * 0.45 * (1.0 - np.exp(-np.maximum(depth, 0) / 180))
    color = blend(color, HAZE, mist)
    return blend(img, color, alpha)


def conifer(x: float, base: float, height: float, rng: np.random.Generator) -> np.ndarray:
    """Polygon of a jagged conifer silhouette standing at (x, base)."""
    tiers = max(3, int(height / 7))
    half = height * 0.2
    step = height * 0.92 / tiers
    left, right = [], []
    for i in range(tiers + 1):
        f = i / tiers
        y = base - height * 0.08 - f * height * 0.92
        outer = half * (1.0 - f) * (1.0 + 0.3 * (rng.random() - 0.5)) + 0.6
        left += [(x - outer, y), (x - outer * 0.55, y - step * 0.5)]
        right += [(x + outer, y), (x + outer * 0.55, y - step * 0.5)]
    trunk = [(x + height * 0.03, base), (x - height * 0.03, base)]
    return np.asarray(trunk + left + right[::-1], np.float64)


def paint_conifer(img: FloatImage, x: float, base: float, height: float, rng: np.random.Generator) -> None:
    """Paint a conifer with a darker shadow side and a sun-lit right side."""
    tone = 0.7 + 0.6 * rng.random()
    dark: Color = (0.04 * tone, 0.10 * tone, 0.06 * tone)
    lit: Color = (0.13 * tone, 0.22 * tone, 0.10 * tone)
    poly = conifer(x, base, height, rng)
    paint_polygons(img, [poly], dark)
    half = poly.copy()
    half[:, 0] = np.maximum(half[:, 0], x)
    paint_polygons(img, [half], lit, opacity=0.85)


def paint_house(img: FloatImage, x: float, base: float, size: float, wall: Color) -> None:
    """Paint a small gabled house whose front wall starts at (x, base)."""
    w, hgt = size, size * 0.7
    front = np.array([(x, base), (x + w, base), (x + w, base - hgt), (x, base - hgt)])
    side = np.array([(x + w, base), (x + w * 1.5, base), (x + w * 1.5, base - hgt), (x + w, base - hgt)])
    roof = np.array([(x - 2, base - hgt), (x + w + 2, base - hgt), (x + w * 0.5, base - hgt - size * 0.5)])
    roof_side = np.array(
        [
            (x + w * 0.5, base - hgt - size * 0.5),
            (x + w * 1.0, base - hgt - size * 0.5),
            (x + w * 1.5 + 2, base - hgt),
            (x + w + 2, base - hgt),
        ]
    )
    window = np.array([(0.2, -0.55), (0.42, -0.55), (0.42, -0.3), (0.2, -0.3)]) * size
    door = np.array([(0.58, 0), (0.78, 0), (0.78, -0.45), (0.58, -0.45)]) * size
    paint_polygons(img, [front], wall)
    paint_polygons(img, [side], tuple(c * 0.7 for c in wall))
    paint_polygons(img, [roof_side], (0.62, 0.22, 0.14))
    paint_polygons(img, [roof], (0.42, 0.12, 0.08))
    origin = np.array([x, base])
    paint_polygons(img, [window + origin, door + origin], (0.12, 0.10, 0.09))


def shore(rng: np.random.Generator, img: FloatImage) -> None:
    """Line the far shore with a band of conifers and a small village."""
    clearing = (400.0, 600.0)
    for x in np.arange(-10.0, LAND_W + 10.0, 7.0):
        gap = min(abs(x - clearing[0]), abs(x - clearing[1]))
        if clearing[0] < x < clearing[1] or rng.random() < 0.15:
            continue
        height = (10 + 34 * rng.random() ** 1.5) * min(1.0, 0.4 + gap / 80)
        paint_conifer(img, x + 5 * rng.random(), WATERLINE + 1, height, rng)
    houses = [(420, 20, (0.93, 0.88, 0.78)), (470, 16, (0.85, 0.78, 0.60)), (515, 22, (0.95, 0.95, 0.92))]
    for x, size, wall in houses:
        paint_house(img, x, WATERLINE + 1, size, wall)


def lake(rng: np.random.Generator, img: FloatImage) -> FloatImage:
    """Fill everything below the waterline with a rippled, tinted reflection."""
    h, w = img.shape[:2]
    rows = h - WATERLINE
    t = np.linspace(0.0, 1.0, rows, dtype=np.float32)[:, None]
    ripples = fractal_noise(rng, (rows, w), (70, 5), octaves=4) - 0.5
    xx = np.arange(w, dtype=np.float32)[None, :] + ripples * (1.0 + 14.0 * t)
    yy = (WATERLINE - 1 - np.arange(rows, dtype=np.float32))[:, None] + ripples * 3.0 * t
    refl = cv2.remap(
        img,
        xx.astype(np.float32),
        np.broadcast_to(yy, (rows, w)).astype(np.float32),
        cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_REFLECT,
    )
    refl = cv2.GaussianBlur(refl, (0, 0), sigmaX=0.6, sigmaY=1.6)
    water = gradient(t, [(0.0, (0.22, 0.32, 0.38)), (1.0, (0.04, 0.12, 0.16))])
    out = blend(refl * 0.74, water, 0.12 + 0.5 * t)

    streaks = fractal_noise(rng, (rows, w), (110, 14), octaves=3)
    spread = 30.0 + 220.0 * t
    column = np.exp(-(((np.arange(w)[None, :] - SUN[0]) / spread) ** 2))
    glints = smoothstep(0.6, 0.9, streaks) * column * (1.0 - 0.5 * t)
    out = screen(out, glints, (1.0, 0.9, 0.7))
    img = img.copy()
    img[WATERLINE:] = out
    return img


def foreground(rng: np.random.Generator, img: FloatImage) -> FloatImage:
    """Grassy bank across the bottom with fine, sharp blade texture."""
    h, w = img.shape[:2]
    x = np.linspace(0.0, 1.0, w)
    edge = h - 60 - 50 * fractal_profile(rng, w, 4.0) - 150 * np.clip(0.35 - x, 0, 1) ** 1.5 * 3
    yy = np.arange(h, dtype=np.float32)[:, None]
    alpha = np.clip(yy - edge[None, :] + 0.5, 0.0, 1.0)
    blades = fractal_noise(rng, (h, w), (60, 700), octaves=2)
    patches = fractal_noise(rng, (h, w), (6, 10), octaves=5)
    stops = [(0.0, (0.10, 0.15, 0.05)), (0.55, (0.24, 0.32, 0.09)), (1.0, (0.50, 0.46, 0.20))]
    grass = gradient(patches, stops) * (0.55 + 0.8 * blades)[..., None]
    img = blend(img, grass, alpha)
    draw_blades(rng, img, edge)
    return img


def draw_blades(rng: np.random.Generator, img: FloatImage, edge: np.ndarray) -> None:
    """Add individual grass blades; nearer (lower) blades are longer."""
    h, w = img.shape[:2]
    for _ in range(2200):
        x = rng.uniform(0, w - 1)
        y0 = rng.uniform(edge[int(x)] + 4, h + 30)
        near = (y0 - edge[int(x)]) / max(h - edge[int(x)], 1.0)
        length = rng.uniform(12, 30) * (1.0 + 1.5 * near)
        lean = rng.normal(0.0, 0.25)
        width = 1.0 + 1.5 * near
        blade = np.array([(x - width, y0), (x + width, y0), (x + lean * length, y0 - length)])
        g = rng.uniform(0.5, 1.25)
        color = (0.28 * g, 0.35 * g, 0.10 * g) if rng.random() < 0.9 else (0.50, 0.46, 0.26)
        paint_polygons(img, [blade], color)


def vignette(img: FloatImage, strength: float) -> FloatImage:
    """Darken the corners slightly, like a real lens."""
    h, w = img.shape[:2]
    d = radial_distance((h, w), (w / 2, h / 2)) / math.hypot(w / 2, h / 2)
    return img * (1.0 - strength * d**2.5)[..., None]


def make_landscape(seed: int = 1) -> bytes:
    """Photo-like lake scene with sky, sun, mountains, forest, village and grass."""
    rng = np.random.default_rng(seed)
    shape = (LAND_H, LAND_W)
    img = add_sun(sky(rng, shape), SUN, 26.0)
    for layer in MOUNTAINS:
        img = mountain_layer(rng, img, layer, WATERLINE + 2)
    shore(rng, img)
    img = lake(rng, img)
    img = foreground(rng, img)
    img = add_sensor_noise(rng, vignette(img, 0.3), 0.01)
    return encode(".jpg", to_uint8(img), (cv2.IMWRITE_JPEG_QUALITY, 90))


# --------------------------------------------------------------------------
# shapes.png
# --------------------------------------------------------------------------

SHAPES_W, SHAPES_H = 800, 600


def paper_background(rng: np.random.Generator, shape: tuple[int, int]) -> FloatImage:
    """Pale, slightly mottled paper texture with fine grain."""
    mottle = fractal_noise(rng, shape, (3, 4), octaves=6, persistence=0.6)
    fibres = fractal_noise(rng, shape, (150, 40), octaves=2)
    img = gradient(mottle, [(0.0, (0.80, 0.83, 0.86)), (1.0, (0.95, 0.93, 0.88))])
    return img * (0.95 + 0.08 * fibres)[..., None]


def draw_shapes(img: np.ndarray) -> None:
    """Draw filled and outlined shapes plus the caption onto a uint8 RGB image."""
    aa = cv2.LINE_AA

    def poly(points: np.ndarray, color: Color, thickness: int = -1) -> None:
        pts = [fixed_point(points)]
        if thickness < 0:
            cv2.fillPoly(img, pts, color, aa, shift=_SHIFT)
        else:
            cv2.polylines(img, pts, True, color, thickness, aa, shift=_SHIFT)

    cv2.circle(img, (120, 130), 75, (220, 50, 47), -1, aa)
    cv2.circle(img, (120, 130), 40, (250, 235, 200), 6, aa)
    cv2.rectangle(img, (250, 60), (390, 200), (38, 139, 210), -1, aa)
    cv2.rectangle(img, (275, 85), (365, 175), (20, 30, 60), 4, aa)
    poly(regular_polygon((540, 140), [95], 3), (133, 153, 0))
    poly(regular_polygon((690, 135), [80, 34], 5), (240, 190, 20))
    poly(regular_polygon((130, 380), [90, 38], 5, -54.0), (108, 113, 196), 5)
    poly(cross_polygon((330, 380), 80, 24), (211, 54, 130))
    poly(cross_polygon((330, 380), 55, 10, 45.0), (255, 255, 255))
    cv2.ellipse(img, (530, 380), (110, 60), -20, 0, 360, (42, 161, 152), -1, aa)
    cv2.ellipse(img, (530, 380), (70, 30), -20, 0, 360, (7, 54, 66), 3, aa)
    poly(regular_polygon((705, 390), [70], 6, 0.0), (203, 75, 22), 4)
    poly(regular_polygon((705, 390), [30], 4, 0.0), (88, 110, 117))
    cv2.line(img, (40, 500), (760, 500), (60, 60, 60), 2, aa)
    cv2.putText(img, "imgstudio", (190, 570), cv2.FONT_HERSHEY_DUPLEX, 2.4, (30, 30, 40), 4, aa)


def make_shapes(seed: int = 2) -> bytes:
    """Coloured geometric shapes and text on a paper texture."""
    rng = np.random.default_rng(seed)
    img = to_uint8(paper_background(rng, (SHAPES_H, SHAPES_W)))
    draw_shapes(img)
    return encode(".png", img, PNG_PARAMS)


# --------------------------------------------------------------------------
# portrait_exif.jpg
# --------------------------------------------------------------------------

PORTRAIT_W, PORTRAIT_H = 600, 800
TABLE_Y = 540
LIGHT = np.array([-0.55, -0.45, 0.70])  # from upper left, towards the viewer


def lit_surface(normal: np.ndarray, color: Color, gloss: float) -> np.ndarray:
    """Lambert + Blinn-Phong shading for an (..., 3) array of unit normals."""
    light = LIGHT / np.linalg.norm(LIGHT)
    half = light + np.array([0.0, 0.0, 1.0])
    half /= np.linalg.norm(half)
    diffuse = np.clip(normal @ light, 0.0, 1.0)[..., None]
    spec = (np.clip(normal @ half, 0.0, 1.0) ** 40 * gloss)[..., None]
    return np.float32(color) * (0.25 + 0.8 * diffuse) + spec.astype(np.float32)


def paint_solid(img: FloatImage, center_x: float, top: int, widths: np.ndarray, color: Color, gloss: float) -> None:
    """Paint a shaded solid of revolution from its per-row half-widths, starting at ``top``."""
    rows = slice(top, top + widths.size)
    xx = np.arange(img.shape[1], dtype=np.float32)[None, :]
    r = np.maximum(widths, 1e-3).astype(np.float32)[:, None]
    nx = (xx - center_x) / r
    alpha = np.clip((1.0 - np.abs(nx)) * r + 0.5, 0.0, 1.0) * np.clip(r, 0.0, 1.0)
    nx = np.clip(nx, -1.0, 1.0)
    nz = np.sqrt(1.0 - nx**2)
    dr = np.gradient(r, axis=0)  # profile slope tilts the normal vertically
    normal = np.stack([nx, np.broadcast_to(-dr, nx.shape) * nz, nz], axis=-1)
    normal /= np.linalg.norm(normal, axis=-1, keepdims=True)
    img[rows] = blend(img[rows], lit_surface(normal, color, gloss), alpha)


def sphere_widths(radius: float) -> np.ndarray:
    """Per-row half-widths of a sphere (rows from its top to its bottom)."""
    y = np.arange(int(2 * radius) + 1, dtype=np.float32) + 0.5 - radius
    return np.sqrt(np.clip(radius**2 - y**2, 0.0, None))


def vase_widths(height: int) -> np.ndarray:
    """Per-row half-widths of a vase: flared lip, slim neck, round belly, flat base."""
    t = np.linspace(0.0, 1.0, height, dtype=np.float32)
    belly = np.sin(np.pi * np.clip((t - 0.12) / 0.95, 0.0, 1.0)) ** 1.3
    return 27.0 + 66.0 * belly + 13.0 * smoothstep(0.08, 0.0, t)


def soft_shadow(img: FloatImage, center: tuple[int, int], axes: tuple[int, int]) -> FloatImage:
    """Darken an elliptical, blurred contact shadow on the table."""
    mask = np.zeros(img.shape[:2], np.float32)
    cv2.ellipse(mask, center, axes, 0, 0, 360, 1.0, -1)
    mask = cv2.GaussianBlur(mask, (0, 0), 9)
    return img * (1.0 - 0.55 * mask)[..., None]


def still_life_room(rng: np.random.Generator) -> FloatImage:
    """Wall lit from the upper left and a wooden table top."""
    shape = (PORTRAIT_H, PORTRAIT_W)
    wall_light = 1.0 - radial_distance(shape, (80, 120)) / 1100
    wall = gradient(wall_light, [(0.0, (0.28, 0.24, 0.22)), (1.0, (0.80, 0.72, 0.60))])
    wall *= (0.96 + 0.08 * fractal_noise(rng, shape, (4, 3), octaves=6))[..., None]
    grain = fractal_noise(rng, shape, (30, 1.5), octaves=4)
    rings = 0.5 + 0.5 * np.sin(grain * 25.0)
    wood = gradient(rings, [(0.0, (0.30, 0.16, 0.08)), (1.0, (0.52, 0.31, 0.16))])
    wood *= np.linspace(0.75, 1.05, PORTRAIT_H, dtype=np.float32)[:, None, None]
    table = np.clip(np.arange(PORTRAIT_H, dtype=np.float32) - TABLE_Y + 0.5, 0, 1)
    return blend(wall, wood, np.broadcast_to(table[:, None], shape))


def up_marker(img: np.ndarray) -> None:
    """Big 'UP' caption and an upward arrow, so wrong orientation is obvious."""
    arrow = np.array([(480, 40), (540, 110), (505, 110), (505, 200), (455, 200), (455, 110), (420, 110)])
    cv2.fillPoly(img, [fixed_point(arrow)], (200, 30, 30), cv2.LINE_AA, shift=_SHIFT)
    cv2.putText(img, "UP", (60, 150), cv2.FONT_HERSHEY_DUPLEX, 4.0, (200, 30, 30), 10, cv2.LINE_AA)
    cv2.putText(img, "top", (70, 200), cv2.FONT_HERSHEY_SIMPLEX, 1.2, (60, 40, 30), 2, cv2.LINE_AA)


def make_portrait_exif(seed: int = 3) -> bytes:
    """Upright still life stored rotated 90 deg CCW with EXIF Orientation = 6."""
    rng = np.random.default_rng(seed)
    img = still_life_room(rng)
    for center, axes in [((300, 690), (110, 22)), ((150, 730), (60, 14)), ((460, 735), (55, 13))]:
        img = soft_shadow(img, center, axes)
    paint_solid(img, 300, 330, vase_widths(360), (0.16, 0.32, 0.62), 0.9)
    paint_solid(img, 150, 620, sphere_widths(55), (0.72, 0.10, 0.08), 0.6)
    paint_solid(img, 460, 635, sphere_widths(50), (0.95, 0.55, 0.08), 0.35)
    upright = to_uint8(add_sensor_noise(rng, img, 0.008))
    up_marker(upright)
    stored = Image.fromarray(np.ascontiguousarray(np.rot90(upright, k=1)))
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90 deg clockwise to display
    buf = io.BytesIO()
    stored.save(buf, format="JPEG", quality=90, exif=exif)
    return buf.getvalue()


# --------------------------------------------------------------------------
# gray16.png
# --------------------------------------------------------------------------

GRAY_W, GRAY_H = 640, 480


def add_blob(
    field: np.ndarray,
    center: tuple[float, float],
    sigmas: tuple[float, float],
    angle: float,
    peak: float,
    flatness: float = 1.0,
) -> None:
    """Add a rotated anisotropic (super-)Gaussian blob, computed in a local window.

    ``flatness`` > 1 gives a flat-topped blob with steeper edges, like a cell nucleus.
    """
    h, w = field.shape
    reach = int(3.5 * max(sigmas)) + 1
    x0, x1 = max(0, int(center[0]) - reach), min(w, int(center[0]) + reach + 1)
    y0, y1 = max(0, int(center[1]) - reach), min(h, int(center[1]) + reach + 1)
    yy, xx = np.mgrid[y0:y1, x0:x1].astype(np.float32)
    c, s = math.cos(angle), math.sin(angle)
    u = (c * (xx - center[0]) + s * (yy - center[1])) / sigmas[0]
    v = (-s * (xx - center[0]) + c * (yy - center[1])) / sigmas[1]
    field[y0:y1, x0:x1] += peak * np.exp(-0.5 * (u * u + v * v) ** flatness)


def add_cell(rng: np.random.Generator, field: np.ndarray, center: tuple[float, float]) -> None:
    """Add a cell: dim cytoplasm halo, flat-topped nucleus and a few bright nucleoli."""
    size = rng.uniform(9, 18)
    sigmas = (size * rng.uniform(1.0, 1.6), size)
    angle = rng.uniform(0, np.pi)
    add_blob(field, center, (sigmas[0] * 2.2, sigmas[1] * 2.2), angle, 0.06)
    add_blob(field, center, sigmas, angle, rng.uniform(0.25, 0.55), flatness=3.0)
    for _ in range(int(rng.integers(1, 4))):
        spot = (center[0] + rng.normal(0, size * 0.4), center[1] + rng.normal(0, size * 0.4))
        add_blob(field, spot, (2.5, 2.5), 0.0, rng.uniform(0.15, 0.35))


def make_gray16(seed: int = 4) -> bytes:
    """Simulated fluorescence micrograph: cells, speckles, uneven illumination, shot noise."""
    rng = np.random.default_rng(seed)
    shape = (GRAY_H, GRAY_W)
    field = 0.05 + 0.05 * (1.0 - radial_distance(shape, (250, 200)) / 800)
    for _ in range(38):
        add_cell(rng, field, (rng.uniform(0, GRAY_W), rng.uniform(0, GRAY_H)))
    for _ in range(120):
        center = (rng.uniform(0, GRAY_W), rng.uniform(0, GRAY_H))
        add_blob(field, center, (1.6, 1.6), 0.0, rng.uniform(0.1, 0.8))
    field *= 0.7 + 0.6 * fractal_noise(rng, shape, (20, 26), octaves=4)
    photons = rng.poisson(field * 4000.0).astype(np.float64)
    lo, hi = photons.min(), photons.max()
    arr = np.round((photons - lo) / (hi - lo) * 65535.0).astype(np.uint16)
    return encode(".png", arr, PNG_PARAMS)


# --------------------------------------------------------------------------
# logo_rgba.png
# --------------------------------------------------------------------------

LOGO = 256


def disc(d: np.ndarray, radius: float) -> np.ndarray:
    """Anti-aliased coverage of a disc from a distance field."""
    return np.clip(radius - d + 0.5, 0.0, 1.0)


def make_logo() -> bytes:
    """Round badge with a mountain-and-sun glyph on a transparent background."""
    shape = (LOGO, LOGO)
    c = LOGO / 2 - 0.5
    d = radial_distance(shape, (c, c))
    yy = np.mgrid[0:LOGO, 0:LOGO][0].astype(np.float32) / LOGO
    color = gradient(yy, [(0.0, (0.16, 0.62, 0.78)), (1.0, (0.30, 0.18, 0.58))])
    badge = disc(d, 118)
    ring = np.clip(0.5 + 5.0 - np.abs(d - 100), 0.0, 1.0)
    color = blend(color, (1.0, 1.0, 1.0), ring)
    inner = disc(d, 95)
    sun = disc(radial_distance(shape, (163, 98)), 20) * inner
    color = blend(color, (1.0, 0.82, 0.30), sun)
    peaks = np.array([(20, 200), (95, 105), (135, 160), (165, 125), (240, 200), (240, 256), (20, 256)])
    mountain = coverage_mask(shape, [peaks.astype(np.float64)]) * inner
    color = blend(color, (1.0, 1.0, 1.0), mountain)
    shadow = cv2.GaussianBlur(disc(radial_distance(shape, (c, c + 4)), 118), (0, 0), 4) * 0.35
    alpha = badge + shadow * (1.0 - badge)
    rgb = color * (badge / np.maximum(alpha, 1e-6))[..., None]
    rgba = np.dstack([to_uint8(rgb), to_uint8(alpha)])
    rgba[alpha == 0] = 0
    return encode(".png", rgba, PNG_PARAMS)


# --------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------


def _draw_face(canvas: np.ndarray, cx: int, cy: int, size: int) -> None:
    """A schematic frontal face (oval, eyes, brows, nose ridge, mouth) on a gray canvas."""
    s = size / 300

    def p(x: float, y: float) -> tuple[int, int]:
        return int(cx + x * s), int(cy + y * s)

    cv2.ellipse(canvas, p(0, 0), (int(80 * s), int(105 * s)), 0, 0, 360, 150, -1)
    for dx in (-35, 35):
        cv2.ellipse(canvas, p(dx, -20), (int(18 * s), int(9 * s)), 0, 0, 360, 40, -1)
        cv2.line(canvas, p(dx - 22, -45), p(dx + 22, -45), 60, max(1, int(6 * s)))
    cv2.line(canvas, p(0, -10), p(0, 25), 170, max(1, int(8 * s)))
    cv2.ellipse(canvas, p(0, 55), (int(30 * s), int(8 * s)), 0, 0, 360, 70, -1)


def _draw_person(canvas: np.ndarray, cx: int, top: int, height: int) -> None:
    """A dark standing figure (head, torso, arms, legs) on a gray canvas."""
    s = height / 400

    def p(x: float, y: float) -> tuple[int, int]:
        return int(cx + x * s), int(top + y * s)

    cv2.circle(canvas, p(0, 80), int(22 * s), 50, -1)
    cv2.ellipse(canvas, p(0, 108), (int(12 * s), int(8 * s)), 0, 0, 360, 50, -1)
    cv2.fillPoly(canvas, [np.array([p(-40, 110), p(40, 110), p(34, 220), p(-34, 220)], np.int32)], 50)
    for a, b in (((-40, 115), (-55, 215)), ((40, 115), (55, 215))):
        cv2.line(canvas, p(*a), p(*b), 50, int(16 * s))
    for a, b in (((-18, 215), (-28, 335)), ((18, 215), (28, 335))):
        cv2.line(canvas, p(*a), p(*b), 50, int(22 * s))


def make_faces_people(seed: int = 5) -> bytes:
    """A poster with two drawn faces and a standing figure: what the bundled Haar face and
    HOG people detectors find offline (the Recognise tab opens it first)."""
    rng = np.random.default_rng(seed)
    h, w = 600, 960
    gray = np.tile(np.linspace(205, 185, w, dtype=np.float32), (h, 1)).astype(np.uint8)
    _draw_face(gray, 170, 190, 260)
    _draw_face(gray, 425, 395, 190)
    _draw_person(gray, 770, 120, 440)
    gray = cv2.GaussianBlur(gray, (0, 0), 2.5)
    rgb = np.stack([gray, gray, gray], axis=2).astype(np.float32)
    rgb[:, :, 0] += 18  # a warm tint, in RGB order
    rgb[:, :, 2] -= 6
    rgb += rng.normal(0, 2.5, rgb.shape)
    return encode(".jpg", np.clip(rgb, 0, 255).astype(np.uint8), [cv2.IMWRITE_JPEG_QUALITY, 90])


GENERATORS: dict[str, Callable[[], bytes]] = {
    "landscape.jpg": make_landscape,
    "shapes.png": make_shapes,
    "portrait_exif.jpg": make_portrait_exif,
    "gray16.png": make_gray16,
    "logo_rgba.png": make_logo,
    "faces_people.jpg": make_faces_people,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Generate every sample into the output directory."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", nargs="?", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    for name, generate in GENERATORS.items():
        start = time.perf_counter()
        data = generate()
        (args.out_dir / name).write_bytes(data)
        print(f"{name:20s} {len(data) / 1024:8.1f} KiB  {time.perf_counter() - start:5.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
