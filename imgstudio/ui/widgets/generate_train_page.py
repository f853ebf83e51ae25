"""The Generate tab's Train page: a DCGAN or VAE trained live by the same engine and worker as
the Train panel (``TrainingSession``), with its losses and the fixed-noise samples that turn
from noise into images as it learns."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtWidgets import QComboBox, QFileDialog, QFormLayout, QPushButton, QSpinBox, QWidget

from imgstudio.core.ml.config import ConfigError, TrainConfig
from imgstudio.core.ml.runs import new_run_dir
from imgstudio.ui.training import TrainingSession
from imgstudio.ui.widgets.image_view import ImageView
from imgstudio.ui.widgets.task_train_page import TaskTrainPage

FOLDER = "folder"


class GenerateTrainPage(TaskTrainPage):
    """Model, data and length of a generator run; Start/Pause/Stop; curves and live samples."""

    DEFAULT_CURVES = ("d_loss", "g_loss", "loss", "recon", "kl")

    def __init__(self, runs_root: str = "", parent: QWidget | None = None) -> None:
        super().__init__(runs_root, parent)
        self.samples: np.ndarray | None = None
        self.model_combo = QComboBox()
        self.model_combo.addItem(self.tr("DCGAN (generator and discriminator)"), "dcgan")
        self.model_combo.addItem(self.tr("Conditional DCGAN (one class at a time)"), "cdcgan")
        self.model_combo.addItem(self.tr("VAE (encoder and decoder)"), "vae")
        self.model_combo.setToolTip(
            self.tr("The kind of generator: a GAN learns against a critic, a VAE learns to rebuild its images")
        )
        self.data_combo = QComboBox()
        self.data_combo.addItem(self.tr("Built-in shapes, plain background (learns fastest)"), "synthetic:shapes-plain")
        self.data_combo.addItem(self.tr("Built-in shapes, noisy backgrounds (harder)"), "synthetic:shapes")
        self.data_combo.addItem(self.tr("MNIST digits (torchvision)"), "torchvision:mnist")
        self.data_combo.addItem(self.tr("Fashion-MNIST (torchvision)"), "torchvision:fashion-mnist")
        self.data_combo.addItem(self.tr("A folder of images…"), FOLDER)
        self.data_combo.setToolTip(self.tr("The images the generator learns to imitate"))
        self.data_combo.activated.connect(self._on_data_chosen)
        self.folder = ""
        self.size_combo = QComboBox()
        for size in (32, 64):
            self.size_combo.addItem(f"{size} × {size}", size)
        self.size_combo.setToolTip(self.tr("Side of the generated images; training images are resized to it"))
        self.channels_combo = QComboBox()
        self.channels_combo.addItem(self.tr("RGB"), 3)
        self.channels_combo.addItem(self.tr("Grayscale"), 1)
        self.channels_combo.setToolTip(self.tr("Generate colour or grayscale images"))
        self.epochs_spin = QSpinBox()
        self.epochs_spin.setRange(1, 1000)
        self.epochs_spin.setValue(20)
        self.epochs_spin.setToolTip(self.tr("How many times training goes through all the training images"))
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
        self.gif_button = QPushButton(self.tr("Save samples as GIF…"))
        self.gif_button.setToolTip(self.tr("The fixed-noise samples of the run, from noise to images"))
        self.gif_button.clicked.connect(self.choose_gif)
        self.status.setText(self.tr("Press Start: the samples on the right begin as noise"))
        self.samples_view = ImageView(self.tr("Fixed-noise samples"))
        self._build(form, [self.gif_button], self.samples_view)

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
                raise ConfigError(self.tr("choose a folder of images first"))
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
    def _connect(self, session: TrainingSession) -> None:
        session.sigSamples.connect(self._on_samples)

    def _on_samples(self, samples: dict[str, Any]) -> None:
        self.samples = samples["image"]
        self.samples_view.set_image(self.samples)
        self.samples_view.title.setText(self.tr("Fixed-noise samples at step {0}").format(samples["step"]))

    def _update_buttons(self) -> None:
        super()._update_buttons()
        self.gif_button.setEnabled(bool(self.run_dir) and not self.is_running())

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
