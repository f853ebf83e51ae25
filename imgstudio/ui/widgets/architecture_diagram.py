"""A simple drawing of a network: one block per conv / pool / dense layer, left to right.

A block's height follows the spatial side of the layer's output (log scale) and its width
the number of channels (log scale), so the picture shows the representation shrinking and
deepening, as in the article's figure. Layers without a spatial output (dense) are bars.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

COLOURS = {"conv": "#4da3ff", "pool": "#ffa040", "dense": "#8fd18f", "other": "#b0b0b0"}
BLOCK_GAP = 14
MAX_HEIGHT = 150
LABEL_SPACE = 34


def layer_kind(layer_type: str) -> str | None:
    """conv, pool or dense for the layers worth drawing; None for the rest."""
    t = layer_type.lower()
    if "conv" in t:
        return "conv"
    if "pool" in t:
        return "pool"
    if t == "linear":
        return "dense"
    return None


class ArchitectureDiagram(QWidget):
    """Paints blocks for the layers of a model summary (``LayerInfo``-like objects)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.blocks: list[tuple[str, str, tuple[int, ...]]] = []
        self.setMinimumHeight(MAX_HEIGHT + 2 * LABEL_SPACE)
        self.setToolTip(self.tr("Blue: convolution; orange: pooling; green: fully connected"))

    def set_layers(self, layers: list[Any]) -> None:
        """Keep the conv, pool and dense layers (name, kind, output shape) and repaint."""
        self.blocks = [
            (layer.name, kind, tuple(layer.output_shape))
            for layer in layers
            if (kind := layer_kind(layer.type)) is not None
        ]
        self.updateGeometry()
        self.update()

    def _block_size(self, shape: tuple[int, ...]) -> tuple[float, float]:
        if len(shape) == 3:
            channels, side = shape[0], max(shape[1], shape[2])
            height = 20 + 25 * math.log2(max(side, 1))
            width = 6 + 5 * math.log2(max(channels, 1))
        else:
            height = 20 + 12 * math.log2(max(shape[0] if shape else 1, 1))
            width = 10
        return min(width, 60), min(height, MAX_HEIGHT)

    def sizeHint(self) -> QSize:
        width = sum(self._block_size(shape)[0] + BLOCK_GAP + 40 for _, _, shape in self.blocks)
        return QSize(int(width) + 20, MAX_HEIGHT + 2 * LABEL_SPACE)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#26282c"))
        mid = LABEL_SPACE + MAX_HEIGHT / 2
        x = 10.0
        small = painter.font()
        small.setPointSizeF(max(6.5, small.pointSizeF() * 0.8))
        painter.setFont(small)
        for name, kind, shape in self.blocks:
            w, h = self._block_size(shape)
            slot = w + 40
            rect = QRectF(x + (slot - w) / 2, mid - h / 2, w, h)
            painter.setPen(QPen(QColor("#e0e0e0"), 1))
            painter.setBrush(QColor(COLOURS[kind]))
            painter.drawRect(rect)
            painter.setPen(QColor("#e0e0e0"))
            top = QRectF(x - 10, rect.top() - LABEL_SPACE, slot + 20, LABEL_SPACE - 2)
            painter.drawText(top, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, name)
            bottom = QRectF(x - 10, rect.bottom() + 2, slot + 20, LABEL_SPACE)
            shape_text = "×".join(map(str, shape))
            painter.drawText(bottom, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, shape_text)
            x += slot + BLOCK_GAP
        painter.end()
