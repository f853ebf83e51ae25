"""Show activations and saliency as pictures: scaled tiles, colour maps, heat-map overlays.

numpy and OpenCV only (no torch), so the GUI thread can use it.
"""

from __future__ import annotations

import cv2
import numpy as np

COLORMAPS = {"jet": cv2.COLORMAP_JET, "viridis": cv2.COLORMAP_VIRIDIS, "inferno": cv2.COLORMAP_INFERNO}


def map_tiles(maps: np.ndarray, *, shared_scale: bool = True) -> np.ndarray:
    """C x H x W activations as C x H x W uint8 tiles, min-max scaled over all channels
    (``shared_scale``: strengths comparable) or per channel (each one's pattern visible)."""
    maps = np.nan_to_num(np.asarray(maps, dtype=np.float32))
    axes = None if shared_scale else (1, 2)
    low = maps.min(axis=axes, keepdims=True)
    span = maps.max(axis=axes, keepdims=True) - low
    scaled = np.divide(maps - low, span, out=np.zeros_like(maps), where=span > 0)
    return (scaled * 255 + 0.5).astype(np.uint8)


def colourise(gray: np.ndarray, colormap: str = "viridis") -> np.ndarray:
    """uint8 H x W (or H x W x 1) to RGB through an OpenCV colour map."""
    gray = np.asarray(gray, dtype=np.uint8)
    if gray.ndim == 3:
        gray = gray[..., 0]
    return cv2.cvtColor(cv2.applyColorMap(gray, COLORMAPS[colormap]), cv2.COLOR_BGR2RGB)


def heatmap_overlay(image: np.ndarray, heat: np.ndarray, opacity: float, colormap: str = "jet") -> np.ndarray:
    """Blend ``heat`` (H x W floats in [0, 1], resized to the image if needed) over an RGB uint8 image."""
    image = np.asarray(image)
    if image.ndim == 2:
        image = image[..., None]
    if image.shape[2] == 1:
        image = np.repeat(image, 3, axis=2)
    image = image[..., :3].astype(np.uint8)
    heat = np.clip(np.nan_to_num(np.asarray(heat, dtype=np.float32)), 0.0, 1.0)
    if heat.shape != image.shape[:2]:
        heat = cv2.resize(heat, (image.shape[1], image.shape[0]), interpolation=cv2.INTER_LINEAR)
    coloured = colourise((heat * 255 + 0.5).astype(np.uint8), colormap)
    opacity = float(np.clip(opacity, 0.0, 1.0))
    return cv2.addWeighted(coloured, opacity, image, 1.0 - opacity, 0.0)
