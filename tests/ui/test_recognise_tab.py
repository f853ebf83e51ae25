"""The Recognise tab: bundled detectors on the sample poster, live filters, a folder, export."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from imgstudio.core.io import read_image, write_image
from imgstudio.core.settings import Settings
from imgstudio.ui.main_window import DETECT_SAMPLE
from imgstudio.ui.tabs.recognise import RecogniseTab

WAIT_MS = 20_000


@pytest.fixture
def tab(qtbot, warnings):
    widget = RecogniseTab(Settings())
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    yield widget
    widget.shutdown()


def detected(qtbot, tab: RecogniseTab, count: int) -> None:
    qtbot.waitUntil(lambda: len(tab.boxes) == count and tab.box_table.rowCount() == count, timeout=WAIT_MS)


def inside(box, x: float, y: float) -> bool:
    return box.x <= x <= box.x2 and box.y <= y <= box.y2


def test_faces_then_people_on_the_sample_with_boxes_drawn(qtbot, tab):
    assert tab.open_image(str(DETECT_SAMPLE))
    assert tab.form.detector() == "haar-face"
    detected(qtbot, tab, 2)
    left, right = sorted(tab.boxes, key=lambda b: b.x)
    assert inside(left, 170, 190) and inside(right, 425, 395)  # the faces' centres in the poster
    assert tab.box_table.item(0, 0).text() == "face"
    plain = draw_free(tab)
    assert not np.array_equal(tab.view.item.image, plain)  # boxes are drawn on the shown image
    tab.form.set_detector("hog-people")
    qtbot.waitUntil(lambda: [b.label for b in tab.boxes] == ["person"], timeout=WAIT_MS)
    assert inside(tab.boxes[0], 770, 300)


def draw_free(tab: RecogniseTab) -> np.ndarray:
    return tab.display[..., :3]


def test_score_and_iou_sliders_refilter_without_running_the_detector(qtbot, tab):
    tab.open_image(str(DETECT_SAMPLE))
    detected(qtbot, tab, 2)
    runs = []
    tab.runner.sigResult.connect(lambda *_: runs.append(1))
    tab.form.score_slider.setValue(tab.form.score_slider.maximum())  # only the surest box stays
    assert len(tab.boxes) == 1 and tab.boxes[0].score == max(b.score for b in tab.raw_boxes)
    assert "1 hidden by the filters" in tab.summary.text()
    tab.form.score_slider.setValue(0)
    assert len(tab.boxes) == 2 and "Min score: all" in tab.form.score_label.text()
    tab.form.iou_slider.setValue(100)
    assert tab.form.iou_threshold() is None and "off" in tab.form.iou_label.text()
    qtbot.wait(200)
    assert runs == []  # filtering is instant and local


def test_a_detector_setting_reruns_detection(qtbot, tab):
    tab.open_image(str(DETECT_SAMPLE))
    detected(qtbot, tab, 2)
    tab.form.set_value("min_size", 180)  # only the big face is at least 180 px
    tab.form.controls["min_size"].sigChanged.emit(180, True)
    detected(qtbot, tab, 1)
    assert tab.boxes[0].width >= 180


def test_selecting_a_row_highlights_its_box(qtbot, tab):
    tab.open_image(str(DETECT_SAMPLE))
    detected(qtbot, tab, 2)
    before = tab.view.item.image.copy()
    tab.box_table.selectRow(1)
    assert tab.selected_box() == 1
    assert not np.array_equal(before, tab.view.item.image)


def test_a_folder_streams_results_and_exports_json_csv_and_images(qtbot, tab, warnings, tmp_path):
    folder = tmp_path / "photos"
    folder.mkdir()
    shutil.copy(DETECT_SAMPLE, folder / "poster.jpg")
    write_image(folder / "blank.png", np.full((200, 300, 3), 128, np.uint8))
    (folder / "broken.jpg").write_bytes(b"not a jpeg")
    tab.detect_folder(str(folder))
    qtbot.waitUntil(lambda: not tab.is_busy() and tab.file_table.rowCount() == 3, timeout=WAIT_MS)
    rows = {tab.file_table.item(r, 0).text(): tab.file_table.item(r, 1).text() for r in range(3)}
    assert rows == {"blank.png": "0", "broken.jpg": "0", "poster.jpg": "2"}
    broken = next(r for r in range(3) if tab.file_table.item(r, 0).text() == "broken.jpg")
    assert tab.file_table.item(broken, 2).text()  # the reason it could not be read
    assert "unreadable" in tab.summary.text()

    assert tab.export(str(tmp_path / "out.json"), "json")
    data = {
        d["path"].rsplit("/", 1)[-1].rsplit("\\", 1)[-1]: d for d in json.loads((tmp_path / "out.json").read_text())
    }
    assert len(data["poster.jpg"]["boxes"]) == 2 and set(data["poster.jpg"]["boxes"][0]) == {
        "x",
        "y",
        "width",
        "height",
        "label",
        "score",
    }
    assert tab.export(str(tmp_path / "out.csv"), "csv")
    lines = (tmp_path / "out.csv").read_text().splitlines()
    assert lines[0] == "path,label,score,x,y,width,height" and len(lines) == 3

    out = tmp_path / "annotated"
    out.mkdir()
    (out / "poster_boxes.png").write_bytes(b"keep me")  # an existing file is not replaced
    job = tab.export_images(str(out))
    qtbot.waitUntil(lambda: job.delivered, timeout=WAIT_MS)
    assert (out / "blank_boxes.png").exists() and (out / "poster_boxes.png").read_bytes() == b"keep me"
    assert warnings[-1][0] == "Some images were not written" and "poster_boxes.png" in warnings[-1][1]
    assert read_image(folder / "poster.jpg")[0].shape == (600, 960, 3)  # originals untouched


def test_a_bad_image_is_refused_and_the_current_one_kept(qtbot, tab, warnings, tmp_path):
    tab.open_image(str(DETECT_SAMPLE))
    detected(qtbot, tab, 2)
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"\x89PNG broken")
    assert not tab.open_image(str(bad))
    assert warnings and "bad.png" in warnings[-1][1]
    assert tab.image_path == str(DETECT_SAMPLE) and len(tab.boxes) == 2


def test_export_with_nothing_says_so(tab, warnings, tmp_path):
    assert not tab.export(str(tmp_path / "x.json"), "json")
    assert warnings[-1][0] == "Nothing to export" and not (tmp_path / "x.json").exists()


def test_the_window_opens_the_sample_on_the_recognise_tab(qtbot, window):
    window.tabs.setCurrentWidget(window.recognise)
    qtbot.waitUntil(lambda: len(window.recognise.boxes) == 2, timeout=WAIT_MS)
    assert window.recognise.image_path.endswith("faces_people.jpg")


def test_annotate_a_folder_with_pre_annotation_and_autosave(qtbot, tab, tmp_path):
    folder = tmp_path / "to_label"
    folder.mkdir()
    shutil.copy(DETECT_SAMPLE, folder / "a_poster.jpg")
    write_image(folder / "b_blank.png", np.full((120, 160, 3), 200, np.uint8))
    page = tab.annotate_page
    tab.pages.setCurrentWidget(page)
    assert page.open_folder(str(folder))
    editor = page.editor
    assert editor.pre_annotate_button.isEnabled() and "2 images" in page.source_label.text()
    job = tab.pre_annotate()
    qtbot.waitUntil(lambda: len(editor.boxes()) == 2, timeout=WAIT_MS)
    assert job is not None and {b.label for b in editor.boxes()} == {"face"}
    assert all(b.score is None for b in editor.boxes())  # proposals become plain, editable boxes
    editor.flush()
    saved = json.loads((folder / "annotations.json").read_text(encoding="utf-8"))
    assert len(saved["annotations"]) == 2 and [c["name"] for c in saved["categories"]] == ["face"]
    editor.undo()  # the proposal is one undoable edit
    assert editor.boxes() == []
    editor.redo()
    page.shutdown()
    again = RecogniseTab(Settings())
    qtbot.addWidget(again)
    assert again.annotate_page.open_folder(str(folder))  # the existing set is found and reopened
    assert len(again.annotate_page.editor.boxes()) == 2
    again.shutdown()


def test_annotate_in_yolo_beside_the_images(qtbot, tab, tmp_path):
    folder = tmp_path / "yolo_set"
    folder.mkdir()
    shutil.copy(DETECT_SAMPLE, folder / "poster.jpg")
    page = tab.annotate_page
    page.format_combo.setCurrentIndex(page.format_combo.findData("yolo"))
    assert page.open_folder(str(folder))
    tab.pre_annotate()
    qtbot.waitUntil(lambda: len(page.editor.boxes()) == 2, timeout=WAIT_MS)
    page.editor.flush()
    assert (folder / "classes.txt").read_text(encoding="utf-8").split() == ["face"]
    assert len((folder / "poster.txt").read_text(encoding="utf-8").splitlines()) == 2


def test_annotating_an_empty_folder_says_so(tab, tmp_path):
    assert not tab.annotate_page.open_folder(str(tmp_path))
    assert "no images" in tab.annotate_page.source_label.text()
