"""BoxEditor driven with real mouse and key events on its canvas: draw, move, resize, delete,
labels, undo/redo, next/previous, autosave, failed saves, pre-annotation and zoom."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from imgstudio.core.io import write_image
from imgstudio.core.ml.detection.annotate import AnnotationSession
from imgstudio.core.ml.detection.boxes import AnnotationSet, Box, ImageAnnotation
from imgstudio.core.ml.detection.formats import write_annotations
from imgstudio.ui.widgets.box_editor import BoxEditor

NO_MOD = Qt.KeyboardModifier.NoModifier
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def images(tmp_path: Path) -> Path:
    folder = tmp_path / "images"
    for i, colour in enumerate([(200, 60, 60), (60, 200, 60), (60, 60, 200)]):
        write_image(folder / f"img{i}.png", np.full((80, 100, 3), colour, np.uint8))
    return folder


def make_editor(qtbot, session: AnnotationSession) -> BoxEditor:
    editor = BoxEditor()
    qtbot.addWidget(editor)
    editor.resize(820, 600)
    editor.set_session(session)
    editor.show()
    qtbot.waitExposed(editor)
    editor.canvas.fit()
    return editor


@pytest.fixture
def editor(qtbot, images, tmp_path) -> BoxEditor:
    session = AnnotationSession(images, tmp_path / "labels.json")
    session.add_class("cat")
    session.add_class("dog")
    widget = make_editor(qtbot, session)
    widget.set_label("cat")
    return widget


def at(editor: BoxEditor, x: float, y: float) -> QPoint:
    """Viewport position of image pixel (x, y)."""
    return editor.canvas.mapFromScene(QPointF(x, y))


def drag(qtbot, editor: BoxEditor, start, end, modifier=NO_MOD) -> None:
    viewport = editor.canvas.viewport()
    a, b = at(editor, *start), at(editor, *end)
    qtbot.mousePress(viewport, LEFT, modifier, a)
    qtbot.mouseMove(viewport, (a + b) / 2)
    qtbot.mouseMove(viewport, b)
    qtbot.mouseRelease(viewport, LEFT, modifier, b)


def click(qtbot, editor: BoxEditor, x: float, y: float) -> None:
    qtbot.mouseClick(editor.canvas.viewport(), LEFT, NO_MOD, at(editor, x, y))


def key(qtbot, editor: BoxEditor, k, modifier=NO_MOD) -> None:
    qtbot.keyClick(editor.canvas, k, modifier)


def assert_box(box: Box, x: float, y: float, w: float, h: float, label: str | None = None) -> None:
    got = (box.x, box.y, box.width, box.height)
    assert all(abs(g - e) <= 1 for g, e in zip(got, (x, y, w, h), strict=True)), got
    if label is not None:
        assert box.label == label


def test_draw_a_box_by_dragging(qtbot, editor):
    seen: list[list[Box]] = []
    editor.sigBoxesChanged.connect(seen.append)
    drag(qtbot, editor, (20, 15), (60, 45))
    (box,) = editor.boxes()
    assert_box(box, 20, 15, 40, 30, "cat")
    assert all(float(v).is_integer() for v in (box.x, box.y, box.width, box.height))  # snapped to pixels
    assert seen and seen[-1] == editor.boxes()
    assert editor.status_text.startswith("image 1 of 3 · 1 box · ")
    assert editor.selected_index == 0 and "box 1: cat" in editor.selection_label.text()
    drag(qtbot, editor, (70, 10), (71, 11))  # a tiny, accidental drag
    click(qtbot, editor, 80, 60)
    assert len(editor.boxes()) == 1
    drag(qtbot, editor, (90, 70), (130, 120))  # ends outside the image: clamped
    assert_box(editor.boxes()[1], 90, 70, 10, 10)
    drag(qtbot, editor, (-20, -20), (10, 8))  # starts beside the image: clamped too
    assert_box(editor.boxes()[2], 0, 0, 10, 8)
    assert len(seen) == 3  # one signal per edit, none for selection or saving


def test_select_move_and_resize_by_handles(qtbot, editor):
    drag(qtbot, editor, (20, 15), (60, 45))
    click(qtbot, editor, 80, 70)
    assert editor.selected_index is None and not editor.delete_button.isEnabled()
    click(qtbot, editor, 30, 25)
    assert editor.selected_index == 0 and editor.delete_button.isEnabled()
    drag(qtbot, editor, (30, 25), (40, 30))
    assert_box(editor.boxes()[0], 30, 20, 40, 30)
    drag(qtbot, editor, (70, 50), (85, 70))  # bottom-right corner handle
    assert_box(editor.boxes()[0], 30, 20, 55, 50)
    drag(qtbot, editor, (30, 45), (10, 45))  # left edge handle
    assert_box(editor.boxes()[0], 10, 20, 75, 50)
    drag(qtbot, editor, (47, 50), (47, 200))  # move down past the image: stays inside
    assert_box(editor.boxes()[0], 10, 30, 75, 50)
    assert len(editor.boxes()) == 1


def test_shift_drag_draws_inside_a_box(qtbot, editor):
    drag(qtbot, editor, (10, 10), (90, 70))
    drag(qtbot, editor, (30, 30), (50, 50), Qt.KeyboardModifier.ShiftModifier)
    assert len(editor.boxes()) == 2
    assert_box(editor.boxes()[1], 30, 30, 20, 20)


def test_delete_with_keys_and_button(qtbot, editor):
    drag(qtbot, editor, (10, 10), (30, 30))
    drag(qtbot, editor, (50, 50), (70, 70))
    key(qtbot, editor, Qt.Key.Key_Delete)
    assert len(editor.boxes()) == 1
    click(qtbot, editor, 20, 20)
    key(qtbot, editor, Qt.Key.Key_Backspace)
    assert editor.boxes() == []
    drag(qtbot, editor, (50, 50), (70, 70))
    qtbot.mouseClick(editor.delete_button, LEFT)
    assert editor.boxes() == []


def test_labels_by_number_keys_combo_and_new_label(qtbot, editor):
    drag(qtbot, editor, (10, 10), (40, 40))
    key(qtbot, editor, Qt.Key.Key_2)
    assert editor.boxes()[0].label == "dog" and editor.label_combo.currentData() == "dog"
    key(qtbot, editor, Qt.Key.Key_9)  # no ninth class: nothing happens
    assert editor.boxes()[0].label == "dog"
    qtbot.keyClicks(editor.new_label_edit, "bird")
    qtbot.mouseClick(editor.add_label_button, LEFT)
    assert editor.session.classes == ["cat", "dog", "bird"]
    assert editor.boxes()[0].label == "bird" and editor.new_label_edit.text() == ""
    editor.label_combo.activated.emit(0)
    assert editor.boxes()[0].label == "cat"
    click(qtbot, editor, 80, 70)  # nothing selected: a number key picks the label of new boxes
    key(qtbot, editor, Qt.Key.Key_3)
    drag(qtbot, editor, (60, 50), (90, 75))
    assert editor.boxes()[1].label == "bird"
    assert not editor.add_label("  ") and editor.message_text


def test_undo_redo_per_image(qtbot, editor):
    drag(qtbot, editor, (20, 15), (60, 45))
    drag(qtbot, editor, (30, 25), (40, 30))
    ctrl = Qt.KeyboardModifier.ControlModifier
    key(qtbot, editor, Qt.Key.Key_Z, ctrl)
    assert_box(editor.boxes()[0], 20, 15, 40, 30)
    key(qtbot, editor, Qt.Key.Key_Z, ctrl)
    assert editor.boxes() == [] and not editor.undo_button.isEnabled()
    key(qtbot, editor, Qt.Key.Key_Z, ctrl | Qt.KeyboardModifier.ShiftModifier)
    assert len(editor.boxes()) == 1 and editor.redo_button.isEnabled()
    key(qtbot, editor, Qt.Key.Key_D)
    assert editor.index == 1 and not editor.undo_button.isEnabled()
    key(qtbot, editor, Qt.Key.Key_Z, ctrl)
    assert editor.boxes() == []
    key(qtbot, editor, Qt.Key.Key_A)
    qtbot.mouseClick(editor.redo_button, LEFT)
    assert len(editor.boxes()) == 1  # the first image kept its own history
    assert editor.session.boxes(0) == editor.boxes()


def test_next_previous_with_keys_and_buttons(qtbot, editor):
    statuses: list[str] = []
    editor.sigStatus.connect(statuses.append)
    assert not editor.prev_button.isEnabled()
    key(qtbot, editor, Qt.Key.Key_D)
    assert editor.index == 1 and statuses[-1].startswith("image 2 of 3")
    key(qtbot, editor, Qt.Key.Key_A)
    key(qtbot, editor, Qt.Key.Key_PageDown)
    key(qtbot, editor, Qt.Key.Key_Right)
    assert editor.index == 2 and not editor.next_button.isEnabled()
    key(qtbot, editor, Qt.Key.Key_Right)  # stays at the last image
    key(qtbot, editor, Qt.Key.Key_PageUp)
    key(qtbot, editor, Qt.Key.Key_Left)
    assert editor.index == 0
    qtbot.mouseClick(editor.next_button, LEFT)
    assert editor.index == 1
    drag(qtbot, editor, (20, 20), (40, 40))
    key(qtbot, editor, Qt.Key.Key_Right)  # a selected box: arrows nudge it
    key(qtbot, editor, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert editor.index == 1
    assert_box(editor.boxes()[0], 21, 30, 20, 20)
    key(qtbot, editor, Qt.Key.Key_Escape)
    key(qtbot, editor, Qt.Key.Key_Left)
    assert editor.index == 0 and editor.session.boxes(1) == [Box(21, 30, 20, 20, "cat")]


def test_autosave_writes_and_a_new_session_shows_the_same_boxes(qtbot, images, tmp_path, editor):
    target = tmp_path / "labels.json"
    drag(qtbot, editor, (20, 15), (60, 45))
    assert "unsaved changes" in editor.status_text
    qtbot.waitUntil(lambda: target.exists() and not editor.session.dirty, timeout=3000)
    assert editor.status_text == "image 1 of 3 · 1 box · saved"
    key(qtbot, editor, Qt.Key.Key_D)
    drag(qtbot, editor, (5, 5), (25, 25))
    key(qtbot, editor, Qt.Key.Key_A)  # changing image saves at once
    assert not editor.session.dirty
    editor.set_boxes([Box(50, 50, 20, 20, "dog", score=0.8)], replace=False)
    editor.close()  # closing saves too
    assert not editor.session.dirty

    again = make_editor(qtbot, AnnotationSession(images, target))
    assert again.boxes() == editor.boxes() and len(again.boxes()) == 2
    assert again.boxes()[1].score is None
    again.next_image()
    assert_box(again.boxes()[0], 5, 5, 20, 20, "cat")


def test_a_failed_save_shows_a_message_and_keeps_the_boxes(qtbot, images, tmp_path):
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where the annotation folder should be")
    editor = make_editor(qtbot, AnnotationSession(images, blocker / "labels", "yolo"))
    drag(qtbot, editor, (20, 15), (60, 45))
    qtbot.waitUntil(lambda: editor.status_text.endswith("not saved"), timeout=3000)
    assert editor.message_text.startswith("Not saved: ") and "blocked" in editor.message_text
    key(qtbot, editor, Qt.Key.Key_D)  # moving on keeps the edits
    key(qtbot, editor, Qt.Key.Key_A)
    assert len(editor.boxes()) == 1 and editor.session.dirty
    blocker.unlink()
    blocker.mkdir()
    drag(qtbot, editor, (60, 50), (90, 75))
    qtbot.waitUntil(lambda: editor.status_text.endswith("· saved"), timeout=3000)
    assert editor.message_text == ""
    assert (blocker / "labels" / "img0.txt").read_text().count("\n") == 2


def test_a_bad_annotation_file_shows_a_message_and_is_not_written_over(qtbot, images, tmp_path):
    target = tmp_path / "broken.json"
    target.write_text("{ not json")
    editor = make_editor(qtbot, AnnotationSession(images, target))
    assert "broken.json, line 1" in editor.message_text
    drag(qtbot, editor, (20, 15), (60, 45))
    assert editor.flush().ok is False
    assert editor.status_text.endswith("not saved") and len(editor.boxes()) == 1
    assert target.read_text() == "{ not json"
    assert editor.boxes()[0].label == "object"  # the first box without any label gets a default


def test_problems_of_loaded_boxes_are_shown(qtbot, images, tmp_path):
    target = tmp_path / "odd.json"
    session = AnnotationSession(images, target)
    session.set_boxes(0, [Box(-10, 0, 30, 30, "cat")])
    assert session.save().ok
    editor = make_editor(qtbot, AnnotationSession(images, target))
    assert "outside the 100x80 image" in editor.message_text
    click(qtbot, editor, 10, 10)
    drag(qtbot, editor, (10, 10), (12, 10))  # any move puts the box back inside
    assert editor.boxes()[0].x >= 0 and "outside" not in editor.message_text


def test_a_wrong_stored_image_size_is_reported(qtbot, images, tmp_path):
    target = tmp_path / "sizes.json"
    write_annotations(AnnotationSet([ImageAnnotation("img1.png", 50, 40, [])], []), "coco", target)
    editor = make_editor(qtbot, AnnotationSession(images, target))
    assert editor.message_text == ""
    editor.next_image()
    assert "50x40" in editor.message_text and "100x80" in editor.message_text


def test_pre_annotate_button_needs_a_detector(qtbot, editor):
    button = editor.pre_annotate_button
    assert not button.isEnabled() and "No detector" in button.toolTip()
    editor.set_detector("haar-face")
    assert button.isEnabled() and "haar-face" in button.toolTip()

    def predict() -> None:
        editor.set_boxes([Box(-5, 10, 30, 20, "face", 0.9), Box(40, 40, 0, 0, "face", 0.2)])

    editor.sigPreAnnotateRequested.connect(predict)
    qtbot.mouseClick(button, LEFT)
    assert editor.boxes() == [Box(0, 10, 25, 20, "face")]
    assert "face" in editor.session.classes
    drag(qtbot, editor, (10, 20), (20, 25))  # predicted boxes are editable
    assert_box(editor.boxes()[0], 10, 15, 25, 20)
    editor.undo()
    editor.undo()
    assert editor.boxes() == []


def test_wheel_zooms_and_fit_restores(qtbot, editor):
    canvas = editor.canvas
    fitted = canvas.view_scale
    centre = QPointF(canvas.viewport().rect().center())
    event = QWheelEvent(
        centre,
        QPointF(canvas.viewport().mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 240),
        Qt.MouseButton.NoButton,
        NO_MOD,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(canvas.viewport(), event)
    assert canvas.view_scale == pytest.approx(fitted * 1.5625, rel=1e-3)
    drag(qtbot, editor, (40, 30), (55, 45))  # drawing still speaks image pixels when zoomed
    assert_box(editor.boxes()[0], 40, 30, 15, 15)
    qtbot.mouseClick(editor.fit_button, LEFT)
    assert canvas.view_scale == pytest.approx(fitted)


def test_without_a_session_everything_is_off(qtbot):
    editor = BoxEditor()
    qtbot.addWidget(editor)
    editor.show()
    assert editor.status_text == "no images" == editor.status_label.text()
    assert not editor.next_button.isEnabled() and not editor.pre_annotate_button.isEnabled()
    editor.set_boxes([Box(1, 1, 5, 5, "x")])
    editor.next_image()
    assert editor.boxes() == [] and editor.flush() is None
