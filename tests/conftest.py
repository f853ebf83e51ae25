"""Shared test set-up: headless Qt, and small image factories."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
import pytest


@pytest.fixture
def rgb() -> np.ndarray:
    """A 48x64 RGB uint8 test image with structure in every channel."""
    rng = np.random.default_rng(0)
    img = rng.integers(0, 256, size=(48, 64, 3), dtype=np.uint8)
    img[10:30, 20:40] = (250, 30, 10)
    return img
