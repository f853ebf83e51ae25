"""Preferences: the limits that protect memory and keep the preview fast, the language and the theme."""

from __future__ import annotations

from typing import cast

from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from imgstudio.core.settings import Settings
from imgstudio.ui.language import available_languages, choose_language
from imgstudio.ui.theme import apply_theme


class PreferencesDialog(QDialog):
    """Edits :class:`Settings` in place when accepted. A theme shows at once; Cancel restores the old one."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self.settings = settings
        self.max_megapixels = QDoubleSpinBox()
        self.max_megapixels.setRange(1.0, 5000.0)
        self.max_megapixels.setDecimals(0)
        self.max_megapixels.setSuffix(" MP")
        self.max_megapixels.setValue(settings.max_image_pixels / 1e6)
        self.max_megapixels.setToolTip(
            self.tr("Images with more pixels are refused before decoding (protects against decompression bombs)")
        )
        self.proxy_megapixels = QDoubleSpinBox()
        self.proxy_megapixels.setRange(0.2, 16.0)
        self.proxy_megapixels.setSingleStep(0.1)
        self.proxy_megapixels.setSuffix(" MP")
        self.proxy_megapixels.setValue(settings.proxy_max_pixels / 1e6)
        self.proxy_megapixels.setToolTip(
            self.tr("While a slider moves, the preview renders a copy of the image downscaled to this size")
        )
        self.language_combo = QComboBox()
        languages = available_languages()
        self.language_combo.addItem(self.tr("System default ({0})").format(languages[choose_language("")]), "")
        for code, name in languages.items():
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(settings.language)))
        self.language_combo.setToolTip(self.tr("The interface language; applied when imgstudio starts again"))
        self.theme_combo = self._build_theme_combo(settings.theme)
        form = QFormLayout()
        form.addRow(self.tr("Largest image to open"), self.max_megapixels)
        form.addRow(self.tr("Live preview size"), self.proxy_megapixels)
        form.addRow(self.tr("Language"), self.language_combo)
        form.addRow(self.tr("Theme"), self.theme_combo)
        note = QLabel(self.tr("Changes apply to images opened from now on; a new language on restart."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def _build_theme_combo(self, current: str) -> QComboBox:
        combo = QComboBox()
        for name, text in (("system", self.tr("System")), ("light", self.tr("Light")), ("dark", self.tr("Dark"))):
            combo.addItem(text, name)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.setToolTip(self.tr("Light or dark colours; System follows the desktop. Shown at once"))
        combo.currentIndexChanged.connect(lambda: self._show_theme(str(combo.currentData())))
        return combo

    @staticmethod
    def _show_theme(theme: str) -> None:
        apply_theme(cast(QApplication, QApplication.instance()), theme)

    def accept(self) -> None:
        self.settings.max_image_pixels = int(self.max_megapixels.value() * 1e6)
        self.settings.proxy_max_pixels = int(self.proxy_megapixels.value() * 1e6)
        self.settings.language = str(self.language_combo.currentData())
        self.settings.theme = str(self.theme_combo.currentData())
        super().accept()

    def reject(self) -> None:
        if self.theme_combo.currentData() != self.settings.theme:
            self._show_theme(self.settings.theme)
        super().reject()
