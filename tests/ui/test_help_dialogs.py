"""Help → Keyboard shortcuts and About: what they list comes from the real window."""

from __future__ import annotations

import cv2
import torch
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def test_shortcuts_dialog_lists_the_windows_actions_and_filters(qtbot, window):
    dialog = window.show_shortcuts()
    qtbot.addWidget(dialog)
    rows = dict(dialog.visible_rows())
    assert rows["Go to Train"] == "Ctrl+2" and rows["Go to Recognise"] == "Ctrl+4" and rows["Go to Explain"] == "Ctrl+6"
    assert "Quit" in rows and "Keyboard shortcuts" in rows
    assert all(key for key in rows.values())
    dialog.filter_edit.setText("go to")
    filtered = dialog.visible_rows()
    assert filtered and all(what.startswith("Go to") for what, _ in filtered)


def test_go_to_tab_shortcuts_switch_tabs(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.classify
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.preprocess


def test_about_shows_versions_and_fills_in_torch_and_the_device(qtbot, window):
    dialog = window.show_about()
    qtbot.addWidget(dialog)
    assert dialog.value("OpenCV") == cv2.__version__
    qtbot.waitUntil(lambda: dialog.value("torch") == torch.__version__, timeout=30_000)
    assert dialog.value("device").startswith(("cpu", "cuda", "mps"))
    dialog.copy()
    copied = QApplication.clipboard().text()
    assert f"torch: {torch.__version__}" in copied and "OpenCV: " in copied
    dialog.close()
