"""The welcome dialog: once at the first start, from Help → Welcome…, and its three ways out."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from imgstudio.app import show_welcome_on_first_start
from imgstudio.ui.dialogs.welcome_dialog import WelcomeDialog


@pytest.fixture(autouse=True)
def runs_home(tmp_path, monkeypatch):
    monkeypatch.setenv("IMGSTUDIO_HOME", str(tmp_path / "home"))  # the Train tab lists runs when shown


def shown_dialogs(window) -> list[WelcomeDialog]:
    return [d for d in window.findChildren(WelcomeDialog) if d.isVisible()]


def test_a_window_built_directly_shows_no_welcome(window):
    assert window.findChildren(WelcomeDialog) == []


def test_the_demo_button_fills_in_the_train_tab_without_starting(qtbot, window):
    dialog = window.show_welcome()
    qtbot.mouseClick(dialog.demo_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and window.tabs.currentWidget() is window.train
    config = window.train.form.config()
    assert (config.model, config.data, config.image_size) == ("article-cnn", "synthetic:shapes", 64)
    assert not window.train.is_running()
    assert "press Start" in window.statusBar().currentMessage()


def test_open_an_image_shows_the_preprocess_tab_and_the_open_dialog(qtbot, window, monkeypatch):
    asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: asked.append(args) or ("", ""))
    window.tabs.setCurrentWidget(window.classify)
    dialog = window.show_welcome()
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and window.tabs.currentWidget() is window.preprocess and not dialog.isVisible()


def test_close_changes_nothing(qtbot, window):
    dialog = window.show_welcome()
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and window.tabs.currentWidget() is window.preprocess


def test_the_first_start_shows_it_once(window):
    assert window.settings.welcome_shown is False
    dialog = show_welcome_on_first_start(window)
    assert dialog is not None and dialog.isVisible()
    assert window.settings.welcome_shown is True and window.backend.value("welcome_shown") is True
    assert not dialog.show_at_start.isChecked()
    dialog.close()
    assert show_welcome_on_first_start(window) is None and shown_dialogs(window) == []


def test_not_shown_at_start_when_already_shown(window):
    window.settings.welcome_shown = True
    assert show_welcome_on_first_start(window) is None
    assert window.findChildren(WelcomeDialog) == []


def test_help_welcome_opens_it_and_show_at_start_up_is_remembered(window):
    window.settings.welcome_shown = True
    action = next(a for a in window.menuBar().actions()[-1].menu().actions() if a.text() == "Welcome…")
    action.trigger()
    [dialog] = shown_dialogs(window)
    assert not dialog.show_at_start.isChecked()
    dialog.show_at_start.setChecked(True)
    assert window.settings.welcome_at_start is True and window.backend.value("welcome_at_start") is True
    dialog.close()
    for _start in range(2):  # ticked: it opens at every start, still ticked
        again = show_welcome_on_first_start(window)
        assert again is not None and again.show_at_start.isChecked()
        again.close()
    again.show_at_start.setChecked(False)
    assert show_welcome_on_first_start(window) is None
