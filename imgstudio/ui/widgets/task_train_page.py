"""A compact train page for one task (generate, detect): the task's form, Start/Pause/Stop,
progress, status and live curves, driving the same engine and worker as the Train panel
(:class:`TrainingSession`). Subclasses give the form, the configuration and what to show
beside the curves."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from imgstudio.core.ml.config import ConfigError, TrainConfig
from imgstudio.ui.messages import StatusWarnings
from imgstudio.ui.training import TrainingSession

CURVE_COLOURS = ("#4da3ff", "#ff9f40", "#7ddc6f", "#e86bd8")
SHUTDOWN_WAIT_MS = 600_000
"""How long closing waits for a stopped run to finish its step (a big detector's CPU validation
batch can take a while); the engine checks for stop before every batch."""


def run_status_text(status: str) -> str:
    """How the engine says a run ended ("finished", "stopped", ...), in the interface language
    (the Train tab registers these words for translation)."""
    return QCoreApplication.translate("TrainTab", status)


class MetricCurves(pg.PlotWidget):
    """Whatever metrics a task reports (GAN: d_loss, g_loss; VAE: loss, recon, kl; detector:
    loss, or val_map50 per epoch), one curve each, against ``x_key`` ("step" or "epoch")."""

    def __init__(self, x_key: str = "step", title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.x_key = x_key
        self.setBackground("#26282c")
        self.setMenuEnabled(False)
        self.addLegend(offset=(-10, 10) if x_key == "step" else (-10, -10))  # scores rise: legend below
        self.showGrid(x=True, y=True, alpha=0.2)
        self.setLabel("bottom", self.tr("step") if x_key == "step" else self.tr("epoch"))
        if title:
            self.setTitle(title, color="#e0e0e0", size="10pt")
        self.curves: dict[str, tuple[pg.PlotDataItem, list[float], list[float]]] = {}
        self.keys: tuple[str, ...] = ()

    def reset(self, keys: tuple[str, ...]) -> None:
        self.clear()
        self.curves = {}
        self.keys = keys
        for key, colour in zip(keys, CURVE_COLOURS, strict=False):
            pen = pg.mkPen(colour, width=1.5)
            symbol = None if self.x_key == "step" else "o"
            item = self.plot([], [], pen=pen, name=key, symbol=symbol, symbolSize=6, symbolBrush=colour)
            self.curves[key] = (item, [], [])

    def add_points(self, points: list[dict[str, Any]]) -> None:
        for key, (item, xs, ys) in self.curves.items():
            for p in points:
                if key in p and self.x_key in p:
                    xs.append(float(p[self.x_key]))
                    ys.append(float(p[key]))
            item.setData(xs, ys)

    def point_count(self, key: str) -> int:
        return len(self.curves[key][1]) if key in self.curves else 0


class TaskTrainPage(StatusWarnings, QWidget):
    """The form on the left, Start/Pause/Stop under it; progress, status and curves on the right.

    Subclasses implement :meth:`config` and call :meth:`_build` with their form rows, any
    widgets to put under the buttons and a widget to put right of the curves.
    """

    sigStatus = Signal(str)
    sigModelReady = Signal(str)
    """A run ended with a model file (its path)."""

    DEFAULT_CURVES: tuple[str, ...] = ("loss",)

    def __init__(self, runs_root: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runs_root = runs_root
        self.session: TrainingSession | None = None
        self.run_dir = ""
        self.model_file = ""
        self.total_steps = 1
        self.start_button = QPushButton(self.tr("Start"))
        self.start_button.setToolTip(self.tr("Train with these settings in a new run folder, drawing the curves live"))
        self.start_button.clicked.connect(self.start)
        self.pause_button = QPushButton(self.tr("Pause"))
        self.pause_button.setCheckable(True)
        self.pause_button.setToolTip(self.tr("Pause after the current step; click again to resume"))
        self.pause_button.toggled.connect(self._on_pause)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Stop after this step; what was learnt is saved"))
        self.stop_button.clicked.connect(self.stop)
        self.progress = QProgressBar()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.warning = QLabel()
        self.warning.setStyleSheet("color: #d9822b")
        self.warning.setWordWrap(True)
        self.curves = MetricCurves()

    def _build(self, form: QFormLayout, under_buttons: list[QWidget], beside_curves: QWidget | None) -> None:
        buttons = QHBoxLayout()
        for button in (self.start_button, self.pause_button, self.stop_button):
            buttons.addWidget(button)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addLayout(buttons)
        for widget in under_buttons:
            left.addWidget(widget)
        left.addStretch(1)
        middle = QVBoxLayout()
        for widget in (self.progress, self.status, self.warning):
            middle.addWidget(widget)
        middle.addWidget(self.curves, 1)
        right = QHBoxLayout()
        right.addLayout(middle, 1)
        if beside_curves is not None:
            right.addWidget(beside_curves, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left)
        layout.addLayout(right, 1)
        self._update_buttons()

    def config(self) -> TrainConfig:
        """The run the form describes, with a new run folder (raises ConfigError)."""
        raise NotImplementedError

    # -- the run ---------------------------------------------------------------------------------
    def start(self) -> TrainingSession | None:
        if self.is_running():
            return None
        try:
            config = self.config()
        except (ConfigError, ValueError) as exc:  # DataError is a ValueError
            self._warn(self.tr("Cannot start"), str(exc))
            return None
        self.run_dir = config.out
        self.model_file = ""
        session = self.session = TrainingSession(config, parent=self)
        session.sigStarted.connect(self._on_started)
        session.sigSteps.connect(self._on_steps)
        session.sigEpoch.connect(self._on_epoch)
        session.sigFinished.connect(self._on_finished)
        session.sigFailed.connect(self._on_failed)
        self._connect(session)
        self.warning.clear()
        self.status.setText(self.tr("Loading the data and building the model…"))
        self.progress.setRange(0, 0)
        session.start()
        self._update_buttons()
        return session

    def _connect(self, session: TrainingSession) -> None:
        """Connect a subclass's extra handlers to a new session."""

    def is_running(self) -> bool:
        return self.session is not None and self.session.is_running()

    def stop(self) -> None:
        if self.session is not None:
            self.session.stop()

    def _on_pause(self, paused: bool) -> None:
        if self.session is None:
            return
        if paused:
            self.session.pause()
            self.status.setText(self.tr("Paused"))
        else:
            self.session.resume_training()

    def _on_started(self, info: dict[str, Any]) -> None:
        self.total_steps = max(1, info["steps_per_epoch"] * info["epochs"])
        self.progress.setRange(0, self.total_steps)
        keys = tuple(info.get("step_metrics") or ())
        self.curves.reset(keys or self.DEFAULT_CURVES)
        self.status.setText(
            self.tr("{0} on {1}: {2} images, {3} steps per epoch").format(
                info["model"], info["device"], info["train_size"], info["steps_per_epoch"]
            )
        )
        if info.get("note"):
            self.warning.setText(str(info["note"]))

    def _on_steps(self, steps: list[dict[str, Any]]) -> None:
        self.curves.add_points(steps)
        last = steps[-1]
        self.progress.setValue(int(last["step"]))
        shown = "  ".join(f"{k} {last[k]:.3f}" for k in self.curves.keys if k in last)
        self.status.setText(self.tr("Epoch {0} · step {1} · {2}").format(last["epoch"], last["step"], shown))

    def _on_epoch(self, metrics: dict[str, Any]) -> None:
        if metrics.get("warning"):
            self.warning.setText(str(metrics["warning"]))

    def _on_finished(self, summary: dict[str, Any]) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        status = run_status_text(str(summary.get("status", "")))
        self.status.setText(self.tr("{0}: {1} steps").format(status, summary.get("steps", 0)))
        if summary.get("warning"):
            self.warning.setText(str(summary["warning"]))
        saved = [summary.get(key) for key in ("best_model", "last_model")]
        self.model_file = next((str(p) for p in saved if p and Path(p).is_file()), "")
        self._update_buttons()
        if self.model_file:
            self.sigModelReady.emit(self.model_file)
        self.sigStatus.emit(self.tr("Training {0}").format(status))

    def _on_failed(self, message: str) -> None:
        self.progress.setRange(0, 1)
        self.status.setText(self.tr("Training failed: {0}").format(message))
        self._update_buttons()
        self._warn(self.tr("Training failed"), message)

    def _update_buttons(self) -> None:
        running = self.is_running()
        self.start_button.setEnabled(not running)
        self.pause_button.setEnabled(running)
        self.stop_button.setEnabled(running)
        if not running:
            self.pause_button.setChecked(False)

    def shutdown(self) -> None:
        if self.session is not None and self.session.is_running():
            self.session.stop()
            self.session.wait(SHUTDOWN_WAIT_MS)
