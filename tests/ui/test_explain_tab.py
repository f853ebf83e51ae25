"""The Explain tab: summary, feature maps, filters, Grad-CAM, dense layers, export, links."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from imgstudio.core.io import read_image
from imgstudio.core.settings import Settings
from imgstudio.ui.tabs.explain import ExplainTab

WAIT_MS = 30_000


@pytest.fixture(scope="module")
def loaded(model_file):
    from imgstudio.core.ml.infer import load_model

    return load_model(model_file, "cpu")


@pytest.fixture
def image(sample_path) -> np.ndarray:
    return read_image(sample_path)[0]


@pytest.fixture
def tab(qtbot, warnings):
    widget = ExplainTab(Settings())
    qtbot.addWidget(widget)
    widget.resize(1300, 850)
    widget.show()
    yield widget
    widget.shutdown()


def ready(qtbot, tab: ExplainTab, model_file, loaded, image) -> None:
    tab.set_model(str(model_file), loaded)
    tab.set_image(image, "landscape.jpg")
    qtbot.waitUntil(lambda: bool(tab.layers), timeout=WAIT_MS)


def test_summary_of_the_articles_cnn_and_its_diagram(qtbot, tab):
    page = tab.summary_page
    qtbot.waitUntil(lambda: page.model_combo.findData("article-cnn") >= 0, timeout=WAIT_MS)
    page.size_spin.setValue(224)
    page.classes_spin.setValue(10)
    page.model_combo.setCurrentIndex(page.model_combo.findData("article-cnn"))
    qtbot.waitUntil(lambda: page.summary is not None and page.summary.input_shape == (3, 224, 224), timeout=WAIT_MS)
    assert page.summary.total_params == 44_401_226
    assert "44,401,226 parameters" in page.totals.text()
    assert page.table.rowCount() == len(page.summary.layers)
    names = [page.table.item(r, 0).text() for r in range(page.table.rowCount())]
    assert names[:3] == ["conv1", "relu1", "pool1"]
    assert page.table.item(0, 2).text() == "32×222×222" and page.table.item(0, 3).text() == "896"
    kinds = [kind for _, kind, _ in page.diagram.blocks]
    assert kinds == ["conv", "pool"] * 3 + ["dense", "dense"]


def test_feature_maps_of_each_layer_and_a_clicked_channel(qtbot, tab, model_file, loaded, image, monkeypatch):
    from imgstudio.core.ml import explain

    passes = []
    record_all = explain.all_feature_maps
    monkeypatch.setattr(explain, "all_feature_maps", lambda *args: passes.append(args[2]) or record_all(*args))
    ready(qtbot, tab, model_file, loaded, image)
    tab.pages.setCurrentWidget(tab.maps_page)
    page = tab.maps_page
    qtbot.waitUntil(lambda: "maps" in tab.results, timeout=WAIT_MS)
    layer, maps, grid, layout = tab.results["maps"]
    assert layer == page.layer == "conv1" and maps.shape == (16, 32, 32)
    assert grid.shape[:2] == layout.size and page.grid_view.image is not None
    assert "16 channels of 32×32" in page.grid_view.title.text()
    page.next_button.click()
    qtbot.waitUntil(lambda: tab.results["maps"][0] != "conv1", timeout=WAIT_MS)
    assert tab.results["maps"][0] == page.layer != "conv1"
    assert len(passes) == 1 and passes[0] == [name for name, _ in tab.layers]  # one forward pass, every layer
    y, x = layout.origin(3)
    page.grid_view.sigClicked.emit(x + 1.0, y + 1.0)
    assert page.channel == 3 and "Channel 3" in page.channel_view.title.text()
    before = page.channel_view.image.copy()
    page.opacity.setValue(100)
    assert not np.array_equal(before, page.channel_view.image)
    # per-channel scaling changes the grid
    shared_grid = tab.results["maps"][2]
    page.shared_check.setChecked(False)
    qtbot.waitUntil(lambda: not np.array_equal(tab.results["maps"][2], shared_grid), timeout=WAIT_MS)
    tab.set_image(image[::2, ::2].copy(), "half.jpg")  # a new image needs a new pass
    qtbot.waitUntil(lambda: len(passes) == 2, timeout=WAIT_MS)


def test_filters_of_the_first_and_a_deeper_layer(qtbot, tab, model_file, loaded, image):
    ready(qtbot, tab, model_file, loaded, image)
    tab.pages.setCurrentWidget(tab.filters_page)
    page = tab.filters_page
    qtbot.waitUntil(lambda: "filters" in tab.results, timeout=WAIT_MS)
    layer, shape, grid, rgb = tab.results["filters"]
    assert (layer, shape, rgb) == ("conv1", (16, 3, 3, 3), True) and grid.shape[2] == 3
    assert not page.input_spin.isEnabled()
    page.layer_combo.setCurrentIndex(page.layer_combo.findData("conv2"))
    qtbot.waitUntil(lambda: tab.results["filters"][0] == "conv2", timeout=WAIT_MS)
    assert tab.results["filters"][1] == (32, 16, 3, 3) and page.input_spin.isEnabled()
    assert page.input_spin.maximum() == 15


def test_grad_cam_for_the_predicted_and_a_chosen_class(qtbot, tab, model_file, loaded, image):
    ready(qtbot, tab, model_file, loaded, image)
    tab.pages.setCurrentWidget(tab.gradcam_page)
    page = tab.gradcam_page
    qtbot.waitUntil(lambda: "gradcam" in tab.results, timeout=WAIT_MS)
    result = tab.results["gradcam"][0]
    assert result.cam.shape == image.shape[:2] and 0 <= result.cam.min() <= result.cam.max() <= 1
    assert "Predicted:" in page.result_label.text()
    shown = page.view.image.copy()
    page.opacity.setValue(90)
    assert not np.array_equal(shown, page.view.image)
    page.class_combo.setCurrentIndex(page.class_combo.findData(2))
    qtbot.waitUntil(lambda: tab.results["gradcam"][0].class_index == 2, timeout=WAIT_MS)
    assert f"explaining '{loaded.classes[2]}'" in page.result_label.text()
    page.method_combo.setCurrentIndex(page.method_combo.findData("gradcam++"))
    qtbot.waitUntil(lambda: tab.results["gradcam"][0].method == "gradcam++", timeout=WAIT_MS)


def test_dense_layers_show_the_softmax_over_every_class(qtbot, tab, model_file, loaded, image):
    ready(qtbot, tab, model_file, loaded, image)
    tab.pages.setCurrentWidget(tab.dense_page)
    qtbot.waitUntil(lambda: "dense" in tab.results, timeout=WAIT_MS)
    scores = tab.dense_page.bars.scores()
    assert sorted(name for name, _ in scores) == sorted(loaded.classes)
    assert sum(p for _, p in scores) == pytest.approx(1.0, abs=1e-4)


def test_export_png_writes_the_view_and_refuses_when_empty(qtbot, tab, warnings, model_file, loaded, image, tmp_path):
    assert not tab.export_png(lambda: None, str(tmp_path / "nothing.png"))
    assert warnings and warnings[-1][0] == "Nothing to export"
    ready(qtbot, tab, model_file, loaded, image)
    tab.pages.setCurrentWidget(tab.maps_page)
    qtbot.waitUntil(lambda: "maps" in tab.results, timeout=WAIT_MS)
    grid = tab.results["maps"][2]
    assert tab.export_png(lambda: tab.results["maps"][2], str(tmp_path / "maps.png"))
    assert np.array_equal(read_image(tmp_path / "maps.png")[0], grid)
    assert tab.export_png(lambda: tab.summary_page.diagram.grab().toImage(), str(tmp_path / "diagram.png"))
    assert read_image(tmp_path / "diagram.png")[0].shape[2] == 3


def test_without_a_model_the_model_pages_are_off_and_say_why(tab):
    assert not tab.maps_page.isEnabled() and not tab.gradcam_page.isEnabled()
    assert "no model" in tab.source_label.text()
    assert tab.playground.isEnabled()  # the playground needs no model


def test_a_bad_image_file_is_refused_and_the_image_kept(tab, warnings, image, tmp_path):
    tab.set_image(image, "landscape.jpg")
    bad = tmp_path / "broken.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    assert not tab.open_image(str(bad))
    assert warnings and "broken.png" in warnings[-1][1]
    assert tab.image_name == "landscape.jpg"


def test_classify_shares_its_model_and_sends_images_to_explain(qtbot, window, warnings, model_file, sample_path):
    classify, explain = window.classify, window.explain
    classify.device = "cpu"
    classify.load_model_file(str(model_file))
    qtbot.waitUntil(lambda: explain.model is not None, timeout=WAIT_MS)
    assert explain.model is classify.model
    classify.predict_image(sample_path)
    qtbot.waitUntil(lambda: classify.image_prediction is not None, timeout=WAIT_MS)
    qtbot.mouseClick(classify.explain_image_button, Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is explain and explain.pages.currentWidget() is explain.gradcam_page
    qtbot.waitUntil(lambda: "gradcam" in explain.results, timeout=WAIT_MS)
    assert explain.image_name == "landscape.jpg"
    assert warnings == []


def test_the_explain_tab_starts_with_the_preprocess_image(qtbot, window):
    window.tabs.setCurrentWidget(window.explain)
    assert window.explain.image is not None and window.explain.image_name == "landscape.jpg"
    assert window.explain.playground is not None
