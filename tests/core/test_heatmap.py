"""Activation tiles, colour maps and heat-map overlays."""

import cv2
import numpy as np

from imgstudio.core.heatmap import colourise, heatmap_overlay, map_tiles


def test_shared_scale_keeps_strengths_and_per_channel_stretches_each():
    maps = np.stack([np.linspace(0, 1, 16).reshape(4, 4), np.linspace(0, 0.1, 16).reshape(4, 4)]).astype(np.float32)
    shared = map_tiles(maps, shared_scale=True)
    assert shared[0].max() == 255 and shared[1].max() == 26  # the weak channel stays weak
    own = map_tiles(maps, shared_scale=False)
    assert own[0].max() == own[1].max() == 255 and own[1].min() == 0
    assert map_tiles(np.zeros((2, 3, 3))).max() == 0  # constant maps: no division by zero


def test_overlay_blends_by_opacity_and_resizes_the_heat():
    image = np.full((40, 60, 3), 100, np.uint8)
    heat = np.zeros((5, 6), np.float32)
    heat[0, 0] = 1.0
    assert np.array_equal(heatmap_overlay(image, heat, 0.0), image)
    full = heatmap_overlay(image, heat, 1.0)
    assert full.shape == (40, 60, 3)
    assert np.array_equal(full, colourise((cv2.resize(heat, (60, 40)) * 255 + 0.5).astype(np.uint8), "jet"))
    assert full[0, 0].tolist() != full[39, 59].tolist()  # hot corner vs cold corner
    gray = heatmap_overlay(np.full((8, 8), 50, np.uint8), np.ones((8, 8)), 0.5)
    assert gray.shape == (8, 8, 3)
