"""The Classify tab: load a trained model (a file or a recent run), classify one image or a
whole folder (streamed into a sortable table, exported as CSV or JSON), and evaluate it on a
labelled folder (accuracy, per-class scores, a confusion matrix whose cells open their images).

Every computation is a core function run in a :class:`JobRunner`; torch is imported by
those functions' modules, lazily, so importing this tab does not import torch.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QSize,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStyle,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from imgstudio.core.io import IMAGE_EXTENSIONS, list_images, read_thumbnail
from imgstudio.core.ml.runs import default_runs_root, list_runs, run_model_file
from imgstudio.core.settings import Settings
from imgstudio.ui.language import format_float, format_int, format_percent
from imgstudio.ui.messages import StatusWarnings
from imgstudio.ui.widgets.confusion_matrix import ConfusionMatrixView
from imgstudio.ui.widgets.image_gallery import ImageGallery, ImagePreviewDialog
from imgstudio.ui.widgets.image_view import ImageView
from imgstudio.ui.widgets.prediction_table import (
    SORT_ROLE,
    TABLE_THUMBNAIL,
    PredictionTableModel,
)
from imgstudio.ui.widgets.thumbnail_strip import PATH_ROLE, ThumbnailModel
from imgstudio.ui.widgets.topk_bars import TopKBars
from imgstudio.ui.workers import JobRunner, ResultStream

if TYPE_CHECKING:  # only for type hints: importing them at run time would import torch
    from imgstudio.core.ml.evaluate import Evaluation
    from imgstudio.core.ml.infer import LoadedModel, Prediction

MODEL_FILTER = QT_TRANSLATE_NOOP("ClassifyTab", "imgstudio model (*.safetensors);;All files (*)")
IMAGE_FILTER = QT_TRANSLATE_NOOP("ClassifyTab", "Images ({0});;All files (*)")
"""Formatted with the image patterns, after translation."""
IMAGE_PATTERNS = " ".join("*" + e for e in IMAGE_EXTENSIONS)
DRAIN_INTERVAL_MS = 100
_SHOWN_CLASSES = 8


def describe_model(model: LoadedModel, path: str) -> str:
    """One line: architecture, classes, input size and file name."""
    classes = model.classes
    shown = ", ".join(classes[:_SHOWN_CLASSES]) + (", …" if len(classes) > _SHOWN_CLASSES else "")
    arch = model.meta.get("architecture") or model.meta.get("model_config", {}).get("name", "?")
    size = model.image_size
    return QCoreApplication.translate("ClassifyTab", "{0} · {1} classes: {2} · input {3}×{3}×{4} · {5}").format(
        arch, len(classes), shown, size, model.channels, Path(path).name
    )


class _DropPage(QWidget):
    """A page that accepts one dropped image file."""

    sigDropped = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.setAcceptDrops(True)

    @staticmethod
    def _image_path(event: QDragEnterEvent | QDropEvent) -> str | None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if len(urls) == 1 and urls[0].isLocalFile():
            path = urls[0].toLocalFile()
            if path.lower().endswith(IMAGE_EXTENSIONS):
                return path
        return None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._image_path(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._image_path(event)
        if path:
            event.acceptProposedAction()
            self.sigDropped.emit(path)


def _button(
    text: str, tip: str, icon: QStyle.StandardPixmap | None = None, parent: QWidget | None = None
) -> QPushButton:
    button = QPushButton(text, parent)
    if icon is not None and parent is not None:
        button.setIcon(parent.style().standardIcon(icon))
    button.setToolTip(tip)
    button.setProperty("baseToolTip", tip)
    return button


class ClassifyTab(StatusWarnings, QWidget):
    """Use a trained classifier: one image, a folder, or an evaluation on labelled data."""

    sigStatus = Signal(str)
    sigModelLoaded = Signal(str, object)
    """(path, LoadedModel) once a model is loaded: the Explain tab uses the same one."""
    sigExplain = Signal(str)
    """An image the user wants explained (Grad-CAM in the Explain tab)."""

    def __init__(self, settings: Settings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings or Settings()
        self.device = "auto"
        self.batch_size = 32
        self.model: LoadedModel | None = None
        self.model_path = ""
        self.evaluation: Evaluation | None = None
        self.image_prediction: Prediction | None = None
        self._job: JobRunner | None = None
        self._job_kind = ""
        self._dialogs: list[QWidget] = []
        self._stream = ResultStream()
        self._folder_started = 0.0
        self._folder_top_k = 1
        self._drain_timer = QTimer(self)
        self._drain_timer.setInterval(DRAIN_INTERVAL_MS)
        self._drain_timer.timeout.connect(self._drain)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(self._build_top_bar())
        self.pages = QTabWidget()
        self.pages.addTab(self._build_image_page(), self.tr("Image"))
        self.pages.addTab(self._build_folder_page(), self.tr("Folder"))
        self.pages.addTab(self._build_evaluate_page(), self.tr("Evaluate"))
        layout.addWidget(self.pages, 1)
        self._update_actions()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh_runs()  # the Train tab may have added runs

    # -- layout -----------------------------------------------------------------------------
    def _build_top_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.load_button = _button(
            self.tr("Load model…"),
            self.tr("Open a trained model file (.safetensors); the file alone says its classes and input size"),
            QStyle.StandardPixmap.SP_DialogOpenButton,
            self,
        )
        self.load_button.clicked.connect(self.choose_model_file)
        self.runs_combo = QComboBox()
        self.runs_combo.setMinimumContentsLength(28)
        self.runs_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.runs_combo.setToolTip(self.tr("Training runs, newest first: choose one to load its best model"))
        self.runs_combo.setProperty("baseToolTip", self.runs_combo.toolTip())
        self.runs_combo.activated.connect(self._on_run_chosen)
        self.refresh_button = QToolButton()
        self.refresh_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_BrowserReload))
        self.refresh_button.setToolTip(self.tr("Look for training runs again"))
        self.refresh_button.setProperty("baseToolTip", self.refresh_button.toolTip())
        self.refresh_button.clicked.connect(self.refresh_runs)
        self.model_label = QLabel(self.tr("No model loaded"))
        self.model_label.setTextFormat(Qt.TextFormat.PlainText)
        self.model_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.top_k = QSpinBox()
        self.top_k.setRange(1, 20)
        self.top_k.setValue(5)
        self.top_k.setPrefix(self.tr("top "))
        self.top_k.setToolTip(self.tr("How many of the most likely classes to show and export per image"))
        bar.addWidget(self.load_button)
        bar.addWidget(self.runs_combo)
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.model_label, 1)
        bar.addWidget(self.top_k)
        return bar

    def _build_image_page(self) -> QWidget:
        page = _DropPage()
        page.setToolTip(self.tr("Drop an image file here to classify it"))
        page.sigDropped.connect(self._on_image_dropped)
        self.open_image_button = _button(
            self.tr("Open image…"),
            self.tr("Classify one image file (or drop one on this page)"),
            QStyle.StandardPixmap.SP_FileIcon,
            self,
        )
        self.open_image_button.clicked.connect(self.choose_image)
        self.image_view = ImageView(self.tr("Drop an image here"))
        self.image_result = QLabel()
        self.image_result.setObjectName("classifyResult")
        font = self.image_result.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.image_result.setFont(font)
        self.image_result.setWordWrap(True)
        self.bars = TopKBars()
        self.explain_image_button = QPushButton(self.tr("Why? Explain with Grad-CAM"))
        self.explain_image_button.setToolTip(self.tr("Show in the Explain tab where the network looked"))
        self.explain_image_button.setEnabled(False)
        self.explain_image_button.clicked.connect(
            lambda: self.image_prediction and self.sigExplain.emit(self.image_prediction.path)
        )
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.image_result)
        right_layout.addWidget(self.bars)
        right_layout.addWidget(self.explain_image_button)
        right_layout.addStretch(1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.image_view)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        top = QHBoxLayout()
        top.addWidget(self.open_image_button)
        top.addWidget(QLabel(self.tr("or drop an image file on this page")), 1)
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        return page

    def _build_folder_page(self) -> QWidget:
        page = QWidget()
        self.choose_folder_button = _button(
            self.tr("Classify folder…"),
            self.tr("Classify every image of a folder; results stream into the table"),
            QStyle.StandardPixmap.SP_DirOpenIcon,
            self,
        )
        self.choose_folder_button.clicked.connect(self.choose_predict_folder)
        self.recursive = QCheckBox(self.tr("Include subfolders"))
        self.recursive.setToolTip(self.tr("Also classify the images in every subfolder"))
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter by file, class or error…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setToolTip(self.tr("Show only rows containing this text"))
        self.folder_progress = QProgressBar()
        self.folder_progress.setToolTip(self.tr("Images classified so far"))
        self.folder_rate = QLabel()
        self.folder_cancel = _button(
            self.tr("Cancel"),
            self.tr("Stop classifying; the rows done so far stay"),
            QStyle.StandardPixmap.SP_BrowserStop,
            self,
        )
        self.folder_cancel.clicked.connect(self.cancel)
        self.folder_thumbnails = ThumbnailModel(
            TABLE_THUMBNAIL, cache_size=1000, max_pixels=self.settings.max_image_pixels, parent=self
        )
        self.folder_model = PredictionTableModel(self.folder_thumbnails, self)
        self.folder_proxy = QSortFilterProxyModel(self)
        self.folder_proxy.setSourceModel(self.folder_model)
        self.folder_proxy.setSortRole(SORT_ROLE)
        self.folder_proxy.setFilterKeyColumn(-1)
        self.folder_proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter_edit.textChanged.connect(self.folder_proxy.setFilterFixedString)
        self.folder_table = QTableView()
        self.folder_table.setModel(self.folder_proxy)
        self.folder_table.setIconSize(QSize(TABLE_THUMBNAIL, TABLE_THUMBNAIL))
        self.folder_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.folder_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.folder_table.setWordWrap(False)
        self.folder_table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.folder_table.setToolTip(self.tr("Click a column header to sort; double-click a row to see the image"))
        vertical = self.folder_table.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # never measure 10,000 rows
        vertical.setDefaultSectionSize(TABLE_THUMBNAIL + 6)
        header = self.folder_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(PredictionTableModel.COL_THUMB, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(PredictionTableModel.COL_THUMB, TABLE_THUMBNAIL + 12)
        header.resizeSection(PredictionTableModel.COL_FILE, 320)
        header.resizeSection(PredictionTableModel.COL_CLASS, 140)
        header.resizeSection(PredictionTableModel.COL_CONFIDENCE, 100)
        header.setStretchLastSection(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # arrival order until a header is clicked
        self.folder_table.setSortingEnabled(True)
        self.folder_table.doubleClicked.connect(self._on_table_double_clicked)
        self.export_csv_button = _button(
            self.tr("Export CSV…"),
            self.tr("Save the predictions as CSV (the format of `imgstudio predict --csv`)"),
            QStyle.StandardPixmap.SP_DialogSaveButton,
            self,
        )
        self.export_csv_button.clicked.connect(lambda: self.choose_export("csv"))
        self.export_json_button = _button(
            self.tr("Export JSON…"),
            self.tr("Save the predictions as JSON, unreadable files included"),
            QStyle.StandardPixmap.SP_DialogSaveButton,
            self,
        )
        self.export_json_button.clicked.connect(lambda: self.choose_export("json"))
        self.folder_summary = QLabel()
        self.folder_summary.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.choose_folder_button)
        top.addWidget(self.recursive)
        top.addStretch(1)
        top.addWidget(self.filter_edit)
        progress = QHBoxLayout()
        progress.addWidget(self.folder_progress, 1)
        progress.addWidget(self.folder_rate)
        progress.addWidget(self.folder_cancel)
        bottom = QHBoxLayout()
        bottom.addWidget(self.folder_summary, 1)
        bottom.addWidget(self.export_csv_button)
        bottom.addWidget(self.export_json_button)
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addLayout(progress)
        layout.addWidget(self.folder_table, 1)
        layout.addLayout(bottom)
        return page

    def _build_evaluate_page(self) -> QWidget:
        page = QWidget()
        self.evaluate_button = _button(
            self.tr("Evaluate on folder…"),
            self.tr("Choose a labelled folder: one subfolder per class, named like the model's classes"),
            QStyle.StandardPixmap.SP_DirOpenIcon,
            self,
        )
        self.evaluate_button.clicked.connect(self.choose_evaluate_folder)
        self.eval_progress = QProgressBar()
        self.eval_progress.setToolTip(self.tr("Images evaluated so far"))
        self.eval_cancel = _button(
            self.tr("Cancel"), self.tr("Stop the evaluation"), QStyle.StandardPixmap.SP_BrowserStop, self
        )
        self.eval_cancel.clicked.connect(self.cancel)
        self.accuracy_label = QLabel(self.tr("Evaluate the model on a labelled folder to see its accuracy"))
        self.accuracy_label.setObjectName("accuracyLabel")
        self.accuracy_label.setWordWrap(True)
        self.scores_table = QTableWidget(0, 4)
        self.scores_table.setHorizontalHeaderLabels(
            [self.tr("Precision"), self.tr("Recall"), self.tr("F1"), self.tr("Support")]
        )
        self.scores_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.scores_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.scores_table.setToolTip(
            self.tr(
                "Precision: share of the images predicted as the class that are of it. "
                "Recall: share of the class's images found. F1: their harmonic mean. Support: images of the class."
            )
        )
        self.matrix_view = ConfusionMatrixView()
        self.matrix_view.sigCellClicked.connect(self.show_cell)
        self.cell_title = QLabel(self.tr("Click a cell of the confusion matrix to see its images"))
        self.cell_title.setWordWrap(True)
        self.cell_gallery = ImageGallery(max_pixels=self.settings.max_image_pixels)
        self.cell_gallery.sigOpenImage.connect(self.open_preview)
        self.mistakes_title = QLabel(self.tr("Most confident mistakes"))
        self.mistakes_gallery = ImageGallery(max_pixels=self.settings.max_image_pixels)
        self.mistakes_gallery.setToolTip(
            self.tr("Wrong predictions the model was surest of, as true → predicted (confidence)")
        )
        self.mistakes_gallery.sigOpenImage.connect(self.open_preview)
        self.explain_mistake_button = QPushButton(self.tr("Why? Explain the selected image"))
        self.explain_mistake_button.setToolTip(self.tr("Grad-CAM of the selected mistake in the Explain tab"))
        self.explain_mistake_button.clicked.connect(self._explain_selected_mistake)

        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.scores_table)
        matrix_box = QWidget()
        matrix_layout = QVBoxLayout(matrix_box)
        matrix_layout.setContentsMargins(0, 0, 0, 0)
        matrix_layout.addWidget(QLabel(self.tr("Confusion matrix — rows: true class, columns: predicted")))
        matrix_layout.addWidget(self.matrix_view, 1)
        left.addWidget(matrix_box)
        left.setStretchFactor(1, 2)
        right = QSplitter(Qt.Orientation.Vertical)
        for title, gallery in ((self.cell_title, self.cell_gallery), (self.mistakes_title, self.mistakes_gallery)):
            box = QWidget()
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(0, 0, 0, 0)
            box_layout.addWidget(title)
            box_layout.addWidget(gallery, 1)
            if gallery is self.mistakes_gallery:
                box_layout.addWidget(self.explain_mistake_button)
            right.addWidget(box)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        top = QHBoxLayout()
        top.addWidget(self.evaluate_button)
        top.addWidget(self.eval_progress, 1)
        top.addWidget(self.eval_cancel)
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(self.accuracy_label)
        layout.addWidget(split, 1)
        return page

    # -- state -----------------------------------------------------------------------------
    def is_busy(self) -> bool:
        """True while a model is loading or an image, folder or evaluation is being computed."""
        return self._job is not None

    def _update_actions(self) -> None:
        busy, has_model = self.is_busy(), self.model is not None
        why_busy = self.tr("wait for the running job to finish, or cancel it")
        why_model = self.tr("load a model first")
        has_rows = self.folder_model.rowCount() > 0

        def gate(widget: QWidget, reasons: list[tuple[bool, str]]) -> None:
            base = widget.property("baseToolTip") or widget.toolTip()
            widget.setProperty("baseToolTip", base)
            blocking = [why for failed, why in reasons if failed]
            widget.setEnabled(not blocking)
            widget.setToolTip(base if not blocking else f"{base}\n({blocking[0]})")

        for widget in (self.load_button, self.runs_combo, self.refresh_button):
            gate(widget, [(busy, why_busy)])
        for widget in (self.open_image_button, self.choose_folder_button, self.evaluate_button):
            gate(widget, [(not has_model, why_model), (busy, why_busy)])
        no_rows = self.tr("classify a folder first")
        for widget in (self.export_csv_button, self.export_json_button):
            gate(widget, [(not has_rows, no_rows), (busy, why_busy)])
        not_running = self.tr("nothing is running")
        gate(self.folder_cancel, [(self._job_kind != "folder", not_running)])
        gate(self.eval_cancel, [(self._job_kind != "evaluate", not_running)])

    def _start_job(self, kind: str, fn: Any, error_title: str) -> JobRunner:
        job = JobRunner(fn, self)
        self._job, self._job_kind = job, kind
        job.sigError.connect(lambda message: self._on_job_error(job, error_title, message))
        job.sigFinished.connect(lambda: self._release(job))
        job.start()
        self._update_actions()
        return job

    def _release(self, job: JobRunner) -> None:
        if self._job is job:
            self._job, self._job_kind = None, ""
            self._update_actions()

    def _on_job_error(self, job: JobRunner, title: str, message: str) -> None:
        self._release(job)  # usable again before the message box (modal in the app) opens
        self._warn(title, message)

    def cancel(self) -> None:
        """Ask the running folder or evaluation job to stop (rows done so far stay)."""
        if self._job is not None and self._job_kind in ("folder", "evaluate"):
            self._job.cancel()
            self.sigStatus.emit(self.tr("Cancelling…"))

    def _busy_refusal(self) -> bool:
        if self.is_busy():
            self.sigStatus.emit(self.tr("Busy: wait for the running job to finish, or cancel it"))
            return True
        return False

    def _model_refusal(self) -> bool:
        if self.model is None:
            self.sigStatus.emit(self.tr("Load a model first"))
            return True
        return self._busy_refusal()

    # -- model -------------------------------------------------------------------------------
    def choose_model_file(self) -> None:
        start = self.model_path or self.settings.last_folder
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Load model"), start, self.tr(MODEL_FILTER))
        if path:
            self.load_model_file(path)

    def load_model_file(self, path: str) -> None:
        """Load ``path`` in a worker; on failure a warning names it and the current model stays."""
        if self._busy_refusal():
            return
        device = self.device
        self.sigStatus.emit(self.tr("Loading model {0}…").format(Path(path).name))

        def work(_ctx: object) -> LoadedModel:
            from imgstudio.core.ml.infer import load_model

            model = load_model(path, device)
            task = model.meta.get("task")
            if task != "classify":
                raise ValueError(
                    QCoreApplication.translate("ClassifyTab", "{0}: a '{1}' model, not an image classifier").format(
                        path, task
                    )
                )
            return model

        job = self._start_job("model", work, self.tr("Cannot load model"))
        job.sigResult.connect(lambda model: self._on_model_loaded(path, model))

    def _explain_selected_mistake(self) -> None:
        path = self.mistakes_gallery.current_path()
        if path is None:
            self.sigStatus.emit(self.tr("Select a mistake first"))
            return
        self.sigExplain.emit(path)

    def _on_model_loaded(self, path: str, model: LoadedModel) -> None:
        self.model, self.model_path = model, str(path)
        self.model_label.setText(describe_model(model, path))
        meta = model.meta
        self.model_label.setToolTip(
            self.tr("{0}\nClasses: {1}\nTrained on: {2}; epoch {3}; device {4}").format(
                path, ", ".join(model.classes), meta.get("data", "?"), meta.get("epoch", "?"), model.device
            )
        )
        self.image_prediction = None
        self.explain_image_button.setEnabled(False)
        self.bars.clear()
        self.image_result.setText("")
        self.sigStatus.emit(self.tr("Loaded model {0} ({1} classes)").format(Path(path).name, len(model.classes)))
        self._update_actions()
        self.sigModelLoaded.emit(str(path), model)

    def refresh_runs(self) -> None:
        """Fill the recent-runs list from the run history (runs with a model file only)."""
        self.runs_combo.clear()
        self.runs_combo.addItem(self.tr("Recent runs…"), None)
        for record in list_runs(self.settings.runs_folder or default_runs_root()):
            model_file = run_model_file(record.path)
            if model_file is None:
                continue
            s = record.summary
            accuracy = s.get("final", {}).get("val_accuracy")
            text = f"{record.path.name} — {s.get('model', '?')}"
            if isinstance(accuracy, (int, float)):
                text += self.tr(" — val {0}").format(format_percent(accuracy))
            self.runs_combo.addItem(text, str(model_file))
            self.runs_combo.setItemData(self.runs_combo.count() - 1, str(model_file), Qt.ItemDataRole.ToolTipRole)
        count = self.runs_combo.count() - 1
        if count == 0:
            self.runs_combo.setItemText(0, self.tr("No training runs found"))

    def _on_run_chosen(self, index: int) -> None:
        model_file = self.runs_combo.itemData(index)
        if model_file:
            self.load_model_file(model_file)

    # -- one image ---------------------------------------------------------------------------
    def choose_image(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Classify image"), self.settings.last_folder, self.tr(IMAGE_FILTER).format(IMAGE_PATTERNS)
        )
        if path:
            self.predict_image(path)

    def _on_image_dropped(self, path: str) -> None:
        self.pages.setCurrentIndex(0)
        self.predict_image(path)

    def predict_image(self, path: str) -> None:
        """Classify one image in a worker and show it with its top-k bars."""
        if self._model_refusal():
            return
        model, k, max_pixels = self.model, self.top_k.value(), self.settings.max_image_pixels

        def work(ctx: Any) -> tuple[Prediction, Any]:
            from imgstudio.core.ml.infer import predict_paths

            prediction = next(iter(predict_paths(model, [path], top_k=k, ctx=ctx)))
            if prediction.error:
                raise ValueError(f"{Path(path).name}: {prediction.error}")
            return prediction, read_thumbnail(path, 1024, max_pixels=max_pixels)

        self.sigStatus.emit(self.tr("Classifying {0}…").format(Path(path).name))
        job = self._start_job("image", work, self.tr("Cannot classify image"))
        job.sigResult.connect(lambda result: self._on_image_predicted(path, *result))

    def _on_image_predicted(self, path: str, prediction: Prediction, shown: Any) -> None:
        self.image_prediction = prediction
        self.explain_image_button.setEnabled(not prediction.error)
        self.settings.last_folder = str(Path(path).parent)
        self.image_view.set_image(shown)
        self.image_view.title.setText(Path(path).name)
        self.image_view.fit()
        self.bars.set_scores(prediction.top)
        self.image_result.setText(f"{prediction.label} — {format_percent(prediction.confidence)}")
        self.sigStatus.emit(
            self.tr("{0}: {1} ({2})").format(Path(path).name, prediction.label, format_percent(prediction.confidence))
        )

    # -- a folder ----------------------------------------------------------------------------
    def choose_predict_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Classify folder"), self.settings.last_folder)
        if folder:
            self.predict_folder(folder)

    def predict_folder(self, folder: str) -> None:
        """Classify every image of ``folder``; rows stream into the table as they are ready."""
        if self._model_refusal():
            return
        model, recursive, batch_size = self.model, self.recursive.isChecked(), self.batch_size
        top_k = max(1, min(self.top_k.value(), len(model.classes)))
        stream = self._stream = ResultStream()
        self._folder_top_k = top_k
        self.folder_model.reset(folder)
        self.folder_summary.setText("")
        self.folder_rate.setText("")
        self.folder_progress.setRange(0, 0)
        self.settings.last_folder = folder

        def work(ctx: Any) -> int:
            from imgstudio.core.ml.infer import predict_paths

            paths = [str(p) for p in list_images(folder, recursive=recursive)]
            stream.set_paths(paths)
            ctx.progress(0, len(paths), "", force=True)
            count = 0
            for prediction in predict_paths(
                model, paths, top_k=top_k, batch_size=batch_size, ctx=ctx, total=len(paths)
            ):
                stream.push(prediction)
                count += 1
            return count

        self._folder_started = time.monotonic()
        self.sigStatus.emit(self.tr("Classifying {0}…").format(folder))
        job = self._start_job("folder", work, self.tr("Cannot classify folder"))
        job.sigProgress.connect(self._on_folder_progress)
        job.sigResult.connect(lambda _count: self._on_folder_done(folder, cancelled=False))
        job.sigCancelled.connect(lambda: self._on_folder_done(folder, cancelled=True))
        job.sigFinished.connect(self._drain_timer.stop)
        job.sigFinished.connect(self._drain)
        self._drain_timer.start()

    def _drain(self) -> None:
        """Move what the worker produced into the table (GUI thread, every 100 ms)."""
        paths, items = self._stream.take()
        if paths is not None:
            self.folder_model.set_thumbnail_paths(paths)
        self.folder_model.append(items)
        if items and not self.is_busy():
            self._update_actions()  # rows that arrive after the job ended make export possible

    def _on_folder_progress(self, done: int, total: int, _message: str) -> None:
        self.folder_progress.setRange(0, max(total, 1))
        self.folder_progress.setValue(done)
        elapsed = max(time.monotonic() - self._folder_started, 1e-6)
        self.folder_rate.setText(
            self.tr("{0} / {1} images · {2} images/s").format(
                format_int(done), format_int(total), format_int(round(done / elapsed))
            )
        )

    def _on_folder_done(self, folder: str, cancelled: bool) -> None:
        self._drain()
        rows = self.folder_model.predictions()
        errors = sum(1 for p in rows if p.error)
        elapsed = max(time.monotonic() - self._folder_started, 1e-6)
        if cancelled:
            text = self.tr("Cancelled: {0} images classified").format(format_int(len(rows)))
        elif not rows:
            text = self.tr("{0}: no images").format(folder)
        else:
            text = self.tr("{0} images classified in {1} s ({2} images/s)").format(
                format_int(len(rows)), format_float(elapsed, 1), format_int(round(len(rows) / elapsed))
            )
            self.folder_progress.setRange(0, 1)
            self.folder_progress.setValue(1)
        if errors:
            text += self.tr("; {0} unreadable (see the Error column)").format(format_int(errors))
        self.folder_summary.setText(text)
        if cancelled and self.folder_progress.maximum() == 0:
            self.folder_progress.setRange(0, 1)
        self.sigStatus.emit(text)

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        source = self.folder_proxy.mapToSource(index)
        path = self.folder_model.data(source, PATH_ROLE)
        if path:
            self.open_preview(path)

    def choose_export(self, fmt: str) -> None:
        filters = {"csv": self.tr("CSV (*.csv);;All files (*)"), "json": self.tr("JSON (*.json);;All files (*)")}
        start = str(Path(self.settings.last_folder or ".") / f"predictions.{fmt}")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export predictions"), start, filters[fmt])
        if path:
            self.export_predictions(path, fmt)

    def export_predictions(self, path: str, fmt: str) -> bool:
        """Write the folder's predictions: CSV (readable images, like the CLI) or JSON (all rows)."""
        from imgstudio.core.ml.infer import write_predictions_csv, write_predictions_json

        rows = self.folder_model.predictions()
        try:
            if fmt == "csv":
                write_predictions_csv(path, [p for p in rows if not p.error], self._folder_top_k)
            else:
                write_predictions_json(path, rows)
        except OSError as exc:
            self._warn(self.tr("Cannot export"), f"{path}: {exc.strerror or exc}")
            return False
        self.sigStatus.emit(self.tr("Exported {0} predictions to {1}").format(format_int(len(rows)), path))
        return True

    # -- evaluation ----------------------------------------------------------------------------
    def choose_evaluate_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Evaluate on a labelled folder"), self.settings.last_folder
        )
        if folder:
            self.evaluate_folder(folder)

    def evaluate_folder(self, folder: str) -> None:
        """Evaluate the model on ``folder/<class>/`` images in a worker."""
        if self._model_refusal():
            return
        model, batch_size = self.model, self.batch_size

        def work(ctx: Any) -> Evaluation:
            from imgstudio.core.ml.evaluate import evaluate_folder

            return evaluate_folder(model, folder, ctx=ctx, batch_size=batch_size)

        self.eval_progress.setRange(0, 0)
        self.settings.last_folder = folder
        self.sigStatus.emit(self.tr("Evaluating on {0}…").format(folder))
        job = self._start_job("evaluate", work, self.tr("Cannot evaluate"))
        job.sigProgress.connect(self._on_eval_progress)
        job.sigResult.connect(self._on_evaluated)
        job.sigCancelled.connect(lambda: self.sigStatus.emit(self.tr("Evaluation cancelled")))
        job.sigFinished.connect(lambda: self._reset_progress(self.eval_progress))

    @staticmethod
    def _reset_progress(bar: QProgressBar) -> None:
        if bar.maximum() == 0:
            bar.setRange(0, 1)

    def _on_eval_progress(self, done: int, total: int, _message: str) -> None:
        self.eval_progress.setRange(0, max(total, 1))
        self.eval_progress.setValue(done)

    def _on_evaluated(self, evaluation: Evaluation) -> None:
        self.evaluation = evaluation
        report = evaluation.as_dict()
        images = report["images"]
        correct = int(evaluation.matrix.trace())
        text = self.tr("Accuracy {0} — {1} of {2} images right").format(
            format_percent(evaluation.accuracy), format_int(correct), format_int(images)
        )
        if evaluation.skipped:
            text += self.tr("; files skipped (unreadable): {0}").format(format_int(len(evaluation.skipped)))
            self.accuracy_label.setToolTip("\n".join(f"{p}: {r}" for p, r in evaluation.skipped[:30]))
        else:
            self.accuracy_label.setToolTip("")
        self.accuracy_label.setText(text)
        scores = report["per_class"]
        self.scores_table.setRowCount(len(evaluation.classes))
        self.scores_table.setVerticalHeaderLabels(evaluation.classes)
        for row, name in enumerate(evaluation.classes):
            s = scores[name]
            values = [format_float(s[key], 3) for key in ("precision", "recall", "f1")] + [format_int(s["support"])]
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.scores_table.setItem(row, col, item)
        self.matrix_view.set_matrix(evaluation.classes, evaluation.matrix)
        self.cell_gallery.clear()
        self.cell_title.setText(self.tr("Click a cell of the confusion matrix to see its images"))
        classes = evaluation.classes
        mistakes = evaluation.mistakes(50)
        self.mistakes_gallery.set_items(
            [
                (path, f"{classes[t]} → {classes[p]} ({format_percent(conf, 0, nbsp=True)})")
                for path, t, p, conf in mistakes
            ]
        )
        self.mistakes_title.setText(self.tr("Most confident mistakes ({0})").format(format_int(len(mistakes))))
        self.sigStatus.emit(text)

    def show_cell(self, true: int, pred: int) -> None:
        """Show the images behind confusion-matrix cell (true, pred) in the gallery."""
        if self.evaluation is None:
            return
        classes = self.evaluation.classes
        confidence = {path: conf for path, _, _, conf in self.evaluation.items}
        paths = self.evaluation.cell(true, pred)
        self.cell_gallery.set_items(
            [(p, f"{Path(p).name} ({format_percent(confidence[p], 0, nbsp=True)})") for p in paths]
        )
        self.cell_title.setText(
            self.tr("True {0}, predicted {1}: {2} images").format(classes[true], classes[pred], format_int(len(paths)))
        )

    # -- viewing and shutdown ------------------------------------------------------------------
    def open_preview(self, path: str) -> ImagePreviewDialog:
        """Show one image larger, in a non-modal window."""
        dialog = ImagePreviewDialog(path, Path(path).name, self.settings.max_image_pixels, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._dialogs.append(dialog)
        dialog.destroyed.connect(lambda *_: self._dialogs.remove(dialog) if dialog in self._dialogs else None)
        dialog.show()
        return dialog

    def shutdown(self) -> None:
        """Cancel and wait for the running job and the thumbnail loaders (window closing)."""
        for dialog in list(self._dialogs):
            dialog.close()
        if self._job is not None:
            self._job.cancel()
            self._job.wait()
        self._drain_timer.stop()
        self.folder_thumbnails.shutdown()
        self.cell_gallery.shutdown()
        self.mistakes_gallery.shutdown()
