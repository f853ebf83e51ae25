"""How a tab or page tells the user something went wrong: the status bar and a warning box."""

from __future__ import annotations

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QMessageBox


class StatusWarnings:
    """Mixin for a QWidget with a ``sigStatus(str)`` signal: :meth:`_warn` says a problem both in
    the status bar (through ``sigStatus``) and in a warning box over the widget."""

    sigStatus: SignalInstance

    def _warn(self, title: str, message: str) -> None:
        self.sigStatus.emit(message)
        QMessageBox.warning(self, title, message)  # type: ignore[arg-type]  # the widget it is mixed into
