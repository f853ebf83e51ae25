"""Augmentation preview: a grid of random draws of the pipeline on the current image."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from imgstudio.core.jobs import JobContext
from imgstudio.core.pipeline import Pipeline
from imgstudio.ui.widgets.qimage import to_qimage
from imgstudio.ui.workers import JobRunner

TILE = 200


def draw_samples(image: np.ndarray, scale: float, pipeline: Pipeline, seeds: list[int], ctx: JobContext) -> list:
    """One result (array or error text) per seed; runs in a worker."""
    out: list[np.ndarray | str] = []
    for i, seed in enumerate(seeds):
        ctx.check()
        try:
            out.append(pipeline.apply_scaled(image, scale, rng=np.random.default_rng(seed))[0])
        except ValueError as exc:
            out.append(str(exc))
        ctx.progress(i + 1, len(seeds))
    return out


class AugmentDialog(QDialog):
    """Shows N random draws; "New draws" picks new seeds."""

    def __init__(self, image: np.ndarray, scale: float, pipeline: Pipeline, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Augmentation preview"))
        self.image, self.scale, self.pipeline = image, scale, pipeline
        self.seed = 0
        self.runner: JobRunner | None = None
        self._runners: list[JobRunner] = []
        self.tiles: list[QLabel] = []
        self.count = QSpinBox()
        self.count.setRange(1, 64)
        self.count.setValue(12)
        self.count.setToolTip(self.tr("Number of random draws"))
        self.redraw = QPushButton(self.tr("New draws"))
        self.redraw.setToolTip(self.tr("Draw again with new random seeds"))
        self.redraw.clicked.connect(self.new_draws)
        self.count.valueChanged.connect(lambda _v: self.render())
        self.note = QLabel()
        self.note.setWordWrap(True)
        if not pipeline.is_random():
            self.note.setText(
                self.tr("No random ranges in this pipeline: every draw is the same. Use ± on a parameter to augment.")
            )
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Draws:")))
        top.addWidget(self.count)
        top.addWidget(self.redraw)
        top.addStretch(1)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid_host)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(scroll, 1)
        self.resize(4 * (TILE + 12) + 40, 3 * (TILE + 12) + 110)
        self.render()

    def new_draws(self) -> None:
        self.seed += 1000
        self.render()

    def render(self) -> JobRunner:
        if self.runner is not None:
            self.runner.cancel()
        seeds = [self.seed + i for i in range(self.count.value())]
        image, scale, pipeline = self.image, self.scale, self.pipeline
        runner = JobRunner(lambda ctx: draw_samples(image, scale, pipeline, seeds, ctx), self)
        runner.sigResult.connect(self._show)
        self.runner = runner
        self._runners.append(runner)
        runner.sigFinished.connect(lambda: self._runners.remove(runner) if runner in self._runners else None)
        runner.start()
        return runner

    def _show(self, results: list) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.tiles = []
        columns = 4
        for i, res in enumerate(results):
            tile = QLabel()
            tile.setFixedSize(TILE, TILE)
            tile.setAlignment(Qt.AlignmentFlag.AlignCenter)
            if isinstance(res, str):
                tile.setText(res)
                tile.setWordWrap(True)
            else:
                pix = QPixmap.fromImage(to_qimage(res))
                tile.setPixmap(
                    pix.scaled(
                        TILE, TILE, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
                    )
                )
                tile.setToolTip(self.tr("Seed {0}: {1}×{2}").format(self.seed + i, res.shape[1], res.shape[0]))
            self.grid.addWidget(tile, i // columns, i % columns)
            self.tiles.append(tile)

    def done(self, result: int) -> None:
        for runner in list(self._runners):
            runner.cancel()
            runner.wait()
        super().done(result)
