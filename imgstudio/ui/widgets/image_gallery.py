"""A grid of captioned thumbnails (lazily decoded, like the thumbnail strip) and a dialog
that shows one image larger.

The gallery reuses :class:`~imgstudio.ui.widgets.thumbnail_strip.ThumbnailModel` (thread
pool, LRU cache, placeholder and broken icons); it only adds a caption per image.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QDialog, QLabel, QListView, QVBoxLayout, QWidget

from imgstudio.core.io import read_image, to_uint8
from imgstudio.ui.widgets.image_view import ImageView
from imgstudio.ui.widgets.thumbnail_strip import DEFAULT_CACHE_SIZE, PATH_ROLE, ThumbnailModel
from imgstudio.ui.workers import JobRunner

CAPTION_ROLE = Qt.ItemDataRole.UserRole + 2
"""Model role holding an item's caption as ``str``."""


class CaptionedThumbnailModel(ThumbnailModel):
    """:class:`ThumbnailModel` whose items show a caption instead of the file name."""

    def __init__(self, thumbnail_size: int, max_pixels: int | None = None, parent: QObject | None = None) -> None:
        super().__init__(thumbnail_size, DEFAULT_CACHE_SIZE, max_pixels, parent)
        self._captions: list[str] = []

    def set_items(self, items: list[tuple[str, str]]) -> None:
        """Show (path, caption) pairs; an empty caption shows the file name."""
        self._captions = [caption or Path(path).name for path, caption in items]
        self.set_paths([Path(path) for path, _ in items])

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._captions):
            return super().data(index, role)
        if role in (Qt.ItemDataRole.DisplayRole, CAPTION_ROLE):
            return self._captions[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{self._captions[index.row()]}\n{super().data(index, role)}"
        return super().data(index, role)


class ImageGallery(QListView):
    """Wrapping grid of thumbnails with captions; ``sigOpenImage(path)`` on double-click or Enter."""

    sigOpenImage = Signal(str)

    def __init__(
        self, parent: QWidget | None = None, *, thumbnail_size: int = 96, max_pixels: int | None = None
    ) -> None:
        super().__init__(parent)
        self._model = CaptionedThumbnailModel(thumbnail_size, max_pixels, self)
        self.setModel(self._model)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setWrapping(True)
        self.setUniformItemSizes(True)  # otherwise the view asks every item for its icon
        self.setWordWrap(True)
        self.setIconSize(QSize(thumbnail_size, thumbnail_size))
        text_height = 2 * self.fontMetrics().height()
        self.setGridSize(QSize(thumbnail_size + 48, thumbnail_size + text_height + 10))
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setToolTip(self.tr("Double-click an image to see it larger"))
        self.doubleClicked.connect(self._on_activated)

    def set_items(self, items: list[tuple[str, str]]) -> None:
        """Show (path, caption) pairs."""
        self._model.set_items([(str(p), c) for p, c in items])
        self.scrollToTop()

    def clear(self) -> None:
        self.set_items([])

    def paths(self) -> list[str]:
        return [str(p) for p in self._model.paths()]

    def captions(self) -> list[str]:
        return [self._model.data(self._model.index(r), CAPTION_ROLE) for r in range(self._model.rowCount())]

    def thumbnail_model(self) -> CaptionedThumbnailModel:
        return self._model

    def current_path(self) -> str | None:
        """The selected image, if any."""
        index = self.currentIndex()
        return str(self._model.data(index, PATH_ROLE)) if index.isValid() else None

    def open_row(self, row: int) -> None:
        """Ask to open the image of ``row`` (what a double-click does)."""
        self._on_activated(self._model.index(row))

    def shutdown(self) -> None:
        """Stop decoding thumbnails (call before the window closes)."""
        self._model.shutdown()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._on_activated(self.currentIndex())
            return
        super().keyPressEvent(event)

    def _on_activated(self, index: QModelIndex | QPersistentModelIndex) -> None:
        if index.isValid():
            self.sigOpenImage.emit(self._model.data(index, PATH_ROLE))


class ImagePreviewDialog(QDialog):
    """One image, larger, zoomable; read in a worker so a big file never freezes the window."""

    def __init__(
        self, path: str, caption: str = "", max_pixels: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.path = path
        self.setWindowTitle(Path(path).name)
        self.resize(720, 640)
        self.view = ImageView(caption or Path(path).name)
        self.info = QLabel(self.tr("Loading {0}…").format(path))
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.info)
        self.error = ""

        def load(_ctx: object) -> tuple[Any, Any]:
            img, info = read_image(path, max_pixels=max_pixels)
            return img, (to_uint8(img), info)

        self.job = JobRunner(load, self)
        self.job.sigResult.connect(self._on_loaded)
        self.job.sigError.connect(self._on_error)
        self.job.start()

    def _on_loaded(self, result: tuple[Any, Any]) -> None:
        img, (shown, info) = result
        self.view.set_image(img, shown=shown)
        self.info.setText(
            self.tr("{0} — {1}×{2}, {3} ch, {4}").format(self.path, info.width, info.height, info.channels, info.format)
        )

    def _on_error(self, message: str) -> None:
        self.error = message
        self.info.setText(self.tr("Cannot show {0}: {1}").format(self.path, message))

    def done(self, result: int) -> None:
        self.job.cancel()
        self.job.wait()
        super().done(result)
