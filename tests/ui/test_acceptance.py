"""Acceptance tests of the Preprocess tab, driven through its real widgets (offscreen).

Written the way a demanding user works: every sample, every operation, every number
control at both ends, undo/redo marathons, drags that miss the image, images opened
while others are still loading, saves to odd places and closing in the middle of work.
Several tests pin down bugs found this way (and fixed): keep them as regressions.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QModelIndex, QPointF, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDoubleSpinBox

import imgstudio.ui.tabs.preprocess as preprocess_module
from imgstudio.app import SAMPLES
from imgstudio.core.io import read_image, write_image
from imgstudio.core.ops import OPS
from imgstudio.ui.widgets.param_controls import NumberControl

SAMPLE_GEOMETRY = {
    # name: (height, width, channels, dtype) of the upright image
    "landscape.jpg": (1066, 1600, 3, "uint8"),
    "shapes.png": (600, 800, 3, "uint8"),
    "portrait_exif.jpg": (800, 600, 3, "uint8"),
    "gray16.png": (480, 640, 1, "uint16"),
    "logo_rgba.png": (256, 256, 4, "uint8"),
}
CHANNEL_CHANGING = {"grayscale", "threshold", "canny", "color_space"}
RESIZING = {"resize", "crop", "pad"}
DICE = "🎲"


# -- helpers -------------------------------------------------------------------------------


def settle(qtbot, tab, timeout: float = 30.0) -> None:
    """Wait until the preview worker is idle and its last result has been delivered.

    (Polls more finely than qtbot.waitUntil: the sweeps below settle a few hundred times.)
    """
    deadline = time.monotonic() + timeout
    while not tab.preview.is_idle():
        assert time.monotonic() < deadline, "the preview did not finish"
        QApplication.processEvents()
        time.sleep(0.002)
    QApplication.processEvents()  # the result is queued before the worker turns idle


def open_and_settle(qtbot, tab, path: str | Path) -> None:
    tab.open_image(str(path))
    qtbot.waitUntil(lambda: tab.current_path == str(path) and not tab.jobs, timeout=20_000)
    settle(qtbot, tab)


def control(tab, name: str) -> NumberControl:
    found = tab.editor.findChild(NumberControl, f"param_{name}")
    assert found is not None, name
    return found


def slider_drag_to(control_: NumberControl, value: int) -> None:
    """Press, move and release a slider as a mouse drag does."""
    control_.slider.setSliderDown(True)
    control_.slider.setValue(value)
    control_.slider.setSliderDown(False)
    control_.slider.sliderReleased.emit()


def undos_to_reach(tab, state: dict, limit: int = 100) -> int:
    """How many undos it takes to get back to ``state`` (``limit`` if never)."""
    for count in range(1, limit + 1):
        if not tab.history.can_undo:
            break
        tab.undo()
        if tab.pipeline.to_json() == state:
            return count
    return limit


def errors_logged(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.fixture
def small_image(tmp_path) -> Path:
    """A 120 x 160 RGB image: quick to render at full resolution."""
    rng = np.random.default_rng(1)
    img = rng.integers(0, 256, (120, 160, 3), dtype=np.uint8)
    img[30:90, 40:120] = (240, 60, 20)
    return write_image(tmp_path / "small.png", img)


@pytest.fixture
def statuses(window) -> list[str]:
    seen: list[str] = []
    window.preprocess.sigStatus.connect(seen.append)
    return seen


# -- samples x operations -------------------------------------------------------------------


@pytest.mark.parametrize("name", list(SAMPLE_GEOMETRY))
def test_every_operation_with_defaults_on_every_sample(qtbot, window, caplog, statuses, name):
    tab = window.preprocess
    open_and_settle(qtbot, tab, SAMPLES / name)
    height, width, channels, dtype = SAMPLE_GEOMETRY[name]
    source = tab.loaded.image
    assert source.shape == (height, width, channels) and str(source.dtype) == dtype
    assert f"{width}×{height}, {channels} ch, {dtype}" in tab.info_label.text()
    if name == "portrait_exif.jpg":  # upright: the red arrow is at the top right, the wooden table at the bottom
        arrow = source[120:190, 460:500].reshape(-1, 3).mean(axis=0)
        assert arrow[0] > 150 and arrow[1] < 80 and arrow[2] < 80
        assert source[700:, :].mean() < source[:100, :].mean()
        assert "EXIF orientation 6 applied" in tab.info_label.text()

    for op in OPS:
        statuses.clear()
        tab.editor.add_step(op)
        settle(qtbot, tab)
        result = tab.result
        out = result.output
        where = f"{op} on {name}"
        assert tab.last_error == "", where
        assert result.full_resolution and "full resolution" in tab.after.title.text(), where
        assert f"{out.shape[1]}×{out.shape[0]}" in tab.after.title.text(), where
        assert out.ndim == 3 and out.shape[2] in (1, 3, 4) and out.size, where
        assert str(out.dtype) in ("uint8", "uint16", "float32"), where
        assert tab.after.image is out, where
        assert len(tab.histogram.curves) == out.shape[2], where
        if op not in CHANNEL_CHANGING:
            assert out.shape[2] == channels, where
        if op not in RESIZING:
            assert out.shape[:2] == (height, width), where
        if dtype not in OPS[op].dtypes:  # the README: conversions are said in the status bar
            assert any(f"{dtype} converted to" in s for s in statuses), (where, statuses)
        if channels == 4 and out.shape[2] == 4 and OPS[op].color_only:
            np.testing.assert_array_equal(out[:, :, 3], source[:, :, 3], err_msg=where)
        tab.editor.remove_selected()
    assert errors_logged(caplog) == []


# -- number controls ------------------------------------------------------------------------


def test_every_number_control_at_both_ends_of_slider_and_spin_box(qtbot, window, caplog, small_image):
    tab = window.preprocess
    open_and_settle(qtbot, tab, small_image)
    for op in OPS:
        tab.editor.add_step(op)
        settle(qtbot, tab)
        names = [c.param.name for c in tab.editor.findChildren(NumberControl)]
        for name in names:
            for how in ("slider", "spin"):
                for end in ("min", "max"):
                    where = f"{op}.{name} {how} {end}"
                    before = tab.pipeline.to_json()
                    ctl = control(tab, name)  # the form may have been rebuilt by undo
                    if how == "slider":
                        slider_drag_to(ctl, ctl.slider.minimum() if end == "min" else ctl.slider.maximum())
                    else:
                        ctl.spin.setValue(ctl.spin.minimum() if end == "min" else ctl.spin.maximum())
                    settle(qtbot, tab)
                    value = tab.pipeline.steps[-1].params[name]
                    title = tab.after.title.text()
                    if tab.last_error:  # a readable reason, naming the step
                        assert title.startswith(f"⚠ step 1 ({op}): "), (where, title)
                    else:
                        assert title.startswith("After — ") and "full resolution" in title, (where, title)
                    if ctl.param.odd:
                        assert value % 2 == 1, (where, value)
                        assert ctl.spin.value() == value, where
                    if tab.pipeline.to_json() != before:  # one edit, one undo step
                        tab.undo()
                        assert tab.pipeline.to_json() == before, where
        tab.editor.remove_selected()
    assert errors_logged(caplog) == []


def test_random_toggle_makes_a_range_and_marks_the_step(qtbot, window, small_image):
    tab = window.preprocess
    open_and_settle(qtbot, tab, small_image)
    for op in OPS:
        tab.editor.add_step(op)
        row = len(tab.pipeline.steps) - 1
        names = [c.param.name for c in tab.editor.findChildren(NumberControl)]
        for name in names:
            ctl = control(tab, name)
            ctl.random.setChecked(True)
            value = tab.pipeline.steps[row].params[name]
            assert isinstance(value, dict) and set(value) == {"min", "max"}, (op, name, value)
            assert value["min"] <= value["max"], (op, name, value)
            assert not ctl.slider.isVisibleTo(ctl) and ctl.low.isVisibleTo(ctl) and ctl.high.isVisibleTo(ctl)
            assert tab.editor.list.item(row).text().endswith(DICE), (op, name)
            settle(qtbot, tab)
            assert tab.last_error == "", (op, name, tab.last_error)
            ctl.random.setChecked(False)
            assert not isinstance(tab.pipeline.steps[row].params[name], dict), (op, name)
            assert DICE not in tab.editor.list.item(row).text(), (op, name)
        tab.editor.remove_selected()


def test_probability_below_one_marks_the_step_random(qtbot, window):
    tab = window.preprocess
    tab.editor.add_step("flip")
    probability = tab.editor.findChild(QDoubleSpinBox, "param_probability")
    probability.setValue(0.5)
    assert tab.pipeline.to_json()["steps"][0]["probability"] == 0.5
    assert tab.editor.list.item(0).text().endswith(DICE)
    tab.undo()
    assert "probability" not in tab.pipeline.to_json()["steps"][0]


def test_random_toggle_on_a_large_odd_kernel_makes_a_range(qtbot, window):
    tab = window.preprocess
    tab.editor.add_step("gaussian_blur")
    control(tab, "ksize").spin.setValue(31)
    assert tab.pipeline.steps[0].params["ksize"] == 31
    control(tab, "ksize").random.setChecked(True)
    value = tab.pipeline.steps[0].params["ksize"]
    assert isinstance(value, dict), f"control shows {control(tab, 'ksize').value()}, pipeline has {value}"
    assert value["min"] % 2 == 1 and value["max"] % 2 == 1
    assert tab.editor.list.item(0).text().endswith(DICE)


def test_random_range_bounds_of_an_odd_parameter_follow_the_spin_boxes(qtbot, window):
    tab = window.preprocess
    tab.editor.add_step("median_blur")
    ctl = control(tab, "ksize")
    ctl.random.setChecked(True)
    assert tab.pipeline.steps[0].params["ksize"] == {"min": 3, "max": 7}
    ctl.high.setValue(10)  # a user typing 10 in the "max" box
    shown = ctl.value()
    assert tab.pipeline.steps[0].params["ksize"] == shown, f"control shows {shown}"
    assert shown["max"] % 2 == 1


def test_turning_a_random_odd_parameter_back_to_fixed(qtbot, window):
    tab = window.preprocess
    tab.editor.add_step("gaussian_blur")
    tab.editor.set_param("ksize", {"min": 3, "max": 9})
    ctl = control(tab, "ksize")
    ctl.random.setChecked(False)
    value = tab.pipeline.steps[0].params["ksize"]
    assert not isinstance(value, dict), f"control shows a fixed {ctl.value()}, pipeline still has {value}"
    assert value % 2 == 1 and ctl.spin.value() == value
    assert DICE not in tab.editor.list.item(0).text()


def test_pixel_sliders_follow_a_newly_opened_image(qtbot, window, tmp_path):
    tab = window.preprocess
    small = write_image(tmp_path / "small.png", np.zeros((100, 120, 3), np.uint8))
    large = write_image(tmp_path / "large.png", np.zeros((1000, 3000, 3), np.uint8))
    open_and_settle(qtbot, tab, small)
    tab.editor.add_step("translate")
    assert control(tab, "dx").slider.maximum() == 120
    open_and_settle(qtbot, tab, large)
    assert control(tab, "dx").slider.maximum() == 3000  # still 120: dx cannot be dragged past 120 px


# -- undo / redo ----------------------------------------------------------------------------


def _random_edit(tab, rnd: random.Random) -> None:
    editor = tab.editor
    steps = tab.pipeline.steps
    action = rnd.choice(["add", "add", "remove", "up", "down", "toggle", "spin", "slider", "select", "probability"])
    if action == "add" or not steps:
        editor.add_step(rnd.choice(list(OPS)))
    elif action == "remove":
        editor.remove_selected()
    elif action in ("up", "down"):
        editor.move_selected(-1 if action == "up" else 1)
    elif action == "toggle":
        item = editor.list.item(rnd.randrange(len(steps)))
        checked = item.checkState() == Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)
    elif action == "select":
        editor.list.setCurrentRow(rnd.randrange(len(steps)))
    elif action == "probability":
        editor.findChild(QDoubleSpinBox, "param_probability").setValue(rnd.choice([0.0, 0.3, 1.0]))
    else:
        controls = editor.findChildren(NumberControl)
        if not controls:
            return
        ctl = rnd.choice(controls)
        if action == "slider":  # several moves, one release: one undo step
            ctl.slider.setSliderDown(True)
            for _ in range(3):
                ctl.slider.setValue(rnd.randint(ctl.slider.minimum(), ctl.slider.maximum()))
            ctl.slider.setSliderDown(False)
            ctl.slider.sliderReleased.emit()
        else:
            top = min(ctl.spin.maximum(), ctl.spin.minimum() + 60)
            value = rnd.uniform(ctl.spin.minimum(), top)
            ctl.spin.setValue(round(value) if ctl.param.kind == "int" else value)


@pytest.mark.parametrize("seed", range(4))
def test_n_undos_restore_the_pipeline_of_n_edits_ago_and_redo_replays(qtbot, window, small_image, seed):
    tab = window.preprocess
    open_and_settle(qtbot, tab, small_image)
    rnd = random.Random(seed)
    states = [tab.pipeline.to_json()]
    for _ in range(30):
        _random_edit(tab, rnd)
        state = tab.pipeline.to_json()
        if state != states[-1]:
            states.append(state)
    assert len(states) > 10
    for back in range(1, len(states)):
        tab.undo()
        assert tab.pipeline.to_json() == states[-1 - back], f"after {back} undos"
        assert tab.editor.list.count() == len(tab.pipeline.steps)
    assert not tab.actions["undo"].isEnabled()
    for forward in range(1, len(states)):
        tab.redo()
        assert tab.pipeline.to_json() == states[forward], f"after {forward} redos"
    assert not tab.actions["redo"].isEnabled()
    settle(qtbot, tab)
    assert tab.result is not None


@pytest.mark.parametrize("tool", ["crop", "translate"])
def test_a_whole_drag_is_one_undo_step(qtbot, window, tool):
    tab = window.preprocess
    tab.editor.add_step(tool)
    settle(qtbot, tab)
    before = tab.pipeline.to_json()
    drag = tab._drag_crop if tool == "crop" else tab._drag_translate
    start = QPointF(100, 80)
    for i in range(1, 6):
        drag(start, QPointF(100 + 40 * i, 80 + 30 * i), False)
    drag(start, QPointF(400, 300), True)
    assert tab.pipeline.to_json() != before
    assert undos_to_reach(tab, before) == 1


# -- list reordering ----------------------------------------------------------------------------


def test_editing_after_a_drag_reorder_changes_the_moved_step(qtbot, window):
    tab = window.preprocess
    tab.editor.add_step("resize")
    tab.editor.add_step("crop")
    tab.editor.list.setCurrentRow(0)  # resize
    crop_before = dict(tab.pipeline.steps[1].params)
    with qtbot.captureExceptions() as exceptions:
        assert tab.editor.list.model().moveRow(QModelIndex(), 0, QModelIndex(), 2)  # drag resize below crop
        assert [s.op for s in tab.pipeline.steps] == ["crop", "resize"]
        control(tab, "width").spin.setValue(123)
    assert exceptions == []
    assert tab.pipeline.steps[0].params == crop_before, "the crop was changed instead of the resize"
    assert tab.pipeline.steps[1].params["width"] == 123
    assert "2. Resize" in tab.editor.step_title.text()


# -- crop and translate by dragging --------------------------------------------------------------


def test_crop_drawn_backwards_and_partly_outside_is_clamped_to_the_image(qtbot, window):
    tab = window.preprocess
    tab.editor.add_step("crop")
    settle(qtbot, tab)
    w, h = tab.before.display_size
    assert (w, h) == (1600, 1066)
    tab._drag_crop(QPointF(w + 300, 400), QPointF(w - 200, -50), True)  # bottom-right to top-left, past two edges
    params = tab.pipeline.steps[0].params
    assert (params["x"], params["y"], params["width"], params["height"]) == (w - 200, 0, 200, 400)
    settle(qtbot, tab)
    assert tab.last_error == ""
    np.testing.assert_array_equal(tab.result.output, tab.loaded.image[0:400, w - 200 : w])
    assert tab.before.outline.isVisible()


@pytest.mark.parametrize(
    "start, end",
    [((500, 400), (500, 400)), ((-300, -200), (-20, -10)), ((1700, 100), (1900, 300))],
    ids=["zero-size", "above-left", "right-of-image"],
)
def test_a_crop_drag_that_selects_nothing_keeps_the_crop(qtbot, window, start, end):
    tab = window.preprocess
    tab.editor.add_step("crop")
    settle(qtbot, tab)
    before = dict(tab.pipeline.steps[0].params)
    tab._drag_crop(QPointF(*start), QPointF(*end), True)
    settle(qtbot, tab)
    assert tab.last_error == ""
    assert tab.pipeline.steps[0].params == before


def test_a_second_translate_drag_adds_to_the_first(qtbot, window):
    tab = window.preprocess
    tab.editor.add_step("translate")
    tab._drag_translate(QPointF(10, 10), QPointF(40, 30), True)
    assert (tab.pipeline.steps[0].params["dx"], tab.pipeline.steps[0].params["dy"]) == (30.0, 20.0)
    tab._drag_translate(QPointF(10, 10), QPointF(20, 10), True)  # a new drag from the same spot
    assert (tab.pipeline.steps[0].params["dx"], tab.pipeline.steps[0].params["dy"]) == (40.0, 20.0)


def test_switching_the_selected_step_during_a_drag_hands_the_view_back(qtbot, window):
    tab = window.preprocess
    for op in ("rotate", "crop", "translate"):
        tab.editor.add_step(op)
    tab.editor.list.setCurrentRow(1)
    settle(qtbot, tab)
    assert tab.before.view.drag_handler == tab._drag_crop
    assert tab.before.title.text().startswith("Input of step 2 (Crop)")
    tab._drag_crop(QPointF(100, 100), QPointF(300, 250), False)  # mid-drag ...
    tab.editor.list.setCurrentRow(0)  # ... the user picks another step
    settle(qtbot, tab)
    assert tab.before.view.drag_handler is None
    assert tab.before.title.text().startswith("Before — ") and not tab.before.outline.isVisible()
    crop = tab.pipeline.steps[1].params
    assert (crop["x"], crop["y"], crop["width"], crop["height"]) == (100, 100, 200, 150)
    tab.editor.list.setCurrentRow(2)
    settle(qtbot, tab)
    assert tab.before.view.drag_handler == tab._drag_translate
    assert tab.before.title.text().startswith("Input of step 3 (Translate)")
    tab.editor.list.item(2).setCheckState(Qt.CheckState.Unchecked)
    settle(qtbot, tab)
    assert tab.last_error == "" and tab.result.output.shape[:2] == (150, 200)


def test_disabling_the_selected_crop_step_turns_its_drag_tool_off(qtbot, window):
    tab = window.preprocess
    tab.editor.add_step("crop")
    settle(qtbot, tab)
    assert tab.before.view.drag_handler == tab._drag_crop
    tab.editor.list.item(0).setCheckState(Qt.CheckState.Unchecked)
    settle(qtbot, tab)
    assert tab.before.title.text().startswith("Before — ")  # the view shows the original image again ...
    assert tab.before.view.drag_handler is None  # ... so a drag there must not edit the disabled crop


def test_crop_with_a_random_width_previews_without_error(qtbot, window):
    tab = window.preprocess
    tab.editor.add_step("crop")
    settle(qtbot, tab)
    with qtbot.captureExceptions() as exceptions:
        control(tab, "width").random.setChecked(True)
        settle(qtbot, tab)
    assert isinstance(tab.pipeline.steps[0].params["width"], dict)
    assert exceptions == []
    assert tab.last_error == ""


def test_removing_the_crop_step_while_its_preview_renders(qtbot, window, monkeypatch):
    tab = window.preprocess
    real_render = preprocess_module.render_preview
    rendering = threading.Event()

    def slow_render(*args, **kwargs):
        rendering.set()
        time.sleep(0.3)
        return real_render(*args, **kwargs)

    monkeypatch.setattr(preprocess_module, "render_preview", slow_render)
    with qtbot.captureExceptions() as exceptions:
        tab.editor.add_step("crop")
        assert rendering.wait(5)
        tab.editor.remove_selected()  # Delete, before the crop's preview is back
        settle(qtbot, tab)
    assert exceptions == []
    assert tab.pipeline.steps == [] and tab.result.output.shape == tab.loaded.image.shape


# -- opening images and folders -------------------------------------------------------------------


def test_the_image_opened_last_is_the_one_shown(qtbot, window, monkeypatch, tmp_path):
    tab = window.preprocess
    slow = write_image(tmp_path / "slow.png", np.zeros((60, 80, 3), np.uint8))
    fast = write_image(tmp_path / "fast.png", np.full((30, 40, 3), 200, np.uint8))
    real_load = preprocess_module.load_for_preview

    def load(path, **kwargs):
        if Path(path).name == "slow.png":
            time.sleep(0.4)  # a large photo on a slow disk
        return real_load(path, **kwargs)

    monkeypatch.setattr(preprocess_module, "load_for_preview", load)
    tab.open_image(str(slow))
    tab.open_image(str(fast))  # e.g. the user pressed ↓ twice in the thumbnail strip
    qtbot.waitUntil(lambda: not tab.jobs, timeout=10_000)
    settle(qtbot, tab)
    assert tab.current_path == str(fast)
    assert tab.loaded.image.shape == (30, 40, 3)
    assert window.windowTitle().startswith("fast.png")


def test_opening_an_image_while_a_preview_computes_never_shows_the_old_result(qtbot, window, monkeypatch, tmp_path):
    tab = window.preprocess
    new = write_image(tmp_path / "new.png", np.full((50, 70, 3), 10, np.uint8))
    real_render = preprocess_module.render_preview
    rendering = threading.Event()

    def slow_render(image, *args, **kwargs):
        if image.shape[0] > 100:
            rendering.set()
            time.sleep(0.4)
        return real_render(image, *args, **kwargs)

    monkeypatch.setattr(preprocess_module, "render_preview", slow_render)
    shown: list[tuple[str, tuple[int, ...]]] = []
    real_set_image = tab.after.set_image

    def spy(img, *args, **kwargs):
        shown.append((tab.current_path, None if img is None else img.shape))
        return real_set_image(img, *args, **kwargs)

    monkeypatch.setattr(tab.after, "set_image", spy)
    tab.editor.add_step("invert")
    assert rendering.wait(5)
    open_and_settle(qtbot, tab, new)
    after_open = [shape for path, shape in shown if path == str(new)]
    assert after_open and all(shape == (50, 70, 3) for shape in after_open), shown
    np.testing.assert_array_equal(tab.result.output, 255 - tab.loaded.image)
    assert tab.after.title.text() == "After — 70×50 (full resolution)"


def test_opening_a_folder_without_images_says_so_and_keeps_the_image(qtbot, window, warnings, statuses, tmp_path):
    tab = window.preprocess
    before = tab.loaded
    (tmp_path / "notes.txt").write_text("not an image")
    (tmp_path / "sub").mkdir()
    assert tab.open_folder(str(tmp_path)) == 0
    assert statuses[-1].endswith("no images in this folder")
    assert warnings == [] and tab.loaded is before and tab.strip.paths() == []
    assert tab.open_folder(str(tmp_path / "missing")) == 0
    assert warnings[-1][0] == "Cannot open folder" and "missing" in warnings[-1][1]
    assert tab.loaded is before


def test_a_folder_of_two_thousand_tiny_files_opens_lazily(qtbot, window, tmp_path):
    tab = window.preprocess
    data = write_image(tmp_path / "seed.png", np.full((4, 4, 3), 90, np.uint8)).read_bytes()
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(2000):
        (folder / f"img_{i:05d}.png").write_bytes(data)
    assert tab.open_folder(str(folder)) == 2000
    qtbot.waitUntil(lambda: tab.current_path.endswith("img_00000.png") and not tab.jobs, timeout=10_000)
    qtbot.waitUntil(lambda: tab.strip.loads_started > 0 and tab.strip.pending_count() == 0, timeout=10_000)
    assert tab.strip.loads_started < 200  # only the rows on screen were decoded
    timer_fired = []
    QTimer.singleShot(0, lambda: timer_fired.append(True))
    qtbot.waitUntil(lambda: bool(timer_fired), timeout=2_000)  # the event loop is not blocked
    tab.strip.scrollToBottom()
    qtbot.waitUntil(lambda: tab.strip.pending_count() == 0, timeout=10_000)
    assert tab.strip.loads_started < 400


# -- saving the result ------------------------------------------------------------------------


def _save(qtbot, tab, path: Path):
    job = tab.save_result(str(path))
    qtbot.waitUntil(lambda: job.delivered, timeout=15_000)
    return job


def test_save_result_to_a_non_ascii_path(qtbot, window, warnings, small_image, tmp_path):
    tab = window.preprocess
    open_and_settle(qtbot, tab, small_image)
    tab.editor.add_step("flip")
    target = tmp_path / "résultat 图像 ñ" / "ånswer_結果.png"
    target.parent.mkdir()
    _save(qtbot, tab, target)
    assert warnings == []
    np.testing.assert_array_equal(read_image(target)[0], tab.loaded.image[:, ::-1])


def test_save_result_into_a_folder_that_does_not_exist_creates_it(qtbot, window, warnings, small_image, tmp_path):
    tab = window.preprocess
    open_and_settle(qtbot, tab, small_image)
    tab.editor.add_step("invert")
    target = tmp_path / "new" / "deeper" / "out.png"
    _save(qtbot, tab, target)
    assert warnings == []
    np.testing.assert_array_equal(read_image(target)[0], 255 - tab.loaded.image)
    assert [p.name for p in target.parent.iterdir()] == ["out.png"]  # no temporary file left


@pytest.mark.parametrize("name", ["out.xyz", "no_extension"])
def test_save_result_with_an_unsupported_extension_warns_and_writes_nothing(
    qtbot, window, warnings, small_image, tmp_path, name
):
    tab = window.preprocess
    open_and_settle(qtbot, tab, small_image)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    _save(qtbot, tab, out_dir / name)
    assert len(warnings) == 1
    title, text = warnings[0]
    assert title == "Cannot save the result" and name in text and "unsupported output format" in text
    assert "png" in text  # says what would work
    assert list(out_dir.iterdir()) == []


def test_save_result_of_a_failing_pipeline_warns_and_writes_nothing(qtbot, window, warnings, small_image, tmp_path):
    tab = window.preprocess
    open_and_settle(qtbot, tab, small_image)
    tab.editor.add_step("crop")
    tab.editor.set_param("x", 5000)
    _save(qtbot, tab, tmp_path / "out.png")
    assert warnings and "step 1 (crop)" in warnings[-1][1] and "lies outside" in warnings[-1][1]
    assert not (tmp_path / "out.png").exists()


# -- closing in the middle of work -------------------------------------------------------------


def test_closing_the_window_while_a_batch_runs(qtbot, window, warnings, tmp_path):
    tab = window.preprocess
    src, out = tmp_path / "in", tmp_path / "out"
    y, x = np.mgrid[0:600, 0:600]
    data = write_image(src / "img_000.png", np.dstack([x % 256, y % 256, (x + y) % 256]).astype(np.uint8)).read_bytes()
    for i in range(1, 30):
        (src / f"img_{i:03d}.png").write_bytes(data)
    tab.editor.add_step("gaussian_blur")
    tab.editor.set_param("ksize", 201)
    tab.editor.set_param("sigma", 30.0)
    dialog = tab.open_batch()
    dialog.input_field.edit.setText(str(src))
    dialog.output_field.edit.setText(str(out))
    dialog.start()
    runner = dialog.runner
    assert runner is not None
    qtbot.waitUntil(lambda: out.exists() and len(list(out.iterdir())) >= 2, timeout=30_000)
    started = time.monotonic()
    window.close()
    assert time.monotonic() - started < 20  # cancelled after the current image, not after all 30
    assert not runner.is_running()
    written = sorted(out.iterdir())
    qtbot.wait(300)
    assert sorted(out.iterdir()) == written  # nothing is still writing
    assert 2 <= len(written) < 30
    for path in written:  # complete files only, no temporaries
        assert not path.name.startswith(".") and path.suffix == ".png"
        assert read_image(path)[0].shape == (600, 600, 3)
    assert warnings == []


def test_closing_the_window_while_the_augmentation_preview_computes(qtbot, window, warnings):
    tab = window.preprocess
    tab.editor.add_step("gaussian_blur")
    tab.editor.set_param("ksize", 201)
    tab.editor.set_param("sigma", {"min": 20.0, "max": 40.0})
    dialog = tab.open_augment()
    assert dialog is not None
    runner = dialog.runner
    qtbot.waitUntil(runner.is_running, timeout=5_000)
    started = time.monotonic()
    window.close()
    assert time.monotonic() - started < 20
    assert not runner.is_running()
    QApplication.processEvents()
    assert warnings == []
