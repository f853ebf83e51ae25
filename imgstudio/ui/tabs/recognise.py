"""The Recognise tab: find and name objects in an image or a folder, and annotate images.

Detect: a detector (OpenCV's bundled Haar cascades and HOG people detectors, offline, or a
trained detector model file) with its settings; boxes with label and score drawn on the
image; score and NMS-IoU sliders that re-filter the last boxes live; the list of
detections; a whole folder with progress and cancel; export as JSON, CSV or annotated
images. Detection runs in workers; a settings change re-runs it, and stale requests are
dropped.

Annotate: the box editor over a folder of images, saved as COCO, VOC or YOLO as you draw;
"Pre-annotate" adds the Detect page's detector's boxes to correct instead of drawing.

Train: a detector trained on the Annotate page's images (or an annotation file or folder, or
the built-in shapes) by the Train panel's engine, with live loss and mAP; the model it makes
opens on the Detect page.

Evaluate: mAP, per-class AP and precision-recall curves of a detector model file on an
annotated set.
"""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from imgstudio.core.io import ImageReadError, ImageWriteError, list_images, read_image, to_uint8
from imgstudio.core.ml.detection.boxes import Box, filter_boxes
from imgstudio.core.ml.detection.results import (
    DetectionResult,
    detect_paths,
    draw_boxes,
    write_annotated_image,
    write_results_csv,
    write_results_json,
)
from imgstudio.core.pipeline import make_proxy
from imgstudio.core.settings import Settings
from imgstudio.ui.messages import StatusWarnings
from imgstudio.ui.widgets.annotate_page import AnnotatePage
from imgstudio.ui.widgets.detect_train_page import DetectTrainPage
from imgstudio.ui.widgets.detector_form import DetectorForm, DetectorSpec
from imgstudio.ui.widgets.evaluate_detector_page import EvaluateDetectorPage
from imgstudio.ui.widgets.image_view import ImageView
from imgstudio.ui.workers import JobRunner, JobSet, LatestOnlyRunner, ResultStream

DISPLAY_MAX_PIXELS = 2_000_000
BOX_COLUMNS = ("label", "score", "x", "y", "width", "height")


def _detect_request(request: tuple[DetectorSpec, np.ndarray]) -> list[Box]:
    """Worker: run the detector on the image (every box, unfiltered)."""
    spec, image = request
    return spec.detect(image)


def _scaled(box: Box, scale: float) -> Box:
    return dataclasses.replace(
        box, x=box.x * scale, y=box.y * scale, width=box.width * scale, height=box.height * scale
    )


class RecogniseTab(StatusWarnings, QWidget):
    """Detect objects in an image or a folder with a bundled detector."""

    sigStatus = Signal(str)

    def __init__(self, settings: Settings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings or Settings()
        self.image: np.ndarray | None = None
        self.image_path = ""
        self.display: np.ndarray | None = None
        self.display_scale = 1.0
        self.raw_boxes: list[Box] = []
        self.boxes: list[Box] = []
        self.folder_results: list[DetectionResult] = []
        self._folder_job: JobRunner | None = None
        self._jobs = JobSet()
        self._stream: ResultStream[DetectionResult] = ResultStream()
        self._started = 0.0
        self._build()
        self.runner = LatestOnlyRunner(_detect_request, self)
        self.runner.sigResult.connect(lambda _id, boxes: self._on_boxes(boxes))
        self.runner.sigError.connect(lambda _id, message: self._on_detect_error(message))
        self._drain_timer = QTimer(self)
        self._drain_timer.setInterval(100)
        self._drain_timer.timeout.connect(self._drain)
        self.setAcceptDrops(True)
        self._update_actions()

    # -- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.open_button = QPushButton(self.tr("Open image…"))
        self.open_button.setToolTip(self.tr("Detect objects in one image (or drop one on this tab)"))
        self.open_button.clicked.connect(self.choose_image)
        self.folder_button = QPushButton(self.tr("Detect in folder…"))
        self.folder_button.setToolTip(self.tr("Run the detector on every image of a folder"))
        self.folder_button.clicked.connect(self.choose_folder)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop detecting in the folder; the images done so far are kept"))
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(260)
        self.export_json_button = QPushButton(self.tr("Export JSON…"))
        self.export_csv_button = QPushButton(self.tr("Export CSV…"))
        self.export_images_button = QPushButton(self.tr("Export annotated images…"))
        for button, kind in (
            (self.export_json_button, "json"),
            (self.export_csv_button, "csv"),
        ):
            button.setToolTip(self.tr("The boxes the filters keep, in pixels of the original images"))
            button.clicked.connect(lambda _c=False, k=kind: self.choose_export(k))
        self.export_images_button.setToolTip(self.tr("Copies of the images with their boxes drawn, into a folder"))
        self.export_images_button.clicked.connect(self.choose_export_images)
        top = QHBoxLayout()
        for widget in (self.open_button, self.folder_button, self.cancel_button, self.progress):
            top.addWidget(widget)
        top.addStretch(1)
        for widget in (self.export_json_button, self.export_csv_button, self.export_images_button):
            top.addWidget(widget)
        self.form = DetectorForm()
        self.form.setMinimumWidth(280)
        self.form.setMaximumWidth(380)
        self.form.sigDetectorChanged.connect(self.detect)
        self.form.sigFilterChanged.connect(self._apply_filters)
        self.form.sigStatus.connect(self.sigStatus)
        self.view = ImageView(self.tr("Detections"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.box_table = QTableWidget(0, len(BOX_COLUMNS))
        self.box_table.setHorizontalHeaderLabels(
            [self.tr("Label"), self.tr("Score"), self.tr("x"), self.tr("y"), self.tr("Width"), self.tr("Height")]
        )
        self.box_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.box_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.box_table.verticalHeader().hide()
        self.box_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.box_table.itemSelectionChanged.connect(self._redraw)
        self.file_table = QTableWidget(0, 3)
        self.file_table.setHorizontalHeaderLabels([self.tr("File"), self.tr("Boxes"), self.tr("Error")])
        self.file_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.file_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.file_table.verticalHeader().hide()
        self.file_table.horizontalHeader().setStretchLastSection(True)
        self.file_table.cellClicked.connect(lambda row, _col: self.open_image(self.folder_results[row].path))
        self.file_table.hide()
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.summary)
        right_layout.addWidget(self.box_table, 1)
        right_layout.addWidget(self.file_table, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.form)
        splitter.addWidget(self.view)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 760, 380])
        self.detect_page = QWidget()
        detect_layout = QVBoxLayout(self.detect_page)
        detect_layout.setContentsMargins(0, 4, 0, 0)
        detect_layout.addLayout(top)
        detect_layout.addWidget(splitter, 1)
        self.annotate_page = AnnotatePage()
        self.annotate_page.sigStatus.connect(self.sigStatus)
        editor = self.annotate_page.editor
        editor.sigPreAnnotateRequested.connect(self.pre_annotate)
        self.form.sigDetectorChanged.connect(lambda: editor.set_detector(self.form.detector_name()))
        editor.set_detector(self.form.detector_name())
        self.evaluate_page = EvaluateDetectorPage(self.settings)
        self.evaluate_page.sigStatus.connect(self.sigStatus)
        self.form.sigModelLoaded.connect(self.evaluate_page.set_default_model)
        self.train_page = DetectTrainPage(self.settings.runs_folder, self.annotate_page.training_source)
        self.train_page.sigStatus.connect(self.sigStatus)
        self.train_page.sigModelReady.connect(self.form.load_model)
        self.train_page.sigUseModel.connect(self.detect_with)
        self.train_page.sigEvaluateModel.connect(self.evaluate_trained)
        self.pages = QTabWidget()
        self.pages.addTab(self.detect_page, self.tr("Detect"))
        self.pages.addTab(self.annotate_page, self.tr("Annotate"))
        self.pages.addTab(self.train_page, self.tr("Train"))
        self.pages.addTab(self.evaluate_page, self.tr("Evaluate"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.pages, 1)

    # -- one image ---------------------------------------------------------------------------
    def set_image(self, image: np.ndarray, path: str) -> None:
        """Detect in ``image`` (the app's array convention) from now on."""
        self.image, self.image_path = image, path
        shown, self.display_scale = make_proxy(to_uint8(image), DISPLAY_MAX_PIXELS)
        self.display = shown
        self.raw_boxes, self.boxes = [], []
        self.view.title.setText(Path(path).name)
        self._redraw()
        self.detect()

    def open_image(self, path: str) -> bool:
        try:
            image, _ = read_image(path, max_pixels=self.settings.max_image_pixels)
        except ImageReadError as exc:
            self._warn(self.tr("Cannot open image"), str(exc))
            return False
        self.set_image(image, path)
        return True

    def choose_image(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Image to detect in"), self.settings.last_folder)
        if path:
            self.open_image(path)

    def detect(self) -> None:
        """Run the chosen detector with its settings on the current image (worker; stale runs dropped)."""
        if self.image is None:
            return
        try:
            spec = self.form.spec()
        except (TypeError, ValueError) as exc:
            self._on_detect_error(str(exc))
            return
        self.summary.setText(self.tr("Detecting…"))
        self.runner.submit((spec, self.image))

    def _on_boxes(self, boxes: list[Box]) -> None:
        self.raw_boxes = boxes
        scores = [b.score for b in boxes if b.score is not None]
        if scores and not self.form.is_model():  # a model's scores are probabilities: 0..1
            self.form.set_score_range(min(scores), max(scores))
        self._apply_filters()

    def _on_detect_error(self, message: str) -> None:
        self.summary.setText(self.tr("Cannot detect: {0}").format(message))
        self.sigStatus.emit(message)

    def _filtered(self, boxes: list[Box]) -> list[Box]:
        return filter_boxes(boxes, min_score=self.form.min_score(), iou_threshold=self.form.iou_threshold())

    def _apply_filters(self) -> None:
        self.boxes = self._filtered(self.raw_boxes)
        self.box_table.blockSignals(True)
        self.box_table.setRowCount(len(self.boxes))
        for row, box in enumerate(self.boxes):
            values = (box.label, "" if box.score is None else f"{box.score:.2f}")
            values += tuple(f"{v:.0f}" for v in (box.x, box.y, box.width, box.height))
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                if col:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.box_table.setItem(row, col, item)
        self.box_table.blockSignals(False)
        hidden = len(self.raw_boxes) - len(self.boxes)
        text = self.tr("{0} boxes").format(len(self.boxes))
        if hidden:
            text += self.tr(" ({0} hidden by the filters)").format(hidden)
        self.summary.setText(text)
        self._redraw()
        self._update_actions()

    def selected_box(self) -> int | None:
        rows = self.box_table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _redraw(self) -> None:
        if self.display is None or self.image is None:
            return
        boxes = [_scaled(b, self.display_scale) for b in self.boxes]
        shown = draw_boxes(self.display, boxes)
        selected = self.selected_box()
        if selected is not None and selected < len(boxes):  # the selected box: a white frame around it
            box, line = boxes[selected], max(2, round(max(shown.shape[:2]) / 300))
            corners = (round(box.x) - line, round(box.y) - line), (round(box.x2) + line, round(box.y2) + line)
            cv2.rectangle(shown, *corners, (255, 255, 255), line)
        self.view.set_image(self.image, (self.image.shape[1], self.image.shape[0]), shown)

    # -- a folder ------------------------------------------------------------------------------
    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder of images"), self.settings.last_folder)
        if folder:
            self.detect_folder(folder)

    def detect_folder(self, folder: str) -> None:
        """Run the detector on every image of ``folder``; rows stream into the file list."""
        if self.is_busy():
            return
        try:
            spec = self.form.spec()
        except (TypeError, ValueError) as exc:
            self._warn(self.tr("Cannot detect"), str(exc))
            return
        self.folder_results = []
        self.file_table.setRowCount(0)
        self.file_table.show()
        stream = self._stream = ResultStream()
        self.settings.last_folder = folder

        def work(ctx: Any) -> int:
            paths = [str(p) for p in list_images(folder)]
            stream.set_paths(paths)
            for result in detect_paths(spec.detect, paths, ctx=ctx):
                stream.push(result)
            return len(paths)

        job = self._folder_job = JobRunner(work, self)
        job.sigProgress.connect(self._on_folder_progress)
        job.sigResult.connect(lambda count: self._on_folder_done(folder, count, cancelled=False))
        job.sigCancelled.connect(lambda: self._on_folder_done(folder, len(self.folder_results), cancelled=True))
        job.sigError.connect(lambda message: self._on_folder_error(folder, message))
        job.sigFinished.connect(self._on_job_finished)
        self._started = time.monotonic()
        self.progress.setRange(0, 0)
        self._drain_timer.start()
        self._start(job)
        self.sigStatus.emit(self.tr("Detecting in {0}…").format(folder))

    def _drain(self) -> None:
        _paths, results = self._stream.take()
        for result in results:
            row = self.file_table.rowCount()
            self.file_table.insertRow(row)
            self.folder_results.append(result)
            for col, value in enumerate((Path(result.path).name, str(len(result.boxes)), result.error or "")):
                self.file_table.setItem(row, col, QTableWidgetItem(value))

    def _on_folder_progress(self, done: int, total: int, _message: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _on_folder_done(self, folder: str, count: int, cancelled: bool) -> None:
        self._drain()
        seconds = time.monotonic() - self._started
        boxes = sum(len(self._filtered(r.boxes)) for r in self.folder_results)
        errors = sum(1 for r in self.folder_results if r.error)
        if cancelled:
            text = self.tr("Cancelled after {0} images").format(len(self.folder_results))
        else:
            text = self.tr("{0} images, {1} boxes in {2:.1f} s").format(count, boxes, seconds)
        if errors:
            text += self.tr("; {0} unreadable (see the Error column)").format(errors)
        self.progress.setRange(0, 1)
        self.progress.setValue(0 if cancelled else 1)
        self.sigStatus.emit(text)
        self.summary.setText(text)

    def _on_folder_error(self, folder: str, message: str) -> None:
        self.progress.setRange(0, 1)
        self._warn(self.tr("Cannot detect in {0}").format(Path(folder).name), message)

    def _on_job_finished(self) -> None:
        self._drain_timer.stop()
        self._folder_job = None
        self._update_actions()

    def is_busy(self) -> bool:
        return self._folder_job is not None

    def cancel(self) -> None:
        if self._folder_job is not None:
            self._folder_job.cancel()

    # -- pre-annotation ------------------------------------------------------------------------
    def pre_annotate(self) -> JobRunner | None:
        """Add the Detect page's detector's boxes (its settings and filters) to the image being
        annotated, as editable boxes (one undoable edit)."""
        editor = self.annotate_page.editor
        session, index = editor.session, editor.index
        if session is None:
            return None
        try:
            spec = self.form.spec()
        except (TypeError, ValueError) as exc:
            self._warn(self.tr("Cannot pre-annotate"), str(exc))
            return None
        name, min_score, iou = spec.name, self.form.min_score(), self.form.iou_threshold()

        def work(_ctx: Any) -> list[Box]:
            boxes = spec.detect(session.load_image(index))
            return filter_boxes(boxes, min_score=min_score, iou_threshold=iou)

        def apply(boxes: list[Box]) -> None:
            if editor.session is session and editor.index == index:  # still on that image
                editor.set_boxes(boxes, replace=False)
                self.sigStatus.emit(self.tr("{0} boxes proposed by {1}: correct them").format(len(boxes), name))

        job = JobRunner(work, self)
        job.sigResult.connect(apply)
        job.sigError.connect(lambda message: self._warn(self.tr("Cannot pre-annotate"), message))
        self._start(job)
        return job

    # -- export --------------------------------------------------------------------------------
    def results_to_export(self) -> list[DetectionResult]:
        """The folder's results if a folder was run, else the current image's; filtered as shown."""
        if self.folder_results:
            return [DetectionResult(r.path, self._filtered(r.boxes), r.error) for r in self.folder_results]
        if self.image is not None and self.image_path:
            return [DetectionResult(self.image_path, list(self.boxes))]
        return []

    def choose_export(self, fmt: str) -> None:
        start = str(Path(self.settings.last_folder or ".") / f"detections.{fmt}")
        pattern = self.tr("JSON (*.json)") if fmt == "json" else self.tr("CSV (*.csv)")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export detections"), start, pattern)
        if path:
            self.export(path, fmt)

    def export(self, path: str, fmt: str) -> bool:
        """Write the detections as JSON or CSV (the dialog has asked before replacing a file)."""
        results = self.results_to_export()
        if not results:
            self._warn(self.tr("Nothing to export"), self.tr("Open an image or run a folder first"))
            return False
        writer = write_results_json if fmt == "json" else write_results_csv
        try:
            writer(path, results, overwrite=True)
        except (OSError, ValueError) as exc:
            self._warn(self.tr("Cannot export"), str(exc))
            return False
        self.sigStatus.emit(self.tr("Saved {0}").format(Path(path).name))
        return True

    def choose_export_images(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the annotated images"))
        if folder:
            self.export_images(folder)

    def export_images(self, folder: str) -> JobRunner | None:
        """Write each image with its boxes drawn into ``folder`` as ``<name>_boxes.png``; existing
        files and the originals are never replaced (they are reported instead)."""
        results = [r for r in self.results_to_export() if not r.error]
        if not results:
            self._warn(self.tr("Nothing to export"), self.tr("Open an image or run a folder first"))
            return None
        out = Path(folder)

        def work(ctx: Any) -> tuple[int, list[str]]:
            written, problems = 0, []
            for done, result in enumerate(results):
                ctx.check()
                ctx.progress(done, len(results), Path(result.path).name)
                target = out / f"{Path(result.path).stem}_boxes.png"
                try:
                    write_annotated_image(result.path, result.boxes, target)
                    written += 1
                except (ImageReadError, ImageWriteError, OSError) as exc:
                    problems.append(f"{target.name}: {exc}")
            return written, problems

        job = JobRunner(work, self)
        job.sigResult.connect(lambda outcome: self._on_images_exported(folder, *outcome))
        job.sigError.connect(lambda message: self._warn(self.tr("Cannot export"), message))
        self._start(job)
        return job

    def _on_images_exported(self, folder: str, written: int, problems: list[str]) -> None:
        text = self.tr("{0} annotated images written to {1}").format(written, Path(folder).name)
        self.sigStatus.emit(text)
        if problems:
            shown = "\n".join(problems[:10]) + ("\n…" if len(problems) > 10 else "")
            self._warn(self.tr("Some images were not written"), shown)

    # -- state ---------------------------------------------------------------------------------
    def _update_actions(self) -> None:
        busy = self.is_busy()
        has_results = bool(self.folder_results) or self.image is not None
        for button in (self.export_json_button, self.export_csv_button, self.export_images_button):
            button.setEnabled(has_results and not busy)
        self.folder_button.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        self.cancel_button.setVisible(busy)
        self.progress.setVisible(busy)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if urls:
            self.open_path(urls[0])
            event.acceptProposedAction()

    def open_path(self, path: str) -> None:
        """A folder is detected in as a whole; a file is opened."""
        if Path(path).is_dir():
            self.detect_folder(path)
        else:
            self.open_image(path)

    def _start(self, job: JobRunner) -> None:
        self._jobs.start(job)
        self._update_actions()

    def detect_with(self, model: str) -> None:
        """The Detect page with ``model`` (loaded again: another detector may be chosen since)."""
        self.pages.setCurrentWidget(self.detect_page)
        self.form.load_model(model)

    def evaluate_trained(self, model: str, annotations: str, images: str) -> None:
        """Evaluate a model the Train page made on the set it learnt from, on the Evaluate page."""
        page = self.evaluate_page
        if page.is_busy():
            self._warn(self.tr("Cannot evaluate"), self.tr("An evaluation is running: cancel it or wait for it"))
            return
        page.model_edit.setText(model)
        page.source_edit.setText(annotations)
        page.images_edit.setText(images)
        self.pages.setCurrentWidget(page)
        page.evaluate()

    def is_running(self) -> bool:
        """Whether a detector is training on the Train page."""
        return self.train_page.is_running()

    def shutdown(self) -> None:
        self.train_page.shutdown()
        self.annotate_page.shutdown()
        self.evaluate_page.shutdown()
        self.form.shutdown()
        self.runner.stop()
        self._jobs.stop_all()
