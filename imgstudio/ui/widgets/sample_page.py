"""The Generate tab's Sample page: images from noise with a trained generator or VAE.

A grid of samples from a seed (same seed, same images), how many, truncation and, for a
conditional model, the class; click a sample to see it large; interpolate between two
samples (linear or spherical) as a strip; a VAE also reconstructs an image. Saves the
grid, the single images, or the interpolation as a GIF.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from imgstudio.core.grid import GridLayout, tile_grid
from imgstudio.core.io import ImageReadError, read_image
from imgstudio.ui.messages import StatusWarnings
from imgstudio.ui.widgets.image_view import ImageView
from imgstudio.ui.workers import JobRunner, JobSet, LatestOnlyRunner

if TYPE_CHECKING:
    from imgstudio.core.ml.generative.sampling import GenerativeModel

ZOOM = 4
"""Samples are 32 or 64 px: the views show them enlarged, with nearest-neighbour pixels."""


def _enlarged(image: np.ndarray, factor: int = ZOOM) -> np.ndarray:
    return np.repeat(np.repeat(image, factor, axis=0), factor, axis=1)


def _load(path: str) -> GenerativeModel:
    from imgstudio.core.ml.generative.sampling import load_generator

    return load_generator(path, "cpu")


class SamplePage(StatusWarnings, QWidget):
    """Sample grid, enlarged sample, interpolation strip and VAE reconstruction."""

    sigStatus = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model: GenerativeModel | None = None
        self.model_path = ""
        self.images: np.ndarray | None = None
        self.layout_info: GridLayout | None = None
        self.strip: np.ndarray | None = None
        self.selected: int | None = None
        self._jobs = JobSet()
        self.load_button = QPushButton(self.tr("Load model…"))
        self.load_button.setToolTip(self.tr("A generator or VAE model file written by a Generate run"))
        self.load_button.clicked.connect(self.choose_model)
        self.model_label = QLabel(self.tr("No model: train one on the Train page, or Load model…"))
        self.seed_spin = QSpinBox()
        self.seed_spin.setRange(0, 2**31 - 1)
        self.seed_spin.setToolTip(self.tr("The same seed always gives the same images"))
        self.count_spin = QSpinBox()
        self.count_spin.setRange(1, 256)
        self.count_spin.setValue(36)
        self.count_spin.setToolTip(self.tr("How many images to draw from the noise into the grid"))
        self.truncation_spin = QDoubleSpinBox()
        self.truncation_spin.setRange(0.0, 4.0)
        self.truncation_spin.setSingleStep(0.1)
        self.truncation_spin.setSpecialValueText(self.tr("off"))
        self.truncation_spin.setToolTip(self.tr("Keep the noise within ± this: less variety, fewer odd images"))
        self.class_combo = QComboBox()
        self.class_combo.setToolTip(self.tr("A conditional model draws this class (or each class in turn)"))
        form = QFormLayout()
        form.addRow(self.tr("Seed"), self.seed_spin)
        form.addRow(self.tr("Samples"), self.count_spin)
        form.addRow(self.tr("Truncation"), self.truncation_spin)
        form.addRow(self.tr("Class"), self.class_combo)
        self.a_spin, self.b_spin = QSpinBox(), QSpinBox()
        self.a_spin.setToolTip(self.tr("Number of the grid's sample the interpolation starts at (click a sample)"))
        self.b_spin.setToolTip(self.tr("Number of the grid's sample the interpolation ends at"))
        self.steps_spin = QSpinBox()
        self.steps_spin.setRange(2, 64)
        self.steps_spin.setValue(10)
        self.steps_spin.setToolTip(self.tr("How many images the interpolation strip has, both ends included"))
        self.mode_combo = QComboBox()
        self.mode_combo.addItem(self.tr("linear"), "linear")
        self.mode_combo.addItem(self.tr("spherical (slerp)"), "slerp")
        self.mode_combo.setToolTip(
            self.tr("How to walk between the two noise vectors: a straight line, or along the sphere (slerp)")
        )
        self.interpolate_button = QPushButton(self.tr("Interpolate"))
        self.interpolate_button.setToolTip(
            self.tr("Show the images in between the two samples as a strip (From, To, Steps and Path above)")
        )
        self.interpolate_button.clicked.connect(self.interpolate)
        form.addRow(self.tr("From sample"), self.a_spin)
        form.addRow(self.tr("To sample"), self.b_spin)
        form.addRow(self.tr("Steps"), self.steps_spin)
        form.addRow(self.tr("Path"), self.mode_combo)
        self.reconstruct_button = QPushButton(self.tr("Reconstruct an image… (VAE)"))
        self.reconstruct_button.setToolTip(self.tr("Encode an image to the latent space and decode it again"))
        self.reconstruct_button.clicked.connect(self.choose_reconstruct)
        self.blend_button = QPushButton(self.tr("Interpolate two images… (VAE)"))
        self.blend_button.setToolTip(
            self.tr("Encode two images and walk the latent space from one to the other (Steps and Path above)")
        )
        self.blend_button.clicked.connect(self.choose_blend)
        self.save_grid_button = QPushButton(self.tr("Save grid…"))
        self.save_grid_button.setToolTip(self.tr("Save the grid of samples as one PNG image"))
        self.save_grid_button.clicked.connect(self.choose_save_grid)
        self.save_images_button = QPushButton(self.tr("Save images to folder…"))
        self.save_images_button.setToolTip(
            self.tr("Save every sample as its own PNG file in a folder; existing files are never replaced")
        )
        self.save_images_button.clicked.connect(self.choose_save_images)
        self.save_gif_button = QPushButton(self.tr("Save interpolation as GIF…"))
        self.save_gif_button.setToolTip(self.tr("Save the interpolation strip as an animated GIF, one frame per step"))
        self.save_gif_button.clicked.connect(self.choose_save_gif)
        left = QVBoxLayout()
        left.addWidget(self.load_button)
        left.addLayout(form)
        for button in (
            self.interpolate_button,
            self.reconstruct_button,
            self.blend_button,
            self.save_grid_button,
            self.save_images_button,
            self.save_gif_button,
        ):
            left.addWidget(button)
        left.addStretch(1)
        self.grid_view = ImageView(self.tr("Samples (click one)"))
        self.grid_view.sigClicked.connect(self._on_grid_clicked)
        self.one_view = ImageView(self.tr("Sample"))
        self.strip_view = ImageView(self.tr("Interpolation"))
        views = QVBoxLayout()
        top = QHBoxLayout()
        top.addWidget(self.grid_view, 2)
        top.addWidget(self.one_view, 1)
        views.addWidget(self.model_label)
        views.addLayout(top, 3)
        views.addWidget(self.strip_view, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left)
        layout.addLayout(views, 1)
        self.runner = LatestOnlyRunner(self._sample, self)
        self.runner.sigResult.connect(lambda _id, images: self._show_samples(images))
        self.runner.sigError.connect(lambda _id, message: self._warn(self.tr("Cannot sample"), message))
        for spin in (self.seed_spin, self.count_spin):
            spin.valueChanged.connect(self.refresh)
        self.truncation_spin.valueChanged.connect(self.refresh)
        self.class_combo.currentIndexChanged.connect(self.refresh)
        self._update_controls()

    # -- model ------------------------------------------------------------------------------------
    def choose_model(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Generator model"), "", "Model (*.safetensors)")
        if path:
            self.load_model(path)

    def load_model(self, path: str) -> JobRunner:
        job = JobRunner(lambda _ctx: _load(path), self)
        job.sigResult.connect(lambda model: self.set_model(path, model))
        job.sigError.connect(lambda message: self._warn(self.tr("Cannot load the model"), message))
        self._start(job)
        return job

    def set_model(self, path: str, model: GenerativeModel) -> None:
        self.model, self.model_path = model, path
        kind = {"vae": self.tr("VAE")}.get(model.spec.name, model.spec.name.upper())
        self.model_label.setText(
            self.tr("{0}: {1}, {2}×{2}, latent {3}").format(
                Path(path).name, kind, model.spec.image_size, model.spec.latent_size
            )
        )
        self.class_combo.blockSignals(True)
        self.class_combo.clear()
        if model.conditional:
            self.class_combo.addItem(self.tr("each class in turn"), None)
            for i, name in enumerate(model.classes):
                self.class_combo.addItem(name, i)
        self.class_combo.blockSignals(False)
        self._update_controls()
        self.refresh()

    # -- samples ----------------------------------------------------------------------------------
    def _truncation(self) -> float | None:
        value = self.truncation_spin.value()
        return value if value > 0 else None

    def refresh(self) -> None:
        if self.model is not None:
            request = (self.model, self.count_spin.value(), self.seed_spin.value(), self._truncation())
            self.runner.submit((*request, self.class_combo.currentData()))

    @staticmethod
    def _sample(request: tuple) -> np.ndarray:
        model, n, seed, truncation, label = request
        return model.sample(n, seed, truncation, label)

    def _show_samples(self, images: np.ndarray) -> None:
        self.images = images
        grid, self.layout_info = tile_grid(images, pad=1)
        self.grid_view.set_image(_enlarged(grid))
        for spin in (self.a_spin, self.b_spin):
            spin.setRange(0, len(images) - 1)
        self.b_spin.setValue(len(images) - 1)
        self.select(min(self.selected or 0, len(images) - 1))
        self._update_controls()

    def _on_grid_clicked(self, x: float, y: float) -> None:
        if self.layout_info is not None:
            index = self.layout_info.tile_at(y / ZOOM, x / ZOOM)
            if index is not None and self.images is not None and index < len(self.images):
                self.select(index)

    def select(self, index: int) -> None:
        """Show sample ``index`` large (and make it the interpolation's start)."""
        if self.images is None:
            return
        self.selected = index
        self.one_view.set_image(_enlarged(self.images[index], 2 * ZOOM))
        self.one_view.title.setText(self.tr("Sample {0} of seed {1}").format(index, self.seed_spin.value()))
        self.a_spin.setValue(index)

    # -- interpolation and reconstruction ----------------------------------------------------------
    def interpolate(self) -> JobRunner | None:
        model = self.model
        if model is None:
            return None
        args = (self.seed_spin.value(), self.a_spin.value(), self.b_spin.value(), self.steps_spin.value())
        mode, truncation, label = self.mode_combo.currentData(), self._truncation(), self.class_combo.currentData()
        job = JobRunner(lambda _ctx: model.interpolate_samples(*args, mode, truncation, label), self)
        job.sigResult.connect(self._show_strip)
        job.sigError.connect(lambda message: self._warn(self.tr("Cannot interpolate"), message))
        self._start(job)
        return job

    def _show_strip(self, frames: np.ndarray) -> None:
        self.strip = frames
        strip, _ = tile_grid(frames, columns=len(frames), pad=1)
        self.strip_view.set_image(_enlarged(strip))
        self.strip_view.title.setText(self.tr("Interpolation: {0} images").format(len(frames)))
        self._update_controls()

    def choose_reconstruct(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Image to reconstruct"))
        if path:
            self.reconstruct(path)

    def reconstruct(self, path: str) -> JobRunner | None:
        model = self.model
        if model is None or not model.is_vae:
            return None
        try:
            image, _ = read_image(path)
        except ImageReadError as exc:
            self._warn(self.tr("Cannot open image"), str(exc))
            return None

        def work(_ctx: Any) -> np.ndarray:
            import cv2

            side = model.spec.image_size
            original = cv2.resize(image[..., :3] if image.ndim == 3 else image, (side, side))
            original = original if original.ndim == 3 else original[..., None]
            rebuilt = model.reconstruct([image])[0]
            if original.shape[2] != rebuilt.shape[2]:
                original = np.repeat(original[..., :1], rebuilt.shape[2], axis=2)
            return np.stack([original.astype(np.uint8), rebuilt])

        job = JobRunner(work, self)
        job.sigResult.connect(self._show_strip)
        job.sigError.connect(lambda message: self._warn(self.tr("Cannot reconstruct"), message))
        self._start(job)
        return job

    def choose_blend(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Two images to interpolate between"))
        if paths:
            self.blend(paths)

    def blend(self, paths: list[str]) -> JobRunner | None:
        """VAE: the path through the latent space from the first image's code to the second's."""
        model = self.model
        if model is None or not model.is_vae:
            return None
        if len(paths) != 2:
            self._warn(
                self.tr("Choose two images"),
                self.tr("Select exactly two images to interpolate between ({0} selected)").format(len(paths)),
            )
            return None
        try:
            images = [read_image(path)[0] for path in paths]
        except ImageReadError as exc:
            self._warn(self.tr("Cannot open image"), str(exc))
            return None
        steps, mode = self.steps_spin.value(), self.mode_combo.currentData()
        job = JobRunner(lambda _ctx: model.interpolate_images(images[0], images[1], steps, mode), self)
        job.sigResult.connect(self._show_strip)
        job.sigError.connect(lambda message: self._warn(self.tr("Cannot interpolate"), message))
        self._start(job)
        return job

    # -- saving ----------------------------------------------------------------------------------
    def choose_save_grid(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save grid"), "samples.png", "PNG (*.png)")
        if path:
            self.save("grid", path)

    def choose_save_images(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the samples"))
        if folder:
            self.save("images", folder)

    def choose_save_gif(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save interpolation"), "interpolation.gif", "GIF (*.gif)")
        if path:
            self.save("gif", path)

    def save(self, what: str, path: str) -> bool:
        """Write the grid (PNG), each sample (PNGs in a folder, never over a file) or the
        interpolation (GIF). The file dialogs have asked before replacing a grid or GIF."""
        from imgstudio.core.ml.generative.media import save_gif, save_grid, save_images

        try:
            if what == "gif":
                if self.strip is None:
                    raise ValueError(self.tr("interpolate first"))
                save_gif(list(self.strip), path, overwrite=True)
            elif self.images is None:
                raise ValueError(self.tr("no samples yet"))
            elif what == "grid":
                save_grid(self.images, path, overwrite=True)
            else:
                save_images(self.images, path)
        except (OSError, ValueError) as exc:
            self._warn(self.tr("Cannot save"), str(exc))
            return False
        self.sigStatus.emit(self.tr("Saved {0}").format(Path(path).name))
        return True

    # -- state -------------------------------------------------------------------------------------
    def _update_controls(self) -> None:
        has_model, has_images = self.model is not None, self.images is not None
        for widget in (self.seed_spin, self.count_spin, self.truncation_spin, self.interpolate_button):
            widget.setEnabled(has_model)
        self.class_combo.setEnabled(has_model and self.model.conditional)  # type: ignore[union-attr]
        for button in (self.reconstruct_button, self.blend_button):
            button.setEnabled(has_model and self.model.is_vae)  # type: ignore[union-attr]
        self.save_grid_button.setEnabled(has_images)
        self.save_images_button.setEnabled(has_images)
        self.save_gif_button.setEnabled(self.strip is not None)

    def _start(self, job: JobRunner) -> None:
        self._jobs.start(job)

    def shutdown(self) -> None:
        self.runner.stop()
        self._jobs.stop_all()
