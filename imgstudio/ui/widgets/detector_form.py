"""The detector choice and its settings, with the live score and NMS-IoU filters.

The detector's own settings (Haar scale factor, HOG stride, ...) need a new run; the two
filters only re-filter the boxes of the last run, so they update without running anything.
Trained detector model files can be loaded (in a worker) and join the bundled detectors.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from imgstudio.core.ml.detection.boxes import Box
from imgstudio.core.ml.detection.classical import (
    SETTINGS_PARAMS,
    classical_detector,
    classical_detectors,
    detect_classical,
    settings_from_values,
)
from imgstudio.ui.language import tr_core
from imgstudio.ui.messages import StatusWarnings
from imgstudio.ui.widgets.param_controls import NumberControl, make_control
from imgstudio.ui.workers import JobRunner, JobSet

if TYPE_CHECKING:
    from imgstudio.core.ml.detection.infer import LoadedDetector

SLIDER_STEPS = 100
MODEL_PREFIX = "model:"


def _load_detector(path: str) -> LoadedDetector:
    """Worker: read a detector model file (torch is imported here, not when the window opens)."""
    from imgstudio.core.ml.detection.infer import load_detector

    return load_detector(path)


"""Combo data of a loaded model detector: the prefix and the model file's path."""


@dataclass(frozen=True)
class DetectorSpec:
    """What a detection run needs: the detector's shown name and a callable image -> boxes.

    The current image, a folder and pre-annotation all run ``detect``, whatever the detector.
    """

    name: str
    detect: Callable[[np.ndarray], list[Box]]


def _classical(name: str, settings: Any, image: np.ndarray) -> list[Box]:
    return detect_classical(name, image, settings)


class DetectorForm(StatusWarnings, QWidget):
    """Detector combo, its parameter controls, and the score / NMS-IoU filter sliders."""

    sigDetectorChanged = Signal()
    """The detector or one of its settings changed: the image must be detected again."""
    sigFilterChanged = Signal()
    """The score or NMS-IoU filter moved: re-filter the last boxes."""
    sigModelLoaded = Signal(str)
    """A detector model file (its path) was loaded and selected."""
    sigStatus = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detector_combo = QComboBox()
        for name, description in classical_detectors().items():
            self.detector_combo.addItem(name, name)
            self.detector_combo.setItemData(
                self.detector_combo.count() - 1, tr_core(description), Qt.ItemDataRole.ToolTipRole
            )
        self.detector_combo.setToolTip(
            self.tr("Bundled OpenCV detectors (offline, without training) and the detector models you loaded")
        )
        self.models: dict[str, LoadedDetector] = {}
        self._jobs = JobSet()
        self.load_button = QPushButton(self.tr("Load detector model…"))
        self.load_button.setToolTip(
            self.tr("A detector trained in the Train tab or with `imgstudio train --task detect`")
        )
        self.load_button.clicked.connect(self.choose_model)
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.settings_box = QGroupBox(self.tr("Detector settings"))
        self.settings_form = QFormLayout(self.settings_box)
        self.controls: dict[str, QWidget] = {}
        self.score_slider = QSlider(Qt.Orientation.Horizontal)
        self.score_slider.setRange(0, SLIDER_STEPS)
        self.score_label = QLabel()
        self.iou_slider = QSlider(Qt.Orientation.Horizontal)
        self.iou_slider.setRange(5, SLIDER_STEPS)
        self.iou_slider.setValue(50)
        self.iou_slider.setToolTip(
            self.tr("Of two boxes of one class overlapping more than this (IoU), keep the surer; 1.00: keep all")
        )
        self.iou_label = QLabel()
        filters = QGroupBox(self.tr("Filter (live)"))
        filter_form = QFormLayout(filters)
        filter_form.addRow(self.score_label, self.score_slider)
        filter_form.addRow(self.iou_label, self.iou_slider)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Detector")))
        layout.addWidget(self.detector_combo)
        layout.addWidget(self.load_button)
        layout.addWidget(self.description)
        layout.addWidget(self.settings_box)
        layout.addWidget(filters)
        layout.addStretch(1)
        self.score_range = (0.0, 1.0)
        self.detector_combo.currentIndexChanged.connect(self._on_detector)
        self.score_slider.valueChanged.connect(self._on_filter)
        self.iou_slider.valueChanged.connect(self._on_filter)
        self._on_detector()
        self._on_filter()

    # -- detector ----------------------------------------------------------------------------
    def detector(self) -> str:
        return str(self.detector_combo.currentData())

    def set_detector(self, name: str) -> None:
        index = self.detector_combo.findData(name)
        if index < 0:
            raise KeyError(name)
        self.detector_combo.setCurrentIndex(index)

    def model_path(self) -> str | None:
        """The model file of the selected detector, or None for a bundled one."""
        data = self.detector()
        return data.removeprefix(MODEL_PREFIX) if data.startswith(MODEL_PREFIX) else None

    def is_model(self) -> bool:
        return self.model_path() is not None

    def detector_name(self) -> str:
        """The selected detector as shown (a model: its file name)."""
        return self.detector_combo.currentText()

    def kind(self) -> str:
        return "model" if self.is_model() else classical_detector(self.detector()).kind

    def spec(self) -> DetectorSpec:
        """The selected detector with its current settings (raises ValueError/TypeError if invalid)."""
        path = self.model_path()
        if path is not None:
            from imgstudio.core.ml.detection.infer import predict_boxes  # torch: only once a model is loaded

            return DetectorSpec(self.detector_name(), functools.partial(predict_boxes, self.models[path]))
        settings = settings_from_values(self.kind(), self.values())
        settings.validate()
        return DetectorSpec(self.detector(), functools.partial(_classical, self.detector(), settings))

    def values(self) -> dict[str, Any]:
        """The current settings as flat values (see ``settings_from_values``)."""
        return {name: control.value() for name, control in self.controls.items()}  # type: ignore[attr-defined]

    def set_value(self, name: str, value: Any) -> None:
        self.controls[name].set_value(value)  # type: ignore[attr-defined]

    def _on_detector(self) -> None:
        self.score_slider.setToolTip(
            self.tr("Hide boxes scoring below this (a probability, 0 to 1)")
            if self.is_model()
            else self.tr("Hide boxes scoring below this (between the lowest and highest score)")
        )
        while self.settings_form.rowCount():
            self.settings_form.removeRow(0)
        self.controls = {}
        path = self.model_path()
        if path is not None:
            model = self.models[path]
            self.description.setText(
                self.tr("Trained detector {0} ({1} px input); classes: {2}").format(
                    model.architecture, model.image_size, ", ".join(model.classes)
                )
            )
            note = QLabel(self.tr("A trained model has no settings: filter its boxes by score (0 to 1) below."))
            note.setWordWrap(True)
            self.settings_form.addRow(note)
            self.score_range = (0.0, 1.0)
            self._show_filter_labels()
            self.sigDetectorChanged.emit()
            return
        spec = classical_detector(self.detector())
        self.description.setText(tr_core(spec.description))
        for param in SETTINGS_PARAMS[spec.kind]:
            control = make_control(param, param.default)
            if isinstance(control, NumberControl):
                control.random.hide()  # random ranges are for augmentation, not here
            control.setToolTip(tr_core(param.help))
            control.sigChanged.connect(lambda _value, final: final and self.sigDetectorChanged.emit())
            self.controls[param.name] = control
            self.settings_form.addRow(tr_core(param.title), control)
        self.sigDetectorChanged.emit()

    # -- model files -------------------------------------------------------------------------
    def choose_model(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Detector model file"), "", self.tr("Model files (*.safetensors);;All files (*)")
        )
        if path:
            self.load_model(path)

    def load_model(self, path: str) -> JobRunner:
        """Load a detector model file in a worker; on success it joins the combo and is selected.

        A classifier, a generator or a broken file is refused with a message; nothing changes.
        """
        job = JobRunner(lambda _ctx: _load_detector(path), self)
        job.sigResult.connect(lambda detector: self._on_model_loaded(path, detector))
        job.sigError.connect(lambda message: self._refuse_model(path, message))
        job.sigFinished.connect(lambda: self.load_button.setEnabled(True))
        self.load_button.setEnabled(False)
        self.sigStatus.emit(self.tr("Loading {0}…").format(Path(path).name))
        return self._jobs.start(job)

    def _on_model_loaded(self, path: str, detector: LoadedDetector) -> None:
        self.models[path] = detector
        data = MODEL_PREFIX + path
        index = self.detector_combo.findData(data)
        if index < 0:
            self.detector_combo.addItem(Path(path).name, data)
            index = self.detector_combo.count() - 1
        tip = self.tr("{0}\nClasses: {1}").format(path, ", ".join(detector.classes))
        self.detector_combo.setItemData(index, tip, Qt.ItemDataRole.ToolTipRole)
        if index == self.detector_combo.currentIndex():
            self._on_detector()  # reloaded: the new weights
        else:
            self.detector_combo.setCurrentIndex(index)
        self.sigStatus.emit(self.tr("Loaded detector {0}").format(Path(path).name))
        self.sigModelLoaded.emit(path)

    def _refuse_model(self, path: str, message: str) -> None:
        self._warn(self.tr("Cannot load {0}").format(Path(path).name), message)

    def shutdown(self) -> None:
        """Wait for model loads still running (they cannot be interrupted, and are short)."""
        self._jobs.stop_all(cancel=False)

    # -- filters -----------------------------------------------------------------------------
    def set_score_range(self, low: float, high: float) -> None:
        """The scores of the current boxes span [low, high]: the slider moves across it."""
        self.score_range = (low, high if high > low else low + 1.0)
        self._show_filter_labels()

    def min_score(self) -> float | None:
        """None at the slider's left end (keep every box), else the score at its position."""
        position = self.score_slider.value()
        if position == 0:
            return None
        low, high = self.score_range
        return low + (high - low) * position / SLIDER_STEPS

    def iou_threshold(self) -> float | None:
        """None at 1.00 (no suppression), else the NMS IoU."""
        value = self.iou_slider.value() / SLIDER_STEPS
        return None if value >= 1.0 else value

    def _on_filter(self) -> None:
        self._show_filter_labels()
        self.sigFilterChanged.emit()

    def _show_filter_labels(self) -> None:
        score = self.min_score()
        self.score_label.setText(
            self.tr("Min score: all") if score is None else self.tr("Min score: {0:.2f}").format(score)
        )
        iou = self.iou_threshold()
        self.iou_label.setText(self.tr("NMS IoU: off") if iou is None else self.tr("NMS IoU: {0:.2f}").format(iou))
