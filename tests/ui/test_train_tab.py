"""The Train panel: start, live curves, pause/resume/stop, close mid-run, errors, configs, CLI."""

from __future__ import annotations

import json
import shlex
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from imgstudio.cli import build_parser
from imgstudio.core.ml.checkpoint import load_model_file
from imgstudio.core.ml.config import CLI_OPTIONS, TrainConfig
from imgstudio.core.settings import Settings
from imgstudio.ui.tabs.train import StepRate, TrainTab, format_eta


@pytest.fixture
def runs_root(tmp_path, monkeypatch):
    monkeypatch.setenv("IMGSTUDIO_HOME", str(tmp_path / "home"))
    return tmp_path / "runs"


@pytest.fixture
def tab(qtbot, warnings, runs_root):
    tab = TrainTab(Settings())
    qtbot.addWidget(tab)
    tab.resize(1300, 850)
    tab.show()
    qtbot.waitUntil(lambda: tab.form.catalogue is not None, timeout=30_000)
    tab.form.runs_edit.setText(str(runs_root))
    yield tab
    tab.shutdown()


def small_run(tab: TrainTab, epochs: int = 2, train: int = 200, batch: int = 32) -> None:
    """A seconds-long small-cnn run on the built-in shapes at 32 px, set through the widgets."""
    form = tab.form
    form.data_combo.setCurrentIndex(form.data_combo.findData("synthetic:shapes"))
    form.model_combo.setCurrentIndex(form.model_combo.findText("small-cnn"))
    form.size_spin.setValue(32)
    form.epochs_spin.setValue(epochs)
    form.batch_spin.setValue(batch)
    form.train_count.setValue(train)
    form.val_count.setValue(60)
    form.device_combo.setCurrentIndex(form.device_combo.findData("cpu"))


def wait_done(qtbot, tab: TrainTab, timeout: int = 60_000) -> None:
    qtbot.waitUntil(lambda: not tab.is_running(), timeout=timeout)


def test_a_run_started_from_the_panel_draws_its_curves_and_finishes(qtbot, tab, warnings, runs_root):
    small_run(tab, epochs=2)
    qtbot.mouseClick(tab.start_button, Qt.MouseButton.LeftButton)
    assert tab.is_running() and not tab.start_button.isEnabled() and not tab.form.epochs_spin.isEnabled()
    qtbot.waitUntil(lambda: tab.curves.point_count("step_loss") > 0, timeout=30_000)
    wait_done(qtbot, tab)
    assert warnings == []
    summary = tab.last_summary
    assert summary is not None and summary["status"] == "finished" and summary["epochs_done"] == 2
    steps_per_epoch = -(-200 // 32)
    assert tab.curves.point_count("step_loss") == 2 * steps_per_epoch
    assert tab.curves.point_count("val_accuracy") == 2 and tab.curves.point_count("lr") == 2 * steps_per_epoch
    assert tab.progress.value() == tab.progress.maximum() == 2 * steps_per_epoch
    assert "finished" in tab.progress_label.text() and "epoch 2:" in tab.log.toPlainText()
    run_dir = Path(summary["out"])
    assert run_dir.parent == runs_root
    assert (run_dir / "best.safetensors").is_file()
    saved = json.loads((run_dir / "config.json").read_text())
    assert saved["model"] == "small-cnn" and saved["image_size"] == 32 and saved["synthetic_train"] == 200
    assert tab.start_button.isEnabled() and tab.form.epochs_spin.isEnabled() and not tab.stop_button.isEnabled()
    # the finished run is offered for comparison and for the Classify tab
    assert tab.compare_combo.findData(summary["out"]) >= 0
    with qtbot.waitSignal(tab.sigModelReady) as ready:
        qtbot.mouseClick(tab.classify_button, Qt.MouseButton.LeftButton)
    assert ready.args[0].endswith("best.safetensors")


def test_pause_resume_and_stop_from_the_buttons(qtbot, tab):
    small_run(tab, epochs=50, train=2000, batch=8)
    tab.start()
    qtbot.waitUntil(lambda: tab.curves.point_count("step_loss") >= 3, timeout=30_000)
    qtbot.mouseClick(tab.pause_button, Qt.MouseButton.LeftButton)
    assert tab.pause_button.text() == "Resume" and tab.session.paused
    qtbot.wait(800)  # the step running when pause was asked may still arrive
    count = tab.curves.point_count("step_loss")
    qtbot.wait(700)
    assert tab.curves.point_count("step_loss") == count  # paused: no new step
    assert "paused" in tab.progress_label.text() or count == 0
    qtbot.mouseClick(tab.pause_button, Qt.MouseButton.LeftButton)
    assert tab.pause_button.text() == "Pause"
    qtbot.waitUntil(lambda: tab.curves.point_count("step_loss") > count, timeout=10_000)
    asked = time.monotonic()
    qtbot.mouseClick(tab.stop_button, Qt.MouseButton.LeftButton)
    assert not tab.stop_button.isEnabled()
    wait_done(qtbot, tab, 10_000)
    assert time.monotonic() - asked < 5
    assert tab.last_summary["status"] == "stopped"
    _, meta = load_model_file(f"{tab.last_summary['out']}/last.safetensors")
    assert meta["partial_epoch_steps"] > 0  # the stop inside the epoch kept its steps
    assert tab.start_button.isEnabled() and tab.pause_button.text() == "Pause"


def test_a_worker_error_shows_a_message_and_leaves_the_panel_usable(qtbot, tab, warnings, tmp_path):
    form = tab.form
    form.data_combo.setCurrentIndex(form.data_combo.findData("folder"))
    form.folder_edit.setText(str(tmp_path / "no such folder"))
    tab.start()
    wait_done(qtbot, tab)
    qtbot.waitUntil(lambda: bool(warnings), timeout=5_000)
    title, text = warnings[-1]
    assert title == "Training failed" and "no such folder" in text
    assert tab.start_button.isEnabled() and form.data_combo.isEnabled() and not tab.stop_button.isEnabled()
    assert form.folder_edit.text().endswith("no such folder")  # the form is kept for a fix
    small_run(tab, epochs=1)
    assert tab.start() is not None  # and the next run starts
    wait_done(qtbot, tab)
    assert tab.last_summary["status"] == "finished"


def test_an_empty_folder_choice_is_refused_before_starting(tab, warnings):
    form = tab.form
    form.data_combo.setCurrentIndex(form.data_combo.findData("folder"))
    form.folder_edit.setText("")
    assert tab.start() is None and not tab.is_running()
    assert warnings and "folder" in warnings[-1][1]


def test_the_article_button_sets_up_the_article_cnn_on_shapes(qtbot, tab):
    qtbot.mouseClick(tab.form.article_button, Qt.MouseButton.LeftButton)
    config = tab.form.config()
    assert (config.model, config.data, config.image_size, config.channels) == ("article-cnn", "synthetic:shapes", 64, 3)


def test_copy_cli_command_runs_the_same_config(tab):
    small_run(tab, epochs=4)
    tab.form.lr_spin.setValue(0.0005)
    tab.copy_cli_button.click()
    command = QGuiApplication.clipboard().text()
    args = shlex.split(command)
    assert args[:2] == ["imgstudio", "train"]
    parsed = build_parser().parse_args(args[1:])
    given = {key: getattr(parsed, key) for key in CLI_OPTIONS if getattr(parsed, key) is not None}
    assert TrainConfig.from_dict(given) == tab.form.config()


def test_save_and_load_config_round_trip_and_a_bad_file_changes_nothing(tab, warnings, tmp_path):
    small_run(tab, epochs=7)
    path = tab.save_config(str(tmp_path / "run.json"))
    assert path and TrainConfig.load(path) == tab.form.config()
    tab.form.epochs_spin.setValue(1)
    assert tab.load_config(str(tmp_path / "run.json")) and tab.form.epochs_spin.value() == 7
    bad = tmp_path / "bad.json"
    bad.write_text('{"epochs": "many"}')
    before = tab.form.config()
    assert not tab.load_config(str(bad))
    assert warnings and "epochs" in warnings[-1][1]
    assert tab.form.config() == before


def test_compare_overlays_another_runs_epochs(qtbot, tab):
    small_run(tab, epochs=2)
    tab.start()
    wait_done(qtbot, tab)
    first = tab.last_summary["out"]
    tab.compare_with(first)
    assert len(tab.curves.overlays) == 4  # train/val loss and train/val accuracy
    xs, ys = tab.curves.overlays[0][1].getData()
    assert list(xs) == [1.0, 2.0] and all(y > 0 for y in ys)
    tab.compare_with("")
    assert tab.curves.overlays == []


def test_closing_the_window_mid_run_asks_then_stops_and_keeps_a_checkpoint(qtbot, monkeypatch, runs_root):
    from imgstudio.app import create_main_window

    win = create_main_window(None, use_qsettings=False)
    qtbot.addWidget(win)
    win.show()
    win.tabs.setCurrentWidget(win.train)
    train = win.train
    qtbot.waitUntil(lambda: train.form.catalogue is not None, timeout=30_000)
    train.form.runs_edit.setText(str(runs_root))
    small_run(train, epochs=50, train=2000, batch=8)
    train.start()
    qtbot.waitUntil(lambda: train.curves.point_count("step_loss") >= 3, timeout=30_000)
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    asked: list[str] = []

    def fake_question(_parent, title, text, *args, **kwargs):
        asked.append(title)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", fake_question)
    assert not win.close()  # "No": the window stays and training goes on
    assert win.isVisible() and train.is_running()
    assert win.close()  # "Yes": stops, saves, closes
    assert asked == ["Training is running", "Training is running"]
    assert not train.session.runner.is_running()
    run_dir = train.session.config.out
    weights, meta = load_model_file(f"{run_dir}/last.safetensors")
    assert weights and meta["partial_epoch_steps"] > 0


def test_step_rate_and_eta_text():
    rate = StepRate()
    for i in range(11):
        rate.add(i * 10, now=100.0 + i * 0.5)  # 10 steps every half second
    assert rate.per_second() == pytest.approx(20.0)
    assert format_eta(75) == "1:15" and format_eta(3725) == "1:02:05"


def test_instructor_flow_article_cnn_trains_then_classifies_and_evaluates(qtbot, window, warnings, runs_root, tmp_path):
    """Launch -> Train tab -> the article's CNN on shapes -> Start -> Use in Classify -> evaluate."""
    from imgstudio.core.ml.shapes import make_shapes_folder

    window.tabs.setCurrentWidget(window.train)
    train = window.train
    qtbot.waitUntil(lambda: train.form.catalogue is not None, timeout=30_000)
    train.form.runs_edit.setText(str(runs_root))
    qtbot.mouseClick(train.form.article_button, Qt.MouseButton.LeftButton)
    train.form.train_count.setValue(200)  # the classroom default is larger; a test must be quick
    train.form.val_count.setValue(60)
    train.form.epochs_spin.setValue(1)
    qtbot.mouseClick(train.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: train.curves.point_count("step_loss") > 0, timeout=60_000)
    assert "article-cnn" in train.log.toPlainText() and "parameters" in train.log.toPlainText()
    wait_done(qtbot, train)
    assert train.last_summary["model"] == "article-cnn" and train.last_summary["status"] == "finished"
    qtbot.mouseClick(train.classify_button, Qt.MouseButton.LeftButton)
    classify = window.classify
    assert window.tabs.currentWidget() is classify
    qtbot.waitUntil(lambda: classify.model is not None, timeout=30_000)
    assert classify.model.classes == train.last_summary["classes"]
    folder = make_shapes_folder(tmp_path / "labelled", per_class=3, image_size=64, seed=5)
    classify.evaluate_folder(str(folder))
    qtbot.waitUntil(lambda: classify.evaluation is not None, timeout=60_000)
    assert int(classify.evaluation.matrix.sum()) == 15
    assert warnings == []


def test_augmenting_with_the_preprocess_pipeline_and_previewing_it(qtbot, tab, warnings):
    from imgstudio.core.pipeline import Pipeline, Step

    pipeline = Pipeline([Step("rotate", {"angle": {"min": -30.0, "max": 30.0}})])
    tab.form.pipeline_source = lambda: pipeline
    small_run(tab)
    form = tab.form
    form.augment_combo.setCurrentIndex(form.augment_combo.findData("preprocess"))
    assert form.config().augment == pipeline.to_json()
    assert tab.form.config().command_line() is None  # a pipeline needs --config: no flag for it
    qtbot.mouseClick(tab.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.preview_dialog is not None, timeout=30_000)
    labels = [w for w in tab.preview_dialog.findChildren(type(tab.progress_label)) if w.pixmap() is not None]
    assert len(labels) == 12 and all(not label.pixmap().isNull() for label in labels)
    assert labels[0].pixmap().width() == 128  # 32-px images shown enlarged
    assert warnings == []
    tab.preview_dialog.close()


def test_a_broken_augmentation_file_is_refused_and_augmentation_stays_off(tab, warnings, tmp_path):
    bad = tmp_path / "aug.json"
    bad.write_text('{"format": "imgstudio-pipeline", "version": 1, "steps": [{"op": "rotat"}]}')
    assert not tab.form.load_augment_file(str(bad))
    assert warnings and "rotat" in warnings[-1][1]
    assert tab.form.augment_combo.currentData() == "none" and tab.form.config().augment is None
