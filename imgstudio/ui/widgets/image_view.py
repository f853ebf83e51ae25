"""A zoomable, pannable image view (pyqtgraph) that reports the pixel under the mouse.

A preview proxy is shown stretched over the full-resolution size it stands for, so
coordinates, zoom and the linked before/after views always speak full-resolution pixels.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsRectItem, QLabel, QVBoxLayout, QWidget

from imgstudio.core.io import to_uint8

pg.setConfigOptions(imageAxisOrder="row-major", antialias=False)

DragHandler = Callable[[QPointF, QPointF, bool], None]
"""Called with (start, current, finished) in image pixel coordinates."""


class _DragViewBox(pg.ViewBox):
    """A ViewBox whose left-button drags can be taken over (crop and translate tools)."""

    def __init__(self) -> None:
        super().__init__(lockAspect=True, invertY=True, enableMenu=False)
        self.drag_handler: DragHandler | None = None

    def mouseDragEvent(self, ev, axis=None) -> None:
        if self.drag_handler is None or ev.button() != Qt.MouseButton.LeftButton:
            super().mouseDragEvent(ev, axis)
            return
        ev.accept()
        start = self.mapSceneToView(ev.buttonDownScenePos())
        current = self.mapSceneToView(ev.scenePos())
        self.drag_handler(start, current, bool(ev.isFinish()))


class ImageView(QWidget):
    """Title + image canvas. ``sigHover(x, y)`` and ``sigClicked(x, y)`` (left button) give
    full-resolution pixel coordinates."""

    sigHover = Signal(float, float)
    sigClicked = Signal(float, float)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(title)
        self.title.setObjectName("viewTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.canvas = pg.GraphicsView()
        self.canvas.setBackground(QColor(38, 40, 44))
        self.view = _DragViewBox()
        self.canvas.setCentralItem(self.view)
        self.item = pg.ImageItem(axisOrder="row-major")
        self.view.addItem(self.item)
        self.outline = QGraphicsRectItem()
        pen = QPen(QColor(255, 200, 0))
        pen.setCosmetic(True)
        pen.setWidth(2)
        pen.setStyle(Qt.PenStyle.DashLine)
        self.outline.setPen(pen)
        self.outline.setZValue(10)
        self.outline.hide()
        self.view.addItem(self.outline)
        self.canvas.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.canvas.scene().sigMouseClicked.connect(self._on_mouse_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.canvas, 1)
        self.image: np.ndarray | None = None
        self.display_size: tuple[int, int] = (0, 0)

    def set_image(
        self,
        img: np.ndarray | None,
        display_size: tuple[int, int] | None = None,
        shown: np.ndarray | None = None,
    ) -> None:
        """Show ``img`` (any dtype of the app's convention) stretched to ``display_size`` (w, h).

        ``shown`` is an optional ready-made uint8 (possibly downscaled) copy to paint, made
        off the GUI thread; ``img`` stays the source of the pixel inspector's values.
        """
        first = self.image is None
        self.image = img
        if img is None:
            self.item.clear()
            return
        shown = to_uint8(img) if shown is None else shown
        if shown.shape[2] == 1:
            shown = shown[:, :, 0]
        size = display_size or (img.shape[1], img.shape[0])
        resized = size != self.display_size
        self.display_size = size
        self.item.setImage(shown, autoLevels=False, levels=(0, 255))
        self.item.setRect(QRectF(0, 0, size[0], size[1]))
        if first or resized:
            self.fit()

    def fit(self) -> None:
        if self.image is not None:
            self.view.autoRange(padding=0.02)

    def link(self, other: ImageView) -> None:
        """Share zoom and pan with ``other``."""
        self.view.setXLink(other.view)
        self.view.setYLink(other.view)

    def set_drag_handler(self, handler: DragHandler | None) -> None:
        self.view.drag_handler = handler
        self.canvas.setCursor(Qt.CursorShape.CrossCursor if handler else Qt.CursorShape.ArrowCursor)

    def show_outline(self, rect: QRectF | None) -> None:
        """Draw (or hide) a dashed rectangle in image coordinates."""
        if rect is None:
            self.outline.hide()
        else:
            self.outline.setRect(rect)
            self.outline.show()

    def _on_mouse_moved(self, pos: QPointF) -> None:
        if self.image is None or not self.view.sceneBoundingRect().contains(pos):
            return
        point = self.view.mapSceneToView(pos)
        self.sigHover.emit(point.x(), point.y())

    def _on_mouse_clicked(self, event) -> None:
        if self.image is None or event.button() != Qt.MouseButton.LeftButton:
            return
        point = self.view.mapSceneToView(event.scenePos())
        w, h = self.display_size
        if 0 <= point.x() < w and 0 <= point.y() < h:
            self.sigClicked.emit(point.x(), point.y())

    def pixel_at(self, x: float, y: float) -> tuple[int, int, np.ndarray] | None:
        """Full-resolution (x, y) and the shown value there, or None outside the image."""
        if self.image is None:
            return None
        w, h = self.display_size
        if not (0 <= x < w and 0 <= y < h):
            return None
        sy = self.image.shape[0] / h
        sx = self.image.shape[1] / w
        return int(x), int(y), self.image[int(y * sy), int(x * sx)]
