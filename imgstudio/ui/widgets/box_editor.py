"""BoxEditor: draw, move, resize, delete and label boxes on a folder of images, with autosave.

The editor keeps a plain list of :class:`Box` (image pixels) for the current image, commits
every edit to an :class:`AnnotationSession`, keeps an undo history per image and saves
500 ms after the last edit, on image change and when hidden or closed. A failed save is
shown as a message; the edits stay in the session and the next save tries again.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QHideEvent, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from imgstudio.core.history import History
from imgstudio.core.io import ImageReadError
from imgstudio.core.ml.detection.annotate import AnnotationSession, SaveResult, editable_boxes
from imgstudio.core.ml.detection.boxes import Box
from imgstudio.ui.widgets.box_canvas import BoxCanvas
from imgstudio.ui.widgets.box_items import moved_box

DEFAULT_LABEL = "object"
"""The class of boxes drawn before any label exists (a data value, not translated)."""
AUTOSAVE_MS = 500
MAX_PROBLEMS_SHOWN = 3

_NEXT_KEYS = (Qt.Key.Key_D, Qt.Key.Key_PageDown)
_PREVIOUS_KEYS = (Qt.Key.Key_A, Qt.Key.Key_PageUp)
_ARROWS = {
    Qt.Key.Key_Left: (-1, 0),
    Qt.Key.Key_Right: (1, 0),
    Qt.Key.Key_Up: (0, -1),
    Qt.Key.Key_Down: (0, 1),
}


def _state(boxes: list[Box]) -> dict[str, list[dict[str, object]]]:
    return {"boxes": [box.as_dict() for box in boxes]}


def _boxes_of(state: dict[str, list[dict[str, object]]]) -> list[Box]:
    return [Box.from_dict(item) for item in state["boxes"]]


class BoxEditor(QWidget):
    """The box annotation editor over an :class:`AnnotationSession` (see the module docstring).

    ``sigBoxesChanged(list[Box])`` after every edit or image change; ``sigStatus(str)`` with
    the status line; ``sigPreAnnotateRequested()`` when the user asks for model predictions
    (answer with :meth:`set_boxes`).
    """

    sigBoxesChanged = Signal(list)
    sigStatus = Signal(str)
    sigPreAnnotateRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: AnnotationSession | None = None
        self.current_label = ""
        self._boxes: list[Box] = []
        self._histories: dict[int, History] = {}
        self._image_error = ""
        self._notes: list[str] = []
        self._detector: str | None = None
        self._status = ""
        self._shown: tuple[int, list[Box]] | None = None
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(AUTOSAVE_MS)
        self._save_timer.timeout.connect(self.flush)
        self.canvas = BoxCanvas(self)
        self.canvas.key_handler = self.handle_key
        self.canvas.setToolTip(
            self.tr(
                "Drag on the image to draw a box (Shift+drag inside another box). Drag a box to move it, "
                "its handles to resize it. Wheel: zoom; middle or right button: pan."
            )
        )
        self.canvas.sigDrawn.connect(self._on_drawn)
        self.canvas.sigEdited.connect(self._on_edited)
        self.canvas.sigSelected.connect(lambda _index: self._selection_changed())
        self.setFocusProxy(self.canvas)
        self._build()
        self._refresh_classes()
        self._after_change()

    # -- layout ----------------------------------------------------------------------------------

    def _button(self, text: str, tip: str, slot: Callable[[], object]) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setToolTip(tip)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(slot)
        return button

    def _build(self) -> None:
        self.prev_button = self._button(
            self.tr("◀ Previous"), self.tr("Previous image (A, Page Up, ←)"), self.previous_image
        )
        self.next_button = self._button(self.tr("Next ▶"), self.tr("Next image (D, Page Down, →)"), self.next_image)
        self.label_combo = QComboBox()
        self.label_combo.setMinimumContentsLength(8)
        self.label_combo.setToolTip(self.tr("Label of new boxes and of the selected box (keys 1–9)"))
        self.label_combo.activated.connect(self._on_label_chosen)
        self.new_label_edit = QLineEdit()
        self.new_label_edit.setPlaceholderText(self.tr("new label"))
        self.new_label_edit.setToolTip(self.tr("Type the name of a new class and press Enter to add it"))
        self.new_label_edit.setMinimumWidth(90)
        self.new_label_edit.setMaximumWidth(140)
        self.new_label_edit.returnPressed.connect(self._add_label_from_edit)
        self.add_label_button = self._button(
            self.tr("Add label"), self.tr("Add the typed label"), self._add_label_from_edit
        )
        self.delete_button = self._button(
            self.tr("Delete box"), self.tr("Delete the selected box (Delete)"), self.delete_selected
        )
        self.undo_button = self._button(self.tr("Undo"), self.tr("Undo (Ctrl+Z)"), self.undo)
        self.redo_button = self._button(self.tr("Redo"), self.tr("Redo (Ctrl+Shift+Z)"), self.redo)
        self.fit_button = self._button(self.tr("Fit"), self.tr("Show the whole image (F)"), self.canvas.fit)
        self.pre_annotate_button = self._button(self.tr("Pre-annotate"), "", self.sigPreAnnotateRequested.emit)
        tools = QHBoxLayout()
        tools.setSpacing(4)
        for widget in (self.prev_button, self.next_button):
            tools.addWidget(widget)
        tools.addSpacing(12)
        tools.addWidget(QLabel(self.tr("Label:")))
        for widget in (self.label_combo, self.new_label_edit, self.add_label_button):
            tools.addWidget(widget)
        tools.addSpacing(12)
        for widget in (self.delete_button, self.undo_button, self.redo_button, self.fit_button):
            tools.addWidget(widget)
        tools.addStretch(1)
        tools.addWidget(self.pre_annotate_button)
        self.status_label = QLabel()
        self.selection_label = QLabel()
        self.selection_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.message_label.setStyleSheet("color: #c0392b;")
        self.message_label.hide()
        bottom = QHBoxLayout()
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(self.selection_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(tools)
        layout.addWidget(self.canvas, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.message_label)

    # -- session and images ----------------------------------------------------------------------

    def set_session(self, session: AnnotationSession | None) -> None:
        """Edit ``session`` (saving the previous one first), starting at its current image."""
        if self.session is not None:
            self.flush()
        self.session = session
        self._shown = None
        self._histories.clear()
        self._notes = list(session.load_messages) if session is not None else []
        classes = session.classes if session is not None else []
        self.current_label = classes[0] if classes else ""
        self._refresh_classes()
        self._load_current()

    @property
    def index(self) -> int:
        """Index of the image shown (0 without a session)."""
        return self.session.current if self.session is not None else 0

    def go_to(self, index: int) -> None:
        """Show image ``index`` (clamped), saving the edits of the one shown first."""
        session = self.session
        if session is None or session.image_count == 0:
            return
        index = min(max(index, 0), session.image_count - 1)
        if index == session.current:
            return
        self.canvas.cancel_drag()
        self.flush()
        self._notes = []
        session.current = index
        self._load_current()

    def next_image(self) -> None:
        self.go_to(self.index + 1)

    def previous_image(self) -> None:
        self.go_to(self.index - 1)

    def _load_current(self) -> None:
        session = self.session
        self._image_error = ""
        if session is None or session.image_count == 0:
            self._boxes = []
            self.canvas.set_image(None)
        else:
            index = session.current
            known = len(session.load_messages)
            try:
                self.canvas.set_image(session.load_image(index))
                self._notes.extend(session.load_messages[known:])  # e.g. a stored size that was wrong
            except ImageReadError as exc:
                self.canvas.set_image(None)
                self._image_error = self.tr("Cannot show this image: {0}").format(exc)
            self._boxes = session.boxes(index)
            self._histories.setdefault(index, History(_state(self._boxes)))
        self.canvas.show_boxes(self._boxes, None, self._classes())
        self.canvas.setFocus()
        self._after_change()

    # -- boxes -----------------------------------------------------------------------------------

    def boxes(self) -> list[Box]:
        """A copy of the current image's boxes."""
        return list(self._boxes)

    @property
    def selected_index(self) -> int | None:
        return self.canvas.selected

    def set_boxes(self, boxes: list[Box], replace: bool = True) -> None:
        """Load boxes (e.g. a model's predictions) as editable boxes of the current image, as one
        undoable edit: scores dropped, clamped to the image, empty ones left out."""
        if self.session is None or not self.canvas.has_image:
            return
        width, height = self.canvas.image_size
        new = editable_boxes(boxes, width, height)
        self._commit(new if replace else self._boxes + new, None, self.tr("pre-annotate"))

    def _commit(self, boxes: list[Box], selected: int | None, action: str) -> None:
        """Make ``boxes`` the current image's boxes: session, undo history, canvas, autosave."""
        session = self.session
        if session is None:
            return
        known = session.classes
        if not session.set_boxes(session.current, boxes):
            self.canvas.show_boxes(self._boxes, selected, known)
            self._selection_changed()
            return
        self._boxes = list(boxes)
        self._notes = []  # what opening found is now shown live, per image, by the problems
        self._histories[session.current].push(_state(self._boxes), action)
        if session.classes != known:
            self._refresh_classes()
        self.canvas.show_boxes(self._boxes, selected, session.classes)
        self._edited()

    def _edited(self) -> None:
        self._save_timer.start()
        self._after_change()

    def _on_drawn(self, box: Box) -> None:
        if self.session is None:
            return
        if not self.current_label:
            self.add_label(DEFAULT_LABEL)
        box = dataclasses.replace(box, label=self.current_label)
        self._commit([*self._boxes, box], len(self._boxes), self.tr("draw box"))

    def _on_edited(self, index: int, box: Box) -> None:
        boxes = list(self._boxes)
        boxes[index] = box
        self._commit(boxes, index, self.tr("change box"))

    def delete_selected(self) -> None:
        """Delete the selected box (nothing happens when none is selected)."""
        index = self.canvas.selected
        if index is not None:
            self._commit(self._boxes[:index] + self._boxes[index + 1 :], None, self.tr("delete box"))

    def nudge(self, dx: int, dy: int) -> None:
        """Move the selected box by whole pixels (arrow keys), inside the image."""
        index = self.canvas.selected
        if index is None:
            return
        width, height = self.canvas.image_size
        self._on_edited(index, moved_box(self._boxes[index], dx, dy, width, height))

    def undo(self) -> None:
        self._step_history(undo=True)

    def redo(self) -> None:
        self._step_history(undo=False)

    def _step_history(self, *, undo: bool) -> None:
        session = self.session
        history = self._histories.get(session.current) if session is not None else None
        if session is None or history is None or not (history.can_undo if undo else history.can_redo):
            return
        self._boxes = _boxes_of(history.undo() if undo else history.redo())
        session.set_boxes(session.current, self._boxes)
        self._refresh_classes()
        self.canvas.show_boxes(self._boxes, None, session.classes)
        self._edited()

    # -- labels ----------------------------------------------------------------------------------

    def _classes(self) -> list[str]:
        return self.session.classes if self.session is not None else []

    def _refresh_classes(self) -> None:
        self.label_combo.blockSignals(True)
        self.label_combo.clear()
        classes = self._classes()
        if self.current_label not in classes:
            self.current_label = classes[0] if classes else ""
        for number, name in enumerate(classes, start=1):
            self.label_combo.addItem(f"{number}  {name}" if number <= 9 else name, name)
        self.label_combo.setCurrentIndex(self.label_combo.findData(self.current_label))
        self.label_combo.blockSignals(False)

    def set_label(self, label: str) -> None:
        """Use ``label`` for new boxes and give it to the selected box, if any."""
        if label not in self._classes():
            return
        self.current_label = label
        self.label_combo.setCurrentIndex(self.label_combo.findData(label))
        index = self.canvas.selected
        if index is not None and self._boxes[index].label != label:
            boxes = list(self._boxes)
            boxes[index] = dataclasses.replace(boxes[index], label=label)
            self._commit(boxes, index, self.tr("change label"))

    def add_label(self, name: str) -> bool:
        """Add a class (and make it the current label); False with a message when refused."""
        if self.session is None:
            return False
        try:
            self.session.add_class(name)
        except ValueError as exc:
            self._notes = [str(exc)]
            self._after_change()
            return False
        self._refresh_classes()
        self.set_label(name.strip())
        self._edited()
        return True

    def _add_label_from_edit(self) -> None:
        if self.add_label(self.new_label_edit.text()):
            self.new_label_edit.clear()
            self.canvas.setFocus()

    def _on_label_chosen(self, row: int) -> None:
        self.set_label(self.label_combo.itemData(row))
        self.canvas.setFocus()

    # -- saving ----------------------------------------------------------------------------------

    def flush(self) -> SaveResult | None:
        """Save pending edits now (None when there was nothing to save)."""
        self._save_timer.stop()
        if self.session is None or not self.session.dirty:
            return None
        result = self.session.save()
        self._after_change()
        return result

    def hideEvent(self, event: QHideEvent) -> None:
        self.flush()
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.flush()
        super().closeEvent(event)

    # -- pre-annotation --------------------------------------------------------------------------

    def set_detector(self, name: str | None) -> None:
        """Name the detector connected to :attr:`sigPreAnnotateRequested` (None: none, button off)."""
        self._detector = name
        self._update_controls()

    # -- keys ------------------------------------------------------------------------------------

    def handle_key(self, event: QKeyEvent) -> bool:
        """The editor's keyboard shortcuts; True when ``event`` was one of them."""
        key, mods = event.key(), event.modifiers()
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        if mods & (Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier):
            return False
        if mods & Qt.KeyboardModifier.ControlModifier:
            if key == Qt.Key.Key_Z:
                self.redo() if shift else self.undo()
            elif key == Qt.Key.Key_Y:
                self.redo()
            else:
                return False
            return True
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_selected()
        elif key in _NEXT_KEYS:
            self.next_image()
        elif key in _PREVIOUS_KEYS:
            self.previous_image()
        elif key == Qt.Key.Key_Escape:
            if not self.canvas.cancel_drag():
                self.canvas.select(None)
        elif key == Qt.Key.Key_F:
            self.canvas.fit()
        elif Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
            classes = self._classes()
            number = key - Qt.Key.Key_1
            if number < len(classes):
                self.set_label(classes[number])
        elif key in _ARROWS:
            dx, dy = _ARROWS[Qt.Key(key)]
            if self.canvas.selected is not None:
                self.nudge(dx * (10 if shift else 1), dy * (10 if shift else 1))
            elif dx + dy > 0:
                self.next_image()
            else:
                self.previous_image()
        else:
            return False
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.handle_key(event):
            event.accept()
        else:
            super().keyPressEvent(event)

    # -- status ----------------------------------------------------------------------------------

    @property
    def status_text(self) -> str:
        return self._status

    @property
    def message_text(self) -> str:
        return self.message_label.text() if not self.message_label.isHidden() else ""

    def _selection_changed(self) -> None:
        index = self.canvas.selected
        if index is not None:
            label = self._boxes[index].label
            self.current_label = label
            self.label_combo.setCurrentIndex(self.label_combo.findData(label))
        self._after_change()

    def _after_change(self) -> None:
        """Refresh the status line, the message, the controls, and tell listeners."""
        session = self.session
        if session is None or session.image_count == 0:
            status = self.tr("no images")
        else:
            count = len(self._boxes)
            boxes = self.tr("{0} box").format(count) if count == 1 else self.tr("{0} boxes").format(count)
            if session.last_error:
                state = self.tr("not saved")
            elif session.dirty:
                state = self.tr("unsaved changes")
            else:
                state = self.tr("saved")
            status = self.tr("image {0} of {1} · {2} · {3}").format(
                session.current + 1, session.image_count, boxes, state
            )
        self.status_label.setText(status)
        self.selection_label.setText(self._selection_text())
        self._show_message()
        self._update_controls()
        if status != self._status:
            self._status = status
            self.sigStatus.emit(status)
        shown = (self.index, list(self._boxes))
        if shown != self._shown:
            self._shown = shown
            self.sigBoxesChanged.emit(list(self._boxes))

    def _selection_text(self) -> str:
        index = self.canvas.selected
        if index is None:
            return ""
        box = self._boxes[index]
        return self.tr("box {0}: {1} · x {2}, y {3} · {4} × {5} px").format(
            index + 1, box.label, round(box.x), round(box.y), round(box.width), round(box.height)
        )

    def _show_message(self) -> None:
        lines: list[str] = []
        session = self.session
        if session is not None and session.last_error:
            reason = session.last_error.removeprefix("not saved: ")
            lines.append(
                self.tr("Not saved: {0}. Your edits are kept; saving is tried again after the next change.").format(
                    reason
                )
            )
        if self._image_error:
            lines.append(self._image_error)
        if session is not None and session.image_count:
            problems = session.problems(session.current)
            lines.extend(problems[:MAX_PROBLEMS_SHOWN])
            if len(problems) > MAX_PROBLEMS_SHOWN:
                lines.append(self.tr("… and {0} more problems").format(len(problems) - MAX_PROBLEMS_SHOWN))
        lines.extend(self._notes[:MAX_PROBLEMS_SHOWN])
        self.message_label.setText("\n".join(lines))
        self.message_label.setVisible(bool(lines))

    def _update_controls(self) -> None:
        session = self.session
        has_images = session is not None and session.image_count > 0
        history = self._histories.get(session.current) if session is not None else None
        self.prev_button.setEnabled(has_images and self.index > 0)
        self.next_button.setEnabled(has_images and session is not None and self.index < session.image_count - 1)
        for widget in (self.label_combo, self.new_label_edit, self.add_label_button):
            widget.setEnabled(has_images)
        self.delete_button.setEnabled(self.canvas.selected is not None)
        self.undo_button.setEnabled(history is not None and history.can_undo)
        self.redo_button.setEnabled(history is not None and history.can_redo)
        undo_what = history.undo_label if history is not None else ""
        redo_what = history.redo_label if history is not None else ""
        self.undo_button.setToolTip(self.tr("Undo {0} (Ctrl+Z)").format(undo_what).replace("  ", " "))
        self.redo_button.setToolTip(self.tr("Redo {0} (Ctrl+Shift+Z)").format(redo_what).replace("  ", " "))
        self.fit_button.setEnabled(self.canvas.has_image)
        ready = self._detector is not None and self.canvas.has_image
        self.pre_annotate_button.setEnabled(ready)
        if self._detector is None:
            tip = self.tr("No detector: load or train a detector first, then its boxes can be corrected here")
        else:
            tip = self.tr("Replace this image's boxes with the boxes {0} finds, to correct them").format(self._detector)
        self.pre_annotate_button.setToolTip(tip)
