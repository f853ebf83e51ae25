"""Convolution and pooling playground: the arithmetic of a CNN layer on one image.

Everything here is numpy + OpenCV (no torch, no Qt), so the Explain tab can show a live
preview while the tests check it against ``torch.nn.functional``. Convolution is the
CNN kind: a cross-correlation (the kernel is *not* flipped) with zero padding, stride
and dilation, applied to every channel separately.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

import cv2
import numpy as np

PoolMode = Literal["max", "avg"]
DisplayMode = Literal["clip", "normalize", "abs"]

MAX_KERNEL = 15
"""Largest kernel side the playground accepts (before dilation)."""
MAX_SIDE = 1024
"""The playground works on images whose longest side is at most this."""


class PlaygroundError(ValueError):
    """The settings cannot produce an output for this image; the message says why."""


def _kernel(values: list[list[float]], scale: float = 1.0) -> np.ndarray:
    return (np.asarray(values, dtype=np.float64) * scale).astype(np.float32)


_GAUSS5 = np.outer([1, 4, 6, 4, 1], [1, 4, 6, 4, 1])

KERNEL_PRESETS: dict[str, np.ndarray] = {
    "identity": _kernel([[0, 0, 0], [0, 1, 0], [0, 0, 0]]),
    "box_blur": _kernel([[1, 1, 1], [1, 1, 1], [1, 1, 1]], 1 / 9),
    "gaussian_3x3": _kernel([[1, 2, 1], [2, 4, 2], [1, 2, 1]], 1 / 16),
    "gaussian_5x5": _kernel(_GAUSS5.tolist(), 1 / 256),
    "sharpen": _kernel([[0, -1, 0], [-1, 5, -1], [0, -1, 0]]),
    "sobel_x": _kernel([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]),
    "sobel_y": _kernel([[-1, -2, -1], [0, 0, 0], [1, 2, 1]]),
    "laplacian": _kernel([[0, 1, 0], [1, -4, 1], [0, 1, 0]]),
    "emboss": _kernel([[-2, -1, 0], [-1, 1, 1], [0, 1, 2]]),
    "outline": _kernel([[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]]),
}
"""Classic 2-D kernels by name, float32, written the way they are correlated (not flipped)."""


# -- sizes ------------------------------------------------------------------------------------
def output_size(n: int, kernel: int, stride: int = 1, padding: int = 0, dilation: int = 1) -> int:
    """Output length along one axis: ⌊(n + 2p − d(k−1) − 1) / s⌋ + 1, or 0 when nothing fits."""
    size = (n + 2 * padding - dilation * (kernel - 1) - 1) // stride + 1
    return max(0, size)


def output_size_formula(n: int, kernel: int, stride: int = 1, padding: int = 0, dilation: int = 1) -> str:
    """The output-size formula with the numbers put in, e.g. ``⌊(224 + 2·1 − 1·(3−1) − 1) / 1⌋ + 1 = 224``."""
    result = output_size(n, kernel, stride, padding, dilation)
    return f"⌊({n} + 2·{padding} − {dilation}·({kernel}−1) − 1) / {stride}⌋ + 1 = {result}"


def _check_positive(name: str, value: int, minimum: int) -> int:
    if isinstance(value, bool) or int(value) != value or value < minimum:
        raise PlaygroundError(f"{name} must be a whole number of at least {minimum}, not {value!r}")
    return int(value)


def _check_kernel(kernel: np.ndarray) -> np.ndarray:
    k = np.asarray(kernel, dtype=np.float32)
    if k.ndim != 2 or k.size == 0:
        raise PlaygroundError(f"the kernel must be a 2-D array of numbers, not shape {k.shape}")
    if max(k.shape) > MAX_KERNEL:
        raise PlaygroundError(f"the kernel may be at most {MAX_KERNEL}×{MAX_KERNEL}, not {k.shape[0]}×{k.shape[1]}")
    if not np.isfinite(k).all():
        raise PlaygroundError("every kernel value must be a finite number")
    return k


# -- conversions ------------------------------------------------------------------------------
def to_unit_float(image: np.ndarray) -> np.ndarray:
    """float32 copy in [0, 1] (uint8 / 255, uint16 / 65535, floats as they are)."""
    img = np.asarray(image)
    if img.dtype == np.uint8:
        return img.astype(np.float32) / np.float32(255.0)
    if img.dtype == np.uint16:
        return img.astype(np.float32) / np.float32(65535.0)
    if img.dtype == np.bool_:
        return img.astype(np.float32)
    return img.astype(np.float32, copy=True)


def _per_channel(arr: np.ndarray, fn) -> np.ndarray:
    """Apply a 2-D function to each channel of an H×W or H×W×C array."""
    if arr.ndim == 2:
        return fn(arr)
    return np.stack([fn(np.ascontiguousarray(arr[:, :, c])) for c in range(arr.shape[2])], axis=2)


def _dilate_kernel(kernel: np.ndarray, dilation: int) -> np.ndarray:
    """Insert ``dilation − 1`` zeros between the kernel's taps."""
    if dilation == 1:
        return kernel
    kh, kw = kernel.shape
    out = np.zeros((dilation * (kh - 1) + 1, dilation * (kw - 1) + 1), dtype=np.float32)
    out[::dilation, ::dilation] = kernel
    return out


# -- convolution and pooling ------------------------------------------------------------------
def convolve(image: np.ndarray, kernel: np.ndarray, stride: int = 1, padding: int = 0, dilation: int = 1) -> np.ndarray:
    """CNN-style convolution (cross-correlation, zero padding) of every channel, float32.

    ``image`` is H×W or H×W×C of any dtype (converted to float32 in [0, 1] first); the
    output has the same number of dimensions and :func:`output_size` along each axis.
    """
    k = _check_kernel(kernel)
    stride = _check_positive("stride", stride, 1)
    padding = _check_positive("padding", padding, 0)
    dilation = _check_positive("dilation", dilation, 1)
    img = to_unit_float(image)
    if img.ndim not in (2, 3):
        raise PlaygroundError(f"the image must be H×W or H×W×C, not shape {img.shape}")
    h, w = img.shape[:2]
    kh, kw = k.shape
    out_h = output_size(h, kh, stride, padding, dilation)
    out_w = output_size(w, kw, stride, padding, dilation)
    if out_h < 1 or out_w < 1:
        eff_h, eff_w = dilation * (kh - 1) + 1, dilation * (kw - 1) + 1
        raise PlaygroundError(
            f"the kernel ({eff_h}×{eff_w} with dilation {dilation}) is larger than the padded image "
            f"({h + 2 * padding}×{w + 2 * padding}): lower the kernel size or dilation, or add padding"
        )
    dk = _dilate_kernel(k, dilation)

    def one(channel: np.ndarray) -> np.ndarray:
        padded = cv2.copyMakeBorder(channel, padding, padding, padding, padding, cv2.BORDER_CONSTANT, value=0)
        # anchor (0, 0): dst[i, j] = Σ k[a, b] · src[i + a, j + b], for odd and even sizes alike
        full = cv2.filter2D(padded, cv2.CV_32F, dk, anchor=(0, 0), borderType=cv2.BORDER_CONSTANT)
        return full[: (out_h - 1) * stride + 1 : stride, : (out_w - 1) * stride + 1 : stride]

    return np.ascontiguousarray(_per_channel(img, one), dtype=np.float32)


def pool(image_float: np.ndarray, size: int, stride: int, mode: PoolMode = "max", padding: int = 0) -> np.ndarray:
    """Max or average pooling like torch's ``max_pool2d`` / ``avg_pool2d`` (floor mode).

    Average pooling counts padded zeros (``count_include_pad=True``); max pooling pads with
    −∞. As in torch, ``padding`` may be at most half the window.
    """
    size = _check_positive("pool size", size, 1)
    stride = _check_positive("pool stride", stride, 1)
    padding = _check_positive("pool padding", padding, 0)
    if mode not in ("max", "avg"):
        raise PlaygroundError(f"pool mode must be 'max' or 'avg', not {mode!r}")
    if padding > size // 2:
        raise PlaygroundError(f"pool padding ({padding}) may be at most half the window ({size}//2 = {size // 2})")
    arr = np.asarray(image_float, dtype=np.float32)
    h, w = arr.shape[:2]
    out_h = output_size(h, size, stride, padding)
    out_w = output_size(w, size, stride, padding)
    if out_h < 1 or out_w < 1:
        raise PlaygroundError(
            f"the pooling window ({size}×{size}) is larger than its padded input ({h + 2 * padding}×{w + 2 * padding})"
        )
    window = np.ones((size, size), dtype=np.uint8)

    def one(channel: np.ndarray) -> np.ndarray:
        if mode == "max":
            padded = cv2.copyMakeBorder(channel, padding, padding, padding, padding, cv2.BORDER_CONSTANT, value=-np.inf)
            full = cv2.dilate(padded, window, anchor=(0, 0), borderType=cv2.BORDER_CONSTANT, borderValue=-np.inf)
        else:
            padded = cv2.copyMakeBorder(channel, padding, padding, padding, padding, cv2.BORDER_CONSTANT, value=0)
            box = np.full((size, size), 1.0 / (size * size), dtype=np.float32)
            full = cv2.filter2D(padded, cv2.CV_32F, box, anchor=(0, 0), borderType=cv2.BORDER_CONSTANT)
        return full[: (out_h - 1) * stride + 1 : stride, : (out_w - 1) * stride + 1 : stride]

    return np.ascontiguousarray(_per_channel(arr, one), dtype=np.float32)


def to_display(x: np.ndarray, mode: DisplayMode = "clip") -> np.ndarray:
    """uint8 picture of a conv output, which may hold values outside [0, 1] (Sobel: negative).

    ``clip``: values as they are, cut to [0, 1]; ``normalize``: min..max stretched to
    0..255 (over all channels together); ``abs``: |x| cut to [0, 1], so negative and
    positive responses both show bright.
    """
    arr = np.nan_to_num(np.asarray(x, dtype=np.float32), nan=0.0, posinf=0.0, neginf=0.0)
    if mode == "clip":
        unit = np.clip(arr, 0.0, 1.0)
    elif mode == "abs":
        unit = np.clip(np.abs(arr), 0.0, 1.0)
    elif mode == "normalize":
        lo, hi = (float(arr.min()), float(arr.max())) if arr.size else (0.0, 0.0)
        unit = (arr - lo) / (hi - lo) if hi > lo else np.zeros_like(arr)
    else:
        raise PlaygroundError(f"display mode must be 'clip', 'normalize' or 'abs', not {mode!r}")
    return (unit * 255.0 + 0.5).astype(np.uint8)


# -- one output position, step by step --------------------------------------------------------
@dataclass(frozen=True, eq=False)
class PatchStep:
    """The arithmetic behind one output value: Σ patch ⊙ kernel."""

    out_y: int
    out_x: int
    patch: np.ndarray
    """kh×kw input values under the (dilated) kernel taps; 0 where they fall on padding."""
    kernel: np.ndarray
    products: np.ndarray
    """patch · kernel, elementwise."""
    total: float
    """Σ products: the convolution output at (out_y, out_x)."""
    rows: np.ndarray
    """Input row of each kernel row (may be < 0 or ≥ H: padding)."""
    cols: np.ndarray
    """Input column of each kernel column (may be < 0 or ≥ W: padding)."""
    padded: np.ndarray
    """kh×kw booleans: True where the tap reads a padding zero."""

    @property
    def bounds(self) -> tuple[int, int, int, int]:
        """(y0, x0, y1, x1) of the patch in input coordinates, inclusive; may reach into padding."""
        return int(self.rows[0]), int(self.cols[0]), int(self.rows[-1]), int(self.cols[-1])


def patch_arithmetic(
    image_gray_float: np.ndarray,
    kernel: np.ndarray,
    out_y: int,
    out_x: int,
    stride: int = 1,
    padding: int = 0,
    dilation: int = 1,
) -> PatchStep:
    """The patch, kernel, products and sum for output position (out_y, out_x) of a 2-D image."""
    k = _check_kernel(kernel)
    img = np.asarray(image_gray_float, dtype=np.float32)
    if img.ndim != 2:
        raise PlaygroundError(f"patch_arithmetic needs a 2-D (one-channel) image, not shape {img.shape}")
    h, w = img.shape
    kh, kw = k.shape
    out_h = output_size(h, kh, stride, padding, dilation)
    out_w = output_size(w, kw, stride, padding, dilation)
    if not (0 <= out_y < out_h and 0 <= out_x < out_w):
        raise PlaygroundError(f"output position ({out_y}, {out_x}) is outside the {out_h}×{out_w} output")
    rows = out_y * stride - padding + dilation * np.arange(kh)
    cols = out_x * stride - padding + dilation * np.arange(kw)
    inside_r = (rows >= 0) & (rows < h)
    inside_c = (cols >= 0) & (cols < w)
    inside = inside_r[:, None] & inside_c[None, :]
    patch = np.zeros((kh, kw), dtype=np.float32)
    patch[inside] = img[np.clip(rows, 0, h - 1)[:, None], np.clip(cols, 0, w - 1)[None, :]][inside]
    products = patch * k
    return PatchStep(
        out_y=out_y,
        out_x=out_x,
        patch=patch,
        kernel=k.copy(),
        products=products,
        total=float(products.sum(dtype=np.float64)),
        rows=rows,
        cols=cols,
        padded=~inside,
    )


def positions(out_h: int, out_w: int) -> Iterator[tuple[int, int]]:
    """Output positions in the order the kernel slides: left to right, then top to bottom."""
    for y in range(out_h):
        for x in range(out_w):
            yield y, x


def step_position(y: int, x: int, out_h: int, out_w: int, step: int = 1) -> tuple[int, int]:
    """The position ``step`` places after (y, x) in :func:`positions` order, wrapping around."""
    total = out_h * out_w
    if total < 1:
        return 0, 0
    index = (min(max(y, 0), out_h - 1) * out_w + min(max(x, 0), out_w - 1) + step) % total
    return divmod(index, out_w)


# -- the whole playground ---------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class PlaygroundSettings:
    """Everything the playground computes from: one conv layer, optionally a pooling layer."""

    kernel: np.ndarray = field(default_factory=lambda: KERNEL_PRESETS["identity"].copy())
    stride: int = 1
    padding: int = 0
    dilation: int = 1
    pool_enabled: bool = False
    pool_size: int = 2
    pool_stride: int = 2
    pool_mode: PoolMode = "max"
    display: DisplayMode = "clip"
    grayscale: bool = True
    """Convolve the luminance, or every RGB channel with the same kernel."""
    input_size: int = 0
    """Longest side the image is shrunk to first (0: as it is, up to :data:`MAX_SIDE`)."""


@dataclass(frozen=True, eq=False)
class PlaygroundResult:
    """What the widget shows. Arrays are H×W×C (C = 1 for grayscale, 3 per channel)."""

    input: np.ndarray
    """The float32 [0, 1] image that was convolved (shrunk, grayscale if asked)."""
    input_display: np.ndarray
    conv: np.ndarray
    conv_display: np.ndarray
    pooled: np.ndarray | None
    pooled_display: np.ndarray | None
    input_size: tuple[int, int]
    """(height, width)."""
    conv_size: tuple[int, int]
    pooled_size: tuple[int, int] | None
    conv_formula: str
    """Output-size formula of the convolution, height line then width line."""
    pool_formula: str
    """The same for pooling ("" when pooling is off)."""
    notes: tuple[str, ...] = ()


def prepare_input(image: np.ndarray, grayscale: bool, input_size: int = 0) -> tuple[np.ndarray, list[str]]:
    """float32 [0, 1] H×W×C (C = 1 or 3) image the playground works on, and notes on what changed."""
    img = to_unit_float(image)
    notes: list[str] = []
    if img.ndim == 2:
        img = img[:, :, None]
    if img.ndim != 3 or img.shape[2] not in (1, 2, 3, 4) or img.shape[0] < 1 or img.shape[1] < 1:
        raise PlaygroundError(f"the image must be H×W×C with 1 to 4 channels, not shape {np.shape(image)}")
    if img.shape[2] in (2, 4):
        img = img[:, :, :-1] if img.shape[2] == 4 else img[:, :, :1]
        notes.append("alpha channel ignored")
    img = np.nan_to_num(img, nan=0.0, posinf=1.0, neginf=0.0)
    limit = MAX_SIDE if input_size <= 0 else min(int(input_size), MAX_SIDE)
    h, w = img.shape[:2]
    if max(h, w) > limit:
        factor = limit / max(h, w)
        size = (max(1, round(w * factor)), max(1, round(h * factor)))
        img = cv2.resize(img, size, interpolation=cv2.INTER_AREA)
        img = img[:, :, None] if img.ndim == 2 else img
        notes.append(f"shrunk from {w}×{h} to {size[0]}×{size[1]}")
    if grayscale and img.shape[2] == 3:
        img = cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)[:, :, None]
    return np.ascontiguousarray(img, dtype=np.float32), notes


def _formula(label_h: str, label_w: str, h: int, w: int, k: tuple[int, int], s: int, p: int, d: int) -> str:
    return f"{label_h} = {output_size_formula(h, k[0], s, p, d)}\n{label_w} = {output_size_formula(w, k[1], s, p, d)}"


def run_playground(image: np.ndarray, settings: PlaygroundSettings) -> PlaygroundResult:
    """Shrink, convolve, pool and render one image: the one function the widget's worker calls."""
    s = settings
    kernel = _check_kernel(s.kernel)
    if s.display not in ("clip", "normalize", "abs"):
        raise PlaygroundError(f"display mode must be 'clip', 'normalize' or 'abs', not {s.display!r}")
    img, notes = prepare_input(image, s.grayscale, s.input_size)
    h, w = img.shape[:2]
    conv = convolve(img, kernel, s.stride, s.padding, s.dilation)
    conv_formula = _formula("H_out", "W_out", h, w, kernel.shape, s.stride, s.padding, s.dilation)
    pooled = pooled_display = pooled_size = None
    pool_formula = ""
    if s.pool_enabled:
        ch, cw = conv.shape[:2]
        pool_formula = _formula("H_pool", "W_pool", ch, cw, (s.pool_size, s.pool_size), s.pool_stride, 0, 1)
        pooled = pool(conv, s.pool_size, s.pool_stride, s.pool_mode)
        pooled_display = to_display(pooled, s.display)
        pooled_size = (pooled.shape[0], pooled.shape[1])
    return PlaygroundResult(
        input=img,
        input_display=(np.clip(img, 0.0, 1.0) * 255.0 + 0.5).astype(np.uint8),
        conv=conv,
        conv_display=to_display(conv, s.display),
        pooled=pooled,
        pooled_display=pooled_display,
        input_size=(h, w),
        conv_size=(conv.shape[0], conv.shape[1]),
        pooled_size=pooled_size,
        conv_formula=conv_formula,
        pool_formula=pool_formula,
        notes=tuple(notes),
    )


def kernel_sum_normalised(kernel: np.ndarray) -> np.ndarray:
    """The kernel scaled so its values add up to 1; an error when they add up to ~0 (Sobel, Laplacian)."""
    k = np.asarray(kernel, dtype=np.float32)
    total = float(k.sum(dtype=np.float64))
    if math.isclose(total, 0.0, abs_tol=1e-9):
        raise PlaygroundError("the kernel values add up to 0 (an edge detector): it cannot be scaled to sum to 1")
    return (k / np.float32(total)).astype(np.float32)


__all__ = [
    "KERNEL_PRESETS",
    "MAX_KERNEL",
    "MAX_SIDE",
    "PatchStep",
    "PlaygroundError",
    "PlaygroundResult",
    "PlaygroundSettings",
    "convolve",
    "kernel_sum_normalised",
    "output_size",
    "output_size_formula",
    "patch_arithmetic",
    "pool",
    "positions",
    "prepare_input",
    "run_playground",
    "step_position",
    "to_display",
    "to_unit_float",
]
