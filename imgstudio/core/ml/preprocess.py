"""The one conversion from any image to a model input, and the decoded-image cache.

Training (the data sets), prediction, evaluation and export all use
:func:`preprocess_for_model`, so an image is seen the same way everywhere.
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Hashable, Sequence

import numpy as np
import torch

from imgstudio.core import ops
from imgstudio.core.io import to_uint8

# -- the one conversion from an image to a model input ----------------------------------


def prepare_image(img: np.ndarray, image_size: int, channels: int) -> np.ndarray:
    """Any image in the app's convention as uint8 ``image_size`` x ``image_size`` x ``channels``.

    uint16/float go to uint8, alpha is dropped, the image is stretched to a square (area
    interpolation when shrinking, linear when enlarging), then made gray or RGB.
    """
    if channels not in (1, 3):
        raise ValueError(f"channels must be 1 or 3, not {channels}")
    img = to_uint8(np.asarray(img))
    if img.ndim == 2:
        img = img[:, :, None]
    if img.shape[2] in (2, 4):
        img = img[:, :, :-1]
    if img.ndim != 3 or img.shape[2] not in (1, 3):
        raise ValueError(f"cannot use an image of shape {img.shape} (expected H x W x 1, 3 or 4)")
    height, width = img.shape[:2]
    if (height, width) != (image_size, image_size):
        interpolation = "area" if height >= image_size and width >= image_size else "linear"
        img = ops.resize(np.ascontiguousarray(img), image_size, image_size, interpolation=interpolation)
    if img.shape[2] != channels:
        img = ops.grayscale(img) if channels == 1 else np.repeat(img, 3, axis=2)
    return np.ascontiguousarray(img)


@functools.lru_cache(maxsize=32)
def _affine(mean: tuple[float, ...], std: tuple[float, ...]) -> tuple[torch.Tensor, torch.Tensor]:
    """Scale and shift turning uint8 values into (value / 255 - mean) / std, per channel."""
    m = torch.tensor(mean, dtype=torch.float32).view(-1, 1, 1)
    s = torch.tensor(std, dtype=torch.float32).view(-1, 1, 1)
    return 1.0 / (255.0 * s), -m / s


def to_tensor(img: np.ndarray, mean: Sequence[float], std: Sequence[float]) -> torch.Tensor:
    """A prepared uint8 H x W x C image as a normalised float32 C x H x W tensor."""
    scale, shift = _affine(tuple(mean), tuple(std))
    x = torch.from_numpy(np.ascontiguousarray(img.transpose(2, 0, 1), dtype=np.float32))
    return x.mul_(scale).add_(shift)


def preprocess_for_model(
    img: np.ndarray, image_size: int, channels: int, mean: Sequence[float], std: Sequence[float]
) -> torch.Tensor:
    """Any image as the model's input: the same conversion the data sets use (C x S x S float32)."""
    if len(mean) != channels or len(std) != channels:
        raise ValueError(f"mean and std need {channels} value(s) each, got {len(mean)} and {len(std)}")
    return to_tensor(prepare_image(img, image_size, channels), mean, std)


# -- cache ---------------------------------------------------------------------------------


class ImageCache:
    """LRU cache of prepared uint8 images within a byte budget; per process (a pickled copy starts empty)."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = int(max_bytes)
        self.nbytes = 0
        self._items: OrderedDict[Hashable, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: Hashable) -> np.ndarray | None:
        with self._lock:
            img = self._items.get(key)
            if img is not None:
                self._items.move_to_end(key)
            return img

    def put(self, key: Hashable, img: np.ndarray) -> None:
        """Keep ``img`` (made read-only), dropping the least recently used images to fit."""
        if img.nbytes > self.max_bytes:
            return
        img.flags.writeable = False
        with self._lock:
            old = self._items.pop(key, None)
            self.nbytes += img.nbytes - (old.nbytes if old is not None else 0)
            self._items[key] = img
            while self.nbytes > self.max_bytes:
                self.nbytes -= self._items.popitem(last=False)[1].nbytes

    def __getstate__(self) -> dict[str, int]:
        return {"max_bytes": self.max_bytes}

    def __setstate__(self, state: dict[str, int]) -> None:
        self.__init__(state["max_bytes"])
