"""No silent crash: an uncaught exception, in the GUI thread or any other, is logged with its
traceback and shown in a dialog with the message and a "Copy details" button."""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget

from imgstudio.core.logs import describe_exception

log = logging.getLogger("imgstudio.crash")


class ErrorDialog(QMessageBox):
    """The message, the traceback under "Show Details…", a button that copies both, and where the log is."""

    def __init__(self, message: str, details: str, log_file: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle(self.tr("Unexpected error"))
        self.setText(self.tr("Something went wrong, and the last action may not have finished."))
        where = self.tr("\n\nThe details are in the log: {0}").format(log_file) if log_file else ""
        self.setInformativeText(message + where)
        self.setDetailedText(details)
        self.details = f"{message}\n\n{details}"
        self.copy_button = QPushButton(self.tr("Copy details"))
        self.copy_button.setToolTip(self.tr("Copy the message and the traceback, to paste into a report"))
        self.addButton(self.copy_button, QMessageBox.ButtonRole.ActionRole)
        self.copy_button.clicked.disconnect()  # an action button would close the box
        self.copy_button.clicked.connect(self.copy_details)
        self.addButton(QMessageBox.StandardButton.Close)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def copy_details(self) -> None:
        QApplication.clipboard().setText(self.details)
        self.copy_button.setText(self.tr("Copied"))


class CrashReporter(QObject):
    """Installs itself as ``sys.excepthook`` and ``threading.excepthook``; dialogs open in the
    GUI thread (a signal carries errors from other threads), one at a time."""

    _sigError = Signal(str, str)

    def __init__(self, log_file: Path | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_file = log_file
        self.dialog: ErrorDialog | None = None
        self.reported: list[str] = []
        self._sigError.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self._previous = (sys.excepthook, threading.excepthook)

    def install(self) -> None:
        sys.excepthook = self.handle
        threading.excepthook = lambda args: self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    def uninstall(self) -> None:
        sys.excepthook, threading.excepthook = self._previous

    def handle(self, exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None) -> None:
        if exc_type is KeyboardInterrupt or exc is None:
            return
        message, details = describe_exception(exc_type, exc, tb)
        log.error("uncaught exception: %s\n%s", message, details)
        self._sigError.emit(message, details)

    @Slot(str, str)
    def _show(self, message: str, details: str) -> None:
        self.reported.append(message)
        if self.dialog is not None and self.dialog.isVisible():
            return  # one dialog at a time; every error is in the log
        self.dialog = ErrorDialog(message, details, self.log_file, QApplication.activeWindow())
        self.dialog.setModal(True)
        self.dialog.show()
