"""The detector choice and its settings, with the live score and NMS-IoU filters.

The detector's own settings (Haar scale factor, HOG stride, ...) need a new run; the two
filters only re-filter the boxes of the last run, so they update without running anything.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QSlider, QVBoxLayout, QWidget

from imgstudio.core.ml.detection.classical import SETTINGS_PARAMS, classical_detector, classical_detectors
from imgstudio.ui.language import tr_core
from imgstudio.ui.widgets.param_controls import NumberControl, make_control

SLIDER_STEPS = 100


class DetectorForm(QWidget):
    """Detector combo, its parameter controls, and the score / NMS-IoU filter sliders."""

    sigDetectorChanged = Signal()
    """The detector or one of its settings changed: the image must be detected again."""
    sigFilterChanged = Signal()
    """The score or NMS-IoU filter moved: re-filter the last boxes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detector_combo = QComboBox()
        for name, description in classical_detectors().items():
            self.detector_combo.addItem(name, name)
            self.detector_combo.setItemData(
                self.detector_combo.count() - 1, tr_core(description), Qt.ItemDataRole.ToolTipRole
            )
        self.detector_combo.setToolTip(self.tr("Bundled OpenCV detectors: they work offline, without training"))
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.settings_box = QGroupBox(self.tr("Detector settings"))
        self.settings_form = QFormLayout(self.settings_box)
        self.controls: dict[str, QWidget] = {}
        self.score_slider = QSlider(Qt.Orientation.Horizontal)
        self.score_slider.setRange(0, SLIDER_STEPS)
        self.score_slider.setToolTip(self.tr("Hide boxes scoring below this (between the lowest and highest score)"))
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

    def kind(self) -> str:
        return classical_detector(self.detector()).kind

    def values(self) -> dict[str, Any]:
        """The current settings as flat values (see ``settings_from_values``)."""
        return {name: control.value() for name, control in self.controls.items()}  # type: ignore[attr-defined]

    def set_value(self, name: str, value: Any) -> None:
        self.controls[name].set_value(value)  # type: ignore[attr-defined]

    def _on_detector(self) -> None:
        spec = classical_detector(self.detector())
        self.description.setText(tr_core(spec.description))
        while self.settings_form.rowCount():
            self.settings_form.removeRow(0)
        self.controls = {}
        for param in SETTINGS_PARAMS[spec.kind]:
            control = make_control(param, param.default)
            if isinstance(control, NumberControl):
                control.random.hide()  # random ranges are for augmentation, not here
            control.setToolTip(tr_core(param.help))
            control.sigChanged.connect(lambda _value, final: final and self.sigDetectorChanged.emit())
            self.controls[param.name] = control
            self.settings_form.addRow(tr_core(param.title), control)
        self.sigDetectorChanged.emit()

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
