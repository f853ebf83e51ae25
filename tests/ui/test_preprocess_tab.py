"""The Preprocess tab, driven through its real widgets (offscreen)."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
from PySide6.QtCore import QMimeData, QModelIndex, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QToolButton

from imgstudio.core.io import read_image, write_image
from imgstudio.ui.widgets.param_controls import NumberControl


def wait_result(qtbot, tab, predicate, timeout=20_000):
    qtbot.waitUntil(lambda: tab.result is not None and predicate(tab.result), timeout=timeout)


def test_window_opens_the_sample_without_importing_torch():
    code = (
        "import sys; from PySide6.QtWidgets import QApplication; app = QApplication([]);"
        "from imgstudio.app import create_main_window; w = create_main_window(use_qsettings=False); w.show();"
        "app.processEvents(); print('torch' in sys.modules); w.close()"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split()[0] == "False"


def test_sample_is_shown_before_and_after(window):
    tab = window.preprocess
    assert tab.before.image is not None and tab.after.image is not None
    assert tab.after.image.shape == tab.loaded.image.shape  # empty pipeline: after == before
    assert "landscape.jpg" in tab.info_label.text()
    assert tab.histogram.curves  # histogram drawn


def test_add_rotate_drag_slider_changes_preview_and_undo(qtbot, window):
    tab = window.preprocess
    base = tab.result.output.copy()
    tab.editor.add_step("rotate")
    control = tab.editor.findChild(NumberControl, "param_angle")
    assert control is not None
    control.slider.setSliderDown(True)
    control.slider.setValue(30)  # dragging: proxy preview
    wait_result(qtbot, tab, lambda r: not r.full_resolution and r.output.shape == tab.loaded.proxy.shape)
    assert tab.pipeline.steps[0].params["angle"] == 30.0
    assert not np.array_equal(tab.result.output, tab.loaded.proxy)
    control.slider.setSliderDown(False)
    control.slider.sliderReleased.emit()  # release: full resolution
    wait_result(qtbot, tab, lambda r: r.full_resolution)
    rotated = tab.result.output
    assert rotated.shape == base.shape and not np.array_equal(rotated, base)
    assert "full resolution" in tab.after.title.text()
    # one undo step for the whole drag, then one for adding the step
    assert tab.actions["undo"].isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert tab.pipeline.steps[0].params["angle"] == 0.0
    tab.undo()
    assert tab.pipeline.steps == []
    tab.redo()
    tab.redo()
    assert tab.pipeline.steps[0].params["angle"] == 30.0
    assert tab.editor.list.count() == 1 and "angle=30" in tab.editor.list.item(0).text()


def test_disable_and_remove_steps_via_the_list(qtbot, window):
    tab = window.preprocess
    tab.editor.add_step("invert")
    wait_result(qtbot, tab, lambda r: r.output[0, 0, 0] == 255 - tab.loaded.image[0, 0, 0])
    tab.editor.list.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert tab.pipeline.steps[0].enabled is False
    wait_result(qtbot, tab, lambda r: np.array_equal(r.output, tab.loaded.image))
    tab.editor.list.setCurrentRow(0)
    qtbot.mouseClick(tab.editor.remove_button, Qt.MouseButton.LeftButton)
    assert tab.pipeline.steps == [] and tab.editor.list.count() == 0


def test_move_buttons_reorder_steps(qtbot, window):
    tab = window.preprocess
    tab.editor.add_step("flip")
    tab.editor.add_step("grayscale")
    qtbot.mouseClick(tab.editor.up_button, Qt.MouseButton.LeftButton)
    assert [s.op for s in tab.pipeline.steps] == ["grayscale", "flip"]
    tab.undo()
    assert [s.op for s in tab.pipeline.steps] == ["flip", "grayscale"]


def test_crop_by_dragging_on_the_image(qtbot, window):
    tab = window.preprocess
    tab.editor.add_step("crop")
    assert tab.before.view.drag_handler is not None
    tab._drag_crop(QPointF(100, 50), QPointF(500, 350), True)
    params = tab.pipeline.steps[0].params
    assert (params["x"], params["y"], params["width"], params["height"]) == (100, 50, 400, 300)
    wait_result(qtbot, tab, lambda r: r.full_resolution and r.output.shape[:2] == (300, 400))
    np.testing.assert_array_equal(tab.result.output, tab.loaded.image[50:350, 100:500])
    assert tab.before.outline.isVisible()


def test_translate_by_dragging(qtbot, window):
    tab = window.preprocess
    tab.editor.add_step("translate")
    tab._drag_translate(QPointF(10, 10), QPointF(40, 30), False)
    tab._drag_translate(QPointF(10, 10), QPointF(60, 20), True)
    assert (tab.pipeline.steps[0].params["dx"], tab.pipeline.steps[0].params["dy"]) == (50.0, 10.0)


def test_a_failing_step_keeps_the_last_result_and_says_why(qtbot, window):
    tab = window.preprocess
    tab.editor.add_step("crop")
    wait_result(qtbot, tab, lambda r: r.full_resolution and r.output.shape[0] < tab.loaded.image.shape[0])
    good = tab.result
    tab.editor.set_param("x", 30000)
    qtbot.waitUntil(lambda: "lies outside" in tab.after.title.text(), timeout=10_000)
    assert "step 1 (crop)" in tab.after.title.text()
    assert tab.result is good and tab.after.image is good.output  # nothing lost on screen
    tab.undo()
    qtbot.waitUntil(lambda: "lies outside" not in tab.after.title.text(), timeout=10_000)


def test_open_broken_image_warns_and_keeps_current(qtbot, window, warnings, tmp_path):
    tab = window.preprocess
    before = tab.loaded
    bad = tmp_path / "broken.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0 not really")
    job = tab.open_image(str(bad))
    qtbot.waitUntil(lambda: bool(warnings), timeout=10_000)
    job.wait()
    assert warnings[0][0] == "Cannot open image" and "broken.jpg" in warnings[0][1]
    assert tab.loaded is before


def test_pipeline_save_and_load_round_trip(qtbot, window, warnings, tmp_path):
    tab = window.preprocess
    tab.editor.add_step("resize")
    tab.editor.add_step("gaussian_blur")
    path = tmp_path / "p.json"
    assert tab.save_pipeline(str(path))
    saved = json.loads(path.read_text())
    assert saved["format"] == "imgstudio-pipeline" and [s["op"] for s in saved["steps"]] == ["resize", "gaussian_blur"]
    tab.editor.list.setCurrentRow(0)
    tab.editor.remove_selected()
    assert tab.load_pipeline(str(path))
    assert [s.op for s in tab.pipeline.steps] == ["resize", "gaussian_blur"]
    tab.undo()  # loading is one undoable edit
    assert [s.op for s in tab.pipeline.steps] == ["gaussian_blur"]


def test_loading_a_bad_pipeline_warns_and_keeps_the_current_one(window, warnings, tmp_path):
    tab = window.preprocess
    tab.editor.add_step("flip")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "imgstudio-pipeline", "version": 1, "steps": [{"op": "warp"}]}))
    assert not tab.load_pipeline(str(bad))
    assert "step 1 (warp): unknown operation" in warnings[-1][1]
    assert [s.op for s in tab.pipeline.steps] == ["flip"]


def test_save_result_writes_full_resolution_and_refuses_the_source(qtbot, window, warnings, tmp_path, rgb):
    tab = window.preprocess
    src = write_image(tmp_path / "src.png", rgb)
    tab.open_image(str(src))
    qtbot.waitUntil(lambda: tab.current_path == str(src), timeout=10_000)
    tab.editor.add_step("flip")
    out = tmp_path / "out.png"
    job = tab.save_result(str(out))
    qtbot.waitUntil(lambda: out.exists(), timeout=10_000)
    job.wait()
    np.testing.assert_array_equal(read_image(out)[0], rgb[:, ::-1])
    before = src.read_bytes()
    job = tab.save_result(str(src), overwrite=True)
    qtbot.waitUntil(lambda: bool(warnings), timeout=10_000)
    assert "refusing to overwrite the source" in warnings[-1][1]
    assert src.read_bytes() == before


def test_pixel_inspector_reports_values(window):
    tab = window.preprocess
    tab._on_hover(10.5, 20.5)
    value = tab.loaded.image[20, 10]
    assert f"x 10, y 20 — before: {value[0]} {value[1]} {value[2]}" in tab.pixel_label.text()


def test_augmentation_preview_shows_distinct_draws(qtbot, window):
    tab = window.preprocess
    tab.editor.add_step("rotate")
    tab.editor.set_param("angle", {"min": -40.0, "max": 40.0})
    dialog = tab.open_augment()
    dialog.count.setValue(6)
    qtbot.waitUntil(lambda: len(dialog.tiles) == 6, timeout=20_000)
    images = {t.pixmap().toImage().bits().tobytes() for t in dialog.tiles}
    assert len(images) >= 5
    dialog.close()


def test_open_folder_fills_the_strip_and_opens_the_first(qtbot, window, tmp_path, rgb):
    tab = window.preprocess
    for name in ("b.png", "a.png"):
        write_image(tmp_path / name, rgb)
    assert tab.open_folder(str(tmp_path)) == 2
    assert tab.strip.isVisible()
    qtbot.waitUntil(lambda: tab.current_path.endswith("a.png"), timeout=10_000)
    assert window.settings.recent_files[0].endswith("a.png")


def test_drag_reorder_in_the_list_reorders_the_pipeline(window):
    tab = window.preprocess
    for op in ("flip", "invert", "grayscale"):
        tab.editor.add_step(op)
    model = tab.editor.list.model()
    assert model.moveRow(QModelIndex(), 0, QModelIndex(), 3)  # what an internal drag-and-drop does
    assert [s.op for s in tab.pipeline.steps] == ["invert", "grayscale", "flip"]
    assert tab.editor.list.item(0).text().startswith("1. Invert")
    tab.undo()
    assert [s.op for s in tab.pipeline.steps] == ["flip", "invert", "grayscale"]


def test_dropping_a_file_on_the_window_opens_it(qtbot, window, tmp_path, rgb):
    path = write_image(tmp_path / "dropped.png", rgb)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    window.dropEvent(event)
    qtbot.waitUntil(lambda: window.preprocess.current_path == str(path), timeout=10_000)
    assert window.preprocess.loaded.image.shape == rgb.shape
    recent = [a.text() for a in window.recent_menu.actions()]
    assert recent[0] == str(path) and "dropped.png" in window.windowTitle()


def test_pixel_limit_from_preferences_refuses_large_images(qtbot, window, warnings, tmp_path):
    dialog = window.show_preferences()
    dialog.max_megapixels.setValue(1)
    dialog.accept()
    assert window.settings.max_image_pixels == 1_000_000
    big = write_image(tmp_path / "big.png", np.zeros((1100, 1000, 3), np.uint8))
    before = window.preprocess.loaded
    window.preprocess.open_image(str(big))
    qtbot.waitUntil(lambda: bool(warnings), timeout=10_000)
    assert "over the limit of 1,000,000" in warnings[-1][1] and "big.png" in warnings[-1][1]
    assert window.preprocess.loaded is before


def test_quick_add_buttons_and_empty_hint(qtbot, window):
    editor = window.preprocess.editor
    assert editor.empty_hint.isVisible()
    qtbot.mouseClick(editor.findChild(QToolButton, "quick_rotate"), Qt.MouseButton.LeftButton)
    assert [s.op for s in window.preprocess.pipeline.steps] == ["rotate"]
    assert not editor.empty_hint.isVisible()
