"""The Train panel: design a run, watch it learn, pause, resume, stop, compare.

The form (:class:`TrainForm`) builds a :class:`TrainConfig`, the same object
``imgstudio train`` reads, and a :class:`TrainingSession` runs the engine on it in a
worker thread. The curves, progress and log follow the session's batched signals.
"""

from __future__ import annotations

import shlex
import time
from collections import deque
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QGuiApplication, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from imgstudio.core.jobs import JobContext
from imgstudio.core.ml.config import ConfigError, TrainConfig
from imgstudio.core.ml.runs import default_runs_root, list_runs, new_run_dir, read_epoch_metrics, run_model_file
from imgstudio.core.settings import Settings
from imgstudio.ui.language import format_float, format_int, tr_core
from imgstudio.ui.messages import StatusWarnings
from imgstudio.ui.training import TrainingSession
from imgstudio.ui.widgets.qimage import to_qimage
from imgstudio.ui.widgets.train_form import TrainForm
from imgstudio.ui.widgets.training_curves import TrainingCurves
from imgstudio.ui.workers import JobRunner

PREVIEW_COUNT = 12
RUN_STATUS = {
    "finished": QT_TRANSLATE_NOOP("TrainTab", "finished"),
    "stopped": QT_TRANSLATE_NOOP("TrainTab", "stopped"),
    "stopped early": QT_TRANSLATE_NOOP("TrainTab", "stopped early"),
}
"""How the engine says a run ended, for translation."""


def augmentation_samples(config: TrainConfig, ctx: JobContext) -> list[np.ndarray]:
    """Training images as the run would see them (runs in a worker)."""
    from imgstudio.core.ml.datasets import preview_augmentation
    from imgstudio.core.ml.tasks import data_config

    ctx.check()
    return preview_augmentation(data_config(config), PREVIEW_COUNT, seed=int(time.time()) % 10_000)


def format_eta(seconds: float) -> str:
    """m:ss, or h:mm:ss from an hour up."""
    seconds = int(max(0, seconds))
    hours, minutes, secs = seconds // 3600, seconds // 60 % 60, seconds % 60
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class StepRate:
    """Steps per second over the last few seconds."""

    WINDOW_S = 5.0

    def __init__(self) -> None:
        self.samples: deque[tuple[float, int]] = deque()

    def add(self, step: int, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        self.samples.append((now, step))
        while len(self.samples) > 2 and now - self.samples[0][0] > self.WINDOW_S:
            self.samples.popleft()

    def per_second(self) -> float:
        if len(self.samples) < 2:
            return 0.0
        (t0, s0), (t1, s1) = self.samples[0], self.samples[-1]
        return (s1 - s0) / (t1 - t0) if t1 > t0 else 0.0


class TrainTab(StatusWarnings, QWidget):
    """Form on the left, buttons, progress, live curves and the run log on the right."""

    sigStatus = Signal(str)
    sigModelReady = Signal(str)
    """A model file the user wants to use in the Classify tab."""
    sigRunningChanged = Signal(bool)

    def __init__(self, settings: Settings | None = None, pipeline_source: Any = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.session: TrainingSession | None = None
        self._preview_runner: JobRunner | None = None
        self.preview_dialog: QDialog | None = None
        self.last_summary: dict[str, Any] | None = None
        self._last_step: dict[str, Any] | None = None
        self.rate = StepRate()
        self.form = TrainForm(settings, pipeline_source)
        self.form.sigStatus.connect(self.sigStatus)
        self.form.sigWarning.connect(self._warn)
        self.form.sigCatalogueReady.connect(self._update_controls)
        self._build()
        self._update_controls()

    def _build(self) -> None:
        self.save_config_button = QPushButton(self.tr("Save config…"))
        self.save_config_button.setToolTip(self.tr("Save these settings as JSON for `imgstudio train --config`"))
        self.save_config_button.clicked.connect(lambda: self.save_config())
        self.load_config_button = QPushButton(self.tr("Load config…"))
        self.load_config_button.setToolTip(self.tr("Fill the form from a saved configuration"))
        self.load_config_button.clicked.connect(lambda: self.load_config())
        self.copy_cli_button = QPushButton(self.tr("Copy CLI command"))
        self.copy_cli_button.setToolTip(self.tr("The `imgstudio train` command that runs these settings headless"))
        self.copy_cli_button.clicked.connect(self.copy_cli_command)
        self.preview_button = QPushButton(self.tr("Preview training images…"))
        self.preview_button.setToolTip(self.tr("A grid of training images as the model will see them"))
        self.preview_button.clicked.connect(self.preview_augmentation)
        config_row = QHBoxLayout()
        for b in (self.save_config_button, self.load_config_button, self.copy_cli_button):
            config_row.addWidget(b)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.form)
        left_layout.addWidget(self.preview_button)
        left_layout.addLayout(config_row)
        scroll = QScrollArea()
        scroll.setWidget(left)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(left.sizeHint().width() + scroll.verticalScrollBar().sizeHint().width() + 4)

        self.start_button = QPushButton(self.tr("Start"))
        self.start_button.setShortcut("Ctrl+Return")
        self.start_button.clicked.connect(self.start)
        self.pause_button = QPushButton(self.tr("Pause"))
        self.pause_button.setToolTip(self.tr("Pause after the current step; click again to resume"))
        self.pause_button.clicked.connect(self.toggle_pause)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Stop after the current step; the weights so far are saved"))
        self.stop_button.clicked.connect(self.stop)
        self.resume_run_button = QPushButton(self.tr("Continue a run…"))
        self.resume_run_button.setToolTip(self.tr("Continue a stopped or finished run from its last checkpoint"))
        self.resume_run_button.clicked.connect(self.choose_run_to_continue)
        self.classify_button = QPushButton(self.tr("Use in Classify"))
        self.classify_button.setToolTip(self.tr("Open this run's best model in the Classify tab"))
        self.classify_button.clicked.connect(self._use_in_classify)
        buttons = QHBoxLayout()
        for b in (self.start_button, self.pause_button, self.stop_button, self.resume_run_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.classify_button)

        self.progress = QProgressBar()
        self.progress_label = QLabel(self.tr("Not running"))
        self.progress_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.curves = TrainingCurves()
        self.compare_combo = QComboBox()
        self.compare_combo.setToolTip(self.tr("Overlay another run's epoch curves, dashed"))
        self.compare_combo.activated.connect(self._on_compare_chosen)
        compare_row = QHBoxLayout()
        compare_row.addWidget(QLabel(self.tr("Compare with:")))
        compare_row.addWidget(self.compare_combo, 1)
        self.log = QPlainTextEdit()
        self.log.setReadOnly(True)
        self.log.setMaximumBlockCount(2000)
        self.log.setToolTip(self.tr("What the run reports: device, data, each epoch, the result"))

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addLayout(buttons)
        right_layout.addWidget(self.progress)
        right_layout.addWidget(self.progress_label)
        right_layout.addWidget(self.curves, 1)
        right_layout.addLayout(compare_row)
        log_split = QSplitter(Qt.Orientation.Vertical)
        log_split.addWidget(right)
        log_split.addWidget(self.log)
        log_split.setStretchFactor(0, 5)
        log_split.setStretchFactor(1, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(scroll)
        splitter.addWidget(log_split)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh_runs()

    def use_article_demo(self) -> None:
        self.form.use_article_demo()

    def start(self) -> TrainingSession | None:
        """Start a new run with the form's settings."""
        if self.is_running():
            return None
        try:
            config = self.form.config()
            runs_root = self.form.runs_edit.text().strip() or None
            config.out = str(new_run_dir(runs_root, config.model))
            config.validate()
        except ConfigError as exc:
            self._warn(self.tr("Cannot start training"), str(exc))
            return None
        self.form.remember(config)
        return self._launch(config, resume=False)

    def continue_run(self, run_dir: str) -> TrainingSession | None:
        """Continue ``run_dir`` from its last checkpoint, for the form's number of epochs if more."""
        if self.is_running():
            return None
        try:
            from imgstudio.core.ml.engine import resume_config

            config = resume_config(run_dir)
        except (ConfigError, ValueError, OSError) as exc:
            self._warn(self.tr("Cannot continue this run"), str(exc))
            return None
        config.epochs = max(config.epochs, self.form.epochs_spin.value())
        self.form.set_config(config)
        return self._launch(config, resume=True)

    def choose_run_to_continue(self) -> None:
        root = self.form.runs_edit.text().strip() or str(default_runs_root())
        folder = QFileDialog.getExistingDirectory(self, self.tr("Run folder to continue"), root)
        if folder:
            self.continue_run(folder)

    def _launch(self, config: TrainConfig, resume: bool) -> TrainingSession:
        session = TrainingSession(config, resume=resume, parent=self)
        session.sigStarted.connect(self._on_started)
        session.sigSteps.connect(self._on_steps)
        session.sigEpoch.connect(self._on_epoch)
        session.sigFinished.connect(self._on_finished)
        session.sigFailed.connect(self._on_failed)
        self.session = session
        self.last_summary = None
        self._last_step = None
        self.rate = StepRate()
        self.curves.reset(1)
        self.progress.setValue(0)
        self.progress_label.setText(self.tr("Preparing the data and the model…"))
        self.log.appendPlainText((self.tr("Continuing {0}") if resume else self.tr("Starting {0}")).format(config.out))
        session.start()
        self._update_controls()
        self.sigRunningChanged.emit(True)
        return session

    def toggle_pause(self) -> None:
        if not self.is_running() or self.session is None:
            return
        if self.session.paused:
            self.session.resume_training()
            self.sigStatus.emit(self.tr("Training resumed"))
        else:
            self.session.pause()
            self.sigStatus.emit(self.tr("Training paused"))
        self._update_controls()
        if self._last_step is not None:
            self._show_progress(self._last_step)

    def stop(self) -> None:
        if self.is_running() and self.session is not None:
            self.session.stop()
            self.progress_label.setText(self.tr("Stopping after the current step…"))
            self._update_controls()

    def is_running(self) -> bool:
        return self.session is not None and self.session.is_running()

    def stop_and_wait(self, msecs: int = 120_000) -> bool:
        """Stop the run and wait for the engine to save (used when the window closes)."""
        if self.session is None:
            return True
        self.session.stop()
        return self.session.wait(msecs)

    # -- session events ---------------------------------------------------------------------
    def _on_started(self, info: dict[str, Any]) -> None:
        self.curves.reset(int(info["steps_per_epoch"]), int(info["epochs"]))
        self.progress.setRange(0, int(info["epochs"]) * int(info["steps_per_epoch"]))
        lines = [
            self.tr("{0}: {1} parameters on {2}").format(info["model"], format_int(info["parameters"]), info["device"]),
            self.tr("data: {0} training / {1} validation images; classes: {2}").format(
                format_int(info["train_size"]), format_int(info["val_size"]), ", ".join(info["classes"])
            ),
            self.tr("run folder: {0}").format(info["out"]),
        ]
        if info.get("note"):
            lines.append(self.tr("note: {0}").format(info["note"]))
        self.log.appendPlainText("\n".join(lines))

    def _on_steps(self, steps: list[dict[str, Any]]) -> None:
        self.curves.add_steps(steps)
        last = steps[-1]
        self.rate.add(int(last["step"]))
        self.progress.setValue(int(last["step"]))
        self._last_step = last
        self._show_progress(last)

    def _show_progress(self, last: dict[str, Any]) -> None:
        if self.session is None:
            return
        info = self.session.info
        total = self.progress.maximum()
        per_second = self.rate.per_second()
        images = per_second * self.session.config.batch_size
        eta = (total - int(last["step"])) / per_second if per_second > 0 else None
        parts = [
            self.tr("epoch {0}/{1}").format(last["epoch"], info.get("epochs", "?")),
            self.tr("step {0}/{1}").format(format_int(last["step"]), format_int(total)),
            self.tr("loss {0}").format(format_float(last["loss"], 4)),
            self.tr("{0} images/s").format(format_int(round(images))) if images else "",
            self.tr("ETA {0}").format(format_eta(eta)) if eta is not None else "",
        ]
        if self.session.paused:
            parts.append(self.tr("paused"))
        self.progress_label.setText("  ·  ".join(p for p in parts if p))

    def _on_epoch(self, m: dict[str, Any]) -> None:
        self.curves.add_epoch(m)
        self.log.appendPlainText(
            self.tr("epoch {0}: loss {1} acc {2}  val_loss {3} val_acc {4}  {5} img/s").format(
                m["epoch"],
                format_float(m["train_loss"], 4),
                format_float(m["train_accuracy"], 3),
                format_float(m["val_loss"], 4),
                format_float(m["val_accuracy"], 3),
                format_int(round(m["images_per_s"])),
            )
        )

    def _on_finished(self, summary: dict[str, Any]) -> None:
        self.last_summary = summary
        best = summary.get("best")
        status = summary["status"]
        text = self.tr("Run {0}: {1} epoch(s) of {2}").format(
            self.tr(RUN_STATUS[status]) if status in RUN_STATUS else status, summary["epochs_done"], summary["epochs"]
        )
        if best is not None:
            text += self.tr(", best {0} {1} (epoch {2})").format(
                tr_core(summary["monitor"]), format_float(best, 3), summary["best_epoch"]
            )
        self.progress_label.setText(text)
        self.log.appendPlainText(text + f"\n{summary['out']}")
        self.sigStatus.emit(text)
        self._end_session()

    def _on_failed(self, message: str) -> None:
        self.progress_label.setText(self.tr("Training failed"))
        self.log.appendPlainText(self.tr("error: {0}").format(message))
        self._end_session()
        self._warn(self.tr("Training failed"), message)

    def _end_session(self) -> None:
        self._update_controls()
        self.refresh_runs()
        self.sigRunningChanged.emit(False)

    # -- comparison ----------------------------------------------------------------------
    def refresh_runs(self) -> None:
        """Fill "Compare with" from the runs folder."""
        root = self.form.runs_edit.text().strip() or None
        current = self.compare_combo.currentData()
        self.compare_combo.blockSignals(True)
        self.compare_combo.clear()
        self.compare_combo.addItem(self.tr("(none)"), "")
        for record in [r for r in list_runs(root) if r.row()["task"] == "classify"][:50]:
            row = record.row()
            acc = row["val_accuracy"]
            label = self.tr("{0} — {1}, {2} epochs").format(record.path.name, row["model"], row["epochs"])
            label += self.tr(", val acc {0}").format(format_float(acc, 3)) if isinstance(acc, float) else ""
            self.compare_combo.addItem(label, str(record.path))
        index = self.compare_combo.findData(current)
        self.compare_combo.setCurrentIndex(max(0, index))
        self.compare_combo.blockSignals(False)

    def _on_compare_chosen(self) -> None:
        self.compare_with(self.compare_combo.currentData() or "")

    def compare_with(self, run_dir: str) -> None:
        """Overlay ``run_dir``'s epoch curves ("" removes the overlay)."""
        if not run_dir:
            self.curves.clear_overlay()
            return
        epochs = read_epoch_metrics(run_dir)
        if not epochs:
            self.sigStatus.emit(self.tr("{0} has no finished epoch to compare with").format(Path(run_dir).name))
            self.curves.clear_overlay()
            return
        self.curves.set_overlay(Path(run_dir).name, epochs)

    # -- config files and CLI ----------------------------------------------------------------
    def save_config(self, path: str | None = None) -> str | None:
        try:
            config = self.form.config()
        except ConfigError as exc:
            self._warn(self.tr("Cannot save the configuration"), str(exc))
            return None
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save training configuration"), "", self.tr("JSON (*.json)")
            )
        if not path:
            return None
        try:
            config.save(path)
        except OSError as exc:
            self._warn(self.tr("Cannot save the configuration"), f"{path}: {exc}")
            return None
        self.sigStatus.emit(self.tr("Saved {0}").format(Path(path).name))
        return path

    def load_config(self, path: str | None = None) -> bool:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Training configuration"), "", self.tr("JSON (*.json)"))
        if not path:
            return False
        try:
            config = TrainConfig.load(path)
        except ConfigError as exc:
            self._warn(self.tr("Cannot load the configuration"), str(exc))
            return False
        self.form.set_config(config)
        self.sigStatus.emit(self.tr("Loaded {0}").format(Path(path).name))
        return True

    def cli_command(self) -> str | None:
        """The shell command that runs the form's settings with ``imgstudio train``."""
        try:
            config = self.form.config()
        except ConfigError as exc:
            self._warn(self.tr("Cannot make the command"), str(exc))
            return None
        args = config.command_line()
        if args is None:
            path = self.save_config()
            if not path:
                return None
            args = ["imgstudio", "train", "--config", path]
        return shlex.join(args)

    def copy_cli_command(self) -> None:
        command = self.cli_command()
        if command:
            QGuiApplication.clipboard().setText(command)
            self.sigStatus.emit(self.tr("Copied: {0}").format(command))

    # -- augmentation preview --------------------------------------------------------------
    def preview_augmentation(self) -> None:
        try:
            config = self.form.config()
            config.out = "preview"
            config.validate()
        except ConfigError as exc:
            self._warn(self.tr("Cannot preview"), str(exc))
            return
        if self._preview_runner is not None and self._preview_runner.is_running():
            return
        runner = JobRunner(lambda ctx: augmentation_samples(config, ctx), self)
        runner.sigResult.connect(self._show_preview)
        runner.sigError.connect(lambda msg: self._warn(self.tr("Cannot preview"), msg))
        runner.sigFinished.connect(self._update_controls)
        self._preview_runner = runner
        runner.start()
        self.preview_button.setEnabled(False)
        self.sigStatus.emit(self.tr("Preparing the preview…"))

    def _show_preview(self, images: list[np.ndarray]) -> QDialog:
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Training images as the model sees them"))
        grid = QGridLayout(dialog)
        side = 128
        for i, img in enumerate(images):
            label = QLabel()
            pixmap = QPixmap.fromImage(to_qimage(img)).scaled(
                side, side, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation
            )
            label.setPixmap(pixmap)
            grid.addWidget(label, i // 4, i % 4)
        self.preview_dialog = dialog
        dialog.show()
        return dialog

    # -- helpers ---------------------------------------------------------------------------
    def _use_in_classify(self) -> None:
        run = self.last_summary["out"] if self.last_summary else None
        model = run_model_file(run) if run else None
        if model is not None:
            self.sigModelReady.emit(str(model))

    def _update_controls(self) -> None:
        running = self.is_running()
        self.form.update_controls(running)
        ready = self.form.catalogue is not None
        self.start_button.setEnabled(ready and not running)
        self.start_button.setToolTip(
            self.tr("Train with these settings in a new run folder (Ctrl+Return)")
            if ready
            else self.tr("Waiting for the model list")
        )
        self.resume_run_button.setEnabled(ready and not running)
        self.load_config_button.setEnabled(not running)
        stopping = bool(self.session and self.session.runner.ctx.cancelled)
        paused = bool(running and self.session and self.session.paused)
        self.pause_button.setEnabled(running and not stopping)
        self.pause_button.setText(self.tr("Resume") if paused else self.tr("Pause"))
        self.stop_button.setEnabled(running and not stopping)
        self.preview_button.setEnabled(not (self._preview_runner is not None and self._preview_runner.is_running()))
        run = self.last_summary["out"] if self.last_summary and not running else None
        self.classify_button.setEnabled(bool(run and run_model_file(run)))

    def shutdown(self) -> None:
        """Stop a running job and wait for it (the window is closing)."""
        self.stop_and_wait()
        self.form.shutdown()
        if self._preview_runner is not None:
            self._preview_runner.cancel()
            self._preview_runner.wait()
