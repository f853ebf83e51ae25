"""Every input control of every tab and of the dialogs has a tooltip.

Qt's own parts of a control (a spin box's line edit, a tab bar's scroll buttons, a table's corner
button, a line edit's clear button), pyqtgraph's widgets and the plain OK/Cancel/Close buttons of a
button box are not the app's controls and are skipped. A toolbar button made for an action shows the
action's tooltip, so the action is checked instead.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialogButtonBox,
    QLineEdit,
    QScrollBar,
    QSlider,
    QTabBar,
    QToolBar,
    QToolButton,
    QWidget,
)

CONTROLS = (QAbstractButton, QComboBox, QAbstractSpinBox, QLineEdit, QSlider)
QT_PARTS_OF = (QAbstractSpinBox, QComboBox, QTabBar, QScrollBar, QLineEdit)


def _chain(widget: QWidget) -> list[QWidget]:
    """``widget`` and its parents, innermost first."""
    chain = []
    while widget is not None:
        chain.append(widget)
        widget = widget.parentWidget()
    return chain


def _from_pyqtgraph(widget: QWidget) -> bool:
    return any(type(w).__module__.startswith("pyqtgraph") for w in _chain(widget))


def _standard_dialog_button(widget: QWidget) -> bool:
    box = widget.parentWidget()
    return isinstance(box, QDialogButtonBox) and box.standardButton(widget) != QDialogButtonBox.StandardButton.NoButton


def _is_app_control(widget: QWidget) -> bool:
    if not isinstance(widget, CONTROLS) or widget.objectName().startswith("qt_"):
        return False
    parent = widget.parentWidget()
    if isinstance(parent, QT_PARTS_OF) or _from_pyqtgraph(widget):
        return False
    return not _standard_dialog_button(widget)


def _has_tooltip(widget: QWidget) -> bool:
    if isinstance(widget, QToolButton) and isinstance(widget.parentWidget(), QToolBar):
        action = widget.defaultAction()
        if action is not None:
            return bool(action.toolTip().strip() or action.text().strip())
    return bool(widget.toolTip().strip())


def _describe(widget: QWidget) -> str:
    text = ""
    if isinstance(widget, QAbstractButton):
        text = widget.text()
    elif isinstance(widget, QComboBox):
        text = widget.currentText()
    elif isinstance(widget, QLineEdit):
        text = widget.placeholderText() or widget.text()
    elif isinstance(widget, QAbstractSpinBox):
        text = widget.text()
    name = f" #{widget.objectName()}" if widget.objectName() else ""
    parents = " < ".join(type(w).__name__ for w in _chain(widget)[1:])
    return f"{type(widget).__name__}{name} {text!r} in {parents}"


def _missing_tooltips(root: QWidget) -> list[str]:
    return [_describe(w) for w in root.findChildren(QWidget) if _is_app_control(w) and not _has_tooltip(w)]


def _assert_none_missing(missing: list[str]) -> None:
    assert not missing, f"{len(missing)} control(s) without a tooltip:\n" + "\n".join(f"  - {m}" for m in missing)


def test_the_audit_finds_a_control_without_a_tooltip(qtbot):
    from PySide6.QtWidgets import QPushButton, QSpinBox, QVBoxLayout

    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    bare, spin, tipped = QPushButton("Bare"), QSpinBox(), QPushButton("Tipped")
    tipped.setToolTip("Has one")
    for widget in (bare, spin, tipped):
        layout.addWidget(widget)
    missing = _missing_tooltips(root)
    assert len(missing) == 2  # the spin box's own line edit is Qt's, not the app's
    assert "QPushButton 'Bare' in QWidget" in missing[0] and missing[1].startswith("QSpinBox")


@pytest.fixture(autouse=True)
def runs_home(tmp_path, monkeypatch):
    monkeypatch.setenv("IMGSTUDIO_HOME", str(tmp_path / "home"))  # the Train tab lists runs when shown


def test_every_control_of_every_tab_has_a_tooltip(window):
    missing = []
    for index in range(window.tabs.count()):
        tab = window.tabs.widget(index)
        missing += [f"[{window.tabs.tabText(index)}] {m}" for m in _missing_tooltips(tab)]
    _assert_none_missing(missing)


def test_every_operations_parameter_controls_have_tooltips(qtbot):
    """The parameter form is built for the selected step: select a step of every operation."""
    from imgstudio.core.ops import OPS
    from imgstudio.ui.widgets.pipeline_editor import PipelineEditor

    editor = PipelineEditor()
    qtbot.addWidget(editor)
    missing = []
    for op in OPS:
        editor.add_step(op)
        assert editor._controls or not OPS[op].params, op  # the form shows this step's parameters
        missing += [f"[{op}] {m}" for m in _missing_tooltips(editor)]
    _assert_none_missing(missing)


def test_every_detectors_settings_have_tooltips(qtbot):
    from imgstudio.core.ml.detection.classical import classical_detectors
    from imgstudio.ui.widgets.detector_form import DetectorForm

    form = DetectorForm()
    qtbot.addWidget(form)
    missing = []
    for name in classical_detectors():
        form.set_detector(name)
        missing += [f"[{name}] {m}" for m in _missing_tooltips(form)]
    _assert_none_missing(missing)


DIALOGS = {
    "preferences": lambda window: window.show_preferences(),
    "about": lambda window: window.show_about(),
    "shortcuts": lambda window: window.show_shortcuts(),
    "welcome": lambda window: window.show_welcome(),
    "batch": lambda window: window.preprocess.open_batch(),
    "augment": lambda window: window.preprocess.open_augment(),
}


@pytest.mark.parametrize("name", DIALOGS)
def test_every_control_of_the_dialogs_has_a_tooltip(window, name):
    dialog = DIALOGS[name](window)  # a child of the window: closed with it
    try:
        _assert_none_missing([f"[{type(dialog).__name__}] {m}" for m in _missing_tooltips(dialog)])
    finally:
        dialog.reject()
