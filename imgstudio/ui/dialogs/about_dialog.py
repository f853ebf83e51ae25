"""About imgstudio: the versions of everything it runs on, and the compute device."""

from __future__ import annotations

import platform
import sys

import cv2
import numpy as np
import pyqtgraph
from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
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
            self.tr("log file"): str(log_path()),
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

    def _set_row(self, key: str, value: str) -> None:
        found = self.table.findItems(key, Qt.MatchFlag.MatchExactly)
        row = found[0].row() if found and found[0].column() == 0 else self.table.rowCount()
        if row == self.table.rowCount():
            self.table.insertRow(row)
            self.table.setItem(row, 0, QTableWidgetItem(key))
        self.table.setItem(row, 1, QTableWidgetItem(value))

    def value(self, key: str) -> str:
        found = [item for item in self.table.findItems(key, Qt.MatchFlag.MatchExactly) if item.column() == 0]
        return self.table.item(found[0].row(), 1).text() if found else ""

    def copy(self) -> None:
        lines = [
            f"{self.table.item(r, 0).text()}: {self.table.item(r, 1).text()}" for r in range(self.table.rowCount())
        ]
        QApplication.clipboard().setText("\n".join(lines))

    def done(self, result: int) -> None:
        self.job.wait()
        super().done(result)
