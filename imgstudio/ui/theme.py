"""Light and dark themes: the desktop's colour scheme or an explicit choice.

Qt's ``QStyleHints.setColorScheme`` asks the platform for a scheme, but the offscreen platform
and Linux desktops without a platform theme ignore it. So a dark scheme also gets the Fusion
style with an explicit dark palette, and an explicit light one Fusion's standard palette; the
system's light scheme keeps the platform's own style and palette. Standard icons drawn in dark
ink only (arrows, play, maximise) are drawn light while the palette is dark; those already
shown are swapped when the theme changes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QColor, QIcon, QImage, QPalette, QPixmap
from PySide6.QtWidgets import QAbstractButton, QApplication, QProxyStyle, QStyle, QStyleOption, QWidget

from imgstudio.ui.widgets.qimage import to_qimage

THEMES = ("system", "light", "dark")
"""The stored values of ``Settings.theme``."""

_SCHEMES = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}

_DARK_COLOURS = {
    QPalette.ColorRole.Window: "#2d2f33",
    QPalette.ColorRole.WindowText: "#e0e0e0",
    QPalette.ColorRole.Base: "#232428",
    QPalette.ColorRole.AlternateBase: "#2a2c30",
    QPalette.ColorRole.ToolTipBase: "#3a3d42",
    QPalette.ColorRole.ToolTipText: "#e0e0e0",
    QPalette.ColorRole.PlaceholderText: "#8a8d93",
    QPalette.ColorRole.Text: "#e0e0e0",
    QPalette.ColorRole.Button: "#35383d",
    QPalette.ColorRole.ButtonText: "#e0e0e0",
    QPalette.ColorRole.BrightText: "#ff6b6b",
    QPalette.ColorRole.Light: "#4a4d53",
    QPalette.ColorRole.Midlight: "#3e4146",
    QPalette.ColorRole.Mid: "#2a2c30",
    QPalette.ColorRole.Dark: "#1e1f22",
    QPalette.ColorRole.Shadow: "#121314",
    QPalette.ColorRole.Highlight: "#3d7bd9",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Accent: "#3d7bd9",
    QPalette.ColorRole.Link: "#4da3ff",
    QPalette.ColorRole.LinkVisited: "#b48ce6",
}
_DARK_DISABLED = {
    QPalette.ColorRole.WindowText: "#7c7f85",
    QPalette.ColorRole.Text: "#7c7f85",
    QPalette.ColorRole.ButtonText: "#7c7f85",
    QPalette.ColorRole.Highlight: "#4a4d53",
    QPalette.ColorRole.HighlightedText: "#a0a0a0",
}


@dataclass
class _Applied:
    theme: str = "system"
    native_style: str = ""
    """The style the platform started with, for the system's light scheme."""
    follows: QApplication | None = None
    """The application whose scheme signal is connected."""


_applied = _Applied()


def dark_palette() -> QPalette:
    """Fusion colours for a dark scheme, matching the plots' dark background."""
    palette = QPalette()
    for role, colour in _DARK_COLOURS.items():
        palette.setColor(role, QColor(colour))
    for role, colour in _DARK_DISABLED.items():
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(colour))
    return palette


def system_color_scheme(app: QApplication) -> Qt.ColorScheme:
    """The desktop's colour scheme (``Unknown`` where the platform does not say)."""
    return app.styleHints().colorScheme()


def current_theme() -> str:
    """The theme applied last ("system", "light" or "dark")."""
    return _applied.theme


def effective_scheme(app: QApplication, theme: str) -> Qt.ColorScheme:
    """Light or dark: what ``theme`` means now (an unknown system scheme counts as light)."""
    if theme == "system":
        return Qt.ColorScheme.Dark if system_color_scheme(app) == Qt.ColorScheme.Dark else Qt.ColorScheme.Light
    return _SCHEMES[theme]


def apply_theme(app: QApplication, theme: str) -> Qt.ColorScheme:
    """Show ``app`` in ``theme`` (an unknown value means "system"); returns the scheme used.

    With "system" the theme follows later changes of the desktop's scheme too.
    """
    theme = theme if theme in THEMES else "system"
    if not _applied.native_style:
        _applied.native_style = app.style().name()
    _follow_system(app)
    _applied.theme = theme
    hints = app.styleHints()
    if theme == "system":
        hints.unsetColorScheme()
    else:
        hints.setColorScheme(_SCHEMES[theme])
    return _paint(app, theme)


def _paint(app: QApplication, theme: str) -> Qt.ColorScheme:
    scheme = effective_scheme(app, theme)
    if scheme == Qt.ColorScheme.Dark:
        _set_style(app, "fusion")
        app.setPalette(dark_palette())
    elif theme == "light":
        _set_style(app, "fusion")
        app.setPalette(app.style().standardPalette())
    else:  # the system's light scheme: the platform's own look
        _set_style(app, _applied.native_style)
        app.setPalette(QPalette())
    _refresh_ink_icons(app)
    return scheme


def _set_style(app: QApplication, name: str) -> None:
    current = app.style()
    if not (isinstance(current, ThemedStyle) and current.baseStyle().name().lower() == name.lower()):
        app.setStyle(ThemedStyle(name))


def palette_is_dark() -> bool:
    """Whether the application's window colour is dark."""
    return QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


class ThemedStyle(QProxyStyle):
    """The style ``name`` (Fusion or the platform's) whose dark-ink standard icons are drawn light
    while the palette is dark."""

    def standardIcon(
        self, standard: QStyle.StandardPixmap, option: QStyleOption | None = None, widget: QWidget | None = None
    ) -> QIcon:
        icon = super().standardIcon(standard, option, widget)
        if not _dark_ink_only(icon):
            return icon
        if palette_is_dark():
            icon = _inverted_icon(icon)
        _ink_icons[icon.cacheKey()] = standard
        return icon


_ink_icons: dict[int, QStyle.StandardPixmap] = {}
"""``cacheKey()`` of each dark-ink standard icon handed out -> which one, to redo it for a new theme."""


def _refresh_ink_icons(app: QApplication) -> None:
    """Give actions and buttons that show a dark-ink standard icon the one for the current palette."""
    style = app.style()
    for top in app.topLevelWidgets():
        for holder in [*top.findChildren(QAction), *top.findChildren(QAbstractButton)]:
            standard = _ink_icons.get(holder.icon().cacheKey())
            if standard is not None:
                holder.setIcon(style.standardIcon(standard))


def _inverted_icon(icon: QIcon) -> QIcon:
    out = QIcon()
    for size in icon.availableSizes() or [QSize(16, 16), QSize(32, 32)]:
        out.addPixmap(_inverted(icon.pixmap(size)))
    return out


def _rgba(pixmap: QPixmap) -> np.ndarray:
    image = pixmap.toImage().convertToFormat(QImage.Format.Format_RGBA8888)
    rows = np.frombuffer(image.constBits(), np.uint8, count=image.sizeInBytes()).reshape(image.height(), -1)
    return rows[:, : image.width() * 4].reshape(image.height(), image.width(), 4).copy()


def _dark_ink_only(icon: QIcon) -> bool:
    """Whether every visible pixel of ``icon`` is dark (the icon would vanish on a dark palette)."""
    rgba = _rgba(icon.pixmap(32))
    ink = rgba[..., 3] > 32
    return bool(ink.any()) and int(rgba[ink][:, :3].max()) < 100


def _inverted(pixmap: QPixmap) -> QPixmap:
    rgba = _rgba(pixmap)
    rgba[..., :3] = 255 - rgba[..., :3]
    out = QPixmap.fromImage(to_qimage(rgba))
    out.setDevicePixelRatio(pixmap.devicePixelRatio())
    return out


def _follow_system(app: QApplication) -> None:
    """Re-apply the "system" theme when the desktop switches between light and dark."""
    if _applied.follows is app:
        return
    app.styleHints().colorSchemeChanged.connect(lambda _scheme: _on_system_scheme_changed(app))
    _applied.follows = app


def _on_system_scheme_changed(app: QApplication) -> None:
    if current_theme() == "system":
        _paint(app, "system")
