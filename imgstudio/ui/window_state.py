"""The main window's remembered layout: geometry, the current tab and every tab's splitters.

Each splitter is stored under "<tab class>/<index>", the index in the tab's
``findChildren(QSplitter)`` order, as base64 of ``QSplitter.saveState()``. A stored value that
is malformed or does not fit the splitter any more is ignored.
"""

from __future__ import annotations

import base64
import binascii
import json

from PySide6.QtCore import QByteArray, QDataStream, Qt
from PySide6.QtWidgets import QMainWindow, QSplitter, QTabWidget

from imgstudio.core.settings import Settings

SPLITTER_MAGIC = 0xFF
"""The first number of a ``QSplitter.saveState()``."""


def tab_splitters(tabs: QTabWidget) -> dict[str, QSplitter]:
    """Every splitter of every tab, by its storage key."""
    found: dict[str, QSplitter] = {}
    for index in range(tabs.count()):
        tab = tabs.widget(index)
        for number, splitter in enumerate(tab.findChildren(QSplitter)):
            found[f"{type(tab).__name__}/{number}"] = splitter
    return found


def save_window_state(window: QMainWindow, tabs: QTabWidget, settings: Settings) -> None:
    """Put the window's geometry, current tab and splitter positions into ``settings``."""
    settings.window_geometry = _to_base64(window.saveGeometry())
    settings.current_tab = tabs.currentIndex()
    states = {key: _to_base64(splitter.saveState()) for key, splitter in tab_splitters(tabs).items()}
    settings.splitter_states = json.dumps(states, sort_keys=True)


def restore_window_state(window: QMainWindow, tabs: QTabWidget, settings: Settings) -> None:
    """Apply what :func:`save_window_state` stored, skipping whatever does not fit."""
    geometry = _from_base64(settings.window_geometry)
    if geometry is not None:
        window.restoreGeometry(geometry)
    splitters = tab_splitters(tabs)
    for key, state in _stored_states(settings.splitter_states).items():
        if key in splitters:
            restore_splitter(splitters[key], state)
    if 0 <= settings.current_tab < tabs.count():
        tabs.setCurrentIndex(settings.current_tab)


def restore_splitter(splitter: QSplitter, state: QByteArray) -> bool:
    """Restore ``state`` if it has one size per child; returns whether it did.

    A child hidden when saved was stored with size 0, which would keep it collapsed when it is
    shown later, so a child hidden now gets its size hint instead.
    """
    sizes = stored_sizes(state)
    if sizes is None or len(sizes) != splitter.count() or not splitter.restoreState(state):
        return False
    if any(size == 0 and splitter.widget(i).isHidden() for i, size in enumerate(sizes)):
        splitter.setSizes([_hidden_size(splitter, i) if size == 0 else size for i, size in enumerate(sizes)])
    return True


def stored_sizes(state: QByteArray) -> list[int] | None:
    """The child sizes in a ``QSplitter.saveState()``, or None when it is not one."""
    stream = QDataStream(state)
    stream.setVersion(QDataStream.Version.Qt_5_0)  # what QSplitter writes with
    if stream.readInt32() != SPLITTER_MAGIC:
        return None
    stream.readInt32()  # the format version
    sizes = [stream.readInt32() for _ in range(max(0, min(stream.readInt32(), 1000)))]
    return sizes if stream.status() == QDataStream.Status.Ok else None


def _hidden_size(splitter: QSplitter, index: int) -> int:
    widget = splitter.widget(index)
    if not widget.isHidden():
        return 0
    hint = widget.sizeHint()
    return max(1, hint.width() if splitter.orientation() == Qt.Orientation.Horizontal else hint.height())


def _stored_states(text: str) -> dict[str, QByteArray]:
    try:
        data = json.loads(text) if text else {}
    except json.JSONDecodeError:
        return {}
    if not isinstance(data, dict):
        return {}
    states = {str(key): _from_base64(value) for key, value in data.items()}
    return {key: state for key, state in states.items() if state is not None}


def _to_base64(data: QByteArray) -> str:
    return base64.b64encode(data.data()).decode("ascii")


def _from_base64(text: object) -> QByteArray | None:
    if not isinstance(text, str) or not text:
        return None
    try:
        return QByteArray(base64.b64decode(text, validate=True))
    except (binascii.Error, ValueError):
        return None
