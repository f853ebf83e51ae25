"""Controls generated from parameter specs (slider + spin box, check box, combo, colour).

Numeric parameters can be switched to a random range (min/max), which is how the
preprocessing pipeline becomes a training augmentation.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QSpinBox,
    QToolButton,
    QWidget,
)

from imgstudio.core.params import Param, is_range
from imgstudio.ui.language import tr_core


def _spin_box(param: Param) -> QSpinBox | QDoubleSpinBox:
    box: QSpinBox | QDoubleSpinBox
    if param.kind == "int":
        box = QSpinBox()
        box.setRange(int(param.min if param.min is not None else -(2**31)), int(param.max or 2**31 - 1))
        box.setSingleStep(int(param.step or 1))
    else:
        box = QDoubleSpinBox()
        box.setDecimals(2 if (param.step or 0.01) < 1 else 1)
        box.setRange(float(param.min if param.min is not None else -1e9), float(param.max or 1e9))
        box.setSingleStep(float(param.step or 0.1))
    box.setKeyboardTracking(False)
    box.setAccelerated(True)
    box.setMinimumWidth(80)
    return box


class NumberControl(QWidget):
    """Slider + spin box, or two spin boxes (min, max) in random mode."""

    sigChanged = Signal(object, bool)
    """(value, final): final is False while a slider is being dragged."""

    def __init__(self, param: Param, value: Any, extent: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.param = param
        self._updating = False
        self._factor = 1.0 if param.kind == "int" else 1.0 / (param.step or 0.01)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setMinimumWidth(90)
        lo = float(param.min if param.min is not None else -1000)
        hi = float(param.max if param.max is not None else 1000)
        if param.pixels and extent:
            lo, hi = max(lo, -extent), min(hi, extent)
        self.slider.setRange(round(lo * self._factor), round(hi * self._factor))
        self.slider.setSingleStep(max(1, round((param.step or 1) * self._factor)))
        self.spin = _spin_box(param)
        self.low = _spin_box(param)
        self.high = _spin_box(param)
        self.random = QToolButton()
        self.random.setText("±")
        self.random.setCheckable(True)
        self.random.setToolTip(self.tr("Random range: draw a value between min and max for each image (augmentation)"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for w in (self.slider, self.spin, self.low, self.high, self.random):
            layout.addWidget(w)
        layout.setStretch(0, 1)
        self.low.setToolTip(self.tr("Minimum of the random range"))
        self.high.setToolTip(self.tr("Maximum of the random range"))
        tip = tr_core(param.help or param.title)
        self.slider.setToolTip(tip)
        self.spin.setToolTip(tip)
        self.slider.valueChanged.connect(self._on_slider)
        self.slider.sliderReleased.connect(lambda: self._emit(True))
        self.spin.valueChanged.connect(self._on_spin)
        self.low.valueChanged.connect(lambda v: self._on_bound(self.low, v))
        self.high.valueChanged.connect(lambda v: self._on_bound(self.high, v))
        self.random.toggled.connect(self._on_random_toggled)
        self.set_value(value)

    def value(self) -> Any:
        if self.random.isChecked():
            lo, hi = self.low.value(), self.high.value()
            return {"min": min(lo, hi), "max": max(lo, hi)}
        return self.spin.value()

    def set_value(self, value: Any) -> None:
        self._updating = True
        try:
            random = is_range(value)
            self.random.setChecked(random)
            if random:
                self.low.setValue(value["min"])
                self.high.setValue(value["max"])
                centre = (value["min"] + value["max"]) / 2
                self.spin.setValue(self._coerce(centre * self._factor) if self.param.kind == "int" else centre)
            else:
                self.spin.setValue(value)
                self.slider.setValue(round(value * self._factor))
            self._show_mode(random)
        finally:
            self._updating = False

    def _show_mode(self, random: bool) -> None:
        self.slider.setVisible(not random)
        self.spin.setVisible(not random)
        self.low.setVisible(random)
        self.high.setVisible(random)

    def _coerce(self, raw: float) -> float | int:
        value: float | int = raw / self._factor
        if self.param.kind == "int":
            value = round(value)
            if self.param.odd and value % 2 == 0:
                value += 1
        return value

    def _on_slider(self, raw: int) -> None:
        if self._updating:
            return
        self._updating = True
        self.spin.setValue(self._coerce(raw))
        self._updating = False
        self._emit(not self.slider.isSliderDown())

    def _on_bound(self, box: QSpinBox | QDoubleSpinBox, value: float) -> None:
        if self._updating:
            return
        if self.param.kind == "int" and self.param.odd and value % 2 == 0:
            box.setValue(value + 1 if value + 1 <= box.maximum() else value - 1)
            return
        self._emit(True)

    def _on_spin(self, value: float) -> None:
        if self._updating:
            return
        if self.param.kind == "int" and self.param.odd and value % 2 == 0:
            self.spin.setValue(value + 1)
            return
        self._updating = True
        self.slider.setValue(round(value * self._factor))
        self._updating = False
        self._emit(True)

    def _on_random_toggled(self, on: bool) -> None:
        if self._updating:
            return
        if on:
            v = self.spin.value()
            if self.param.kind == "float":
                spread: float = (self.param.step or 1) * 10
            else:
                spread = max(2, abs(int(v)) // 10)
                spread += spread % 2 if self.param.odd else 0  # odd centre +- even spread stays odd
            self._updating = True
            self.low.setValue(v - spread)
            self.high.setValue(v + spread)
            self._updating = False
        else:
            self._updating = True
            centre = (self.low.value() + self.high.value()) / 2
            self.spin.setValue(self._coerce(centre * self._factor) if self.param.kind == "int" else centre)
            self.slider.setValue(round(self.spin.value() * self._factor))
            self._updating = False
        self._show_mode(on)
        self._emit(True)

    def _emit(self, final: bool) -> None:
        if not self._updating:
            self.sigChanged.emit(self.value(), final)


class BoolControl(QCheckBox):
    sigChanged = Signal(object, bool)

    def __init__(self, param: Param, value: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setToolTip(tr_core(param.help or param.title))
        self.set_value(value)
        self.toggled.connect(lambda on: self.sigChanged.emit(on, True))

    def value(self) -> Any:
        return self.isChecked()

    def set_value(self, value: Any) -> None:
        self.blockSignals(True)
        self.setChecked(bool(value) if not is_range(value) else False)
        self.blockSignals(False)


class ChoiceControl(QComboBox):
    sigChanged = Signal(object, bool)

    def __init__(self, param: Param, value: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setToolTip(tr_core(param.help or param.title))
        for choice in param.choices:
            self.addItem(tr_core(choice.replace("_", " ")), choice)
        self.set_value(value)
        self.currentIndexChanged.connect(lambda _i: self.sigChanged.emit(self.value(), True))

    def value(self) -> Any:
        return self.currentData()

    def set_value(self, value: Any) -> None:
        self.blockSignals(True)
        index = self.findData(value if not is_range(value) else value["choices"][0])
        self.setCurrentIndex(max(0, index))
        self.blockSignals(False)


class ColorControl(QPushButton):
    sigChanged = Signal(object, bool)

    def __init__(self, param: Param, value: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setToolTip(tr_core(param.help or param.title))
        self._value = "#000000"
        self.set_value(value)
        self.clicked.connect(self._pick)

    def value(self) -> Any:
        return self._value

    def set_value(self, value: Any) -> None:
        self._value = str(value)
        self.setText(self._value)
        text = "#000000" if QColor(self._value).lightness() > 128 else "#ffffff"
        self.setStyleSheet(f"background-color: {self._value}; color: {text};")

    def _pick(self) -> None:
        color = QColorDialog.getColor(QColor(self._value), self, self.tr("Fill colour"))
        if color.isValid():
            self.set_value(color.name())
            self.sigChanged.emit(self._value, True)


def make_control(param: Param, value: Any, extent: int | None = None) -> QWidget:
    """The control for ``param``; every control has ``value()``, ``set_value()`` and ``sigChanged``."""
    if param.kind in ("int", "float"):
        return NumberControl(param, value, extent)
    if param.kind == "bool":
        return BoolControl(param, value)
    if param.kind == "choice":
        return ChoiceControl(param, value)
    if param.kind == "color":
        return ColorControl(param, value)
    return QLabel(str(value))
