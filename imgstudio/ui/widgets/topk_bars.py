"""Horizontal bars for a classifier's top-k answer: class name, bar, percentage."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from imgstudio.ui.language import format_percent

_ROW_SPACING = 6


class TopKBars(QWidget):
    """Paints one bar per (class, probability), longest first; the top answer is highlighted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scores: list[tuple[str, float]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(180)
        self.setToolTip(self.tr("The most likely classes for this image and the model's probability for each"))

    def set_scores(self, scores: list[tuple[str, float]]) -> None:
        """Show ``scores`` (class, probability in [0, 1]), most likely first."""
        self._scores = sorted(((str(c), float(p)) for c, p in scores), key=lambda item: -item[1])
        lines = [f"{name}: {_percent(p)}" for name, p in self._scores]
        self.setAccessibleDescription("; ".join(lines))
        self.updateGeometry()
        self.update()

    def clear(self) -> None:
        self.set_scores([])

    def scores(self) -> list[tuple[str, float]]:
        """What is shown, most likely first."""
        return list(self._scores)

    def _row_height(self) -> int:
        return self.fontMetrics().height() + 8

    def sizeHint(self) -> QSize:
        rows = max(1, len(self._scores))
        return QSize(320, rows * (self._row_height() + _ROW_SPACING) + _ROW_SPACING)

    def minimumSizeHint(self) -> QSize:
        return QSize(180, self._row_height() + 2 * _ROW_SPACING)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_colour = palette.color(QPalette.ColorRole.WindowText)
        if not self._scores:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No prediction yet"))
            painter.end()
            return
        metrics = self.fontMetrics()
        label_width = min(self.width() // 3, max(metrics.horizontalAdvance(name) for name, _ in self._scores) + 8)
        percent_width = metrics.horizontalAdvance(_percent(1.0)) + 8
        bar_left = label_width
        bar_width = max(10, self.width() - label_width - percent_width - 4)
        row_height = self._row_height()
        track = palette.color(QPalette.ColorRole.Mid)
        track.setAlpha(60)
        top_colour = palette.color(QPalette.ColorRole.Highlight)
        other_colour = QColor(top_colour)
        other_colour.setAlpha(110)
        y = _ROW_SPACING
        for i, (name, probability) in enumerate(self._scores):
            label_rect = QRectF(0, y, label_width - 6, row_height)
            painter.setPen(text_colour)
            elided = metrics.elidedText(name, Qt.TextElideMode.ElideRight, int(label_rect.width()))
            painter.drawText(label_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, elided)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(track)
            painter.drawRoundedRect(QRectF(bar_left, y + 2, bar_width, row_height - 4), 3, 3)
            filled = max(0.0, min(1.0, probability)) * bar_width
            if filled >= 1:
                painter.setBrush(top_colour if i == 0 else other_colour)
                painter.drawRoundedRect(QRectF(bar_left, y + 2, filled, row_height - 4), 3, 3)
            painter.setPen(text_colour)
            percent_rect = QRectF(bar_left + bar_width + 4, y, percent_width, row_height)
            painter.drawText(
                percent_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, _percent(probability)
            )
            y += row_height + _ROW_SPACING
        painter.end()


def _percent(probability: float) -> str:
    return format_percent(probability)
