"""ConvPlayground: live output, kernel editing, pooling, step-by-step view, export, errors."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QSpinBox, QTableWidget

from imgstudio.core.io import ImageWriteError, read_image
from imgstudio.core.playground import KERNEL_PRESETS, run_playground
from imgstudio.ui.widgets.conv_playground import ConvPlayground


@pytest.fixture
def playground(qtbot):
    widget = ConvPlayground()
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    yield widget
    widget.shutdown()


def settle(qtbot, widget: ConvPlayground) -> None:
    qtbot.waitUntil(widget.is_up_to_date, timeout=10_000)


@pytest.fixture
def loaded(qtbot, playground, rgb):
    playground.set_image(rgb)
    settle(qtbot, playground)
    assert playground.result is not None
    return playground


def test_preset_changes_output_and_matches_core(qtbot, loaded, rgb):
    before = loaded.result.conv_display.copy()
    loaded.choose_preset("sobel_x")
    settle(qtbot, loaded)
    np.testing.assert_array_equal(loaded.kernel(), KERNEL_PRESETS["sobel_x"])
    assert loaded.kernel_table.item(1, 0).text() == "-2"
    shown = loaded.conv_view.item.image
    expected = run_playground(rgb, loaded.settings()).conv_display
    assert not np.array_equal(before, expected)
    np.testing.assert_array_equal(loaded.result.conv_display, expected)
    np.testing.assert_array_equal(shown, expected[:, :, 0])


def test_stride_halves_size_and_updates_formula(qtbot, loaded):
    assert loaded.conv_view.title.text().endswith("62×46")
    assert "= 46" in loaded.formula_label.text()
    loaded.stride_spin.setValue(2)
    settle(qtbot, loaded)
    assert loaded.result.conv_size == (23, 31)
    assert loaded.conv_view.title.text().endswith("31×23")
    assert "/ 2⌋ + 1 = 23" in loaded.formula_label.text()
    assert "/ 2⌋ + 1 = 31" in loaded.formula_label.text()


def test_rapid_changes_end_on_the_last_settings(qtbot, loaded):
    for value in (2, 3, 1, 3):
        loaded.stride_spin.setValue(value)
    settle(qtbot, loaded)
    assert loaded.result_settings.stride == 3
    assert loaded.result.conv_size == (16, 21)


def test_editing_a_cell_updates_output(qtbot, loaded):
    before = loaded.result.conv.copy()
    loaded.kernel_table.item(1, 1).setText("2")
    settle(qtbot, loaded)
    assert loaded.kernel()[1, 1] == 2
    assert loaded.preset_combo.currentData() == ""  # no longer a preset
    np.testing.assert_allclose(loaded.result.conv, before * 2, atol=1e-6)
    assert loaded.kernel_sum_label.text().endswith("2")
    loaded.kernel_table.item(0, 0).setText("abc")
    assert loaded.kernel()[0, 0] == 0 and loaded.kernel_table.item(0, 0).text() == "0"
    assert not loaded.kernel_message.isHidden()


def test_normalise_and_kernel_size(qtbot, loaded):
    loaded.set_kernel(np.ones((3, 3), np.float32))
    loaded.normalise_button.click()
    settle(qtbot, loaded)
    assert loaded.kernel().sum() == pytest.approx(1.0)
    assert loaded.preset_combo.currentData() == "box_blur"
    assert not loaded.normalise_button.isEnabled()
    loaded.choose_preset("sobel_x")
    loaded.normalise_kernel()
    assert "add up to 0" in loaded.kernel_message.text()
    loaded.size_combo.setCurrentIndex(loaded.size_combo.findData(5))
    settle(qtbot, loaded)
    assert loaded.kernel().shape == (5, 5) and loaded.kernel_table.rowCount() == 5
    np.testing.assert_array_equal(loaded.kernel()[1:4, 1:4], KERNEL_PRESETS["sobel_x"])
    assert loaded.result.conv_size == (44, 60)


def test_pooling_view(qtbot, loaded):
    assert loaded.pool_view.isHidden()
    loaded.pool_group.setChecked(True)
    settle(qtbot, loaded)
    assert loaded.pool_view.isVisible()
    assert loaded.result.pooled_size == (23, 31)
    assert loaded.pool_view.title.text().endswith("31×23")
    assert loaded.pool_view.item.image.shape[:2] == (23, 31)
    assert "= 23" in loaded.pool_formula_label.text()
    loaded.pool_size_spin.setValue(3)
    loaded.pool_stride_spin.setValue(3)
    loaded.pool_mode_combo.setCurrentIndex(loaded.pool_mode_combo.findData("avg"))
    settle(qtbot, loaded)
    assert loaded.result.pooled_size == (15, 20)
    assert "average 3×3, stride 3" in loaded.pool_view.title.text()


def test_display_mode_and_channels(qtbot, loaded):
    loaded.choose_preset("sobel_x")
    settle(qtbot, loaded)
    clipped = loaded.result.conv_display.copy()
    loaded.display_combo.setCurrentIndex(loaded.display_combo.findData("abs"))
    settle(qtbot, loaded)
    assert not np.array_equal(clipped, loaded.result.conv_display)
    loaded.channels_combo.setCurrentIndex(1)
    settle(qtbot, loaded)
    assert loaded.result.conv.shape[2] == 3
    assert "RGB" in loaded.input_view.title.text()
    assert loaded.step_channel_combo.isEnabled() and loaded.step_channel_combo.count() == 3
    loaded.step_channel_combo.setCurrentIndex(2)
    y, x = loaded.position
    assert loaded.step.total == pytest.approx(float(loaded.result.conv[y, x, 2]), abs=1e-5)


def test_step_view_next_previous_and_play(qtbot, loaded):
    loaded.choose_preset("sobel_x")
    loaded.padding_spin.setValue(1)
    settle(qtbot, loaded)
    loaded.select_position(0, 0)
    assert loaded.step.padded[0].all()  # the top row of the patch is padding
    loaded.next_button.click()
    assert loaded.position == (0, 1)
    total = float(loaded.result.conv[0, 1, 0])
    assert loaded.step.total == pytest.approx(total, abs=1e-5)
    assert f"{loaded.step.total:.4f}" in loaded.sum_label.text()
    assert "Step 2 of" in loaded.position_label.text()
    outline = loaded.input_view.outline
    assert outline.isVisible() and outline.rect().x() == 0 and outline.rect().y() == -1
    loaded.prev_button.click()
    loaded.prev_button.click()
    h, w = loaded.result.conv_size
    assert loaded.position == (h - 1, w - 1)  # wraps to the last position
    assert loaded.patch_table.item(0, 0).text() == f"{loaded.step.patch[0, 0]:.2f}"
    loaded.play_button.setChecked(True)
    assert loaded.play_timer.isActive() and loaded.play_button.text() == "Pause"
    qtbot.waitUntil(lambda: loaded.position == (0, 0), timeout=3_000)
    loaded.play_button.setChecked(False)
    assert not loaded.play_timer.isActive()


def test_clicking_the_output_selects_that_position(qtbot, loaded):
    view = loaded.conv_view
    qtbot.waitUntil(lambda: view.canvas.viewport().width() > 50)
    loaded._fit(view)
    scene = view.view.mapViewToScene(QPointF(7.5, 5.5))
    point = view.canvas.mapFromScene(scene)
    qtbot.mouseClick(view.canvas.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(lambda: loaded.position == (5, 7), timeout=3_000)
    assert loaded.step.out_y == 5 and loaded.step.out_x == 7
    rect = loaded.input_view.outline.rect()
    assert (rect.x(), rect.y(), rect.width(), rect.height()) == (7, 5, 3, 3)


def test_export_png(qtbot, loaded, tmp_path):
    target = loaded.export_png(tmp_path / "out.png")
    img, info = read_image(target)
    assert (info.height, info.width) == loaded.result.conv_size
    np.testing.assert_array_equal(img[:, :, 0], loaded.result.conv_display[:, :, 0])
    with pytest.raises(ImageWriteError):
        loaded.export_png(target)
    loaded.export_png(target, overwrite=True)
    assert loaded.export_png(tmp_path / "noext").name == "noext.png"


def test_bad_setting_shows_message_and_keeps_last_output(qtbot, playground):
    tiny = np.random.default_rng(0).integers(0, 256, size=(8, 8, 3), dtype=np.uint8)
    playground.set_image(tiny)
    playground.size_combo.setCurrentIndex(playground.size_combo.findData(7))
    settle(qtbot, playground)
    good = playground.result
    assert good.conv_size == (2, 2)
    statuses: list[str] = []
    playground.sigStatus.connect(statuses.append)
    playground.dilation_spin.setValue(2)  # a 13×13 reach on an 8×8 image
    settle(qtbot, playground)
    assert "larger than the padded image" in playground.last_error
    assert playground.message_label.isVisible()
    assert "⚠" in playground.conv_view.title.text()
    assert statuses and "larger" in statuses[-1]
    assert playground.result is good and playground.conv_view.image is good.conv
    playground.next_button.click()  # the step view still works on the last good output
    assert playground.step is not None and playground.step.kernel.shape == (7, 7)
    playground.dilation_spin.setValue(1)
    settle(qtbot, playground)
    assert playground.last_error == "" and playground.message_label.isHidden()
    assert playground.result.conv_size == (2, 2)


def test_every_control_has_a_tooltip(playground):
    buttons = [b for b in playground.findChildren(QAbstractButton) if not isinstance(b.parent(), QTableWidget)]
    controls = [
        *buttons,
        *playground.findChildren(QComboBox),
        *playground.findChildren(QSpinBox),
        *playground.findChildren(QTableWidget),
    ]
    assert len(controls) > 15
    missing = [type(c).__name__ + ":" + getattr(c, "text", lambda: "")() for c in controls if not c.toolTip()]
    assert not missing
    assert playground.pool_group.toolTip()
