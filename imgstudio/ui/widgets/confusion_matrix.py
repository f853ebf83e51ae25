"""A confusion matrix as a grid: row = true class, column = predicted class, cells coloured
by the share of their row (so small classes are as readable as large ones)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

_CORRECT = QColor(46, 139, 87)  # diagonal: right answers
_WRONG = QColor(214, 69, 65)  # off the diagonal: confusions


def _blend(base: QColor, target: QColor, amount: float) -> QColor:
    a = max(0.0, min(1.0, amount))
    return QColor(
        round(base.red() + (target.red() - base.red()) * a),
        round(base.green() + (target.green() - base.green()) * a),
        round(base.blue() + (target.blue() - base.blue()) * a),
    )


class ConfusionMatrixView(QTableWidget):
    """Counts[true, predicted] with class names as headers.

    ``sigCellClicked(true, pred)`` is emitted when a cell is clicked or activated with
    the keyboard (Enter), so the caller can show the images behind it.
    """

    sigCellClicked = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._classes: list[str] = []
        self._matrix = np.zeros((0, 0), dtype=np.int64)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setMinimumSectionSize(48)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setMinimumSectionSize(28)
        self.horizontalHeader().setToolTip(self.tr("Columns: the class the model predicted"))
        self.verticalHeader().setToolTip(self.tr("Rows: the true class (the image's folder)"))
        self.setToolTip(self.tr("Rows: true class; columns: predicted class. Click a cell to see its images."))
        self.cellClicked.connect(self._emit_cell)
        self.cellActivated.connect(self._emit_cell)

    def set_matrix(self, classes: list[str], matrix: np.ndarray) -> None:
        """Show ``matrix`` (n x n counts) for ``classes``."""
        matrix = np.asarray(matrix, dtype=np.int64)
        if matrix.shape != (len(classes), len(classes)):
            raise ValueError(f"matrix of shape {matrix.shape} for {len(classes)} classes")
        self._classes = list(classes)
        self._matrix = matrix.copy()
        n = len(classes)
        self.clear()
        self.setRowCount(n)
        self.setColumnCount(n)
        self.setHorizontalHeaderLabels(self._classes)
        self.setVerticalHeaderLabels(self._classes)
        base = self.palette().color(QPalette.ColorRole.Base)
        text = self.palette().color(QPalette.ColorRole.Text)
        row_totals = matrix.sum(axis=1)
        for t in range(n):
            for p in range(n):
                count = int(matrix[t, p])
                share = count / row_totals[t] if row_totals[t] else 0.0
                item = QTableWidgetItem(str(count))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                colour = _blend(base, _CORRECT if t == p else _WRONG, 0.12 + 0.88 * share if count else 0.0)
                item.setBackground(colour)
                if count == 0:
                    item.setForeground(self.palette().color(QPalette.ColorRole.PlaceholderText))
                else:
                    item.setForeground(QColor(255, 255, 255) if colour.lightnessF() < 0.55 else text)
                item.setToolTip(
                    self.tr("True {0}, predicted {1}: {2} images ({3:.1f} % of {0})").format(
                        self._classes[t], self._classes[p], count, 100 * share
                    )
                )
                self.setItem(t, p, item)

    def classes(self) -> list[str]:
        return list(self._classes)

    def matrix(self) -> np.ndarray:
        """The counts shown (a copy)."""
        return self._matrix.copy()

    def count(self, true: int, pred: int) -> int:
        """The number shown in cell (true, pred)."""
        item = self.item(true, pred)
        return int(item.text()) if item is not None else 0

    def cell_rect(self, true: int, pred: int) -> QRect:
        """Where cell (true, pred) is drawn, in viewport coordinates (for clicks in tests)."""
        return self.visualItemRect(self.item(true, pred))

    def _emit_cell(self, row: int, column: int) -> None:
        if 0 <= row < len(self._classes) and 0 <= column < len(self._classes):
            self.sigCellClicked.emit(row, column)
