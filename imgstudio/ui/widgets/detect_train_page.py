"""The Recognise tab's Train page: train a detector (tiny-det, or a torchvision detector) on
the Annotate page's images, an annotation file or folder, or the built-in shapes, by the same
engine and worker as the Train panel; the loss per step and the validation mAP per epoch
are drawn as it learns, and the finished model goes to the Detect and Evaluate pages."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QPushButton,
    QSpinBox,
    QWidget,
)

from imgstudio.core.jobs import JobContext
from imgstudio.core.ml.config import ConfigError, TrainConfig
from imgstudio.core.ml.runs import new_run_dir
from imgstudio.ui.language import tr_core
from imgstudio.ui.widgets.task_train_page import MetricCurves, TaskTrainPage
from imgstudio.ui.workers import JobRunner

SHAPES, ANNOTATE, COCO, FOLDER = "synthetic:shapes-detect", "annotate", "coco", "folder"
DATA_CHOICES = (
    (SHAPES, QT_TRANSLATE_NOOP("DetectTrainPage", "Built-in shapes with boxes (no download)")),
    (ANNOTATE, QT_TRANSLATE_NOOP("DetectTrainPage", "The images of the Annotate page")),
    (COCO, QT_TRANSLATE_NOOP("DetectTrainPage", "COCO annotation file…")),
    (FOLDER, QT_TRANSLATE_NOOP("DetectTrainPage", "VOC or YOLO folder…")),
)
AnnotationSource = tuple[str, str]
"""(annotations: a COCO file or VOC/YOLO folder, images folder or "" to look where the CLI
looks: beside a COCO file or VOC file, YOLO's images/ beside labels/, ...)."""


def load_detector_list(_ctx: JobContext) -> list[tuple[str, str, bool]]:
    """(name, description, has COCO weights) of every registered detector (imports torch)."""
    from imgstudio.core.ml.detection.models import DETECTORS

    return [(s.name, s.description, s.has_pretrained) for s in DETECTORS.values()]


class DetectTrainPage(TaskTrainPage):
    """Data, detector and length of a run; Start/Pause/Stop; loss and mAP curves."""

    sigUseModel = Signal(str)
    """Detect with this model file (the Detect page)."""
    sigEvaluateModel = Signal(str, str, str)
    """Evaluate model file, annotations, images folder (the Evaluate page)."""

    def __init__(
        self,
        runs_root: str = "",
        annotate_source: Callable[[], AnnotationSource | None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runs_root, parent)
        self.annotate_source = annotate_source
        """Returns the Annotate page's (annotations, images), saved, or None when none is open."""
        self.source: AnnotationSource | None = None
        self.trained_on: AnnotationSource | None = None
        self._catalogue: JobRunner | None = None
        self.data_combo = QComboBox()
        for key, label in DATA_CHOICES:
            self.data_combo.addItem(self.tr(label), key)
        self.data_combo.setToolTip(self.tr("Images with boxes to learn from"))
        self.data_combo.activated.connect(self._on_data_chosen)
        self.model_combo = QComboBox()
        self.model_combo.addItem("tiny-det", {"name": "tiny-det", "pretrained": False})
        self.model_combo.setToolTip(self.tr("tiny-det learns the built-in shapes on a CPU in minutes"))
        self.model_combo.currentIndexChanged.connect(lambda: self._update_buttons())
        self.pretrained_check = QCheckBox(self.tr("Start from COCO weights when cached"))
        self.pretrained_check.setToolTip(
            self.tr("Begin with weights learnt on the COCO data set, if already downloaded, instead of random ones")
        )
        self.size_spin = QSpinBox()
        self.size_spin.setRange(64, 1024)
        self.size_spin.setSingleStep(32)
        self.size_spin.setSuffix(" px")
        self.size_spin.setToolTip(self.tr("Images are resized to this square side for training"))
        self.epochs_spin = QSpinBox()
        self.epochs_spin.setRange(1, 1000)
        self.epochs_spin.setToolTip(self.tr("How many times training goes through all the training images"))
        self.batch_spin = QSpinBox()
        self.batch_spin.setRange(1, 256)
        self.batch_spin.setToolTip(
            self.tr("Images per weight update; larger batches need more memory and can train faster")
        )
        self.images_spin = QSpinBox()
        self.images_spin.setRange(50, 100_000)
        self.images_spin.setSingleStep(500)
        self.images_spin.setToolTip(self.tr("How many built-in shapes images to train on"))
        defaults = TrainConfig.for_task("detect")
        self.size_spin.setValue(defaults.image_size)
        self.epochs_spin.setValue(defaults.epochs)
        self.batch_spin.setValue(defaults.batch_size)
        self.images_spin.setValue(defaults.synthetic_train)
        form = QFormLayout()
        form.addRow(self.tr("Data"), self.data_combo)
        form.addRow(self.tr("Detector"), self.model_combo)
        form.addRow("", self.pretrained_check)
        form.addRow(self.tr("Input size"), self.size_spin)
        form.addRow(self.tr("Epochs"), self.epochs_spin)
        form.addRow(self.tr("Batch size"), self.batch_spin)
        form.addRow(self.tr("Shapes to train on"), self.images_spin)
        self.use_button = QPushButton(self.tr("Detect with it"))
        self.use_button.setToolTip(self.tr("Open the Detect page with the trained detector"))
        self.use_button.clicked.connect(lambda: self.sigUseModel.emit(self.model_file))
        self.evaluate_button = QPushButton(self.tr("Evaluate it"))
        self.evaluate_button.setToolTip(
            self.tr("mAP and precision-recall curves on the annotated set it was trained on")
        )
        self.evaluate_button.clicked.connect(self._evaluate)
        self.status.setText(self.tr("Choose the images with boxes, then Start"))
        self.epoch_curves = MetricCurves("epoch", self.tr("Validation mAP"))
        self.epoch_curves.setYRange(0, 1, padding=0.02)
        self._build(form, [self.use_button, self.evaluate_button], self.epoch_curves)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.ensure_catalogue()

    def ensure_catalogue(self) -> None:
        """List the registered detectors in a worker (once): importing them imports torch."""
        if self._catalogue is not None:
            return
        self._catalogue = JobRunner(load_detector_list, self)
        self._catalogue.sigResult.connect(self._on_catalogue)
        self._catalogue.sigError.connect(
            lambda message: self.sigStatus.emit(self.tr("Only tiny-det is offered: {0}").format(message))
        )
        self._catalogue.start()

    def _on_catalogue(self, detectors: list[tuple[str, str, bool]]) -> None:
        current = self.model_combo.currentText()
        self.model_combo.blockSignals(True)
        self.model_combo.clear()
        for name, description, pretrained in detectors:
            self.model_combo.addItem(name, {"name": name, "pretrained": pretrained})
            self.model_combo.setItemData(
                self.model_combo.count() - 1, tr_core(description), Qt.ItemDataRole.ToolTipRole
            )
        self.model_combo.setCurrentIndex(max(0, self.model_combo.findText(current)))
        self.model_combo.blockSignals(False)
        self._update_buttons()

    # -- configuration -------------------------------------------------------------------------
    def _on_data_chosen(self) -> None:
        key = self.data_combo.currentData()
        if key == COCO:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("COCO annotations"), "", self.tr("COCO JSON (*.json)"))
            self._set_source((path, "") if path else None)
        elif key == FOLDER:
            folder = QFileDialog.getExistingDirectory(
                self, self.tr("VOC or YOLO folder (annotations beside the images)")
            )
            self._set_source((folder, "") if folder else None)
        self._update_buttons()

    def _set_source(self, source: AnnotationSource | None) -> None:
        index = self.data_combo.currentIndex()
        if source is None:
            self.data_combo.setCurrentIndex(self.data_combo.findData(SHAPES))
            return
        self.source = source
        self.data_combo.setItemText(index, Path(source[0]).name)

    def use_annotations(self, annotations: str, images: str = "") -> None:
        """Train on ``annotations`` (COCO file or VOC/YOLO folder) of the images in ``images``
        ("" = where the annotation format says they are)."""
        key = COCO if Path(annotations).suffix.lower() == ".json" else FOLDER
        self.data_combo.setCurrentIndex(self.data_combo.findData(key))
        self._set_source((annotations, images))
        self._update_buttons()

    def data_source(self) -> AnnotationSource | None:
        """(annotations, images) the run will read, or None for the built-in shapes."""
        key = self.data_combo.currentData()
        if key == SHAPES:
            return None
        if key == ANNOTATE:
            source = self.annotate_source() if self.annotate_source else None
            if source is None:
                raise ConfigError(self.tr("open a folder on the Annotate page and draw some boxes first"))
            return source
        if self.source is None:
            raise ConfigError(self.tr("choose the annotations to train on"))
        return self.source

    def config(self) -> TrainConfig:
        source = self.data_source()
        spec = self.model_combo.currentData() or {"name": "tiny-det", "pretrained": False}
        config = TrainConfig.for_task(
            "detect",
            model=spec["name"],
            data=source[0] if source else SHAPES,
            image_size=self.size_spin.value(),
            epochs=self.epochs_spin.value(),
            batch_size=self.batch_spin.value(),
            synthetic_train=self.images_spin.value(),
            pretrained=self.pretrained_check.isChecked() and spec["pretrained"],
        )
        if source and source[1]:
            config.extra["images"] = source[1]
        config.out = str(new_run_dir(self.runs_root or None, spec["name"]))
        self.trained_on = source
        return config.validate()

    # -- the run ---------------------------------------------------------------------------------
    def _on_started(self, info: dict[str, Any]) -> None:
        super()._on_started(info)
        self.epoch_curves.reset(("val_map50", "val_map50_95"))

    def _on_epoch(self, metrics: dict[str, Any]) -> None:
        super()._on_epoch(metrics)
        self.epoch_curves.add_points([metrics])
        self.sigStatus.emit(
            self.tr("Epoch {0}: validation mAP@0.5 {1:.3f}").format(metrics["epoch"], metrics.get("val_map50", 0.0))
        )

    def _on_finished(self, summary: dict[str, Any]) -> None:
        super()._on_finished(summary)
        best = summary.get("best")
        if isinstance(best, (int, float)):
            self.status.setText(
                self.tr("{0} · best validation mAP@0.5 {1:.3f} (epoch {2})").format(
                    self.status.text(), best, summary.get("best_epoch", "?")
                )
            )

    def _evaluate(self) -> None:
        if self.trained_on is not None:
            self.sigEvaluateModel.emit(self.model_file, *self.trained_on)

    def _update_buttons(self) -> None:
        super()._update_buttons()
        running = self.is_running()
        spec = self.model_combo.currentData() or {}
        self.pretrained_check.setEnabled(bool(spec.get("pretrained")) and not running)
        self.images_spin.setEnabled(self.data_combo.currentData() == SHAPES and not running)
        for widget in (self.data_combo, self.model_combo, self.size_spin, self.epochs_spin, self.batch_spin):
            widget.setEnabled(not running)
        done = bool(self.model_file) and not running
        self.use_button.setEnabled(done)
        self.evaluate_button.setEnabled(done and self.trained_on is not None)

    def shutdown(self) -> None:
        super().shutdown()
        if self._catalogue is not None:
            self._catalogue.wait()
