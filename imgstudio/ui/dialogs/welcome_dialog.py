"""Help → Welcome: what imgstudio does and two ways to begin; shown by itself on the first start."""

from __future__ import annotations

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from imgstudio.core.settings import Settings, SettingsBackend


class WelcomeDialog(QDialog):
    """The buttons ask the main window for the instructor's demo or the open dialog, then close."""

    sigArticleDemo = Signal()
    sigOpenImage = Signal()

    def __init__(self, settings: Settings, backend: SettingsBackend | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.backend = backend
        self.setWindowTitle(self.tr("Welcome to imgstudio"))
        title = QLabel(self.tr("<h2>Welcome to imgstudio</h2>"))
        text = QLabel(
            self.tr(
                "imgstudio prepares images and trains, tests and explains neural networks on them, "
                "without writing code. The <b>Preprocess</b> tab opens on a sample photo: add operations "
                "on the right and compare the result with the original. The other tabs train, classify, "
                "recognise, generate and explain."
            )
        )
        text.setWordWrap(True)
        self.demo_button = QPushButton(self.tr("Instructor demo: the article's CNN on shapes"))
        self.demo_button.setToolTip(self.tr("Fill in the Train tab with the article's CNN on the built-in shapes"))
        self.demo_button.setDefault(True)
        self.demo_button.clicked.connect(lambda: self._close_then(self.sigArticleDemo))
        self.open_button = QPushButton(self.tr("Open an image…"))
        self.open_button.setToolTip(self.tr("Choose an image of your own to open in the Preprocess tab"))
        self.open_button.clicked.connect(lambda: self._close_then(self.sigOpenImage))
        self.show_at_start = QCheckBox(self.tr("Show at start-up"))
        self.show_at_start.setChecked(settings.welcome_at_start)
        self.show_at_start.setToolTip(
            self.tr("Show this window the next time imgstudio starts; Help → Welcome… opens it at any time")
        )
        self.show_at_start.toggled.connect(self._remember_show_at_start)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        actions = QHBoxLayout()
        actions.addWidget(self.demo_button)
        actions.addWidget(self.open_button)
        actions.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.show_at_start)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addSpacing(8)
        layout.addLayout(actions)
        layout.addSpacing(8)
        layout.addLayout(bottom)
        self.setMinimumWidth(560)

    def _close_then(self, signal: SignalInstance) -> None:
        self.accept()
        signal.emit()

    def _remember_show_at_start(self, show: bool) -> None:
        self.settings.welcome_at_start = show
        if self.backend is not None:
            self.backend.set_value("welcome_at_start", show)
