"""The Recognise tab's Annotate page: choose a folder of images and where its boxes are kept,
then draw them in the box editor (autosaved in COCO, Pascal VOC or YOLO)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from imgstudio.core.ml.detection.annotate import AnnotationSession, target_format
from imgstudio.ui.widgets.box_editor import BoxEditor

COCO_FILE = "annotations.json"


def default_target(images: Path, fmt: str) -> Path:
    """Where a new annotation set goes: a COCO file inside the image folder, or VOC/YOLO files
    beside the images."""
    return images / COCO_FILE if fmt == "coco" else images


class AnnotatePage(QWidget):
    """Folder and format choice above a :class:`BoxEditor`."""

    sigStatus = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folder_button = QPushButton(self.tr("Open image folder…"))
        self.folder_button.setToolTip(self.tr("The images to annotate; their boxes are saved as you draw"))
        self.folder_button.clicked.connect(self.choose_folder)
        self.format_combo = QComboBox()
        self.format_combo.addItem(self.tr("COCO JSON (annotations.json)"), "coco")
        self.format_combo.addItem(self.tr("Pascal VOC (.xml beside each image)"), "voc")
        self.format_combo.addItem(self.tr("YOLO (.txt beside each image, classes.txt)"), "yolo")
        self.format_combo.setToolTip(self.tr("How a new annotation set is saved (an existing one keeps its format)"))
        self.target_button = QPushButton(self.tr("Open annotations…"))
        self.target_button.setToolTip(self.tr("An existing COCO .json file for the chosen image folder"))
        self.target_button.clicked.connect(self.choose_target)
        self.target_button.setEnabled(False)
        self.source_label = QLabel(self.tr("No folder open"))
        top = QHBoxLayout()
        top.addWidget(self.folder_button)
        top.addWidget(QLabel(self.tr("Save as")))
        top.addWidget(self.format_combo)
        top.addWidget(self.target_button)
        top.addWidget(self.source_label, 1)
        self.editor = BoxEditor()
        self.editor.sigStatus.connect(self.sigStatus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.editor, 1)
        self.images: Path | None = None

    @property
    def session(self) -> AnnotationSession | None:
        return self.editor.session

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder of images to annotate"))
        if folder:
            self.open_folder(folder)

    def open_folder(self, folder: str, target: str | None = None) -> bool:
        """Annotate the images of ``folder``; boxes go to ``target`` (default: an existing set
        found there, else a new one in the chosen format)."""
        images = Path(folder)
        fmt = self.format_combo.currentData()
        if target is None:
            existing = [t for t in (images / COCO_FILE, images) if _has_annotations(t)]
            path, fmt = (existing[0], None) if existing else (default_target(images, fmt), fmt)
        else:
            path, fmt = Path(target), None
        try:
            session = AnnotationSession(images, path, fmt)
        except (OSError, ValueError) as exc:
            self.source_label.setText(self.tr("Cannot annotate {0}: {1}").format(images.name, exc))
            self.sigStatus.emit(str(exc))
            return False
        if not session.image_count:
            self.source_label.setText(self.tr("{0}: no images").format(images.name))
            return False
        self.images = images
        self.editor.set_session(session)
        self.target_button.setEnabled(True)
        where = path.name if path != images else self.tr("beside the images")
        self.source_label.setText(
            self.tr("{0} images in {1} · boxes saved as {2} ({3})").format(
                session.image_count, images.name, session.format.upper(), where
            )
        )
        return True

    def choose_target(self) -> None:
        if self.images is None:
            return
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("COCO annotations"), str(self.images), self.tr("JSON (*.json)")
        )
        if path:
            self.open_folder(str(self.images), path)

    def training_source(self) -> tuple[str, str] | None:
        """(annotations, images folder) to train on, saved first; None when no folder is open.

        Raises ValueError when the boxes cannot be saved or fewer than two images have any.
        """
        session = self.session
        if session is None or self.images is None:
            return None
        result = self.editor.flush()
        if result is not None and not result.ok:
            raise ValueError(result.message)
        if session.annotated_count < 2:
            raise ValueError(
                self.tr("annotate at least two images to train on ({0} so far)").format(session.annotated_count)
            )
        return str(session.target), str(self.images)

    def shutdown(self) -> None:
        self.editor.flush()


def _has_annotations(target: Path) -> bool:
    """True when ``target`` already holds an annotation set (a COCO file, VOC .xml or YOLO classes.txt)."""
    if target.suffix.lower() == ".json":
        return target.is_file()
    try:
        target_format(target)
    except ValueError:
        return False
    return True
