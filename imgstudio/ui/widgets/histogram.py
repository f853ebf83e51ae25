"""Per-channel histogram plot (pyqtgraph)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QWidget

_PENS = {1: ["#d0d0d0"], 3: ["#ff5050", "#50d050", "#5090ff"], 4: ["#ff5050", "#50d050", "#5090ff", "#a0a0a0"]}


class HistogramView(pg.PlotWidget):
    """Shows the histograms computed by :func:`channel_histograms`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self.setBackground("#26282c")
        self.setMinimumHeight(110)
        self.setMenuEnabled(False)
        self.setMouseEnabled(False, False)
        self.hideButtons()
        self.getPlotItem().hideAxis("left")
        self.getPlotItem().setLabel("bottom", self.tr("value"))
        self.setToolTip(self.tr("Histogram of the result, per channel"))
        self.curves: list[pg.PlotDataItem] = []

    def set_histograms(self, hist: np.ndarray | None) -> None:
        for curve in self.curves:
            self.removeItem(curve)
        self.curves = []
        if hist is None:
            return
        pens = _PENS.get(hist.shape[0], _PENS[3])
        x = np.arange(hist.shape[1] + 1)
        # a few spike bins (black borders, clipped highlights) would flatten everything else:
        # scale to the bulk of the distribution and clip the spikes
        peak = max(1.0, float(np.percentile(hist, 99)) * 1.25)
        for channel, pen in zip(hist, pens, strict=False):
            curve = self.plot(x, np.minimum(channel, peak), stepMode="center", pen=pg.mkPen(pen, width=1))
            self.curves.append(curve)
        self.setXRange(0, hist.shape[1], padding=0)
        self.setYRange(0, peak, padding=0)
