"""A lazily loading strip (or grid) of thumbnails, fast for a folder of any size.

Only rows the view actually paints ask for their icon; those thumbnails are decoded in a
thread pool by :func:`imgstudio.core.io.read_thumbnail`, handed back to the GUI thread by
a queued signal and kept in a bounded LRU cache, so 10,000 images open at once.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRunnable,
    QSize,
    Qt,
    QThread,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from imgstudio.core.io import ImageReadError, list_images, read_thumbnail
from imgstudio.ui.widgets.qimage import to_qimage
from imgstudio.ui.workers import describe_error

log = logging.getLogger(__name__)

DEFAULT_THUMBNAIL_SIZE = 96
DEFAULT_CACHE_SIZE = 2000
PATH_ROLE = Qt.ItemDataRole.UserRole + 1
"""Model role holding an item's full path as ``str``."""


def _frame_icon(size: int, fill: QColor, pen: QPen, cross: bool) -> QIcon:
    """A rounded square (with a cross when ``cross``): the placeholder and broken icons."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(pen)
    painter.setBrush(fill)
    margin = max(2, size // 12)
    painter.drawRoundedRect(margin, margin, size - 2 * margin, size - 2 * margin, margin, margin)
    if cross:
        inner = size // 3
        painter.drawLine(inner, inner, size - inner, size - inner)
        painter.drawLine(inner, size - inner, size - inner, inner)
    painter.end()
    return QIcon(pixmap)


class _LoadSignals(QObject):
    """Carries results from pool threads to the GUI thread (queued connections)."""

    sigLoaded = Signal(str, object)  # path, QImage
    sigFailed = Signal(str, str)  # path, reason
    sigDropped = Signal(str)  # path: not decoded, its list was replaced or the strip shut down


class _ThumbnailTask(QRunnable):
    """Decode one thumbnail in a pool thread."""

    def __init__(
        self, path: str, size: int, max_pixels: int | None, signals: _LoadSignals, stop: threading.Event
    ) -> None:
        super().__init__()
        self._path, self._size, self._max_pixels = path, size, max_pixels
        self._signals, self._stop = signals, stop

    def run(self) -> None:
        if self._stop.is_set():
            self._signals.sigDropped.emit(self._path)
            return
        try:
            image = to_qimage(read_thumbnail(self._path, self._size, max_pixels=self._max_pixels))
        except ImageReadError as exc:
            self._signals.sigFailed.emit(self._path, exc.reason)
        except Exception as exc:  # any decoder surprise becomes a broken icon, not a dead thread
            log.warning("thumbnail of %s failed", self._path, exc_info=True)
            self._signals.sigFailed.emit(self._path, describe_error(exc))
        else:
            self._signals.sigLoaded.emit(self._path, image)


class ThumbnailModel(QAbstractListModel):
    """A list of image paths; icons are decoded on demand and cached (LRU)."""

    def __init__(
        self,
        thumbnail_size: int = DEFAULT_THUMBNAIL_SIZE,
        cache_size: int = DEFAULT_CACHE_SIZE,
        max_pixels: int | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        # The pool is the first child, so on destruction it waits for its tasks before the
        # signal carrier they emit on is deleted.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max(1, min(4, QThread.idealThreadCount())))
        self._signals = _LoadSignals(self)
        queued = Qt.ConnectionType.QueuedConnection
        self._signals.sigLoaded.connect(self._on_loaded, queued)
        self._signals.sigFailed.connect(self._on_failed, queued)
        self._signals.sigDropped.connect(self._on_dropped, queued)
        self._size = thumbnail_size
        self._cache_size = max(1, cache_size)
        self._max_pixels = max_pixels
        self._paths: list[Path] = []
        self._keys: list[str] = []
        self._rows: dict[str, list[int]] = {}
        self._cache: OrderedDict[str, tuple[QIcon, str]] = OrderedDict()  # path -> (icon, error or "")
        self._pending: set[str] = set()
        self._stop = threading.Event()
        self._stopped = False
        self._priority = 0
        self.loads_started = 0
        """Thumbnail decodes submitted so far (tests check that loading is lazy)."""
        gray = QColor(150, 150, 150)
        self.placeholder_icon = _frame_icon(thumbnail_size, QColor(225, 225, 225), QPen(gray, 2), cross=False)
        self.broken_icon = _frame_icon(thumbnail_size, QColor(255, 225, 225), QPen(QColor(200, 30, 30), 3), cross=True)

    # -- contents ------------------------------------------------------------------------
    def set_paths(self, paths: list[Path]) -> None:
        """Show ``paths``; queued decodes of the previous list are dropped, not run."""
        self.beginResetModel()
        self._stop.set()
        self._stop = threading.Event()
        self._paths = list(paths)
        self._keys = [str(p) for p in self._paths]
        self._rows = {}
        for row, key in enumerate(self._keys):
            self._rows.setdefault(key, []).append(row)
        self._cache.clear()  # files may have changed since they were last shown
        self.endResetModel()

    def paths(self) -> list[Path]:
        return list(self._paths)

    def row_of(self, path: str | Path) -> int | None:
        rows = self._rows.get(str(Path(path)))
        return rows[0] if rows else None

    def pending_count(self) -> int:
        """Decodes submitted and not yet answered."""
        return len(self._pending)

    def shutdown(self) -> None:
        """Drop queued decodes and wait for running ones; nothing is loaded afterwards."""
        self._stopped = True
        self._stop.set()
        self._pool.clear()
        self._pool.waitForDone()
        self._pending.clear()

    # -- Qt model interface --------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._paths)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._paths):
            return None
        key = self._keys[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._paths[index.row()].name
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icon(key)
        if role == Qt.ItemDataRole.ToolTipRole:
            entry = self._cache.get(key)
            if entry is not None and entry[1]:
                return self.tr("{path}\nCannot show this image: {reason}").format(path=key, reason=entry[1])
            return key
        if role == PATH_ROLE:
            return key
        return None

    # -- loading -------------------------------------------------------------------------
    def _icon(self, key: str) -> QIcon:
        entry = self._cache.get(key)
        if entry is not None:
            self._cache.move_to_end(key)
            return entry[0]
        self._request(key)
        return self.placeholder_icon

    def _request(self, key: str) -> None:
        if self._stopped or key in self._pending:
            return
        self._pending.add(key)
        self.loads_started += 1
        self._priority += 1  # newest request first: the rows on screen now beat rows scrolled past
        self._pool.start(_ThumbnailTask(key, self._size, self._max_pixels, self._signals, self._stop), self._priority)

    def _store(self, key: str, icon: QIcon, error: str) -> None:
        self._pending.discard(key)
        if key not in self._rows:  # the list was replaced while this one was decoding
            return
        self._cache[key] = (icon, error)
        self._cache.move_to_end(key)
        while len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        self._notify(key)

    def _notify(self, key: str) -> None:
        roles = [Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole]
        for row in self._rows.get(key, ()):
            index = self.index(row)
            self.dataChanged.emit(index, index, roles)

    def _on_loaded(self, key: str, image: QImage) -> None:
        self._store(key, QIcon(QPixmap.fromImage(image)), "")

    def _on_failed(self, key: str, reason: str) -> None:
        self._store(key, self.broken_icon, reason)

    def _on_dropped(self, key: str) -> None:
        self._pending.discard(key)
        self._notify(key)  # if it is still listed, the view asks again and a fresh decode starts


class ThumbnailStrip(QListView):
    """Thumbnails of a folder's images: a vertical strip (default) or a wrapping grid.

    ``sigImageChosen(path)`` is emitted when the user selects an item (mouse or keyboard)
    and by :meth:`select_next`/:meth:`select_previous`; :meth:`select_path` is silent.
    Call :meth:`shutdown` before the window closes.
    """

    sigImageChosen = Signal(str)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        thumbnail_size: int = DEFAULT_THUMBNAIL_SIZE,
        grid: bool = False,
        cache_size: int = DEFAULT_CACHE_SIZE,
        max_pixels: int | None = None,
    ) -> None:
        super().__init__(parent)
        self._model = ThumbnailModel(thumbnail_size, cache_size, max_pixels, self)
        self.setModel(self._model)
        self._quiet = False
        self.setUniformItemSizes(True)  # without it the view would ask every row for its icon
        self.setIconSize(QSize(thumbnail_size, thumbnail_size))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        if grid:
            self.setViewMode(QListView.ViewMode.IconMode)
            self.setMovement(QListView.Movement.Static)
            self.setResizeMode(QListView.ResizeMode.Adjust)
            self.setWrapping(True)
            text_height = 2 * self.fontMetrics().height()
            self.setGridSize(QSize(thumbnail_size + 24, thumbnail_size + text_height + 8))
        else:
            self.setViewMode(QListView.ViewMode.ListMode)
            self.setFlow(QListView.Flow.TopToBottom)
            self.setWrapping(False)
        self.setToolTip(self.tr("Images of the folder: click one, or use the arrow keys, to open it"))
        self.selectionModel().selectionChanged.connect(self._on_selection_changed)

    @property
    def loads_started(self) -> int:
        """Thumbnail decodes started so far (lazy: only rows that were shown)."""
        return self._model.loads_started

    def thumbnail_model(self) -> ThumbnailModel:
        return self._model

    def set_folder(self, folder: Path, recursive: bool = False) -> int:
        """Show the images of ``folder`` (see core.io.list_images); returns how many."""
        paths = list_images(folder, recursive=recursive)
        self.set_paths(paths)
        return len(paths)

    def set_paths(self, paths: list[Path]) -> None:
        self._model.set_paths([Path(p) for p in paths])
        self.scrollToTop()

    def paths(self) -> list[Path]:
        return self._model.paths()

    def current_path(self) -> str | None:
        index = self.currentIndex()
        return self._model.data(index, PATH_ROLE) if index.isValid() else None

    def select_path(self, path: str | Path) -> bool:
        """Select ``path`` without emitting sigImageChosen (e.g. to follow the viewer)."""
        row = self._model.row_of(path)
        if row is None:
            return False
        self._quiet = True
        try:
            self._select_row(row)
        finally:
            self._quiet = False
        return True

    def select_next(self) -> bool:
        """Select the next image (the first if none is selected); False at the end."""
        return self._step(1)

    def select_previous(self) -> bool:
        """Select the previous image (the last if none is selected); False at the start."""
        return self._step(-1)

    def pending_count(self) -> int:
        return self._model.pending_count()

    def shutdown(self) -> None:
        """Stop loading thumbnails (queued ones dropped, running ones awaited)."""
        self._model.shutdown()

    def _step(self, delta: int) -> bool:
        count = self._model.rowCount()
        if count == 0:
            return False
        current = self.currentIndex()
        if not current.isValid() or not self.selectionModel().isSelected(current):
            row = 0 if delta > 0 else count - 1
        else:
            row = current.row() + delta
            if not 0 <= row < count:
                return False
        self._select_row(row)
        return True

    def _select_row(self, row: int) -> None:
        index = self._model.index(row)
        self.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.scrollTo(index)

    def _on_selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes and not self._quiet:
            self.sigImageChosen.emit(self._model.data(indexes[0], PATH_ROLE))
