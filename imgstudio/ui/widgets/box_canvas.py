"""The box editor's canvas: the image and its boxes in a QGraphicsView, edited with the mouse.

Left-drag on the image draws a box (Shift+drag draws even inside another box), left-drag on
a box moves it, on a handle of the selected box resizes it; the middle or right button pans
and the wheel zooms around the mouse. The canvas only shows boxes and reports gestures as
signals in image pixels; the editor owns the box list and commits the edits.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPixmap, QResizeEvent, QShowEvent, QWheelEvent
from PySide6.QtWidgets import QGraphicsPixmapItem, QGraphicsScene, QGraphicsView, QWidget

from imgstudio.core.ml.detection.boxes import Box
from imgstudio.ui.widgets.box_items import (
    GRAB_PX,
    HANDLE_CURSORS,
    BoxItem,
    box_at,
    class_colour,
    drawn_box,
    handle_at,
    moved_box,
    resized_box,
)
from imgstudio.ui.widgets.qimage import to_qimage

MIN_DRAG_PX = 4
"""A drag shorter than this on screen is a click, not a box."""
ZOOM_RANGE = (0.02, 64.0)
"""Smallest and largest zoom, in screen pixels per image pixel."""
SHARP_ZOOM = 3.0
"""From this zoom on, image pixels are shown as sharp squares (smoothed below it)."""


@dataclass
class _Drag:
    mode: str  # "draw", "move", "resize" or "pan"
    start: QPointF  # scene (image pixel) position of the press
    screen: QPoint  # viewport position of the press (and of the last pan step)
    index: int | None = None
    handle: str | None = None
    item: BoxItem | None = None
    result: Box | None = None


class BoxCanvas(QGraphicsView):
    """Shows an image with boxes; ``sigDrawn(Box)``, ``sigEdited(index, Box)`` and
    ``sigSelected(index)`` (-1 for none) report what the mouse did, in image pixels."""

    sigDrawn = Signal(object)
    sigEdited = Signal(int, object)
    sigSelected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setBackgroundBrush(QColor(38, 40, 44))
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setMouseTracking(True)
        self.pixmap_item = QGraphicsPixmapItem()
        self.scene().addItem(self.pixmap_item)
        self.image_size: tuple[int, int] = (0, 0)
        self.boxes: list[Box] = []
        self.classes: list[str] = []
        self.selected: int | None = None
        self.items: list[BoxItem] = []
        self.fit_mode = True
        self.key_handler: Callable[[QKeyEvent], bool] | None = None
        self._drag: _Drag | None = None

    # -- content ---------------------------------------------------------------------------------

    @property
    def has_image(self) -> bool:
        return self.image_size[0] > 0 and self.image_size[1] > 0

    def set_image(self, pixels: np.ndarray | None) -> None:
        """Show ``pixels`` (the app's image convention) or nothing, fitted to the view."""
        self.cancel_drag()
        if pixels is None:
            self.pixmap_item.setPixmap(QPixmap())
            self.image_size = (0, 0)
        else:
            self.pixmap_item.setPixmap(QPixmap.fromImage(to_qimage(pixels)))
            self.image_size = (int(pixels.shape[1]), int(pixels.shape[0]))
        self.scene().setSceneRect(QRectF(0, 0, *self.image_size))
        self.fit()

    def show_boxes(self, boxes: list[Box], selected: int | None, classes: list[str]) -> None:
        """Rebuild the box items (the selected one on top, with handles)."""
        self.cancel_drag()
        self.boxes = list(boxes)
        self.classes = list(classes)
        self.selected = selected if selected is not None and 0 <= selected < len(boxes) else None
        for item in self.items:
            for part in item.scene_items():
                self.scene().removeItem(part)
        self.items = [
            BoxItem(box, self.colour_of(box.label), selected=i == self.selected) for i, box in enumerate(self.boxes)
        ]
        for item in self.items:
            item.set_view_scale(self.view_scale)
            for part in item.scene_items():
                self.scene().addItem(part)

    def colour_of(self, label: str) -> QColor:
        return class_colour(self.classes.index(label) if label in self.classes else -1)

    def select(self, index: int | None) -> None:
        """Select box ``index`` (None for none) and tell the editor."""
        if index != self.selected:
            self.show_boxes(self.boxes, index, self.classes)
            self.sigSelected.emit(-1 if self.selected is None else self.selected)

    # -- zoom ------------------------------------------------------------------------------------

    @property
    def view_scale(self) -> float:
        """Screen pixels per image pixel."""
        return self.transform().m11()

    def fit(self) -> None:
        """Show the whole image (and keep it fitted when the view is resized)."""
        self.fit_mode = True
        if self.has_image:
            self.fitInView(QRectF(0, 0, *self.image_size), Qt.AspectRatioMode.KeepAspectRatio)
        self._scale_changed()

    def zoom(self, factor: float) -> None:
        """Zoom by ``factor`` around the mouse, within :data:`ZOOM_RANGE`."""
        low, high = ZOOM_RANGE
        factor = min(max(self.view_scale * factor, low), high) / self.view_scale
        self.fit_mode = False
        self.scale(factor, factor)
        self._scale_changed()

    def _scale_changed(self) -> None:
        smooth = self.view_scale < SHARP_ZOOM
        mode = Qt.TransformationMode.SmoothTransformation if smooth else Qt.TransformationMode.FastTransformation
        self.pixmap_item.setTransformationMode(mode)
        for item in self.items:
            item.set_view_scale(self.view_scale)

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps and self.has_image:
            self.zoom(1.25**steps)
        event.accept()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.fit_mode:
            self.fit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.fit_mode:
            self.fit()

    # -- mouse -----------------------------------------------------------------------------------

    def _scene_pos(self, event: QMouseEvent) -> QPointF:
        return self.mapToScene(event.position().toPoint())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus()
        screen = event.position().toPoint()
        if event.button() in (Qt.MouseButton.MiddleButton, Qt.MouseButton.RightButton):
            self._drag = _Drag("pan", self._scene_pos(event), screen)
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            return
        if event.button() != Qt.MouseButton.LeftButton or not self.has_image or self._drag is not None:
            return
        p = self._scene_pos(event)
        handle = self._handle_under(p)
        if handle is not None and self.selected is not None:
            self._drag = _Drag("resize", p, screen, self.selected, handle, self.items[self.selected])
            return
        forced = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        index = None if forced else box_at(self.boxes, p.x(), p.y(), self.selected)
        if index is not None:
            self.select(index)
            self._drag = _Drag("move", p, screen, index, item=self.items[index])
            return
        self.select(None)  # and draw: a drag that starts beside the image is clamped to it
        preview = BoxItem(Box(p.x(), p.y(), 0, 0, ""), QColor(255, 255, 255), preview=True)
        preview.set_view_scale(self.view_scale)
        self.scene().addItem(preview)
        self._drag = _Drag("draw", p, screen, item=preview)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        drag = self._drag
        if drag is None:
            self._hover(self._scene_pos(event))
            return
        screen = event.position().toPoint()
        if drag.mode == "pan":
            delta = screen - drag.screen
            drag.screen = screen
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())
            return
        drag.result = self._dragged_box(drag, self._scene_pos(event), screen)
        if drag.item is not None and drag.result is not None:
            drag.item.set_box(drag.result)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        drag, self._drag = self._drag, None
        if drag is None:
            return
        self.viewport().unsetCursor()
        if drag.mode == "pan":
            return
        result = self._dragged_box(drag, self._scene_pos(event), event.position().toPoint())
        if drag.mode == "draw":
            self._remove_preview(drag)
            if result is not None:
                self.sigDrawn.emit(result)
        elif drag.result is None:
            return  # a click without a move selects, it does not edit
        elif drag.index is not None and result is not None and result != self.boxes[drag.index]:
            self.sigEdited.emit(drag.index, result)

    def _dragged_box(self, drag: _Drag, p: QPointF, screen: QPoint) -> Box | None:
        """The box the drag makes with the mouse at ``p`` (None: a draw too small to count)."""
        width, height = self.image_size
        if drag.mode == "draw":
            if (screen - drag.screen).manhattanLength() < MIN_DRAG_PX:
                return None
            return drawn_box(drag.start, p, width, height, "")
        if drag.index is None:
            return None
        box = self.boxes[drag.index]
        if drag.mode == "move":
            return moved_box(box, p.x() - drag.start.x(), p.y() - drag.start.y(), width, height)
        return resized_box(box, drag.handle or "br", p.x(), p.y(), width, height)

    def _remove_preview(self, drag: _Drag) -> None:
        if drag.mode == "draw" and drag.item is not None and drag.item.scene() is self.scene():
            self.scene().removeItem(drag.item)

    def cancel_drag(self) -> bool:
        """Drop the gesture in progress (Escape); True if there was one."""
        drag, self._drag = self._drag, None
        if drag is None:
            return False
        self._remove_preview(drag)
        if drag.index is not None and drag.item is not None and drag.index < len(self.boxes):
            drag.item.set_box(self.boxes[drag.index])
        self.viewport().unsetCursor()
        return True

    def _handle_under(self, p: QPointF) -> str | None:
        if self.selected is None:
            return None
        return handle_at(self.boxes[self.selected], p.x(), p.y(), GRAB_PX / self.view_scale)

    def _hover(self, p: QPointF) -> None:
        handle = self._handle_under(p)
        if handle is not None:
            self.viewport().setCursor(HANDLE_CURSORS[handle])
        elif box_at(self.boxes, p.x(), p.y()) is not None:
            self.viewport().setCursor(Qt.CursorShape.SizeAllCursor)
        elif self.has_image:
            self.viewport().setCursor(Qt.CursorShape.CrossCursor)
        else:
            self.viewport().unsetCursor()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.key_handler is not None and self.key_handler(event):
            event.accept()
            return
        super().keyPressEvent(event)
