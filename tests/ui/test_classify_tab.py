"""The Classify tab against the real core: a small model trained once, a labelled folder."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from imgstudio.core.ml import infer as core_infer
from imgstudio.core.ml.evaluate import evaluate_folder
from imgstudio.core.ml.infer import load_model, predict_paths
from imgstudio.core.ml.shapes import SHAPE_CLASSES, make_shapes_folder
from imgstudio.ui.tabs.classify import SORT_ROLE, ClassifyTab, PredictionTableModel

WAIT_MS = 20_000


@pytest.fixture(scope="module")
def core_model(model_file):
    return load_model(model_file, "cpu")


@pytest.fixture(scope="module")
def labelled(tmp_path_factory) -> Path:
    return make_shapes_folder(tmp_path_factory.mktemp("labelled"), per_class=6, image_size=32, seed=3)


@pytest.fixture
def tab(qtbot, warnings, monkeypatch, tmp_path):
    monkeypatch.setenv("IMGSTUDIO_HOME", str(tmp_path / "home"))
    widget = ClassifyTab()
    widget.device = "cpu"
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.shutdown()


def _idle(qtbot, tab: ClassifyTab) -> None:
    qtbot.waitUntil(lambda: not tab.is_busy(), timeout=WAIT_MS)


def _load(qtbot, tab: ClassifyTab, path: Path) -> None:
    tab.load_model_file(str(path))
    _idle(qtbot, tab)


def _action_buttons(tab: ClassifyTab) -> list:
    return [tab.load_button, tab.open_image_button, tab.choose_folder_button, tab.evaluate_button]


def test_importing_the_tab_does_not_import_torch():
    code = "import sys, imgstudio.ui.tabs.classify; print('torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_actions_wait_for_a_model_then_label_describes_it(qtbot, tab, model_file, warnings):
    for button in (tab.open_image_button, tab.choose_folder_button, tab.evaluate_button):
        assert not button.isEnabled() and "load a model first" in button.toolTip()
    assert not tab.export_csv_button.isEnabled() and not tab.folder_cancel.isEnabled()
    tab.predict_image("anything.png")  # refused, not crashed
    assert not tab.is_busy()

    _load(qtbot, tab, model_file)
    text = tab.model_label.text()
    assert all(name in text for name in SHAPE_CLASSES)
    assert "small-cnn" in text and "32×32" in text and "best.safetensors" in text
    assert tab.model is not None and tab.model.classes == list(SHAPE_CLASSES)
    assert all(b.isEnabled() for b in _action_buttons(tab)) and not warnings


def test_recent_runs_load_best_or_else_last(qtbot, tab, model_file, tmp_path):
    runs = tmp_path / "home" / "runs"
    for name, file_name in (("run-a", "best.safetensors"), ("run-b", "last.safetensors"), ("run-c", None)):
        (runs / name).mkdir(parents=True)
        (runs / name / "run.json").write_text(json.dumps({"model": "small-cnn", "final": {"val_accuracy": 0.9}}))
        if file_name:
            shutil.copy(model_file, runs / name / file_name)
        time.sleep(0.01)  # distinct modification times: newest first
    tab.refresh_runs()
    items = [tab.runs_combo.itemText(i) for i in range(tab.runs_combo.count())]
    assert len(items) == 3 and items[1].startswith("run-b") and items[2].startswith("run-a")
    assert "small-cnn" in items[1] and "90.0 %" in items[1]  # run-c has no model file: not listed
    tab.runs_combo.activated.emit(1)
    _idle(qtbot, tab)
    assert tab.model_path == str(runs / "run-b" / "last.safetensors")
    tab.runs_combo.activated.emit(2)
    _idle(qtbot, tab)
    assert tab.model_path == str(runs / "run-a" / "best.safetensors")


def test_predict_image_bars_match_the_core(qtbot, tab, model_file, core_model, labelled):
    _load(qtbot, tab, model_file)
    path = str(labelled / "star" / "star_0001.png")
    tab.predict_image(path)
    _idle(qtbot, tab)
    scores = tab.bars.scores()
    expected = next(predict_paths(core_model, [path], top_k=5))
    assert sorted(name for name, _ in scores) == sorted(SHAPE_CLASSES)
    assert sum(p for _, p in scores) == pytest.approx(1.0, abs=1e-4)
    assert scores[0][0] == expected.label == tab.image_prediction.label
    assert dict(scores) == pytest.approx(dict(expected.top), abs=1e-5)
    assert tab.image_result.text().startswith(expected.label)
    assert tab.image_view.image is not None


def test_dropping_an_image_on_the_image_page_classifies_it(qtbot, tab, model_file, labelled):
    _load(qtbot, tab, model_file)
    path = str(labelled / "circle" / "circle_0000.png")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(path)])
    page = tab.pages.widget(0)
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(page.rect().center(), Qt.DropAction.CopyAction, mime, buttons, modifiers)
    QApplication.sendEvent(page, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(page, QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, buttons, modifiers))
    _idle(qtbot, tab)
    assert tab.image_prediction is not None and tab.image_prediction.path == path


def test_broken_model_file_warns_by_name_and_keeps_the_loaded_model(qtbot, tab, model_file, tmp_path, warnings):
    _load(qtbot, tab, model_file)
    model, label = tab.model, tab.model_label.text()
    broken = tmp_path / "broken.safetensors"
    broken.write_bytes(b"garbage, not a model")
    _load(qtbot, tab, broken)
    assert len(warnings) == 1 and "broken.safetensors" in warnings[0][1] and "\n" not in warnings[0][1]
    assert tab.model is model and tab.model_path == str(model_file) and tab.model_label.text() == label
    assert all(b.isEnabled() for b in _action_buttons(tab))


def _source_rows(tab: ClassifyTab):
    return tab.folder_model.predictions()


def test_predict_folder_rows_errors_numeric_sort_and_export(qtbot, tab, model_file, core_model, labelled, tmp_path):
    folder = tmp_path / "mixed"
    (folder / "sub").mkdir(parents=True)
    for cls in SHAPE_CLASSES:
        for k in range(2):
            shutil.copy(labelled / cls / f"{cls}_{k:04d}.png", folder / f"{cls}_{k}.png")
    (folder / "corrupt.png").write_bytes(b"this is not an image")
    shutil.copy(labelled / "star" / "star_0005.png", folder / "sub" / "deep.png")
    files = sorted(p for p in folder.iterdir() if p.is_file())
    _load(qtbot, tab, model_file)
    tab.pages.setCurrentIndex(1)
    tab.predict_folder(str(folder))  # not recursive: sub/deep.png is left out
    _idle(qtbot, tab)

    rows = _source_rows(tab)
    assert [r.path for r in rows] == [str(f) for f in files] and tab.folder_model.rowCount() == 11
    bad = [r for r in rows if r.error]
    assert [Path(r.path).name for r in bad] == ["corrupt.png"] and bad[0].error.startswith("not an image file")
    expected = {p.path: p for p in predict_paths(core_model, [str(f) for f in files], top_k=5)}
    for r in rows:
        if not r.error:
            assert r.label == expected[r.path].label and r.confidence == pytest.approx(expected[r.path].confidence)

    tab.folder_table.sortByColumn(PredictionTableModel.COL_CONFIDENCE, Qt.SortOrder.DescendingOrder)
    proxy = tab.folder_proxy
    keys = [proxy.data(proxy.index(r, PredictionTableModel.COL_CONFIDENCE), SORT_ROLE) for r in range(11)]
    shown = [proxy.data(proxy.index(r, PredictionTableModel.COL_CONFIDENCE)) for r in range(11)]
    assert keys == sorted(keys, reverse=True) and keys[-1] == -1.0 and shown[-1] == ""
    percents = [float(s.rstrip(" %")) for s in shown[:-1]]
    assert percents == sorted(percents, reverse=True)
    error_index = proxy.index(10, PredictionTableModel.COL_ERROR)
    assert proxy.data(error_index) == bad[0].error
    qtbot.waitUntil(lambda: tab.folder_thumbnails.loads_started > 0 and tab.folder_thumbnails.pending_count() == 0)

    assert tab.export_csv_button.isEnabled()
    out_csv, out_json = tmp_path / "out.csv", tmp_path / "out.json"
    assert tab.export_predictions(str(out_csv), "csv") and tab.export_predictions(str(out_json), "json")
    table = list(csv.reader(out_csv.open(encoding="utf-8")))
    assert table[0] == ["path", "label", "confidence"] + [
        f"{k}_{i}" for i in range(2, 6) for k in ("label", "confidence")
    ]
    readable = [r for r in rows if not r.error]
    assert [row[0] for row in table[1:]] == [r.path for r in readable]
    assert table[1][1] == readable[0].label and float(table[1][2]) == pytest.approx(readable[0].confidence, abs=1e-6)
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert data == [r.as_dict() for r in rows]


def test_cancel_midway_keeps_the_rows_done_and_the_ui_usable(qtbot, tab, model_file, labelled, tmp_path, monkeypatch):
    folder = tmp_path / "many"
    folder.mkdir()
    data = (labelled / "square" / "square_0000.png").read_bytes()
    total = 400
    for i in range(total):
        (folder / f"img_{i:04d}.png").write_bytes(data)
    real_read = core_infer.read_image

    def slow_read(path, *args, **kwargs):  # about 2 s for the whole folder: time to cancel
        time.sleep(0.005)
        return real_read(path, *args, **kwargs)

    monkeypatch.setattr(core_infer, "read_image", slow_read)
    _load(qtbot, tab, model_file)
    tab.batch_size = 8
    tab.pages.setCurrentIndex(1)
    tab.predict_folder(str(folder))
    assert tab.is_busy() and tab.folder_cancel.isEnabled() and not tab.choose_folder_button.isEnabled()
    qtbot.waitUntil(lambda: tab.folder_model.rowCount() >= 16, timeout=WAIT_MS)  # rows stream in while it runs
    assert tab.is_busy()
    qtbot.mouseClick(tab.folder_cancel, Qt.MouseButton.LeftButton)
    _idle(qtbot, tab)
    done = tab.folder_model.rowCount()
    assert 16 <= done < total and "Cancelled" in tab.folder_summary.text()
    assert [r.path for r in _source_rows(tab)] == [str(folder / f"img_{i:04d}.png") for i in range(done)]
    assert all(b.isEnabled() for b in _action_buttons(tab)) and not tab.folder_cancel.isEnabled()
    assert tab.folder_thumbnails.loads_started < min(done, 40)  # only the rows on screen

    monkeypatch.setattr(core_infer, "read_image", real_read)
    tab.predict_folder(str(labelled / "cross"))
    _idle(qtbot, tab)
    assert tab.folder_model.rowCount() == 6 and "6 images classified" in tab.folder_summary.text()


def test_evaluate_accuracy_matrix_and_cell_gallery(qtbot, tab, model_file, core_model, labelled):
    _load(qtbot, tab, model_file)
    tab.pages.setCurrentIndex(2)
    tab.evaluate_folder(str(labelled))
    _idle(qtbot, tab)
    core = evaluate_folder(core_model, labelled)
    assert tab.evaluation is not None and tab.evaluation.accuracy == core.accuracy
    assert f"Accuracy {core.accuracy * 100:.1f} %" in tab.accuracy_label.text()
    view = tab.matrix_view
    assert np.array_equal(view.matrix(), core.matrix)
    n = len(SHAPE_CLASSES)
    assert [[view.count(t, p) for p in range(n)] for t in range(n)] == core.matrix.tolist()
    assert [view.horizontalHeaderItem(i).text() for i in range(n)] == list(SHAPE_CLASSES)
    scores = core.as_dict()["per_class"]
    for row, name in enumerate(SHAPE_CLASSES):
        assert tab.scores_table.item(row, 0).text() == f"{scores[name]['precision']:.3f}"
        assert tab.scores_table.item(row, 3).text() == str(scores[name]["support"])

    off_diagonal = [(t, p) for t in range(n) for p in range(n) if t != p and core.matrix[t, p]]
    cells = [*off_diagonal[:1], (0, 0)]
    for t, p in cells:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.cell_rect(t, p).center())
        assert tab.cell_gallery.paths() == [str(Path(x)) for x in core.cell(t, p)]
        assert f"True {SHAPE_CLASSES[t]}, predicted {SHAPE_CLASSES[p]}" in tab.cell_title.text()

    mistakes = core.mistakes(50)
    assert tab.mistakes_gallery.paths() == [str(Path(m[0])) for m in mistakes]
    assert all("→" in c for c in tab.mistakes_gallery.captions())

    with qtbot.waitSignal(tab.cell_gallery.sigOpenImage) as opened:
        tab.cell_gallery.open_row(0)
    dialog = tab._dialogs[-1]
    assert opened.args == [tab.cell_gallery.paths()[0]] and dialog.path == opened.args[0]
    qtbot.waitUntil(lambda: dialog.view.image is not None)
    dialog.close()


def test_worker_errors_warn_and_leave_the_buttons_enabled(qtbot, tab, model_file, tmp_path, warnings):
    _load(qtbot, tab, model_file)
    (tmp_path / "data" / "hexagon").mkdir(parents=True)
    shutil.copy(model_file, tmp_path / "data" / "hexagon" / "h.png")  # any file: the class is what fails
    tab.evaluate_folder(str(tmp_path / "data"))
    _idle(qtbot, tab)
    assert len(warnings) == 1 and "hexagon" in warnings[0][1]
    assert all(b.isEnabled() for b in _action_buttons(tab)) and not tab.eval_cancel.isEnabled()

    (tmp_path / "bad.jpg").write_text("not an image")
    tab.predict_image(str(tmp_path / "bad.jpg"))
    _idle(qtbot, tab)
    assert len(warnings) == 2 and "bad.jpg: not an image file" in warnings[1][1]
    tab.predict_folder(str(tmp_path / "missing"))
    _idle(qtbot, tab)
    assert len(warnings) == 3 and "missing" in warnings[2][1]
    assert all(b.isEnabled() for b in _action_buttons(tab))
