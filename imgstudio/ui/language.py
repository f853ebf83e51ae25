"""The interface language: which one to use, its translators, the menu that changes it, and
number formatting that follows the chosen locale.

English is the source language (no translator). A choice made in the menu or in Preferences is
stored in the settings and applied on the next start, because the widgets already built keep
the texts they were made with.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMainWindow, QMenu, QMenuBar, QMessageBox, QWidget

from imgstudio.core.settings import Settings, SettingsBackend

log = logging.getLogger("imgstudio.language")

TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "resources" / "translations"
"""Where ``imgstudio_<code>.ts`` and the compiled ``imgstudio_<code>.qm`` live."""
SOURCE_LANGUAGE = "en"
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
"""Language code -> its name in that language (menu entries are never translated)."""
CORE_CONTEXT = "Core"
"""Translation context of texts that come from the core (operation names, model descriptions…)."""

_installed: list[QTranslator] = []
_current = SOURCE_LANGUAGE
_previous_locale: QLocale | None = None


def available_languages() -> dict[str, str]:
    """Language code -> native name, for every language the interface is translated to."""
    return dict(LANGUAGES)


def qm_path(code: str) -> Path:
    """The compiled translation of the app for ``code``."""
    return TRANSLATIONS_DIR / f"imgstudio_{code}.qm"


def language_for_locale(locale: QLocale) -> str:
    """The interface language for ``locale``: the translation of its language, else English.

    Every Chinese locale gets 简体中文 (the only Chinese translation), other languages English.
    """
    for code in LANGUAGES:
        if code != SOURCE_LANGUAGE and QLocale(code).language() == locale.language():
            return code
    return SOURCE_LANGUAGE


def choose_language(setting: str = "", system: QLocale | None = None) -> str:
    """The language to start in: the stored setting if it names a known language, else the
    system locale's (``QLocale.system()`` unless ``system`` is given), else English."""
    if setting in LANGUAGES:
        return setting
    return language_for_locale(system if system is not None else QLocale.system())


def current_language() -> str:
    """The language whose translators are installed now (English when none are)."""
    return _current


def install_translator(app: QCoreApplication, code: str) -> list[QTranslator]:
    """Install the app's translation for ``code`` and Qt's own (standard buttons and dialogs),
    and make ``code``'s locale the default for number formatting. Replaces what an earlier call
    installed; English installs no translator. Returns the installed translators."""
    global _current, _previous_locale
    remove_translators(app)
    code = code if code in LANGUAGES else SOURCE_LANGUAGE
    translators: list[QTranslator] = []
    if code != SOURCE_LANGUAGE:
        app_translator = QTranslator(app)
        if app_translator.load(str(qm_path(code))):
            translators.append(app_translator)
            qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            qt_translator = QTranslator(app)
            if qt_translator.load(f"qtbase_{code}", qt_folder):
                translators.append(qt_translator)
            else:
                log.info("Qt's own %s translation is not in %s", code, qt_folder)
        else:
            log.warning("no translation file for %s at %s: the interface stays in English", code, qm_path(code))
            code = SOURCE_LANGUAGE
    _previous_locale = QLocale()
    QLocale.setDefault(_locale_for(code))
    for translator in translators:
        app.installTranslator(translator)
        _installed.append(translator)
    _current = code
    return list(_installed)


def _locale_for(code: str) -> QLocale:
    """The system locale when it speaks ``code`` (keeping its country's conventions: en_GB,
    zh_SG…), else ``code``'s own."""
    system = QLocale.system()
    if language_for_locale(system) == code and system.language() != QLocale.Language.C:
        return system
    return QLocale(code)


def remove_translators(app: QCoreApplication) -> None:
    """Undo :func:`install_translator`: English texts and the locale from before."""
    global _current, _previous_locale
    for translator in _installed:
        app.removeTranslator(translator)
        translator.deleteLater()
    _installed.clear()
    if _previous_locale is not None:
        QLocale.setDefault(_previous_locale)
        _previous_locale = None
    _current = SOURCE_LANGUAGE


def add_language_menu(
    parent_menu: QMenuBar | QMenu, settings: Settings, backend: SettingsBackend | None = None
) -> QMenu:
    """Add a "Language" submenu: "System default" and each language, the stored choice checked.

    A choice is stored in ``settings`` (and at once in ``backend`` when given) and takes effect
    on the next start, which the status bar (or a message box) says.
    """
    menu = QMenu(QCoreApplication.translate("Language", "&Language"), parent_menu)
    menu.setObjectName("languageMenu")
    group = QActionGroup(menu)
    group.setExclusive(True)
    system_name = LANGUAGES[choose_language("")]
    entries = [("", QCoreApplication.translate("Language", "System default ({0})").format(system_name))]
    entries += list(LANGUAGES.items())
    for code, name in entries:
        action = QAction(name, menu)
        action.setCheckable(True)
        action.setChecked(code == (settings.language if settings.language in LANGUAGES else ""))
        action.setData(code)
        action.triggered.connect(lambda _checked=False, c=code: _choose(menu, settings, backend, c))
        group.addAction(action)
        menu.addAction(action)
    if isinstance(parent_menu, QMenu) and parent_menu.actions():
        parent_menu.addSeparator()
    parent_menu.addMenu(menu)
    return menu


def _choose(menu: QMenu, settings: Settings, backend: SettingsBackend | None, code: str) -> None:
    settings.language = code
    if backend is not None:
        backend.set_value("language", code)
    chosen = LANGUAGES[choose_language(code)]
    if choose_language(code) == current_language():
        text = QCoreApplication.translate("Language", "Language: {0}").format(chosen)
    else:
        text = QCoreApplication.translate("Language", "Language: {0} — applied on restart").format(chosen)
    window = _main_window(menu)
    if window is not None:
        window.statusBar().showMessage(text, 10_000)
    else:
        QMessageBox.information(menu.parentWidget(), QCoreApplication.translate("Language", "Language"), text)


def _main_window(widget: QWidget | None) -> QMainWindow | None:
    while widget is not None and not isinstance(widget, QMainWindow):
        widget = widget.parentWidget()
    return widget


def tr_core(text: str) -> str:
    """``text`` from the core (an operation's label, a parameter's help…) in the interface language;
    ``imgstudio/ui/core_texts.py`` lists every such text for the translation file."""
    return QCoreApplication.translate(CORE_CONTEXT, text) if text else text


# -- numbers in the chosen locale ---------------------------------------------------------------
def _locale() -> QLocale:
    """The default locale; the bare "C" locale (no LANG set) formats like US English."""
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    return locale


def format_int(value: int) -> str:
    """A count with the locale's digit grouping, e.g. ``12,345``."""
    return _locale().toString(int(value))


def format_float(value: float, decimals: int = 2) -> str:
    """A fixed-point number with the locale's decimal separator."""
    return _locale().toString(float(value), "f", decimals)


def format_significant(value: float, digits: int = 3) -> str:
    """``value`` to ``digits`` significant digits (like ``{:.3g}``) with the locale's separators."""
    return _locale().toString(float(value), "g", digits)


def format_percent(fraction: float, decimals: int = 1, *, nbsp: bool = False) -> str:
    """``fraction`` (0..1) as a percentage in the locale's way (``93.4 %`` / ``93.4%``);
    ``nbsp`` keeps number and sign together where text wraps."""
    text = QCoreApplication.translate("Language", "{0} %").format(format_float(fraction * 100, decimals))
    return text.replace(" ", "\u00a0") if nbsp else text
