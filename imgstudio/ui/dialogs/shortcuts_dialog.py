"""Help → Keyboard shortcuts: every shortcut the window has, read from its actions."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def collect_shortcuts(window: QWidget) -> list[tuple[str, str]]:
    """(what it does, key) for every action and QShortcut under ``window`` that has a key,
    sorted by description; a QShortcut describes itself with ``whatsThis``."""
    found: dict[tuple[str, str], None] = {}
    for action in window.findChildren(QAction):
        for key in action.shortcuts():
            if not key.isEmpty() and action.text():
                found[(_plain(action.text()), key.toString(QKeySequence.SequenceFormat.NativeText))] = None
    for shortcut in window.findChildren(QShortcut):
        if not shortcut.key().isEmpty() and shortcut.whatsThis():
            found[(shortcut.whatsThis(), shortcut.key().toString(QKeySequence.SequenceFormat.NativeText))] = None
    return sorted(found, key=lambda item: item[0].lower())


class ShortcutsDialog(QDialog):
    """A filterable table of the shortcuts."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setToolTip(self.tr("Show only the shortcuts whose action or key contains this text"))
        self.filter_edit.textChanged.connect(self._filter)
        rows = collect_shortcuts(window)
        self.table = QTableWidget(len(rows), 2)
        self.table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Shortcut")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        for row, (what, key) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(what))
            self.table.setItem(row, 1, QTableWidgetItem(key))
        self.table.resizeColumnToContents(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(520, 560)

    def _filter(self, text: str) -> None:
        needle = text.lower()
        for row in range(self.table.rowCount()):
            cells = (self.table.item(row, 0).text(), self.table.item(row, 1).text())
            self.table.setRowHidden(row, bool(needle) and not any(needle in c.lower() for c in cells))

    def visible_rows(self) -> list[tuple[str, str]]:
        return [
            (self.table.item(r, 0).text(), self.table.item(r, 1).text())
            for r in range(self.table.rowCount())
            if not self.table.isRowHidden(r)
        ]
