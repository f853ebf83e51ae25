"""Apply the current pipeline to a folder: the dialog around :func:`imgstudio.core.batch.run`.

The dialog only collects a :class:`~imgstudio.core.batch.BatchConfig` and runs the same
core job as the command line in a :class:`~imgstudio.ui.workers.JobRunner`; planning,
safety checks and per-file failures all come from the core.
"""

from __future__ import annotations

import functools
import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from imgstudio.core import batch
from imgstudio.core.batch import BatchConfig, BatchReport
from imgstudio.core.io import DEFAULT_MAX_PIXELS
from imgstudio.core.pipeline import Pipeline
from imgstudio.core.settings import Settings
from imgstudio.ui.widgets.pipeline_editor import step_summary
from imgstudio.ui.workers import JobRunner

OUTPUT_FORMATS: tuple[str | None, ...] = (None, "png", "jpg", "tiff", "webp", "bmp")
"""BatchConfig.format values offered, in the order of the format combo box (None: same as input)."""

QUALITY_FORMATS = ("jpg", "webp")
"""Formats whose encoder takes a 1-100 quality."""


def format_duration(seconds: float) -> str:
    """``mm:ss`` (or ``h:mm:ss`` past an hour)."""
    total = max(0, round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


class _FolderField(QWidget):
    """A line edit with a Browse… button that picks a folder."""

    def __init__(self, text: str, caption: str, tooltip: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._caption = caption
        self.edit = QLineEdit(text)
        self.edit.setToolTip(tooltip)
        self.edit.setClearButtonEnabled(True)
        self.browse_button = QPushButton(self.tr("Browse…"))
        self.browse_button.setToolTip(self.tr("Choose the folder in a file dialog"))
        self.browse_button.clicked.connect(self._browse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.browse_button)

    def text(self) -> str:
        return self.edit.text().strip()

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self._caption, self.text())
        if folder:
            self.edit.setText(folder)


class BatchDialog(QDialog):
    """Apply a pipeline to every image of a folder, with progress, cancel and a report.

    ``runner`` is the running :class:`JobRunner` (None when idle); ``report`` the last
    :class:`BatchReport`.
    """

    def __init__(
        self,
        pipeline: Pipeline,
        input_path: str = "",
        settings: Settings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Apply pipeline to a folder"))
        self.setMinimumWidth(640)
        self._pipeline = pipeline
        self._settings = settings
        self.runner: JobRunner | None = None
        self.report: BatchReport | None = None
        self._config: BatchConfig | None = None
        self._started_at = 0.0
        self._build(input_path)
        self._load_settings()
        self._on_format_changed()

    # -- construction --------------------------------------------------------------------
    def _build(self, input_path: str) -> None:
        path = Path(input_path) if input_path else None
        start_folder = str(path.parent) if path is not None and path.is_file() else input_path
        self.input_field = _FolderField(
            start_folder, self.tr("Input folder"), self.tr("Folder whose images the pipeline is applied to")
        )
        self.output_field = _FolderField(
            "",
            self.tr("Output folder"),
            self.tr("Folder the results are written to (created if needed; not inside the input folder)"),
        )
        self.recursive_check = QCheckBox(self.tr("Include sub-folders"))
        self.recursive_check.setToolTip(self.tr("Also process images in sub-folders, keeping the folder structure"))
        self.format_combo = QComboBox()
        for fmt in OUTPUT_FORMATS:
            self.format_combo.addItem(fmt.upper() if fmt else self.tr("Same as input"), fmt)
        self.format_combo.setToolTip(self.tr("File format of the results; 'Same as input' keeps each file's format"))
        self.format_combo.currentIndexChanged.connect(self._on_format_changed)
        self.quality_spin = QSpinBox()
        self.quality_spin.setRange(1, 100)
        self.quality_spin.setValue(95)
        self.quality_spin.setSuffix(" %")
        self.quality_spin.setToolTip(self.tr("Compression quality for JPEG and WebP (higher: larger, better files)"))
        self.overwrite_check = QCheckBox(self.tr("Replace existing files in the output folder"))
        self.overwrite_check.setToolTip(
            self.tr("Off: files already in the output folder are skipped. Input files are never replaced.")
        )
        self.summary_label = QLabel(self._pipeline_summary())
        self.summary_label.setWordWrap(True)
        self.summary_label.setToolTip(self.tr("The enabled steps of the current pipeline, in order"))

        form = QFormLayout()
        form.addRow(self.tr("Input folder:"), self.input_field)
        form.addRow(self.tr("Output folder:"), self.output_field)
        form.addRow("", self.recursive_check)
        format_row = QHBoxLayout()
        format_row.addWidget(self.format_combo, 1)
        format_row.addWidget(QLabel(self.tr("Quality:")))
        format_row.addWidget(self.quality_spin)
        form.addRow(self.tr("Output format:"), format_row)
        form.addRow("", self.overwrite_check)
        form.addRow(self.tr("Pipeline:"), self.summary_label)

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c62828;")
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()
        self.progress_bar = QProgressBar()
        self.progress_bar.setToolTip(self.tr("Images processed so far"))
        self.progress_bar.setValue(0)
        self.status_label = QLabel()
        self.status_label.setToolTip(self.tr("Images done / total, speed and estimated time left"))
        self.report_view = QPlainTextEdit()
        self.report_view.setReadOnly(True)
        self.report_view.setPlaceholderText(self.tr("The report of the run: failed and skipped files, with reasons"))
        self.report_view.setToolTip(self.tr("What the last run did, file by file"))

        buttons = QDialogButtonBox()
        self.start_button = buttons.addButton(self.tr("Start"), QDialogButtonBox.ButtonRole.ActionRole)
        self.start_button.setToolTip(self.tr("Apply the pipeline to every image of the input folder"))
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        self.close_button = buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        self.close_button.clicked.connect(self._on_close_clicked)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.status_label)
        layout.addWidget(self.report_view, 1)
        layout.addWidget(buttons)
        self._inputs: list[QWidget] = [
            self.input_field,
            self.output_field,
            self.recursive_check,
            self.format_combo,
            self.quality_spin,
            self.overwrite_check,
            self.start_button,
        ]
        self._set_running(False)

    def _load_settings(self) -> None:
        if self._settings is None:
            return
        self.output_field.edit.setText(self._settings.batch_output_folder)
        fmt = self._settings.batch_format or None
        index = self.format_combo.findData(fmt)
        if index >= 0:
            self.format_combo.setCurrentIndex(index)
        self.quality_spin.setValue(self._settings.batch_quality)

    def _pipeline_summary(self) -> str:
        steps = [step_summary(s) for s in self._pipeline.steps if s.enabled]
        if not steps:
            return self.tr("No enabled steps: images are only re-encoded.")
        return self.tr("{count} enabled step(s): {steps}").format(count=len(steps), steps=" → ".join(steps))

    # -- state ---------------------------------------------------------------------------
    def selected_format(self) -> str | None:
        return self.format_combo.currentData()

    def _on_format_changed(self) -> None:
        running = self.runner is not None
        self.quality_spin.setEnabled(not running and self.selected_format() in QUALITY_FORMATS)

    def _set_running(self, running: bool) -> None:
        for widget in self._inputs:
            widget.setEnabled(not running)
        self._on_format_changed()
        self.close_button.setEnabled(True)
        self.close_button.setText(self.tr("Cancel") if running else self.tr("Close"))
        self.close_button.setToolTip(
            self.tr("Stop after the current image; what was written is kept")
            if running
            else self.tr("Close this dialog")
        )

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    # -- running -------------------------------------------------------------------------
    def build_config(self) -> BatchConfig | None:
        """The BatchConfig the controls describe, or None (with a message) if incomplete."""
        source, target = self.input_field.text(), self.output_field.text()
        if not source:
            self._show_error(self.tr("Choose an input folder."))
            return None
        if not target:
            self._show_error(self.tr("Choose an output folder."))
            return None
        fmt = self.selected_format()
        return BatchConfig(
            input=Path(source),
            output=Path(target),
            pipeline=self._pipeline.copy(),  # the editor may change its pipeline while this runs
            recursive=self.recursive_check.isChecked(),
            format=fmt,
            quality=self.quality_spin.value() if fmt in QUALITY_FORMATS else None,
            overwrite=self.overwrite_check.isChecked(),
            max_pixels=self._settings.max_image_pixels if self._settings is not None else DEFAULT_MAX_PIXELS,
        )

    def start(self) -> None:
        """Validate the controls and run the batch in a worker thread."""
        if self.runner is not None:
            return
        self._show_error("")
        config = self.build_config()
        if config is None:
            return
        self._config = config
        self.report = None
        self.report_view.clear()
        self.progress_bar.setRange(0, 0)  # busy until the first progress (listing the folder)
        self.status_label.setText(self.tr("Listing images…"))
        self._started_at = time.monotonic()
        runner = JobRunner(functools.partial(batch.run, config), self)
        runner.sigProgress.connect(self._on_progress)
        runner.sigResult.connect(self._on_result)
        runner.sigError.connect(self._on_error)
        runner.sigFinished.connect(self._on_finished)
        self.runner = runner
        self._set_running(True)
        runner.start()

    def cancel(self) -> None:
        """Ask the running batch to stop after the current image."""
        if self.runner is None:
            return
        self.runner.cancel()
        self.close_button.setEnabled(False)
        self.status_label.setText(self.tr("Cancelling…"))

    def _on_close_clicked(self) -> None:
        if self.runner is not None:
            self.cancel()
        else:
            self.reject()

    def _on_progress(self, done: int, total: int, _message: str) -> None:
        if self.runner is None or self.runner.ctx.cancelled:
            return
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(done)
        elapsed = time.monotonic() - self._started_at
        rate = done / elapsed if done and elapsed > 0 else 0.0
        eta = format_duration((total - done) / rate) if rate > 0 else "--:--"
        self.status_label.setText(
            self.tr("{done} / {total} — {rate:.1f} images/s — ETA {eta}").format(
                done=done, total=total, rate=rate, eta=eta
            )
        )

    def _on_result(self, report: BatchReport) -> None:
        self.report = report
        self.progress_bar.setRange(0, max(report.total, 1))
        self.progress_bar.setValue(report.processed)
        self.status_label.setText(self._outcome_line(report))
        self.report_view.setPlainText(self._report_text(report))
        self._remember()

    def _on_error(self, message: str) -> None:
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(0)
        self.status_label.clear()
        self._show_error(self.tr("The batch could not run: {message}").format(message=message))

    def _on_finished(self) -> None:
        runner, self.runner = self.runner, None
        if runner is not None:
            runner.wait()  # the thread may still be unwinding; never delete a running QThread
            runner.deleteLater()
        self._set_running(False)

    def _remember(self) -> None:
        if self._settings is None or self._config is None:
            return
        self._settings.batch_output_folder = str(self._config.output)
        self._settings.batch_format = self._config.format or ""
        if self._config.quality is not None:
            self._settings.batch_quality = self._config.quality

    # -- report --------------------------------------------------------------------------
    def _outcome_line(self, report: BatchReport) -> str:
        written = len(report.written)
        if report.cancelled:
            return self.tr("Cancelled after {done} of {total} images: {written} file(s) written.").format(
                done=report.processed, total=report.total, written=written
            )
        if report.total == 0:
            return self.tr("No images found in the input folder.")
        return self.tr(
            "Done in {time}: {written} written, {failed} failed, {skipped} skipped, of {total} images."
        ).format(
            time=format_duration(report.seconds),
            written=written,
            failed=len(report.failed),
            skipped=len(report.skipped),
            total=report.total,
        )

    def _report_text(self, report: BatchReport) -> str:
        root = self._config.input if self._config is not None else Path()
        lines = [self._outcome_line(report)]
        for title, entries in ((self.tr("Failed:"), report.failed), (self.tr("Skipped:"), report.skipped)):
            if entries:
                lines += ["", title]
                lines += [f"  {_relative(path, root)} — {reason}" for path, reason in entries]
        if self._config is not None and report.written:
            lines += ["", self.tr("Results are in {folder}").format(folder=self._config.output)]
        return "\n".join(lines)

    # -- closing -------------------------------------------------------------------------
    def _stop_job(self) -> None:
        """Cancel a running batch and wait for it (it stops after the current image)."""
        if self.runner is not None:
            self.runner.cancel()
            while not self.runner.wait(1000):  # one image can take long; never leave a thread running
                pass

    def reject(self) -> None:
        self._stop_job()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._stop_job()
        super().closeEvent(event)
