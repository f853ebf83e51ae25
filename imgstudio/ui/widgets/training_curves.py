"""Live training curves (pyqtgraph): loss, accuracy and learning rate against epochs.

Step values are drawn thin and faint (with a smoothed line over them), epoch values of
training and validation as lines with markers. Another run can be overlaid, dashed, for
comparison. The x axis is in epochs (a step is a fraction of one).

The axes do not auto-range: x spans the run's epochs from the start and y only grows
when a value leaves it. Re-laying out and repainting pyqtgraph's axes on every update
is what costs the GUI thread most (tens of ms per plot on a slow CPU), so an axis that
does not change keeps its cached drawing.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

BACKGROUND = "#26282c"
TRAIN_COLOUR = "#4da3ff"
VAL_COLOUR = "#ffa040"
LR_COLOUR = "#8fd18f"
OVERLAY_COLOUR = "#b0b0b0"
SMOOTHING = 0.9
"""Weight of the past in the exponential moving average of step values."""


class _Series:
    """Growing x/y arrays behind one curve; with ``smoothing``, y is the bias-corrected
    exponential moving average of the values (as TensorBoard draws it), kept incrementally."""

    def __init__(self, item: pg.PlotDataItem, smoothing: float = 0.0) -> None:
        self.item = item
        self.smoothing = smoothing
        self.clear()

    def extend(self, xs: list[float], ys: list[float]) -> None:
        self.x += xs
        if not self.smoothing:
            self.y += ys
            return
        w = self.smoothing
        for v in ys:
            self._avg = w * self._avg + (1 - w) * float(v)
            self._n += 1
            self.y.append(self._avg / (1 - w**self._n))

    def show(self) -> None:
        self.item.setData(np.asarray(self.x, float), np.asarray(self.y, float))

    def clear(self) -> None:
        self.x: list[float] = []
        self.y: list[float] = []
        self._avg, self._n = 0.0, 0
        self.item.setData([], [])


def _plot(title: str, y_label: str, x_label: str) -> pg.PlotWidget:
    plot = pg.PlotWidget()
    plot.setBackground(BACKGROUND)
    plot.setMenuEnabled(False)
    plot.showGrid(x=True, y=True, alpha=0.2)
    plot.setTitle(title, color="#e0e0e0", size="10pt")
    plot.setLabel("left", y_label)
    plot.setLabel("bottom", x_label)
    plot.addLegend(offset=(-10, 10), labelTextSize="8pt")
    plot.setMinimumHeight(150)
    plot.getViewBox().disableAutoRange()
    return plot


class TrainingCurves(QWidget):
    """Three linked plots: loss, accuracy, learning rate."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        epochs = self.tr("epoch")
        self.loss_plot = _plot(self.tr("Loss"), self.tr("cross-entropy"), epochs)
        self.accuracy_plot = _plot(self.tr("Accuracy"), self.tr("fraction correct"), epochs)
        self.accuracy_plot.setYRange(0, 1, padding=0.02)
        self.lr_plot = _plot(self.tr("Learning rate"), self.tr("lr"), epochs)
        for plot in (self.accuracy_plot, self.lr_plot):
            plot.setXLink(self.loss_plot)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.loss_plot, 3)
        layout.addWidget(self.accuracy_plot, 3)
        layout.addWidget(self.lr_plot, 2)
        self.series: dict[str, _Series] = {}
        self.overlays: list[tuple[pg.PlotWidget, pg.PlotDataItem]] = []
        thin, bold = pg.mkPen(TRAIN_COLOUR, width=1.5), pg.mkPen(TRAIN_COLOUR, width=2.5)
        val = pg.mkPen(VAL_COLOUR, width=2.5)
        steps, epoch, validation = self.tr("train (steps)"), self.tr("train (epoch)"), self.tr("validation")
        self._add("step_loss", self.loss_plot, pg.mkPen(TRAIN_COLOUR + "40", width=1), None)
        self._add("step_loss_smooth", self.loss_plot, thin, steps)
        self._add("train_loss", self.loss_plot, bold, epoch, "o")
        self._add("val_loss", self.loss_plot, val, validation, "o")
        self._add("step_accuracy_smooth", self.accuracy_plot, thin, steps)
        self._add("train_accuracy", self.accuracy_plot, bold, epoch, "o")
        self._add("val_accuracy", self.accuracy_plot, val, validation, "o")
        self._add("lr", self.lr_plot, pg.mkPen(LR_COLOUR, width=1.5), None)
        self.steps_per_epoch = 1
        self.epochs = 1
        self._y_top: dict[pg.PlotWidget, float] = {}
        self.setToolTip(self.tr("Mouse wheel zooms, drag pans; right-click a plot's corner 'A' to fit again"))

    def _add(self, key: str, plot: pg.PlotWidget, pen: Any, name: str | None, symbol: str | None = None) -> None:
        item = plot.plot([], [], pen=pen, name=name, symbol=symbol, symbolSize=6, symbolBrush=pen.color())
        if symbol is None:
            item.setClipToView(True)
            item.setDownsampling(auto=True, method="peak")
        self.series[key] = _Series(item, SMOOTHING if key.endswith("_smooth") else 0.0)

    # -- data --------------------------------------------------------------------------------
    def reset(self, steps_per_epoch: int, epochs: int = 1) -> None:
        """Clear this run's curves (overlays stay); x spans ``epochs``."""
        self.steps_per_epoch = max(1, steps_per_epoch)
        self.epochs = max(1, epochs)
        for series in self.series.values():
            series.clear()
        self._y_top = {}
        self._fit_x(self.epochs)

    def _fit_x(self, epochs: float) -> None:
        self.loss_plot.setXRange(0, epochs, padding=0.02)  # the other plots are linked to it

    def _fit_y(self, plot: pg.PlotWidget, values: list[float]) -> None:
        """Grow the y range (from 0) when a value goes past its top."""
        finite = [v for v in values if np.isfinite(v)]
        if not finite or plot is self.accuracy_plot:
            return
        top = max(finite)
        if top > self._y_top.get(plot, 0.0):
            self._y_top[plot] = top * 1.15
            plot.setYRange(0, self._y_top[plot], padding=0)

    def add_steps(self, steps: list[dict[str, Any]]) -> None:
        """Append step metrics (``step`` counts from 1 over the whole run)."""
        if not steps:
            return
        xs = [s["step"] / self.steps_per_epoch for s in steps]
        losses = [s["loss"] for s in steps]
        for key, values in (
            ("step_loss", losses),
            ("step_loss_smooth", losses),
            ("step_accuracy_smooth", [s["accuracy"] for s in steps]),
            ("lr", [s["lr"] for s in steps]),
        ):
            self.series[key].extend(xs, values)
            self.series[key].show()
        self._fit_y(self.loss_plot, losses)
        self._fit_y(self.lr_plot, [s["lr"] for s in steps])

    def add_epoch(self, metrics: dict[str, Any]) -> None:
        epoch = float(metrics["epoch"])
        for key in ("train_loss", "val_loss", "train_accuracy", "val_accuracy"):
            if key in metrics:
                self.series[key].extend([epoch], [float(metrics[key])])
                self.series[key].show()
        self._fit_y(self.loss_plot, [float(metrics[k]) for k in ("train_loss", "val_loss") if k in metrics])

    def point_count(self, key: str) -> int:
        """How many points the curve ``key`` shows (for tests and the status line)."""
        return len(self.series[key].x)

    # -- comparison ------------------------------------------------------------------------
    def set_overlay(self, name: str, epochs: list[dict[str, Any]]) -> None:
        """Draw another run's epoch curves dashed (replacing any previous overlay)."""
        self.clear_overlay()
        pen = pg.mkPen(OVERLAY_COLOUR, width=1.5, style=Qt.PenStyle.DashLine)
        val_pen = pg.mkPen(OVERLAY_COLOUR, width=1.5, style=Qt.PenStyle.DotLine)
        x = [float(m["epoch"]) for m in epochs]
        for plot, key in ((self.loss_plot, "loss"), (self.accuracy_plot, "accuracy")):
            for prefix, p, shown in (("train", pen, self.tr("train")), ("val", val_pen, self.tr("val"))):
                y = [float(m.get(f"{prefix}_{key}", np.nan)) for m in epochs]
                item = plot.plot(x, y, pen=p, name=f"{name} {shown}", symbol="x", symbolSize=5)
                self.overlays.append((plot, item))
                if plot is self.loss_plot:
                    self._fit_y(plot, y)
        if x and max(x) > self.epochs:
            self._fit_x(max(x))

    def clear_overlay(self) -> None:
        for plot, item in self.overlays:
            plot.removeItem(item)  # the legend entry goes with it
        self.overlays = []
