"""Convolution and pooling playground for the Explain tab: edit a kernel, watch the output.

Every setting change sends (image, settings) to a :class:`LatestOnlyRunner` around
:func:`imgstudio.core.playground.run_playground`, so editing never blocks the GUI and stale
requests are dropped. The step-by-step panel shows the arithmetic at one output position.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
from PySide6.QtCore import QEvent, QLocale, QObject, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QDoubleValidator, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from imgstudio.core.io import write_image
from imgstudio.core.playground import (
    KERNEL_PRESETS,
    PatchStep,
    PlaygroundError,
    PlaygroundResult,
    PlaygroundSettings,
    kernel_sum_normalised,
    patch_arithmetic,
    run_playground,
    step_position,
)
from imgstudio.ui.widgets.image_view import ImageView
from imgstudio.ui.workers import LatestOnlyRunner

KERNEL_SIZES = (1, 3, 5, 7)
INPUT_SIZES = (32, 64, 128, 224, 512, 0)
"""Longest side the image is shrunk to; 0 = as it is (up to the core's limit)."""
DEFAULT_INPUT_SIZE = 224
PLAY_INTERVAL_MS = 350
_CELL_W = 40
"""Narrowest cell of the kernel editor; cells widen to fit their text."""
_STEP_CELL_W = 32
_TABLE_FONT_SCALE = 0.9
_CELL_H = 24
_ERROR_STYLE = "color: #d9534f;"


def _compute(request: tuple[np.ndarray, PlaygroundSettings]) -> tuple[PlaygroundSettings, PlaygroundResult]:
    """Worker-thread side: the settings travel with the result they produced."""
    image, settings = request
    return settings, run_playground(image, settings)


def format_value(value: float, width: int = 5) -> str:
    """At most ``width`` characters for a number in a table cell (the tooltip has it exactly)."""
    if value == 0:
        return "0"
    if abs(value) >= 100:
        return f"{value:.0f}"
    for digits in (3, 2, 1):
        text = f"{value:.{digits}g}"
        if len(text) <= width:
            return text
    return text


def format_product(value: float) -> str:
    """Two decimals, like the patch values, unless that would round a small product to 0."""
    return f"{value:.2f}" if 0.01 <= abs(value) < 100 else format_value(value)


def format_kernel_value(value: float) -> str:
    return f"{value:.4g}"


def _sign_colour(value: float, scale: float) -> QColor:
    """Orange for positive, blue for negative, stronger for larger magnitudes."""
    strength = 0.0 if scale <= 0 else min(1.0, abs(value) / scale)
    base = QColor(240, 140, 40) if value > 0 else QColor(60, 130, 230)
    base.setAlpha(int(30 + 170 * strength) if value != 0 else 0)
    return base


class _NumberDelegate(QStyledItemDelegate):
    """Cell editor that only accepts numbers (C locale: the dot is the decimal separator).

    The cell shows a short form; the editor starts from the exact value kept in UserRole.
    """

    def setEditorData(self, editor, index) -> None:
        exact = index.data(Qt.ItemDataRole.UserRole)
        editor.setText(str(exact) if exact is not None else str(index.data()))

    def createEditor(self, parent, option, index):
        editor = QLineEdit(parent)
        validator = QDoubleValidator(-1000.0, 1000.0, 6, editor)
        validator.setNotation(QDoubleValidator.Notation.StandardNotation)
        validator.setLocale(QLocale.c())
        editor.setValidator(validator)
        editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return editor


def _number_table(rows: int, cols: int, cell_w: int, editable: bool) -> QTableWidget:
    table = QTableWidget(rows, cols)
    font = QFont(table.font())
    font.setPointSizeF(font.pointSizeF() * _TABLE_FONT_SCALE)
    table.setFont(font)
    table.horizontalHeader().setVisible(False)
    table.verticalHeader().setVisible(False)
    for header in (table.horizontalHeader(), table.verticalHeader()):
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setMinimumSectionSize(10)
    table.horizontalHeader().setDefaultSectionSize(cell_w)
    table.verticalHeader().setDefaultSectionSize(_CELL_H)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    if not editable:
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return table


def _fit_table(table: QTableWidget, min_cell: int) -> None:
    """Give every column the width of the widest text (at least ``min_cell``), then size the
    table to exactly its cells and visible headers."""
    metrics = table.fontMetrics()
    texts = [
        table.item(r, c).text()
        for r in range(table.rowCount())
        for c in range(table.columnCount())
        if table.item(r, c) is not None
    ]
    cell = max([min_cell, *(metrics.horizontalAdvance(t) + 12 for t in texts)])
    for c in range(table.columnCount()):
        table.setColumnWidth(c, cell)
    width = sum(table.columnWidth(c) for c in range(table.columnCount())) + 2 * table.frameWidth()
    height = sum(table.rowHeight(r) for r in range(table.rowCount())) + 2 * table.frameWidth()
    if not table.verticalHeader().isHidden():
        width += table.verticalHeader().sizeHint().width()
    if not table.horizontalHeader().isHidden():
        height += table.horizontalHeader().sizeHint().height()
    table.setFixedSize(width, height)


class ConvPlayground(QWidget):
    """Kernel editor, layer settings, live input | conv | pooled views and a step-by-step panel.

    ``set_image`` takes the app's H×W×C RGB image; ``sigStatus`` reports what happened.
    Call :meth:`shutdown` before the widget goes away (it stops the worker thread).
    """

    sigStatus = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image: np.ndarray | None = None
        self.result: PlaygroundResult | None = None
        self.result_settings: PlaygroundSettings | None = None
        self.step: PatchStep | None = None
        self.position: tuple[int, int] = (0, 0)
        self.last_error = ""
        self._kernel = KERNEL_PRESETS["identity"].copy()
        self._latest_shown = 0
        self._filling = False

        self.runner = LatestOnlyRunner(_compute, self)
        self.runner.sigResult.connect(self._on_result)
        self.runner.sigError.connect(self._on_error)
        self.play_timer = QTimer(self)
        self.play_timer.setInterval(PLAY_INTERVAL_MS)
        self.play_timer.timeout.connect(self.next_position)

        controls = QWidget()
        controls_layout = QVBoxLayout(controls)
        controls_layout.setContentsMargins(4, 4, 4, 4)
        controls_layout.addWidget(self._build_kernel_group())
        controls_layout.addWidget(self._build_layer_group())
        controls_layout.addWidget(self._build_pool_group())
        controls_layout.addWidget(self._build_display_group())
        controls_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(controls)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        widest = max(KERNEL_SIZES) * (_CELL_W + 4) + 60  # a 7×7 grid inside its group box
        controls.setMinimumWidth(max(controls.sizeHint().width(), widest))
        scroll.setMinimumWidth(controls.minimumWidth() + scroll.verticalScrollBar().sizeHint().width() + 4)

        self.input_view = ImageView(self.tr("Input"))
        self.conv_view = ImageView(self.tr("Convolution output"))
        self.pool_view = ImageView(self.tr("Pooled output"))
        self.input_view.setToolTip(self.tr("The image the kernel slides over; the dashed box is the current patch"))
        self.conv_view.setToolTip(
            self.tr("The convolution output (feature map). Click a pixel to see the arithmetic behind it")
        )
        self.pool_view.setToolTip(self.tr("The feature map after pooling: smaller, keeping the strongest/average"))
        self.conv_view.canvas.scene().sigMouseClicked.connect(self._on_conv_clicked)
        self.conv_view.sigHover.connect(self._on_conv_hover)
        self.pool_view.hide()
        views = QSplitter(Qt.Orientation.Horizontal)
        views.setChildrenCollapsible(False)
        for view in (self.input_view, self.conv_view, self.pool_view):
            view.setMinimumSize(140, 140)
            view.canvas.installEventFilter(self)
            views.addWidget(view)

        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.formula_label = QLabel()
        self.pool_formula_label = QLabel()
        for label in (self.formula_label, self.pool_formula_label):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setFont(mono)
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.formula_label.setToolTip(
            self.tr("Output size = ⌊(n + 2·padding − dilation·(kernel−1) − 1) / stride⌋ + 1, per axis")
        )
        self.pool_formula_label.setToolTip(
            self.tr("Pooling uses the same formula with its window as the kernel, no padding, no dilation")
        )
        self.pool_formula_label.hide()
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet(_ERROR_STYLE)
        self.message_label.hide()
        self.hover_label = QLabel()
        self.hover_label.setToolTip(self.tr("The output value under the mouse"))
        self.hover_label.setWordWrap(True)
        self.hover_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.hover_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        info = QHBoxLayout()
        info.addWidget(self.formula_label)
        info.addSpacing(24)
        info.addWidget(self.pool_formula_label)
        info.addStretch(1)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(views, 1)
        right_layout.addLayout(info)
        right_layout.addWidget(self.message_label)
        right_layout.addWidget(self._build_step_group())

        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(scroll)
        layout.addWidget(right, 1)

        self._fill_kernel_table()
        self._show_empty()
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    # -- building the controls -------------------------------------------------------------
    def _build_kernel_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Kernel"))
        self.preset_combo = QComboBox()
        self.preset_combo.addItem(self.tr("Custom"), "")
        labels = self._preset_labels()
        for key in KERNEL_PRESETS:
            self.preset_combo.addItem(labels.get(key, key.replace("_", " ").capitalize()), key)
        self.preset_combo.setToolTip(self.tr("A classic kernel: choosing one fills the grid with its numbers"))
        self.preset_combo.currentIndexChanged.connect(self._on_preset_chosen)
        self.size_combo = QComboBox()
        for size in KERNEL_SIZES:
            self.size_combo.addItem(f"{size}×{size}", size)
        self.size_combo.setCurrentIndex(KERNEL_SIZES.index(3))
        self.size_combo.setToolTip(self.tr("Kernel size: the current numbers are kept around the centre"))
        self.size_combo.currentIndexChanged.connect(self._on_size_chosen)
        self.kernel_table = _number_table(3, 3, _CELL_W, editable=True)
        self.kernel_table.setItemDelegate(_NumberDelegate(self.kernel_table))
        self.kernel_table.setToolTip(
            self.tr("The kernel's weights: double-click a cell to type a number (orange > 0, blue < 0)")
        )
        self.kernel_table.itemChanged.connect(self._on_cell_edited)
        self.kernel_sum_label = QLabel()
        self.kernel_sum_label.setToolTip(
            self.tr("Sum of the weights: 1 keeps the brightness, 0 responds only to changes (edges)")
        )
        self.normalise_button = QPushButton(self.tr("Normalise (sum to 1)"))
        self.normalise_button.setToolTip(self.tr("Divide every weight by their sum, so a flat area keeps its value"))
        self.normalise_button.clicked.connect(self.normalise_kernel)
        self.kernel_message = QLabel()
        self.kernel_message.setWordWrap(True)
        self.kernel_message.setStyleSheet(_ERROR_STYLE)
        self.kernel_message.hide()
        self.channels_combo = QComboBox()
        self.channels_combo.addItem(self.tr("Grayscale"), True)
        self.channels_combo.addItem(self.tr("Per channel (RGB)"), False)
        self.channels_combo.setToolTip(
            self.tr("Convolve the brightness only, or each of R, G and B separately with the same kernel")
        )
        self.channels_combo.currentIndexChanged.connect(self._on_channels_changed)

        form = QFormLayout()
        form.addRow(self.tr("Preset"), self.preset_combo)
        form.addRow(self.tr("Size"), self.size_combo)
        form.addRow(self.tr("Channels"), self.channels_combo)
        table_row = QHBoxLayout()
        table_row.addStretch(1)
        table_row.addWidget(self.kernel_table)
        table_row.addStretch(1)
        sum_row = QHBoxLayout()
        sum_row.addWidget(self.kernel_sum_label, 1)
        sum_row.addWidget(self.normalise_button)
        layout = QVBoxLayout(group)
        layout.addLayout(form)
        layout.addLayout(table_row)
        layout.addLayout(sum_row)
        layout.addWidget(self.kernel_message)
        return group

    def _build_layer_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Convolution"))
        self.input_size_combo = QComboBox()
        for size in INPUT_SIZES:
            self.input_size_combo.addItem(f"{size} px" if size else self.tr("Full size"), size)
        self.input_size_combo.setCurrentIndex(INPUT_SIZES.index(DEFAULT_INPUT_SIZE))
        self.input_size_combo.setToolTip(
            self.tr("The image is first shrunk so its longest side is this (small sizes show single pixels)")
        )
        self.stride_spin = self._spin(1, 8, 1, self.tr("Stride: how many pixels the kernel moves each step"))
        self.padding_spin = self._spin(
            0, 10, 0, self.tr("Zero padding: rings of zeros added around the image before convolving")
        )
        self.dilation_spin = self._spin(
            1, 5, 1, self.tr("Dilation: gaps between the kernel's taps (a wider view with the same weights)")
        )
        self.input_size_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        form = QFormLayout(group)
        form.addRow(self.tr("Input size"), self.input_size_combo)
        form.addRow(self.tr("Stride"), self.stride_spin)
        form.addRow(self.tr("Padding"), self.padding_spin)
        form.addRow(self.tr("Dilation"), self.dilation_spin)
        return group

    def _build_pool_group(self) -> QGroupBox:
        self.pool_group = QGroupBox(self.tr("Pooling"))
        self.pool_group.setCheckable(True)
        self.pool_group.setChecked(False)
        self.pool_group.setToolTip(self.tr("Add a pooling layer after the convolution"))
        self.pool_group.toggled.connect(self._on_pool_toggled)
        self.pool_mode_combo = QComboBox()
        self.pool_mode_combo.addItem(self.tr("Max"), "max")
        self.pool_mode_combo.addItem(self.tr("Average"), "avg")
        self.pool_mode_combo.setToolTip(self.tr("Keep the largest value of each window, or their average"))
        self.pool_mode_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.pool_size_spin = self._spin(1, 8, 2, self.tr("Pooling window size (square)"))
        self.pool_stride_spin = self._spin(1, 8, 2, self.tr("How far the pooling window moves each step"))
        form = QFormLayout(self.pool_group)
        form.addRow(self.tr("Mode"), self.pool_mode_combo)
        form.addRow(self.tr("Window"), self.pool_size_spin)
        form.addRow(self.tr("Stride"), self.pool_stride_spin)
        return self.pool_group

    def _build_display_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Display"))
        self.display_combo = QComboBox()
        self.display_combo.addItem(self.tr("Clip to [0, 1]"), "clip")
        self.display_combo.addItem(self.tr("Normalise (min–max)"), "normalize")
        self.display_combo.addItem(self.tr("Absolute value"), "abs")
        self.display_combo.setToolTip(
            self.tr(
                "How outputs outside [0, 1] are shown: cut off, stretched from min to max, "
                "or as magnitudes (negative responses bright too)"
            )
        )
        self.display_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.export_button = QPushButton(self.tr("Export output as PNG…"))
        self.export_button.setToolTip(self.tr("Save the convolution output as shown to a PNG file"))
        self.export_button.clicked.connect(self._choose_export_path)
        self.export_button.setEnabled(False)
        form = QFormLayout(group)
        form.addRow(self.tr("Show"), self.display_combo)
        form.addRow(self.export_button)
        return group

    def _build_step_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Step by step"))
        group.setToolTip(self.tr("One output value = the sum of the patch values times the kernel weights"))
        self.patch_table = _number_table(3, 3, _STEP_CELL_W, editable=False)
        self.patch_table.verticalHeader().setVisible(True)
        self.patch_table.horizontalHeader().setVisible(True)
        self.patch_table.setToolTip(
            self.tr("Input values under the kernel (headers: input row and column; grey cells are padding zeros)")
        )
        self.step_kernel_table = _number_table(3, 3, _STEP_CELL_W, editable=False)
        self.step_kernel_table.setToolTip(self.tr("The kernel's weights (headers: kernel row and column)"))
        self.product_table = _number_table(3, 3, _STEP_CELL_W, editable=False)
        self.product_table.setToolTip(self.tr("Each input value times its weight"))
        for table in (self.step_kernel_table, self.product_table):
            table.verticalHeader().setVisible(True)
            table.horizontalHeader().setVisible(True)
        self.sum_label = QLabel()
        big = self.sum_label.font()
        big.setPointSizeF(big.pointSizeF() * 1.25)
        big.setBold(True)
        self.sum_label.setFont(big)
        self.sum_label.setToolTip(self.tr("The sum of the products: the output value at this position"))

        def column(title: str, table: QTableWidget) -> QVBoxLayout:
            box = QVBoxLayout()
            label = QLabel(title)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            box.addWidget(label)
            box.addWidget(table, 0, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            return box

        def operator(text: str) -> QLabel:
            label = QLabel(text)
            label.setFont(big)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            return label

        tables = QWidget()
        tables_outer = QVBoxLayout(tables)
        tables_outer.setContentsMargins(0, 0, 0, 0)
        tables_layout = QHBoxLayout()
        tables_outer.addLayout(tables_layout)
        sum_row = QHBoxLayout()
        sum_row.addWidget(self.sum_label)
        sum_row.addWidget(self.hover_label, 1)
        tables_outer.addLayout(sum_row)
        tables_layout.addLayout(column(self.tr("Input patch"), self.patch_table))
        tables_layout.addWidget(operator("×"))
        tables_layout.addLayout(column(self.tr("Kernel"), self.step_kernel_table))
        tables_layout.addWidget(operator("="))
        tables_layout.addLayout(column(self.tr("Products"), self.product_table))
        tables_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(tables)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.step_tables = tables
        self.step_scroll = scroll

        self.prev_button = QPushButton(self.tr("◀ Previous"))
        self.prev_button.setToolTip(self.tr("Move the kernel back one output position"))
        self.prev_button.clicked.connect(self.previous_position)
        self.next_button = QPushButton(self.tr("Next ▶"))
        self.next_button.setToolTip(self.tr("Move the kernel to the next output position (left to right, then down)"))
        self.next_button.clicked.connect(self.next_position)
        self.play_button = QPushButton(self.tr("Play"))
        self.play_button.setCheckable(True)
        self.play_button.setToolTip(
            self.tr("Slide the kernel automatically, one position every {0} ms").format(PLAY_INTERVAL_MS)
        )
        self.play_button.toggled.connect(self._on_play_toggled)
        self.step_channel_combo = QComboBox()
        self.step_channel_combo.setToolTip(self.tr("Which channel's arithmetic to show (per-channel mode)"))
        self.step_channel_combo.currentIndexChanged.connect(lambda _i: self._update_step())
        self.position_label = QLabel()
        self.position_label.setWordWrap(True)
        self.position_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.position_label.setToolTip(self.tr("The output position shown, and the input rows/columns it reads"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.prev_button)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.play_button)
        buttons.addWidget(self.step_channel_combo)
        buttons.addWidget(self.position_label, 1)
        layout = QVBoxLayout(group)
        layout.addLayout(buttons)
        layout.addWidget(scroll)
        self._set_step_channels(True)
        for table in (self.patch_table, self.step_kernel_table, self.product_table):
            _fit_table(table, _STEP_CELL_W)
        self._fit_step_scroll()
        return group

    def _spin(self, lo: int, hi: int, value: int, tip: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(lo, hi)
        spin.setValue(value)
        spin.setToolTip(tip)
        spin.valueChanged.connect(lambda _v: self.refresh())
        return spin

    def _preset_labels(self) -> dict[str, str]:
        return {
            "identity": self.tr("Identity"),
            "box_blur": self.tr("Box blur 3×3"),
            "gaussian_3x3": self.tr("Gaussian blur 3×3"),
            "gaussian_5x5": self.tr("Gaussian blur 5×5"),
            "sharpen": self.tr("Sharpen"),
            "sobel_x": self.tr("Sobel x (vertical edges)"),
            "sobel_y": self.tr("Sobel y (horizontal edges)"),
            "laplacian": self.tr("Laplacian (edges)"),
            "emboss": self.tr("Emboss"),
            "outline": self.tr("Outline"),
        }

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            for view in (self.input_view, self.conv_view, self.pool_view):
                if watched is view.canvas:
                    self._fit(view)
        return super().eventFilter(watched, event)

    @staticmethod
    def _fit(view: ImageView) -> None:
        """Fit the whole image in the view (the patch outline does not count)."""
        if view.image is not None:
            view.view.autoRange(items=[view.item], padding=0.02)

    def _show(self, view: ImageView, img: np.ndarray, shown: np.ndarray) -> None:
        old = None if view.image is None else view.image.shape[:2]
        view.set_image(img, shown=shown)
        if old != img.shape[:2]:
            self._fit(view)

    # -- public API ------------------------------------------------------------------------
    def set_image(self, img: np.ndarray) -> None:
        """Use ``img`` (H×W×C RGB, app convention) as the input and recompute."""
        self.image = np.ascontiguousarray(img)
        self.refresh()

    def kernel(self) -> np.ndarray:
        return self._kernel.copy()

    def set_kernel(self, kernel: np.ndarray) -> None:
        """Show ``kernel`` (square, odd size from :data:`KERNEL_SIZES`) in the grid and recompute."""
        k = np.asarray(kernel, dtype=np.float32)
        if k.ndim != 2 or k.shape[0] != k.shape[1] or k.shape[0] not in KERNEL_SIZES:
            raise ValueError(f"the editor takes square kernels of size {KERNEL_SIZES}, not {k.shape}")
        self._kernel = k.copy()
        self._fill_kernel_table()
        self.refresh()

    def choose_preset(self, key: str) -> None:
        index = self.preset_combo.findData(key)
        if index < 0:
            raise KeyError(key)
        self.preset_combo.setCurrentIndex(index)

    def settings(self) -> PlaygroundSettings:
        """The settings the controls describe now."""
        return PlaygroundSettings(
            kernel=self._kernel.copy(),
            stride=self.stride_spin.value(),
            padding=self.padding_spin.value(),
            dilation=self.dilation_spin.value(),
            pool_enabled=self.pool_group.isChecked(),
            pool_size=self.pool_size_spin.value(),
            pool_stride=self.pool_stride_spin.value(),
            pool_mode=self.pool_mode_combo.currentData(),
            display=self.display_combo.currentData(),
            grayscale=bool(self.channels_combo.currentData()),
            input_size=int(self.input_size_combo.currentData()),
        )

    def refresh(self) -> int | None:
        """Ask the worker for a new result; returns the request id (None without an image)."""
        if self.image is None:
            return None
        return self.runner.submit((self.image, self.settings()))

    def is_up_to_date(self) -> bool:
        """True once the outcome of the newest request is on screen (a result or a message)."""
        return self._latest_shown == self.runner.submit_count

    def normalise_kernel(self) -> None:
        """Scale the kernel so its weights add up to 1 (refused for zero-sum kernels such as Sobel)."""
        try:
            k = kernel_sum_normalised(self._kernel)
        except PlaygroundError as exc:
            self._kernel_note(str(exc))
            return
        self._kernel = k
        self._fill_kernel_table()
        self.refresh()

    def select_position(self, y: int, x: int) -> None:
        """Show the arithmetic for conv-output position (y, x) (clamped into the output)."""
        if self.result is not None:
            h, w = self.result.conv_size
            y, x = min(max(int(y), 0), h - 1), min(max(int(x), 0), w - 1)
        self.position = (int(y), int(x))
        self._update_step()

    def next_position(self) -> None:
        self._move(1)

    def previous_position(self) -> None:
        self._move(-1)

    def export_png(self, path: str | Path, *, overwrite: bool = False) -> Path:
        """Save the convolution output as shown (display mode applied) to a PNG file, atomically.

        Refuses to replace an existing file unless ``overwrite``; raises ImageWriteError.
        """
        if self.result is None:
            raise ValueError("there is no convolution output to export yet")
        path = Path(path)
        if path.suffix.lower() != ".png":
            path = path.with_name(path.name + ".png")
        written = write_image(path, self.result.conv_display, overwrite=overwrite)
        self.sigStatus.emit(self.tr("Saved the convolution output to {0}").format(written.name))
        return written

    def shutdown(self) -> None:
        """Stop the animation and the worker thread (call before the widget is destroyed)."""
        self.play_timer.stop()
        self.runner.stop()

    # -- kernel editing --------------------------------------------------------------------
    def _fill_kernel_table(self) -> None:
        k = self._kernel
        size = k.shape[0]
        self._filling = True
        try:
            self.kernel_table.setRowCount(size)
            self.kernel_table.setColumnCount(size)
            scale = float(np.abs(k).max()) if k.size else 0.0
            for r in range(size):
                for c in range(size):
                    value = float(k[r, c])
                    item = self.kernel_table.item(r, c)
                    if item is None:
                        item = QTableWidgetItem()
                        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                        self.kernel_table.setItem(r, c, item)
                    item.setData(Qt.ItemDataRole.UserRole, f"{value:.6g}")
                    item.setText(format_value(value))
                    item.setToolTip(f"{value:.6g}")
                    item.setBackground(QBrush(_sign_colour(value, scale)))
            _fit_table(self.kernel_table, _CELL_W)
            size_index = self.size_combo.findData(size)
            if size_index >= 0:
                self.size_combo.blockSignals(True)
                self.size_combo.setCurrentIndex(size_index)
                self.size_combo.blockSignals(False)
            self.preset_combo.blockSignals(True)
            self.preset_combo.setCurrentIndex(max(0, self.preset_combo.findData(self._matching_preset())))
            self.preset_combo.blockSignals(False)
        finally:
            self._filling = False
        total = float(k.sum(dtype=np.float64))
        self.kernel_sum_label.setText(self.tr("Sum of weights: {0}").format(format_kernel_value(total)))
        self.normalise_button.setEnabled(not math.isclose(total, 1.0, abs_tol=1e-6))
        self.kernel_message.hide()

    def _matching_preset(self) -> str:
        for key, preset in KERNEL_PRESETS.items():
            if preset.shape == self._kernel.shape and np.allclose(preset, self._kernel, atol=1e-6):
                return key
        return ""

    def _kernel_note(self, text: str) -> None:
        self.kernel_message.setText(text)
        self.kernel_message.show()
        self.sigStatus.emit(text)

    def _on_preset_chosen(self, _index: int) -> None:
        key = self.preset_combo.currentData()
        if key:
            self._kernel = KERNEL_PRESETS[key].copy()
            self._fill_kernel_table()
            self.refresh()

    def _on_size_chosen(self, _index: int) -> None:
        size = int(self.size_combo.currentData())
        old = self._kernel
        new = np.zeros((size, size), dtype=np.float32)
        n = min(size, old.shape[0])
        src = (old.shape[0] - n) // 2
        dst = (size - n) // 2
        new[dst : dst + n, dst : dst + n] = old[src : src + n, src : src + n]
        self._kernel = new
        self._fill_kernel_table()
        self.refresh()

    def _on_cell_edited(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        r, c = item.row(), item.column()
        text = item.text().strip().replace(",", ".")
        try:
            value = float(text)
            if not math.isfinite(value) or abs(value) > 1000:
                raise ValueError
        except ValueError:
            self._fill_kernel_table()
            self._kernel_note(self.tr("'{0}' is not a number between −1000 and 1000").format(item.text()))
            return
        if r >= self._kernel.shape[0] or c >= self._kernel.shape[1]:
            return
        self._kernel = self._kernel.copy()
        self._kernel[r, c] = value
        self._fill_kernel_table()
        self.refresh()

    # -- reacting to controls --------------------------------------------------------------
    def _on_channels_changed(self, _index: int) -> None:
        self._set_step_channels(bool(self.channels_combo.currentData()))
        self.refresh()

    def _set_step_channels(self, grayscale: bool) -> None:
        self.step_channel_combo.blockSignals(True)
        self.step_channel_combo.clear()
        if grayscale:
            self.step_channel_combo.addItem(self.tr("Gray"))
        else:
            for name in (self.tr("Red"), self.tr("Green"), self.tr("Blue")):
                self.step_channel_combo.addItem(name)
        self.step_channel_combo.setEnabled(not grayscale)
        self.step_channel_combo.blockSignals(False)

    def _on_pool_toggled(self, on: bool) -> None:
        self.pool_view.setVisible(on)
        self.refresh()

    def _on_play_toggled(self, on: bool) -> None:
        self.play_button.setText(self.tr("Pause") if on else self.tr("Play"))
        if on:
            self.play_timer.start()
        else:
            self.play_timer.stop()

    def _choose_export_path(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export the convolution output"), "conv_output.png", self.tr("PNG image (*.png)")
        )
        if not path:
            return
        try:
            self.export_png(path, overwrite=True)  # the dialog has asked about replacing
        except (OSError, ValueError) as exc:
            self._show_message(str(exc))

    def _on_conv_clicked(self, event) -> None:
        if self.result is None or event.button() != Qt.MouseButton.LeftButton:
            return
        point = self.conv_view.view.mapSceneToView(event.scenePos())
        h, w = self.result.conv_size
        x, y = math.floor(point.x()), math.floor(point.y())
        if 0 <= x < w and 0 <= y < h:
            event.accept()
            self.select_position(y, x)

    def _on_conv_hover(self, x: float, y: float) -> None:
        if self.result is None:
            return
        h, w = self.result.conv_size
        ix, iy = math.floor(x), math.floor(y)
        if not (0 <= ix < w and 0 <= iy < h):
            self.hover_label.clear()
            return
        values = ", ".join(f"{v:.3f}" for v in self.result.conv[iy, ix])
        self.hover_label.setText(self.tr("Under the mouse: output (y={0}, x={1}) = {2}").format(iy, ix, values))

    # -- results ---------------------------------------------------------------------------
    def _on_result(self, request_id: int, payload: tuple[PlaygroundSettings, PlaygroundResult]) -> None:
        if request_id < self._latest_shown:
            return
        self._latest_shown = request_id
        settings, result = payload
        first = self.result is None
        self.result, self.result_settings = result, settings
        self.last_error = ""
        self.message_label.hide()
        for view in (self.input_view, self.conv_view, self.pool_view):
            view.title.setStyleSheet("")
        ih, iw = result.input_size
        kind = self.tr("grayscale") if settings.grayscale else self.tr("RGB")
        self._show(self.input_view, result.input, result.input_display)
        self.input_view.title.setText(self.tr("Input — {0}×{1} ({2})").format(iw, ih, kind))
        ch, cw = result.conv_size
        self._show(self.conv_view, result.conv, result.conv_display)
        self.conv_view.title.setText(self.tr("Convolution output — {0}×{1}").format(cw, ch))
        self.formula_label.setText(self.tr("Convolution output size\n{0}").format(result.conv_formula))
        self.pool_formula_label.setVisible(result.pooled is not None)
        if result.pooled is not None and result.pooled_display is not None and result.pooled_size is not None:
            ph, pw = result.pooled_size
            self._show(self.pool_view, result.pooled, result.pooled_display)
            mode = self.tr("max") if settings.pool_mode == "max" else self.tr("average")
            self.pool_view.title.setText(
                self.tr("Pooled ({0} {1}×{1}, stride {2}) — {3}×{4}").format(
                    mode, settings.pool_size, settings.pool_stride, pw, ph
                )
            )
            self.pool_formula_label.setText(self.tr("Pooling output size\n{0}").format(result.pool_formula))
        self.export_button.setEnabled(True)
        if first:
            self.position = (ch // 2, cw // 2)
        self.select_position(*self.position)
        status = self.tr("{0}×{1} input → {2}×{3} feature map").format(iw, ih, cw, ch)
        if result.pooled_size is not None:
            status += self.tr(" → {0}×{1} after pooling").format(result.pooled_size[1], result.pooled_size[0])
        if result.notes:
            status += " (" + "; ".join(result.notes) + ")"
        self.sigStatus.emit(status)

    def _on_error(self, request_id: int, message: str) -> None:
        if request_id < self._latest_shown:
            return
        self._latest_shown = request_id
        self._show_message(message)

    def _show_message(self, message: str) -> None:
        """A setting that cannot run: say why, keep the last good output on screen."""
        self.last_error = message
        self.message_label.setText(self.tr("⚠ {0} (showing the last valid output)").format(message))
        self.message_label.show()
        self.conv_view.title.setText(self.tr("⚠ Convolution output — settings invalid"))
        self.conv_view.title.setStyleSheet(_ERROR_STYLE)
        self.sigStatus.emit(message)

    def _show_empty(self) -> None:
        self.formula_label.setText(self.tr("Output size appears here once an image is set"))
        self.sum_label.setText("Σ = …")
        self.position_label.setText(self.tr("No image yet"))

    # -- step by step ----------------------------------------------------------------------
    def _move(self, step: int) -> None:
        if self.result is None:
            return
        h, w = self.result.conv_size
        self.select_position(*step_position(*self.position, h, w, step))

    def _update_step(self) -> None:
        result, settings = self.result, self.result_settings
        if result is None or settings is None:
            return
        y, x = self.position
        channel = min(max(self.step_channel_combo.currentIndex(), 0), result.input.shape[2] - 1)
        step = patch_arithmetic(
            result.input[:, :, channel], settings.kernel, y, x, settings.stride, settings.padding, settings.dilation
        )
        self.step = step
        self._fill_step_tables(step)
        value = float(result.conv[y, x, channel])
        self.sum_label.setText(self.tr("Σ products = {0:.4f}  →  output at (y={1}, x={2})").format(step.total, y, x))
        self.sum_label.setToolTip(
            self.tr("Sum of the products = output value {0:.4f} at (y={1}, x={2})").format(value, y, x)
        )
        h, w = result.conv_size
        y0, x0, y1, x1 = step.bounds
        self.position_label.setText(
            self.tr("Step {0} of {1}: output (y={2}, x={3}) reads input rows {4}…{5}, columns {6}…{7}").format(
                y * w + x + 1, h * w, y, x, y0, y1, x0, x1
            )
        )
        self.input_view.show_outline(QRectF(x0, y0, x1 - x0 + 1, y1 - y0 + 1))
        self.conv_view.show_outline(QRectF(x, y, 1, 1))
        if settings.pool_enabled and result.pooled_size is not None:
            # the pooling window that starts nearest before (y, x), if one covers it
            size, stride = settings.pool_size, settings.pool_stride
            py = min(y // stride, result.pooled_size[0] - 1)
            px = min(x // stride, result.pooled_size[1] - 1)
            covered = py * stride + size > y and px * stride + size > x
            self.pool_view.show_outline(QRectF(px, py, 1, 1) if covered else None)

    def _fill_step_tables(self, step: PatchStep) -> None:
        kh, kw = step.kernel.shape
        kernel_scale = float(np.abs(step.kernel).max())
        product_scale = float(np.abs(step.products).max())
        for table in (self.patch_table, self.step_kernel_table, self.product_table):
            table.setRowCount(kh)
            table.setColumnCount(kw)
        self.patch_table.setVerticalHeaderLabels([str(r) for r in step.rows])
        self.patch_table.setHorizontalHeaderLabels([str(c) for c in step.cols])
        for table in (self.step_kernel_table, self.product_table):
            table.setVerticalHeaderLabels([str(r) for r in range(kh)])
            table.setHorizontalHeaderLabels([str(c) for c in range(kw)])
        for r in range(kh):
            for c in range(kw):
                value = float(step.patch[r, c])
                item = self._cell(self.patch_table, r, c, f"{value:.2f}" if value else "0")
                if step.padded[r, c]:
                    item.setBackground(QBrush(QColor(150, 150, 150, 90)))
                    item.setForeground(QBrush(QColor(110, 110, 110)))
                    item.setToolTip(self.tr("padding: 0"))
                else:
                    grey = round(min(max(value, 0.0), 1.0) * 255)
                    item.setBackground(QBrush(QColor(grey, grey, grey)))
                    item.setForeground(QBrush(QColor(0, 0, 0) if grey > 120 else QColor(255, 255, 255)))
                    item.setToolTip(f"{value:.6g}")
                weight = float(step.kernel[r, c])
                k_item = self._cell(self.step_kernel_table, r, c, format_value(weight))
                k_item.setToolTip(f"{weight:.6g}")
                k_item.setBackground(QBrush(_sign_colour(weight, kernel_scale)))
                product = float(step.products[r, c])
                p_item = self._cell(self.product_table, r, c, format_product(product))
                p_item.setBackground(QBrush(_sign_colour(product, product_scale)))
                p_item.setToolTip(f"{value:.4g} × {weight:.4g} = {product:.6g}")
        for table in (self.patch_table, self.step_kernel_table, self.product_table):
            _fit_table(table, _STEP_CELL_W)
        self._fit_step_scroll()

    def _fit_step_scroll(self) -> None:
        """The step panel is as tall as its tables (plus a horizontal scroll bar if needed)."""
        layout = self.step_tables.layout()
        layout.invalidate()
        layout.activate()
        bar = self.step_scroll.horizontalScrollBar().sizeHint().height()
        self.step_scroll.setFixedHeight(layout.sizeHint().height() + bar)

    @staticmethod
    def _cell(table: QTableWidget, r: int, c: int, text: str) -> QTableWidgetItem:
        item = table.item(r, c)
        if item is None:
            item = QTableWidgetItem()
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            table.setItem(r, c, item)
        item.setText(text)
        return item


__all__ = ["KERNEL_SIZES", "ConvPlayground", "format_value"]
