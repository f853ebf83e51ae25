"""Application start-up: QApplication, settings, main window. Nothing heavy at import
time: torch is imported only when an ML feature is first used."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from imgstudio.ui.dialogs.welcome_dialog import WelcomeDialog
    from imgstudio.ui.main_window import MainWindow

SAMPLES = Path(__file__).parent / "resources" / "samples"
SAMPLE_IMAGE = SAMPLES / "landscape.jpg"


def create_main_window(path: str | None = None, *, use_qsettings: bool = True):
    """Build the main window (a QApplication must exist) and open ``path`` or the sample."""
    from imgstudio.core.settings import MemoryBackend, Settings
    from imgstudio.ui.main_window import MainWindow
    from imgstudio.ui.qt_settings import QSettingsBackend

    backend = QSettingsBackend() if use_qsettings else MemoryBackend()
    settings = Settings.load(backend)
    window = MainWindow(settings, backend)
    target = path or (str(SAMPLE_IMAGE) if SAMPLE_IMAGE.exists() else None)
    if target:
        window.preprocess.open_path(target)
    if path:  # what the user asked to open is shown, whichever tab was open last time
        window.tabs.setCurrentWidget(window.preprocess)
    return window


def show_welcome_on_first_start(window: MainWindow) -> WelcomeDialog | None:
    """Show the welcome dialog if it never was (or the user asked to see it at start-up)."""
    if window.settings.welcome_shown and not window.settings.welcome_at_start:
        return None
    window.settings.welcome_shown = True
    if window.backend is not None:
        window.backend.set_value("welcome_shown", True)
    return window.show_welcome()


def run_gui(path: str | None = None) -> int:
    """Start the desktop application; returns the exit code."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from imgstudio.core.logs import setup_logging
    from imgstudio.core.settings import Settings
    from imgstudio.ui.crash import CrashReporter
    from imgstudio.ui.language import choose_language, install_translator
    from imgstudio.ui.qt_settings import QSettingsBackend
    from imgstudio.ui.theme import apply_theme

    log_file = setup_logging(logging.INFO)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("imgstudio")
    app.setApplicationName("imgstudio")
    settings = Settings.load(QSettingsBackend())
    install_translator(app, choose_language(settings.language))  # before any widget
    apply_theme(app, settings.theme)
    reporter = CrashReporter(log_file, app)
    reporter.install()
    window = create_main_window(path)
    window.show()
    show_welcome_on_first_start(window)
    if os.environ.get("IMGSTUDIO_EXIT_WHEN_SHOWN"):  # packaging/measure_bundle.py times the start with this
        QTimer.singleShot(0, lambda: (print("imgstudio: window shown", flush=True), app.quit()))
    try:
        return app.exec()
    finally:
        reporter.uninstall()
