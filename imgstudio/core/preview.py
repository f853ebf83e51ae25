"""Render the live preview: the pipeline on a proxy (or the full image), the input of a
chosen step (for the crop and translate tools), and the result's histogram.

Runs in the preview worker thread; the GUI only displays what this returns.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import numpy as np

from imgstudio.core.io import DEFAULT_MAX_PIXELS, ImageInfo, read_image, to_uint8
from imgstudio.core.pipeline import PROXY_MAX_PIXELS, Pipeline, PipelineError, make_proxy

DISPLAY_MAX_PIXELS = 6_000_000
"""Images are handed to the view at most this large (the GUI thread's paint cost)."""


def display_copy(img: np.ndarray, max_pixels: int = DISPLAY_MAX_PIXELS) -> np.ndarray:
    """A uint8 copy of ``img`` for the screen, downscaled to ``max_pixels`` if larger."""
    return make_proxy(to_uint8(img), max_pixels)[0]


@dataclass
class PreviewResult:
    """What the preview shows; scales are relative to full-resolution output sizes."""

    output: np.ndarray | None
    output_scale: float
    step_input: np.ndarray | None = None
    step_input_scale: float = 1.0
    histograms: np.ndarray | None = None
    notes: list[str] = field(default_factory=list)
    error: str = ""
    full_resolution: bool = False
    display: np.ndarray | None = None
    """``output`` as uint8, at most DISPLAY_MAX_PIXELS: what the view paints."""
    step_input_display: np.ndarray | None = None
    step_index: int | None = None
    """Which step ``step_input`` is the input of."""


def channel_histograms(img: np.ndarray, bins: int = 256) -> np.ndarray:
    """Counts per channel (C x bins) over the dtype's full range, on at most ~1 MP."""
    top = {np.dtype(np.uint8): 256.0, np.dtype(np.uint16): 65536.0}.get(img.dtype, 1.0)
    step = max(1, int((img.shape[0] * img.shape[1] / 1_000_000) ** 0.5))
    sample = img[::step, ::step] if step > 1 else img
    return np.stack(
        [np.histogram(sample[:, :, c], bins=bins, range=(0.0, top))[0] for c in range(sample.shape[2])]
    ).astype(np.float64)


def render_preview(
    image: np.ndarray,
    scale: float,
    pipeline: Pipeline,
    *,
    step_input: int | None = None,
    full_resolution: bool = False,
    max_pixels: int = DEFAULT_MAX_PIXELS,
) -> PreviewResult:
    """Apply ``pipeline`` to ``image`` (a proxy at ``scale``, or the original at 1.0)."""
    notes: list[str] = []
    result = PreviewResult(None, scale, notes=notes, full_resolution=full_resolution, step_index=step_input)
    try:
        start = 0
        if step_input is not None:
            image, scale = pipeline.apply_scaled(image, scale, notes=notes, upto=step_input, max_pixels=max_pixels)
            result.step_input, result.step_input_scale, start = image, scale, step_input
        result.output, result.output_scale = pipeline.apply_scaled(
            image, scale, notes=notes, start=start, max_pixels=max_pixels
        )
    except PipelineError as exc:
        result.error = str(exc)
        return result
    except MemoryError:
        result.error = "out of memory while rendering the preview"
        return result
    result.histograms = channel_histograms(result.output)
    result.display = display_copy(result.output)
    if result.step_input is not None:
        result.step_input_display = display_copy(result.step_input)
    return result


@dataclass
class LoadedImage:
    """An image opened for editing: full resolution, its info and its preview proxy."""

    image: np.ndarray
    info: ImageInfo
    proxy: np.ndarray
    proxy_scale: float
    display: np.ndarray


def load_for_preview(
    path: str | os.PathLike[str], *, max_pixels: int | None = None, proxy_max_pixels: int = PROXY_MAX_PIXELS
) -> LoadedImage:
    """Read ``path`` and build its proxy (raises ImageReadError with a one-line reason)."""
    image, info = read_image(path, max_pixels=max_pixels)
    proxy, scale = make_proxy(image, proxy_max_pixels)
    return LoadedImage(image, info, proxy, scale, display_copy(image))
