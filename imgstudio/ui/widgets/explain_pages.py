"""The pages of the Explain tab: summary, feature maps, filters, Grad-CAM, dense layers.

Each page owns its controls and views and says what it needs through a signal; the tab
computes in workers and hands results back with ``show_*`` methods. No torch here.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSlider,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from imgstudio.core.grid import GridLayout
from imgstudio.ui.language import format_int, format_significant
from imgstudio.ui.widgets.architecture_diagram import ArchitectureDiagram
from imgstudio.ui.widgets.image_view import ImageView
from imgstudio.ui.widgets.topk_bars import TopKBars

LOADED_MODEL = "__loaded__"


def _opacity_slider(tip: str) -> QSlider:
    slider = QSlider(Qt.Orientation.Horizontal)
    slider.setRange(0, 100)
    slider.setValue(50)
    slider.setToolTip(tip)
    return slider


def _export_button(page: QWidget, tip: str) -> QPushButton:
    button = QPushButton(QCoreApplication.translate("ExplainPages", "Export PNG…"))
    button.setToolTip(tip)
    button.setEnabled(False)
    return button


class SummaryPage(QWidget):
    """Layer table, diagram and totals for the loaded model or any registered architecture."""

    sigRequest = Signal(str, int, int, int)
    """(model name or LOADED_MODEL, image size, classes, channels)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model_combo = QComboBox()
        self.model_combo.setToolTip(self.tr("The loaded model, or any architecture the app can train"))
        self.size_spin = QSpinBox()
        self.size_spin.setRange(8, 2048)
        self.size_spin.setValue(224)
        self.size_spin.setSuffix(" px")
        self.size_spin.setToolTip(self.tr("Input side for the shapes and FLOPs"))
        self.classes_spin = QSpinBox()
        self.classes_spin.setRange(1, 100_000)
        self.classes_spin.setValue(10)
        self.classes_spin.setToolTip(self.tr("Number of classes of the last layer"))
        self.channels_combo = QComboBox()
        self.channels_combo.addItem(self.tr("RGB"), 3)
        self.channels_combo.addItem(self.tr("Grayscale"), 1)
        self.channels_combo.setToolTip(self.tr("Colour planes of the input image: changes the first layer's shape"))
        self.export_button = _export_button(self, self.tr("Save the diagram as PNG"))
        controls = QHBoxLayout()
        for label, widget in (
            (self.tr("Model"), self.model_combo),
            (self.tr("Input"), self.size_spin),
            (self.tr("Classes"), self.classes_spin),
            (self.tr("Channels"), self.channels_combo),
        ):
            controls.addWidget(QLabel(label))
            controls.addWidget(widget)
        controls.addStretch(1)
        controls.addWidget(self.export_button)
        self.totals = QLabel(self.tr("Choose a model"))
        self.totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Layer"), self.tr("Type"), self.tr("Output shape"), self.tr("Parameters"), self.tr("FLOPs")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.diagram = ArchitectureDiagram()
        scroll = QScrollArea()
        scroll.setWidget(self.diagram)
        scroll.setWidgetResizable(False)
        scroll.setMinimumHeight(self.diagram.minimumHeight() + 20)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.totals)
        layout.addWidget(scroll)
        layout.addWidget(self.table, 1)
        self.model_combo.currentIndexChanged.connect(self.request)
        self.size_spin.editingFinished.connect(self.request)
        self.classes_spin.editingFinished.connect(self.request)
        self.channels_combo.currentIndexChanged.connect(self.request)
        self.summary: Any = None

    def set_choices(self, names: list[str], loaded: str | None) -> None:
        """Offer ``loaded`` (the loaded model's file name) first, then the registry names."""
        current = self.model_combo.currentData()
        self.model_combo.blockSignals(True)
        self.model_combo.clear()
        if loaded:
            self.model_combo.addItem(self.tr("Loaded: {0}").format(loaded), LOADED_MODEL)
        for name in names:
            self.model_combo.addItem(name, name)
        index = self.model_combo.findData(current)
        self.model_combo.setCurrentIndex(0 if loaded or index < 0 else index)
        self.model_combo.blockSignals(False)

    def set_loaded_shape(self, size: int, classes: int, channels: int) -> None:
        for spin, value in ((self.size_spin, size), (self.classes_spin, classes)):
            spin.setValue(value)
        self.channels_combo.setCurrentIndex(self.channels_combo.findData(channels))

    def request(self) -> None:
        name = self.model_combo.currentData()
        if name:
            fixed = name == LOADED_MODEL
            for w in (self.classes_spin, self.channels_combo):
                w.setEnabled(not fixed)
            self.sigRequest.emit(
                name, self.size_spin.value(), self.classes_spin.value(), int(self.channels_combo.currentData())
            )

    def show_summary(self, summary: Any) -> None:
        self.summary = summary
        self.table.setRowCount(len(summary.layers))
        for row, layer in enumerate(summary.layers):
            values = [
                layer.name,
                layer.type,
                "×".join(map(str, layer.output_shape)),
                format_int(layer.params),
                format_int(layer.flops),
            ]
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                if col >= 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)
        c, h, w = summary.input_shape
        self.totals.setText(
            self.tr("{0} parameters ({1} trainable) · {2} GFLOPs per image at {3}×{4}×{5}").format(
                format_int(summary.total_params),
                format_int(summary.trainable_params),
                format_significant(summary.flops / 1e9),
                h,
                w,
                c,
            )
        )
        self.diagram.set_layers(summary.layers)
        self.diagram.resize(self.diagram.sizeHint())
        self.export_button.setEnabled(True)


class FeatureMapPage(QWidget):
    """All channels of one layer as a grid; a click enlarges a channel over the input."""

    sigRequest = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layer_combo = QComboBox()
        self.layer_combo.setToolTip(self.tr("Any convolution, pooling or activation layer, in forward order"))
        self.previous_button = QToolButton()
        self.previous_button.setText("◀")
        self.previous_button.setToolTip(self.tr("The layer before (Page Up)"))
        self.previous_button.setShortcut("PgUp")
        self.next_button = QToolButton()
        self.next_button.setText("▶")
        self.next_button.setToolTip(self.tr("The layer after (Page Down)"))
        self.next_button.setShortcut("PgDown")
        self.shared_check = QCheckBox(self.tr("Shared colour scale"))
        self.shared_check.setChecked(True)
        self.shared_check.setToolTip(
            self.tr("On: one scale for all channels (compare strengths); off: each channel stretched")
        )
        self.opacity = _opacity_slider(self.tr("How strongly the enlarged channel covers the input"))
        self.export_button = _export_button(self, self.tr("Save the channel grid as PNG"))
        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("Layer")))
        for w in (self.previous_button, self.layer_combo, self.next_button, self.shared_check):
            controls.addWidget(w)
        controls.addStretch(1)
        controls.addWidget(QLabel(self.tr("Overlay")))
        controls.addWidget(self.opacity)
        controls.addWidget(self.export_button)
        self.grid_view = ImageView(self.tr("Channels"))
        self.grid_view.setToolTip(self.tr("Click a channel to enlarge it over the input image"))
        self.channel_view = ImageView(self.tr("Click a channel"))
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.grid_view)
        split.addWidget(self.channel_view)
        split.setSizes([700, 400])
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(split, 1)
        self.layout_info: GridLayout | None = None
        self.maps: np.ndarray | None = None
        self.channel: int | None = None
        self.layer_combo.currentIndexChanged.connect(lambda: self.sigRequest.emit())
        self.shared_check.toggled.connect(lambda: self.sigRequest.emit())
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.grid_view.sigClicked.connect(self._on_grid_clicked)

    def set_layers(self, layers: list[tuple[str, str]]) -> None:
        self.layer_combo.blockSignals(True)
        self.layer_combo.clear()
        for name, kind in layers:
            self.layer_combo.addItem(f"{name}  ({kind})", name)
        self.layer_combo.blockSignals(False)

    @property
    def layer(self) -> str | None:
        return self.layer_combo.currentData()

    def step(self, delta: int) -> None:
        index = self.layer_combo.currentIndex() + delta
        if 0 <= index < self.layer_combo.count():
            self.layer_combo.setCurrentIndex(index)

    def show_maps(self, layer: str, maps: np.ndarray, grid: np.ndarray, layout: GridLayout) -> None:
        self.maps, self.layout_info = maps, layout
        c, h, w = maps.shape
        self.grid_view.title.setText(self.tr("{0}: {1} channels of {2}×{3}").format(layer, c, h, w))
        self.grid_view.set_image(grid)
        self.grid_view.fit()
        self.export_button.setEnabled(True)
        self.previous_button.setEnabled(self.layer_combo.currentIndex() > 0)
        self.next_button.setEnabled(self.layer_combo.currentIndex() < self.layer_combo.count() - 1)
        if self.channel is not None and self.channel >= c:
            self.channel = None
        self.sigChannel.emit(self.channel if self.channel is not None else -1)

    sigChannel = Signal(int)
    """The channel to enlarge (-1: none); the tab composes it over the input."""

    def _on_grid_clicked(self, x: float, y: float) -> None:
        if self.layout_info is None:
            return
        index = self.layout_info.tile_at(y, x)
        if index is not None:
            self.channel = index
            self.sigChannel.emit(index)


class FilterPage(QWidget):
    """Learned kernels: the first layer as RGB tiles, deeper layers per input channel."""

    sigRequest = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layer_combo = QComboBox()
        self.layer_combo.setToolTip(self.tr("A convolution layer"))
        self.input_spin = QSpinBox()
        self.input_spin.setPrefix(self.tr("input channel "))
        self.input_spin.setToolTip(self.tr("Deeper kernels have one slice per input channel: choose which"))
        self.export_button = _export_button(self, self.tr("Save the kernel grid as PNG"))
        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("Layer")))
        controls.addWidget(self.layer_combo)
        controls.addWidget(self.input_spin)
        controls.addStretch(1)
        controls.addWidget(self.export_button)
        self.view = ImageView(self.tr("Kernels"))
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.view, 1)
        self.layer_combo.currentIndexChanged.connect(lambda: self.sigRequest.emit())
        self.input_spin.valueChanged.connect(lambda: self.sigRequest.emit())

    def set_layers(self, layers: list[tuple[str, str]]) -> None:
        self.layer_combo.blockSignals(True)
        self.layer_combo.clear()
        for name, kind in layers:
            if "conv" in kind.lower():
                self.layer_combo.addItem(name, name)
        self.layer_combo.blockSignals(False)

    def show_kernels(self, layer: str, shape: tuple[int, ...], grid: np.ndarray, rgb: bool) -> None:
        out_ch, in_ch, kh, kw = shape
        self.input_spin.blockSignals(True)
        self.input_spin.setRange(0, max(0, in_ch - 1))
        self.input_spin.blockSignals(False)
        self.input_spin.setEnabled(not rgb)
        what = self.tr("RGB kernels") if rgb else self.tr("slice {0} of {1}").format(self.input_spin.value(), in_ch)
        self.view.title.setText(self.tr("{0}: {1} kernels {2}×{3}, {4}").format(layer, out_ch, kh, kw, what))
        self.view.set_image(grid)
        self.view.fit()
        self.export_button.setEnabled(True)


class GradCamPage(QWidget):
    """Grad-CAM / Grad-CAM++ heat map over the image, for a class and a layer."""

    sigRequest = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.method_combo = QComboBox()
        self.method_combo.addItem("Grad-CAM", "gradcam")
        self.method_combo.addItem("Grad-CAM++", "gradcam++")
        self.method_combo.setToolTip(self.tr("Grad-CAM++ weighs positive gradients per position"))
        self.layer_combo = QComboBox()
        self.layer_combo.setToolTip(
            self.tr("The layer whose activations are weighed; the default is the activation after the last convolution")
        )
        self.class_combo = QComboBox()
        self.class_combo.setToolTip(self.tr("The class to explain: the predicted one, or any other"))
        self.opacity = _opacity_slider(self.tr("Opacity of the heat map"))
        self.export_button = _export_button(self, self.tr("Save the overlay as PNG"))
        controls = QHBoxLayout()
        for label, widget in (
            (self.tr("Method"), self.method_combo),
            (self.tr("Layer"), self.layer_combo),
            (self.tr("Class"), self.class_combo),
            (self.tr("Opacity"), self.opacity),
        ):
            controls.addWidget(QLabel(label))
            controls.addWidget(widget)
        controls.addStretch(1)
        controls.addWidget(self.export_button)
        self.result_label = QLabel(self.tr("Load a model and an image"))
        self.view = ImageView(self.tr("Where the network looks"))
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.result_label)
        layout.addWidget(self.view, 1)
        for combo in (self.method_combo, self.layer_combo, self.class_combo):
            combo.currentIndexChanged.connect(lambda: self.sigRequest.emit())

    def set_layers(self, layers: list[tuple[str, str]], classes: list[str]) -> None:
        for combo in (self.layer_combo, self.class_combo):
            combo.blockSignals(True)
            combo.clear()
        self.layer_combo.addItem(self.tr("default (after the last convolution)"), None)
        for name, kind in layers:
            self.layer_combo.addItem(f"{name} ({kind})", name)
        self.class_combo.addItem(self.tr("predicted class"), None)
        for i, name in enumerate(classes):
            self.class_combo.addItem(name, i)
        for combo in (self.layer_combo, self.class_combo):
            combo.blockSignals(False)

    def show_result(self, text: str, overlay: np.ndarray) -> None:
        self.result_label.setText(text)
        self.view.set_image(overlay)
        self.export_button.setEnabled(True)


class DensePage(QWidget):
    """The fully connected layers: strongest hidden units and the softmax output."""

    TOP_UNITS = 24

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.units_plot = pg.PlotWidget()
        self.units_plot.setBackground("#26282c")
        self.units_plot.setMenuEnabled(False)
        self.units_plot.setTitle(self.tr("Strongest units of the hidden dense layer"), color="#e0e0e0")
        self.units_plot.setLabel("left", self.tr("activation"))
        self.units_plot.setLabel("bottom", self.tr("unit (sorted by activation)"))
        self.bars = TopKBars()
        self.bars.setToolTip(self.tr("Softmax output: the probability of each class"))
        self.title = QLabel(self.tr("Softmax output"))
        self.export_button = _export_button(self, self.tr("Save this page as PNG"))
        right = QVBoxLayout()
        right.addWidget(self.title)
        right.addWidget(self.bars)
        right.addStretch(1)
        right.addWidget(self.export_button)
        layout = QHBoxLayout(self)
        layout.addWidget(self.units_plot, 2)
        layout.addLayout(right, 1)
        self.units: list[int] = []

    def show_dense(self, result: dict[str, Any]) -> None:
        values = np.asarray(result["values"], dtype=float)
        order = np.argsort(values)[::-1][: self.TOP_UNITS]
        self.units = [int(i) for i in order]
        self.units_plot.clear()
        bars = pg.BarGraphItem(x=np.arange(len(order)), height=values[order], width=0.8, brush="#4da3ff")
        self.units_plot.addItem(bars)
        axis = self.units_plot.getAxis("bottom")
        axis.setTicks([[(i, str(u)) for i, u in enumerate(self.units)]])
        self.units_plot.setTitle(
            self.tr("{0}: the {1} strongest of {2} units").format(result["layer"], len(order), len(values)),
            color="#e0e0e0",
        )
        probabilities = np.asarray(result["probabilities"], dtype=float)
        self.bars.set_scores(sorted(zip(result["classes"], probabilities.tolist(), strict=True), key=lambda s: -s[1]))
        self.export_button.setEnabled(True)
