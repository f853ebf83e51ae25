"""The 简体中文 translation: complete for the current sources, placeholders intact, loaded into a real
window (and removed again), and the language chosen from setting, system locale, English."""

from __future__ import annotations

import importlib.util
import sys
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMainWindow, QMenu

from imgstudio.app import create_main_window
from imgstudio.core.settings import MemoryBackend, Settings
from imgstudio.ui import language
from imgstudio.ui.language import (
    add_language_menu,
    available_languages,
    choose_language,
    current_language,
    install_translator,
    remove_translators,
    tr_core,
)

ROOT = Path(__file__).resolve().parents[2]


def _load_tools():
    spec = importlib.util.spec_from_file_location("imgstudio_translation_tools", ROOT / "tools" / "translations.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


tools = _load_tools()
TS = tools.ts_path("zh_CN")


def _committed() -> dict[tuple[str, str], tools.Message]:
    return {(m.context, m.source): m for m in tools.read_ts(TS) if m.active}


# -- (1) every string of the UI is in the translation file, translated --------------------------------
@pytest.mark.skipif(tools.qt_tool("lupdate") is None, reason="pyside6-lupdate is not installed")
def test_every_source_string_has_a_finished_translation():
    with tempfile.TemporaryDirectory() as tmp:
        fresh_ts = Path(tmp) / "fresh_zh_CN.ts"
        tools.run_lupdate(fresh_ts)
        fresh = {(m.context, m.source) for m in tools.read_ts(fresh_ts) if m.active}
    committed = _committed()
    assert len(fresh) > 500  # lupdate found the interface (a broken run finds nothing)
    missing = sorted(fresh - committed.keys())
    assert not missing, f"not in {TS.name} (run `make translations`, then translate): {missing[:20]}"
    unfinished = sorted(key for key in fresh if committed[key].kind == "unfinished" or not committed[key].translation)
    assert not unfinished, f"untranslated in {TS.name}: {unfinished[:20]}"


def test_core_texts_module_lists_what_the_core_registries_show():
    assert tools.CORE_TEXTS.read_text(encoding="utf-8") == tools.render_core_texts(tools.core_texts()), (
        "imgstudio/ui/core_texts.py is out of date: run `make translations`"
    )


def test_committed_qm_is_compiled_from_the_ts():
    stale = tools.qm_mismatches(tools.qm_path("zh_CN"), tools.read_ts(TS))
    assert stale == [], "run `make translations` to recompile the .qm"


# -- (2) placeholders, tags, mnemonics and ellipses survive translation ------------------------------
def test_markers_are_found():
    assert tools.markers("&Open {0} of {1:.1f} %1 <b>x</b>…") == tools.markers("打开(&O) {1:.1f} 中的 {0} %1 <b>x</b>…")
    assert tools.markers("{count} step(s)") != tools.markers("{0} 个步骤")
    assert tools.markers("Convolution && pooling") == tools.markers("卷积与池化")  # && is a literal ampersand
    assert tools.markers("<h2>{0}</h2>") != tools.markers("<h3>{0}</h3>")


def test_every_translation_keeps_the_placeholders_of_its_source():
    messages = list(_committed().values())
    assert messages
    assert tools.marker_problems(messages) == []


def test_translations_are_chinese_where_the_source_is_a_sentence():
    """A translation left in English (copied source) is not a translation."""
    copied = [
        (m.context, m.source)
        for m in _committed().values()
        if m.translation == m.source and len(m.source.split()) > 2 and not m.source.startswith(("Conv32", "{"))
    ]
    assert copied == []


# -- (3) a window in 简体中文, and back ------------------------------------------------------------------
def _menu_titles(window: QMainWindow) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def _tab_titles(window: QMainWindow) -> list[str]:
    return [window.tabs.tabText(i) for i in range(window.tabs.count())]


@pytest.fixture
def chinese(qapp):
    """The zh_CN translators installed for one test; always removed after it."""
    installed = install_translator(qapp, "zh_CN")
    try:
        yield installed
    finally:
        remove_translators(qapp)


def _window(qtbot) -> QMainWindow:
    win = create_main_window(None, use_qsettings=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.preprocess.loaded is not None, timeout=20_000)
    return win


def test_main_window_in_chinese_then_english_again(qtbot, qapp, warnings):
    previous_locale = QLocale().name()
    installed = install_translator(qapp, "zh_CN")
    try:
        assert len(installed) == 2, "the app's .qm and Qt's own qtbase translation"
        assert current_language() == "zh_CN" and QLocale().language() == QLocale.Language.Chinese
        win = _window(qtbot)
        assert _tab_titles(win) == ["预处理", "训练", "分类", "识别", "生成", "解释"]
        assert _menu_titles(win) == ["文件(&F)", "编辑(&E)", "视图(&V)", "帮助(&H)"]
        language_menu = win.findChild(QMenu, "languageMenu")
        assert language_menu is not None and language_menu.title() == "语言(&L)"
        # texts from the core, a module-level translate, a base class method, a standard button
        assert tr_core("Resize") == "缩放" and tr_core("Gaussian blur") == "高斯模糊"
        assert win.explain.summary_page.export_button.text() == "导出 PNG…"
        assert win.train.form.data_combo.itemText(0) == "内置形状数据集（无需下载）"
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
        win.close()
    finally:
        remove_translators(qapp)
    assert current_language() == "en" and QLocale().name() == previous_locale
    win = _window(qtbot)
    assert _tab_titles(win) == ["Preprocess", "Train", "Classify", "Recognise", "Generate", "Explain"]
    assert _menu_titles(win) == ["&File", "&Edit", "&View", "&Help"]
    assert tr_core("Resize") == "Resize"
    win.close()


def test_pipeline_steps_and_numbers_follow_the_language(qtbot, chinese, warnings):
    win = _window(qtbot)
    editor = win.preprocess.editor
    editor.add_step("rotate")
    editor.set_param("angle", 12.0)
    assert editor.list.item(editor.list.count() - 1).text().endswith("旋转 (角度=12.0)")
    assert editor.step_title.text().endswith("旋转</b>")
    assert language.format_int(44401226) == "44,401,226" and language.format_percent(0.934) == "93.4%"
    win.close()


def test_english_formats_numbers_like_before():
    assert language.format_int(1234567) == "1,234,567"
    assert language.format_percent(0.9) == "90.0 %"
    assert language.format_percent(0.9, 0, nbsp=True) == "90\u00a0%"
    assert language.format_float(0.12345, 3) == "0.123"


def test_an_unknown_language_installs_nothing(qapp):
    try:
        assert install_translator(qapp, "xx") == [] and current_language() == "en"
    finally:
        remove_translators(qapp)


# -- (4) which language: setting > system locale > English ------------------------------------------
@pytest.mark.parametrize(
    ("setting", "system", "expected"),
    [
        ("zh_CN", "en_US", "zh_CN"),
        ("en", "zh_CN", "en"),
        ("", "zh_CN", "zh_CN"),
        ("", "zh_TW", "zh_CN"),  # the only Chinese translation beats English
        ("", "de_DE", "en"),
        ("fr", "de_DE", "en"),  # an unknown setting falls back like no setting
        ("", "C", "en"),
    ],
)
def test_choose_language_falls_back(setting, system, expected):
    assert choose_language(setting, QLocale(system)) == expected


def test_choose_language_reads_the_system_locale_by_default():
    assert choose_language("") == language.language_for_locale(QLocale.system())
    assert set(available_languages()) == {"en", "zh_CN"}


def test_language_menu_stores_the_choice_for_the_next_start(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    settings, backend = Settings(), MemoryBackend()
    menu = add_language_menu(window.menuBar().addMenu("&View"), settings, backend)
    actions = {action.data(): action for action in menu.actions()}
    assert list(actions) == ["", "en", "zh_CN"] and actions[""].isChecked()
    actions["zh_CN"].trigger()
    assert settings.language == "zh_CN" and backend.value("language") == "zh_CN"
    assert actions["zh_CN"].isChecked() and "applied on restart" in window.statusBar().currentMessage()
    assert Settings.load(backend).language == "zh_CN"


def test_preferences_dialog_sets_the_language(qtbot):
    from imgstudio.ui.dialogs.preferences_dialog import PreferencesDialog

    settings = Settings(language="zh_CN")
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.language_combo.currentData() == "zh_CN"
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData(""))
    dialog.accept()
    assert settings.language == ""


def test_qt_translations_folder_is_where_install_looks():
    from PySide6.QtCore import QLibraryInfo

    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    assert (folder / "qtbase_zh_CN.qm").exists()
    assert language.qm_path("zh_CN").exists()


def test_no_translator_is_left_installed():
    assert current_language() == "en"
    assert QApplication.translate("MainWindow", "Preprocess") == "Preprocess"
