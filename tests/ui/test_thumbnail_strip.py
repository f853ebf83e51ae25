"""ThumbnailStrip: names, lazy thumbnails, broken files, selection signals, shutdown."""

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from imgstudio.core.io import write_image
from imgstudio.ui.widgets.thumbnail_strip import PATH_ROLE, ThumbnailStrip

COLOURS = {"a_red.png": (255, 0, 0), "b_green.jpg": (0, 255, 0), "c_blue.png": (0, 0, 255)}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    src = tmp_path / "imgs"
    for name, colour in COLOURS.items():
        write_image(src / name, np.full((60, 80, 3), colour, dtype=np.uint8))
    (src / "d_broken.png").write_bytes(b"this is not an image")
    (src / "notes.txt").write_text("not listed")
    return src


@pytest.fixture
def strip(qtbot) -> ThumbnailStrip:
    widget = ThumbnailStrip()
    qtbot.addWidget(widget)
    widget.resize(240, 600)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.shutdown()


def _index(strip: ThumbnailStrip, row: int):
    return strip.model().index(row, 0)


def _centre_colour(strip: ThumbnailStrip, row: int) -> QColor:
    icon = strip.model().data(_index(strip, row), Qt.ItemDataRole.DecorationRole)
    image = icon.pixmap(strip.iconSize()).toImage()
    return image.pixelColor(image.width() // 2, image.height() // 2)


def test_folder_shows_names_thumbnails_and_broken_reason(qtbot, strip, folder):
    assert strip.set_folder(folder) == 4
    model = strip.model()
    names = [model.data(_index(strip, r), Qt.ItemDataRole.DisplayRole) for r in range(model.rowCount())]
    assert names == ["a_red.png", "b_green.jpg", "c_blue.png", "d_broken.png"]
    assert strip.paths() == [folder / n for n in names]

    qtbot.waitUntil(lambda: strip.loads_started >= 4 and strip.pending_count() == 0)
    for row, colour in enumerate(COLOURS.values()):
        got = _centre_colour(strip, row)
        assert max(abs(got.red() - colour[0]), abs(got.green() - colour[1]), abs(got.blue() - colour[2])) < 12
        assert model.data(_index(strip, row), Qt.ItemDataRole.ToolTipRole) == str(strip.paths()[row])

    broken = _index(strip, 3)
    tooltip = model.data(broken, Qt.ItemDataRole.ToolTipRole)
    assert str(folder / "d_broken.png") in tooltip
    assert "not an image file" in tooltip
    icon = model.data(broken, Qt.ItemDataRole.DecorationRole)
    assert icon.cacheKey() == strip.thumbnail_model().broken_icon.cacheKey()
    # Each file was decoded once: repaints after loading hit the cache.
    assert strip.loads_started == 4


def test_click_and_keys_emit_the_chosen_path(qtbot, strip, folder):
    strip.set_folder(folder)
    paths = [str(p) for p in strip.paths()]
    rect = strip.visualRect(_index(strip, 1))
    with qtbot.waitSignal(strip.sigImageChosen) as chosen:
        qtbot.mouseClick(strip.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert chosen.args == [paths[1]]

    with qtbot.waitSignal(strip.sigImageChosen) as chosen:
        qtbot.keyClick(strip, Qt.Key.Key_Down)
    assert chosen.args == [paths[2]]

    with qtbot.waitSignal(strip.sigImageChosen) as chosen:
        assert strip.select_previous()
    assert chosen.args == [paths[1]]

    with qtbot.assertNotEmitted(strip.sigImageChosen):
        assert strip.select_path(paths[3])
    assert strip.current_path() == paths[3]
    assert not strip.select_next()  # already the last one
    assert not strip.select_path(folder / "missing.png")


@pytest.mark.parametrize("grid", [False, True], ids=["strip", "grid"])
def test_ten_thousand_paths_load_only_visible_rows(qtbot, tmp_path, grid):
    strip = ThumbnailStrip(grid=grid)
    qtbot.addWidget(strip)
    strip.resize(300, 300)
    strip.show()
    qtbot.waitExposed(strip)
    paths = [tmp_path / f"img_{i:05d}.png" for i in range(10_000)]
    strip.set_paths(paths)
    assert strip.model().rowCount() == 10_000

    qtbot.waitUntil(lambda: strip.loads_started > 0 and strip.pending_count() == 0)
    assert strip.loads_started < 200
    first = strip.model().data(_index(strip, 0), Qt.ItemDataRole.ToolTipRole)
    assert "file not found" in first

    strip.scrollToBottom()
    last = _index(strip, 9_999)
    qtbot.waitUntil(lambda: "file not found" in strip.model().data(last, Qt.ItemDataRole.ToolTipRole))
    assert strip.loads_started < 400
    assert strip.model().data(last, PATH_ROLE) == str(paths[-1])
    strip.shutdown()


def test_shutdown_with_loads_pending(qtbot, strip, tmp_path):
    # Large, well-compressed PNGs: small files that take a while to decode.
    ramp = np.tile(np.arange(2000, dtype=np.uint16)[None, :] % 256, (2000, 1)).astype(np.uint8)
    first = write_image(tmp_path / "big_000.png", np.dstack([ramp, ramp.T, ramp]))
    paths = [first]
    for i in range(1, 40):
        paths.append(tmp_path / f"big_{i:03d}.png")
        paths[-1].write_bytes(first.read_bytes())
    strip.set_paths(paths)
    model = strip.model()
    for row in range(model.rowCount()):  # what a tall view would ask for
        model.data(_index(strip, row), Qt.ItemDataRole.DecorationRole)
    assert strip.loads_started == 40
    assert strip.pending_count() > 0  # results only arrive through the event loop

    strip.shutdown()
    assert strip.pending_count() == 0
    assert strip.thumbnail_model()._pool.activeThreadCount() == 0
    QApplication.processEvents()  # deliver whatever the finished tasks had queued
    # After shutdown nothing new is decoded, whatever the view asks.
    before = strip.loads_started
    strip.set_paths(paths[::-1])
    for row in range(model.rowCount()):
        model.data(_index(strip, row), Qt.ItemDataRole.DecorationRole)
    assert strip.loads_started == before
    strip.close()
