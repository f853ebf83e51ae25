"""The window remembers its tab and every tab's splitter positions; a bad stored value is ignored."""

from __future__ import annotations

import json

import pytest

from imgstudio.core.settings import MemoryBackend, Settings
from imgstudio.ui.main_window import MainWindow
from imgstudio.ui.window_state import stored_sizes


@pytest.fixture(autouse=True)
def runs_home(tmp_path, monkeypatch):
    monkeypatch.setenv("IMGSTUDIO_HOME", str(tmp_path / "home"))


def open_window(qtbot, backend: MemoryBackend) -> MainWindow:
    window = MainWindow(Settings.load(backend), backend)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def proportions(sizes: list[int]) -> list[float]:
    return [size / sum(sizes) for size in sizes]


def test_splitters_and_the_tab_come_back_after_a_restart(qtbot, warnings):
    backend = MemoryBackend()
    first = open_window(qtbot, backend)
    splitter = first.preprocess.splitter
    total = sum(splitter.sizes())
    splitter.setSizes([0, total - 700, 700])
    moved = splitter.sizes()
    first.tabs.setCurrentWidget(first.classify)
    first.close()
    assert "PreprocessTab/0" in json.loads(backend.value("splitter_states")) and backend.value("window_geometry")
    del backend.data["window_geometry"]  # offscreen, restoreGeometry fits the window to an 800×600 screen

    second = open_window(qtbot, backend)
    assert second.tabs.currentWidget() is second.classify
    second.tabs.setCurrentWidget(second.preprocess)  # a hidden tab is laid out when it shows
    qtbot.waitUntil(lambda: second.preprocess.splitter.isVisible())
    restored = second.preprocess.splitter.sizes()
    assert proportions(restored) == pytest.approx(proportions(moved), abs=0.02)
    second.preprocess.strip.show()  # hidden when saved: it must not stay collapsed
    qtbot.waitUntil(lambda: second.preprocess.splitter.sizes()[0] > 50)
    second.close()


@pytest.mark.parametrize(
    "stored",
    [
        "{not json",
        "[1, 2]",
        json.dumps({"PreprocessTab/0": "!!not base64!!", "PreprocessTab/1": "Z2FyYmFnZQ==", "TrainTab/0": 7}),
    ],
)
def test_a_malformed_stored_layout_is_ignored(qtbot, warnings, stored):
    plain = open_window(qtbot, MemoryBackend())
    backend = MemoryBackend()
    for key, value in (("splitter_states", stored), ("window_geometry", "%%%"), ("current_tab", 99)):
        backend.set_value(key, value)
    window = open_window(qtbot, backend)
    assert window.preprocess.splitter.sizes() == plain.preprocess.splitter.sizes()
    assert window.tabs.currentIndex() == 0
    plain.close()
    window.close()


def test_stored_sizes_reads_a_splitter_state_and_refuses_other_bytes(qtbot, warnings):
    window = open_window(qtbot, MemoryBackend())
    splitter = window.preprocess.splitter
    splitter.setSizes([0, 900, 536])
    assert stored_sizes(splitter.saveState()) == splitter.sizes() == [0, 900, 536]
    assert stored_sizes(window.saveGeometry()) is None
    window.close()


def test_an_image_given_at_start_is_shown_whatever_tab_was_open_last(qtbot, warnings, monkeypatch, sample_path):
    from imgstudio.app import create_main_window

    monkeypatch.setattr(Settings, "load", classmethod(lambda cls, _backend: cls(current_tab=2)))
    remembered = create_main_window(None, use_qsettings=False)
    qtbot.addWidget(remembered)
    assert remembered.tabs.currentIndex() == 2  # no path: the tab of last time
    given = create_main_window(sample_path, use_qsettings=False)
    qtbot.addWidget(given)
    assert given.tabs.currentWidget() is given.preprocess
