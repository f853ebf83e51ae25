"""Light and dark themes: Preferences shows a choice at once and stores it; "system" follows the desktop."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QWidget

from imgstudio.core.settings import Settings
from imgstudio.ui import theme
from imgstudio.ui.dialogs.preferences_dialog import PreferencesDialog


@pytest.fixture(autouse=True)
def back_to_the_system_theme(qapp):
    yield
    theme.apply_theme(qapp, "system")


def window_lightness() -> int:
    return QApplication.palette().color(QPalette.ColorRole.Window).lightness()


def choose(qtbot, settings: Settings, name: str) -> PreferencesDialog:
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findData(name))
    return dialog


def test_dark_in_preferences_shows_at_once_and_is_stored(qtbot):
    settings = Settings()
    dialog = choose(qtbot, settings, "dark")
    assert window_lightness() < 100
    dialog.accept()
    assert settings.theme == "dark" and window_lightness() < 100


def test_light_in_preferences_gives_light_colours(qtbot, qapp):
    theme.apply_theme(qapp, "dark")
    settings = Settings(theme="dark")
    dialog = choose(qtbot, settings, "light")
    dialog.accept()
    assert settings.theme == "light" and window_lightness() > 200


def test_cancel_restores_the_previous_theme(qtbot):
    settings = Settings()
    dialog = choose(qtbot, settings, "dark")
    dialog.reject()
    assert settings.theme == "system" and window_lightness() > 200


def test_system_follows_the_desktops_scheme_and_its_changes(qapp, monkeypatch):
    desktop = {"scheme": Qt.ColorScheme.Dark}
    monkeypatch.setattr(theme, "system_color_scheme", lambda _app: desktop["scheme"])
    assert theme.apply_theme(qapp, "system") == Qt.ColorScheme.Dark
    assert window_lightness() < 100
    desktop["scheme"] = Qt.ColorScheme.Light
    qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert window_lightness() > 200


def test_an_explicit_choice_ignores_the_desktop_and_unknown_names_mean_system(qapp, monkeypatch):
    monkeypatch.setattr(theme, "system_color_scheme", lambda _app: Qt.ColorScheme.Dark)
    theme.apply_theme(qapp, "light")
    qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert window_lightness() > 200
    assert theme.apply_theme(qapp, "purple") == Qt.ColorScheme.Dark and theme.current_theme() == "system"


def test_dark_ink_icons_turn_light_on_a_dark_palette_even_when_shown_before(qtbot, qapp):
    theme.apply_theme(qapp, "light")
    holder = QWidget()
    qtbot.addWidget(holder)
    play = QAction(qapp.style().standardIcon(QStyle.StandardPixmap.SP_MediaPlay), "Play", holder)

    def ink() -> int:
        image = play.icon().pixmap(32).toImage()
        return max(image.pixelColor(x, 16).lightness() for x in range(32) if image.pixelColor(x, 16).alpha() > 200)

    assert ink() < 100
    theme.apply_theme(qapp, "dark")
    assert ink() > 150
    theme.apply_theme(qapp, "light")
    assert ink() < 100
