"""``imgstudio self-test``: open the main window and run a tiny real job on every tab.

Each check drives a tab through its public methods, waits for the worker's result with a
timeout and returns a one-line detail. A check fails when it raises, when a message box opens
(the watcher records and closes it, so nothing blocks offscreen) or when an exception escapes
into the event loop. Checks run in order and share a :class:`SelfTest` (Train makes the
model that Classify loads and Explain looks into). A new tab adds one function to
:data:`CHECKS`. Resources come from the package folder, so it runs the same in the bundle.
"""

from __future__ import annotations

import os
import platform
import shutil
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import numpy as np

SAMPLES = Path(__file__).resolve().parent.parent / "resources" / "samples"
DEFAULT_TIMEOUT_S = 180.0
TRAIN_IMAGES, VAL_IMAGES, TRAIN_SIZE = 200, 60, 32


class CheckFailed(Exception):
    """A check saw something wrong; the message is the report's detail."""


@dataclass
class CheckResult:
    name: str
    ok: bool
    seconds: float
    detail: str


class SelfTest:
    """What the checks share: the application, the window, a work folder, what earlier checks made.

    While it runs, message boxes and uncaught exceptions become :attr:`problems`, which fail
    the check that is waiting.
    """

    def __init__(self, app: Any, workdir: Path, timeout_s: float = DEFAULT_TIMEOUT_S) -> None:
        from PySide6.QtCore import QTimer

        self.app = app
        self.workdir = workdir
        self.timeout_s = timeout_s
        self.window: Any = None
        self.model_file: Path | None = None
        self.problems: list[str] = []
        self._watcher = QTimer()
        self._watcher.setInterval(50)
        self._watcher.timeout.connect(self.close_dialogs)
        self._hooks = (sys.excepthook, threading.excepthook)

    # -- watching ------------------------------------------------------------------------------
    def start_watching(self) -> None:
        sys.excepthook = self._on_exception
        threading.excepthook = lambda a: self._on_exception(a.exc_type, a.exc_value, a.exc_traceback)
        self._watcher.start()

    def stop_watching(self) -> None:
        self._watcher.stop()
        sys.excepthook, threading.excepthook = self._hooks

    def _on_exception(self, kind: type[BaseException], exc: BaseException | None, tb: TracebackType | None) -> None:
        text = "".join(traceback.format_exception(kind, exc, tb))
        print(text, file=sys.stderr)
        self.problems.append(f"uncaught {kind.__name__}: {exc}")

    def close_dialogs(self) -> None:
        """Record and close every modal dialog (a message box would block an offscreen run)."""
        from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible() and widget.isModal():
                text = widget.text() if isinstance(widget, QMessageBox) else ""
                self.problems.append(f"dialog '{widget.windowTitle()}': {text}".rstrip(": "))
                widget.done(0)

    # -- waiting -------------------------------------------------------------------------------
    def wait_until(self, predicate: Callable[[], bool], what: str, timeout_s: float | None = None) -> None:
        """Run the event loop until ``predicate()``; fail on a problem or after the timeout."""
        limit = self.timeout_s if timeout_s is None else timeout_s
        deadline = time.monotonic() + limit
        while True:
            self.app.processEvents()
            self.close_dialogs()
            if self.problems:
                raise CheckFailed("; ".join(self.problems))
            if predicate():
                return
            if time.monotonic() > deadline:
                raise CheckFailed(f"timed out after {limit:g} s waiting for {what}")
            time.sleep(0.005)

    @contextmanager
    def collect(self, signal: Any) -> Iterator[list[tuple[Any, ...]]]:
        """The arguments of every emission of ``signal`` while the block runs."""
        seen: list[tuple[Any, ...]] = []

        def record(*args: Any) -> None:
            seen.append(args)

        signal.connect(record)
        try:
            yield seen
        finally:
            signal.disconnect(record)

    def need_window(self) -> Any:
        if self.window is None:
            raise CheckFailed("no main window (the window check failed)")
        return self.window

    def run_check(self, name: str, check: Callable[[SelfTest], str]) -> CheckResult:
        """Run one check: its detail when it passed, else why it failed (a traceback goes to stderr)."""
        self.problems.clear()
        started = time.perf_counter()
        try:
            detail, ok = check(self), True
            self.close_dialogs()
            if self.problems:
                detail, ok = "; ".join(self.problems), False
        except CheckFailed as exc:
            detail, ok = str(exc), False
        except Exception as exc:
            traceback.print_exc()
            detail, ok = f"{type(exc).__name__}: {exc}", False
        return CheckResult(name, ok, round(time.perf_counter() - started, 3), detail)


# -- the checks ----------------------------------------------------------------------------------
def check_window(t: SelfTest) -> str:
    """The main window opens with every tab and shows the built-in sample."""
    from imgstudio.app import SAMPLE_IMAGE, create_main_window

    if not SAMPLE_IMAGE.is_file():
        raise CheckFailed(f"the built-in sample is missing: {SAMPLE_IMAGE}")
    t.window = window = create_main_window(None, use_qsettings=False)
    window.show()
    tab = window.preprocess
    t.wait_until(lambda: tab.loaded is not None and tab.result is not None, "the sample image's preview")
    names = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    return f"{len(names)} tabs ({', '.join(names)}), {Path(tab.current_path).name} shown"


def check_preprocess(t: SelfTest) -> str:
    """A pipeline file loaded into the tab renders the same pixels as the core, and saves."""
    from imgstudio.core.io import read_image
    from imgstudio.core.pipeline import Pipeline, Step

    tab = t.need_window().preprocess
    sample = SAMPLES / "landscape.jpg"
    tab.open_image(str(sample))
    t.wait_until(lambda: tab.loaded is not None and tab.current_path == str(sample), f"{sample.name} to open")
    pipeline = Pipeline(
        [
            Step.create("resize", width=320, height=240),
            Step.create("gaussian_blur", ksize=5),
            Step.create("grayscale"),
        ]
    )
    pipeline_file = t.workdir / "pipeline.json"
    pipeline.save(pipeline_file)
    if not tab.load_pipeline(str(pipeline_file)):
        raise CheckFailed(f"the tab refused {pipeline_file.name}")
    expected = pipeline.apply(tab.loaded.image)

    def rendered() -> bool:
        if tab.last_error:
            raise CheckFailed(f"preview error: {tab.last_error}")
        r = tab.result
        return r is not None and r.full_resolution and r.output is not None and r.output.shape == expected.shape

    t.wait_until(rendered, "the full-resolution preview")
    if not np.array_equal(tab.result.output, expected):
        raise CheckFailed("the preview differs from the pipeline applied by the core")
    if tab.after.image is None or tab.result.histograms is None or len(tab.result.histograms) != 1:
        raise CheckFailed("the After view or its histogram is empty")
    out = t.workdir / "preprocessed.png"
    job = tab.save_result(str(out))
    if job is None:
        raise CheckFailed("save_result refused: no image")
    t.wait_until(lambda: job.delivered, f"{out.name} to be written")
    saved, _ = read_image(out)
    if saved.shape != expected.shape or not np.array_equal(saved, expected):
        raise CheckFailed(f"{out.name} differs from the preview")
    h, w, c = expected.shape
    return f"{sample.name} → resize, gaussian_blur, grayscale → {w}×{h}×{c}, same as the core; saved PNG matches"


def check_torch(t: SelfTest) -> str:
    """torch and torchvision load, with torchvision's compiled operators (what the detectors need)."""
    import torch
    from torchvision.ops import nms

    from imgstudio.core.ml.device import torch_versions

    boxes = torch.tensor([[0.0, 0.0, 10.0, 10.0], [1.0, 1.0, 11.0, 11.0], [50.0, 50.0, 60.0, 60.0]])
    kept = nms(boxes, torch.tensor([0.9, 0.8, 0.7]), 0.5).tolist()
    if kept != [0, 2]:
        raise CheckFailed(f"torchvision's nms kept boxes {kept}, not [0, 2]")
    v = torch_versions()
    return f"torch {v['torch']} (CUDA build: {v['CUDA build']}), torchvision {v['torchvision']} ops; {v['device']}"


def check_train(t: SelfTest) -> str:
    """One epoch of small-cnn on built-in shapes, started from the Train tab, writes a checkpoint."""
    from imgstudio.core.ml.runs import run_model_file

    window = t.need_window()
    tab = window.train
    window.tabs.setCurrentWidget(tab)
    tab.form.ensure_catalogue()
    t.wait_until(lambda: tab.form.catalogue is not None, "the model list")
    form = tab.form
    choices = (
        ("data", form.data_combo, form.data_combo.findData("synthetic:shapes")),
        ("model", form.model_combo, form.model_combo.findText("small-cnn")),
        ("augmentation", form.augment_combo, form.augment_combo.findData("none")),
    )
    for what, combo, index in choices:
        if index < 0:
            raise CheckFailed(f"the Train form offers no {what} choice for this check")
        combo.setCurrentIndex(index)
    form.size_spin.setValue(TRAIN_SIZE)
    form.epochs_spin.setValue(1)
    form.batch_spin.setValue(32)
    form.train_count.setValue(TRAIN_IMAGES)
    form.val_count.setValue(VAL_IMAGES)
    form.patience_spin.setValue(0)
    form.seed_spin.setValue(0)
    form.runs_edit.setText(str(t.workdir / "runs"))
    session = tab.start()
    if session is None:
        raise CheckFailed("the Train tab did not start a run")
    t.wait_until(lambda: not tab.is_running(), "one epoch of training")
    summary = tab.last_summary
    if summary is None:
        raise CheckFailed(f"the run ended without a summary: {session.error or 'no error given'}")
    if summary["status"] != "finished" or summary["epochs_done"] != 1:
        raise CheckFailed(f"run {summary['status']} after {summary['epochs_done']} epoch(s)")
    steps = -(-TRAIN_IMAGES // 32)
    if tab.curves.point_count("step_loss") != steps:
        raise CheckFailed(f"the loss curve shows {tab.curves.point_count('step_loss')} steps, not {steps}")
    model = run_model_file(summary["out"])
    if model is None or model.stat().st_size == 0:
        raise CheckFailed(f"no checkpoint in {summary['out']}")
    t.model_file = model
    accuracy = summary.get("final", {}).get("val_accuracy")
    shown = f", val accuracy {accuracy:.2f}" if isinstance(accuracy, float) else ""
    device = session.info.get("device", "?")
    return f"small-cnn, 1 epoch, {TRAIN_IMAGES} shapes at {TRAIN_SIZE} px on {device}{shown}; {model.name}"


def check_classify(t: SelfTest) -> str:
    """The trained model loads in the Classify tab and gives top-k classes for a sample image."""
    window = t.need_window()
    if t.model_file is None:
        raise CheckFailed("no model to load (the train check did not make one)")
    tab = window.classify
    window.open_model_in_classify(str(t.model_file))
    t.wait_until(lambda: tab.model is not None and not tab.is_busy(), "the model to load")
    if Path(tab.model_path) != t.model_file:
        raise CheckFailed(f"loaded {tab.model_path}, not {t.model_file}")
    sample = SAMPLES / "shapes.png"
    tab.predict_image(str(sample))
    t.wait_until(lambda: tab.image_prediction is not None and not tab.is_busy(), f"a prediction for {sample.name}")
    prediction, classes = tab.image_prediction, tab.model.classes
    expected = min(tab.top_k.value(), len(classes))
    probabilities = [p for _, p in prediction.top]
    if len(prediction.top) != expected or any(label not in classes for label, _ in prediction.top):
        raise CheckFailed(f"top-k is {prediction.top}, expected {expected} of {classes}")
    if probabilities != sorted(probabilities, reverse=True) or not 0.0 <= sum(probabilities) <= 1.0 + 1e-5:
        raise CheckFailed(f"top-k probabilities are not sorted probabilities: {probabilities}")
    if tab.bars.scores() != prediction.top:
        raise CheckFailed("the top-k bars do not show the prediction")
    return f"{sample.name}: {prediction.label} {prediction.confidence:.0%} (top {expected} of {len(classes)} classes)"


def check_recognise(t: SelfTest) -> str:
    """The bundled Haar face detector finds the two faces of the built-in poster."""
    import cv2

    window = t.need_window()
    tab = window.recognise
    cascades = Path(cv2.data.haarcascades)
    if not (cascades / "haarcascade_frontalface_default.xml").is_file():
        raise CheckFailed(f"OpenCV's Haar cascades are missing from {cascades}")
    sample = SAMPLES / "faces_people.jpg"
    with t.collect(tab.runner.sigResult) as results, t.collect(tab.runner.sigError) as errors:
        tab.form.set_detector("haar-face")
        if not tab.open_image(str(sample)):
            raise CheckFailed(f"cannot open {sample.name}")
        wanted = tab.runner.submit_count
        window.tabs.setCurrentWidget(tab)
        t.wait_until(lambda: any(r[0] >= wanted for r in results + errors), "the detector")
    if errors and errors[-1][0] >= wanted:
        raise CheckFailed(f"detection failed: {errors[-1][1]}")
    labels = [b.label for b in tab.boxes]
    if labels != ["face", "face"]:
        raise CheckFailed(f"expected 2 faces on {sample.name}, got {labels}")
    boxes = ", ".join(f"({b.x:.0f},{b.y:.0f} {b.width:.0f}×{b.height:.0f})" for b in tab.boxes)
    return f"haar-face on {sample.name}: 2 faces {boxes}"


def check_explain(t: SelfTest) -> str:
    """The Explain tab shows the trained model's feature maps of a sample image."""
    window = t.need_window()
    tab = window.explain
    if tab.model is None:
        raise CheckFailed("no model to explain (the classify check did not load one)")
    sample = SAMPLES / "shapes.png"
    with t.collect(tab.runners["maps"].sigError) as errors:
        tab.pages.setCurrentWidget(tab.maps_page)
        if not tab.open_image(str(sample)):
            raise CheckFailed(f"cannot open {sample.name}")
        window.tabs.setCurrentWidget(tab)
        t.wait_until(lambda: "maps" in tab.results or bool(errors), "the feature maps")
    if errors:
        raise CheckFailed(f"feature maps failed: {errors[-1][1]}")
    layer, maps, grid, _layout = tab.results["maps"]
    if maps.ndim != 3 or min(maps.shape) < 1 or not np.isfinite(maps).all() or float(np.ptp(maps)) == 0.0:
        raise CheckFailed(f"feature maps of {layer} are empty or constant: shape {maps.shape}")
    if grid is None or tab.maps_page.grid_view.image is None:
        raise CheckFailed("the feature-map grid is not shown")
    channels, h, w = maps.shape
    return f"{layer} of {Path(tab.model_path).name} on {sample.name}: {channels} maps of {w}×{h}"


Check = Callable[[SelfTest], str]


def check_generate(t: SelfTest) -> str:
    """One epoch of a DCGAN on a few built-in shapes from the Generate tab; its model then
    samples the same images for the same seed on the Sample page."""
    window = t.need_window()
    tab = window.generate
    window.tabs.setCurrentWidget(tab)
    page, sample = tab.train_page, tab.sample_page
    page.runs_root = str(t.workdir / "runs")
    page.model_combo.setCurrentIndex(page.model_combo.findData("dcgan"))
    page.epochs_spin.setValue(1)
    page.images_spin.setValue(128)
    if page.start() is None:
        raise CheckFailed("the Generate tab did not start a run")
    t.wait_until(lambda: not page.is_running(), "one epoch of generator training")
    if page.samples is None:
        raise CheckFailed("no fixed-noise samples were shown during training")
    t.wait_until(lambda: sample.images is not None, "samples from the trained generator")
    first = sample.images.copy()
    sample.count_spin.setValue(4)
    t.wait_until(lambda: sample.images is not None and len(sample.images) == 4, "4 samples")
    if not (sample.images == first[:4]).all():
        raise CheckFailed("the same seed gave different images")
    return f"dcgan: {len(first)} samples of {first.shape[1]}×{first.shape[2]}, reproducible from the seed"


CHECKS: list[tuple[str, Check]] = [
    ("window", check_window),
    ("preprocess", check_preprocess),
    ("torch", check_torch),
    ("train", check_train),
    ("classify", check_classify),
    ("recognise", check_recognise),
    ("generate", check_generate),
    ("explain", check_explain),
]
"""Run in this order; a later check may use what an earlier one made (model file, window)."""


# -- running --------------------------------------------------------------------------------------
def versions(app: Any) -> dict[str, Any]:
    """What the checks ran on (torch's versions only when torch imports)."""
    import cv2
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion

    from imgstudio import __version__

    info: dict[str, Any] = {
        "imgstudio": __version__,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "frozen": bool(getattr(sys, "frozen", False)),
        "qt": qVersion(),
        "pyside6": pyside_version,
        "qt_platform": app.platformName(),
        "opencv": cv2.__version__,
        "numpy": np.__version__,
    }
    try:
        from imgstudio.core.ml.device import torch_versions

        info.update({k.lower().replace(" ", "_"): v for k, v in torch_versions().items()})
    except Exception as exc:  # the report must come out even when torch is broken
        info["torch"] = f"unavailable: {exc}"
    return info


def _screenshot(t: SelfTest, name: str) -> None:
    if t.window is not None:
        t.window.grab().save(str(t.workdir / f"{name}.png"))


def run_self_test(
    keep: str | os.PathLike[str] | None = None,
    *,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    checks: list[tuple[str, Check]] | None = None,
    display: bool = False,
    progress: Callable[[CheckResult], None] | None = None,
) -> dict[str, Any]:
    """Run ``checks`` (default :data:`CHECKS`) and return the report.

    ``keep``: a folder for the run, the outputs and a screenshot after each check (kept);
    otherwise a temporary folder is removed at the end. ``display``: use the real screen.
    """
    if not display:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "imgstudio"])
    workdir = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="imgstudio-selftest-"))
    workdir.mkdir(parents=True, exist_ok=True)
    t = SelfTest(app, workdir, timeout_s)
    results: list[CheckResult] = []
    t.start_watching()
    try:
        for name, check in CHECKS if checks is None else checks:
            result = t.run_check(name, check)
            results.append(result)
            if keep:
                _screenshot(t, name)
            if progress is not None:
                progress(result)
    finally:
        _close(t)
        t.stop_watching()
        if not keep:
            shutil.rmtree(workdir, ignore_errors=True)
    return {
        "ok": bool(results) and all(r.ok for r in results),
        "checks": [asdict(r) for r in results],
        "versions": versions(app),
    }


def _close(t: SelfTest) -> None:
    """Stop what still runs (a timed-out training) and close the window without asking."""
    window = t.window
    if window is None:
        return
    window.train.stop_and_wait()
    window.close()
    window.deleteLater()
    t.app.processEvents()
    t.window = None


def format_result(result: CheckResult) -> str:
    """One line per check for people: PASS/FAIL, name, seconds, detail."""
    return f"{'PASS' if result.ok else 'FAIL'}  {result.name:<11} {result.seconds:7.2f} s  {result.detail}"
