"""The main window: tabs, menus, status bar, drag and drop, orderly shutdown."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox, QTabWidget, QWidget

from imgstudio.core.settings import Settings, SettingsBackend
from imgstudio.ui.dialogs.about_dialog import AboutDialog
from imgstudio.ui.dialogs.preferences_dialog import PreferencesDialog
from imgstudio.ui.dialogs.shortcuts_dialog import ShortcutsDialog
from imgstudio.ui.dialogs.welcome_dialog import WelcomeDialog
from imgstudio.ui.language import add_language_menu
from imgstudio.ui.tabs.classify import ClassifyTab
from imgstudio.ui.tabs.explain import ExplainTab
from imgstudio.ui.tabs.generate import GenerateTab
from imgstudio.ui.tabs.preprocess import PreprocessTab
from imgstudio.ui.tabs.recognise import RecogniseTab
from imgstudio.ui.tabs.train import TrainTab
from imgstudio.ui.window_state import restore_window_state, save_window_state

DETECT_SAMPLE = Path(__file__).parent.parent / "resources" / "samples" / "faces_people.jpg"
"""What the Recognise tab shows first: the bundled detectors find two faces and a person in it."""


class MainWindow(QMainWindow):
    """Hosts the tabs. Only tabs that are built are shown."""

    def __init__(self, settings: Settings, backend: SettingsBackend | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.backend = backend
        self.setWindowTitle("imgstudio")
        self.setAcceptDrops(True)
        self.resize(1440, 900)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.preprocess = PreprocessTab(settings)
        self.tabs.addTab(self.preprocess, self.tr("Preprocess"))
        self.train = TrainTab(settings, pipeline_source=lambda: self.preprocess.pipeline)
        self.tabs.addTab(self.train, self.tr("Train"))
        self.classify = ClassifyTab(settings)
        self.tabs.addTab(self.classify, self.tr("Classify"))
        self.recognise = RecogniseTab(settings)
        self.tabs.addTab(self.recognise, self.tr("Recognise"))
        self.generate = GenerateTab(settings)
        self.tabs.addTab(self.generate, self.tr("Generate"))
        self.explain = ExplainTab(settings)
        self.tabs.addTab(self.explain, self.tr("Explain"))
        self.setCentralWidget(self.tabs)
        for tab in (self.preprocess, self.train, self.classify, self.recognise, self.generate, self.explain):
            tab.sigStatus.connect(lambda msg: self.statusBar().showMessage(msg, 8000))
        self.train.sigModelReady.connect(self.open_model_in_classify)
        self.classify.sigModelLoaded.connect(self.explain.set_model)
        self.classify.sigExplain.connect(self.explain_image)
        self.explain.sigLoadModelRequested.connect(self.classify.choose_model_file)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.preprocess.sigOpened.connect(self._remember_recent)
        self.recent_menu = QMenu(self.tr("Open recent"), self)
        self._build_menus()
        self.statusBar().showMessage(self.tr("Open an image, or drop one on the window"))
        self.restore_state()

    def _build_menus(self) -> None:
        actions = self.preprocess.actions
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        for key in ("open", "open_folder"):
            file_menu.addAction(actions[key])
        file_menu.addMenu(self.recent_menu)
        self._rebuild_recent()
        file_menu.addAction(actions["save_result"])
        file_menu.addSeparator()
        for key in ("load_pipeline", "save_pipeline", "batch"):
            file_menu.addAction(actions[key])
        file_menu.addSeparator()
        self._add_action(file_menu, self.tr("Quit"), self.close, QKeySequence.StandardKey.Quit, "Ctrl+Q")
        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        edit_menu.addAction(actions["undo"])
        edit_menu.addAction(actions["redo"])
        edit_menu.addSeparator()
        preferences = self._add_action(
            edit_menu, self.tr("Preferences…"), self.show_preferences, QKeySequence.StandardKey.Preferences, "Ctrl+,"
        )
        preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        view_menu.addAction(actions["fit"])
        view_menu.addAction(actions["augment"])
        view_menu.addSeparator()
        for index in range(self.tabs.count()):
            self._add_action(
                view_menu,
                self.tr("Go to {0}").format(self.tabs.tabText(index)),
                lambda _checked=False, i=index: self.tabs.setCurrentIndex(i),
                QKeySequence(f"Ctrl+{index + 1}"),
            )
        add_language_menu(view_menu, self.settings, self.backend)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self._add_action(help_menu, self.tr("Welcome…"), self.show_welcome)
        self._add_action(
            help_menu, self.tr("Keyboard shortcuts"), self.show_shortcuts, QKeySequence.StandardKey.HelpContents, "F1"
        )
        self._add_action(help_menu, self.tr("About imgstudio"), self.show_about).setMenuRole(QAction.MenuRole.AboutRole)

    def _add_action(
        self,
        menu: QMenu,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | None = None,
        fallback: str = "",
    ) -> QAction:
        """A menu action; a platform-standard key that this platform leaves unbound gets ``fallback``."""
        action = QAction(text, self)
        if isinstance(shortcut, QKeySequence.StandardKey):
            keys = QKeySequence.keyBindings(shortcut)
            action.setShortcuts(keys if keys else [QKeySequence(fallback)] if fallback else [])
        elif shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _remember_recent(self, path: str) -> None:
        self.settings.add_recent(path)
        self._rebuild_recent()
        self.setWindowTitle(f"{Path(path).name} — imgstudio")

    def _rebuild_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.settings.recent_files:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _c=False, p=path: self.preprocess.open_path(p))
        self.recent_menu.setEnabled(bool(self.settings.recent_files))

    def open_model_in_classify(self, path: str) -> None:
        """Show the Classify tab with the model file ``path`` (from a finished run)."""
        self.tabs.setCurrentWidget(self.classify)
        self.classify.load_model_file(path)

    def explain_image(self, path: str) -> None:
        """Show the Explain tab's Grad-CAM of ``path`` (from the Classify tab)."""
        self.tabs.setCurrentWidget(self.explain)
        self.explain.explain(path)

    def _on_tab_changed(self) -> None:
        if self.tabs.currentWidget() is self.recognise and self.recognise.image is None and DETECT_SAMPLE.exists():
            self.recognise.open_image(str(DETECT_SAMPLE))
        loaded = self.preprocess.loaded
        if self.tabs.currentWidget() is self.explain and self.explain.image is None and loaded is not None:
            self.explain.set_image(loaded.image, Path(self.preprocess.current_path).name)

    def show_preferences(self) -> PreferencesDialog:
        dialog = PreferencesDialog(self.settings, self)
        dialog.setModal(True)
        dialog.show()
        return dialog

    def show_welcome(self) -> WelcomeDialog:
        dialog = WelcomeDialog(self.settings, self.backend, self)
        dialog.sigArticleDemo.connect(self.show_article_demo)
        dialog.sigOpenImage.connect(self._choose_image)
        dialog.setModal(True)
        dialog.show()
        return dialog

    def show_article_demo(self) -> None:
        """The Train tab set up with the article's CNN on shapes; the user presses Start."""
        self.tabs.setCurrentWidget(self.train)
        self.train.use_article_demo()

    def _choose_image(self) -> None:
        self.tabs.setCurrentWidget(self.preprocess)
        self.preprocess.actions["open"].trigger()

    def show_about(self) -> AboutDialog:
        dialog = AboutDialog(self)
        dialog.show()
        return dialog

    def show_shortcuts(self) -> ShortcutsDialog:
        dialog = ShortcutsDialog(self)
        dialog.show()
        return dialog

    # -- drag and drop -------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if not urls:
            return
        if self.tabs.currentWidget() is self.explain:
            self.explain.open_image(urls[0])
        elif self.tabs.currentWidget() is self.recognise:
            self.recognise.open_path(urls[0])
        elif self.tabs.currentWidget() is self.classify and self.classify.model is not None:
            if Path(urls[0]).is_dir():  # a drop on the Classify tab classifies
                self.classify.predict_folder(urls[0])
            else:
                self.classify.predict_image(urls[0])
        else:
            self.preprocess.open_path(urls[0])
        event.acceptProposedAction()

    # -- state ------------------------------------------------------------------------
    def restore_state(self) -> None:
        """The geometry, tab and splitter positions the settings remember from the last close."""
        restore_window_state(self, self.tabs, self.settings)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.train.is_running() or self.generate.is_running() or self.recognise.is_running():
            answer = QMessageBox.question(
                self,
                self.tr("Training is running"),
                self.tr("Stop the training and quit? The weights learnt so far are saved in the run folder."),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
            self.statusBar().showMessage(self.tr("Stopping the training and saving…"))
        self.train.shutdown()
        self.classify.shutdown()
        self.explain.shutdown()
        self.recognise.shutdown()
        self.generate.shutdown()
        self.preprocess.shutdown()
        save_window_state(self, self.tabs, self.settings)
        if self.backend is not None:
            self.settings.save(self.backend)
        event.accept()


__all__ = ["MainWindow", "Qt"]
