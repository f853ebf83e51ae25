"""UI fixtures: a main window on the built-in sample, and captured message boxes."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from imgstudio.app import SAMPLE_IMAGE, create_main_window


@pytest.fixture
def warnings(monkeypatch) -> list[tuple[str, str]]:
    """Message boxes would block offscreen: record (title, text) instead."""
    seen: list[tuple[str, str]] = []

    def fake_warning(_parent, title, text, *args, **kwargs):
        seen.append((title, text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", fake_warning)
    return seen


@pytest.fixture
def window(qtbot, warnings):
    win = create_main_window(None, use_qsettings=False)
    qtbot.addWidget(win)
    win.show()
    tab = win.preprocess
    qtbot.waitUntil(lambda: tab.loaded is not None and tab.result is not None, timeout=20_000)
    yield win
    win.close()


@pytest.fixture
def sample_path() -> str:
    return str(SAMPLE_IMAGE)
