"""Keyboard navigation: Tab walks every form of every tab from its first row to its last."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QWidget


def focus_chain(root: QWidget) -> list[QWidget]:
    """The widgets Tab visits, in order, starting anywhere in the window (one full cycle)."""
    window = root.window()
    chain, widget = [], window.nextInFocusChain()
    while widget is not window and len(chain) < 10_000:
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus:
            chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain


def row_fields(form: QFormLayout) -> list[QWidget]:
    """The focusable widget of each row, top to bottom (the field's first one for a row of several)."""
    fields = []
    for row in range(form.rowCount()):
        item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        if item is None:
            continue
        candidates = [item.widget()] if item.widget() is not None else []
        if item.layout() is not None:
            candidates = [item.layout().itemAt(i).widget() for i in range(item.layout().count())]
        for widget in [w for w in candidates if w is not None]:
            focusable = [widget, *widget.findChildren(QWidget)]
            tabbable = [w for w in focusable if w.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus]
            if tabbable:
                fields.append(tabbable[0])
                break
    return fields


def test_tab_follows_every_forms_rows_in_order(window):
    order = {widget: i for i, widget in enumerate(focus_chain(window))}
    checked = 0
    problems = []
    for index in range(window.tabs.count()):
        tab = window.tabs.widget(index)
        for form in tab.findChildren(QFormLayout):
            fields = [f for f in row_fields(form) if f in order]
            positions = [order[f] for f in fields]
            checked += len(fields)
            if positions != sorted(positions):
                names = [f"{type(f).__name__}({getattr(f, 'text', lambda: '')() or f.toolTip()[:30]})" for f in fields]
                problems.append(f"{type(tab).__name__}: {names} visited as {positions}")
    assert checked > 60  # every tab's forms were found
    assert not problems, "\n".join(problems)
