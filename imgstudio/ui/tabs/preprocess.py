"""The Preprocess tab: open images, edit a pipeline with live before/after preview,
histogram and pixel inspector, undo/redo, save/load the pipeline, batch and augmentation.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QStyle,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from imgstudio.core.history import History
from imgstudio.core.io import write_image
from imgstudio.core.pipeline import Pipeline, PipelineError
from imgstudio.core.preview import LoadedImage, PreviewResult, load_for_preview, render_preview
from imgstudio.core.settings import Settings
from imgstudio.ui.dialogs.augment_dialog import AugmentDialog
from imgstudio.ui.dialogs.batch_dialog import BatchDialog
from imgstudio.ui.language import tr_core
from imgstudio.ui.messages import StatusWarnings
from imgstudio.ui.widgets.histogram import HistogramView
from imgstudio.ui.widgets.image_view import ImageView
from imgstudio.ui.widgets.pipeline_editor import PipelineEditor
from imgstudio.ui.widgets.thumbnail_strip import ThumbnailStrip
from imgstudio.ui.workers import JobRunner, LatestOnlyRunner

IMAGE_FILTER = QT_TRANSLATE_NOOP(
    "PreprocessTab", "Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.webp *.gif *.pgm *.ppm *.pnm);;All files (*)"
)
PIPELINE_FILTER = QT_TRANSLATE_NOOP("PreprocessTab", "imgstudio pipeline (*.json);;All files (*)")
_DRAG_TOOLS = ("crop", "translate")


def _format_pixel(value: np.ndarray) -> str:
    values = np.atleast_1d(value)
    if values.dtype == np.float32:
        return " ".join(f"{v:.3f}" for v in values)
    return " ".join(str(int(v)) for v in values)


class PreprocessTab(StatusWarnings, QWidget):
    """Everything about preparing images, wired to the core through worker threads."""

    sigStatus = Signal(str)
    sigOpened = Signal(str)
    sigHistoryChanged = Signal()

    def __init__(self, settings: Settings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings or Settings()
        self.loaded: LoadedImage | None = None
        self.current_path: str = ""
        self.pipeline = Pipeline()
        self.history = History(self.pipeline.to_json())
        self.result: PreviewResult | None = None
        self.last_error = ""
        self.jobs: set[JobRunner] = set()
        self._dialogs: list[QWidget] = []
        self._drag_origin: tuple[float, float] = (0.0, 0.0)
        self._image_floor = 0
        self._open_generation = 0
        self._drag_start: QPointF | None = None

        self.preview = LatestOnlyRunner(self._render, self)
        self.preview.sigResult.connect(self._on_preview)
        self.preview.sigError.connect(lambda _id, msg: self._show_error(msg))

        self.before = ImageView(self.tr("Before"))
        self.after = ImageView(self.tr("After"))
        self.after.link(self.before)
        self.before.sigHover.connect(self._on_hover)
        self.after.sigHover.connect(self._on_hover)
        self.histogram = HistogramView()
        self.pixel_label = QLabel(self.tr("Move the mouse over the image to inspect pixels"))
        self.pixel_label.setObjectName("pixelInspector")
        self.pixel_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.info_label = QLabel()
        self.info_label.setWordWrap(True)
        self.editor = PipelineEditor()
        self.editor.set_pipeline(self.pipeline)
        self.editor.sigEdited.connect(self._on_edited)
        self.editor.sigSelectionChanged.connect(self._on_selection_changed)
        self.editor.sigMessage.connect(self.sigStatus)
        self.strip = ThumbnailStrip()
        self.strip.sigImageChosen.connect(self.open_image)
        self.strip.hide()

        self.toolbar = QToolBar()
        self.actions: dict[str, QAction] = {}
        self._build_actions()

        views = QSplitter(Qt.Orientation.Horizontal)
        views.addWidget(self.before)
        views.addWidget(self.after)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.histogram, 1)
        bottom_layout.addWidget(self.pixel_label)
        bottom_layout.addWidget(self.info_label)
        centre = QSplitter(Qt.Orientation.Vertical)
        centre.addWidget(views)
        centre.addWidget(bottom)
        centre.setStretchFactor(0, 4)
        centre.setStretchFactor(1, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.strip)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(self.editor)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([230, 880, 360])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.splitter, 1)
        self._update_actions()

    # -- actions ---------------------------------------------------------------------------
    def _build_actions(self) -> None:
        spec = [
            ("open", self.tr("Open image…"), QKeySequence.StandardKey.Open, self.choose_image),
            ("open_folder", self.tr("Open folder…"), QKeySequence("Ctrl+Shift+O"), self.choose_folder),
            ("save_result", self.tr("Save result…"), QKeySequence.StandardKey.Save, self.choose_save_result),
            (None, "", None, None),
            ("undo", self.tr("Undo"), QKeySequence.StandardKey.Undo, self.undo),
            ("redo", self.tr("Redo"), QKeySequence("Ctrl+Shift+Z"), self.redo),
            (None, "", None, None),
            ("load_pipeline", self.tr("Load pipeline…"), QKeySequence("Ctrl+L"), self.choose_load_pipeline),
            ("save_pipeline", self.tr("Save pipeline…"), QKeySequence("Ctrl+Shift+S"), self.choose_save_pipeline),
            (None, "", None, None),
            ("batch", self.tr("Batch…"), QKeySequence("Ctrl+B"), self.open_batch),
            ("augment", self.tr("Augmentation preview…"), QKeySequence("Ctrl+G"), self.open_augment),
            ("fit", self.tr("Fit"), QKeySequence("Ctrl+0"), self.before.fit),
        ]
        tips = {
            "open": self.tr("Open an image file (or drop one on the window)"),
            "open_folder": self.tr("Open a folder: its images appear as thumbnails on the left"),
            "save_result": self.tr("Apply the pipeline at full resolution and save the result as a new file"),
            "undo": self.tr("Undo the last pipeline edit (Ctrl+Z)"),
            "redo": self.tr("Redo (Ctrl+Shift+Z)"),
            "load_pipeline": self.tr("Load a pipeline from a JSON file"),
            "save_pipeline": self.tr("Save the pipeline as JSON (usable with `imgstudio preprocess`)"),
            "batch": self.tr("Apply the pipeline to every image of a folder"),
            "augment": self.tr("Show random draws of the pipeline, as used for training augmentation"),
            "fit": self.tr("Fit the image in the view"),
        }
        icons = {
            "open": QStyle.StandardPixmap.SP_DialogOpenButton,
            "open_folder": QStyle.StandardPixmap.SP_DirOpenIcon,
            "save_result": QStyle.StandardPixmap.SP_DialogSaveButton,
            "undo": QStyle.StandardPixmap.SP_ArrowBack,
            "redo": QStyle.StandardPixmap.SP_ArrowForward,
            "load_pipeline": QStyle.StandardPixmap.SP_FileDialogContentsView,
            "save_pipeline": QStyle.StandardPixmap.SP_DriveFDIcon,
            "batch": QStyle.StandardPixmap.SP_MediaPlay,
            "augment": QStyle.StandardPixmap.SP_FileDialogDetailedView,
            "fit": QStyle.StandardPixmap.SP_TitleBarMaxButton,
        }
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for key, text, shortcut, slot in spec:
            if key is None:
                self.toolbar.addSeparator()
                continue
            action = QAction(self.style().standardIcon(icons[key]), text, self)
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.setToolTip(tips[key])
            action.setStatusTip(tips[key])
            action.triggered.connect(slot)
            self.toolbar.addAction(action)
            self.actions[key] = action
        self.actions["redo"].setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence.StandardKey.Redo])

    def _update_actions(self) -> None:
        has_image = self.loaded is not None
        self.actions["undo"].setEnabled(self.history.can_undo)
        self.actions["redo"].setEnabled(self.history.can_redo)
        self.actions["undo"].setText(self.tr("Undo {0}").format(self.history.undo_label).strip())
        self.actions["redo"].setText(self.tr("Redo {0}").format(self.history.redo_label).strip())
        for key in ("save_result", "augment"):
            self.actions[key].setEnabled(has_image)
        self.sigHistoryChanged.emit()

    # -- opening images ------------------------------------------------------------------------
    def choose_image(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open image"), self.settings.last_folder, self.tr(IMAGE_FILTER)
        )
        if path:
            self.open_image(path)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Open folder"), self.settings.last_folder)
        if folder:
            self.open_folder(folder)

    def open_path(self, path: str) -> None:
        """Open a file or a folder (command line, drag and drop, recent files)."""
        if Path(path).is_dir():
            self.open_folder(path)
        else:
            self.open_image(path)

    def open_folder(self, folder: str) -> int:
        try:
            count = self.strip.set_folder(Path(folder))
        except OSError as exc:
            self._warn(self.tr("Cannot open folder"), str(exc))
            return 0
        self.settings.last_folder = folder
        self.strip.show()
        if count == 0:
            self.sigStatus.emit(self.tr("{0}: no images in this folder").format(folder))
        else:
            self.sigStatus.emit(self.tr("{0}: {1} images").format(folder, count))
            first = self.strip.paths()[0]
            self.strip.select_path(first)
            self.open_image(str(first))
        return count

    def open_image(self, path: str) -> JobRunner:
        """Load ``path`` in a worker; on failure the current image stays."""
        max_pixels = self.settings.max_image_pixels
        proxy_max = self.settings.proxy_max_pixels
        self.sigStatus.emit(self.tr("Opening {0}…").format(Path(path).name))
        self._open_generation += 1
        generation = self._open_generation
        job = self._start_job(lambda ctx: load_for_preview(path, max_pixels=max_pixels, proxy_max_pixels=proxy_max))
        job.sigResult.connect(lambda loaded: self._on_loaded(path, loaded, generation))
        job.sigError.connect(lambda msg: self._warn(self.tr("Cannot open image"), msg))
        return job

    def _on_loaded(self, path: str, loaded: LoadedImage, generation: int | None = None) -> None:
        if generation is not None and generation != self._open_generation:
            return  # a later open_image() superseded this one: the last opened image wins
        self.loaded = loaded
        self.current_path = path
        self.settings.last_folder = str(Path(path).parent)
        info = loaded.info
        self.editor.set_image_size((info.width, info.height))
        self._image_floor = self.preview.submit_count + 1
        self.before.set_image(loaded.image, shown=loaded.display)
        notes = f" — {'; '.join(info.notes)}" if info.notes else ""
        self.info_label.setText(
            self.tr("{0}: {1}×{2}, {3} ch, {4}, {5}").format(
                Path(path).name, info.width, info.height, info.channels, info.dtype, info.format
            )
            + notes
        )
        self.sigOpened.emit(path)
        self.sigStatus.emit(self.tr("Opened {0}").format(Path(path).name))
        self._update_actions()
        self.refresh(full=True)

    # -- pipeline edits and history ---------------------------------------------------------------
    def set_pipeline(self, pipeline: Pipeline, label: str) -> None:
        """Replace the whole pipeline as one undoable edit."""
        self.pipeline = pipeline
        self.editor.set_pipeline(pipeline, select=0)
        self._on_edited(label, None, True)

    def _on_edited(self, label: str, merge_key: object, final: bool) -> None:
        self.history.push(self.pipeline.to_json(), label, merge_key if isinstance(merge_key, str) else None)
        if final:
            self.history.seal()
        self._update_actions()
        self.refresh(full=final)

    def undo(self) -> None:
        if self.history.can_undo:
            self._restore(self.history.undo())

    def redo(self) -> None:
        if self.history.can_redo:
            self._restore(self.history.redo())

    def _restore(self, state: dict) -> None:
        row = self.editor.selected_index()
        self.pipeline = Pipeline.from_json(state)
        self.editor.set_pipeline(self.pipeline, select=max(0, row))
        self._update_actions()
        self.refresh(full=True)

    # -- preview ------------------------------------------------------------------------------------
    def _drag_step(self) -> int | None:
        row = self.editor.selected_index()
        steps = self.pipeline.steps
        if 0 <= row < len(steps) and steps[row].op in _DRAG_TOOLS and steps[row].enabled:
            return row
        return None

    def refresh(self, full: bool = False) -> None:
        """Ask for a new preview: the proxy while dragging, full resolution when ``full``."""
        if self.loaded is None:
            return
        use_full = full or self.loaded.proxy_scale == 1.0
        image = self.loaded.image if use_full else self.loaded.proxy
        scale = 1.0 if use_full else self.loaded.proxy_scale
        limit = self.settings.max_image_pixels
        self.preview.submit((image, scale, self.pipeline.copy(), self._drag_step(), use_full, limit))

    @staticmethod
    def _render(request: tuple) -> PreviewResult:
        image, scale, pipeline, step_input, full, limit = request
        return render_preview(image, scale, pipeline, step_input=step_input, full_resolution=full, max_pixels=limit)

    def _display_size(self, img: np.ndarray, scale: float) -> tuple[int, int]:
        return max(1, round(img.shape[1] / scale)), max(1, round(img.shape[0] / scale))

    def _on_preview(self, request_id: int, result: PreviewResult) -> None:
        if request_id < self._image_floor:
            return  # rendered for the previous image
        if result.error:
            self._show_error(result.error)
            return
        self.result = result
        self.last_error = ""
        assert result.output is not None
        self.after.set_image(
            result.output, self._display_size(result.output, result.output_scale), shown=result.display
        )
        size = self._display_size(result.output, result.output_scale)
        quality = self.tr("full resolution") if result.full_resolution else self.tr("preview")
        self.after.title.setText(self.tr("After — {0}×{1} ({2})").format(size[0], size[1], quality))
        self.after.title.setStyleSheet("")
        self.histogram.set_histograms(result.histograms)
        drag_index = self._drag_step()
        if result.step_input is not None and drag_index == result.step_index:
            self.before.set_image(
                result.step_input,
                self._display_size(result.step_input, result.step_input_scale),
                shown=result.step_input_display,
            )
            step = self.pipeline.steps[drag_index]
            hint = self.tr("drag to draw the crop") if step.op == "crop" else self.tr("drag to move")
            self.before.title.setText(
                self.tr("Input of step {0} ({1}) — {2}").format(drag_index + 1, tr_core(step.spec.label), hint)
            )
        elif self.loaded is not None and drag_index is None:
            if self.before.image is not self.loaded.image:
                self.before.set_image(self.loaded.image, shown=self.loaded.display)
            info = self.loaded.info
            self.before.title.setText(self.tr("Before — {0}×{1}").format(info.width, info.height))
        self._update_outline()
        if result.notes:
            self.sigStatus.emit("; ".join(dict.fromkeys(result.notes)))

    def _show_error(self, message: str) -> None:
        """A pipeline that cannot run keeps the last good result and says why."""
        self.last_error = message
        self.after.title.setText(self.tr("⚠ {0}").format(message))
        self.after.title.setStyleSheet("color: #ff6b6b;")
        self.sigStatus.emit(message)

    # -- crop / translate by dragging -------------------------------------------------------------
    def _on_selection_changed(self, _row: int) -> None:
        step_index = self._drag_step()
        if step_index is None:
            self.before.set_drag_handler(None)
        elif self.pipeline.steps[step_index].op == "crop":
            self.before.set_drag_handler(self._drag_crop)
        else:
            self.before.set_drag_handler(self._drag_translate)
        self.refresh(full=True)

    def _update_outline(self) -> None:
        index = self._drag_step()
        step = self.pipeline.steps[index] if index is not None else None
        if step is None or step.op != "crop" or any(isinstance(v, dict) for v in step.params.values()):
            self.before.show_outline(None)  # no single rectangle to show for a random crop
            return
        p = step.params
        self.before.show_outline(QRectF(p["x"], p["y"], p["width"], p["height"]))

    def _drag_crop(self, start: QPointF, current: QPointF, finished: bool) -> None:
        """Draw the crop rectangle; a drag that selects (almost) nothing keeps the crop."""
        w, h = self.before.display_size
        x0, x1 = sorted((min(max(start.x(), 0), w), min(max(current.x(), 0), w)))
        y0, y1 = sorted((min(max(start.y(), 0), h), min(max(current.y(), 0), h)))
        if x1 - x0 < 2 or y1 - y0 < 2 or x0 >= w - 1 or y0 >= h - 1:
            if finished:
                self._update_outline()
            return
        rect = {"x": int(x0), "y": int(y0), "width": int(x1 - x0), "height": int(y1 - y0)}
        self.before.show_outline(QRectF(rect["x"], rect["y"], rect["width"], rect["height"]))
        self.editor.set_params(rect, final=finished)

    def _drag_translate(self, start: QPointF, current: QPointF, finished: bool) -> None:
        index = self._drag_step()
        if index is None:
            return
        params = self.pipeline.steps[index].params
        if start != self._drag_start:
            self._drag_start = start
            self._drag_origin = (
                float(params["dx"]) if not isinstance(params["dx"], dict) else 0.0,
                float(params["dy"]) if not isinstance(params["dy"], dict) else 0.0,
            )
        dx = round(self._drag_origin[0] + current.x() - start.x())
        dy = round(self._drag_origin[1] + current.y() - start.y())
        self.editor.set_params({"dx": float(dx), "dy": float(dy)}, final=finished)
        if finished:
            self._drag_start = None

    # -- pixel inspector ------------------------------------------------------------------------------
    def _on_hover(self, x: float, y: float) -> None:
        parts = []
        before = self.before.pixel_at(x, y)
        if before is not None:
            parts.append(self.tr("x {0}, y {1} — before: {2}").format(before[0], before[1], _format_pixel(before[2])))
        after = self.after.pixel_at(x, y)
        if after is not None:
            prefix = "" if parts else self.tr("x {0}, y {1} — ").format(after[0], after[1])
            parts.append(prefix + self.tr("after: {0}").format(_format_pixel(after[2])))
        if parts:
            self.pixel_label.setText("   ".join(parts))

    # -- files ---------------------------------------------------------------------------------------------
    def choose_save_result(self) -> None:
        if self.loaded is None:
            return
        suggestion = str(Path(self.current_path).with_name(Path(self.current_path).stem + "_processed.png"))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save result"), suggestion, self.tr(IMAGE_FILTER))
        if path:
            self.save_result(path, overwrite=True)

    def save_result(self, path: str, overwrite: bool = False) -> JobRunner | None:
        """Render at full resolution in a worker and write ``path`` (never the source)."""
        if self.loaded is None:
            return None
        image, pipeline, source = self.loaded.image, self.pipeline.copy(), self.current_path

        def work(ctx: object) -> Path:
            result = pipeline.apply(image)
            return write_image(path, result, overwrite=overwrite, protect=(source,))

        job = self._start_job(work)
        job.sigResult.connect(lambda p: self.sigStatus.emit(self.tr("Saved {0}").format(p)))
        job.sigError.connect(lambda msg: self._warn(self.tr("Cannot save the result"), msg))
        return job

    def choose_load_pipeline(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Load pipeline"),
            self.settings.last_pipeline or self.settings.last_folder,
            self.tr(PIPELINE_FILTER),
        )
        if path:
            self.load_pipeline(path)

    def load_pipeline(self, path: str) -> bool:
        try:
            pipeline = Pipeline.load(path)
        except PipelineError as exc:
            self._warn(self.tr("Cannot load pipeline"), str(exc))
            return False
        self.settings.last_pipeline = path
        self.set_pipeline(pipeline, self.tr("Load pipeline"))
        self.sigStatus.emit(self.tr("Loaded pipeline {0}").format(path))
        return True

    def choose_save_pipeline(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save pipeline"), self.settings.last_pipeline or "pipeline.json", self.tr(PIPELINE_FILTER)
        )
        if path:
            self.save_pipeline(path)

    def save_pipeline(self, path: str) -> bool:
        try:
            self.pipeline.save(path)
        except OSError as exc:
            self._warn(self.tr("Cannot save pipeline"), f"{path}: {exc.strerror or exc}")
            return False
        self.settings.last_pipeline = path
        self.sigStatus.emit(self.tr("Saved pipeline {0}").format(path))
        return True

    # -- dialogs ------------------------------------------------------------------------------------------
    def open_batch(self) -> BatchDialog:
        folder = self.settings.last_folder
        if self.strip.isVisible() and self.strip.paths():
            folder = str(self.strip.paths()[0].parent)
        dialog = BatchDialog(self.pipeline.copy(), folder, self.settings, self)
        self._show_dialog(dialog)
        return dialog

    def open_augment(self) -> AugmentDialog | None:
        if self.loaded is None:
            return None
        dialog = AugmentDialog(self.loaded.proxy, self.loaded.proxy_scale, self.pipeline.copy(), self)
        dialog.count.setValue(self.settings.augment_grid_count)
        self._show_dialog(dialog)
        return dialog

    def _show_dialog(self, dialog: QWidget) -> None:
        self._dialogs.append(dialog)
        dialog.destroyed.connect(lambda *_: self._dialogs.remove(dialog) if dialog in self._dialogs else None)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    # -- jobs ----------------------------------------------------------------------------------------------
    def _start_job(self, fn) -> JobRunner:
        job = JobRunner(fn, self)
        self.jobs.add(job)
        job.sigFinished.connect(lambda: self.jobs.discard(job))
        job.start()
        return job

    def shutdown(self) -> None:
        """Cancel and wait for every worker (called when the window closes)."""
        for dialog in list(self._dialogs):
            dialog.close()
        for job in list(self.jobs):
            job.cancel()
        for job in list(self.jobs):
            job.wait()
        self.preview.stop()
        self.strip.shutdown()


__all__ = ["PreprocessTab", "QHBoxLayout"]
