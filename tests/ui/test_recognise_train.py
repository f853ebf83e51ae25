"""The Recognise tab's Train page: annotate, train, then detect and evaluate without leaving the tab."""

from __future__ import annotations

import pytest

from imgstudio.core.io import write_image
from imgstudio.core.ml.detection.boxes import Box
from imgstudio.core.ml.detection.synthetic import CLASSES, shapes_detect_item
from imgstudio.core.settings import Settings
from imgstudio.ui.tabs.recognise import RecogniseTab
from imgstudio.ui.widgets.detect_train_page import ANNOTATE, COCO, SHAPES
from imgstudio.ui.widgets.detector_form import MODEL_PREFIX

WAIT_MS = 120_000


@pytest.fixture
def tab(qtbot, tmp_path):
    settings = Settings()
    settings.runs_folder = str(tmp_path / "runs")
    widget = RecogniseTab(settings)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    yield widget
    widget.shutdown()


def shapes_folder(folder, count: int) -> list[list[Box]]:
    """``count`` synthetic shapes images at 64 px in ``folder``; their true boxes."""
    truth = []
    for i in range(count):
        item = shapes_detect_item(5, "train", i, size=64)
        write_image(folder / f"img{i:02d}.png", item.image)
        truth.append(
            [Box.from_corners(*map(float, b), CLASSES[k - 1]) for b, k in zip(item.boxes, item.labels, strict=True)]
        )
    return truth


def quick(page, data: str) -> None:
    page.data_combo.setCurrentIndex(page.data_combo.findData(data))
    page.size_spin.setValue(64)
    page.epochs_spin.setValue(2)
    page.batch_spin.setValue(4)


@pytest.mark.parametrize("fmt", ["coco", "voc", "yolo"])
def test_annotate_train_detect_and_evaluate_in_the_tab(qtbot, warnings, tab, tmp_path, fmt):
    images = tmp_path / "photos"
    images.mkdir()
    truth = shapes_folder(images, 8)
    page = tab.annotate_page
    page.format_combo.setCurrentIndex(page.format_combo.findData(fmt))
    assert page.open_folder(str(images))
    session = tab.annotate_page.session
    for label in CLASSES:
        session.add_class(label)
    for index, boxes in enumerate(truth):  # what drawing in the editor does (tests/ui/test_box_editor.py)
        assert session.set_boxes(index, boxes)
    assert session.dirty  # not saved yet: the Train page saves before it reads

    page = tab.train_page
    tab.pages.setCurrentWidget(page)
    quick(page, ANNOTATE)
    run = page.start()
    assert run is not None and not warnings, warnings
    target = images / "annotations.json" if fmt == "coco" else images
    saved = {"coco": "annotations.json", "voc": "img00.xml", "yolo": "img00.txt"}[fmt]
    assert not session.dirty and (images / saved).is_file()
    assert not page.start_button.isEnabled() and page.stop_button.isEnabled() and not page.data_combo.isEnabled()
    qtbot.waitUntil(lambda: not page.is_running(), timeout=WAIT_MS)
    assert not warnings, warnings
    assert page.curves.point_count("loss") >= 2
    assert page.epoch_curves.point_count("val_map50") == 2  # one point per epoch
    assert page.model_file.endswith(".safetensors") and page.trained_on == (str(target), str(images))
    # the finished model is loaded on the Detect page
    qtbot.waitUntil(lambda: tab.form.detector_combo.currentData() == MODEL_PREFIX + page.model_file, timeout=WAIT_MS)
    assert page.use_button.isEnabled() and page.evaluate_button.isEnabled()
    page.use_button.click()
    assert tab.pages.currentWidget() is tab.detect_page

    page.evaluate_button.click()
    evaluate = tab.evaluate_page
    assert tab.pages.currentWidget() is evaluate and evaluate.model_edit.text() == page.model_file
    qtbot.waitUntil(lambda: evaluate.evaluation is not None, timeout=WAIT_MS)
    assert evaluate.evaluation.map50 is not None and 0.0 <= evaluate.evaluation.map50 <= 1.0
    assert evaluate.class_table.rowCount() == len(CLASSES)


def test_built_in_shapes_train_and_draw_the_map_per_epoch(qtbot, warnings, tab, tmp_path):
    page = tab.train_page
    quick(page, SHAPES)
    page.epochs_spin.setValue(1)
    page.images_spin.setValue(50)
    assert page.images_spin.isEnabled()
    page.start()
    qtbot.waitUntil(lambda: not page.is_running(), timeout=WAIT_MS)
    assert not warnings, warnings
    assert page.epoch_curves.point_count("val_map50") == 1 and page.model_file
    assert "best validation mAP@0.5" in page.status.text()
    assert page.use_button.isEnabled()
    assert not page.evaluate_button.isEnabled()  # the shapes exist only in memory: nothing to evaluate on


def test_bad_training_data_is_refused_with_a_message(qtbot, warnings, tab, tmp_path):
    page = tab.train_page
    quick(page, ANNOTATE)
    assert page.start() is None and page.session is None
    assert "Annotate page" in warnings[-1][1]

    images = tmp_path / "few"
    images.mkdir()
    truth = shapes_folder(images, 3)
    tab.annotate_page.open_folder(str(images))
    session = tab.annotate_page.session
    session.add_class(truth[0][0].label)
    session.set_boxes(0, truth[0][:1])
    assert page.start() is None and page.session is None
    assert "at least two images to train on (1 so far)" in warnings[-1][1]
    assert session.boxes(0) == truth[0][:1]  # the box drawn is kept (and saved)
    assert (images / "annotations.json").is_file()

    page.data_combo.setCurrentIndex(page.data_combo.findData(COCO))  # chosen but no file picked
    assert page.start() is None
    assert "choose the annotations" in warnings[-1][1]

    broken = tmp_path / "broken.json"
    broken.write_text("{ not json")
    page.use_annotations(str(broken), str(tmp_path))
    assert page.data_combo.currentText() == "broken.json"
    page.start()
    qtbot.waitUntil(lambda: not page.is_running(), timeout=WAIT_MS)
    assert warnings[-1][0] == "Training failed" and "broken.json" in warnings[-1][1]
    assert broken.read_text() == "{ not json"  # the user's file is untouched
    assert page.start_button.isEnabled() and not page.use_button.isEnabled()


def test_a_yolo_dataset_with_images_and_labels_folders_trains(qtbot, warnings, tab, tmp_path):
    """The usual YOLO layout: the images are found in images/ beside labels/, as the CLI finds them."""
    root = tmp_path / "dataset"
    labels, images = root / "labels" / "train", root / "images" / "train"
    labels.mkdir(parents=True)
    truth = shapes_folder(images, 6)
    (labels / "classes.txt").write_text("\n".join(CLASSES) + "\n")
    for i, boxes in enumerate(truth):
        centres = [((b.x + b.width / 2) / 64, (b.y + b.height / 2) / 64, b) for b in boxes]
        lines = [f"{CLASSES.index(b.label)} {cx} {cy} {b.width / 64} {b.height / 64}" for cx, cy, b in centres]
        (labels / f"img{i:02d}.txt").write_text("\n".join(lines) + "\n")
    page = tab.train_page
    quick(page, SHAPES)
    page.epochs_spin.setValue(1)
    page.use_annotations(str(labels))
    assert page.data_combo.currentText() == "train"
    assert page.start() is not None
    qtbot.waitUntil(lambda: not page.is_running(), timeout=WAIT_MS)
    assert not warnings, warnings
    assert page.model_file and page.trained_on == (str(labels), "")


def test_a_run_stopped_in_its_first_epoch_offers_what_it_learnt(qtbot, warnings, tab, tmp_path):
    page = tab.train_page
    quick(page, SHAPES)
    page.images_spin.setValue(2000)
    page.start()
    qtbot.waitUntil(lambda: page.curves.point_count("loss") >= 1, timeout=WAIT_MS)
    page.stop()
    qtbot.waitUntil(lambda: not page.is_running(), timeout=WAIT_MS)
    assert page.epoch_curves.point_count("val_map50") == 0  # no validation ran: no best model
    assert page.model_file.endswith("last.safetensors") and page.use_button.isEnabled()
    qtbot.waitUntil(lambda: tab.form.detector_combo.currentData() == MODEL_PREFIX + page.model_file, timeout=WAIT_MS)
    tab.form.set_detector("haar-face")  # the user picks another detector meanwhile
    page.use_button.click()  # "Detect with it" brings the trained one back
    assert tab.pages.currentWidget() is tab.detect_page
    qtbot.waitUntil(lambda: tab.form.detector_combo.currentData() == MODEL_PREFIX + page.model_file, timeout=WAIT_MS)


def test_evaluate_it_while_an_evaluation_runs_says_so(qtbot, warnings, tab, monkeypatch):
    monkeypatch.setattr(tab.evaluate_page, "is_busy", lambda: True)
    tab.evaluate_page.model_edit.setText("earlier.safetensors")
    tab.evaluate_trained("new.safetensors", "annotations.json", "")
    assert warnings[-1] == ("Cannot evaluate", "An evaluation is running: cancel it or wait for it")
    assert tab.evaluate_page.model_edit.text() == "earlier.safetensors"  # nothing changed under it
