"""The Classify tab's folder table: predictions streamed from a worker, sortable, with thumbnails."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QWidget

from imgstudio.ui.language import format_percent
from imgstudio.ui.widgets.thumbnail_strip import PATH_ROLE, ThumbnailModel

if TYPE_CHECKING:  # importing at run time would import torch
    from imgstudio.core.ml.infer import Prediction

SORT_ROLE = Qt.ItemDataRole.UserRole + 10
"""Role the folder table sorts by: numbers for confidence, lower-case text otherwise."""
TABLE_THUMBNAIL = 40


class PredictionTableModel(QAbstractTableModel):
    """Rows of predictions appended as they arrive; thumbnails come from a lazy ThumbnailModel."""

    COL_THUMB, COL_FILE, COL_CLASS, COL_CONFIDENCE, COL_ERROR = range(5)

    def __init__(self, thumbnails: ThumbnailModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._thumbs = thumbnails
        self._thumbs.dataChanged.connect(self._on_thumbnail_changed)
        self._rows: list[Prediction] = []
        self._row_of: dict[str, int] = {}
        self._root: Path | None = None
        self._headers = [
            "",
            self.tr("File"),
            self.tr("Class"),
            self.tr("Confidence"),
            self.tr("Error"),
        ]

    def reset(self, root: str | None = None) -> None:
        """Forget every row; file names are shown relative to ``root``."""
        self.beginResetModel()
        self._rows, self._row_of = [], {}
        self._root = Path(root) if root else None
        self.endResetModel()
        self._thumbs.set_paths([])

    def set_thumbnail_paths(self, paths: list[str]) -> None:
        self._thumbs.set_paths([Path(p) for p in paths])

    def append(self, predictions: list[Prediction]) -> None:
        if not predictions:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(predictions) - 1)
        for i, prediction in enumerate(predictions):
            self._row_of[prediction.path] = first + i
        self._rows.extend(predictions)
        self.endInsertRows()

    def predictions(self) -> list[Prediction]:
        """Every row, in arrival (file) order."""
        return list(self._rows)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return super().headerData(section, orientation, role)

    def _name(self, prediction: Prediction) -> str:
        if self._root is not None:
            try:
                return str(Path(prediction.path).relative_to(self._root))
            except ValueError:
                pass
        return Path(prediction.path).name

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, col = index.row(), index.column()
        p = self._rows[row]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.COL_FILE:
                return self._name(p)
            if col == self.COL_CLASS:
                return p.label
            if col == self.COL_CONFIDENCE:
                return format_percent(p.confidence) if not p.error else ""
            if col == self.COL_ERROR:
                return p.error
            return None
        if role == SORT_ROLE:
            if col == self.COL_THUMB:
                return row
            if col == self.COL_CONFIDENCE:
                return p.confidence if not p.error else -1.0
            return self.data(index, Qt.ItemDataRole.DisplayRole).lower()
        if role == Qt.ItemDataRole.DecorationRole and col == self.COL_THUMB:
            thumb_row = self._thumbs.row_of(p.path)
            return None if thumb_row is None else self._thumbs.data(self._thumbs.index(thumb_row), role)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.COL_CONFIDENCE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if p.error:
                return f"{p.path}\n{p.error}"
            others = ", ".join(f"{label} {format_percent(conf)}" for label, conf in p.top)
            return f"{p.path}\n{others}"
        if role == PATH_ROLE:
            return p.path
        return None

    def _on_thumbnail_changed(self, top: QModelIndex, bottom: QModelIndex, _roles: list[int]) -> None:
        for thumb_row in range(top.row(), bottom.row() + 1):
            path = self._thumbs.data(self._thumbs.index(thumb_row), PATH_ROLE)
            row = self._row_of.get(path) if path is not None else None
            if row is not None:
                index = self.index(row, self.COL_THUMB)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])
