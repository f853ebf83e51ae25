"""The Explain tab: what the network sees, on the user's own image and model.

Pages: model summary (table, diagram, totals), feature maps of any layer, learned
filters, the convolution/pooling playground, Grad-CAM, and the dense layers. The model
comes from the Classify tab (one loaded model for both) or "Load model…"; the image from
"Open image…", a drop, the Preprocess tab or the Classify tab's "Explain".

Every computation is a core function in a worker; the model is used by one worker at a
time (a lock), because Grad-CAM puts hooks on it. Torch is imported only in workers.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

import cv2
import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from imgstudio.core.grid import tile_grid
from imgstudio.core.heatmap import colourise, heatmap_overlay, map_tiles
from imgstudio.core.io import ImageReadError, ImageWriteError, read_image, to_uint8, write_image
from imgstudio.core.settings import Settings
from imgstudio.ui.language import format_percent
from imgstudio.ui.messages import StatusWarnings
from imgstudio.ui.widgets.conv_playground import ConvPlayground
from imgstudio.ui.widgets.explain_pages import (
    LOADED_MODEL,
    DensePage,
    FeatureMapPage,
    FilterPage,
    GradCamPage,
    SummaryPage,
)
from imgstudio.ui.widgets.qimage import to_array
from imgstudio.ui.workers import JobRunner, JobSet, LatestOnlyRunner

if TYPE_CHECKING:
    from imgstudio.core.ml.infer import LoadedModel

DISPLAY_MAX_SIDE = 1024
PAGES = ("summary", "maps", "filters", "playground", "gradcam", "dense")


def display_copy(image: np.ndarray) -> np.ndarray:
    """uint8 RGB copy no larger than DISPLAY_MAX_SIDE (for overlays)."""
    img = to_uint8(image)
    if img.ndim == 2:
        img = img[..., None]
    if img.shape[2] == 1:
        img = np.repeat(img, 3, axis=2)
    img = img[..., :3]
    scale = DISPLAY_MAX_SIDE / max(img.shape[:2])
    if scale < 1:
        img = cv2.resize(img, (round(img.shape[1] * scale), round(img.shape[0] * scale)), interpolation=cv2.INTER_AREA)
    return np.ascontiguousarray(img)


def _explain():  # the core module, imported in workers only (it imports torch)
    from imgstudio.core.ml import explain

    return explain


class ExplainTab(StatusWarnings, QWidget):
    """Summary, feature maps, filters, playground, Grad-CAM and dense layers."""

    sigStatus = Signal(str)
    sigLoadModelRequested = Signal()
    """"Load model…" was clicked: the window lets the Classify tab load it for both tabs."""

    def __init__(self, settings: Settings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings or Settings()
        self.model: LoadedModel | None = None
        self.model_path = ""
        self.image: np.ndarray | None = None
        self.image_name = ""
        self.display: np.ndarray | None = None
        self.layers: list[tuple[str, str]] = []
        self.registry: list[str] = []
        self.results: dict[str, Any] = {}
        self._maps_cache: tuple[Any, Any, dict[str, np.ndarray]] = (None, None, {})
        """(model, image, maps of every layer): used by the feature-map worker only."""
        self._lock = threading.Lock()
        self._jobs = JobSet()
        self._build()
        self.runners = {
            "maps": LatestOnlyRunner(self._compute_maps, self),
            "filters": LatestOnlyRunner(self._compute_filters, self),
            "gradcam": LatestOnlyRunner(self._compute_cam, self),
            "dense": LatestOnlyRunner(self._compute_dense, self),
            "summary": LatestOnlyRunner(self._compute_summary, self),
        }
        for name, runner in self.runners.items():
            runner.sigResult.connect(lambda _id, result, n=name: self._on_result(n, result))
            runner.sigError.connect(lambda _id, message, n=name: self._on_error(n, message))
        self.setAcceptDrops(True)
        self._update_state()

    # -- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.load_button = QPushButton(self.tr("Load model…"))
        self.load_button.setToolTip(self.tr("Open a trained model file; the Classify tab uses the same model"))
        self.load_button.clicked.connect(self.sigLoadModelRequested)
        self.open_button = QPushButton(self.tr("Open image…"))
        self.open_button.setToolTip(self.tr("The image to explain (or drop one on this tab)"))
        self.open_button.clicked.connect(self.choose_image)
        self.source_label = QLabel()
        self.source_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top = QHBoxLayout()
        top.addWidget(self.load_button)
        top.addWidget(self.open_button)
        top.addWidget(self.source_label, 1)
        self.summary_page = SummaryPage()
        self.maps_page = FeatureMapPage()
        self.filters_page = FilterPage()
        self.playground = ConvPlayground()
        self.gradcam_page = GradCamPage()
        self.dense_page = DensePage()
        self.pages = QTabWidget()
        for page, title in (
            (self.summary_page, self.tr("Summary")),
            (self.maps_page, self.tr("Feature maps")),
            (self.filters_page, self.tr("Filters")),
            (self.playground, self.tr("Convolution && pooling")),
            (self.gradcam_page, self.tr("Grad-CAM")),
            (self.dense_page, self.tr("Dense layers")),
        ):
            self.pages.addTab(page, title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.pages, 1)
        self.pages.currentChanged.connect(lambda: self.refresh())
        self.summary_page.sigRequest.connect(lambda *args: self._submit("summary", args))
        self.maps_page.sigRequest.connect(lambda: self.refresh("maps"))
        self.maps_page.sigChannel.connect(self._show_channel)
        self.maps_page.opacity.valueChanged.connect(lambda: self._show_channel(self._channel()))
        self.filters_page.sigRequest.connect(lambda: self.refresh("filters"))
        self.gradcam_page.sigRequest.connect(lambda: self.refresh("gradcam"))
        self.gradcam_page.opacity.valueChanged.connect(self._show_cam)
        self.playground.sigStatus.connect(self._on_playground_status)
        exports = (
            (self.summary_page.export_button, lambda: self.summary_page.diagram.grab().toImage(), "summary"),
            (self.maps_page.export_button, lambda: self.results.get("maps", (None,) * 4)[2], "feature_maps"),
            (self.filters_page.export_button, lambda: self.results.get("filters", (None,) * 4)[2], "filters"),
            (self.gradcam_page.export_button, self._cam_overlay, "gradcam"),
            (self.dense_page.export_button, lambda: self.dense_page.grab().toImage(), "dense"),
        )
        for button, source, stem in exports:
            button.clicked.connect(lambda _c=False, s=source, n=stem: self.choose_export(s, n))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.registry:
            job = JobRunner(lambda _ctx: [name for name, _ in _registry()], self)
            job.sigResult.connect(self._on_registry)
            self._start(job)

    # -- inputs ----------------------------------------------------------------------------
    def set_model(self, path: str, model: LoadedModel) -> None:
        """Explain ``model`` from now on (the one the Classify tab loaded)."""
        self.model, self.model_path = model, str(path)
        self.results = {k: v for k, v in self.results.items() if k == "summary"}
        self.summary_page.set_loaded_shape(model.image_size, len(model.classes), model.channels)
        self.summary_page.set_choices(self.registry, Path(path).name)
        job = JobRunner(lambda _ctx: self._locked(lambda: _explain().explainable_layers(model.module)), self)
        job.sigResult.connect(self._on_layers)
        self._start(job)
        self._update_state()

    def set_image(self, image: np.ndarray, name: str) -> None:
        """Explain ``image`` (the app's array convention) from now on."""
        self.image, self.image_name = image, name
        self.display = display_copy(image)
        self.playground.set_image(self.display)
        self.results = {k: v for k, v in self.results.items() if k in ("summary", "filters")}
        self._update_state()
        self.refresh()

    def open_image(self, path: str) -> bool:
        try:
            image, _ = read_image(path, max_pixels=self.settings.max_image_pixels)
        except ImageReadError as exc:
            self._warn(self.tr("Cannot open image"), str(exc))
            return False
        self.set_image(image, Path(path).name)
        return True

    def choose_image(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Image to explain"), self.settings.last_folder)
        if path:
            self.open_image(path)

    def explain(self, path: str) -> None:
        """Open ``path`` and show its Grad-CAM (from the Classify tab)."""
        if self.open_image(path):
            self.pages.setCurrentWidget(self.gradcam_page)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if urls and self.open_image(urls[0]):
            event.acceptProposedAction()

    # -- requests --------------------------------------------------------------------------
    def current_page(self) -> str:
        return PAGES[self.pages.currentIndex()]

    def refresh(self, page: str | None = None) -> None:
        """Compute what ``page`` (default: the visible one) shows, if it has what it needs."""
        page = page or self.current_page()
        if page == "summary":
            self.summary_page.request()
            return
        if page == "playground" or self.model is None:
            return
        if page == "filters":
            layer = self.filters_page.layer_combo.currentData()
            if layer:
                self._submit("filters", (layer, self.filters_page.input_spin.value()))
            return
        if self.image is None:
            return
        if page == "maps" and self.maps_page.layer:
            self._submit("maps", (self.maps_page.layer, self.maps_page.shared_check.isChecked()))
        elif page == "gradcam":
            g = self.gradcam_page
            choice = (g.layer_combo.currentData(), g.class_combo.currentData(), g.method_combo.currentData())
            self._submit("gradcam", choice)
        elif page == "dense":
            self._submit("dense", ())

    def _submit(self, page: str, args: tuple) -> None:
        self.runners[page].submit((self.model, self.image, *args))

    def _locked(self, fn: Any) -> Any:
        with self._lock:
            return fn()

    # -- workers (worker threads) --------------------------------------------------------------
    def _compute_maps(self, request: tuple) -> tuple:
        model, image, layer, shared = request
        maps = self._layer_maps(model, image, layer)
        grid, layout = tile_grid(map_tiles(maps, shared_scale=shared), pad=2)
        return layer, maps, colourise(grid), layout

    def _layer_maps(self, model: LoadedModel, image: np.ndarray, layer: str) -> np.ndarray:
        """``layer``'s maps; the first request for a model and image records every layer in one
        forward pass, so stepping through the layers afterwards costs no forward pass at all."""
        cached_model, cached_image, maps = self._maps_cache
        if cached_model is not model or cached_image is not image or layer not in maps:
            names = [name for name, _ in self.layers]
            names = names if layer in names else [layer]
            maps = self._locked(lambda: _explain().all_feature_maps(model, image, names))
            self._maps_cache = (model, image, maps)
        return maps[layer]

    def _compute_filters(self, request: tuple) -> tuple:
        model, _image, layer, input_channel = request
        explain = _explain()
        weights = self._locked(lambda: explain.conv_filters(model.module, layer))
        rgb = weights.shape[1] == 3
        tiles = explain.filter_tiles(weights) if rgb else explain.filter_slice_tiles(weights, input_channel)
        big = np.repeat(np.repeat(tiles, 8, axis=1), 8, axis=2)  # kernels are tiny: show each weight as 8x8 px
        grid, _ = tile_grid(big, pad=2)
        return layer, tuple(weights.shape), grid, rgb

    def _compute_cam(self, request: tuple) -> tuple:
        model, image, layer, class_index, method = request
        explain = _explain()
        result = self._locked(lambda: explain.grad_cam(model, image, layer, class_index, method))
        predicted = int(np.argmax(result.probabilities))  # the same forward pass as the CAM
        return result, float(result.probabilities[predicted]), model.classes[predicted]

    def _compute_dense(self, request: tuple) -> dict:
        model, image = request
        return self._locked(lambda: _explain().dense_activations(model, image))

    def _compute_summary(self, request: tuple) -> Any:
        model, _image, name, size, classes, channels = request
        explain = _explain()
        if name == LOADED_MODEL and model is not None:
            return self._locked(lambda: explain.summarize(model.module, (model.channels, size, size)))
        return explain.summarize_model(name, size, classes, channels)

    # -- results (GUI thread) ---------------------------------------------------------------
    def _on_result(self, page: str, result: Any) -> None:
        self.results[page] = result
        if page == "maps":
            self.maps_page.show_maps(*result)
        elif page == "filters":
            self.filters_page.show_kernels(*result)
        elif page == "gradcam":
            self._show_cam()
        elif page == "dense":
            self.dense_page.show_dense(result)
        elif page == "summary":
            self.summary_page.show_summary(result)

    def _on_error(self, page: str, message: str) -> None:
        self.sigStatus.emit(self.tr("{0}: {1}").format(page, message))
        if page == "summary":
            self.summary_page.totals.setText(message)
        elif page == "gradcam":
            self.gradcam_page.result_label.setText(message)

    def _on_layers(self, layers: list[tuple[str, str]]) -> None:
        self.layers = layers
        self.maps_page.set_layers(layers)
        self.filters_page.set_layers(layers)
        self.gradcam_page.set_layers(layers, self.model.classes if self.model else [])
        self.refresh()
        if self.current_page() != "filters":
            self.refresh("filters")

    def _on_registry(self, names: list[str]) -> None:
        self.registry = names
        self.summary_page.set_choices(names, Path(self.model_path).name if self.model else None)
        self.refresh("summary")

    def _on_playground_status(self, message: str) -> None:
        if self.isVisible() and self.pages.currentWidget() is self.playground:
            self.sigStatus.emit(message)

    def _channel(self) -> int:
        return self.maps_page.channel if self.maps_page.channel is not None else -1

    def _show_channel(self, channel: int) -> None:
        view = self.maps_page.channel_view
        maps = self.maps_page.maps
        if self.display is None:
            return
        if maps is None or channel < 0:
            view.title.setText(self.tr("Click a channel"))
            view.set_image(self.display)
            return
        m = maps[channel]
        span = float(m.max() - m.min())
        normalised = (m - m.min()) / span if span > 0 else np.zeros_like(m)
        cam = cv2.resize(normalised.astype(np.float32), (self.display.shape[1], self.display.shape[0]))
        opacity = self.maps_page.opacity.value() / 100
        view.set_image(heatmap_overlay(self.display, cam, opacity))
        view.title.setText(self.tr("Channel {0} over the input").format(channel))

    def _cam_overlay(self) -> np.ndarray | None:
        if "gradcam" not in self.results or self.display is None:
            return None
        result = self.results["gradcam"][0]
        cam = cv2.resize(result.cam, (self.display.shape[1], self.display.shape[0]), interpolation=cv2.INTER_LINEAR)
        return heatmap_overlay(self.display, cam, self.gradcam_page.opacity.value() / 100)

    def _show_cam(self) -> None:
        overlay = self._cam_overlay()
        if overlay is None:
            return
        result, confidence, predicted = self.results["gradcam"]
        text = self.tr("Predicted: {0} ({1}) · explaining '{2}' ({3}) · {4} on {5}").format(
            predicted,
            format_percent(confidence),
            result.class_name,
            format_percent(result.score),
            result.method,
            result.layer,
        )
        self.gradcam_page.show_result(text, overlay)

    # -- export ----------------------------------------------------------------------------
    def choose_export(self, source: Any, stem: str) -> None:
        start = str(Path(self.settings.last_folder or ".") / f"{stem}.png")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export PNG"), start, self.tr("PNG (*.png)"))
        if path:
            self.export_png(source, path)

    def export_png(self, source: Any, path: str) -> bool:
        """Write what ``source()`` gives (an array or a QImage) as a PNG; never over another file silently."""
        picture = source()
        if picture is None:
            self._warn(self.tr("Nothing to export"), self.tr("This view has nothing to export yet"))
            return False
        if not isinstance(picture, np.ndarray):
            picture = to_array(picture)
        try:
            write_image(path, picture, overwrite=True)
        except (ImageWriteError, OSError) as exc:
            self._warn(self.tr("Cannot export"), str(exc))
            return False
        self.sigStatus.emit(self.tr("Saved {0}").format(Path(path).name))
        return True

    # -- state -----------------------------------------------------------------------------
    def _update_state(self) -> None:
        model = Path(self.model_path).name if self.model else self.tr("no model (train one, or Load model…)")
        image = self.image_name or self.tr("no image (Open image…)")
        self.source_label.setText(self.tr("Model: {0} · Image: {1}").format(model, image))
        for page in (self.maps_page, self.filters_page, self.gradcam_page, self.dense_page):
            page.setEnabled(self.model is not None)

    def _start(self, job: JobRunner) -> None:
        job.sigError.connect(lambda message: self._warn(self.tr("Explain"), message))
        self._jobs.start(job)

    def shutdown(self) -> None:
        for runner in self.runners.values():
            runner.stop()
        self._jobs.stop_all()
        self.playground.shutdown()


def _registry() -> list[tuple[str, str]]:
    from imgstudio.core.ml.models import list_models

    return list_models()
