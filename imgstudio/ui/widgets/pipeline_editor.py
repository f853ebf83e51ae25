"""The pipeline editor: ordered steps (add, remove, drag to reorder, enable) and a
parameter form generated from the selected operation's specs.

The editor edits the :class:`Pipeline` it was given in place and reports every edit
with ``sigEdited(label, merge_key, final)``; the owner records history and previews.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from imgstudio.core.ops import OPS
from imgstudio.core.params import is_range
from imgstudio.core.pipeline import Pipeline, Step
from imgstudio.ui.language import SOURCE_LANGUAGE, current_language, tr_core
from imgstudio.ui.widgets.param_controls import make_control

_STEP_ROLE = Qt.ItemDataRole.UserRole


def default_step(op: str, image_size: tuple[int, int] | None) -> Step:
    """A new step of ``op``; crop and resize start from the current image's size."""
    if image_size is None:
        return Step.create(op)
    w, h = image_size
    if op == "crop":
        return Step.create(op, x=w // 4, y=h // 4, width=max(1, w // 2), height=max(1, h // 2))
    if op == "resize":
        return Step.create(op, width=max(1, w // 2), height=max(1, h // 2))
    return Step.create(op)


def step_summary(step: Step) -> str:
    """:meth:`Step.summary` in the interface language: operation, parameter titles and choices."""
    if current_language() == SOURCE_LANGUAGE:
        return step.summary()
    parts = []
    for p in step.spec.params:
        value = step.params[p.name]
        if value == p.default:
            continue
        if is_range(value):
            value = f"{value['min']}..{value['max']}" if "min" in value else "|".join(map(str, value["choices"]))
        elif p.kind == "choice":
            value = tr_core(str(value).replace("_", " "))
        elif p.kind == "bool":
            on = QCoreApplication.translate("PipelineEditor", "on")
            value = on if value else QCoreApplication.translate("PipelineEditor", "off")
        parts.append(f"{tr_core(p.title)}={value}")
    detail = f" ({', '.join(parts)})" if parts else ""
    return f"{tr_core(step.spec.label)}{detail}"


class PipelineEditor(QWidget):
    """List of steps + parameter form."""

    sigEdited = Signal(str, object, bool)
    """(undo label, merge key or None, final)."""
    sigSelectionChanged = Signal(int)
    sigMessage = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pipeline = Pipeline()
        self.image_size: tuple[int, int] | None = None
        self._controls: dict[str, QWidget] = {}

        self.list = QListWidget()
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setToolTip(self.tr("Steps run top to bottom. Drag to reorder, tick to enable."))
        self.list.currentRowChanged.connect(self._on_row_changed)
        self.list.itemChanged.connect(self._on_item_changed)
        self.list.model().rowsMoved.connect(self._on_rows_moved)

        self.add_button = QToolButton()
        self.add_button.setText(self.tr("Add step"))
        self.add_button.setToolTip(self.tr("Add an operation at the end of the pipeline"))
        self.add_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.add_menu = self._build_add_menu()
        self.add_button.setMenu(self.add_menu)
        self.remove_button = self._tool_button(self.tr("Remove"), self.tr("Remove the selected step (Delete)"))
        self.up_button = self._tool_button("▲", self.tr("Move the selected step up"))
        self.down_button = self._tool_button("▼", self.tr("Move the selected step down"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        delete = QAction(self.list)
        delete.setShortcut(QKeySequence.StandardKey.Delete)
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.remove_selected)
        self.list.addAction(delete)

        buttons = QHBoxLayout()
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        quick = QHBoxLayout()
        quick.addWidget(QLabel(self.tr("Quick add:")))
        for op in ("resize", "rotate", "crop", "translate"):
            button = self._tool_button(tr_core(OPS[op].label), tr_core(OPS[op].description))
            button.setObjectName(f"quick_{op}")
            button.clicked.connect(lambda _c=False, name=op: self.add_step(name))
            quick.addWidget(button)
        quick.addStretch(1)
        self.empty_hint = QLabel(
            self.tr("The pipeline is empty. Add a step: the article's four operations are one click away above.")
        )
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setObjectName("emptyHint")

        self.step_title = QLabel()
        self.step_title.setObjectName("stepTitle")
        self.step_help = QLabel()
        self.step_help.setWordWrap(True)
        self.step_help.setObjectName("stepHelp")
        self.form_host = QWidget()
        self.form = QFormLayout(self.form_host)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form_host)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(QLabel(self.tr("<b>Pipeline</b>")))
        layout.addLayout(buttons)
        layout.addLayout(quick)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.list, 2)
        layout.addWidget(self.step_title)
        layout.addWidget(self.step_help)
        layout.addWidget(scroll, 3)
        self._update_buttons()

    def _tool_button(self, text: str, tip: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        return button

    def _build_add_menu(self) -> QMenu:
        menu = QMenu(self)
        sections: dict[str, QMenu] = {}
        for name, spec in OPS.items():
            if spec.category not in sections:
                sections[spec.category] = menu.addMenu(tr_core(spec.category))
            action = sections[spec.category].addAction(tr_core(spec.label))
            action.setToolTip(tr_core(spec.description))
            action.setData(name)
            action.triggered.connect(lambda _checked=False, op=name: self.add_step(op))
        return menu

    # -- public API ------------------------------------------------------------------
    def set_pipeline(self, pipeline: Pipeline, select: int | None = None) -> None:
        """Show ``pipeline`` (edited in place from now on) and select a step."""
        self.pipeline = pipeline
        self._rebuild_list()
        count = len(pipeline.steps)
        row = min(select if select is not None else count - 1, count - 1)
        self.list.setCurrentRow(row)
        self._rebuild_form()

    def selected_index(self) -> int:
        return self.list.currentRow()

    def add_step(self, op: str) -> None:
        self.pipeline.steps.append(default_step(op, self.image_size))
        self._rebuild_list()
        self.list.setCurrentRow(len(self.pipeline.steps) - 1)
        self.sigEdited.emit(self.tr("Add {0}").format(tr_core(OPS[op].label)), None, True)

    def remove_selected(self) -> None:
        row = self.selected_index()
        if row < 0:
            return
        step = self.pipeline.steps.pop(row)
        self._rebuild_list()
        self.list.setCurrentRow(min(row, len(self.pipeline.steps) - 1))
        self._rebuild_form()
        self.sigEdited.emit(self.tr("Remove {0}").format(tr_core(step.spec.label)), None, True)

    def move_selected(self, delta: int) -> None:
        row = self.selected_index()
        target = row + delta
        if row < 0 or not 0 <= target < len(self.pipeline.steps):
            return
        steps = self.pipeline.steps
        steps[row], steps[target] = steps[target], steps[row]
        self._rebuild_list()
        self.list.setCurrentRow(target)
        self.sigEdited.emit(self.tr("Move {0}").format(tr_core(steps[target].spec.label)), None, True)

    def set_image_size(self, size: tuple[int, int] | None) -> None:
        """The current image's (width, height): pixel sliders and new crops follow it."""
        self.image_size = size
        self._rebuild_form()

    def set_param(self, name: str, value: Any, final: bool = True) -> None:
        """Change a parameter of the selected step as if the user had."""
        self.set_params({name: value}, final, merge=name)

    def set_params(self, values: dict[str, Any], final: bool = True, merge: str = "drag") -> None:
        """Change several parameters of the selected step as ONE edit (drag tools).

        Consecutive calls with the same ``merge`` name undo together until a final one.
        """
        row = self.selected_index()
        if row < 0:
            return
        step = self.pipeline.steps[row]
        try:
            checked = {name: step.spec.param(name).validate(value) for name, value in values.items()}
        except ValueError as exc:
            self.sigMessage.emit(f"{tr_core(step.spec.label)}: {exc}")
            return
        for name, value in checked.items():
            control = self._controls.get(name)
            if control is not None:
                control.set_value(value)  # type: ignore[attr-defined]
        self._commit(step, checked, final, merge)

    # -- list ----------------------------------------------------------------------------
    def _rebuild_list(self) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for index, step in enumerate(self.pipeline.steps):
            item = QListWidgetItem()
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsDragEnabled)
            item.setData(_STEP_ROLE, id(step))
            self._label_item(item, index, step)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self._update_buttons()

    def _label_item(self, item: QListWidgetItem, index: int, step: Step) -> None:
        item.setText(f"{index + 1}. {step_summary(step)}" + ("  🎲" if step.is_random() else ""))
        item.setCheckState(Qt.CheckState.Checked if step.enabled else Qt.CheckState.Unchecked)
        item.setToolTip(tr_core(step.spec.description))

    def _refresh_labels(self) -> None:
        self.list.blockSignals(True)
        for index, step in enumerate(self.pipeline.steps):
            item = self.list.item(index)
            if item is not None:
                self._label_item(item, index, step)
        self.list.blockSignals(False)

    def _update_buttons(self) -> None:
        self.empty_hint.setVisible(not self.pipeline.steps)
        has = self.selected_index() >= 0
        self.remove_button.setEnabled(has)
        self.up_button.setEnabled(has and self.selected_index() > 0)
        self.down_button.setEnabled(has and self.selected_index() < len(self.pipeline.steps) - 1)

    def _on_row_changed(self, row: int) -> None:
        self._update_buttons()
        self._rebuild_form()
        self.sigSelectionChanged.emit(row)

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        row = self.list.row(item)
        if not 0 <= row < len(self.pipeline.steps):
            return
        step = self.pipeline.steps[row]
        enabled = item.checkState() == Qt.CheckState.Checked
        if enabled != step.enabled:
            step.enabled = enabled
            verb = self.tr("Enable {0}") if enabled else self.tr("Disable {0}")
            self.sigEdited.emit(verb.format(tr_core(step.spec.label)), None, True)
            self.sigSelectionChanged.emit(self.selected_index())  # drag tools follow the enabled state

    def _on_rows_moved(self, *_args: object) -> None:
        by_id = {id(s): s for s in self.pipeline.steps}
        order = [by_id[self.list.item(i).data(_STEP_ROLE)] for i in range(self.list.count())]
        if order == self.pipeline.steps:
            return
        self.pipeline.steps[:] = order
        row = self.selected_index()
        self._refresh_labels()
        self._update_buttons()
        self._rebuild_form()
        self.sigEdited.emit(self.tr("Reorder steps"), None, True)
        self.sigSelectionChanged.emit(row)

    # -- parameter form ---------------------------------------------------------------------
    def _rebuild_form(self) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self._controls = {}
        row = self.selected_index()
        if not 0 <= row < len(self.pipeline.steps):
            self.step_title.setText(self.tr("No step selected"))
            self.step_help.setText(self.tr("Add a step with “Add step”."))
            return
        step = self.pipeline.steps[row]
        spec = step.spec
        self.step_title.setText(f"<b>{row + 1}. {tr_core(spec.label)}</b>")
        self.step_help.setText(tr_core(spec.description))
        extent = max(self.image_size) if self.image_size else None
        for param in spec.params:
            control = make_control(param, step.params[param.name], extent)
            control.sigChanged.connect(  # type: ignore[attr-defined]
                lambda value, final, name=param.name, s=step: self._apply_param(s, name, value, final)
            )
            control.setObjectName(f"param_{param.name}")
            self._controls[param.name] = control
            self.form.addRow(tr_core(param.title), control)
        probability = QDoubleSpinBox()
        probability.setObjectName("param_probability")
        probability.setRange(0.0, 1.0)
        probability.setSingleStep(0.1)
        probability.setValue(step.probability)
        probability.setToolTip(self.tr("Augmentation: chance that this step is applied to an image (preview: always)"))
        probability.valueChanged.connect(lambda v, s=step: self._apply_probability(s, v))
        self.form.addRow(self.tr("Probability"), probability)

    def _apply_param(self, step: Step, name: str, value: Any, final: bool) -> None:
        """A control changed: validate, or put the control back and say why."""
        param = step.spec.param(name)
        try:
            value = param.validate(value)
        except ValueError as exc:
            control = self._controls.get(name)
            if control is not None:
                control.set_value(step.params[name])  # type: ignore[attr-defined]
            self.sigMessage.emit(f"{tr_core(step.spec.label)}: {exc}")
            return
        self._commit(step, {name: value}, final, name)

    def _commit(self, step: Step, values: dict[str, Any], final: bool, merge: str) -> None:
        if all(step.params[k] == v for k, v in values.items()) and not final:
            return
        step.params.update(values)
        self._refresh_labels()
        if len(values) == 1:
            title = tr_core(step.spec.param(next(iter(values))).title)
            label = self.tr("Change {0} {1}").format(tr_core(step.spec.label), title.lower())
        else:
            label = self.tr("Change {0}").format(tr_core(step.spec.label))
        self.sigEdited.emit(label, f"{id(step)}.{merge}", final)

    def _apply_probability(self, step: Step, value: float) -> None:
        step.probability = float(value)
        self._refresh_labels()
        self.sigEdited.emit(self.tr("Change {0} probability").format(tr_core(step.spec.label)), f"{id(step)}.p", True)
