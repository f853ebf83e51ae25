"""About imgstudio: the versions of everything it runs on, and the compute device."""

from __future__ import annotations

import platform
import sys
from typing import ClassVar

import cv2
import numpy as np
import pyqtgraph
from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, qVersion
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from imgstudio import __version__
from imgstudio.core.logs import log_path
from imgstudio.ui.workers import JobRunner


def _torch_versions(_ctx: object) -> dict[str, str]:
    from imgstudio.core.ml.device import torch_versions

    return torch_versions()


class AboutDialog(QDialog):
    """Shows at once; torch's rows fill in from a worker (importing torch takes a moment)."""

    TORCH_ROWS = ("torch", "torchvision", "CUDA build", "device", "devices")
    ROW_NAMES: ClassVar[dict[str, str]] = {
        "CUDA build": QT_TRANSLATE_NOOP("AboutDialog", "CUDA build"),
        "device": QT_TRANSLATE_NOOP("AboutDialog", "device"),
        "devices": QT_TRANSLATE_NOOP("AboutDialog", "devices"),
        "log file": QT_TRANSLATE_NOOP("AboutDialog", "log file"),
    }
    """Rows whose name is translated; the others are product names. Rows are found by key."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About imgstudio"))
        title = QLabel(
            self.tr("<h2>imgstudio {0}</h2><p>Image data processing and analysis with neural networks.</p>").format(
                __version__
            )
        )
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("Component"), self.tr("Version")])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        rows = {
            "imgstudio": __version__,
            "Python": f"{platform.python_version()} ({sys.platform})",
            "Qt": qVersion(),
            "Qt for Python": pyside_version,
            "OpenCV": cv2.__version__,
            "NumPy": np.__version__,
            "pyqtgraph": pyqtgraph.__version__,
            **{key: self.tr("loading…") for key in self.TORCH_ROWS},
            "log file": str(log_path()),
        }
        for key, value in rows.items():
            self._set_row(key, value)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = buttons.addButton(self.tr("Copy"), QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setToolTip(self.tr("Copy these versions, to paste into a report"))
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(560, 460)
        self.table.resizeColumnToContents(0)
        self.job = JobRunner(_torch_versions, self)
        self.job.sigResult.connect(lambda versions: [self._set_row(k, v) for k, v in versions.items()])
        self.job.sigError.connect(lambda message: self._set_row("torch", self.tr("unavailable: {0}").format(message)))
        self.job.start()

    def _row_of(self, key: str) -> int | None:
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).data(Qt.ItemDataRole.UserRole) == key:
                return row
        return None

    def _set_row(self, key: str, value: str) -> None:
        row = self._row_of(key)
        if row is None:
            row = self.table.rowCount()
            self.table.insertRow(row)
            name = QTableWidgetItem(self.tr(self.ROW_NAMES[key]) if key in self.ROW_NAMES else key)
            name.setData(Qt.ItemDataRole.UserRole, key)
            self.table.setItem(row, 0, name)
        self.table.setItem(row, 1, QTableWidgetItem(value))

    def value(self, key: str) -> str:
        """The version shown for ``key`` (the untranslated row name, e.g. "OpenCV", "device")."""
        row = self._row_of(key)
        return self.table.item(row, 1).text() if row is not None else ""

    def copy(self) -> None:
        lines = [
            f"{self.table.item(r, 0).text()}: {self.table.item(r, 1).text()}" for r in range(self.table.rowCount())
        ]
        QApplication.clipboard().setText("\n".join(lines))

    def done(self, result: int) -> None:
        self.job.wait()
        super().done(result)
