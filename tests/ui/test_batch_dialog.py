"""BatchDialog: runs core.batch through its controls; errors, cancel, close and settings."""

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from imgstudio.core.io import read_image, write_image
from imgstudio.core.pipeline import Pipeline, Step
from imgstudio.core.settings import Settings
from imgstudio.ui.dialogs.batch_dialog import BatchDialog

SLOW_COUNT = 60


def flip_pipeline() -> Pipeline:
    return Pipeline([Step.create("flip"), Step.create("invert", enabled=False)])


def snapshot(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def small_folder(tmp_path: Path) -> Path:
    """Five smooth, left-right asymmetric images (ramps survive JPEG) and a broken file."""
    src = tmp_path / "in"
    y, x = np.mgrid[0:24, 0:32]
    for i in range(5):
        write_image(src / f"img_{i}.png", np.dstack([x * 8, y * 10 + i * 5, 255 - x * 6]).astype(np.uint8))
    (src / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n not really a png")
    return src


@pytest.fixture(scope="module")
def slow_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """60 images of 600x600 (copies of one smooth image, so the files stay small)."""
    src = tmp_path_factory.mktemp("slow") / "in"
    y, x = np.mgrid[0:600, 0:600]
    first = write_image(src / "img_000.png", np.dstack([x % 256, y % 256, (x + y) % 256]).astype(np.uint8))
    data = first.read_bytes()
    for i in range(1, SLOW_COUNT):
        (src / f"img_{i:03d}.png").write_bytes(data)
    return src


def slow_pipeline() -> Pipeline:
    return Pipeline([Step.create("gaussian_blur", ksize=201, sigma=30.0)])


def make_dialog(qtbot, pipeline: Pipeline, input_path: str = "", settings: Settings | None = None) -> BatchDialog:
    dialog = BatchDialog(pipeline, input_path, settings)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def set_text(qtbot, edit, text: str) -> None:
    edit.clear()
    qtbot.keyClicks(edit, text)


def run_to_end(qtbot, dialog: BatchDialog) -> None:
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert dialog.runner is not None
    assert not dialog.start_button.isEnabled() and not dialog.input_field.edit.isEnabled()
    qtbot.waitUntil(lambda: dialog.runner is None, timeout=30_000)


def output_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def test_batch_writes_flipped_images_and_reports_the_broken_file(qtbot, monkeypatch, small_folder, tmp_path):
    dialog = make_dialog(qtbot, flip_pipeline())
    assert "1 enabled step" in dialog.summary_label.text()
    assert "Flip" in dialog.summary_label.text()

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kwargs: str(small_folder))
    qtbot.mouseClick(dialog.input_field.browse_button, Qt.MouseButton.LeftButton)
    assert dialog.input_field.text() == str(small_folder)
    out = tmp_path / "out"
    set_text(qtbot, dialog.output_field.edit, str(out))
    assert dialog.selected_format() is None  # same as input
    assert not dialog.quality_spin.isEnabled()

    run_to_end(qtbot, dialog)

    report = dialog.report
    assert report is not None and not report.cancelled
    assert sorted(report.written) == [out / f"img_{i}.png" for i in range(5)]
    assert output_files(out) == sorted(report.written)
    for i in range(5):
        original, _ = read_image(small_folder / f"img_{i}.png")
        result, _ = read_image(out / f"img_{i}.png")
        np.testing.assert_array_equal(result, original[:, ::-1])
    assert [p.name for p, _ in report.failed] == ["broken.png"]
    text = dialog.report_view.toPlainText()
    assert f"broken.png — {report.failed[0][1]}" in text
    assert "not a readable image" in text
    assert "5 written, 1 failed" in dialog.status_label.text()
    assert dialog.progress_bar.value() == 6
    assert dialog.start_button.isEnabled() and dialog.close_button.text() == "Close"
    assert not dialog.error_label.isVisible()


def test_output_inside_input_shows_error_and_writes_nothing(qtbot, small_folder):
    before = snapshot(small_folder)
    dialog = make_dialog(qtbot, flip_pipeline(), str(small_folder))
    assert dialog.input_field.text() == str(small_folder)
    set_text(qtbot, dialog.output_field.edit, str(small_folder / "results"))

    run_to_end(qtbot, dialog)

    assert dialog.error_label.isVisible()
    assert "must not be the input folder or inside it" in dialog.error_label.text()
    assert dialog.report is None
    assert snapshot(small_folder) == before
    assert not (small_folder / "results").exists()
    # The dialog stays usable: fix the output and run again.
    assert dialog.start_button.isEnabled() and dialog.output_field.edit.isEnabled()
    set_text(qtbot, dialog.output_field.edit, str(small_folder.parent / "results"))
    run_to_end(qtbot, dialog)
    assert not dialog.error_label.isVisible()
    assert len(dialog.report.written) == 5


def test_missing_folders_are_refused_before_any_job(qtbot, small_folder, tmp_path):
    dialog = make_dialog(qtbot, flip_pipeline())
    set_text(qtbot, dialog.output_field.edit, str(tmp_path / "out"))
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert dialog.runner is None
    assert dialog.error_label.isVisible() and "input folder" in dialog.error_label.text()

    set_text(qtbot, dialog.input_field.edit, str(small_folder))
    dialog.output_field.edit.clear()
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert dialog.runner is None
    assert "output folder" in dialog.error_label.text()
    assert not (tmp_path / "out").exists()


def test_format_quality_and_settings_are_remembered(qtbot, small_folder, tmp_path):
    settings = Settings(batch_output_folder=str(tmp_path / "remembered"), batch_format="png", batch_quality=90)
    dialog = make_dialog(qtbot, flip_pipeline(), str(small_folder / "img_0.png"), settings)
    assert dialog.input_field.text() == str(small_folder)  # a file's folder
    assert dialog.output_field.text() == str(tmp_path / "remembered")
    assert dialog.selected_format() == "png"
    assert not dialog.quality_spin.isEnabled()

    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("jpg"))
    assert dialog.quality_spin.isEnabled()
    dialog.quality_spin.setValue(80)
    out = tmp_path / "jpg_out"
    set_text(qtbot, dialog.output_field.edit, str(out))
    run_to_end(qtbot, dialog)

    assert [p.name for p in output_files(out)] == [f"img_{i}.jpg" for i in range(5)]
    original, _ = read_image(small_folder / "img_0.png")
    result, info = read_image(out / "img_0.jpg")
    assert info.format == "jpeg" and result.shape == original.shape
    assert np.abs(result.astype(int) - original[:, ::-1].astype(int)).mean() < 6
    assert np.abs(result.astype(int) - original.astype(int)).mean() > 60
    assert (settings.batch_output_folder, settings.batch_format, settings.batch_quality) == (str(out), "jpg", 80)


def test_cancel_midway_keeps_complete_files_only(qtbot, slow_folder, tmp_path):
    out = tmp_path / "out"
    dialog = make_dialog(qtbot, slow_pipeline(), str(slow_folder))
    set_text(qtbot, dialog.output_field.edit, str(out))
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert dialog.close_button.text() == "Cancel"
    qtbot.waitUntil(lambda: dialog.progress_bar.value() >= 2, timeout=30_000)
    status = dialog.status_label.text()
    assert f" / {SLOW_COUNT} — " in status and "images/s — ETA " in status

    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.runner is None, timeout=30_000)

    report = dialog.report
    assert report is not None and report.cancelled
    written = output_files(out)
    assert 2 <= len(written) < SLOW_COUNT
    assert written == sorted(report.written)
    assert not [p for p in written if p.name.startswith(".")]
    for path in written:
        img, _ = read_image(path)
        assert img.shape == (600, 600, 3)
    assert f"{len(written)} file(s) written" in dialog.report_view.toPlainText()
    assert "Cancelled" in dialog.status_label.text()
    assert dialog.isVisible() and dialog.start_button.isEnabled()


def test_escape_while_running_cancels_and_waits(qtbot, slow_folder, tmp_path):
    out = tmp_path / "out"
    dialog = make_dialog(qtbot, slow_pipeline(), str(slow_folder))
    set_text(qtbot, dialog.output_field.edit, str(out))
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    runner = dialog.runner
    qtbot.waitUntil(lambda: dialog.progress_bar.value() >= 1, timeout=30_000)

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    assert not runner.is_running()  # reject() waited for the job
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.runner is None)
    assert dialog.report.cancelled
    assert len(output_files(out)) < SLOW_COUNT
    assert not [p for p in output_files(out) if p.name.startswith(".")]
