"""The Recognise tab's Evaluate page: how good a trained detector is on an annotated set.

The model file (by default the one last loaded on the Detect page) and an annotation source
(COCO .json file, VOC or YOLO folder, optionally a separate images folder) go to
``evaluate_detector`` in a worker, with progress and Cancel. It shows mAP@0.5 and
mAP@0.5:0.95, AP per class and the precision-recall curves at IoU 0.5 (pyqtgraph).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from imgstudio.core.ml.detection.metrics import DetectionEvaluation
from imgstudio.core.settings import Settings
from imgstudio.ui.messages import StatusWarnings
from imgstudio.ui.workers import JobRunner

BACKGROUND = "#26282c"
CURVE_IOU = 0.5


def _ap_text(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


class EvaluateDetectorPage(StatusWarnings, QWidget):
    """Pick a detector model file and annotations, evaluate in a worker, show mAP and PR curves."""

    sigStatus = Signal(str)

    def __init__(self, settings: Settings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings or Settings()
        self.evaluation: DetectionEvaluation | None = None
        self.curves: dict[str, pg.PlotDataItem] = {}
        self._job: JobRunner | None = None
        self._build()
        self._update_actions()

    def _build(self) -> None:
        self.model_edit = QLineEdit()
        self.model_edit.setPlaceholderText(self.tr("Detector model file (.safetensors)"))
        self.model_edit.setToolTip(self.tr("By default the detector model last loaded on the Detect page"))
        model_button = QPushButton(self.tr("Browse…"))
        model_button.setToolTip(self.tr("Choose the detector's model file in a file dialog"))
        model_button.clicked.connect(self.choose_model)
        self.source_edit = QLineEdit()
        self.source_edit.setPlaceholderText(self.tr("COCO .json file, or a VOC or YOLO folder"))
        self.source_edit.setToolTip(self.tr("The ground-truth boxes the detector's predictions are compared with"))
        coco_button = QPushButton(self.tr("COCO file…"))
        coco_button.setToolTip(self.tr("Choose a COCO annotations .json file in a file dialog"))
        coco_button.clicked.connect(self.choose_coco)
        folder_button = QPushButton(self.tr("VOC/YOLO folder…"))
        folder_button.setToolTip(self.tr("Choose a folder of Pascal VOC .xml or YOLO .txt annotations"))
        folder_button.clicked.connect(self.choose_source_folder)
        self.images_edit = QLineEdit()
        self.images_edit.setPlaceholderText(self.tr("Optional: where the images are, if not beside the annotations"))
        self.images_edit.setToolTip(
            self.tr("The folder of the annotated images; leave empty when they are beside the annotations")
        )
        images_button = QPushButton(self.tr("Browse…"))
        images_button.setToolTip(self.tr("Choose the folder of images in a file dialog"))
        images_button.clicked.connect(self.choose_images)
        form = QFormLayout()
        form.addRow(self.tr("Model"), self._row(self.model_edit, model_button))
        form.addRow(self.tr("Annotations"), self._row(self.source_edit, coco_button, folder_button))
        form.addRow(self.tr("Images"), self._row(self.images_edit, images_button))
        self.evaluate_button = QPushButton(self.tr("Evaluate"))
        self.evaluate_button.setToolTip(self.tr("Run the detector on every annotated image and compare (COCO mAP)"))
        self.evaluate_button.clicked.connect(self.evaluate)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop the evaluation; nothing is shown for the images done so far"))
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(260)
        self.summary = QLabel(self.tr("Choose a detector model and an annotated set, then Evaluate"))
        self.summary.setWordWrap(True)
        actions = QHBoxLayout()
        for widget in (self.evaluate_button, self.cancel_button, self.progress):
            actions.addWidget(widget)
        actions.addWidget(self.summary, 1)
        self.class_table = QTableWidget(0, 4)
        self.class_table.setHorizontalHeaderLabels(
            [self.tr("Class"), self.tr("AP@0.5"), self.tr("AP@0.5:0.95"), self.tr("Ground truth")]
        )
        self.class_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.class_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.class_table.verticalHeader().hide()
        self.class_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.plot = pg.PlotWidget()
        self.plot.setBackground(BACKGROUND)
        self.plot.setMenuEnabled(False)
        self.plot.showGrid(x=True, y=True, alpha=0.2)
        self.plot.setTitle(self.tr("Precision–recall at IoU 0.5"), color="#e0e0e0", size="10pt")
        self.plot.setLabel("left", self.tr("precision"))
        self.plot.setLabel("bottom", self.tr("recall"))
        self.plot.setXRange(0, 1, padding=0.02)
        self.plot.setYRange(0, 1, padding=0.02)
        self.plot.addLegend(offset=(-10, -10), labelTextSize="8pt")
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.class_table)
        splitter.addWidget(self.plot)
        splitter.setSizes([420, 800])
        inputs = QGroupBox(self.tr("Detector and annotated set"))
        inputs.setLayout(form)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(inputs)
        layout.addLayout(actions)
        layout.addWidget(splitter, 1)

    @staticmethod
    def _row(*widgets: QWidget) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        for i, widget in enumerate(widgets):
            layout.addWidget(widget, 1 if i == 0 else 0)
        return row

    # -- inputs --------------------------------------------------------------------------------
    def set_default_model(self, path: str) -> None:
        """The Detect page loaded ``path``: evaluate it unless another file was chosen here."""
        if not self.model_edit.text() or not self.model_edit.isModified():
            self.model_edit.setText(path)

    def choose_model(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Detector model file"), "", self.tr("Model files (*.safetensors);;All files (*)")
        )
        if path:
            self.model_edit.setText(path)
            self.model_edit.setModified(True)

    def choose_coco(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("COCO annotations"), self.settings.last_folder, self.tr("COCO JSON (*.json)")
        )
        if path:
            self.source_edit.setText(path)

    def choose_source_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("VOC or YOLO folder"), self.settings.last_folder)
        if folder:
            self.source_edit.setText(folder)

    def choose_images(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder of images"), self.settings.last_folder)
        if folder:
            self.images_edit.setText(folder)

    # -- the job -------------------------------------------------------------------------------
    def evaluate(self) -> JobRunner | None:
        """Evaluate the model file on the annotations in a worker (None if busy or inputs missing)."""
        if self.is_busy():
            return None
        model, source = self.model_edit.text().strip(), self.source_edit.text().strip()
        images = self.images_edit.text().strip() or None
        if not model or not source:
            self._warn(self.tr("Cannot evaluate"), self.tr("Choose a detector model file and an annotation source"))
            return None

        def work(ctx: Any) -> DetectionEvaluation:
            from imgstudio.core.ml.detection.infer import evaluate_detector, load_detector  # imports torch

            ctx.progress(0, 0, "loading")
            return evaluate_detector(load_detector(model), source, images, ctx)

        job = self._job = JobRunner(work, self)
        job.sigProgress.connect(self._on_progress)
        job.sigResult.connect(self.show_evaluation)
        job.sigCancelled.connect(lambda: self._finish(self.tr("Evaluation cancelled")))
        job.sigError.connect(self._on_error)
        job.sigFinished.connect(self._on_finished)
        self.progress.setRange(0, 0)
        self.summary.setText(self.tr("Evaluating {0}…").format(Path(model).name))
        job.start()
        self._update_actions()
        return job

    def _on_progress(self, done: int, total: int, _message: str) -> None:
        self.progress.setRange(0, max(total, 0))
        self.progress.setValue(done)

    def _on_error(self, message: str) -> None:
        self._finish(self.tr("Evaluation failed"))
        self._warn(self.tr("Cannot evaluate"), message)

    def _finish(self, text: str) -> None:
        self.summary.setText(text)
        self.sigStatus.emit(text)

    def _on_finished(self) -> None:
        self._job = None
        self.progress.setRange(0, 1)
        self._update_actions()

    def is_busy(self) -> bool:
        return self._job is not None

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()

    # -- results -------------------------------------------------------------------------------
    def show_evaluation(self, evaluation: DetectionEvaluation) -> None:
        """Fill the summary, the per-class table and the precision-recall curves."""
        self.evaluation = evaluation
        text = self.tr("mAP@0.5: {0}   mAP@0.5:0.95: {1}   ({2} images)").format(
            _ap_text(evaluation.map50), _ap_text(evaluation.map50_95), evaluation.images
        )
        self._finish(text)
        ap50, ap = evaluation.class_ap(CURVE_IOU), evaluation.class_ap()
        self.class_table.setRowCount(len(evaluation.classes))
        for row, name in enumerate(evaluation.classes):
            values = (name, _ap_text(ap50[name]), _ap_text(ap[name]), str(evaluation.ground_truth[row]))
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                if col:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.class_table.setItem(row, col, item)
        self.plot.clear()
        self.curves = {}
        for k, name in enumerate(evaluation.classes):
            if not evaluation.ground_truth[k]:
                continue  # nothing to find: no curve
            recall, precision = evaluation.pr_curve(name, CURVE_IOU)
            pen = pg.mkPen(pg.intColor(k, hues=max(len(evaluation.classes), 3)), width=2)
            self.curves[name] = self.plot.plot(recall, precision, pen=pen, name=name)

    # -- state ---------------------------------------------------------------------------------
    def _update_actions(self) -> None:
        busy = self.is_busy()
        self.evaluate_button.setEnabled(not busy)
        self.cancel_button.setVisible(busy)
        self.cancel_button.setEnabled(busy)
        self.progress.setVisible(busy)

    def shutdown(self) -> None:
        """Cancel a running evaluation and wait for its worker."""
        if self._job is not None:
            self._job.cancel()
            self._job.wait()
