"""Image operations: pure functions ndarray -> ndarray, each registered with its specs.

Inputs and outputs follow the convention of :mod:`imgstudio.core.io` (H x W x C, RGB).
Each operation lists the dtypes it supports; :mod:`imgstudio.core.pipeline` converts
other inputs (with a note) and keeps an alpha channel aside for colour-only operations.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import cv2
import numpy as np

from imgstudio.core.params import Param, color_to_rgb


class OpError(ValueError):
    """An operation cannot run on this image with these parameters."""


@dataclass(frozen=True)
class OpSpec:
    """An operation: its function, parameters and how the pipeline must feed it."""

    name: str
    label: str
    func: Callable[..., np.ndarray]
    params: tuple[Param, ...]
    category: str
    description: str
    dtypes: tuple[str, ...] = ("uint8", "uint16", "float32")
    color_only: bool = False
    """Alpha is set aside before the call and put back after it."""
    sets_size: bool = False
    """The output size is absolute (resize): a preview may render it unscaled."""
    output_size: Callable[..., tuple[int, int]] | None = None
    """(height, width, **params) -> output (height, width), for operations that can grow the image."""

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        raise KeyError(name)

    def defaults(self) -> dict[str, object]:
        return {p.name: p.default for p in self.params}


OPS: dict[str, OpSpec] = {}
"""Every registered operation by name, in menu order."""


def register(
    name: str,
    label: str,
    category: str,
    description: str,
    params: tuple[Param, ...] = (),
    **flags: object,
) -> Callable[[Callable[..., np.ndarray]], Callable[..., np.ndarray]]:
    """Decorator adding a function to :data:`OPS`."""

    def wrap(func: Callable[..., np.ndarray]) -> Callable[..., np.ndarray]:
        OPS[name] = OpSpec(name, label, func, params, category, description, **flags)  # type: ignore[arg-type]
        return func

    return wrap


# -- shared helpers and parameter specs -----------------------------------------

INTERPOLATION = {
    "nearest": cv2.INTER_NEAREST,
    "linear": cv2.INTER_LINEAR,
    "cubic": cv2.INTER_CUBIC,
    "area": cv2.INTER_AREA,
    "lanczos": cv2.INTER_LANCZOS4,
}
BORDER = {
    "constant": cv2.BORDER_CONSTANT,
    "replicate": cv2.BORDER_REPLICATE,
    "reflect": cv2.BORDER_REFLECT_101,
    "wrap": cv2.BORDER_WRAP,
}


def _interp_param(default: str = "linear") -> Param:
    return Param("interpolation", "choice", default, choices=tuple(INTERPOLATION))


BORDER_PARAM = Param("border", "choice", "constant", choices=tuple(BORDER), help="How vacated pixels are filled")
FILL_PARAM = Param("fill", "color", "#000000", label="Fill colour", help="Colour of vacated pixels (constant border)")


def hwc(arr: np.ndarray) -> np.ndarray:
    """Give 2-D OpenCV results back their channel axis."""
    return arr[:, :, None] if arr.ndim == 2 else arr


def dtype_max(img: np.ndarray) -> float:
    return {np.dtype(np.uint8): 255.0, np.dtype(np.uint16): 65535.0}.get(img.dtype, 1.0)


def _cv(img: np.ndarray) -> np.ndarray:
    """A view OpenCV accepts: single-channel images as 2-D."""
    return img[:, :, 0] if img.shape[2] == 1 else img


def _fill_value(img: np.ndarray, fill: str) -> tuple[float, ...]:
    r, g, b = color_to_rgb(fill)
    scale = dtype_max(img) / 255.0
    channels = img.shape[2]
    rgb = (r * scale, g * scale, b * scale)
    if channels == 1:
        return (round(0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2], 6),) * 4
    if channels == 4:
        return (*rgb, dtype_max(img))
    return (*rgb, 0.0)


def _gray(img: np.ndarray) -> np.ndarray:
    """2-D luminance of an RGB or gray image."""
    return img[:, :, 0] if img.shape[2] == 1 else cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)


def _on_luma(img: np.ndarray, func: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
    """Apply ``func`` to the gray image, or to the Y channel of a colour one."""
    if img.shape[2] == 1:
        return hwc(func(img[:, :, 0]))
    ycc = cv2.cvtColor(img, cv2.COLOR_RGB2YCrCb)
    ycc[:, :, 0] = func(np.ascontiguousarray(ycc[:, :, 0]))
    return cv2.cvtColor(ycc, cv2.COLOR_YCrCb2RGB)


def _unit_range(out: np.ndarray) -> np.ndarray:
    """Cubic and Lanczos overshoot: keep float images inside [0, 1]."""
    return np.clip(out, 0.0, 1.0, out=out) if out.dtype == np.float32 else out


def _warp(
    img: np.ndarray, matrix: np.ndarray, size: tuple[int, int], interpolation: str, border: str, fill: str
) -> np.ndarray:
    out = cv2.warpAffine(
        _cv(img),
        matrix,
        size,
        flags=INTERPOLATION[interpolation],
        borderMode=BORDER[border],
        borderValue=_fill_value(img, fill),
    )
    return _unit_range(hwc(out))


# -- the article's four: resize, rotate, crop, translate -----------------------


@register(
    "resize",
    "Resize",
    "Geometry",
    "Scale to a width and height (or fit inside them keeping the aspect ratio).",
    (
        Param("width", "int", 224, min=1, max=32768, pixels=True),
        Param("height", "int", 224, min=1, max=32768, pixels=True),
        Param("keep_aspect", "bool", False, label="Keep aspect ratio", help="Fit inside width x height"),
        _interp_param(),
    ),
    sets_size=True,
    output_size=lambda h, w, width, height, keep_aspect=False, **_: _resized_size(h, w, width, height, keep_aspect),
)
def resize(
    img: np.ndarray, width: int, height: int, keep_aspect: bool = False, interpolation: str = "linear"
) -> np.ndarray:
    out_h, out_w = _resized_size(img.shape[0], img.shape[1], width, height, keep_aspect)
    return _unit_range(hwc(cv2.resize(_cv(img), (out_w, out_h), interpolation=INTERPOLATION[interpolation])))


def _resized_size(h: int, w: int, width: int, height: int, keep_aspect: bool) -> tuple[int, int]:
    if keep_aspect:
        factor = min(width / w, height / h)
        return max(1, round(h * factor)), max(1, round(w * factor))
    return int(height), int(width)


def _rotated_size(h: int, w: int, angle: float, expand: bool) -> tuple[int, int]:
    if not expand:
        return h, w
    cos, sin = abs(math.cos(math.radians(angle))), abs(math.sin(math.radians(angle)))
    return max(1, round(h * cos + w * sin)), max(1, round(h * sin + w * cos))


_ROTATE_EXACT = {90: cv2.ROTATE_90_COUNTERCLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_CLOCKWISE}


@register(
    "rotate",
    "Rotate",
    "Geometry",
    "Rotate by an angle in degrees, counter-clockwise positive; 'expand' keeps the whole image.",
    (
        Param("angle", "float", 0.0, min=-360, max=360, step=1.0, help="Degrees, counter-clockwise"),
        Param("expand", "bool", False, help="Grow the canvas so no corner is cut off"),
        _interp_param(),
        BORDER_PARAM,
        FILL_PARAM,
    ),
    output_size=lambda h, w, angle, expand=False, **_: _rotated_size(h, w, angle, expand),
)
def rotate(
    img: np.ndarray,
    angle: float,
    expand: bool = False,
    interpolation: str = "linear",
    border: str = "constant",
    fill: str = "#000000",
) -> np.ndarray:
    quarter = angle % 360
    if quarter == 0:
        return img.copy()
    if quarter in _ROTATE_EXACT and (expand or (quarter == 180)):
        return hwc(cv2.rotate(_cv(img), _ROTATE_EXACT[int(quarter)]))
    h, w = img.shape[:2]
    matrix = cv2.getRotationMatrix2D(((w - 1) / 2.0, (h - 1) / 2.0), angle, 1.0)
    out_h, out_w = _rotated_size(h, w, angle, expand)
    matrix[0, 2] += (out_w - w) / 2.0
    matrix[1, 2] += (out_h - h) / 2.0
    return _warp(img, matrix, (out_w, out_h), interpolation, border, fill)


@register(
    "crop",
    "Crop",
    "Geometry",
    "Keep the rectangle at x, y of the given width and height (img[y:y+h, x:x+w]).",
    (
        Param("x", "int", 0, min=0, max=32767, pixels=True),
        Param("y", "int", 0, min=0, max=32767, pixels=True),
        Param("width", "int", 100, min=1, max=32768, pixels=True),
        Param("height", "int", 100, min=1, max=32768, pixels=True),
    ),
)
def crop(img: np.ndarray, x: int, y: int, width: int, height: int) -> np.ndarray:
    h, w = img.shape[:2]
    if x >= w or y >= h:
        raise OpError(f"crop origin ({x}, {y}) lies outside the {w}x{h} image")
    return img[y : y + height, x : x + width].copy()


@register(
    "translate",
    "Translate",
    "Geometry",
    "Shift by dx, dy pixels; the size stays, vacated pixels take the fill colour.",
    (
        Param("dx", "float", 0.0, min=-32768, max=32768, step=1.0, pixels=True),
        Param("dy", "float", 0.0, min=-32768, max=32768, step=1.0, pixels=True),
        BORDER_PARAM,
        FILL_PARAM,
    ),
)
def translate(img: np.ndarray, dx: float, dy: float, border: str = "constant", fill: str = "#000000") -> np.ndarray:
    h, w = img.shape[:2]
    matrix = np.float32([[1, 0, dx], [0, 1, dy]])
    return _warp(img, matrix, (w, h), "linear", border, fill)


@register(
    "flip",
    "Flip",
    "Geometry",
    "Mirror horizontally, vertically or both.",
    (Param("direction", "choice", "horizontal", choices=("horizontal", "vertical", "both")),),
)
def flip(img: np.ndarray, direction: str = "horizontal") -> np.ndarray:
    code = {"horizontal": 1, "vertical": 0, "both": -1}[direction]
    return hwc(cv2.flip(_cv(img), code))


@register(
    "pad",
    "Pad",
    "Geometry",
    "Add a border of the given widths.",
    (
        Param("top", "int", 16, min=0, max=16384, pixels=True),
        Param("bottom", "int", 16, min=0, max=16384, pixels=True),
        Param("left", "int", 16, min=0, max=16384, pixels=True),
        Param("right", "int", 16, min=0, max=16384, pixels=True),
        BORDER_PARAM,
        FILL_PARAM,
    ),
    output_size=lambda h, w, top, bottom, left, right, **_: (h + top + bottom, w + left + right),
)
def pad(
    img: np.ndarray,
    top: int,
    bottom: int,
    left: int,
    right: int,
    border: str = "constant",
    fill: str = "#000000",
) -> np.ndarray:
    out = cv2.copyMakeBorder(_cv(img), top, bottom, left, right, BORDER[border], value=_fill_value(img, fill))
    return hwc(out)


# -- colour and tone ----------------------------------------------------------------


@register(
    "grayscale",
    "Grayscale",
    "Colour",
    "Convert to luminance (one channel, or three equal ones).",
    (Param("keep_channels", "bool", False, help="Keep three (equal) channels"),),
    color_only=True,
)
def grayscale(img: np.ndarray, keep_channels: bool = False) -> np.ndarray:
    gray = _gray(img)
    return cv2.cvtColor(gray, cv2.COLOR_GRAY2RGB) if keep_channels else hwc(gray)


_COLOR_SPACES = {
    "hsv": cv2.COLOR_RGB2HSV,
    "hls": cv2.COLOR_RGB2HLS,
    "lab": cv2.COLOR_RGB2Lab,
    "ycrcb": cv2.COLOR_RGB2YCrCb,
    "xyz": cv2.COLOR_RGB2XYZ,
    "bgr": cv2.COLOR_RGB2BGR,
}


@register(
    "color_space",
    "Colour space",
    "Colour",
    "Convert RGB to another colour space (channels shown as R, G, B).",
    (Param("target", "choice", "hsv", choices=tuple(_COLOR_SPACES)),),
    dtypes=("uint8",),
    color_only=True,
)
def color_space(img: np.ndarray, target: str = "hsv") -> np.ndarray:
    rgb = cv2.cvtColor(img, cv2.COLOR_GRAY2RGB) if img.shape[2] == 1 else img
    return cv2.cvtColor(rgb, _COLOR_SPACES[target])


@register(
    "brightness_contrast",
    "Brightness / contrast / gamma",
    "Colour",
    "out = ((x - 0.5) * contrast + 0.5 + brightness) ** (1 / gamma), on values in 0..1.",
    (
        Param("brightness", "float", 0.0, min=-1.0, max=1.0, step=0.01),
        Param("contrast", "float", 1.0, min=0.0, max=5.0, step=0.01),
        Param("gamma", "float", 1.0, min=0.05, max=10.0, step=0.01, help="Above 1 brightens mid-tones"),
    ),
    color_only=True,
)
def brightness_contrast(
    img: np.ndarray, brightness: float = 0.0, contrast: float = 1.0, gamma: float = 1.0
) -> np.ndarray:
    def curve(x: np.ndarray) -> np.ndarray:
        y = np.clip((x - 0.5) * contrast + 0.5 + brightness, 0.0, 1.0)
        return y ** (1.0 / gamma) if gamma != 1.0 else y

    if img.dtype == np.uint8:
        lut = np.round(curve(np.arange(256, dtype=np.float64) / 255.0) * 255.0).astype(np.uint8)
        return hwc(cv2.LUT(_cv(img), lut))
    peak = dtype_max(img)
    out = curve(img.astype(np.float32) / peak) * peak
    return np.round(out).astype(img.dtype) if img.dtype == np.uint16 else out.astype(np.float32)


@register("invert", "Invert", "Colour", "Negative: max - value (alpha kept).", color_only=True)
def invert(img: np.ndarray) -> np.ndarray:
    if img.dtype == np.float32:
        return (1.0 - img).astype(np.float32)
    return hwc(cv2.bitwise_not(_cv(img)))


@register(
    "normalize",
    "Normalise",
    "Colour",
    "Stretch values linearly so the darkest becomes 'low' and the brightest 'high'.",
    (
        Param("low", "float", 0.0, min=0.0, max=1.0, step=0.01),
        Param("high", "float", 1.0, min=0.0, max=1.0, step=0.01),
        Param("per_channel", "bool", False, label="Per channel"),
    ),
    color_only=True,
)
def normalize(img: np.ndarray, low: float = 0.0, high: float = 1.0, per_channel: bool = False) -> np.ndarray:
    peak = dtype_max(img)
    data = img.astype(np.float32)
    axes = (0, 1) if per_channel else None
    lo = data.min(axis=axes, keepdims=per_channel)
    hi = data.max(axis=axes, keepdims=per_channel)
    span = np.where(hi > lo, hi - lo, 1.0)
    out = ((data - lo) / span * (high - low) + low) * peak
    if img.dtype == np.float32:
        return out.astype(np.float32)
    return np.clip(np.round(out), 0, peak).astype(img.dtype)


@register(
    "equalize_hist",
    "Histogram equalisation",
    "Colour",
    "Spread the luminance histogram over the full range.",
    dtypes=("uint8",),
    color_only=True,
)
def equalize_hist(img: np.ndarray) -> np.ndarray:
    return _on_luma(img, cv2.equalizeHist)


@register(
    "clahe",
    "CLAHE",
    "Colour",
    "Contrast-limited adaptive histogram equalisation of the luminance.",
    (
        Param("clip_limit", "float", 2.0, min=0.1, max=40.0, step=0.1),
        Param("tile_grid", "int", 8, min=1, max=64, help="Tiles per side"),
    ),
    dtypes=("uint8", "uint16"),
    color_only=True,
)
def clahe(img: np.ndarray, clip_limit: float = 2.0, tile_grid: int = 8) -> np.ndarray:
    engine = cv2.createCLAHE(clipLimit=clip_limit, tileGridSize=(tile_grid, tile_grid))
    return _on_luma(img, engine.apply)


# -- filters ---------------------------------------------------------------------------


@register(
    "gaussian_blur",
    "Gaussian blur",
    "Filter",
    "Smooth with a Gaussian kernel (sigma 0: derived from the kernel size).",
    (
        Param("ksize", "int", 5, label="Kernel size", min=1, max=201, step=2, odd=True, pixels=True),
        Param("sigma", "float", 0.0, min=0.0, max=100.0, step=0.1, pixels=True),
    ),
)
def gaussian_blur(img: np.ndarray, ksize: int = 5, sigma: float = 0.0) -> np.ndarray:
    if ksize <= 1 and sigma <= 0:
        return img.copy()
    return hwc(cv2.GaussianBlur(_cv(img), (ksize, ksize), sigma))


@register(
    "median_blur",
    "Median blur",
    "Filter",
    "Replace each pixel by the median of its neighbourhood (removes salt-and-pepper noise).",
    (Param("ksize", "int", 5, label="Kernel size", min=1, max=99, step=2, odd=True, pixels=True),),
    dtypes=("uint8",),
)
def median_blur(img: np.ndarray, ksize: int = 5) -> np.ndarray:
    if ksize <= 1:
        return img.copy()
    return hwc(cv2.medianBlur(_cv(img), ksize))


@register(
    "bilateral_filter",
    "Bilateral filter",
    "Filter",
    "Edge-preserving smoothing.",
    (
        Param("diameter", "int", 9, min=1, max=64, pixels=True),
        Param("sigma_color", "float", 75.0, label="Sigma colour", min=1.0, max=255.0, help="In 0..255 units"),
        Param("sigma_space", "float", 75.0, min=0.1, max=255.0, pixels=True),
    ),
    dtypes=("uint8", "float32"),
    color_only=True,
)
def bilateral_filter(
    img: np.ndarray, diameter: int = 9, sigma_color: float = 75.0, sigma_space: float = 75.0
) -> np.ndarray:
    if img.dtype == np.float32:
        sigma_color = sigma_color / 255.0
    return hwc(cv2.bilateralFilter(_cv(img), diameter, sigma_color, sigma_space))


@register(
    "denoise",
    "Denoise (non-local means)",
    "Filter",
    "Remove noise while keeping detail; slow on large images.",
    (Param("strength", "float", 10.0, min=1.0, max=50.0, step=0.5),),
    dtypes=("uint8",),
    color_only=True,
)
def denoise(img: np.ndarray, strength: float = 10.0) -> np.ndarray:
    if img.shape[2] == 1:
        return hwc(cv2.fastNlMeansDenoising(img[:, :, 0], None, strength, 7, 21))
    return cv2.fastNlMeansDenoisingColored(img, None, strength, strength, 7, 21)


@register(
    "sharpen",
    "Sharpen (unsharp mask)",
    "Filter",
    "out = x + amount * (x - gaussian_blur(x, radius)).",
    (
        Param("amount", "float", 1.0, min=0.0, max=10.0, step=0.05),
        Param("radius", "float", 1.5, min=0.1, max=50.0, step=0.1, pixels=True),
    ),
    color_only=True,
)
def sharpen(img: np.ndarray, amount: float = 1.0, radius: float = 1.5) -> np.ndarray:
    blurred = cv2.GaussianBlur(_cv(img), (0, 0), max(radius, 0.01))
    out = cv2.addWeighted(_cv(img), 1.0 + amount, blurred, -amount, 0)
    if img.dtype == np.float32:
        out = np.clip(out, 0.0, 1.0)
    return hwc(out)


# -- binarisation and edges -------------------------------------------------------------


@register(
    "threshold",
    "Threshold",
    "Binary",
    "Binarise the luminance: fixed value, Otsu, triangle, or adaptive (local mean/Gaussian).",
    (
        Param("method", "choice", "fixed", choices=("fixed", "otsu", "triangle", "adaptive_mean", "adaptive_gaussian")),
        Param("value", "int", 127, min=0, max=255, help="Fixed method only"),
        Param("block_size", "int", 11, min=3, max=255, step=2, odd=True, pixels=True, help="Adaptive methods"),
        Param("c", "float", 2.0, label="C", min=-100.0, max=100.0, help="Adaptive methods: subtracted from the mean"),
        Param("invert", "bool", False),
    ),
    dtypes=("uint8",),
    color_only=True,
)
def threshold(
    img: np.ndarray,
    method: str = "fixed",
    value: int = 127,
    block_size: int = 11,
    c: float = 2.0,
    invert: bool = False,
) -> np.ndarray:
    gray = _gray(img)
    kind = cv2.THRESH_BINARY_INV if invert else cv2.THRESH_BINARY
    if method.startswith("adaptive"):
        adaptive = cv2.ADAPTIVE_THRESH_MEAN_C if method == "adaptive_mean" else cv2.ADAPTIVE_THRESH_GAUSSIAN_C
        return hwc(cv2.adaptiveThreshold(gray, 255, adaptive, kind, max(3, block_size), c))
    extra = {"otsu": cv2.THRESH_OTSU, "triangle": cv2.THRESH_TRIANGLE}.get(method, 0)
    _, out = cv2.threshold(gray, value, 255, kind | extra)
    return hwc(out)


@register(
    "canny",
    "Canny edges",
    "Binary",
    "Edges by the Canny detector (hysteresis between the low and high thresholds).",
    (
        Param("low", "float", 100.0, min=0.0, max=1000.0, step=1.0),
        Param("high", "float", 200.0, min=0.0, max=1000.0, step=1.0),
        Param("aperture", "int", 3, min=3, max=7, step=2, odd=True),
        Param("l2_gradient", "bool", False, label="L2 gradient"),
    ),
    dtypes=("uint8",),
    color_only=True,
)
def canny(
    img: np.ndarray, low: float = 100.0, high: float = 200.0, aperture: int = 3, l2_gradient: bool = False
) -> np.ndarray:
    return hwc(cv2.Canny(_gray(img), low, high, apertureSize=aperture, L2gradient=l2_gradient))
