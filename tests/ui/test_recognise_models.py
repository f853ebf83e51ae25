"""The Recognise tab with trained detector model files: detect, pre-annotate, evaluate."""

from __future__ import annotations

import torch

from imgstudio.core.io import write_image
from imgstudio.core.ml.checkpoint import save_model
from imgstudio.core.ml.detection.boxes import AnnotationSet, Box, ImageAnnotation
from imgstudio.core.ml.detection.formats import write_annotations
from imgstudio.core.ml.detection.synthetic import CLASSES, shapes_detect_item
from imgstudio.core.settings import Settings
from imgstudio.ui.tabs.recognise import RecogniseTab

WAIT_MS = 30_000


def loaded_tab(qtbot, detector_file) -> RecogniseTab:
    tab = RecogniseTab(Settings())
    qtbot.addWidget(tab)
    tab.resize(1300, 800)
    tab.show()
    job = tab.form.load_model(str(detector_file))
    qtbot.waitUntil(lambda: job.delivered, timeout=WAIT_MS)
    return tab


def coco_set(root, count: int = 6):
    """``count`` synthetic images at 64 px with their boxes as a COCO file beside them."""
    images = []
    for i in range(count):
        s = shapes_detect_item(3, "test", i, size=64)
        write_image(root / "images" / f"img{i}.png", s.image)
        boxes = [Box.from_corners(*map(float, b), CLASSES[k - 1]) for b, k in zip(s.boxes, s.labels, strict=True)]
        images.append(ImageAnnotation(f"images/img{i}.png", 64, 64, boxes))
    write_annotations(AnnotationSet(images, list(CLASSES)), "coco", root / "annotations.json")
    return root / "annotations.json"


def test_a_detector_model_detects_and_the_score_slider_spans_0_to_1(qtbot, warnings, detector_file, tmp_path):
    tab = loaded_tab(qtbot, detector_file)
    form = tab.form
    assert form.is_model() and form.detector_name() == "best.safetensors" and not warnings
    index = form.detector_combo.currentIndex()
    tip = form.detector_combo.itemData(index, 0x0003)  # ToolTipRole
    assert str(detector_file) in tip and "circle" in tip
    assert form.controls == {} and "tiny-det" in form.description.text()
    assert tab.evaluate_page.model_edit.text() == str(detector_file)  # the Evaluate page's default
    form.models[str(detector_file)].module.score_thresh = 0.01  # a few dozen steps: keep weak peaks
    tab.set_image(shapes_detect_item(0, "test", 1, size=64).image, "shapes.png")
    qtbot.waitUntil(lambda: len(tab.raw_boxes) > 0, timeout=WAIT_MS)
    assert all(b.label in CLASSES and 0 <= b.score <= 1 for b in tab.raw_boxes)
    assert form.score_range == (0.0, 1.0)
    form.score_slider.setValue(50)
    assert form.min_score() == 0.5 and "0.50" in form.score_label.text()
    assert all(b.score >= 0.5 for b in tab.boxes)
    form.score_slider.setValue(0)
    assert form.min_score() is None and len(tab.boxes) >= len([b for b in tab.raw_boxes if b.score >= 0.5])

    folder = tmp_path / "imgs"
    for i in range(3):
        write_image(folder / f"s{i}.png", shapes_detect_item(0, "test", i, size=64).image)
    tab.detect_folder(str(folder))
    qtbot.waitUntil(lambda: not tab.is_busy() and tab.file_table.rowCount() == 3, timeout=WAIT_MS)
    assert sum(len(r.boxes) for r in tab.folder_results) > 0

    page = tab.annotate_page  # pre-annotation runs the model too
    assert page.open_folder(str(folder))
    assert "best.safetensors" in page.editor.pre_annotate_button.toolTip()
    job = tab.pre_annotate()
    qtbot.waitUntil(lambda: job.delivered, timeout=WAIT_MS)
    assert page.editor.boxes() and all(b.label in CLASSES for b in page.editor.boxes())
    tab.shutdown()


def test_a_classifier_or_broken_file_is_refused(qtbot, warnings, tmp_path):
    tab = RecogniseTab(Settings())
    qtbot.addWidget(tab)
    classifier = tmp_path / "classifier.safetensors"
    save_model(classifier, torch.nn.Linear(2, 2), {"task": "classify", "classes": ["a", "b"]})
    broken = tmp_path / "broken.safetensors"
    broken.write_bytes(b"not a model")
    count = tab.form.detector_combo.count()
    for path in (classifier, broken):
        job = tab.form.load_model(str(path))
        qtbot.waitUntil(lambda job=job: job.delivered, timeout=WAIT_MS)
        assert warnings[-1][0] == f"Cannot load {path.name}"
    assert "not a detector" in warnings[0][1]
    assert tab.form.detector_combo.count() == count and tab.form.detector() == "haar-face"
    assert tab.form.load_button.isEnabled()
    tab.shutdown()


def test_evaluate_on_a_coco_set(qtbot, warnings, detector_file, tmp_path):
    tab = RecogniseTab(Settings())
    qtbot.addWidget(tab)
    page = tab.evaluate_page
    tab.pages.setCurrentWidget(page)
    page.model_edit.setText(str(detector_file))
    page.source_edit.setText(str(coco_set(tmp_path)))
    job = page.evaluate()
    assert job is not None and not page.evaluate_button.isEnabled()
    qtbot.waitUntil(lambda: job.delivered, timeout=WAIT_MS)
    assert not warnings and page.evaluation is not None
    assert 0.0 <= page.evaluation.map50 <= 1.0 and "mAP@0.5:" in page.summary.text()
    assert page.class_table.rowCount() >= len(CLASSES)
    rows = {page.class_table.item(r, 0).text(): r for r in range(page.class_table.rowCount())}
    assert set(CLASSES) <= set(rows)
    assert all(page.class_table.item(rows[c], 1).text() for c in CLASSES)
    assert sum(int(page.class_table.item(r, 3).text()) for r in rows.values()) > 0
    assert page.curves and all(len(curve.xData) > 0 for curve in page.curves.values())
    assert page.evaluate_button.isEnabled()
    tab.shutdown()


def test_evaluate_errors_and_cancel(qtbot, warnings, detector_file, tmp_path):
    tab = RecogniseTab(Settings())
    qtbot.addWidget(tab)
    page = tab.evaluate_page
    assert page.evaluate() is None and warnings[-1][0] == "Cannot evaluate"  # nothing chosen
    page.model_edit.setText(str(detector_file))
    page.source_edit.setText(str(tmp_path / "missing.json"))
    job = page.evaluate()
    qtbot.waitUntil(lambda: job.delivered, timeout=WAIT_MS)
    assert warnings[-1][0] == "Cannot evaluate" and "missing.json" in warnings[-1][1]
    assert page.evaluate_button.isEnabled() and page.evaluation is None

    page.source_edit.setText(str(coco_set(tmp_path, count=40)))
    job = page.evaluate()
    page.cancel()
    qtbot.waitUntil(lambda: job.delivered, timeout=WAIT_MS)
    assert page.summary.text() == "Evaluation cancelled" and page.evaluation is None
    assert page.evaluate_button.isEnabled() and len(warnings) == 2
    tab.shutdown()
