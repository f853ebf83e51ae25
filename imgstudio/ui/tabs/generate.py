"""The Generate tab: train a DCGAN or VAE live, then turn random noise into images.

Train: the same engine and worker as the Train panel, with the generator's losses and its
fixed-noise samples refreshing as it learns. Sample: a grid from a seed, interpolation
between two samples, VAE reconstruction, saving. A finished run's model opens in Sample.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from imgstudio.core.settings import Settings
from imgstudio.ui.widgets.generate_train_page import GenerateTrainPage
from imgstudio.ui.widgets.sample_page import SamplePage


class GenerateTab(QWidget):
    """Train and Sample pages."""

    sigStatus = Signal(str)

    def __init__(self, settings: Settings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings or Settings()
        self.train_page = GenerateTrainPage(self.settings.runs_folder)
        self.sample_page = SamplePage()
        self.pages = QTabWidget()
        self.pages.addTab(self.train_page, self.tr("Train"))
        self.pages.addTab(self.sample_page, self.tr("Sample"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.pages)
        for page in (self.train_page, self.sample_page):
            page.sigStatus.connect(self.sigStatus)
        self.train_page.sigModelReady.connect(self.sample_page.load_model)

    def is_running(self) -> bool:
        return self.train_page.is_running()

    def shutdown(self) -> None:
        self.train_page.shutdown()
        self.sample_page.shutdown()
