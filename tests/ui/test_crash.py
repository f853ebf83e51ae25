"""Uncaught exceptions: logged with the traceback, shown in a dialog with "Copy details"."""

from __future__ import annotations

import logging
import sys
import threading

import pytest
from PySide6.QtWidgets import QApplication

from imgstudio.core.logs import log_path, setup_logging
from imgstudio.ui.crash import CrashReporter


@pytest.fixture
def reporter(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("IMGSTUDIO_DATA_DIR", str(tmp_path / "data"))
    root = logging.getLogger()
    before = list(root.handlers)
    log_file = setup_logging()
    r = CrashReporter(log_file)
    r.install()
    yield r
    r.uninstall()
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()
    if r.dialog is not None:
        r.dialog.close()


def fail_in_gui_thread() -> None:
    try:
        raise ValueError("the histogram has no bins\nsecond line")
    except ValueError:
        sys.excepthook(*sys.exc_info())


def test_an_uncaught_error_is_logged_and_shown_with_copyable_details(qtbot, reporter):
    fail_in_gui_thread()
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    dialog = reporter.dialog
    assert reporter.reported == ["ValueError: the histogram has no bins"]
    assert "ValueError: the histogram has no bins" in dialog.informativeText()
    assert str(log_path()) in dialog.informativeText()
    assert "fail_in_gui_thread" in dialog.detailedText()  # the traceback
    dialog.copy_button.click()
    assert dialog.isVisible()  # copying does not close the dialog
    clipboard = QApplication.clipboard().text()
    assert clipboard.startswith("ValueError: the histogram has no bins") and "Traceback" in clipboard
    logged = log_path().read_text(encoding="utf-8")
    assert "uncaught exception: ValueError: the histogram has no bins" in logged and "fail_in_gui_thread" in logged


def test_an_error_in_another_thread_reaches_the_gui_thread_once_per_dialog(qtbot, reporter):
    def work() -> None:
        raise RuntimeError("worker died")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    assert reporter.reported == ["RuntimeError: worker died"]
    fail_in_gui_thread()  # a second error while the dialog is open: logged, no second dialog
    qtbot.waitUntil(lambda: len(reporter.reported) == 2)
    assert "worker died" in reporter.dialog.informativeText()
    assert "the histogram has no bins" in log_path().read_text(encoding="utf-8")


def test_an_unwritable_data_folder_leaves_logging_to_stderr(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("IMGSTUDIO_DATA_DIR", str(blocker))
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        assert setup_logging() is None
    finally:
        for handler in root.handlers[:]:
            if handler not in before:
                root.removeHandler(handler)


def test_without_a_console_the_log_still_goes_to_the_file(tmp_path, monkeypatch):
    monkeypatch.setenv("IMGSTUDIO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(sys, "stderr", None)  # a windowed build on Windows has no stderr
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        path = setup_logging()
        logging.getLogger("imgstudio.test").warning("no console here")
        for handler in root.handlers:
            handler.flush()
        assert path is not None and "no console here" in path.read_text(encoding="utf-8")
    finally:
        for handler in root.handlers[:]:
            if handler not in before:
                root.removeHandler(handler)
                handler.close()
