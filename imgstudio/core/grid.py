"""Lay small images out as one grid image (feature maps, filters, sample sheets).

Tiles are N x h x w (grayscale) or N x h x w x C (C = 3); the grid is uint8 with a
``pad``-pixel gutter. :func:`tile_at` maps a pixel of the grid back to the tile index,
so a click on a grid shown in the GUI selects that tile.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from imgstudio.core.io import to_uint8


@dataclass(frozen=True)
class GridLayout:
    """Where the tiles of a grid are: ``columns`` per row, each ``tile_h`` x ``tile_w`` plus ``pad``."""

    count: int
    columns: int
    tile_h: int
    tile_w: int
    pad: int

    @property
    def rows(self) -> int:
        return math.ceil(self.count / self.columns) if self.count else 0

    @property
    def size(self) -> tuple[int, int]:
        """(height, width) of the whole grid image."""
        return (
            self.rows * (self.tile_h + self.pad) + self.pad,
            self.columns * (self.tile_w + self.pad) + self.pad,
        )

    def origin(self, index: int) -> tuple[int, int]:
        """(y, x) of the top-left pixel of tile ``index``."""
        row, col = divmod(index, self.columns)
        return self.pad + row * (self.tile_h + self.pad), self.pad + col * (self.tile_w + self.pad)

    def tile_at(self, y: float, x: float) -> int | None:
        """The tile under grid pixel (y, x), or None on a gutter or outside."""
        if y < 0 or x < 0:
            return None
        row, ry = divmod(int(y) - self.pad, self.tile_h + self.pad)
        col, rx = divmod(int(x) - self.pad, self.tile_w + self.pad)
        if row < 0 or col < 0 or col >= self.columns or ry >= self.tile_h or rx >= self.tile_w:
            return None
        index = row * self.columns + col
        return index if index < self.count else None


def grid_layout(count: int, tile_h: int, tile_w: int, columns: int | None = None, pad: int = 1) -> GridLayout:
    """A near-square layout (or ``columns`` per row)."""
    cols = columns or max(1, math.ceil(math.sqrt(count)))
    return GridLayout(count, max(1, min(cols, max(count, 1))), tile_h, tile_w, pad)


def tile_grid(
    tiles: np.ndarray, columns: int | None = None, pad: int = 1, background: int = 40
) -> tuple[np.ndarray, GridLayout]:
    """The grid image (uint8, H x W x C) of ``tiles`` and its layout."""
    tiles = to_uint8(np.asarray(tiles))
    if tiles.ndim == 3:
        tiles = tiles[..., None]
    if tiles.ndim != 4:
        raise ValueError(f"tiles must be N x h x w or N x h x w x C, not shape {tiles.shape}")
    n, h, w, c = tiles.shape
    layout = grid_layout(n, h, w, columns, pad)
    out = np.full((*layout.size, c), background, dtype=np.uint8)
    for i in range(n):
        y, x = layout.origin(i)
        out[y : y + h, x : x + w] = tiles[i]
    return out, layout
