"""Grids of tiles and the way back from a grid pixel to its tile."""

import numpy as np
import pytest

from imgstudio.core.grid import grid_layout, tile_grid


def test_tiles_land_where_the_layout_says_and_clicks_map_back():
    tiles = np.stack([np.full((4, 6), i * 20, np.uint8) for i in range(7)])  # 7 tiles of 4x6
    grid, layout = tile_grid(tiles, pad=2)
    assert (layout.columns, layout.rows) == (3, 3)
    assert grid.shape == (3 * (4 + 2) + 2, 3 * (6 + 2) + 2, 1) == (*layout.size, 1)
    for i in range(7):
        y, x = layout.origin(i)
        assert (grid[y : y + 4, x : x + 6, 0] == i * 20).all()
        assert layout.tile_at(y + 3.5, x + 5.9) == i  # last pixel of the tile
    assert layout.tile_at(0, 0) is None  # gutter
    assert layout.tile_at(layout.origin(1)[0], layout.origin(1)[1] - 1) is None  # gutter between tiles
    y, x = layout.origin(8)  # a place in the last row with no tile
    assert layout.tile_at(y, x) is None
    assert layout.tile_at(-1, 5) is None


def test_rgb_float_tiles_and_fixed_columns():
    tiles = np.random.default_rng(0).random((5, 3, 3, 3)).astype(np.float32)
    grid, layout = tile_grid(tiles, columns=5, pad=0)
    assert grid.dtype == np.uint8 and grid.shape == (3, 15, 3) and layout.rows == 1
    assert np.array_equal(grid[:, 6:9], (np.clip(tiles[2], 0, 1) * 255 + 0.5).astype(np.uint8))


def test_bad_tile_shapes_are_refused():
    with pytest.raises(ValueError, match="tiles must be"):
        tile_grid(np.zeros((4, 4)))
    assert grid_layout(0, 3, 3).rows == 0
