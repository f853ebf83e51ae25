"""The box editor's graphics items, and the pixel geometry of drawing, moving and resizing.

Boxes are :class:`Box` values in image pixels (the scene's coordinates). Mouse edits snap
the edges they move to whole pixels, so every annotation format stores them exactly;
boxes that come from a file or a model keep their fractional coordinates until edited.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QStyleOptionGraphicsItem, QWidget

from imgstudio.core.ml.detection.boxes import Box

MIN_BOX_SIZE = 3.0
"""Drawn boxes narrower or lower than this (image pixels) are taken for accidental clicks."""
HANDLE_PX = 8.0
"""Side of a resize handle, in screen pixels."""
GRAB_PX = 7.0
"""How near (screen pixels) the mouse must be to a handle to grab it."""

PALETTE = (
    (31, 119, 180),
    (255, 127, 14),
    (44, 160, 44),
    (214, 39, 40),
    (148, 103, 189),
    (140, 86, 75),
    (227, 119, 194),
    (23, 190, 207),
    (188, 189, 34),
    (127, 127, 127),
)
"""One colour per class, by class index (repeats after ten classes)."""

HANDLES = ("tl", "t", "tr", "r", "br", "b", "bl", "l")
"""Resize handles: corners and edge middles; the letters name the edges a handle moves."""

HANDLE_CURSORS = {
    "tl": Qt.CursorShape.SizeFDiagCursor,
    "br": Qt.CursorShape.SizeFDiagCursor,
    "tr": Qt.CursorShape.SizeBDiagCursor,
    "bl": Qt.CursorShape.SizeBDiagCursor,
    "t": Qt.CursorShape.SizeVerCursor,
    "b": Qt.CursorShape.SizeVerCursor,
    "l": Qt.CursorShape.SizeHorCursor,
    "r": Qt.CursorShape.SizeHorCursor,
}


def class_colour(index: int) -> QColor:
    """The colour of class ``index`` (grey for a label that is not a class)."""
    if index < 0:
        return QColor(200, 200, 200)
    return QColor(*PALETTE[index % len(PALETTE)])


# -- geometry (image pixels) -------------------------------------------------------------------


def _clamp(value: float, low: float, high: float) -> float:
    return min(max(value, low), high)


def handle_points(box: Box) -> dict[str, tuple[float, float]]:
    """Where each resize handle of ``box`` sits."""
    cx, cy = box.x + box.width / 2, box.y + box.height / 2
    return {
        "tl": (box.x, box.y),
        "t": (cx, box.y),
        "tr": (box.x2, box.y),
        "r": (box.x2, cy),
        "br": (box.x2, box.y2),
        "b": (cx, box.y2),
        "bl": (box.x, box.y2),
        "l": (box.x, cy),
    }


def handle_at(box: Box, x: float, y: float, tolerance: float) -> str | None:
    """The handle of ``box`` nearest to (x, y) within ``tolerance`` (corners win ties)."""
    best: tuple[float, str] | None = None
    for name, (hx, hy) in handle_points(box).items():
        distance = max(abs(hx - x), abs(hy - y))
        if distance <= tolerance and (best is None or distance < best[0]):
            best = (distance, name)
    return None if best is None else best[1]


def box_at(boxes: list[Box], x: float, y: float, prefer: int | None = None) -> int | None:
    """Index of the box under (x, y): ``prefer`` if it is one, else the smallest one."""
    inside = [i for i, b in enumerate(boxes) if b.x <= x <= b.x2 and b.y <= y <= b.y2]
    if prefer in inside:
        return prefer
    return min(inside, key=lambda i: (boxes[i].area, i), default=None)


def drawn_box(start: QPointF, end: QPointF, width: int, height: int, label: str) -> Box | None:
    """The box dragged from ``start`` to ``end``, snapped and clamped; None if it is tiny."""
    xs = sorted(round(_clamp(p.x(), 0, width)) for p in (start, end))
    ys = sorted(round(_clamp(p.y(), 0, height)) for p in (start, end))
    if xs[1] - xs[0] < MIN_BOX_SIZE or ys[1] - ys[0] < MIN_BOX_SIZE:
        return None
    return Box.from_corners(xs[0], ys[0], xs[1], ys[1], label)


def moved_box(box: Box, dx: float, dy: float, width: int, height: int) -> Box:
    """``box`` moved by whole pixels, kept inside the image."""
    dx = _clamp(round(dx), -box.x, max(width - box.x2, -box.x))
    dy = _clamp(round(dy), -box.y, max(height - box.y2, -box.y))
    return dataclasses.replace(box, x=box.x + dx, y=box.y + dy)


def _resize_axis(low: float, high: float, moved: float, moves_low: bool, size: int) -> tuple[float, float]:
    """New (low, high) of one axis after dragging one of its edges to ``moved``."""
    low, high = (moved, high) if moves_low else (low, moved)
    if low > high:
        low, high = high, low
        moves_low = not moves_low
    minimum = min(MIN_BOX_SIZE, float(size))
    if high - low < minimum:
        if moves_low:
            low = max(high - minimum, 0.0)
            high = low + minimum
        else:
            high = min(low + minimum, float(size))
            low = high - minimum
    return low, high


def resized_box(box: Box, handle: str, x: float, y: float, width: int, height: int) -> Box:
    """``box`` with the edges of ``handle`` dragged to (x, y), snapped, clamped, never tiny."""
    x1, x2, y1, y2 = box.x, box.x2, box.y, box.y2
    if "l" in handle or "r" in handle:
        x1, x2 = _resize_axis(x1, x2, round(_clamp(x, 0, width)), "l" in handle, width)
    if "t" in handle or "b" in handle:
        y1, y2 = _resize_axis(y1, y2, round(_clamp(y, 0, height)), "t" in handle, height)
    return Box.from_corners(x1, y1, x2, y2, box.label, box.score)


# -- items ---------------------------------------------------------------------------------------


def _label_font() -> QFont:
    font = QFont()
    font.setPixelSize(13)
    font.setBold(True)
    return font


class LabelItem(QGraphicsItem):
    """A box's label on a tag of the class colour; stays the same size on screen at any zoom.

    A scene item of its own (not a child of the box) so that every tag stays above every outline.
    """

    PADDING = 3.0

    def __init__(self, text: str, colour: QColor) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.text = text
        self.colour = colour
        self.font = _label_font()
        metrics = QFontMetricsF(self.font)
        self.size = (metrics.horizontalAdvance(text) + 2 * self.PADDING, metrics.height() + self.PADDING)
        self.inside = False

    def set_inside(self, inside: bool) -> None:
        """Draw the tag inside the box's top edge (no room above it) or on top of it."""
        if inside != self.inside:
            self.prepareGeometryChange()
            self.inside = inside

    def boundingRect(self) -> QRectF:
        width, height = self.size
        return QRectF(0, 0 if self.inside else -height, width, height)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        rect = self.boundingRect()
        painter.fillRect(rect, self.colour)
        light = self.colour.lightnessF() > 0.6
        painter.setPen(QColor(0, 0, 0) if light else QColor(255, 255, 255))
        painter.setFont(self.font)
        painter.drawText(rect.adjusted(self.PADDING, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, self.text)


class BoxItem(QGraphicsRectItem):
    """One box: an outline of its class colour with its label; handles when selected."""

    def __init__(self, box: Box, colour: QColor, *, selected: bool = False, preview: bool = False) -> None:
        super().__init__(QRectF(box.x, box.y, box.width, box.height))
        self.box = box
        self.colour = colour
        self.selected = selected
        self.scale_factor = 1.0
        pen = QPen(colour, 3 if selected else 2)
        pen.setCosmetic(True)
        if preview:
            pen.setStyle(Qt.PenStyle.DashLine)
        self.setPen(pen)
        fill = QColor(colour)
        fill.setAlpha(60 if selected else 18)
        self.setBrush(QBrush(fill))
        self.setZValue(20 if selected else 10)
        self.label = None if preview else LabelItem(box.label, colour)
        if self.label is not None:
            self.label.setZValue(31 if selected else 30)
        self.place_label()

    def scene_items(self) -> list[QGraphicsItem]:
        """The items to add to (and remove from) the scene: the box and its label."""
        return [self] if self.label is None else [self, self.label]

    def set_box(self, box: Box) -> None:
        """Show ``box`` (while it is dragged)."""
        self.prepareGeometryChange()
        self.box = box
        self.setRect(QRectF(box.x, box.y, box.width, box.height))
        self.place_label()

    def set_view_scale(self, scale: float) -> None:
        """Screen pixels per image pixel, for the handle size and the label's side."""
        self.prepareGeometryChange()
        self.scale_factor = max(scale, 1e-6)
        self.place_label()

    def place_label(self) -> None:
        if self.label is None:
            return
        self.label.setPos(QPointF(self.box.x, self.box.y))
        self.label.set_inside(self.box.y * self.scale_factor < self.label.size[1])

    def boundingRect(self) -> QRectF:
        margin = HANDLE_PX / self.scale_factor
        return super().boundingRect().adjusted(-margin, -margin, margin, margin)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setPen(self.pen())
        painter.setBrush(self.brush())
        painter.drawRect(self.rect())
        if not self.selected:
            return
        side = HANDLE_PX / self.scale_factor
        pen = QPen(self.colour.darker(160), 1)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(QColor(255, 255, 255))
        for hx, hy in handle_points(self.box).values():
            painter.drawRect(QRectF(hx - side / 2, hy - side / 2, side, side))
