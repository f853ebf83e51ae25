"""The Generate tab's Train page: a DCGAN or VAE trained live by the same engine and worker as
the Train panel (``TrainingSession``), with its losses and the fixed-noise samples that turn
from noise into images as it learns."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from imgstudio.core.ml.config import ConfigError, TrainConfig
from imgstudio.core.ml.runs import new_run_dir
from imgstudio.ui.training import TrainingSession
from imgstudio.ui.widgets.image_view import ImageView

FOLDER = "folder"
CURVE_COLOURS = ("#4da3ff", "#ff9f40", "#7ddc6f", "#e86bd8")


class MetricCurves(pg.PlotWidget):
    """Whatever step metrics a task reports (GAN: d_loss, g_loss; VAE: loss, recon, kl), one curve each."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setBackground("#26282c")
        self.setMenuEnabled(False)
        self.addLegend(offset=(-10, 10))
        self.showGrid(x=True, y=True, alpha=0.2)
        self.setLabel("bottom", self.tr("step"))
        self.curves: dict[str, tuple[pg.PlotDataItem, list[float], list[float]]] = {}
        self.keys: tuple[str, ...] = ()

    def reset(self, keys: tuple[str, ...]) -> None:
        self.clear()
        self.curves = {}
        self.keys = keys
        for key, colour in zip(keys, CURVE_COLOURS, strict=False):
            self.curves[key] = (self.plot([], [], pen=pg.mkPen(colour, width=1.5), name=key), [], [])

    def add_steps(self, steps: list[dict[str, Any]]) -> None:
        for key, (item, xs, ys) in self.curves.items():
            for s in steps:
                if key in s:
                    xs.append(float(s["step"]))
                    ys.append(float(s[key]))
            item.setData(xs, ys)

    def point_count(self, key: str) -> int:
        return len(self.curves[key][1]) if key in self.curves else 0


class GenerateTrainPage(QWidget):
    """Model, data and length of a generator run; Start/Pause/Stop; curves and live samples."""

    sigStatus = Signal(str)
    sigModelReady = Signal(str)
    """A run ended with a model file (its path)."""

    def __init__(self, runs_root: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runs_root = runs_root
        self.session: TrainingSession | None = None
        self.run_dir = ""
        self.samples: np.ndarray | None = None
        self.model_combo = QComboBox()
        self.model_combo.addItem(self.tr("DCGAN (generator and discriminator)"), "dcgan")
        self.model_combo.addItem(self.tr("Conditional DCGAN (one class at a time)"), "cdcgan")
        self.model_combo.addItem(self.tr("VAE (encoder and decoder)"), "vae")
        self.data_combo = QComboBox()
        self.data_combo.addItem(self.tr("Built-in shapes (no download)"), "synthetic:shapes")
        self.data_combo.addItem(self.tr("MNIST digits (torchvision)"), "torchvision:mnist")
        self.data_combo.addItem(self.tr("Fashion-MNIST (torchvision)"), "torchvision:fashion-mnist")
        self.data_combo.addItem(self.tr("A folder of images…"), FOLDER)
        self.data_combo.activated.connect(self._on_data_chosen)
        self.folder = ""
        self.size_combo = QComboBox()
        for size in (32, 64):
            self.size_combo.addItem(f"{size} × {size}", size)
        self.channels_combo = QComboBox()
        self.channels_combo.addItem(self.tr("RGB"), 3)
        self.channels_combo.addItem(self.tr("Grayscale"), 1)
        self.epochs_spin = QSpinBox()
        self.epochs_spin.setRange(1, 1000)
        self.epochs_spin.setValue(20)
        self.images_spin = QSpinBox()
        self.images_spin.setRange(64, 100_000)
        self.images_spin.setSingleStep(500)
        self.images_spin.setValue(2000)
        self.images_spin.setToolTip(self.tr("How many built-in shapes to train on"))
        self.every_spin = QSpinBox()
        self.every_spin.setRange(5, 10_000)
        self.every_spin.setValue(25)
        self.every_spin.setToolTip(self.tr("Draw the fixed-noise samples every this many steps"))
        form = QFormLayout()
        form.addRow(self.tr("Model"), self.model_combo)
        form.addRow(self.tr("Data"), self.data_combo)
        form.addRow(self.tr("Image size"), self.size_combo)
        form.addRow(self.tr("Channels"), self.channels_combo)
        form.addRow(self.tr("Epochs"), self.epochs_spin)
        form.addRow(self.tr("Shapes to train on"), self.images_spin)
        form.addRow(self.tr("Samples every (steps)"), self.every_spin)
        self.start_button = QPushButton(self.tr("Start"))
        self.start_button.clicked.connect(self.start)
        self.pause_button = QPushButton(self.tr("Pause"))
        self.pause_button.setCheckable(True)
        self.pause_button.toggled.connect(self._on_pause)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Stop after this step; what was learnt is saved"))
        self.stop_button.clicked.connect(self.stop)
        self.gif_button = QPushButton(self.tr("Save samples as GIF…"))
        self.gif_button.setToolTip(self.tr("The fixed-noise samples of the run, from noise to images"))
        self.gif_button.clicked.connect(self.choose_gif)
        buttons = QHBoxLayout()
        for button in (self.start_button, self.pause_button, self.stop_button):
            buttons.addWidget(button)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addLayout(buttons)
        left.addWidget(self.gif_button)
        left.addStretch(1)
        self.progress = QProgressBar()
        self.status = QLabel(self.tr("Press Start: the samples on the right begin as noise"))
        self.status.setWordWrap(True)
        self.warning = QLabel()
        self.warning.setStyleSheet("color: #d9822b")
        self.warning.setWordWrap(True)
        self.curves = MetricCurves()
        self.samples_view = ImageView(self.tr("Fixed-noise samples"))
        right = QHBoxLayout()
        middle = QVBoxLayout()
        middle.addWidget(self.progress)
        middle.addWidget(self.status)
        middle.addWidget(self.warning)
        middle.addWidget(self.curves, 1)
        right.addLayout(middle, 1)
        right.addWidget(self.samples_view, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left)
        layout.addLayout(right, 1)
        self._update_buttons()

    # -- configuration -------------------------------------------------------------------------
    def _on_data_chosen(self) -> None:
        if self.data_combo.currentData() != FOLDER:
            return
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder of images to learn from"))
        if folder:
            self.folder = folder
            self.data_combo.setItemText(self.data_combo.currentIndex(), Path(folder).name)
        else:
            self.data_combo.setCurrentIndex(0)

    def config(self) -> TrainConfig:
        data = self.data_combo.currentData()
        if data == FOLDER:
            if not self.folder:
                raise ConfigError("choose a folder of images first")
            data = self.folder
        model = self.model_combo.currentData()
        config = TrainConfig.for_task(
            "generate",
            model=model,
            data=data,
            image_size=int(self.size_combo.currentData()),
            channels=int(self.channels_combo.currentData()),
            epochs=self.epochs_spin.value(),
            synthetic_train=self.images_spin.value(),
            synthetic_val=max(64, self.images_spin.value() // 10),
            sample_every=self.every_spin.value(),
        )
        config.out = str(new_run_dir(self.runs_root or None, model))
        return config.validate()

    # -- the run ---------------------------------------------------------------------------------
    def start(self) -> TrainingSession | None:
        if self.is_running():
            return None
        try:
            config = self.config()
        except (ConfigError, ValueError) as exc:
            self._warn(self.tr("Cannot start"), str(exc))
            return None
        self.run_dir = config.out
        session = self.session = TrainingSession(config, parent=self)
        session.sigStarted.connect(self._on_started)
        session.sigSteps.connect(self._on_steps)
        session.sigEpoch.connect(self._on_epoch)
        session.sigSamples.connect(self._on_samples)
        session.sigFinished.connect(self._on_finished)
        session.sigFailed.connect(self._on_failed)
        self.warning.clear()
        self.status.setText(self.tr("Loading the data and building the model…"))
        self.progress.setRange(0, 0)
        session.start()
        self._update_buttons()
        return session

    def is_running(self) -> bool:
        return self.session is not None and self.session.is_running()

    def stop(self) -> None:
        if self.session is not None:
            self.session.stop()

    def _on_pause(self, paused: bool) -> None:
        if self.session is None:
            return
        if paused:
            self.session.pause()
            self.status.setText(self.tr("Paused"))
        else:
            self.session.resume_training()

    def _on_started(self, info: dict[str, Any]) -> None:
        self.total_steps = max(1, info["steps_per_epoch"] * info["epochs"])
        self.progress.setRange(0, self.total_steps)
        keys = tuple(info.get("step_metrics") or ())
        self.curves.reset(keys or ("d_loss", "g_loss", "loss", "recon", "kl"))
        self.status.setText(
            self.tr("{0} on {1}: {2} images, {3} steps per epoch").format(
                info["model"], info["device"], info["train_size"], info["steps_per_epoch"]
            )
        )

    def _on_steps(self, steps: list[dict[str, Any]]) -> None:
        self.curves.add_steps(steps)
        last = steps[-1]
        self.progress.setValue(int(last["step"]))
        shown = "  ".join(f"{k} {last[k]:.3f}" for k in self.curves.keys if k in last)
        self.status.setText(self.tr("Epoch {0} · step {1} · {2}").format(last["epoch"], last["step"], shown))

    def _on_epoch(self, metrics: dict[str, Any]) -> None:
        if metrics.get("warning"):
            self.warning.setText(str(metrics["warning"]))

    def _on_samples(self, samples: dict[str, Any]) -> None:
        self.samples = samples["image"]
        self.samples_view.set_image(self.samples)
        self.samples_view.title.setText(self.tr("Fixed-noise samples at step {0}").format(samples["step"]))

    def _on_finished(self, summary: dict[str, Any]) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.status.setText(self.tr("{0}: {1} steps").format(summary.get("status", ""), summary.get("steps", 0)))
        if summary.get("warning"):
            self.warning.setText(str(summary["warning"]))
        self._update_buttons()
        model = summary.get("best_model") or summary.get("last_model")
        if model and Path(model).is_file():
            self.sigModelReady.emit(model)
        self.sigStatus.emit(self.tr("Generator training {0}").format(summary.get("status", "")))

    def _on_failed(self, message: str) -> None:
        self.progress.setRange(0, 1)
        self.status.setText(self.tr("Training failed: {0}").format(message))
        self._update_buttons()
        self._warn(self.tr("Training failed"), message)

    def _update_buttons(self) -> None:
        running = self.is_running()
        self.start_button.setEnabled(not running)
        self.pause_button.setEnabled(running)
        self.stop_button.setEnabled(running)
        self.gif_button.setEnabled(bool(self.run_dir) and not running)
        if not running:
            self.pause_button.setChecked(False)

    # -- GIF -----------------------------------------------------------------------------------
    def choose_gif(self) -> None:
        start = str(Path(self.run_dir) / "samples.gif")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save samples as GIF"), start, "GIF (*.gif)")
        if path:
            self.save_gif(path)

    def save_gif(self, path: str) -> bool:
        from imgstudio.core.ml.generative.media import samples_gif

        try:
            samples_gif(self.run_dir, path)
        except (OSError, ValueError) as exc:
            self._warn(self.tr("Cannot save the GIF"), str(exc))
            return False
        self.sigStatus.emit(self.tr("Saved {0}").format(Path(path).name))
        return True

    def _warn(self, title: str, message: str) -> None:
        self.sigStatus.emit(message)
        QMessageBox.warning(self, title, message)

    def shutdown(self) -> None:
        if self.session is not None and self.session.is_running():
            self.session.stop()
            self.session.wait()
