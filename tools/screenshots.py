"""Render the README screenshots offscreen: python tools/screenshots.py [OUT_DIR] [--only=SECTION,...].

``--scale=1.5`` (or 2) renders instead every tab of a 1280×800 window at that display scale
(``QT_SCALE_FACTOR``: a 1920×1200 laptop at 150 %, a 2560×1600 one at 200 %) as
``scale150_<tab>.png``, to check that nothing is clipped or unreadable.

The Train and Classify screenshots come from a real run of the article's CNN on the
built-in shapes (a minute or two on a laptop CPU), made in a temporary folder that the
window shows by relative names only.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from imgstudio.app import SAMPLES, create_main_window


def wait(app: QApplication, predicate, timeout: float = 30.0) -> None:
    end = time.monotonic() + timeout
    while not predicate() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def settle(app: QApplication, tab) -> None:
    wait(app, lambda: tab.preview.is_idle())
    for _ in range(20):
        app.processEvents()
        time.sleep(0.02)


def preprocess_shots(app: QApplication, window, out: Path) -> None:
    tab = window.preprocess
    wait(app, lambda: tab.result is not None)
    tab.open_folder(str(SAMPLES))
    wait(app, lambda: tab.current_path.endswith("gray16.png") or tab.result is not None)
    tab.open_image(str(SAMPLES / "landscape.jpg"))
    wait(app, lambda: tab.current_path.endswith("landscape.jpg"))
    tab.strip.select_path(SAMPLES / "landscape.jpg")
    tab.editor.add_step("rotate")
    tab.editor.set_param("angle", 12.0)
    tab.editor.set_param("expand", True)
    tab.editor.add_step("clahe")
    tab.editor.set_param("clip_limit", 3.0)
    tab.editor.add_step("sharpen")
    tab.editor.list.setCurrentRow(0)
    settle(app, tab)
    tab._on_hover(800, 500)
    window.statusBar().showMessage("Opened landscape.jpg")
    window.grab().save(str(out / "preprocess.png"))

    tab.editor.add_step("crop")
    settle(app, tab)
    window.grab().save(str(out / "preprocess_crop.png"))

    tab.editor.set_param("width", {"min": 500, "max": 900})
    tab.editor.list.setCurrentRow(0)
    tab.editor.set_param("angle", {"min": -20.0, "max": 20.0})
    dialog = tab.open_augment()
    dialog.count.setValue(8)
    wait(app, lambda: len(dialog.tiles) == 8)
    settle(app, tab)
    dialog.grab().save(str(out / "augmentation.png"))
    dialog.close()

    batch = tab.open_batch()
    batch.input_field.edit.setText("~/Pictures/field-survey")
    batch.output_field.edit.setText("~/Pictures/field-survey-processed")
    settle(app, tab)
    batch.grab().save(str(out / "batch.png"))
    batch.close()


def ml_shots(app: QApplication, window, out: Path) -> None:
    """The Train panel mid-run, then the Classify tab evaluating the trained model."""
    from imgstudio.core.ml.shapes import make_shapes_folder

    window.tabs.setCurrentWidget(window.train)
    train = window.train
    wait(app, lambda: train.form.catalogue is not None, 60)
    train.form.runs_edit.setText("runs")
    train.compare_with("")
    train.use_article_demo()
    train.start()
    wait(app, lambda: train.curves.point_count("val_accuracy") >= 3, 900)
    wait(app, lambda: train.curves.point_count("step_loss") % train.curves.steps_per_epoch > 25, 120)
    window.grab().save(str(out / "train.png"))
    wait(app, lambda: not train.is_running(), 900)
    train.classify_button.click()
    classify = window.classify
    wait(app, lambda: classify.model is not None, 60)
    folder = make_shapes_folder("test-shapes", per_class=40, image_size=96, seed=123)
    classify.pages.setCurrentIndex(2)
    classify.evaluate_folder(str(folder))
    wait(app, lambda: classify.evaluation is not None, 300)
    ev = classify.evaluation
    off = [(t, p) for t in range(len(ev.classes)) for p in range(len(ev.classes)) if t != p and ev.matrix[t, p]]
    t, p = max(off, key=lambda tp: ev.matrix[tp]) if off else (0, 0)
    classify.show_cell(t, p)
    for _ in range(100):  # thumbnails
        app.processEvents()
        time.sleep(0.02)
    window.grab().save(str(out / "classify.png"))


def train_article_cnn() -> Path:
    """The instructor demo's model, trained through the engine (for --only=explain)."""
    from imgstudio.core.ml.config import TrainConfig
    from imgstudio.core.ml.engine import run
    from imgstudio.ui.widgets.train_form import ARTICLE_DEMO

    config = TrainConfig(out="runs/article-cnn", **ARTICLE_DEMO)
    run(config)
    return Path(config.out) / "best.safetensors"


def explain_shots(app: QApplication, window, out: Path) -> None:
    """The Explain tab on a shapes image the trained model has not seen."""
    from imgstudio.core.ml.shapes import make_shapes_folder

    explain = window.explain
    wait(app, lambda: window.classify.model is not None, 60)
    folder = make_shapes_folder("explain-shapes", per_class=2, image_size=224, seed=7)
    image = sorted(folder.glob("star/*.png"))[0]
    window.tabs.setCurrentWidget(explain)
    explain.open_image(str(image))
    wait(app, lambda: explain.layers, 60)
    explain.pages.setCurrentWidget(explain.maps_page)
    explain.maps_page.step(1)  # relu1
    wait(app, lambda: "maps" in explain.results and explain.results["maps"][0] == explain.maps_page.layer, 60)
    layout = explain.maps_page.layout_info
    y, x = layout.origin(5)
    explain.maps_page._on_grid_clicked(x + layout.tile_w / 2, y + layout.tile_h / 2)
    settle_plain(app)
    window.grab().save(str(out / "explain_maps.png"))

    explain.pages.setCurrentWidget(explain.gradcam_page)
    wait(app, lambda: "gradcam" in explain.results, 60)
    settle_plain(app)
    window.grab().save(str(out / "explain_gradcam.png"))

    explain.pages.setCurrentWidget(explain.playground)
    explain.playground.choose_preset("sobel_x")
    wait(app, lambda: explain.playground.is_up_to_date(), 30)
    explain.playground.select_position(40, 60)
    settle_plain(app)
    window.grab().save(str(out / "explain_playground.png"))

    explain.pages.setCurrentWidget(explain.summary_page)
    wait(app, lambda: explain.summary_page.summary is not None, 60)
    settle_plain(app)
    window.grab().save(str(out / "explain_summary.png"))


def recognise_shots(app: QApplication, window, out: Path) -> None:
    """The Recognise tab on its sample poster: the HOG people detector, then Haar faces."""
    tab = window.recognise
    window.tabs.setCurrentWidget(tab)
    wait(app, lambda: len(tab.boxes) == 2, 30)
    tab.box_table.selectRow(0)
    settle_plain(app)
    window.grab().save(str(out / "recognise.png"))
    with tempfile.TemporaryDirectory(prefix="imgstudio-annotate-") as tmp:
        folder = Path(tmp) / "field-photos"
        folder.mkdir()
        for name in ("faces_people.jpg", "shapes.png", "landscape.jpg"):
            shutil.copy(SAMPLES / name, Path(folder) / name)
        tab.pages.setCurrentWidget(tab.annotate_page)
        tab.annotate_page.open_folder(str(folder))
        tab.pre_annotate()
        wait(app, lambda: len(tab.annotate_page.editor.boxes()) == 2, 30)
        settle_plain(app)
        window.grab().save(str(out / "recognise_annotate.png"))
        tab.annotate_page.shutdown()
    tab.pages.setCurrentWidget(tab.detect_page)


def generate_shots(app: QApplication, window, out: Path) -> None:
    """The Generate tab: a DCGAN learning the built-in shapes, then its sample page."""
    tab = window.generate
    window.tabs.setCurrentWidget(tab)
    page = tab.train_page
    page.start()
    wait(app, lambda: not page.is_running(), 1800)
    settle_plain(app)
    window.grab().save(str(out / "generate_train.png"))
    sample = tab.sample_page
    wait(app, lambda: sample.images is not None, 120)
    tab.pages.setCurrentWidget(sample)
    sample.select(5)
    sample.b_spin.setValue(20)
    job = sample.interpolate()
    wait(app, lambda: job.delivered, 120)
    settle_plain(app)
    window.grab().save(str(out / "generate_sample.png"))
    page.save_gif(str(out / "generate_learning.gif"))


def evaluate_shots(app: QApplication, window, out: Path) -> None:
    """The Recognise tab's Train page training tiny-det on synthetic shapes, then its Evaluate
    page measuring the model on new ones."""
    from imgstudio.core.io import write_image
    from imgstudio.core.ml.detection.boxes import AnnotationSet, Box, ImageAnnotation
    from imgstudio.core.ml.detection.formats import write_annotations
    from imgstudio.core.ml.detection.synthetic import CLASSES, shapes_detect_item

    tab = window.recognise
    window.tabs.setCurrentWidget(tab)
    train = tab.train_page
    train.runs_root = "runs"
    tab.pages.setCurrentWidget(train)
    train.epochs_spin.setValue(3)
    train.start()
    wait(app, lambda: not train.is_running(), 1800)
    settle_plain(app)
    window.grab().save(str(out / "recognise_train.png"))
    folder = Path("held-out-shapes")
    folder.mkdir()
    images = []
    for i in range(100):
        item = shapes_detect_item(7, "test", i, size=128)
        write_image(folder / f"shapes_{i:03d}.png", item.image)
        boxes = [
            Box.from_corners(*xyxy, CLASSES[label - 1]) for xyxy, label in zip(item.boxes, item.labels, strict=True)
        ]
        images.append(ImageAnnotation(f"shapes_{i:03d}.png", 128, 128, boxes))
    write_annotations(AnnotationSet(images, list(CLASSES)), "coco", folder / "annotations.json")
    page = tab.evaluate_page
    tab.pages.setCurrentWidget(page)
    page.model_edit.setText(os.path.relpath(train.model_file))
    page.source_edit.setText("held-out-shapes/annotations.json")
    job = page.evaluate()
    wait(app, lambda: job.delivered, 300)
    settle_plain(app)
    window.grab().save(str(out / "recognise_evaluate.png"))


def scaled_shots(app: QApplication, window, out: Path, scale: float) -> None:
    """Every tab (and every page of a tab with pages) as the window shows it at ``scale``."""
    window.resize(1280, 800)
    prefix = f"scale{round(scale * 100)}"
    for index in range(window.tabs.count()):
        tab = window.tabs.widget(index)
        window.tabs.setCurrentIndex(index)
        name = type(tab).__name__.removesuffix("Tab").lower()
        pages = getattr(tab, "pages", None)
        for page in range(pages.count()) if pages is not None else [None]:
            if page is not None:
                pages.setCurrentIndex(page)
            settle_plain(app)
            suffix = f"_{page}" if page else ""
            window.grab().save(str(out / f"{prefix}_{name}{suffix}.png"))


def settle_plain(app: QApplication) -> None:
    for _ in range(40):
        app.processEvents()
        time.sleep(0.02)


SECTIONS = ("preprocess", "recognise", "ml", "explain", "generate", "evaluate")


def main() -> None:
    """All sections, or those named by --only=a,b (preprocess, recognise, ml, explain, generate, evaluate)."""
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    only = [a.split("=", 1)[1].split(",") for a in sys.argv[1:] if a.startswith("--only=")]
    sections = set(only[0] if only else SECTIONS)
    out = Path(args[0] if args else "docs/screenshots").resolve()
    out.mkdir(parents=True, exist_ok=True)
    scale = [float(a.split("=", 1)[1]) for a in sys.argv[1:] if a.startswith("--scale=")]
    if scale:
        os.environ["QT_SCALE_FACTOR"] = str(scale[0])
    app = QApplication([])
    window = create_main_window(use_qsettings=False)
    window.resize(1500, 900)
    window.show()
    if scale:
        wait(app, lambda: window.preprocess.result is not None)
        scaled_shots(app, window, out, scale[0])
        window.close()
        print(f"screenshots written to {out}")
        return
    if "preprocess" in sections:
        preprocess_shots(app, window, out)
    if "recognise" in sections:
        recognise_shots(app, window, out)
    with tempfile.TemporaryDirectory(prefix="imgstudio-shots-") as tmp:
        os.chdir(tmp)  # runs and test images under relative names
        if "ml" in sections:
            ml_shots(app, window, out)
        elif "explain" in sections:
            window.classify.load_model_file(str(train_article_cnn()))
        if "explain" in sections:
            explain_shots(app, window, out)
        if "evaluate" in sections:
            evaluate_shots(app, window, out)
        if "generate" in sections:
            window.generate.train_page.runs_root = "runs"
            generate_shots(app, window, out)
        window.close()
    print(f"screenshots written to {out}")


if __name__ == "__main__":
    main()
